import Decimal from 'decimal.js'
import { sql } from 'drizzle-orm'
import {
  type OrderStatus,
  canTransition,
  isOrderStatus,
  orderStatuses,
  shippableStatuses,
  statusAfterShipment,
} from '../../../shared/order-status'
import type { Locale } from '../../../shared/locale'
import type { Session } from '../call-context'
import type { DbOrTx, Orm, Tx } from '../data/orm'
import { schema } from '../data/orm'
import type { Write, WriteScope } from '../data/write'
import type { DomainHandlers } from '../dispatcher'
import {
  type OrderHead,
  employeeIdOf,
  issueDocumentNumber,
  orderInWorkspace,
  orderLabel,
  positiveQuantity,
  productsById,
  quantityText,
  readStockPolicy,
  refuseInactiveProduct,
  rowsOf,
  statusName,
  warehouseRefusal,
  writeStockPolicy,
} from '../warehouse/documents'

/** Statuses the order list shows when none are asked for: everything still to be worked on. */
const openStatuses: OrderStatus[] = ['pending', 'confirmed', 'processing', 'shipped']

/** One order line with its ledger state. */
interface LineState {
  id: string
  product_id: string
  code: string
  name: string
  unit: string
  barcode: string | null
  product_status: string
  ordered: string
  shipped: string
  reserved: string
  on_hand: string
  available: string
}

/**
 * Lines of an order with what is still reserved for each (reservations minus releases of that
 * line) and the product's stock in the workspace over all lots.
 */
async function lineStates(db: DbOrTx, orderId: string, workspaceId: string): Promise<LineState[]> {
  return rowsOf<LineState>(
    db,
    sql`SELECT i.id, i.product_id, p.code, COALESCE(p.name, i.product_name) AS name, p.unit, p.barcode,
               p.status AS product_status,
               i.quantity_ordered::text AS ordered, i.quantity_shipped::text AS shipped,
               COALESCE((SELECT sum(m.quantity) FROM inventory_movements m
                         WHERE m.order_item_id = i.id AND m.movement_type IN ('reservation', 'release')), 0)::text AS reserved,
               COALESCE((SELECT sum(b.on_hand) FROM stock_balances b
                         WHERE b.product_id = i.product_id AND b.workspace_id = ${workspaceId}), 0)::text AS on_hand,
               COALESCE((SELECT sum(b.available) FROM stock_balances b
                         WHERE b.product_id = i.product_id AND b.workspace_id = ${workspaceId}), 0)::text AS available
        FROM order_items i JOIN products p ON p.id = i.product_id
        WHERE i.order_id = ${orderId}
        ORDER BY p.code, i.id`,
  )
}

/** Refuses a status change the flow does not allow, naming both statuses. */
function refuseTransition(locale: Locale, order: OrderHead, to: OrderStatus): never {
  throw warehouseRefusal('CONFLICT', locale, ['orderId'], 'transitionRefused', {
    order: orderLabel(order),
    from: statusName(locale, order.status),
    to: statusName(locale, to),
  })
}

/** A sales order of the workspace, locked, or a typed refusal. */
async function salesOrder(
  tx: Tx,
  locale: Locale,
  session: Session,
  orderId: string,
): Promise<OrderHead & { status: OrderStatus }> {
  const order = await orderInWorkspace(tx, locale, session, orderId, true)
  if (order.type !== 'SALES')
    throw warehouseRefusal('CONFLICT', locale, ['orderId'], 'notSalesOrder', { order: orderLabel(order) })
  if (!isOrderStatus(order.status)) refuseTransition(locale, order, 'confirmed')
  return order as OrderHead & { status: OrderStatus }
}

