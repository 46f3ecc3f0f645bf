import { and, eq } from 'drizzle-orm'
import type { PasswordReset } from '../auth/password-reset'
import type { Revocations } from '../auth/revocations'
import type { Sessions } from '../auth/sessions'
import type { Orm } from '../data/orm'
import { schema } from '../data/orm'
import { DEMO_PASSWORD } from '../demo-terminal'
import type { DomainHandlers } from '../dispatcher'

/** What the auth handlers use. */
export interface AuthDeps {
  orm: Orm
  sessions: Sessions
  passwordReset: PasswordReset
  /** The organization's inactivity limit (from its settings); the default without a session. */
  lockAfterMinutes(organizationId: string | null): number
  /** Sessions ended by a suspension; a new sign-in (of an active account) clears the person. */
  revocations?: Revocations
}

/** Handlers of sign-in and sessions. */
export function authHandlers(
  deps: AuthDeps,
): DomainHandlers<
  'auth.status' | 'auth.signIn' | 'auth.signOut' | 'auth.lock' | 'auth.unlock' | 'auth.resetPassword' | 'users.issueResetCode'
> {
  async function demoAccount() {
    const rows = await deps.orm
      .select({ email: schema.users.email })
      .from(schema.terminalState)
      .innerJoin(schema.employees, eq(schema.employees.organizationId, schema.terminalState.organizationId))
      .innerJoin(schema.users, eq(schema.users.id, schema.employees.userId))
      .where(and(eq(schema.terminalState.mode, 'demo'), eq(schema.users.organizationRole, 'owner')))
      .orderBy(schema.users.email)
      .limit(1)
    return rows[0] ? { email: rows[0].email, password: DEMO_PASSWORD } : null
  }

  return {
    'auth.status': async (_input, ctx) => {
      const session = ctx.connection.session
      const lockAfterMinutes = deps.lockAfterMinutes(session?.organizationId ?? null)
      if (session && ctx.connection.lockedAt === null && Date.now() - ctx.connection.lastActivityAt > lockAfterMinutes * 60_000) {
        ctx.connection.lockedAt = Date.now()
      }
      return {
        user: session ? await deps.sessions.describe(session) : null,
        locked: session !== null && ctx.connection.lockedAt !== null,
        lockAfterMinutes,
        demoAccount: await demoAccount(),
      }
    },
    'auth.signIn': async ({ email, password }, ctx) => {
      const user = await deps.sessions.signIn(ctx, email, password)
      deps.revocations?.restore(user.userId)
      return user
    },
    'auth.signOut': async (_input, ctx) => {
      await deps.sessions.signOut(ctx)
      return null
    },
    'auth.lock': async (_input, ctx) => {
      deps.sessions.lock(ctx)
      return null
    },
    'auth.unlock': async ({ password }, ctx) => deps.sessions.unlock(ctx, password),
    'auth.resetPassword': async ({ email, code, newPassword }, ctx) => {
      await deps.passwordReset.reset(ctx, email, code, newPassword)
      return null
    },
    'users.issueResetCode': async ({ userId }, ctx) => deps.passwordReset.issue(ctx, ctx.connection.session!, userId),
  }
}
