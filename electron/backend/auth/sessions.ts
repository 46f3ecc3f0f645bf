import { randomUUID } from 'node:crypto'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { RpcFailure } from '../../../shared/contract'
import { effectivePermissions, type OrganizationRole } from '../../../shared/permissions'
import type { CallContext, Session } from '../call-context'
import type { Orm } from '../data/orm'
import { schema } from '../data/orm'
import { type Write, writeAudit } from '../data/write'
import { message } from '../messages'
import { hashPassword, verifyPassword } from './password'
import { createThrottle, emailKey } from './throttle'

/** What the person sees after signing in. */
export interface SignedInUser {
  userId: string
  email: string
  fullName: string
  role: OrganizationRole
  organizationName: string
  workspaceName: string
  permissions: string[]
}

interface Candidate {
  userId: string
  email: string
  firstName: string
  lastName: string
  role: OrganizationRole
  userStatus: string
  passwordHash: string
  employeeStatus: string
  employeePermissions: string[] | null
  organizationId: string
  organizationName: string
  workspaceId: string
  workspaceName: string
  mode: 'demo' | 'standalone' | 'enrolled'
  verifier: string | null
}

/** Finds the person with this email among the employees of the terminal's organization. */
async function findCandidate(orm: Orm, email: string): Promise<Candidate | null> {
  const { users, employees, organizations, workspaces, terminalState, localCredentials } = schema
  const rows = await orm
    .select({
      userId: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      role: users.organizationRole,
      userStatus: users.status,
      passwordHash: users.passwordHash,
      employeeStatus: employees.status,
      employeePermissions: employees.permissions,
      organizationId: organizations.id,
      organizationName: organizations.name,
      workspaceId: workspaces.id,
      workspaceName: workspaces.name,
      mode: terminalState.mode,
      verifier: localCredentials.verifier,
    })
    .from(terminalState)
    .innerJoin(organizations, eq(organizations.id, terminalState.organizationId))
    .innerJoin(employees, and(eq(employees.organizationId, organizations.id), isNull(employees.deletedAt)))
    .innerJoin(users, and(eq(users.id, employees.userId), isNull(users.deletedAt)))
    .innerJoin(workspaces, eq(workspaces.id, employees.workspaceId))
    .leftJoin(localCredentials, eq(localCredentials.userId, users.id))
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1)
  return (rows[0] as Candidate | undefined) ?? null
}

function toSignedIn(c: Candidate, permissions: Set<string>): SignedInUser {
  return {
    userId: c.userId,
    email: c.email,
    fullName: `${c.firstName} ${c.lastName}`.trim() || c.email,
    role: c.role,
    organizationName: c.organizationName,
    workspaceName: c.workspaceName,
    permissions: [...permissions].sort(),
  }
}

/** Checks a password at head office; null when head office cannot be reached (offline). */
export type OnlineCheck = (email: string, password: string) => Promise<{ ok: boolean; userId?: string } | null>

/**
 * Sign-in on this terminal, sessions per window, lock and unlock. A standalone or demo terminal
 * is its own authority (users.password_hash). An enrolled one asks head office when it can
 * reach it, and offline accepts only people who signed in here before (local_credentials).
 */
