import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startIdleMaintenance } from './idle-maintenance'
import { memoryLogger } from './logger'

describe('idle maintenance', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }))
  afterEach(() => vi.useRealTimers())
  const timing = { idleMs: 5_000, checkEveryMs: 1_000, minGapMs: 60_000 }

  it('waits for the terminal to be idle, then runs once per gap', async () => {
    const task = vi.fn(async () => {})
    const m = startIdleMaintenance(task, memoryLogger(), timing, () => Date.now())
    for (let i = 0; i < 10; i++) {
      m.touch() // someone keeps working
      await vi.advanceTimersByTimeAsync(1_000)
    }
    expect(task).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(6_000)
    expect(task).toHaveBeenCalledTimes(1)
    expect(m.lastRunAt()).not.toBeNull()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(task).toHaveBeenCalledTimes(1) // not again within the gap
    await vi.advanceTimersByTimeAsync(60_000)
    expect(task).toHaveBeenCalledTimes(2)
    await m.stop()
  })

  it('never runs twice at once, and a failure is logged, not thrown', async () => {
    let finish: () => void = () => {}
    const task = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    const logger = memoryLogger()
    const m = startIdleMaintenance(task, logger, timing, () => Date.now())
    const a = m.runNow()
    const b = m.runNow()
    expect(task).toHaveBeenCalledTimes(1)
    finish()
    await Promise.all([a, b])
    const failing = startIdleMaintenance(
      async () => Promise.reject(new Error('disk full')),
      logger,
      timing,
      () => Date.now(),
    )
    await failing.runNow()
    expect(logger.lines.some((l) => l.level === 'warn' && l.message.includes('failed'))).toBe(true)
    await m.stop()
    await failing.stop()
  })
})
