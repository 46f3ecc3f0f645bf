import { and, eq, ne, sql } from 'drizzle-orm'
import type { Locale } from '../../../shared/locale'
import { issueResetCodeIn } from '../auth/password-reset'
import type { Revocations } from '../auth/revocations'
import type { Session } from '../call-context'
import { auditable } from '../data/audit-diff'
import { type Tx, schema } from '../data/orm'
import { activeWorkspaceIn, defined, departmentIn, employeeIn, refusal, userIn } from '../data/organization-scope'
import type { Write } from '../data/write'
import type { DomainHandlers } from '../dispatcher'

/**
 * An account with no password yet: it matches no hash (verifyPassword accepts only Argon2id
 * and bcrypt strings), so nobody signs in until the person sets one with the one-time code.
 */
const NO_PASSWORD_YET = '!'

/** Refuses an email another account already has (emails are unique across all accounts). */
async function refuseTakenEmail(tx: Tx, locale: Locale, email: string, exceptUserId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(
      and(
        sql`lower(${schema.users.email}) = ${email.toLowerCase()}`,
        exceptUserId ? ne(schema.users.id, exceptUserId) : undefined,
      ),
    )
    .limit(1)
  if (taken) throw refusal('CONFLICT', locale, 'email', 'emailTaken', { email })
}

/** Only an owner touches an owner's account or makes someone an owner: an admin must not take over the company. */
function refuseUnlessOwner(session: Session, locale: Locale, field: string): void {
  if (session.role !== 'owner') throw refusal('FORBIDDEN', locale, field, 'ownerOnly')
}

/**
 * Handlers that manage the organization's people: accounts (users.manage) and employment
 * (employees.manage). Every id in the input is looked up within the caller's organization
 * first; every change is one audited transaction.
 */