export function createSessions(
  orm: Orm,
  write: Write,
  now: () => Date = () => new Date(),
  /** Head office's answer for an enrolled terminal: null when it cannot be reached. */
  online?: OnlineCheck,
) {
  const { recordFailure, refuseIfLockedOut, clear } = createThrottle(orm, now)

  /** Checks a password for a candidate; upgrades verifiers on the way. */
  async function checkPassword(c: Candidate, password: string): Promise<boolean> {
    if (c.mode === 'enrolled' && online) {
      // Online, head office decides (a password changed there counts at once); its hash never
      // comes here: we keep our own Argon2id verifier for the next offline sign-in.
      const answer = await online(c.email, password)
      if (answer) {
        if (!answer.ok || answer.userId !== c.userId) return false
        const verifier = await hashPassword(password)
        await orm
          .insert(schema.localCredentials)
          .values({ userId: c.userId, verifier })
          .onConflictDoUpdate({ target: schema.localCredentials.userId, set: { verifier } })
        return true
      }
    }
    const stored = c.mode === 'enrolled' ? c.verifier : c.passwordHash
    if (!stored) return false
    const check = await verifyPassword(password, stored)
    if (check.ok && check.needsUpgrade) {
      const upgraded = await hashPassword(password)
      if (c.mode === 'enrolled') {
        await orm.update(schema.localCredentials).set({ verifier: upgraded }).where(eq(schema.localCredentials.userId, c.userId))
      } else {
        await orm.update(schema.users).set({ passwordHash: upgraded }).where(eq(schema.users.id, c.userId))
      }
    }
    return check.ok
  }

  return {
    /** Signs a person in on one window; the session lives on that connection. */
    async signIn(ctx: CallContext, email: string, password: string): Promise<SignedInUser> {
      const key = emailKey(email)
      await refuseIfLockedOut(ctx, key)
      const candidate = await findCandidate(orm, key)
      // An unknown email costs a hash too, so timing does not tell whether the account exists.
      const ok = candidate ? await checkPassword(candidate, password) : (await verifyPassword(password, await dummyHash()), false)
      if (!candidate || !ok) {
        await recordFailure(key)
        // One message for both: it must not tell which of the two was wrong.
        throw new RpcFailure('UNAUTHENTICATED', message(ctx.connection.locale, 'wrongCredentials'))
      }
      if (candidate.userStatus !== 'active' || candidate.employeeStatus !== 'active') {
        throw new RpcFailure('FORBIDDEN', message(ctx.connection.locale, 'accountInactive'))
      }
      await clear(key)
      const permissions = effectivePermissions(candidate.role, candidate.employeePermissions ?? [])
      const session: Session = {
        sessionId: randomUUID(),
        userId: candidate.userId,
        email: candidate.email,
        organizationId: candidate.organizationId,
        workspaceId: candidate.workspaceId,
        role: candidate.role,
        permissions,
      }
      await write(ctx, session, async ({ tx }) => {
        await tx
          .update(schema.users)
          .set({
            lastLoginAt: sql`CURRENT_TIMESTAMP`,
            sessionId: session.sessionId,
            userAgent: `Prometric terminal (${ctx.origin})`,
          })
          .where(eq(schema.users.id, session.userId))
        await writeAudit(tx, session, ctx.origin, { entityType: 'user', entityId: session.userId, action: 'LOGIN' })
      })
      ctx.connection.session = session
      ctx.connection.lockedAt = null
      ctx.connection.lastActivityAt = now().getTime()
      return toSignedIn(candidate, permissions)
    },

    /** Ends this window's session, with a LOGOUT row. */
    async signOut(ctx: CallContext): Promise<void> {
      const session = ctx.connection.session
      if (!session) return
      await write(ctx, session, async ({ tx }) => {
        await writeAudit(tx, session, ctx.origin, { entityType: 'user', entityId: session.userId, action: 'LOGOUT' })
      })
      ctx.connection.session = null
      ctx.connection.lockedAt = null
    },

    /** Locks this window's session now; the same person unlocks it with the password. */
    lock(ctx: CallContext): void {
      if (ctx.connection.session) ctx.connection.lockedAt ??= now().getTime()
    },

    /**
     * Unlocks a locked session: only the person it belongs to, with their password, under the
     * same throttle as sign-in. The session (and its id in the audit trail) continues.
     */
    async unlock(ctx: CallContext, password: string): Promise<SignedInUser> {
      const session = ctx.connection.session
      if (!session) throw new RpcFailure('UNAUTHENTICATED', message(ctx.connection.locale, 'signInFirst'))
      const key = emailKey(session.email)
      await refuseIfLockedOut(ctx, key)
      const candidate = await findCandidate(orm, key)
      if (!candidate || !(await checkPassword(candidate, password))) {
        await recordFailure(key)
        throw new RpcFailure('UNAUTHENTICATED', message(ctx.connection.locale, 'wrongPassword'))
      }
      if (candidate.userStatus !== 'active' || candidate.employeeStatus !== 'active') {
        ctx.connection.session = null
        throw new RpcFailure('FORBIDDEN', message(ctx.connection.locale, 'accountInactive'))
      }
      await clear(key)
      ctx.connection.lockedAt = null
      ctx.connection.lastActivityAt = now().getTime()
      return toSignedIn(candidate, new Set(session.permissions))
    },

    /** The person currently signed in on a connection, as shown in the app. */
    async describe(session: Session): Promise<SignedInUser | null> {
      const candidate = await findCandidate(orm, emailKey(session.email))
      return candidate ? toSignedIn(candidate, new Set(session.permissions)) : null
    },
  }
}

let dummy: Promise<string> | null = null
/** A real Argon2id hash of a random secret, to spend the same time on unknown emails. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomUUID())
  return dummy
}

/** The sessions service. */
export type Sessions = ReturnType<typeof createSessions>
