import type { Locale } from '../../shared/locale'
import type { OrganizationRole } from '../../shared/permissions'

/** Who is calling, as the backend established it (never as the caller claims it). */
export interface Session {
  sessionId: string
  userId: string
  email: string
  organizationId: string
  workspaceId: string
  role: OrganizationRole
  permissions: ReadonlySet<string>
}

/** Where a call came from; recorded in audit rows later. */
export type CallOrigin = 'desktop' | 'web' | 'cli' | 'test'

/**
 * State of one renderer connection (one window or browser tab). Sign-in and the language live
 * here, so two windows can be used by two people, and a handler can change them for the
 * connection that called it.
 */
export interface ConnectionState {
  session: Session | null
  locale: Locale
  /** When the session was locked (inactivity or on demand); null while unlocked. */
  lockedAt: number | null
  /** Time of the last call, for locking after inactivity. */
  lastActivityAt: number
}

/** What every handler receives beside its parsed input. */
export interface CallContext {
  connection: ConnectionState
  origin: CallOrigin
}

/** A fresh connection: nobody signed in, Russian until the renderer says otherwise. */
export function newConnection(): ConnectionState {
  return { session: null, locale: 'ru', lockedAt: null, lastActivityAt: Date.now() }
}
