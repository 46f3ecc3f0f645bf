import { type SQL, and, count, eq, isNull, ne, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Locale } from '../../../shared/locale'
import { auditable } from '../data/audit-diff'
import { type Orm, type Tx, schema } from '../data/orm'
import { activeWorkspaceIn, defined, departmentIn, employeeIn, refusal, workspaceIn } from '../data/organization-scope'
import type { Write } from '../data/write'
import type { DomainHandlers } from '../dispatcher'

/** Sorting by the person's language (PGlite has no ICU collations). */
function collatorFor(locale: Locale): Intl.Collator {
  return new Intl.Collator(locale)
}

/** Department codes are unique per organization, deleted departments included (the seed's constraint). */
async function refuseTakenCode(tx: Tx, locale: Locale, organizationId: string, code: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: schema.departments.id })
    .from(schema.departments)
    .where(
      and(
        eq(schema.departments.organizationId, organizationId),
        eq(schema.departments.code, code),
        exceptId ? ne(schema.departments.id, exceptId) : undefined,
      ),
    )
  if (taken) throw refusal('CONFLICT', locale, 'code', 'departmentCodeTaken', { code })
}

/**
 * Refuses a move that would put a department under itself or under one of its own
 * sub-departments: walks up from the new parent. The organization's departments are few, so
 * they are read once; the visited set stops the walk even if the data already has a cycle.
 */
async function refuseCycle(
  tx: Tx,
  locale: Locale,
  organizationId: string,
  department: { id: string; name: string },
  parentId: string,
) {
  const rows = await tx
    .select({ id: schema.departments.id, parentId: schema.departments.parentId })
    .from(schema.departments)
    .where(eq(schema.departments.organizationId, organizationId))
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]))
  const seen = new Set<string>()
  for (let at: string | null | undefined = parentId; at && !seen.has(at); at = parentOf.get(at)) {
    if (at === department.id) throw refusal('CONFLICT', locale, 'parentId', 'departmentCycle', { name: department.name })
    seen.add(at)
  }
}

/** Live employees of a department or a workspace. */
async function liveEmployees(tx: Tx, where: SQL, activeOnly = false): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(schema.employees)
    .where(and(where, isNull(schema.employees.deletedAt), activeOnly ? eq(schema.employees.status, 'active') : undefined))
  return row?.n ?? 0
}

/**
 * Handlers of the organization's structure: departments (a tree through parent_id, each with
 * a head employee) and workspaces. Reads need a session; changes need org.manage. Every id in
 * the input is checked to belong to the caller's organization before it is used.
 */
export function adminOrganizationHandlers(deps: {
  orm: Orm
  write: Write
}): DomainHandlers<
  | 'admin.departments.list'
  | 'admin.departments.create'
  | 'admin.departments.update'
  | 'admin.departments.delete'
  | 'admin.workspaces.list'
  | 'admin.workspaces.create'
  | 'admin.workspaces.update'
