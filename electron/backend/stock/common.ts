import { type SQL, sql } from 'drizzle-orm'
import type { Session } from '../call-context'
import type { DbOrTx, Tx } from '../data/orm'
import type { Locale } from '../../../shared/locale'
import { classifyScan, gtinForms } from '../../../shared/barcode/gs1'
import { RpcFailure } from '../../../shared/contract'
import { stockRefusal } from './messages'

/** Rows of a raw query; numerics and timestamps come back as strings. */
export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = await db.execute(query)
  return result.rows as T[]
}

/** Values as a comma-separated list of parameters, for `IN (…)`. */
export function sqlList(values: readonly unknown[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )
}

/** The first row of a raw query, or undefined. */
export async function firstOf<T>(db: DbOrTx, query: SQL): Promise<T | undefined> {
  return (await rowsOf<T>(db, query))[0]
}

/**
 * The employee record of the signed-in person in their organization: documents name employees
 * (created_by, counted_by), sessions name users.
 */
export async function employeeOf(tx: DbOrTx, session: Session): Promise<string> {
  const row = await firstOf<{ id: string }>(
    tx,
    sql`SELECT id FROM employees WHERE user_id = ${session.userId} AND organization_id = ${session.organizationId}
        AND deleted_at IS NULL ORDER BY (workspace_id = ${session.workspaceId}) DESC, created_at LIMIT 1`,
  )
  // A session is only issued to an employee; losing the record mid-session is an internal fault.
  if (!row) throw new RpcFailure('FORBIDDEN', 'No employee record for this session')
  return row.id
}

/**
 * Takes the next number of a document type for a workspace from document_series. A workspace
 * without a series of that type gets one under the prefix its other series use (or, on a
 * standalone company that has none, one made from the workspace id), so numbering never
 * blocks a warehouse action; numbers stay unique per series as 0011 guarantees.
 */
export async function issueDocumentNumber(
  tx: Tx,
  organizationId: string,
  workspaceId: string,
  documentType: 'ORDER' | 'STOCK_COUNT',
): Promise<string> {
  let series = await firstOf<{ prefix: string }>(
    tx,
    sql`SELECT prefix FROM document_series
        WHERE organization_id = ${organizationId} AND document_type = ${documentType} AND is_active
          AND workspace_id = ${workspaceId}
        ORDER BY (owner_type = 'terminal') DESC, created_at LIMIT 1`,
  )
  if (!series) {
    const sibling = await firstOf<{ prefix: string; owner_type: string; owner_id: string | null }>(
      tx,
      sql`SELECT prefix, owner_type, owner_id FROM document_series
          WHERE organization_id = ${organizationId} AND workspace_id = ${workspaceId} AND is_active
          ORDER BY (document_type = 'ORDER') DESC, created_at LIMIT 1`,
    )
    const prefix = sibling?.prefix ?? `W${workspaceId.replaceAll('-', '').slice(0, 6).toUpperCase()}`
    await tx.execute(sql`
      INSERT INTO document_series (organization_id, workspace_id, owner_type, owner_id, document_type, prefix)
      VALUES (${organizationId}, ${workspaceId}, ${sibling?.owner_type ?? 'terminal'}, ${sibling?.owner_id ?? null},
              ${documentType}, ${prefix})
      ON CONFLICT (organization_id, document_type, prefix) DO NOTHING`)
    series = { prefix }
  }
  const issued = await firstOf<{ n: string }>(
    tx,
    sql`SELECT next_document_number(${organizationId}::uuid, ${documentType}, ${series.prefix}) AS n`,
  )
  return issued!.n
}

/** A product as the stock handlers need it. */
export interface ProductRow {
  id: string
  code: string
  name: string
  unit: string
  status: 'ACTIVE' | 'INACTIVE' | 'DISCONTINUED'
  cost: string
  price: string
  vat_rate: string
  barcode: string | null
  track_inventory: boolean
  category_id: string | null
}

const productColumns = sql`p.id, p.code, p.name, p.unit, p.status, p.cost::text AS cost, p.price::text AS price,
  p.vat_rate::text AS vat_rate, p.barcode, p.track_inventory, p.category_id`

/**
 * The codes a scan may be stored under: a GTIN (plain or the AI 01 of a GS1 string) in each
 * printed form (GTIN-14, EAN-13, UPC-A, EAN-8), else the text itself (product code, SKU).
 * Classified by shared/barcode/gs1.ts, as the scanning screens do.
 */
