/**
 * Warehouse documents (0022): goods receipts and shipments with their lines. Each line points at
 * the ledger row that carries its stock (inventory_movements); the documents are what the clerk
 * recorded around it — numbers, supplier's document, carrier and tracking number.
 */
import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, numeric, pgTable, text, unique, uuid, varchar } from 'drizzle-orm/pg-core'
import { products } from './catalog'
import { suppliers } from './crm'
import { createdAt, updatedAt } from './helpers'
import { inventoryMovements, stockLots } from './inventory'
import { orderItems, orders } from './orders'
import { employees, organizations, workspaces } from './organization'

/** A goods receipt: goods that arrived, against a purchase order or without one. */
export const goodsReceipts = pgTable(
  'goods_receipts',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    receiptNumber: varchar('receipt_number', { length: 50 }).notNull().unique('goods_receipts_receipt_number_key'),
    receiptDate: date('receipt_date', { mode: 'string' })
      .notNull()
      .default(sql`CURRENT_DATE`),
    orderId: uuid('order_id').references(() => orders.id),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    /** The supplier's own waybill or invoice number. */
    supplierDocument: varchar('supplier_document', { length: 100 }),
    notes: text('notes'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_goods_receipts_order_id').on(t.orderId),
    index('idx_goods_receipts_org_ws_date').on(t.organizationId, t.workspaceId, t.receiptDate),
    index('idx_goods_receipts_supplier_id').on(t.supplierId),
  ],
)

/** One received line; quantity_expected is what the order line still awaited when posted. */
export const goodsReceiptLines = pgTable(
  'goods_receipt_lines',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    receiptId: uuid('receipt_id')
      .notNull()
      .references(() => goodsReceipts.id),
    lineNumber: integer('line_number').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    orderItemId: uuid('order_item_id').references(() => orderItems.id),
    movementId: uuid('movement_id')
      .notNull()
      .references(() => inventoryMovements.id),
    lotId: uuid('lot_id').references(() => stockLots.id),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    quantityExpected: numeric('quantity_expected', { precision: 12, scale: 3 }),
    unitCost: numeric('unit_cost', { precision: 12, scale: 2 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('goods_receipt_lines_line_number_check', sql`line_number > 0`),
    check('goods_receipt_lines_quantity_check', sql`quantity > 0`),
    check('goods_receipt_lines_quantity_expected_check', sql`quantity_expected >= 0`),
    check('goods_receipt_lines_unit_cost_check', sql`unit_cost >= 0`),
    unique('uk_goods_receipt_lines_number').on(t.receiptId, t.lineNumber),
    index('idx_goods_receipt_lines_movement_id').on(t.movementId),
    index('idx_goods_receipt_lines_order_item_id').on(t.orderItemId),
    index('idx_goods_receipt_lines_product_id').on(t.productId),
  ],
)

/** A shipment of a sales order (one of several when shipped in parts). */
export const shipments = pgTable(
  'shipments',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    shipmentNumber: varchar('shipment_number', { length: 50 }).notNull().unique('shipments_shipment_number_key'),
    shipmentDate: date('shipment_date', { mode: 'string' })
      .notNull()
      .default(sql`CURRENT_DATE`),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    carrier: varchar('carrier', { length: 100 }),
    trackingNumber: varchar('tracking_number', { length: 100 }),
    /** Shipped below zero stock after the clerk confirmed the workspace policy's warning. */
    belowZeroConfirmed: boolean('below_zero_confirmed').notNull().default(false),
    notes: text('notes'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_shipments_order_id').on(t.orderId),
    index('idx_shipments_org_ws_date').on(t.organizationId, t.workspaceId, t.shipmentDate),
    index('idx_shipments_tracking_number').on(t.trackingNumber),
  ],
)

/** One shipped line: its shipment ledger row and the release of the reservation it consumed. */
export const shipmentLines = pgTable(
  'shipment_lines',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    shipmentId: uuid('shipment_id')
      .notNull()
      .references(() => shipments.id),
    lineNumber: integer('line_number').notNull(),
    orderItemId: uuid('order_item_id')
      .notNull()
      .references(() => orderItems.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    movementId: uuid('movement_id')
      .notNull()
      .references(() => inventoryMovements.id),
    releaseMovementId: uuid('release_movement_id').references(() => inventoryMovements.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('shipment_lines_line_number_check', sql`line_number > 0`),
    check('shipment_lines_quantity_check', sql`quantity > 0`),
    unique('uk_shipment_lines_number').on(t.shipmentId, t.lineNumber),
    index('idx_shipment_lines_movement_id').on(t.movementId),
    index('idx_shipment_lines_order_item_id').on(t.orderItemId),
  ],
)

/** A row of goods_receipts. */
export type GoodsReceipt = typeof goodsReceipts.$inferSelect
/** A row of goods_receipt_lines. */
export type GoodsReceiptLine = typeof goodsReceiptLines.$inferSelect
/** A row of shipments. */
export type Shipment = typeof shipments.$inferSelect
/** A row of shipment_lines. */
export type ShipmentLine = typeof shipmentLines.$inferSelect
