import Decimal from 'decimal.js'
import { type SQL, sql } from 'drizzle-orm'
import { type Issue, RpcFailure, type StockPolicy, stockPolicies } from '../../../shared/contract'
import type { Locale } from '../../../shared/locale'
import type { Session } from '../call-context'
import { message } from '../messages'
import { auditable } from '../data/audit-diff'
import { type DbOrTx, type Tx, schema } from '../data/orm'
import type { WriteScope } from '../data/write'
import { type WarehouseMessageKey, statusNames, warehouseMessage } from './messages'

/** Rows of a raw query. */
export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return (await db.execute<T & Record<string, unknown>>(query)).rows as T[]
}

/** A typed refusal naming the field (`path`) in the caller's language; `code` marks issues the screen reacts to. */
export function warehouseRefusal(
  code: 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION',
  locale: Locale,
  path: Issue['path'],
  key: WarehouseMessageKey,
  params: Record<string, string | number> = {},
  issueCode?: string,
): RpcFailure {
  const text = warehouseMessage(locale, key, params)
  return new RpcFailure(code, text, [{ path, message: text, ...(issueCode ? { code: issueCode } : {}) }])
}

/** A status as people read it, in their language. */
export function statusName(locale: Locale, status: string): string {
  return statusNames[status]?.[locale] ?? status
}

/** A decimal quantity as the contract sends it: no float, no trailing zeros. */
export function quantityText(value: Decimal.Value): string {
  return new Decimal(value).toFixed()
}

/** The employee record of the signed-in person in their organization (documents name employees). */
export async function employeeIdOf(db: DbOrTx, session: Session, locale: Locale): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`SELECT id FROM employees WHERE user_id = ${session.userId} AND organization_id = ${session.organizationId}
        AND deleted_at IS NULL ORDER BY (workspace_id = ${session.workspaceId}) DESC, created_at LIMIT 1`,
  )
  if (!row) throw new RpcFailure('FORBIDDEN', message(locale, 'notInOrganization'))
  return row.id
}

/** A product as posting needs it. */
export interface PostableProduct {
  id: string
  code: string
  name: string
  unit: string
  status: string
  cost: string
}

