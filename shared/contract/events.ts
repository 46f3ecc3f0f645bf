import { z } from 'zod'

/**
 * Backend → renderer events. A second typed map beside the methods; payloads are validated in
 * the renderer's client so a stale backend cannot feed it garbage.
 */
export const eventSchemas = {
  /**
   * Tables touched by a committed write, so open views refresh. `origin: 'sync'` marks rows
   * that arrived from head office (anything may have changed in them, names included).
   */
  'data.changed': z.object({ tables: z.array(z.string()), origin: z.literal('sync').optional() }),
  /** Sync engine state for the status bar. */
  'sync.status': z.object({
    state: z.enum(['offline', 'idle', 'syncing', 'error', 'standalone']),
    pending: z.number().int().nonnegative(),
    lastSyncAt: z.string().nullable(),
  }),
  /** The session was locked (inactivity or on demand). */
  'session.locked': z.object({ reason: z.enum(['inactivity', 'manual']) }),
  /** Progress of a long task (demo company, import, bootstrap), for a progress bar. */
  'task.progress': z.object({
    task: z.string(),
    step: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  /** Something the person should know about the app itself (backend restarted, disk full…). */
  'system.notice': z.object({
    level: z.enum(['info', 'warning', 'error']),
    code: z.string(),
    message: z.string(),
  }),
} as const

/** Names of all events. */
export type EventName = keyof typeof eventSchemas

/** Payload type of one event. */
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>

/** Checks that a name is a known event (guards `on()` against typos from untyped callers). */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(eventSchemas, name)
}
