import { randomInt } from 'node:crypto'
import { and, eq, gt, sql } from 'drizzle-orm'
import { RpcFailure } from '../../../shared/contract'
import type { CallContext, Session } from '../call-context'
import { type Orm, schema } from '../data/orm'
import type { Write, WriteScope } from '../data/write'
import { message } from '../messages'
import { hashForHeadOffice, hashPassword } from './password'
import { createThrottle, emailKey } from './throttle'

/** Characters of a reset code: digits and capitals without the look-alikes (0/O, 1/I). */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const CODE_LENGTH = 8

/** A one-time code a person can read out over the phone. */
export function newResetCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
}

/** A code as issued: the code itself, until when it works, and whom it is for. */
export interface IssuedResetCode {
  code: string
  expiresAt: string
}

/** The person a code was issued for. */
export interface ResetCodeRecipient extends IssuedResetCode {
  email: string
  firstName: string
  lastName: string
}

/**
 * Issues a reset code inside a business action's transaction (the administrator's own
 * action, or the creation of a new person), with its audit row. The person must be an
 * employee of the session's organization; earlier unused codes are retired.
 */
export async function issueResetCodeIn(
  { tx, session, audit, touched }: WriteScope,
  ctx: CallContext,
  userId: string,
  reason = 'password reset code issued',
): Promise<ResetCodeRecipient> {
  const [person] = await tx
    .select({ email: schema.users.email, firstName: schema.users.firstName, lastName: schema.users.lastName })
    .from(schema.users)
    .innerJoin(schema.employees, eq(schema.employees.userId, schema.users.id))
    .where(and(eq(schema.users.id, userId), eq(schema.employees.organizationId, session.organizationId)))
  if (!person)
    throw new RpcFailure('NOT_FOUND', message(ctx.connection.locale, 'notInOrganization'), [
      { path: ['userId'], message: message(ctx.connection.locale, 'notInOrganization') },
    ])
  // A new code retires the earlier ones.
  await tx
    .update(schema.emailVerifications)
    .set({ isUsed: true, usedAt: sql`CURRENT_TIMESTAMP` })
    .where(
      and(
        eq(schema.emailVerifications.userId, userId),
        eq(schema.emailVerifications.type, 'password_reset'),
        eq(schema.emailVerifications.isUsed, false),
      ),
    )
  const code = newResetCode()
  const [row] = await tx
    .insert(schema.emailVerifications)
    .values({ email: person.email, code, userId, type: 'password_reset' })
    .returning({ id: schema.emailVerifications.id, expiresAt: schema.emailVerifications.expiresAt })
  await audit({
    entityType: 'user',
    entityId: userId,
    action: 'UPDATE',
    reason,
    before: { reset_code: null },
    after: { reset_code: 'issued' },
  })
  touched('email_verifications')
  return { code, expiresAt: row!.expiresAt, ...person }
}

/**
 * Retires a person's unused codes (an email that could not be sent must not leave a code
 * nobody has seen), with an audit row saying why.
 */
export async function retireResetCodesIn({ tx, audit, touched }: WriteScope, userId: string, reason: string): Promise<void> {
  await tx
    .update(schema.emailVerifications)
    .set({ isUsed: true, usedAt: sql`CURRENT_TIMESTAMP` })
    .where(
      and(
        eq(schema.emailVerifications.userId, userId),
        eq(schema.emailVerifications.type, 'password_reset'),
        eq(schema.emailVerifications.isUsed, false),
      ),
    )
  await audit({
    entityType: 'user',
    entityId: userId,
    action: 'UPDATE',
    reason,
    before: { reset_code: 'issued' },
    after: { reset_code: 'retired' },
  })
  touched('email_verifications')
}

/**
 * Password reset by one-time codes in `email_verifications`: an administrator issues a code
 * (valid 24 hours, the seed's default), the person sets a new password with it once. Wrong
 * codes count towards the same lockout as wrong passwords.
 */
export function createPasswordReset(orm: Orm, write: Write, now: () => Date = () => new Date()) {
  const throttle = createThrottle(orm, now)
  return {
    async issue(ctx: CallContext, session: Session, userId: string): Promise<IssuedResetCode> {
      return write(ctx, session, async (scope) => {
        const { code, expiresAt } = await issueResetCodeIn(scope, ctx, userId)
        return { code, expiresAt }
      })
    },

    async reset(ctx: CallContext, email: string, code: string, newPassword: string): Promise<void> {
      const key = emailKey(email)
      await throttle.refuseIfLockedOut(ctx, key)
      const hash = await hashPassword(newPassword)
      // An enrolled terminal's people sign in at head office too: it gets a hash it can check
      // (pushed with the user row), and this terminal keeps its own Argon2id verifier.
      const enrolled = (await orm.select({ mode: schema.terminalState.mode }).from(schema.terminalState))[0]?.mode === 'enrolled'
      const headOfficeHash = enrolled ? await hashForHeadOffice(newPassword) : null
      const done = await write.unattended(['users', 'email_verifications', 'local_credentials'], async (tx) => {
        const [valid] = await tx
          .select({ id: schema.emailVerifications.id, userId: schema.emailVerifications.userId })
          .from(schema.emailVerifications)
          .where(
            and(
              sql`lower(${schema.emailVerifications.email}) = ${key}`,
              eq(schema.emailVerifications.code, code.toUpperCase()),
              eq(schema.emailVerifications.type, 'password_reset'),
              eq(schema.emailVerifications.isUsed, false),
              gt(schema.emailVerifications.expiresAt, sql`CURRENT_TIMESTAMP`),
            ),
          )
          .for('update')
        if (!valid?.userId) return false
        await tx
          .update(schema.emailVerifications)
          .set({ isUsed: true, usedAt: sql`CURRENT_TIMESTAMP` })
          .where(eq(schema.emailVerifications.id, valid.id))
        await tx
          .update(schema.users)
          .set({ passwordHash: headOfficeHash ?? hash })
          .where(eq(schema.users.id, valid.userId))
        // An offline verifier made from the old password must not outlive it.
        await tx.delete(schema.localCredentials).where(eq(schema.localCredentials.userId, valid.userId))
        if (headOfficeHash) await tx.insert(schema.localCredentials).values({ userId: valid.userId, verifier: hash })
        return true
      })
      if (!done) {
        await throttle.recordFailure(key)
        throw new RpcFailure('UNAUTHENTICATED', message(ctx.connection.locale, 'codeInvalid'))
      }
      await throttle.clear(key)
    },
  }
}

/** The password-reset service. */
export type PasswordReset = ReturnType<typeof createPasswordReset>