export function adminPeopleHandlers(deps: {
  write: Write
  /** Open sessions of a person whose access is taken away end on their next call. */
  revocations?: Revocations
}): DomainHandlers<'admin.users.create' | 'admin.users.update' | 'admin.users.setStatus' | 'admin.employees.update'> {
  return {
    'admin.users.create': async (input, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      if (input.role === 'owner') refuseUnlessOwner(session, locale, 'role')
      return deps.write(ctx, session, async (scope) => {
        const { tx, audit, touched } = scope
        await activeWorkspaceIn(tx, locale, session.organizationId, input.workspaceId)
        if (input.departmentId) await departmentIn(tx, locale, session.organizationId, input.departmentId)
        await refuseTakenEmail(tx, locale, input.email)
        const [user] = await tx
          .insert(schema.users)
          .values({
            email: input.email,
            passwordHash: NO_PASSWORD_YET,
            firstName: input.firstName,
            lastName: input.lastName,
            phone: input.phone ?? null,
            organizationRole: input.role,
            status: 'active',
            registrationStatus: 'onboarding_pending',
          })
          .returning()
        const [employee] = await tx
          .insert(schema.employees)
          .values({
            userId: user!.id,
            organizationId: session.organizationId,
            workspaceId: input.workspaceId,
            departmentId: input.departmentId ?? null,
            position: input.position ?? null,
            status: 'active',
          })
          .returning()
        await audit({ entityType: 'user', entityId: user!.id, action: 'CREATE', after: auditable(user!) })
        await audit({ entityType: 'employee', entityId: employee!.id, action: 'CREATE', after: auditable(employee!) })
        touched('users', 'employees')
        const issued = await issueResetCodeIn(scope, ctx, user!.id, 'first password code issued')
        return { userId: user!.id, employeeId: employee!.id, code: issued.code, expiresAt: issued.expiresAt }
      })
    },

    'admin.users.update': async ({ userId, ...fields }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const { user } = await userIn(tx, locale, session.organizationId, userId)
        if (user.organizationRole === 'owner') refuseUnlessOwner(session, locale, 'userId')
        if (fields.role !== undefined && fields.role !== user.organizationRole) {
          if (fields.role === 'owner') refuseUnlessOwner(session, locale, 'role')
          // Taking away one's own rights by mistake would need another administrator to undo.
          if (userId === session.userId) throw refusal('CONFLICT', locale, 'role', 'ownRole')
        }
        if (fields.email !== undefined && fields.email !== user.email.toLowerCase())
          await refuseTakenEmail(tx, locale, fields.email, userId)
        const patch = defined({
          email: fields.email,
          firstName: fields.firstName,
          lastName: fields.lastName,
          phone: fields.phone,
          organizationRole: fields.role,
        })
        if (Object.keys(patch).length === 0) return null
        const [after] = await tx.update(schema.users).set(patch).where(eq(schema.users.id, userId)).returning()
        await audit({ entityType: 'user', entityId: userId, action: 'UPDATE', before: auditable(user), after: auditable(after!) })
        touched('users')
        return null
      })
    },

    'admin.users.setStatus': async ({ userId, status }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      await deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const { user } = await userIn(tx, locale, session.organizationId, userId)
        if (user.organizationRole === 'owner') refuseUnlessOwner(session, locale, 'userId')
        if (userId === session.userId && status !== 'active') throw refusal('CONFLICT', locale, 'status', 'ownAccount')
        const [after] = await tx.update(schema.users).set({ status }).where(eq(schema.users.id, userId)).returning()
        await audit({
          entityType: 'user',
          entityId: userId,
          action: 'UPDATE',
          reason: status === 'suspended' ? 'account suspended' : 'account activated',
          before: auditable(user),
          after: auditable(after!),
        })
        touched('users')
      })
      // After commit: a rolled-back suspension must not end anybody's session.
      if (status === 'suspended') deps.revocations?.revoke(userId)
      else deps.revocations?.restore(userId)
      return null
    },

    'admin.employees.update': async ({ employeeId, ...fields }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      const updated = await deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const employee = await employeeIn(tx, locale, session.organizationId, employeeId)
        const [account] = await tx
          .select({ role: schema.users.organizationRole })
          .from(schema.users)
          .where(eq(schema.users.id, employee.userId))
        if (account?.role === 'owner') refuseUnlessOwner(session, locale, 'employeeId')
        if (employee.userId === session.userId && fields.status !== undefined && fields.status !== 'active')
          throw refusal('CONFLICT', locale, 'status', 'ownAccount')
        if (fields.workspaceId && fields.workspaceId !== employee.workspaceId)
          await activeWorkspaceIn(tx, locale, session.organizationId, fields.workspaceId)
        if (fields.departmentId) await departmentIn(tx, locale, session.organizationId, fields.departmentId)
        if (fields.employeeNumber && fields.employeeNumber !== employee.employeeNumber) {
          // Employee numbers are unique across the whole table (the seed's constraint), not per organization.
          const [taken] = await tx
            .select({ id: schema.employees.id })
            .from(schema.employees)
            .where(and(eq(schema.employees.employeeNumber, fields.employeeNumber), ne(schema.employees.id, employeeId)))
          if (taken) throw refusal('CONFLICT', locale, 'employeeNumber', 'employeeNumberTaken', { number: fields.employeeNumber })
        }
        const patch = defined({
          workspaceId: fields.workspaceId,
          departmentId: fields.departmentId,
          position: fields.position,
          employeeNumber: fields.employeeNumber,
          hireDate: fields.hireDate,
          status: fields.status,
        })
        if (Object.keys(patch).length === 0) return employee
        const [after] = await tx.update(schema.employees).set(patch).where(eq(schema.employees.id, employeeId)).returning()
        await audit({
          entityType: 'employee',
          entityId: employeeId,
          action: 'UPDATE',
          before: auditable(employee),
          after: auditable(after!),
        })
        touched('employees')
        return after!
      })
      if (fields.status !== undefined && fields.status !== 'active') deps.revocations?.revoke(updated.userId)
      return null
    },
  }
}
