import { sql } from 'drizzle-orm'
import type { Locale } from '../../../shared/locale'
import type { Session } from '../call-context'
import { activeWorkspaceIn } from '../data/organization-scope'
import type { DbOrTx, Orm, Tx } from '../data/orm'
import type { Write } from '../data/write'
import type { DomainHandlers } from '../dispatcher'
import { activeProductsOfLines, employeeOf, firstOf, holdsWorkspace, issueDocumentNumber, rowsOf, workspaceName } from './common'
import { stockRefusal, word } from './messages'

type TransferStatus = 'draft' | 'in_transit' | 'received' | 'cancelled'

/**
 * Which state changes a transfer allows. The source ships or cancels a draft; the destination
 * receives what is in transit. Nothing leaves received or cancelled.
 */
export const transferTransitions: Record<TransferStatus, readonly TransferStatus[]> = {
  draft: ['in_transit', 'cancelled'],
  in_transit: ['received'],
  received: [],
  cancelled: [],
}

interface TransferRow {
  id: string
  order_id: string
  transfer_number: string
  source_workspace_id: string
  destination_workspace_id: string
  status: TransferStatus
}

async function lockedTransfer(tx: Tx, session: Session, locale: Locale, transferId: string): Promise<TransferRow> {
  const row = await firstOf<TransferRow>(
    tx,
    sql`SELECT id, order_id, transfer_number, source_workspace_id, destination_workspace_id, status FROM stock_transfers
        WHERE id = ${transferId} AND organization_id = ${session.organizationId} FOR UPDATE`,
  )
  if (!row) throw stockRefusal('NOT_FOUND', locale, ['transferId'], 'transferNotFound')
  return row
}

function requireTransition(t: TransferRow, locale: Locale, to: TransferStatus, action: string): void {
  if (!transferTransitions[t.status].includes(to))
    throw stockRefusal('CONFLICT', locale, ['transferId'], 'transferWrongStatus', {
      number: t.transfer_number,
      status: word(locale, t.status),
      action: word(locale, action),
    })
}

const summarySelect = (
  session: Session,
) => sql`SELECT t.id, t.order_id, t.transfer_number, t.source_workspace_id, sw.name AS source_name,
    t.destination_workspace_id, dw.name AS destination_name, t.status,
    CASE WHEN t.source_workspace_id = ${session.workspaceId} THEN 'outgoing' ELSE 'inbound' END AS direction,
    (SELECT count(*)::int FROM stock_transfer_lines l WHERE l.stock_transfer_id = t.id) AS line_count,
    t.created_at::text AS created_at, t.shipped_at::text AS shipped_at, t.received_at::text AS received_at
  FROM stock_transfers t
  JOIN workspaces sw ON sw.id = t.source_workspace_id
  JOIN workspaces dw ON dw.id = t.destination_workspace_id`

interface SummaryRow {
  id: string
  order_id: string
  transfer_number: string
  source_workspace_id: string
  source_name: string
  destination_workspace_id: string
  destination_name: string
  status: TransferStatus
  direction: 'outgoing' | 'inbound'
  line_count: number
  created_at: string
  shipped_at: string | null
  received_at: string | null
}

function summaryOf(r: SummaryRow) {
  return {
    id: r.id,
    orderId: r.order_id,
    number: r.transfer_number,
    sourceWorkspaceId: r.source_workspace_id,
    sourceWorkspaceName: r.source_name,
    destinationWorkspaceId: r.destination_workspace_id,
    destinationWorkspaceName: r.destination_name,
    status: r.status,
    direction: r.direction,
    lineCount: r.line_count,
    createdAt: r.created_at,
    shippedAt: r.shipped_at,
    receivedAt: r.received_at,
  }
}

/**
 * Transfers between workspaces of the organization. The TRANSFER order and its transfer_out
 * rows belong to the source workspace; the organization-wide manifest (stock_transfers) lets
 * the destination see and receive the goods in transit with transfer_in rows of its own
 * (docs/decisions/0007-transfers-and-counts.md).
 */
