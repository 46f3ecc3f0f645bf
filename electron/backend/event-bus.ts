import type { EventName, EventPayload } from '../../shared/contract'

/** A listener to every backend event. */
export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void

/** The backend's event stream: transports subscribe and forward to their windows. */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  subscribe(listener: EventListener): () => void
}

/** Creates an event bus; a listener that throws never stops the others. */
export function createEventBus(onListenerError: (error: unknown) => void): EventBus {
  const listeners = new Set<EventListener>()
  return {
    emit(name, payload) {
      for (const listener of listeners) {
        try {
          listener(name, payload)
        } catch (error) {
          onListenerError(error)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
