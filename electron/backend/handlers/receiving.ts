import Decimal from 'decimal.js'
import { sql } from 'drizzle-orm'
import type { MarkingCode } from '../../../db/schema'
import { isOrderStatus, purchaseStatusAfterReceipt, receivableStatuses } from '../../../shared/order-status'
import type { Orm, Tx } from '../data/orm'
import { schema } from '../data/orm'
import type { Write } from '../data/write'
import type { DomainHandlers } from '../dispatcher'
import {
  employeeIdOf,
  issueDocumentNumber,
  orderInWorkspace,
  orderLabel,
  positiveQuantity,
  productsById,
  quantityText,
  refuseInactiveProduct,
  rowsOf,
  statusName,
  warehouseRefusal,
} from '../warehouse/documents'

/** A GTIN as products store barcodes: GTIN-14 with leading zeros also matches its EAN-13 / UPC form. */
function barcodeForms(code: string): string[] {
  const forms = new Set([code])
  if (/^\d{14}$/.test(code)) {
    let shorter = code
    while (shorter.startsWith('0') && shorter.length > 8) {
      shorter = shorter.slice(1)
      forms.add(shorter)
    }
  }
  if (/^\d{8,13}$/.test(code)) forms.add(code.padStart(14, '0'))
  return [...forms]
}

interface OrderItemRow {
  id: string
  product_id: string
  quantity_ordered: string
  quantity_shipped: string
}

/**
 * Finds or opens the lot (GS1 AI 10) or serialised unit (AI 21) of a product. The unique key is
 * (product, lot, serial), so the same lot scanned again reuses its row.
 */
