import Decimal from 'decimal.js'
import { sql } from 'drizzle-orm'
import type { Locale } from '../../../shared/locale'
import type { Session } from '../call-context'
import type { Orm, Tx } from '../data/orm'
import type { Write } from '../data/write'
import type { DomainHandlers } from '../dispatcher'
import { activeProductsOfLines, employeeOf, firstOf, issueDocumentNumber, rowsOf } from './common'
import { stockRefusal, word } from './messages'

interface OriginalItem {
  id: string
  product_id: string
  name: string
  unit_price: string
  tax_percent: string
  vat_included: boolean
  quantity_shipped: string
  quantity_returned: string
}

/** Items of a SALES order of this workspace with what was shipped and already returned. */
async function originalItems(tx: Tx | Orm, orderId: string): Promise<Map<string, OriginalItem>> {
  const rows = await rowsOf<OriginalItem>(
    tx,
    sql`SELECT i.id, i.product_id, i.product_name AS name, i.unit_price::text AS unit_price, i.tax_percent::text AS tax_percent,
               i.vat_included, i.quantity_shipped::text AS quantity_shipped, i.quantity_returned::text AS quantity_returned
        FROM order_items i WHERE i.order_id = ${orderId} ORDER BY i.created_at, i.id`,
  )
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * Refuses returning more of an order's line than was shipped minus what came back already;
 * the line's quantity_returned is derived from the ledger's `return` rows.
 */
function refuseTooMuch(locale: Locale, item: OriginalItem, quantity: string, index: number): void {
  const left = new Decimal(item.quantity_shipped).minus(item.quantity_returned)
  if (new Decimal(quantity).greaterThan(left))
    throw stockRefusal('CONFLICT', locale, ['lines', index, 'quantity'], 'returnTooMuch', {
      line: index + 1,
      name: item.name,
      shipped: item.quantity_shipped,
      returned: item.quantity_returned,
      left: Decimal.max(left, 0).toString(),
    })
}

async function salesOrderHere(tx: Tx | Orm, session: Session, orderId: string) {
  return firstOf<{ id: string; order_number: string; customer_id: string | null }>(
    tx,
    sql`SELECT id, order_number, customer_id FROM orders
        WHERE id = ${orderId} AND organization_id = ${session.organizationId} AND workspace_id = ${session.workspaceId}
          AND type = 'SALES' AND deleted_at IS NULL`,
  )
}

/**
 * Customer returns: a RETURN order (pending) against the sales order when it is known, then
 * received into this workspace's stock with `return` movements (pending → delivered). The
 * ledger rows name the original order's line, so its quantity_returned follows.
 */
export function returnHandlers(deps: {
  orm: Orm
  write: Write
}): DomainHandlers<'stock.returns.list' | 'stock.returns.findOrder' | 'stock.returns.create' | 'stock.returns.receive'> {
  return {
    'stock.returns.list': async (_input, ctx) => {
      const session = ctx.connection.session!
      const rows = await rowsOf<{
        id: string
        order_number: string
        status: 'pending' | 'delivered' | 'cancelled'
        customer_name: string | null
        original_number: string | null
        line_count: number
        order_date: string
      }>(
        deps.orm,
        sql`SELECT o.id, o.order_number, o.status, c.name AS customer_name, po.order_number AS original_number,
                   (SELECT count(*)::int FROM order_items i WHERE i.order_id = o.id) AS line_count, o.order_date::text AS order_date
            FROM orders o
            LEFT JOIN customers c ON c.id = o.customer_id
            LEFT JOIN orders po ON po.id = o.parent_order_id
            WHERE o.organization_id = ${session.organizationId} AND o.workspace_id = ${session.workspaceId}
              AND o.type = 'RETURN' AND o.deleted_at IS NULL AND o.status IN ('pending', 'delivered', 'cancelled')
            ORDER BY o.created_at DESC, o.id LIMIT 200`,
      )
      return rows.map((r) => ({
        orderId: r.id,
        orderNumber: r.order_number,
        status: r.status,
        customerName: r.customer_name,
        originalOrderNumber: r.original_number,
        lineCount: r.line_count,
        orderDate: r.order_date,
      }))
    },

    'stock.returns.findOrder': async ({ orderNumber }, ctx) => {
      const session = ctx.connection.session!
      const order = await firstOf<{ id: string; order_number: string; customer_id: string | null; customer_name: string | null }>(
        deps.orm,
        sql`SELECT o.id, o.order_number, o.customer_id, c.name AS customer_name FROM orders o
            LEFT JOIN customers c ON c.id = o.customer_id
            WHERE o.organization_id = ${session.organizationId} AND o.workspace_id = ${session.workspaceId}
              AND o.type = 'SALES' AND o.deleted_at IS NULL AND upper(o.order_number) = upper(${orderNumber})`,
      )
      if (!order)
        throw stockRefusal('NOT_FOUND', ctx.connection.locale, ['orderNumber'], 'orderNotFound', { number: orderNumber })
      const items = await rowsOf<{
        id: string
        product_id: string
        code: string
        name: string
        unit: string
        quantity_shipped: string
        quantity_returned: string
      }>(
        deps.orm,
        sql`SELECT i.id, i.product_id, i.product_code AS code, i.product_name AS name, p.unit,
                   i.quantity_shipped::text AS quantity_shipped, i.quantity_returned::text AS quantity_returned
            FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id = ${order.id}
            ORDER BY i.created_at, i.id`,
      )
      return {
        orderId: order.id,
        orderNumber: order.order_number,
        customerId: order.customer_id,
        customerName: order.customer_name,
        lines: items.map((i) => ({
          orderItemId: i.id,
          productId: i.product_id,
          code: i.code,
          name: i.name,
          unit: i.unit,
          quantityShipped: i.quantity_shipped,
          quantityReturned: i.quantity_returned,
        })),
      }
    },

    'stock.returns.create': async ({ originalOrderId, customerId, lines, reason }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const org = session.organizationId
        let customer = customerId
        let items = new Map<string, OriginalItem>()
        if (originalOrderId) {
          const original = await salesOrderHere(tx, session, originalOrderId)
          if (!original) throw stockRefusal('NOT_FOUND', locale, ['originalOrderId'], 'originalNotFound')
          customer = customer ?? original.customer_id
          items = await originalItems(tx, original.id)
        }
        if (customer) {
          const found = await firstOf<{ id: string }>(
            tx,
            sql`SELECT id FROM customers WHERE id = ${customer} AND organization_id = ${org} AND deleted_at IS NULL`,
          )
          if (!found) throw stockRefusal('NOT_FOUND', locale, ['customerId'], 'customerNotFound')
        }
        // Goods of a product no longer sold can still come back from a customer: it must exist, not be active.
        const products = await activeProductsOfLines(tx, locale, org, lines, 'lines', { requireActive: false })
        lines.forEach((line, index) => {
          if (!line.originalItemId) return
          const item = items.get(line.originalItemId)
          if (!item || item.product_id !== line.productId)
            throw stockRefusal('NOT_FOUND', locale, ['lines', index, 'originalItemId'], 'originalItemUnknown', {
              line: index + 1,
            })
          refuseTooMuch(locale, item, line.quantity, index)
        })
        const number = await issueDocumentNumber(tx, org, session.workspaceId, 'ORDER')
        const createdBy = await employeeOf(tx, session)
        const order = await firstOf<{ id: string }>(
          tx,
          sql`INSERT INTO orders (organization_id, workspace_id, order_number, type, status, customer_id, parent_order_id, created_by, notes)
              VALUES (${org}, ${session.workspaceId}, ${number}, 'RETURN', 'pending', ${customer}, ${originalOrderId}, ${createdBy}, ${reason})
              RETURNING id`,
        )
        for (const [index, line] of lines.entries()) {
          const product = products[index]!
          const item = line.originalItemId ? items.get(line.originalItemId) : undefined
          await tx.execute(sql`INSERT INTO order_items (order_id, product_id, product_code, product_name, quantity_ordered, unit_price,
                                  unit_cost, tax_percent, vat_included, custom_fields)
            VALUES (${order!.id}, ${product.id}, ${product.code}, ${product.name}, ${line.quantity}::numeric,
                    ${item?.unit_price ?? product.price}::numeric, ${product.cost}::numeric, ${item?.tax_percent ?? product.vat_rate}::numeric,
                    ${item?.vat_included ?? false}, ${JSON.stringify({ original_item_id: line.originalItemId, line: index + 1 })}::jsonb)`)
        }
        await audit({
          entityType: 'order',
          entityId: order!.id,
          action: 'CREATE',
          after: { order_number: number, type: 'RETURN', status: 'pending', parent_order_id: originalOrderId },
          reason: reason ?? undefined,
        })
        touched('orders', 'order_items')
        return { orderId: order!.id, orderNumber: number }
      })
    },

    'stock.returns.receive': async ({ orderId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const order = await firstOf<{ id: string; order_number: string; status: string; parent_order_id: string | null }>(
          tx,
          sql`SELECT id, order_number, status, parent_order_id FROM orders
              WHERE id = ${orderId} AND organization_id = ${session.organizationId} AND workspace_id = ${session.workspaceId}
                AND type = 'RETURN' AND deleted_at IS NULL FOR UPDATE`,
        )
        if (!order) throw stockRefusal('NOT_FOUND', locale, ['orderId'], 'returnNotFound')
        if (order.status !== 'pending')
          throw stockRefusal('CONFLICT', locale, ['orderId'], 'returnWrongStatus', {
            number: order.order_number,
            status: word(locale, order.status),
          })
        const lines = await rowsOf<{
          id: string
          product_id: string
          quantity: string
          original_item_id: string | null
          unit_cost: string
        }>(
          tx,
          sql`SELECT i.id, i.product_id, i.quantity_ordered::text AS quantity, i.custom_fields ->> 'original_item_id' AS original_item_id,
                     p.cost::text AS unit_cost
              FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id = ${order.id}
              ORDER BY (i.custom_fields ->> 'line')::int, i.id`,
        )
        // Checked again: another return of the same sales order may have been received since.
        const items = order.parent_order_id ? await originalItems(tx, order.parent_order_id) : new Map<string, OriginalItem>()
        const by = await employeeOf(tx, session)
        for (const [index, line] of lines.entries()) {
          const item = line.original_item_id ? items.get(line.original_item_id) : undefined
          if (item) refuseTooMuch(locale, item, line.quantity, index)
          await tx.execute(sql`INSERT INTO inventory_movements (organization_id, workspace_id, product_id, movement_type, quantity, unit_cost,
                                order_id, order_item_id, reason, created_by)
            VALUES (${session.organizationId}, ${session.workspaceId}, ${line.product_id}, 'return', ${line.quantity}::numeric,
                    ${line.unit_cost}::numeric, ${order.id}, ${item ? item.id : line.id}, ${`return ${order.order_number}`}, ${by})`)
        }
        await tx.execute(sql`UPDATE orders SET status = 'delivered', delivered_date = CURRENT_DATE WHERE id = ${order.id}`)
        await audit({
          entityType: 'order',
          entityId: order.id,
          action: 'UPDATE',
          before: { status: 'pending' },
          after: { status: 'delivered' },
        })
        touched('orders', 'order_items', 'inventory_movements', 'stock_balances', 'products')
        return null
      })
    },
  }
}
