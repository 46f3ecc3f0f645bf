import { type ServerFrame, clientFrame } from '../../shared/rpc-protocol'
import { type CallContext, type CallOrigin, newConnection } from './call-context'
import type { Backend } from './start-backend'

/** One renderer's connection to the backend, whatever carries the frames. */
export interface Channel {
  /** Handles one raw frame from the renderer (already decoded from JSON, or a JSON string). */
  receive(raw: unknown): void
  /** Stops forwarding events to this renderer. */
  close(): void
}

/**
 * Serves one renderer over any message transport: parses each frame, dispatches calls with
 * this connection's context, and forwards backend events. Results are sent even for malformed
 * frames that carry an id, so the renderer never waits for ever.
 */
export function openChannel(
  backend: Pick<Backend, 'dispatch' | 'events'>,
  send: (frame: ServerFrame) => void,
  origin: CallOrigin,
): Channel {
  const ctx: CallContext = { connection: newConnection(), origin }
  const unsubscribe = backend.events.subscribe((name, payload) => send({ type: 'event', name, payload }))

  return {
    receive(raw) {
      let data: unknown = raw
      if (typeof raw === 'string') {
        try {
          data = JSON.parse(raw)
        } catch {
          return // not JSON: nothing to answer to
        }
      }
      const frame = clientFrame.safeParse(data)
      if (!frame.success) {
        const id = (data as { id?: unknown } | null)?.id
        if (typeof id === 'number') {
          send({ type: 'result', id, result: { ok: false, error: { code: 'VALIDATION', message: 'Malformed request frame.' } } })
        }
        return
      }
      const f = frame.data
      void backend.dispatch(f.method, f.input, ctx).then((result) => send({ type: 'result', id: f.id, result }))
    },
    close: unsubscribe,
  }
}
