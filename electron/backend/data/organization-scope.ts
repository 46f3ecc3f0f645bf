import { and, eq, isNull } from 'drizzle-orm'
import { type Issue, RpcFailure } from '../../../shared/contract'
import type { Locale } from '../../../shared/locale'
import type { Department, Employee, User, Workspace } from '../../../db/schema'
import { type MessageKey, message } from '../messages'
import { type DbOrTx, schema } from './orm'

/**
 * Look-ups of rows an input names by id, always within the caller's organization: an id from
 * input is never trusted until it is found there. What is not found (or belongs to another
 * organization, which must look the same) is a NOT_FOUND naming the field.
 */
export function refusal(
  code: 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION' | 'FORBIDDEN',
  locale: Locale,
  field: string | Issue['path'],
  key: MessageKey,
  params: Record<string, string | number> = {},
): RpcFailure {
  const text = message(locale, key, params)
  return new RpcFailure(code, text, [{ path: Array.isArray(field) ? field : [field], message: text }])
}

/** Leaves out what the input did not mention, so an update touches only the fields sent. */
export function defined<T extends Record<string, unknown>>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** A live workspace of the organization, or NOT_FOUND on `field`. */
export async function workspaceIn(
  db: DbOrTx,
  locale: Locale,
  organizationId: string,
  workspaceId: string,
  field = 'workspaceId',
): Promise<Workspace> {
  const [row] = await db
    .select()
    .from(schema.workspaces)
    .where(
      and(
        eq(schema.workspaces.id, workspaceId),
        eq(schema.workspaces.organizationId, organizationId),
        isNull(schema.workspaces.deletedAt),
      ),
    )
  if (!row) throw refusal('NOT_FOUND', locale, field, 'workspaceNotFound')
  return row
}

/** A live, active workspace of the organization: people and departments are placed only there. */
export async function activeWorkspaceIn(
  db: DbOrTx,
  locale: Locale,
  organizationId: string,
  workspaceId: string,
  field = 'workspaceId',
): Promise<Workspace> {
  const row = await workspaceIn(db, locale, organizationId, workspaceId, field)
  if (row.status !== 'active') throw refusal('CONFLICT', locale, field, 'workspaceInactive', { name: row.name })
  return row
}

/** A live department of the organization, or NOT_FOUND on `field`. */
export async function departmentIn(
  db: DbOrTx,
  locale: Locale,
  organizationId: string,
  departmentId: string,
  field = 'departmentId',
): Promise<Department> {
  const [row] = await db
    .select()
    .from(schema.departments)
    .where(
      and(
        eq(schema.departments.id, departmentId),
        eq(schema.departments.organizationId, organizationId),
        isNull(schema.departments.deletedAt),
      ),
    )
  if (!row) throw refusal('NOT_FOUND', locale, field, 'departmentNotFound')
  return row
}

/** A live employee of the organization, or NOT_FOUND on `field` with the given message. */
export async function employeeIn(
  db: DbOrTx,
  locale: Locale,
  organizationId: string,
  employeeId: string,
  field = 'employeeId',
  key: MessageKey = 'employeeNotFound',
): Promise<Employee> {
  const [row] = await db
    .select()
    .from(schema.employees)
    .where(
      and(
        eq(schema.employees.id, employeeId),
        eq(schema.employees.organizationId, organizationId),
        isNull(schema.employees.deletedAt),
      ),
    )
  if (!row) throw refusal('NOT_FOUND', locale, field, key)
  return row
}

/** A live account that is an employee of the organization, with that employee, or NOT_FOUND on `field`. */
export async function userIn(
  db: DbOrTx,
  locale: Locale,
  organizationId: string,
  userId: string,
  field = 'userId',
): Promise<{ user: User; employee: Employee }> {
  const [row] = await db
    .select({ user: schema.users, employee: schema.employees })
    .from(schema.users)
    .innerJoin(
      schema.employees,
      and(
        eq(schema.employees.userId, schema.users.id),
        eq(schema.employees.organizationId, organizationId),
        isNull(schema.employees.deletedAt),
      ),
    )
    .where(and(eq(schema.users.id, userId), isNull(schema.users.deletedAt)))
  if (!row) throw refusal('NOT_FOUND', locale, field, 'userNotFound')
  return row
}
