import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { FromBackend, ToBackend } from '../backend/host-protocol'
import { BackendHost, type BackendHostDeps, type UtilityProcessLike } from './backend-host'

/** A stand-in utility process: answers calls, can hang or crash on demand. */
class FakeBackendProcess extends EventEmitter implements UtilityProcessLike {
  received: ToBackend[] = []
  hang = false
  constructor(private readonly fatal?: FromBackend) {
    super()
  }
  postMessage(message: ToBackend) {
    this.received.push(message)
    queueMicrotask(() => {
      if (message.type === 'start') this.emit('message', this.fatal ?? { type: 'ready' })
      if (message.type === 'frame' && !this.hang) {
        const frame = message.frame as { id: number; method: string }
        this.emit('message', {
          type: 'frame',
          connectionId: message.connectionId,
          frame: { type: 'result', id: frame.id, result: { ok: true, value: frame.method } },
        })
      }
      if (message.type === 'shutdown') this.emit('exit', 0)
    })
  }
  kill() {
    this.emit('exit', 9)
    return true
  }
  crash() {
    this.emit('exit', 70)
  }
}

function hostWith(processes: FakeBackendProcess[]) {
  const spawned: FakeBackendProcess[] = []
  const deps: BackendHostDeps = {
    fork: () => {
      const next = processes.shift() ?? new FakeBackendProcess()
      spawned.push(next)
      return next
    },
    start: { type: 'start', dataDir: '/data', logsDir: '/logs', appVersion: '1.0.0', vaultProtection: 'file' },
    onEvent: vi.fn(),
    onFatal: vi.fn(),
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    restartDelayMs: () => 0,
  }
  const host = new BackendHost(deps)
  return { host, deps, spawned }
}

describe('backend host', () => {
  it('starts the backend with the data folder and relays calls per window', async () => {
    const { host, spawned } = hostWith([])
    host.start()
    expect(await host.invoke(3, 'system.info', {})).toEqual({ ok: true, value: 'system.info' })
    expect(spawned[0]?.received[0]).toEqual({
      type: 'start',
      dataDir: '/data',
      logsDir: '/logs',
      appVersion: '1.0.0',
      vaultProtection: 'file',
    })
    expect(spawned[0]?.received[1]).toMatchObject({
      type: 'frame',
      connectionId: 3,
      frame: { type: 'call', method: 'system.info' },
    })
  })

  it('answers pending calls OFFLINE when the backend dies, tells the windows, and restarts it', async () => {
    const first = new FakeBackendProcess()
    const { host, deps, spawned } = hostWith([first])
    host.start()
    await host.invoke(1, 'warm.up', {})
    first.hang = true
    const pending = host.invoke(1, 'system.info', {})
    await new Promise((r) => setTimeout(r, 0))
    first.crash()
    expect(await pending).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    expect(deps.onEvent).toHaveBeenCalledWith(-1, 'system.notice', expect.objectContaining({ code: 'BACKEND_RESTARTED' }))
    // The replacement serves new calls.
    expect(await host.invoke(1, 'system.health', {})).toEqual({ ok: true, value: 'system.health' })
    expect(spawned).toHaveLength(2)
    expect(deps.log.error).toHaveBeenCalled()
  })

  it('gives up after a crash loop instead of restarting for ever', async () => {
    const { host, deps } = hostWith([])
    host.start()
    let crashes = 0
    for (; crashes < 10; crashes++) {
      await host.invoke(1, 'x', {})
      const child = (host as unknown as { child: FakeBackendProcess | null }).child
      if (!child) break
      child.crash()
    }
    expect(crashes).toBe(6) // five restarts within a minute, then it stops
    expect(deps.onFatal).toHaveBeenCalledWith('CRASH_LOOP', expect.any(String))
    expect(await host.invoke(1, 'x', {})).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
  })

  it('reports a backend that cannot start (folder locked) once, without retrying', async () => {
    const { host, deps, spawned } = hostWith([
      new FakeBackendProcess({ type: 'fatal', code: 'LOCKED', message: 'in use by another Prometric process' }),
    ])
    host.start()
    expect(await host.invoke(1, 'system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', message: 'in use by another Prometric process' },
    })
    expect(deps.onFatal).toHaveBeenCalledWith('LOCKED', 'in use by another Prometric process')
    expect(spawned).toHaveLength(1)
  })

  it('shuts the backend down cleanly and does not restart it', async () => {
    const { host, spawned } = hostWith([])
    host.start()
    await host.invoke(1, 'x', {})
    await host.stop()
    expect(spawned[0]?.received.at(-1)).toEqual({ type: 'shutdown' })
    expect(spawned).toHaveLength(1)
  })

  it('forwards event frames to the window they belong to', async () => {
    const first = new FakeBackendProcess()
    const { host, deps } = hostWith([first])
    host.start()
    await host.invoke(1, 'x', {})
    first.emit('message', {
      type: 'frame',
      connectionId: 4,
      frame: { type: 'event', name: 'data.changed', payload: { tables: ['products'] } },
    })
    expect(deps.onEvent).toHaveBeenCalledWith(4, 'data.changed', { tables: ['products'] })
  })
})
