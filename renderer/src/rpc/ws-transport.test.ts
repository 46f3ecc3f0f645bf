import { describe, expect, it, vi } from 'vitest'
import { wsTransport } from './ws-transport'

/** A scripted stand-in for the browser's WebSocket. */
class FakeSocket {
  static all: FakeSocket[] = []
  sent: string[] = []
  onopen: (() => void) | null = null
  onmessage: ((m: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }
  send(data: string) {
    this.sent.push(data)
  }
  answer(id: number, result: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type: 'result', id, result }) })
  }
}

function setup() {
  FakeSocket.all = []
  const transport = wsTransport({
    url: 'ws://127.0.0.1:1/rpc?token=t',
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    reconnectDelayMs: () => 0,
  })
  return { transport, socket: () => FakeSocket.all.at(-1) as FakeSocket }
}

describe('web mode transport', () => {
  it('queues calls until the socket opens, then matches answers by id', async () => {
    const { transport, socket } = setup()
    const first = transport.invoke('system.info', {})
    const second = transport.invoke('system.health', {})
    expect(socket().sent).toEqual([])
    socket().onopen?.()
    const frames = socket().sent.map((s) => JSON.parse(s) as { id: number; method: string })
    expect(frames.map((f) => f.method)).toEqual(['system.info', 'system.health'])
    socket().answer(frames[1]!.id, { ok: true, value: 'h' })
    socket().answer(frames[0]!.id, { ok: true, value: 'i' })
    expect(await first).toEqual({ ok: true, value: 'i' })
    expect(await second).toEqual({ ok: true, value: 'h' })
  })

  it('answers calls in flight OFFLINE when the socket drops, and reconnects', async () => {
    const { transport, socket } = setup()
    const states: boolean[] = []
    transport.onConnectionChange?.((c) => states.push(c))
    socket().onopen?.()
    const lost = transport.invoke('system.info', {})
    const dropped = socket()
    dropped.onclose?.()
    expect(await lost).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    await new Promise((r) => setTimeout(r, 5))
    expect(socket()).not.toBe(dropped)
    socket().onopen?.()
    expect(states).toEqual([true, false, true])
  })

  it('delivers events to their listeners and ignores garbage frames', () => {
    const { transport, socket } = setup()
    const cb = vi.fn()
    const off = transport.on('data.changed', cb)
    socket().onmessage?.({ data: 'not json' })
    socket().onmessage?.({ data: JSON.stringify({ type: 'event', name: 'data.changed', payload: { tables: ['a'] } }) })
    off()
    socket().onmessage?.({ data: JSON.stringify({ type: 'event', name: 'data.changed', payload: { tables: ['b'] } }) })
    expect(cb).toHaveBeenCalledTimes(1)
    expect(cb).toHaveBeenCalledWith({ tables: ['a'] })
  })
})
