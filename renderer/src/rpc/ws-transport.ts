import type { Result } from '../../../shared/contract'
import type { ServerFrame } from '../../../shared/rpc-protocol'
import type { Transport } from './transport'

/** Where to find web mode's socket and how to authenticate to it. */
export interface WsTransportOptions {
  url: string
  /** Injectable for tests. */
  createSocket?: (url: string) => WebSocket
  /** Delay before reconnect attempt n. */
  reconnectDelayMs?: (attempt: number) => number
}

const offline = (message: string): Result<never> => ({ ok: false, error: { code: 'OFFLINE', message } })

/**
 * Web mode's transport: one WebSocket to the loopback backend. Calls made while it connects
 * wait; calls in flight when it drops are answered `OFFLINE` (never left hanging); it
 * reconnects with a growing delay.
 */
export function wsTransport(options: WsTransportOptions): Transport {
  const create = options.createSocket ?? ((url: string) => new WebSocket(url))
  const delay = options.reconnectDelayMs ?? ((n: number) => Math.min(5_000, 200 * 2 ** n))
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const connectionListeners = new Set<(connected: boolean) => void>()
  let nextId = 1
  let socket: WebSocket | null = null
  let open = false
  let attempts = 0
  let queue: string[] = []

  const setOpen = (value: boolean) => {
    if (open === value) return
    open = value
    for (const l of connectionListeners) l(value)
  }

  const connect = () => {
    const ws = create(options.url)
    socket = ws
    ws.onopen = () => {
      attempts = 0
      setOpen(true)
      for (const frame of queue) ws.send(frame)
      queue = []
    }
    ws.onmessage = (message) => {
      let frame: ServerFrame
      try {
        frame = JSON.parse(String(message.data)) as ServerFrame
      } catch {
        return
      }
      if (frame.type === 'result') {
        const resolve = pending.get(frame.id)
        pending.delete(frame.id)
        resolve?.(frame.result as Result<unknown>)
      } else if (frame.type === 'event') {
        for (const l of listeners.get(frame.name) ?? []) l(frame.payload)
      }
    }
    ws.onclose = () => {
      setOpen(false)
      for (const [id, resolve] of pending) {
        pending.delete(id)
        resolve(offline('The connection to the terminal was lost. Check the result and try again.'))
      }
      setTimeout(connect, delay(attempts++))
    }
  }
  connect()

  return {
    invoke(method, input) {
      const id = nextId++
      const frame = JSON.stringify({ type: 'call', id, method, input })
      return new Promise((resolve) => {
        pending.set(id, resolve)
        if (open && socket) socket.send(frame)
        else queue.push(frame)
      })
    },
    on(event, callback) {
      const set = listeners.get(event) ?? new Set()
      set.add(callback)
      listeners.set(event, set)
      return () => set.delete(callback)
    },
    onConnectionChange(callback) {
      connectionListeners.add(callback)
      return () => connectionListeners.delete(callback)
    },
  }
}
