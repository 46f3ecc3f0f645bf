import { beforeEach, describe, expect, it, vi } from 'vitest'

// The electron module is replaced: the preload must expose exactly two functions and reach
// exactly two channels.
const exposed: Record<string, unknown> = {}
const ipcRenderer = {
  invoke: vi.fn(async () => ({ ok: true, value: 1 })),
  on: vi.fn(),
  removeListener: vi.fn(),
}
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer,
}))

describe('preload bridge', () => {
  beforeEach(async () => {
    vi.resetModules()
    await import('./index')
  })

  it('exposes exactly invoke and on under window.prometric', () => {
    expect(Object.keys(exposed)).toEqual(['prometric'])
    expect(Object.keys(exposed.prometric as object).sort()).toEqual(['invoke', 'on'])
  })

  it('invoke goes to the one RPC channel only', async () => {
    const bridge = exposed.prometric as { invoke(m: string, i: unknown): Promise<unknown> }
    await bridge.invoke('system.info', {})
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('prometric:invoke', 'system.info', {})
  })

  it('on delivers only the named event, and unsubscribes', () => {
    const bridge = exposed.prometric as { on(e: string, cb: (p: unknown) => void): () => void }
    const cb = vi.fn()
    const off = bridge.on('sync.status', cb)
    const [channel, listener] = ipcRenderer.on.mock.calls.at(-1) as unknown as [
      string,
      (e: unknown, n: string, p: unknown) => void,
    ]
    expect(channel).toBe('prometric:event')
    listener({}, 'data.changed', { tables: [] })
    listener({}, 'sync.status', { state: 'idle' })
    expect(cb).toHaveBeenCalledTimes(1)
    expect(cb).toHaveBeenCalledWith({ state: 'idle' })
    off()
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('prometric:event', listener)
  })
})
