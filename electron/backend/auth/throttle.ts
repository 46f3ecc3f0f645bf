import { eq, sql } from 'drizzle-orm'
import { RpcFailure } from '../../../shared/contract'
import type { CallContext } from '../call-context'
import { type Orm, schema } from '../data/orm'
import { message } from '../messages'

/** Failed attempts that are free before lockout starts. */
export const FREE_ATTEMPTS = 5
/** The first lockout; each further failure doubles it. */
const FIRST_LOCK_MS = 30_000
/** The longest lockout. */
const MAX_LOCK_MS = 15 * 60_000

/**
 * How long sign-in stays locked after `failures` consecutive failures: nothing for the first
 * five (people mistype, gloves slip), then 30 s doubling up to 15 minutes. Slow enough to stop
 * guessing, short enough that a clerk is never locked out for a shift.
 */
export function lockoutMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_ATTEMPTS))
}

/** The key a typed email is throttled under, whether or not such an account exists. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase().normalize('NFC')
}

/**
 * The sign-in throttle in the database (local only): failures per typed email and the time
 * until which it is locked out. Shared by sign-in, unlock and password reset, so guessing a
 * reset code costs the same as guessing a password.
 */
export function createThrottle(orm: Orm, now: () => Date = () => new Date()) {
  async function recordFailure(key: string): Promise<void> {
    await orm.transaction(async (tx) => {
      const at = now()
      const [row] = await tx
        .insert(schema.signInThrottle)
        .values({ emailKey: key, failures: 1, lastFailureAt: sql`${at.toISOString()}::timestamptz::timestamp` })
        .onConflictDoUpdate({
          target: schema.signInThrottle.emailKey,
          set: {
            failures: sql`${schema.signInThrottle.failures} + 1`,
            lastFailureAt: sql`${at.toISOString()}::timestamptz::timestamp`,
          },
        })
        .returning({ failures: schema.signInThrottle.failures })
      const wait = lockoutMs(row?.failures ?? 1)
      if (wait > 0) {
        await tx
          .update(schema.signInThrottle)
          .set({ lockedUntil: sql`${new Date(at.getTime() + wait).toISOString()}::timestamptz::timestamp` })
          .where(eq(schema.signInThrottle.emailKey, key))
      }
    })
  }

  /** Milliseconds this email must still wait (locked_until is Almaty wall-clock time). */
  async function lockedFor(key: string): Promise<number> {
    const rows = await orm
      .select({
        ms: sql<number>`coalesce(extract(epoch FROM (${schema.signInThrottle.lockedUntil}::timestamptz - ${now().toISOString()}::timestamptz)) * 1000, 0)::float8`,
      })
      .from(schema.signInThrottle)
      .where(eq(schema.signInThrottle.emailKey, key))
    return Math.max(0, Number(rows[0]?.ms ?? 0))
  }

  /** Refuses a locked-out email before any password is checked. */
  async function refuseIfLockedOut(ctx: CallContext, key: string): Promise<void> {
    const wait = await lockedFor(key)
    if (wait > 0) {
      throw new RpcFailure('UNAUTHENTICATED', message(ctx.connection.locale, 'tooManyAttempts', { s: Math.ceil(wait / 1000) }))
    }
  }

  return {
    recordFailure,
    refuseIfLockedOut,
    clear: async (key: string) => {
      await orm.delete(schema.signInThrottle).where(eq(schema.signInThrottle.emailKey, key))
    },
  }
}