/** Products of the organization by id (deleted ones are absent). */
export async function productsById(db: DbOrTx, organizationId: string, ids: string[]): Promise<Map<string, PostableProduct>> {
  if (ids.length === 0) return new Map()
  const rows = await rowsOf<PostableProduct>(
    db,
    sql`SELECT id, code, name, unit, status, cost::text AS cost FROM products
        WHERE organization_id = ${organizationId} AND deleted_at IS NULL
          AND id IN (${sql.join(
            [...new Set(ids)].map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
  )
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * Refuses a line whose product is not ACTIVE: inactive and discontinued products take no new
 * stock movements. `line` is 1-based, as the screen numbers lines.
 */
export function refuseInactiveProduct(locale: Locale, product: PostableProduct, line: number, path: Issue['path']): void {
  if (product.status === 'ACTIVE') return
  const status = warehouseMessage(locale, product.status === 'DISCONTINUED' ? 'statusDiscontinued' : 'statusInactive')
  throw warehouseRefusal('CONFLICT', locale, path, 'productNotActive', { line, product: product.name, status })
}

/** Refuses a quantity that is zero or negative, naming the line. */
export function positiveQuantity(locale: Locale, value: string, line: number, productName: string, path: Issue['path']): Decimal {
  const quantity = new Decimal(value)
  if (quantity.lte(0)) throw warehouseRefusal('VALIDATION', locale, path, 'quantityNotPositive', { line, product: productName })
  return quantity
}

/** Warehouse document types with their own series (numbers read GRN / SHP, see migration 0022). */
type WarehouseDocumentType = 'RECEIPT' | 'SHIPMENT'

/**
 * Issues the next number of a warehouse document type. An enrolled terminal numbers under the
 * prefix central assigned to it (series travel organization-wide, so another terminal's series
 * of the same type must never be used: two offline terminals would issue the same number). A
 * demo or standalone terminal uses the workspace's series, opened with the prefix of the
 * workspace's other series the first time.
 */
export async function issueDocumentNumber(tx: Tx, session: Session, type: WarehouseDocumentType): Promise<string> {
  const org = session.organizationId
  const [terminal] = await rowsOf<{ prefix: string; terminal_id: string }>(
    tx,
    sql`SELECT number_prefix AS prefix, terminal_id::text AS terminal_id FROM sync_state WHERE organization_id = ${org}`,
  )
  const [own] = await rowsOf<{ prefix: string }>(
    tx,
    terminal
      ? sql`SELECT prefix FROM document_series WHERE organization_id = ${org} AND document_type = ${type} AND is_active
            AND prefix = ${terminal.prefix}`
      : sql`SELECT prefix FROM document_series WHERE organization_id = ${org} AND document_type = ${type} AND is_active
            ORDER BY (workspace_id = ${session.workspaceId}) DESC NULLS LAST, (owner_type = 'terminal') DESC, created_at LIMIT 1`,
  )
  let prefix = own?.prefix
  if (!prefix) {
    const [sibling] = terminal
      ? []
      : await rowsOf<{ prefix: string; owner_type: 'terminal' | 'head_office'; owner_id: string | null }>(
          tx,
          sql`SELECT prefix, owner_type, owner_id FROM document_series
              WHERE organization_id = ${org} AND workspace_id = ${session.workspaceId} AND is_active
              ORDER BY (owner_type = 'terminal') DESC, (document_type = 'ORDER') DESC, created_at LIMIT 1`,
        )
    prefix = terminal?.prefix ?? sibling?.prefix ?? 'WH'
    await tx.insert(schema.documentSeries).values({
      organizationId: org,
      workspaceId: session.workspaceId,
      ownerType: terminal ? 'terminal' : (sibling?.owner_type ?? 'terminal'),
      ownerId: terminal?.terminal_id ?? sibling?.owner_id ?? null,
      documentType: type,
      prefix,
    })
  }
  const [row] = await rowsOf<{ n: string }>(tx, sql`SELECT next_document_number(${org}::uuid, ${type}, ${prefix}) AS n`)
  return row!.n
}

/** The app_settings key of the negative-stock policy (one row per workspace). */
export const STOCK_POLICY_KEY = 'warehouse.negative_stock'

/** The workspace's negative-stock policy; "block" until a manager chooses otherwise. */
export async function readStockPolicy(db: DbOrTx, organizationId: string, workspaceId: string): Promise<StockPolicy> {
  const [row] = await rowsOf<{ value: unknown }>(
    db,
    sql`SELECT value FROM app_settings WHERE organization_id = ${organizationId} AND workspace_id = ${workspaceId}
        AND key = ${STOCK_POLICY_KEY}`,
  )
  return (stockPolicies as readonly unknown[]).includes(row?.value) ? (row!.value as StockPolicy) : 'block'
}

/** Sets the workspace's negative-stock policy, with its audit row. */
export async function writeStockPolicy(scope: WriteScope, policy: StockPolicy): Promise<void> {
  const { tx, session } = scope
  const [before] = await rowsOf<{ id: string; value: unknown }>(
    tx,
    sql`SELECT id, value FROM app_settings WHERE organization_id = ${session.organizationId}
        AND workspace_id = ${session.workspaceId} AND key = ${STOCK_POLICY_KEY} FOR UPDATE`,
  )
  let id: string
  if (before) {
    if (before.value === policy) return
    await tx.execute(
      sql`UPDATE app_settings SET value = ${JSON.stringify(policy)}::jsonb, updated_by = ${session.userId} WHERE id = ${before.id}`,
    )
    id = before.id
  } else {
    const [row] = await tx
      .insert(schema.appSettings)
      .values({
        organizationId: session.organizationId,
        workspaceId: session.workspaceId,
        key: STOCK_POLICY_KEY,
        value: policy,
        category: 'warehouse',
        dataType: 'string',
        description: 'Shipping below zero stock: block, or warn and require confirmation',
        createdBy: session.userId,
        updatedBy: session.userId,
      })
      .returning({ id: schema.appSettings.id })
    id = row!.id
  }
  await scope.audit({
    entityType: 'app_setting',
    entityId: id,
    action: before ? 'UPDATE' : 'CREATE',
    before: before ? auditable({ key: STOCK_POLICY_KEY, value: before.value }) : null,
    after: auditable({ key: STOCK_POLICY_KEY, value: policy }),
  })
  scope.touched('app_settings')
}

/** An order header as the warehouse handlers need it, locked for the rest of the transaction. */
export interface OrderHead {
  id: string
  order_number: string | null
  type: string
  status: string
  supplier_id: string | null
  customer_id: string | null
}

/** An order of the caller's workspace (FOR UPDATE when in a transaction), or NOT_FOUND on orderId. */
export async function orderInWorkspace(
  db: DbOrTx,
  locale: Locale,
  session: Session,
  orderId: string,
  lock: boolean,
): Promise<OrderHead> {
  const [row] = await rowsOf<OrderHead>(
    db,
    sql`SELECT id, order_number, type, status, supplier_id, customer_id FROM orders
        WHERE id = ${orderId} AND organization_id = ${session.organizationId} AND workspace_id = ${session.workspaceId}
          AND deleted_at IS NULL ${lock ? sql`FOR UPDATE` : sql``}`,
  )
  if (!row) throw warehouseRefusal('NOT_FOUND', locale, ['orderId'], 'orderNotFound')
  return row
}

/** How a person names an order: its number, or its id's start when it has none. */
export function orderLabel(order: Pick<OrderHead, 'order_number' | 'id'>): string {
  return order.order_number ?? order.id.slice(0, 8)
}