export function scanCandidates(raw: string): string[] {
  const scan = classifyScan(raw)
  if (scan.kind === 'gtin') return [...new Set([scan.printed, ...gtinForms(scan.gtin)])]
  if (scan.kind === 'gs1' && scan.gtin) return gtinForms(scan.gtin)
  // A scanner without Shift (or a person with Caps Lock) types product codes in lower case;
  // codes are kept in upper case, so both are tried (and the index still serves).
  const text = raw.trim()
  return [...new Set([text, text.toUpperCase()])]
}

/**
 * A live product of the organization by a scanned or typed code: barcode (also a GTIN from a
 * GS1 code, in any of its printed forms), product code, SKU, or a lot's GTIN.
 */
export async function productByCode(db: DbOrTx, organizationId: string, code: string): Promise<ProductRow | undefined> {
  const list = sqlList(scanCandidates(code))
  return firstOf<ProductRow>(
    db,
    sql`SELECT ${productColumns} FROM products p
        WHERE p.organization_id = ${organizationId} AND p.deleted_at IS NULL
          AND (p.barcode IN (${list}) OR p.code IN (${list}) OR p.sku IN (${list})
               OR p.id IN (SELECT l.product_id FROM stock_lots l WHERE l.organization_id = ${organizationId} AND l.gtin IN (${list})))
        ORDER BY (p.barcode IN (${list})) DESC, (p.code = ${code}) DESC, (p.status = 'ACTIVE') DESC
        LIMIT 1`,
  )
}

/** Live products of the organization by id. */
export async function productsByIds(
  db: DbOrTx,
  organizationId: string,
  ids: readonly string[],
): Promise<Map<string, ProductRow>> {
  if (ids.length === 0) return new Map()
  const rows = await rowsOf<ProductRow>(
    db,
    sql`SELECT ${productColumns} FROM products p
        WHERE p.organization_id = ${organizationId} AND p.deleted_at IS NULL
          AND p.id IN (${sqlList(ids)})`,
  )
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * Checks the lines of a document: every product exists in the organization, is active (unless
 * told otherwise), and appears once. Refusals name the line (1-based, as people count) and the field.
 */
export async function activeProductsOfLines(
  db: DbOrTx,
  locale: Locale,
  organizationId: string,
  lines: readonly { productId: string }[],
  field = 'lines',
  { requireActive = true }: { requireActive?: boolean } = {},
): Promise<ProductRow[]> {
  const products = await productsByIds(db, organizationId, [...new Set(lines.map((l) => l.productId))])
  const firstLine = new Map<string, number>()
  return lines.map((line, index) => {
    const product = products.get(line.productId)
    const path = [field, index, 'productId']
    if (!product) throw stockRefusal('NOT_FOUND', locale, path, 'productUnknown', { line: index + 1 })
    if (requireActive && product.status !== 'ACTIVE')
      throw stockRefusal('VALIDATION', locale, path, 'productInactive', { line: index + 1, name: product.name })
    const first = firstLine.get(product.id)
    if (first !== undefined)
      throw stockRefusal('VALIDATION', locale, path, 'duplicateProduct', {
        line: index + 1,
        name: product.name,
        first: first + 1,
      })
    firstLine.set(product.id, index)
    return product
  })
}

/**
 * Whether this terminal holds (and may post into) a workspace: its own session's workspace
 * always; any workspace of the organization on a demo or standalone company, which keeps the
 * whole organization on one database and never syncs. An enrolled terminal holds only its own
 * workspace's documents (sync scope), so it never writes ledger rows of another workspace.
 */
export async function holdsWorkspace(db: DbOrTx, session: Session, workspaceId: string): Promise<boolean> {
  if (workspaceId === session.workspaceId) return true
  const terminal = await firstOf<{ mode: string }>(db, sql`SELECT mode FROM terminal_state LIMIT 1`)
  return terminal?.mode !== 'enrolled'
}

/** The name of a workspace (for messages). */
export async function workspaceName(db: DbOrTx, workspaceId: string): Promise<string> {
  const row = await firstOf<{ name: string }>(db, sql`SELECT name FROM workspaces WHERE id = ${workspaceId}`)
  return row?.name ?? workspaceId
}