> {
  return {
    'admin.departments.list': async (_input, ctx) => {
      const session = ctx.connection.session!
      const d = schema.departments
      const head = alias(schema.employees, 'head')
      const headUser = alias(schema.users, 'head_user')
      const rows = await deps.orm
        .select({
          id: d.id,
          name: d.name,
          code: d.code,
          description: d.description,
          parentId: d.parentId,
          headId: d.headId,
          headFirstName: headUser.firstName,
          headLastName: headUser.lastName,
          headEmail: headUser.email,
          workspaceId: d.workspaceId,
          workspaceName: schema.workspaces.name,
          // The outer table by its name: drizzle writes a column inside sql`` unqualified here,
          // which inside the sub-query would mean the employee's own id.
          employeeCount: sql<number>`(SELECT count(*)::int FROM employees e WHERE e.department_id = departments.id AND e.deleted_at IS NULL)`,
        })
        .from(d)
        .innerJoin(schema.workspaces, eq(schema.workspaces.id, d.workspaceId))
        .leftJoin(head, eq(head.id, d.headId))
        .leftJoin(headUser, eq(headUser.id, head.userId))
        .where(and(eq(d.organizationId, session.organizationId), isNull(d.deletedAt)))
      const collator = collatorFor(ctx.connection.locale)
      return rows
        .map(({ headFirstName, headLastName, headEmail, ...r }) => ({
          ...r,
          headName: r.headId ? `${headLastName ?? ''} ${headFirstName ?? ''}`.trim() || headEmail : null,
        }))
        .sort((a, b) => collator.compare(a.name, b.name))
    },

    'admin.departments.create': async (input, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const org = session.organizationId
        const parent = input.parentId ? await departmentIn(tx, locale, org, input.parentId, 'parentId') : null
        // A sub-department sits where its parent does unless told otherwise.
        const workspaceId = input.workspaceId ?? parent?.workspaceId ?? session.workspaceId
        await activeWorkspaceIn(tx, locale, org, workspaceId)
        if (input.headId) await employeeIn(tx, locale, org, input.headId, 'headId', 'headNotFound')
        if (input.code) await refuseTakenCode(tx, locale, org, input.code)
        const [row] = await tx
          .insert(schema.departments)
          .values({
            organizationId: org,
            workspaceId,
            name: input.name,
            code: input.code ?? null,
            description: input.description ?? null,
            parentId: parent?.id ?? null,
            headId: input.headId ?? null,
          })
          .returning()
        await audit({ entityType: 'department', entityId: row!.id, action: 'CREATE', after: auditable(row!) })
        touched('departments')
        return { departmentId: row!.id }
      })
    },

    'admin.departments.update': async ({ departmentId, ...fields }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const org = session.organizationId
        const department = await departmentIn(tx, locale, org, departmentId)
        if (fields.parentId) {
          await departmentIn(tx, locale, org, fields.parentId, 'parentId')
          await refuseCycle(tx, locale, org, department, fields.parentId)
        }
        if (fields.workspaceId && fields.workspaceId !== department.workspaceId)
          await activeWorkspaceIn(tx, locale, org, fields.workspaceId)
        if (fields.headId) await employeeIn(tx, locale, org, fields.headId, 'headId', 'headNotFound')
        if (fields.code && fields.code !== department.code) await refuseTakenCode(tx, locale, org, fields.code, departmentId)
        const patch = defined({
          name: fields.name,
          code: fields.code,
          description: fields.description,
          parentId: fields.parentId,
          headId: fields.headId,
          workspaceId: fields.workspaceId,
        })
        if (Object.keys(patch).length === 0) return null
        const [after] = await tx.update(schema.departments).set(patch).where(eq(schema.departments.id, departmentId)).returning()
        await audit({
          entityType: 'department',
          entityId: departmentId,
          action: 'UPDATE',
          before: auditable(department),
          after: auditable(after!),
        })
        touched('departments')
        return null
      })
    },

    'admin.departments.delete': async ({ departmentId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const department = await departmentIn(tx, locale, session.organizationId, departmentId)
        const [children] = await tx
          .select({ n: count() })
          .from(schema.departments)
          .where(and(eq(schema.departments.parentId, departmentId), isNull(schema.departments.deletedAt)))
        if (children && children.n > 0)
          throw refusal('CONFLICT', locale, 'departmentId', 'departmentHasChildren', { name: department.name, count: children.n })
        const staff = await liveEmployees(tx, eq(schema.employees.departmentId, departmentId))
        if (staff > 0)
          throw refusal('CONFLICT', locale, 'departmentId', 'departmentHasEmployees', { name: department.name, count: staff })
        // Soft delete: tasks and projects may still point at it. The code is released so a new
        // department can take it (the audit row keeps the old one).
        await tx
          .update(schema.departments)
          .set({ deletedAt: sql`CURRENT_TIMESTAMP`, code: null })
          .where(eq(schema.departments.id, departmentId))
        await audit({ entityType: 'department', entityId: departmentId, action: 'DELETE', before: auditable(department) })
        touched('departments')
        return null
      })
    },

    'admin.workspaces.list': async (_input, ctx) => {
      const session = ctx.connection.session!
      const w = schema.workspaces
      const rows = await deps.orm
        .select({
          id: w.id,
          name: w.name,
          description: w.description,
          type: w.type,
          status: w.status,
          // The outer table by its name (see the departments' list).
          employeeCount: sql<number>`(SELECT count(*)::int FROM employees e WHERE e.workspace_id = workspaces.id AND e.deleted_at IS NULL)`,
          isTerminalWorkspace: sql<boolean>`EXISTS (SELECT 1 FROM terminal_state t WHERE t.workspace_id = workspaces.id)`,
        })
        .from(w)
        .where(and(eq(w.organizationId, session.organizationId), isNull(w.deletedAt)))
      const collator = collatorFor(ctx.connection.locale)
      return rows.sort((a, b) => collator.compare(a.name, b.name))
    },

    'admin.workspaces.create': async (input, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        await refuseTakenWorkspaceName(tx, locale, session.organizationId, input.name)
        const [row] = await tx
          .insert(schema.workspaces)
          .values({
            organizationId: session.organizationId,
            name: input.name,
            type: input.type,
            description: input.description ?? null,
            status: 'active',
            createdBy: session.userId,
          })
          .returning()
        await audit({ entityType: 'workspace', entityId: row!.id, action: 'CREATE', after: auditable(row!) })
        touched('workspaces')
        return { workspaceId: row!.id }
      })
    },

    'admin.workspaces.update': async ({ workspaceId, ...fields }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const workspace = await workspaceIn(tx, locale, session.organizationId, workspaceId)
        if (fields.name && fields.name !== workspace.name)
          await refuseTakenWorkspaceName(tx, locale, session.organizationId, fields.name, workspaceId)
        if (fields.status && fields.status !== 'active' && workspace.status === 'active') {
          const [terminal] = await tx
            .select({ workspaceId: schema.terminalState.workspaceId })
            .from(schema.terminalState)
            .where(eq(schema.terminalState.workspaceId, workspaceId))
          if (terminal) throw refusal('CONFLICT', locale, 'status', 'terminalWorkspace', { name: workspace.name })
          const active = await liveEmployees(tx, eq(schema.employees.workspaceId, workspaceId), true)
          if (active > 0) throw refusal('CONFLICT', locale, 'status', 'workspaceInUse', { name: workspace.name, count: active })
        }
        const patch = defined({ name: fields.name, type: fields.type, description: fields.description, status: fields.status })
        if (Object.keys(patch).length === 0) return null
        const [after] = await tx.update(schema.workspaces).set(patch).where(eq(schema.workspaces.id, workspaceId)).returning()
        await audit({
          entityType: 'workspace',
          entityId: workspaceId,
          action: 'UPDATE',
          before: auditable(workspace),
          after: auditable(after!),
        })
        touched('workspaces')
        return null
      })
    },
  }
}

/** Two live workspaces of one organization with one name would be told apart by nobody. */
async function refuseTakenWorkspaceName(tx: Tx, locale: Locale, organizationId: string, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: schema.workspaces.id })
    .from(schema.workspaces)
    .where(
      and(
        eq(schema.workspaces.organizationId, organizationId),
        isNull(schema.workspaces.deletedAt),
        sql`lower(${schema.workspaces.name}) = lower(${name})`,
        exceptId ? ne(schema.workspaces.id, exceptId) : undefined,
      ),
    )
  if (taken) throw refusal('CONFLICT', locale, 'name', 'workspaceNameTaken', { name })
}
