import type { Locale } from '../../shared/locale'

/** Who is calling, as the backend established it (never as the caller claims it). */
export interface Session {
  sessionId: string
  userId: string
  organizationId: string
  workspaceId: string
  permissions: ReadonlySet<string>
}

/** Where a call came from; recorded in audit rows later. */
export type CallOrigin = 'desktop' | 'web' | 'cli' | 'test'

/** What every handler receives beside its parsed input. */
export interface CallContext {
  session: Session | null
  locale: Locale
  origin: CallOrigin
}
