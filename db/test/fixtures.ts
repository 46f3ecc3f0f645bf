/**
 * Test data builders. IDs are made here, as the app makes them on the terminal.
 */
import { randomUUID } from 'node:crypto'
import type { SqlConnection } from '../connection'

export interface Tenant {
  userId: string
  organizationId: string
  workspaceId: string
  /** a second workspace of the same organization (transfers, workspace isolation) */
  workspace2Id: string
  employeeId: string
}

let counter = 0
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${Math.floor(Math.random() * 1e6)}`
const digits12 = () => String(Math.floor(Math.random() * 1e12)).padStart(12, '0')

/** Inserts a row and returns its id; `values` are column → value. */
export async function insert(conn: SqlConnection, table: string, values: Record<string, unknown>): Promise<string> {
  const row = { id: randomUUID(), ...values }
  const columns = Object.keys(row)
  const params = columns.map((_, i) => `$${i + 1}`)
  await conn.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${params.join(', ')})`, Object.values(row))
  return row.id as string
}

/** An organization with two workspaces, a user and an employee. */
export async function createTenant(conn: SqlConnection, name = 'ТОО Тест'): Promise<Tenant> {
  const userId = await insert(conn, 'users', { email: `u${unique()}@example.kz`, password_hash: 'x', first_name: 'Айгерим' })
  const organizationId = await insert(conn, 'organizations', { name, bin: digits12() })
  const workspaceId = await insert(conn, 'workspaces', { organization_id: organizationId, name: 'Алматы' })
  const workspace2Id = await insert(conn, 'workspaces', { organization_id: organizationId, name: 'Астана', type: 'branch' })
  const employeeId = await insert(conn, 'employees', {
    user_id: userId,
    organization_id: organizationId,
    workspace_id: workspaceId,
    status: 'active',
  })
  return { userId, organizationId, workspaceId, workspace2Id, employeeId }
}

export async function createProduct(conn: SqlConnection, t: Tenant, values: Record<string, unknown> = {}): Promise<string> {
  return insert(conn, 'products', {
    organization_id: t.organizationId,
    workspace_id: t.workspaceId,
    code: `P-${unique()}`,
    name: 'Болт М8',
    ...values,
  })
}

export async function createCustomer(conn: SqlConnection, t: Tenant, values: Record<string, unknown> = {}): Promise<string> {
  return insert(conn, 'customers', {
    organization_id: t.organizationId,
    workspace_id: t.workspaceId,
    name: 'ТОО Покупатель',
    ...values,
  })
}

export async function createOrder(conn: SqlConnection, t: Tenant, values: Record<string, unknown> = {}): Promise<string> {
  return insert(conn, 'orders', {
    organization_id: t.organizationId,
    workspace_id: t.workspaceId,
    created_by: t.employeeId,
    ...values,
  })
}

export async function addOrderItem(
  conn: SqlConnection,
  orderId: string,
  productId: string,
  values: Record<string, unknown> = {},
): Promise<string> {
  return insert(conn, 'order_items', {
    order_id: orderId,
    product_id: productId,
    product_code: 'P',
    product_name: 'Болт М8',
    ...values,
  })
}

export async function createInvoice(conn: SqlConnection, t: Tenant, values: Record<string, unknown> = {}): Promise<string> {
  return insert(conn, 'invoices', {
    organization_id: t.organizationId,
    workspace_id: t.workspaceId,
    invoice_number: `INV-${unique()}`,
    due_date: '2026-02-28',
    created_by: t.employeeId,
    ...values,
  })
}

/** Posts one ledger row in the tenant's first workspace unless told otherwise. */
export async function postMovement(
  conn: SqlConnection,
  t: Tenant,
  productId: string,
  movementType: string,
  quantity: string | number,
  values: Record<string, unknown> = {},
): Promise<string> {
  return insert(conn, 'inventory_movements', {
    organization_id: t.organizationId,
    workspace_id: t.workspaceId,
    product_id: productId,
    movement_type: movementType,
    quantity: String(quantity),
    created_by: t.employeeId,
    ...values,
  })
}

/** First row of a query. */
export async function one<T = Record<string, unknown>>(conn: SqlConnection, sql: string, params?: unknown[]): Promise<T> {
  const { rows } = await conn.query<T>(sql, params)
  if (!rows[0]) throw new Error(`no row: ${sql}`)
  return rows[0]
}

/**
 * Sets the session's tenant (app.organization_id / app.workspace_id / app.user_id), as the API
 * layer does on central. Needed on central to read through the views (they apply RLS).
 */
export async function useTenant(conn: SqlConnection, t: Tenant, workspaceId = t.workspaceId): Promise<void> {
  await conn.query(
    `SELECT set_config('app.organization_id', $1, false), set_config('app.workspace_id', $2, false),
            set_config('app.user_id', $3, false)`,
    [t.organizationId, workspaceId, t.userId],
  )
}