export function transferHandlers(deps: {
  orm: Orm
  write: Write
}): DomainHandlers<
  | 'stock.transfers.list'
  | 'stock.transfers.get'
  | 'stock.transfers.create'
  | 'stock.transfers.ship'
  | 'stock.transfers.cancel'
  | 'stock.transfers.receive'
> {
  return {
    'stock.transfers.list': async (_input, ctx) => {
      const session = ctx.connection.session!
      const rows = await rowsOf<SummaryRow>(
        deps.orm,
        sql`${summarySelect(session)} WHERE t.organization_id = ${session.organizationId}
          AND (t.source_workspace_id = ${session.workspaceId}
               OR (t.destination_workspace_id = ${session.workspaceId} AND t.status <> 'draft'))
          ORDER BY t.created_at DESC, t.id LIMIT 200`,
      )
      return rows.map(summaryOf)
    },

    'stock.transfers.get': async ({ transferId }, ctx) => {
      const session = ctx.connection.session!
      return transferDetail(deps.orm, session, ctx.connection.locale, transferId)
    },

    'stock.transfers.create': async ({ destinationWorkspaceId, lines, notes }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const org = session.organizationId
        if (destinationWorkspaceId === session.workspaceId)
          throw stockRefusal('VALIDATION', locale, ['destinationWorkspaceId'], 'transferSameWorkspace')
        await activeWorkspaceIn(tx, locale, org, destinationWorkspaceId, 'destinationWorkspaceId')
        const products = await activeProductsOfLines(tx, locale, org, lines)
        const number = await issueDocumentNumber(tx, org, session.workspaceId, 'ORDER')
        const createdBy = await employeeOf(tx, session)
        const order = await firstOf<{ id: string }>(
          tx,
          sql`INSERT INTO orders (organization_id, workspace_id, order_number, type, status, created_by, notes, custom_fields)
              VALUES (${org}, ${session.workspaceId}, ${number}, 'TRANSFER', 'pending', ${createdBy}, ${notes},
                      ${JSON.stringify({ destination_workspace_id: destinationWorkspaceId })}::jsonb)
              RETURNING id`,
        )
        const transfer = await firstOf<{ id: string }>(
          tx,
          sql`INSERT INTO stock_transfers (organization_id, transfer_number, order_id, source_workspace_id, destination_workspace_id,
                                           status, notes, created_by)
              VALUES (${org}, ${number}, ${order!.id}, ${session.workspaceId}, ${destinationWorkspaceId}, 'draft', ${notes}, ${createdBy})
              RETURNING id`,
        )
        for (const [index, line] of lines.entries()) {
          const product = products[index]!
          // Transfers move goods at cost inside the company: no price, no VAT.
          const item = await firstOf<{ id: string }>(
            tx,
            sql`INSERT INTO order_items (order_id, product_id, product_code, product_name, quantity_ordered, unit_price, unit_cost, tax_percent)
                VALUES (${order!.id}, ${product.id}, ${product.code}, ${product.name}, ${line.quantity}::numeric, 0, ${product.cost}::numeric, 0)
                RETURNING id`,
          )
          await tx.execute(sql`INSERT INTO stock_transfer_lines (stock_transfer_id, line_number, order_item_id, product_id, quantity, unit_cost)
            VALUES (${transfer!.id}, ${index + 1}, ${item!.id}, ${product.id}, ${line.quantity}::numeric, ${product.cost}::numeric)`)
        }
        await audit({
          entityType: 'order',
          entityId: order!.id,
          action: 'CREATE',
          after: { order_number: number, type: 'TRANSFER', status: 'pending', destination_workspace_id: destinationWorkspaceId },
        })
        touched('orders', 'order_items', 'stock_transfers', 'stock_transfer_lines')
        return { transferId: transfer!.id, orderId: order!.id, number }
      })
    },

    'stock.transfers.ship': async ({ transferId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const t = await lockedTransfer(tx, session, locale, transferId)
        if (t.source_workspace_id !== session.workspaceId)
          throw stockRefusal('CONFLICT', locale, ['transferId'], 'transferNotHere', {
            number: t.transfer_number,
            workspace: await workspaceName(tx, t.source_workspace_id),
          })
        requireTransition(t, locale, 'in_transit', 'ship')
        const lines = await rowsOf<{
          id: string
          order_item_id: string
          product_id: string
          name: string
          status: string
          quantity: string
          unit_cost: string | null
          available: string
          enough: boolean
        }>(
          tx,
          sql`SELECT l.id, l.order_item_id, l.product_id, p.name, p.status, l.quantity::text AS quantity, l.unit_cost::text AS unit_cost,
                     a.available::text AS available, a.available >= l.quantity AS enough
              FROM stock_transfer_lines l JOIN products p ON p.id = l.product_id
              CROSS JOIN LATERAL (SELECT COALESCE(sum(b.available), 0) AS available FROM stock_balances b
                                  WHERE b.workspace_id = ${t.source_workspace_id} AND b.product_id = l.product_id) a
              WHERE l.stock_transfer_id = ${t.id}
              ORDER BY l.line_number
              FOR UPDATE OF l`,
        )
        // The stock policy is the sending terminal's to enforce (central accepts any ledger row).
        for (const [index, line] of lines.entries()) {
          if (line.status !== 'ACTIVE')
            throw stockRefusal('VALIDATION', locale, ['lines', index, 'productId'], 'productInactive', {
              line: index + 1,
              name: line.name,
            })
          if (!line.enough)
            throw stockRefusal('CONFLICT', locale, ['lines', index, 'quantity'], 'insufficientStock', {
              line: index + 1,
              name: line.name,
              available: line.available,
              needed: line.quantity,
            })
        }
        const by = await employeeOf(tx, session)
        for (const line of lines) {
          await tx.execute(sql`INSERT INTO inventory_movements (organization_id, workspace_id, product_id, movement_type, quantity, unit_cost,
                                order_id, order_item_id, transfer_id, counterpart_workspace_id, reason, created_by)
            VALUES (${session.organizationId}, ${t.source_workspace_id}, ${line.product_id}, 'transfer_out', -(${line.quantity}::numeric),
                    ${line.unit_cost}::numeric, ${t.order_id}, ${line.order_item_id}, ${t.id}, ${t.destination_workspace_id},
                    ${`transfer ${t.transfer_number}`}, ${by})`)
        }
        await tx.execute(
          sql`UPDATE stock_transfers SET status = 'in_transit', shipped_by = ${by}, shipped_at = CURRENT_TIMESTAMP WHERE id = ${t.id}`,
        )
        await tx.execute(sql`UPDATE orders SET status = 'shipped', shipped_date = CURRENT_DATE WHERE id = ${t.order_id}`)
        await audit({
          entityType: 'order',
          entityId: t.order_id,
          action: 'UPDATE',
          before: { status: 'pending' },
          after: { status: 'shipped' },
          metadata: { transfer_id: t.id },
        })
        touched('stock_transfers', 'orders', 'order_items', 'inventory_movements', 'stock_balances', 'products')
        return null
      })
    },

    'stock.transfers.cancel': async ({ transferId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const t = await lockedTransfer(tx, session, locale, transferId)
        if (t.source_workspace_id !== session.workspaceId)
          throw stockRefusal('CONFLICT', locale, ['transferId'], 'transferNotHere', {
            number: t.transfer_number,
            workspace: await workspaceName(tx, t.source_workspace_id),
          })
        requireTransition(t, locale, 'cancelled', 'cancel')
        await tx.execute(sql`UPDATE stock_transfers SET status = 'cancelled' WHERE id = ${t.id}`)
        await tx.execute(sql`UPDATE orders SET status = 'cancelled' WHERE id = ${t.order_id}`)
        await audit({
          entityType: 'order',
          entityId: t.order_id,
          action: 'UPDATE',
          before: { status: 'pending' },
          after: { status: 'cancelled' },
        })
        touched('stock_transfers', 'orders')
        return null
      })
    },

    'stock.transfers.receive': async ({ transferId, lines: received }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const t = await lockedTransfer(tx, session, locale, transferId)
        if (!(await holdsWorkspace(tx, session, t.destination_workspace_id)))
          throw stockRefusal('CONFLICT', locale, ['transferId'], 'transferNotForHere', {
            number: t.transfer_number,
            workspace: await workspaceName(tx, t.destination_workspace_id),
          })
        requireTransition(t, locale, 'received', 'receive')
        const lines = await rowsOf<{ id: string; product_id: string; quantity: string; unit_cost: string | null }>(
          tx,
          sql`SELECT id, product_id, quantity::text AS quantity, unit_cost::text AS unit_cost FROM stock_transfer_lines
              WHERE stock_transfer_id = ${t.id} ORDER BY line_number FOR UPDATE`,
        )
        const byId = new Map(lines.map((l) => [l.id, l]))
        const quantityOf = new Map<string, string>()
        received.forEach((r, index) => {
          if (!byId.has(r.lineId))
            throw stockRefusal('NOT_FOUND', locale, ['lines', index, 'lineId'], 'receiveLineUnknown', { line: index + 1 })
          quantityOf.set(r.lineId, r.quantity)
        })
        const by = await employeeOf(tx, session)
        for (const line of lines) {
          const quantity = quantityOf.get(line.id) ?? line.quantity
          await tx.execute(sql`UPDATE stock_transfer_lines SET quantity_received = ${quantity}::numeric WHERE id = ${line.id}`)
          // A line that did not arrive stays a difference on the manifest; nothing is posted for it.
          if (/[1-9]/.test(quantity))
            await tx.execute(sql`INSERT INTO inventory_movements (organization_id, workspace_id, product_id, movement_type, quantity, unit_cost,
                                  transfer_id, counterpart_workspace_id, reason, created_by)
              VALUES (${session.organizationId}, ${t.destination_workspace_id}, ${line.product_id}, 'transfer_in', ${quantity}::numeric,
                      ${line.unit_cost}::numeric, ${t.id}, ${t.source_workspace_id}, ${`transfer ${t.transfer_number}`}, ${by})`)
        }
        await tx.execute(
          sql`UPDATE stock_transfers SET status = 'received', received_by = ${by}, received_at = CURRENT_TIMESTAMP WHERE id = ${t.id}`,
        )
        await audit({
          entityType: 'stock_transfer',
          entityId: t.id,
          action: 'UPDATE',
          before: { status: 'in_transit' },
          after: { status: 'received' },
        })
        touched('stock_transfers', 'stock_transfer_lines', 'inventory_movements', 'stock_balances', 'products')
        return null
      })
    },
  }
}

async function transferDetail(db: DbOrTx, session: Session, locale: Locale, transferId: string) {
  const header = await firstOf<SummaryRow>(
    db,
    sql`${summarySelect(session)} WHERE t.id = ${transferId} AND t.organization_id = ${session.organizationId}`,
  )
  if (!header) throw stockRefusal('NOT_FOUND', locale, ['transferId'], 'transferNotFound')
  const lines = await rowsOf<{
    id: string
    product_id: string
    code: string
    name: string
    unit: string
    quantity: string
    quantity_received: string | null
  }>(
    db,
    sql`SELECT l.id, l.product_id, p.code, p.name, p.unit, l.quantity::text AS quantity, l.quantity_received::text AS quantity_received
        FROM stock_transfer_lines l JOIN products p ON p.id = l.product_id
        WHERE l.stock_transfer_id = ${transferId} ORDER BY l.line_number`,
  )
  return {
    ...summaryOf(header),
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.product_id,
      code: l.code,
      name: l.name,
      unit: l.unit,
      quantity: l.quantity,
      quantityReceived: l.quantity_received,
    })),
  }
}