async function lotOf(
  tx: Tx,
  organizationId: string,
  productId: string,
  data: { gtin: string | null; lotNumber: string | null; serialNumber: string | null; expiryDate: string | null },
  supplierId: string | null,
  employeeId: string,
): Promise<string> {
  const [found] = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT id FROM stock_lots WHERE product_id = ${productId}
        AND COALESCE(lot_number, '') = ${data.lotNumber ?? ''} AND COALESCE(serial_number, '') = ${data.serialNumber ?? ''}`,
  )
  if (found) return found.id
  const [row] = await tx
    .insert(schema.stockLots)
    .values({
      organizationId,
      productId,
      gtin: data.gtin,
      lotNumber: data.lotNumber,
      serialNumber: data.serialNumber,
      expiryDate: data.expiryDate,
      supplierId,
      createdBy: employeeId,
    })
    .returning({ id: schema.stockLots.id })
  return row!.id
}

/**
 * Receiving: looking up what a scan names, open purchase orders with their progress, and
 * posting a goods receipt — document, `receipt` ledger rows and the order's progress in one
 * transaction.
 */
export function receivingHandlers(deps: {
  orm: Orm
  write: Write
}): DomainHandlers<
  | 'receiving.findProduct'
  | 'receiving.openPurchaseOrders'
  | 'receiving.purchaseOrderLines'
  | 'receiving.suppliers'
  | 'receiving.post'
> {
  return {
    'receiving.findProduct': async ({ code }, ctx) => {
      const session = ctx.connection.session!
      const forms = barcodeForms(code)
      // Barcode first (what a scanner reads), then the codes people type.
      const [row] = await rowsOf<{
        id: string
        code: string
        name: string
        unit: string
        barcode: string | null
        status: string
        cost: string
      }>(
        deps.orm,
        sql`SELECT id, code, name, unit, barcode, status, cost::text AS cost FROM products
            WHERE organization_id = ${session.organizationId} AND deleted_at IS NULL
              AND (barcode IN (${sql.join(
                forms.map((f) => sql`${f}`),
                sql`, `,
              )}) OR code = ${code} OR sku = ${code})
            ORDER BY (barcode IS NOT NULL AND barcode IN (${sql.join(
              forms.map((f) => sql`${f}`),
              sql`, `,
            )})) DESC, (status = 'ACTIVE') DESC
            LIMIT 1`,
      )
      return row ?? null
    },

    'receiving.openPurchaseOrders': async (_input, ctx) => {
      const session = ctx.connection.session!
      const rows = await rowsOf<{
        id: string
        order_number: string | null
        status: string
        order_date: string
        supplier_id: string | null
        supplier_name: string | null
        line_count: number
      }>(
        deps.orm,
        sql`SELECT o.id, o.order_number, o.status, o.order_date::text AS order_date, o.supplier_id, s.name AS supplier_name,
                   (SELECT count(*)::int FROM order_items i WHERE i.order_id = o.id) AS line_count
            FROM orders o LEFT JOIN suppliers s ON s.id = o.supplier_id
            WHERE o.organization_id = ${session.organizationId} AND o.workspace_id = ${session.workspaceId}
              AND o.type = 'PURCHASE' AND o.deleted_at IS NULL
              AND o.status IN (${sql.join(
                receivableStatuses.map((s) => sql`${s}`),
                sql`, `,
              )})
            ORDER BY o.order_date DESC, o.order_number DESC
            LIMIT 300`,
      )
      return rows.map((r) => ({
        id: r.id,
        orderNumber: r.order_number,
        status: isOrderStatus(r.status) ? r.status : 'pending',
        orderDate: r.order_date,
        supplierId: r.supplier_id,
        supplierName: r.supplier_name,
        lineCount: r.line_count,
      }))
    },

    'receiving.purchaseOrderLines': async ({ orderId }, ctx) => {
      const session = ctx.connection.session!
      await orderInWorkspace(deps.orm, ctx.connection.locale, session, orderId, false)
      const rows = await rowsOf<{
        id: string
        product_id: string
        code: string
        name: string
        unit: string
        barcode: string | null
        ordered: string
        received: string
        unit_cost: string
      }>(
        deps.orm,
        sql`SELECT i.id, i.product_id, p.code, COALESCE(p.name, i.product_name) AS name, p.unit, p.barcode,
                   i.quantity_ordered::text AS ordered, i.quantity_shipped::text AS received,
                   COALESCE(NULLIF(i.unit_cost, 0), i.unit_price)::text AS unit_cost
            FROM order_items i JOIN products p ON p.id = i.product_id
            WHERE i.order_id = ${orderId}
            ORDER BY i.created_at, i.id`,
      )
      return rows.map((r) => ({
        orderItemId: r.id,
        productId: r.product_id,
        code: r.code,
        name: r.name,
        unit: r.unit,
        barcode: r.barcode,
        ordered: quantityText(r.ordered),
        received: quantityText(r.received),
        unitCost: r.unit_cost,
      }))
    },

    'receiving.suppliers': async (_input, ctx) => {
      const session = ctx.connection.session!
      const rows = await rowsOf<{ id: string; name: string; code: string }>(
        deps.orm,
        sql`SELECT id, name, code FROM suppliers WHERE organization_id = ${session.organizationId}
            AND deleted_at IS NULL AND status = 'ACTIVE'`,
      )
      const collator = new Intl.Collator(ctx.connection.locale)
      return rows.sort((a, b) => collator.compare(a.name, b.name))
    },

    'receiving.post': async (input, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const org = session.organizationId
        const products = await productsById(
          tx,
          org,
          input.lines.map((l) => l.productId),
        )
        // Every line is checked before anything is written: the first fault refuses the whole receipt.
        const quantities = input.lines.map((line, i) => {
          const product = products.get(line.productId)
          if (!product) throw warehouseRefusal('NOT_FOUND', locale, ['lines', i, 'productId'], 'productNotFound', { line: i + 1 })
          refuseInactiveProduct(locale, product, i + 1, ['lines', i, 'productId'])
          return positiveQuantity(locale, line.quantity, i + 1, product.name, ['lines', i, 'quantity'])
        })

        const order = input.orderId ? await orderInWorkspace(tx, locale, session, input.orderId, true) : null
        let supplierId = input.supplierId ?? null
        let items: OrderItemRow[] = []
        if (order) {
          const label = orderLabel(order)
          if (order.type !== 'PURCHASE')
            throw warehouseRefusal('CONFLICT', locale, ['orderId'], 'notPurchaseOrder', { order: label })
          if (!isOrderStatus(order.status) || !receivableStatuses.includes(order.status))
            throw warehouseRefusal('CONFLICT', locale, ['orderId'], 'orderNotReceivable', {
              order: label,
              status: statusName(locale, order.status),
            })
          if (supplierId && order.supplier_id && supplierId !== order.supplier_id)
            throw warehouseRefusal('CONFLICT', locale, ['supplierId'], 'supplierMismatch', { order: label })
          supplierId = supplierId ?? order.supplier_id
          items = await rowsOf<OrderItemRow>(
            tx,
            sql`SELECT id, product_id, quantity_ordered::text AS quantity_ordered, quantity_shipped::text AS quantity_shipped
                FROM order_items WHERE order_id = ${order.id} ORDER BY created_at, id`,
          )
        }
        if (supplierId && supplierId !== order?.supplier_id) {
          const [supplier] = await rowsOf<{ id: string }>(
            tx,
            sql`SELECT id FROM suppliers WHERE id = ${supplierId} AND organization_id = ${org} AND deleted_at IS NULL`,
          )
          if (!supplier) throw warehouseRefusal('NOT_FOUND', locale, ['supplierId'], 'supplierNotFound')
        }

        // Match lines to the order's lines; what each line still awaited is kept with it.
        const awaiting = new Map(
          items.map((i) => [i.id, Decimal.max(new Decimal(i.quantity_ordered).minus(i.quantity_shipped), 0)]),
        )
        const matched = input.lines.map((line, i) => {
          if (!order) return { orderItemId: null, expected: null }
          const product = products.get(line.productId)!
          const item = line.orderItemId
            ? items.find((it) => it.id === line.orderItemId && it.product_id === line.productId)
            : (items.find((it) => it.product_id === line.productId && awaiting.get(it.id)!.gt(0)) ??
              items.find((it) => it.product_id === line.productId))
          if (!item)
            throw warehouseRefusal('CONFLICT', locale, ['lines', i, 'productId'], 'lineNotOnOrder', {
              line: i + 1,
              product: product.name,
              order: orderLabel(order),
            })
          const expected = awaiting.get(item.id)!
          awaiting.set(item.id, Decimal.max(expected.minus(quantities[i]!), 0))
          return { orderItemId: item.id, expected }
        })

        const employeeId = await employeeIdOf(tx, session, locale)
        const receiptNumber = await issueDocumentNumber(tx, session, 'RECEIPT')
        // One at a time: a transaction is one connection, and two lines may name the same lot.
        const lots: (string | null)[] = []
        for (const line of input.lines) {
          lots.push(
            line.lotNumber || line.serialNumber
              ? await lotOf(
                  tx,
                  org,
                  line.productId,
                  {
                    gtin: line.gtin ?? null,
                    lotNumber: line.lotNumber,
                    serialNumber: line.serialNumber,
                    expiryDate: line.expiryDate ?? null,
                  },
                  supplierId,
                  employeeId,
                )
              : null,
          )
        }
        const [receipt] = await tx
          .insert(schema.goodsReceipts)
          .values({
            organizationId: org,
            workspaceId: session.workspaceId,
            receiptNumber,
            ...(input.receiptDate ? { receiptDate: input.receiptDate } : {}),
            orderId: order?.id ?? null,
            supplierId,
            supplierDocument: input.supplierDocument,
            notes: input.notes,
            createdBy: employeeId,
          })
          .returning({ id: schema.goodsReceipts.id })
        const unitCosts = input.lines.map((line) => line.unitCost ?? products.get(line.productId)!.cost)
        const movements = await tx
          .insert(schema.inventoryMovements)
          .values(
            input.lines.map((line, i) => ({
              organizationId: org,
              workspaceId: session.workspaceId,
              productId: line.productId,
              lotId: lots[i],
              movementType: 'receipt' as const,
              quantity: quantities[i]!.toFixed(),
              unitCost: unitCosts[i],
              orderId: order?.id ?? null,
              orderItemId: matched[i]!.orderItemId,
              markingCodes: line.markingCode
                ? [
                    {
                      ...(line.gtin ? { '01': line.gtin } : {}),
                      ...(line.serialNumber ? { '21': line.serialNumber } : {}),
                      raw: line.markingCode,
                    } as MarkingCode,
                  ]
                : [],
              reason: `receipt ${receiptNumber}`,
              createdBy: employeeId,
            })),
          )
          .returning({ id: schema.inventoryMovements.id })
        await tx.insert(schema.goodsReceiptLines).values(
          input.lines.map((line, i) => ({
            receiptId: receipt!.id,
            lineNumber: i + 1,
            productId: line.productId,
            orderItemId: matched[i]!.orderItemId,
            movementId: movements[i]!.id,
            lotId: lots[i],
            quantity: quantities[i]!.toFixed(),
            quantityExpected: matched[i]!.expected?.toFixed() ?? null,
            unitCost: unitCosts[i],
          })),
        )
        await audit({
          entityType: 'goods_receipt',
          entityId: receipt!.id,
          action: 'CREATE',
          after: {
            receipt_number: receiptNumber,
            order_id: order?.id ?? null,
            supplier_id: supplierId,
            lines: input.lines.map((l, i) => ({ product_id: l.productId, quantity: quantities[i]!.toFixed() })),
          },
        })
        touched('goods_receipts', 'goods_receipt_lines', 'inventory_movements', 'stock_balances', 'products')

        let orderStatus: ReturnType<typeof purchaseStatusAfterReceipt> = null
        if (order && isOrderStatus(order.status)) {
          // The ledger trigger has refreshed quantity_shipped (received, for a purchase order).
          const [progress] = await rowsOf<{ open: number }>(
            tx,
            sql`SELECT count(*) FILTER (WHERE quantity_shipped < quantity_ordered)::int AS open
                FROM order_items WHERE order_id = ${order.id}`,
          )
          orderStatus = purchaseStatusAfterReceipt(order.status, progress!.open === 0)
          if (orderStatus && orderStatus !== order.status) {
            await tx.execute(
              sql`UPDATE orders SET status = ${orderStatus},
                  delivered_date = CASE WHEN ${orderStatus} = 'delivered' THEN CURRENT_DATE ELSE delivered_date END
                  WHERE id = ${order.id}`,
            )
            await audit({
              entityType: 'order',
              entityId: order.id,
              action: 'UPDATE',
              before: { status: order.status },
              after: { status: orderStatus },
              reason: `receipt ${receiptNumber}`,
            })
          }
          touched('orders', 'order_items')
        }
        return { receiptId: receipt!.id, receiptNumber, orderStatus }
      })
    },
  }
}
