import {
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
  eventSchemas,
} from '../../../shared/contract'
import type { Transport } from './transport'

/** The renderer's one typed client of the backend. */
export interface RpcClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void
  onConnectionChange(callback: (connected: boolean) => void): () => void
  /** Any call answered UNAUTHENTICATED (signed out elsewhere, or the session locked). */
  onUnauthenticated(callback: () => void): () => void
}

/**
 * Types a transport with the contract. Event payloads are checked against their schema, so a
 * backend of another version cannot feed the UI a shape it does not expect.
 */
export function createRpcClient(transport: Transport): RpcClient {
  const unauthenticated = new Set<() => void>()
  return {
    call: async (method, input) => {
      try {
        const result = (await transport.invoke(method, input)) as Result<never>
        if (!result.ok && result.error.code === 'UNAUTHENTICATED' && !method.startsWith('auth.')) {
          for (const callback of unauthenticated) callback()
        }
        return result
      } catch (error) {
        // Only a broken transport throws (the backend answers with envelopes).
        return { ok: false, error: { code: 'OFFLINE', message: error instanceof Error ? error.message : String(error) } }
      }
    },
    on: (event, callback) =>
      transport.on(event, (payload) => {
        const parsed = eventSchemas[event].safeParse(payload)
        if (parsed.success) callback(parsed.data as EventPayload<typeof event>)
      }),
    onConnectionChange: (callback) => transport.onConnectionChange?.(callback) ?? (() => {}),
    onUnauthenticated: (callback) => {
      unauthenticated.add(callback)
      return () => unauthenticated.delete(callback)
    },
  }
}