/** Records a status change of an order with its audit row. */
async function setOrderStatus(
  scope: WriteScope,
  order: OrderHead,
  to: OrderStatus,
  extra: Record<string, string | null> = {},
  reason?: string,
): Promise<void> {
  const sets = [sql`status = ${to}`]
  if (to === 'shipped') sets.push(sql`shipped_date = CURRENT_DATE`)
  if (to === 'delivered') sets.push(sql`delivered_date = CURRENT_DATE`)
  if ('carrier' in extra) sets.push(sql`carrier = ${extra.carrier}`)
  if ('tracking_number' in extra) sets.push(sql`tracking_number = ${extra.tracking_number}`)
  if ('approved_by' in extra) sets.push(sql`approved_by = ${extra.approved_by}, approved_at = CURRENT_TIMESTAMP`)
  await scope.tx.execute(sql`UPDATE orders SET ${sql.join(sets, sql`, `)} WHERE id = ${order.id}`)
  await scope.audit({
    entityType: 'order',
    entityId: order.id,
    action: 'UPDATE',
    before: { status: order.status },
    after: { status: to, ...extra },
    ...(reason ? { reason } : {}),
  })
  scope.touched('orders')
}

/**
 * Picking and shipping of sales orders: the list and pick list, confirming (reserves stock),
 * shipping in one or several parts (release + shipment per line, carrier and tracking number),
 * delivery, cancelling (releases reservations), and the workspace's negative-stock policy.
 */
export function shippingHandlers(deps: {
  orm: Orm
  write: Write
}): DomainHandlers<
  | 'shipping.orders'
  | 'shipping.order'
  | 'shipping.confirm'
  | 'shipping.ship'
  | 'shipping.deliver'
  | 'shipping.cancel'
  | 'warehouse.stockPolicy.get'
  | 'warehouse.stockPolicy.set'
> {
  return {
    'shipping.orders': async ({ statuses, search }, ctx) => {
      const session = ctx.connection.session!
      const wanted = statuses ?? openStatuses
      const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
      const rows = await rowsOf<{
        id: string
        order_number: string | null
        status: string
        order_date: string
        required_date: string | null
        customer_name: string | null
        priority: string
        line_count: number
        total_amount: string
      }>(
        deps.orm,
        sql`SELECT o.id, o.order_number, o.status, o.order_date::text AS order_date, o.required_date::text AS required_date,
                   c.name AS customer_name, o.priority, o.total_amount::text AS total_amount,
                   (SELECT count(*)::int FROM order_items i WHERE i.order_id = o.id) AS line_count
            FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
            WHERE o.organization_id = ${session.organizationId} AND o.workspace_id = ${session.workspaceId}
              AND o.type = 'SALES' AND o.deleted_at IS NULL
              AND o.status IN (${sql.join(
                wanted.map((s) => sql`${s}`),
                sql`, `,
              )})
              ${pattern ? sql`AND (o.order_number ILIKE ${pattern} OR c.name ILIKE ${pattern})` : sql``}
            ORDER BY CASE o.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END,
                     o.required_date NULLS LAST, o.order_date DESC, o.order_number DESC
            LIMIT 300`,
      )
      return rows.map((r) => ({
        id: r.id,
        orderNumber: r.order_number,
        status: isOrderStatus(r.status) ? r.status : orderStatuses[0],
        orderDate: r.order_date,
        requiredDate: r.required_date,
        customerName: r.customer_name,
        priority: r.priority,
        lineCount: r.line_count,
        totalAmount: r.total_amount,
      }))
    },

    'shipping.order': async ({ orderId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      const order = await orderInWorkspace(deps.orm, locale, session, orderId, false)
      if (order.type !== 'SALES')
        throw warehouseRefusal('CONFLICT', locale, ['orderId'], 'notSalesOrder', { order: orderLabel(order) })
      const [head] = await rowsOf<{
        order_date: string
        required_date: string | null
        customer_name: string | null
        priority: string
        total_amount: string
        carrier: string | null
        tracking_number: string | null
      }>(
        deps.orm,
        sql`SELECT o.order_date::text AS order_date, o.required_date::text AS required_date, c.name AS customer_name,
                   o.priority, o.total_amount::text AS total_amount, o.carrier, o.tracking_number
            FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id = ${orderId}`,
      )
      const lines = await lineStates(deps.orm, orderId, session.workspaceId)
      const shipments = await rowsOf<{
        id: string
        shipment_number: string
        shipment_date: string
        carrier: string | null
        tracking_number: string | null
        below_zero_confirmed: boolean
      }>(
        deps.orm,
        sql`SELECT id, shipment_number, shipment_date::text AS shipment_date, carrier, tracking_number, below_zero_confirmed
            FROM shipments WHERE order_id = ${orderId} ORDER BY created_at, shipment_number`,
      )
      return {
        id: order.id,
        orderNumber: order.order_number,
        status: isOrderStatus(order.status) ? order.status : orderStatuses[0],
        orderDate: head!.order_date,
        requiredDate: head!.required_date,
        customerName: head!.customer_name,
        priority: head!.priority,
        lineCount: lines.length,
        totalAmount: head!.total_amount,
        carrier: head!.carrier,
        trackingNumber: head!.tracking_number,
        lines: lines.map((l) => ({
          orderItemId: l.id,
          productId: l.product_id,
          code: l.code,
          name: l.name,
          unit: l.unit,
          barcode: l.barcode,
          productStatus: l.product_status,
          ordered: quantityText(l.ordered),
          shipped: quantityText(l.shipped),
          reserved: quantityText(l.reserved),
          onHand: quantityText(l.on_hand),
          available: quantityText(l.available),
        })),
        shipments: shipments.map((s) => ({
          id: s.id,
          shipmentNumber: s.shipment_number,
          shipmentDate: s.shipment_date,
          carrier: s.carrier,
          trackingNumber: s.tracking_number,
          belowZeroConfirmed: s.below_zero_confirmed,
        })),
      }
    },

    'shipping.confirm': async ({ orderId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async (scope) => {
        const order = await salesOrder(scope.tx, locale, session, orderId)
        if (!canTransition(order.status, 'confirmed')) refuseTransition(locale, order, 'confirmed')
        const lines = await lineStates(scope.tx, orderId, session.workspaceId)
        if (lines.length === 0)
          throw warehouseRefusal('CONFLICT', locale, ['orderId'], 'orderHasNoLines', { order: orderLabel(order) })
        const employeeId = await employeeIdOf(scope.tx, session, locale)
        // Reserve what each line still needs: ordered − shipped − already reserved.
        const reservations = lines.flatMap((l, i) => {
          const need = new Decimal(l.ordered).minus(l.shipped).minus(l.reserved)
          if (need.lte(0)) return []
          refuseInactiveProduct(locale, { ...l, status: l.product_status, cost: '0' }, i + 1, ['lines', i, 'productId'])
          return [
            {
              organizationId: session.organizationId,
              workspaceId: session.workspaceId,
              productId: l.product_id,
              movementType: 'reservation' as const,
              quantity: need.toFixed(),
              orderId,
              orderItemId: l.id,
              reason: `order ${orderLabel(order)} confirmed`,
              createdBy: employeeId,
            },
          ]
        })
        if (reservations.length > 0) await scope.tx.insert(schema.inventoryMovements).values(reservations)
        await setOrderStatus(scope, order, 'confirmed', { approved_by: employeeId })
        scope.touched('inventory_movements', 'stock_balances', 'products', 'order_items')
        return { status: 'confirmed' as const }
      })
    },

    'shipping.ship': async (input, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async (scope) => {
        const { tx } = scope
        const order = await salesOrder(tx, locale, session, input.orderId)
        if (!shippableStatuses.includes(order.status)) refuseTransition(locale, order, 'shipped')
        const label = orderLabel(order)
        const lines = new Map((await lineStates(tx, order.id, session.workspaceId)).map((l) => [l.id, l]))
        const products = await productsById(
          tx,
          session.organizationId,
          [...lines.values()].map((l) => l.product_id),
        )
        const seen = new Set<string>()
        const shipping = input.lines.map((line, i) => {
          const state = lines.get(line.orderItemId)
          const n = i + 1
          if (!state)
            throw warehouseRefusal('NOT_FOUND', locale, ['lines', i, 'orderItemId'], 'lineNotInOrder', { line: n, order: label })
          if (seen.has(line.orderItemId))
            throw warehouseRefusal('VALIDATION', locale, ['lines', i, 'orderItemId'], 'duplicateLine', { line: n })
          seen.add(line.orderItemId)
          const product = products.get(state.product_id)!
          refuseInactiveProduct(locale, product, n, ['lines', i, 'orderItemId'])
          const quantity = positiveQuantity(locale, line.quantity, n, state.name, ['lines', i, 'quantity'])
          const left = new Decimal(state.ordered).minus(state.shipped)
          if (quantity.gt(left))
            throw warehouseRefusal('CONFLICT', locale, ['lines', i, 'quantity'], 'shipMoreThanOrdered', {
              line: n,
              product: state.name,
              quantity: quantity.toFixed(),
              left: left.toFixed(),
            })
          const reserved = new Decimal(state.reserved)
          if (quantity.gt(reserved))
            throw warehouseRefusal('CONFLICT', locale, ['lines', i, 'quantity'], 'shipMoreThanReserved', {
              line: n,
              product: state.name,
              quantity: quantity.toFixed(),
              reserved: reserved.toFixed(),
            })
          return { state, quantity, index: i }
        })

        // Stock below zero: summed per product (two lines may ship the same product).
        const policy = await readStockPolicy(tx, session.organizationId, session.workspaceId)
        const taken = new Map<string, Decimal>()
        let belowZero = false
        for (const { state, quantity, index } of shipping) {
          const total = (taken.get(state.product_id) ?? new Decimal(0)).plus(quantity)
          taken.set(state.product_id, total)
          const after = new Decimal(state.on_hand).minus(total)
          if (after.gte(0)) continue
          belowZero = true
          const params = { line: index + 1, product: state.name, after: after.toFixed() }
          if (policy === 'block')
            throw warehouseRefusal(
              'CONFLICT',
              locale,
              ['lines', index, 'quantity'],
              'belowZeroBlocked',
              params,
              'BELOW_ZERO_BLOCKED',
            )
          if (!input.confirmBelowZero)
            throw warehouseRefusal(
              'CONFLICT',
              locale,
              ['lines', index, 'quantity'],
              'belowZeroConfirm',
              params,
              'BELOW_ZERO_CONFIRM',
            )
        }

        const employeeId = await employeeIdOf(tx, session, locale)
        const shipmentNumber = await issueDocumentNumber(tx, session, 'SHIPMENT')
        const [shipment] = await tx
          .insert(schema.shipments)
          .values({
            organizationId: session.organizationId,
            workspaceId: session.workspaceId,
            shipmentNumber,
            orderId: order.id,
            carrier: input.carrier,
            trackingNumber: input.trackingNumber,
            belowZeroConfirmed: belowZero,
            createdBy: employeeId,
          })
          .returning({ id: schema.shipments.id })
        const common = {
          organizationId: session.organizationId,
          workspaceId: session.workspaceId,
          orderId: order.id,
          reason: `shipment ${shipmentNumber}`,
          createdBy: employeeId,
        }
        // Shipping reserved goods is a release plus a shipment (0011): reserved and on-hand both fall.
        const releases = await tx
          .insert(schema.inventoryMovements)
          .values(
            shipping.map(({ state, quantity }) => ({
              ...common,
              productId: state.product_id,
              movementType: 'release' as const,
              quantity: quantity.negated().toFixed(),
              orderItemId: state.id,
            })),
          )
          .returning({ id: schema.inventoryMovements.id })
        const shipped = await tx
          .insert(schema.inventoryMovements)
          .values(
            shipping.map(({ state, quantity }) => ({
              ...common,
              productId: state.product_id,
              movementType: 'shipment' as const,
              quantity: quantity.negated().toFixed(),
              unitCost: products.get(state.product_id)!.cost,
              orderItemId: state.id,
            })),
          )
          .returning({ id: schema.inventoryMovements.id })
        await tx.insert(schema.shipmentLines).values(
          shipping.map(({ state, quantity }, i) => ({
            shipmentId: shipment!.id,
            lineNumber: i + 1,
            orderItemId: state.id,
            productId: state.product_id,
            quantity: quantity.toFixed(),
            movementId: shipped[i]!.id,
            releaseMovementId: releases[i]!.id,
          })),
        )
        await scope.audit({
          entityType: 'shipment',
          entityId: shipment!.id,
          action: 'CREATE',
          after: {
            shipment_number: shipmentNumber,
            order_id: order.id,
            carrier: input.carrier,
            tracking_number: input.trackingNumber,
            below_zero_confirmed: belowZero,
            lines: shipping.map(({ state, quantity }) => ({ order_item_id: state.id, quantity: quantity.toFixed() })),
          },
        })
        const [progress] = await rowsOf<{ open: number }>(
          tx,
          sql`SELECT count(*) FILTER (WHERE quantity_shipped < quantity_ordered)::int AS open FROM order_items WHERE order_id = ${order.id}`,
        )
        const status = statusAfterShipment(order.status, progress!.open === 0)!
        const carrierInfo = {
          ...(input.carrier ? { carrier: input.carrier } : {}),
          ...(input.trackingNumber ? { tracking_number: input.trackingNumber } : {}),
        }
        if (status !== order.status || Object.keys(carrierInfo).length > 0)
          await setOrderStatus(scope, order, status, carrierInfo, `shipment ${shipmentNumber}`)
        scope.touched('shipments', 'shipment_lines', 'inventory_movements', 'stock_balances', 'products', 'order_items')
        return { shipmentId: shipment!.id, shipmentNumber, status }
      })
    },

    'shipping.deliver': async ({ orderId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async (scope) => {
        const order = await salesOrder(scope.tx, locale, session, orderId)
        if (!canTransition(order.status, 'delivered')) refuseTransition(locale, order, 'delivered')
        await setOrderStatus(scope, order, 'delivered')
        return { status: 'delivered' as const }
      })
    },

    'shipping.cancel': async ({ orderId, reason }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async (scope) => {
        const order = await salesOrder(scope.tx, locale, session, orderId)
        if (!canTransition(order.status, 'cancelled')) refuseTransition(locale, order, 'cancelled')
        const lines = await lineStates(scope.tx, orderId, session.workspaceId)
        if (lines.some((l) => new Decimal(l.shipped).gt(0)))
          throw warehouseRefusal('CONFLICT', locale, ['orderId'], 'cancelAfterShipment', { order: orderLabel(order) })
        const employeeId = await employeeIdOf(scope.tx, session, locale)
        const releases = lines
          .filter((l) => new Decimal(l.reserved).gt(0))
          .map((l) => ({
            organizationId: session.organizationId,
            workspaceId: session.workspaceId,
            productId: l.product_id,
            movementType: 'release' as const,
            quantity: new Decimal(l.reserved).negated().toFixed(),
            orderId,
            orderItemId: l.id,
            reason: `order ${orderLabel(order)} cancelled`,
            createdBy: employeeId,
          }))
        if (releases.length > 0) {
          await scope.tx.insert(schema.inventoryMovements).values(releases)
          scope.touched('inventory_movements', 'stock_balances', 'products', 'order_items')
        }
        await setOrderStatus(scope, order, 'cancelled', {}, reason ?? undefined)
        return { status: 'cancelled' as const }
      })
    },

    'warehouse.stockPolicy.get': async (_input, ctx) => {
      const session = ctx.connection.session!
      return {
        policy: await readStockPolicy(deps.orm, session.organizationId, session.workspaceId),
        canEdit: session.permissions.has('inventory.adjust'),
      }
    },

    'warehouse.stockPolicy.set': async ({ policy }, ctx) => {
      const session = ctx.connection.session!
      await deps.write(ctx, session, (scope) => writeStockPolicy(scope, policy))
      return { policy }
    },
  }
}
