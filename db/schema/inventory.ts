/**
 * Inventory (0011): lots, the append-only stock ledger, the balances it maintains, the
 * trigger-maintained daily sales, and the inventory_status view.
 *
 * Sign convention of inventory_movements.quantity (the signed change a row makes): on hand
 * receipt, transfer_in, production_output, return > 0; shipment, transfer_out,
 * production_consumption < 0; adjustment ≠ 0. Reserved: reservation > 0, release < 0.
 */
import { sql } from 'drizzle-orm'
import {
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  pgView,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core'
import { products } from './catalog'
import { suppliers } from './crm'
import { createdAt, jsonObject, oneOf, updatedAt, wallClock } from './helpers'
import { orderItems, orders } from './orders'
import { employees, organizations, workspaces } from './organization'
import { productionOrders } from './production'

/**
 * A scanned Kazakhstan marking code (GS1 DataMatrix) by Application Identifier: 01 GTIN,
 * 21 serial, 91–93 the crypto tail.
 */
export interface MarkingCode {
  '01'?: string
  '21'?: string
  '91'?: string
  '92'?: string
  '93'?: string
}

/** Lots (GS1 AI 10) and serialised units (AI 21) of a product, organization-wide. */
export const stockLots = pgTable(
  'stock_lots',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** GTIN (AI 01); lot_number is AI 10, serial_number AI 21, production and expiry dates AI 11 and 17. */
    gtin: varchar('gtin', { length: 14 }),
    lotNumber: varchar('lot_number', { length: 20 }),
    serialNumber: varchar('serial_number', { length: 20 }),
    productionDate: date('production_date', { mode: 'string' }),
    expiryDate: date('expiry_date', { mode: 'string' }),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    notes: text('notes'),
    customFields: jsonObject('custom_fields'),
    createdBy: uuid('created_by').references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('ck_stock_lots_identified', sql`lot_number IS NOT NULL OR serial_number IS NOT NULL`),
    check('stock_lots_gtin_check', sql`gtin ~ '^([0-9]{8}|[0-9]{12,14})$'`),
    index('idx_stock_lots_gtin').on(t.gtin),
    index('idx_stock_lots_org_id').on(t.organizationId),
    index('idx_stock_lots_product_expiry').on(t.productId, t.expiryDate),
    uniqueIndex('uk_stock_lots_product_lot_serial').on(
      t.productId,
      sql`COALESCE(lot_number, '')`,
      sql`COALESCE(serial_number, '')`,
    ),
  ],
)

/** The stock ledger: append-only (UPDATE and DELETE refused), one row per change of stock. */
export const inventoryMovements = pgTable(
  'inventory_movements',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    lotId: uuid('lot_id').references(() => stockLots.id),
    movementType: varchar('movement_type', {
      length: 30,
      enum: [
        'receipt',
        'shipment',
        'reservation',
        'release',
        'transfer_out',
        'transfer_in',
        'adjustment',
        'production_consumption',
        'production_output',
        'return',
      ],
    }).notNull(),
    /** The signed change this row makes (sign convention: see the header; a CHECK holds it). */
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    unitCost: numeric('unit_cost', { precision: 12, scale: 2 }),

    // Document references
    orderId: uuid('order_id').references(() => orders.id),
    orderItemId: uuid('order_item_id').references(() => orderItems.id),
    productionOrderId: uuid('production_order_id').references(() => productionOrders.id),
    /** Shared by the transfer_out and transfer_in rows of one transfer. */
    transferId: uuid('transfer_id'),
    counterpartWorkspaceId: uuid('counterpart_workspace_id').references(() => workspaces.id),
    markingCodes: jsonb('marking_codes').$type<MarkingCode[]>().notNull().default([]),
    reason: varchar('reason', { length: 255 }),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => employees.id),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'ck_inventory_movements_sign',
      sql`(movement_type IN ('receipt', 'transfer_in', 'production_output', 'return', 'reservation') AND quantity > 0)
        OR (movement_type IN ('shipment', 'transfer_out', 'production_consumption', 'release') AND quantity < 0)
        OR (movement_type = 'adjustment' AND quantity <> 0)`,
    ),
    check(
      'ck_inventory_movements_transfer',
      sql`movement_type NOT IN ('transfer_out', 'transfer_in') OR transfer_id IS NOT NULL`,
    ),
    check('inventory_movements_marking_codes_check', sql`jsonb_typeof(marking_codes) = 'array'`),
    check('inventory_movements_movement_type_check', oneOf(t.movementType)),
    index('idx_inventory_movements_lot_id').on(t.lotId),
    index('idx_inventory_movements_marking').using('gin', t.markingCodes.op('jsonb_path_ops')),
    index('idx_inventory_movements_order_id').on(t.orderId),
    index('idx_inventory_movements_order_item_id').on(t.orderItemId),
    index('idx_inventory_movements_org_ws_created').on(t.organizationId, t.workspaceId, t.createdAt),
    index('idx_inventory_movements_product_ws').on(t.productId, t.workspaceId),
    index('idx_inventory_movements_product_created').on(t.productId, t.createdAt, t.id),
    index('idx_inventory_movements_production_order_id').on(t.productionOrderId),
    index('idx_inventory_movements_transfer_id').on(t.transferId),
  ],
)

/**
 * Stock per product, workspace and lot, written only by the ledger trigger (a direct write is
 * refused). lot_key stands for "no lot" in the key.
 */
export const stockBalances = pgTable(
  'stock_balances',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    lotId: uuid('lot_id').references(() => stockLots.id),
    lotKey: uuid('lot_key')
      .generatedAlwaysAs(sql`COALESCE(lot_id, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .notNull(),
    onHand: numeric('on_hand', { precision: 12, scale: 3 }).notNull().default('0'),
    reserved: numeric('reserved', { precision: 12, scale: 3 }).notNull().default('0'),
    available: numeric('available', { precision: 12, scale: 3 }).generatedAlwaysAs(sql`on_hand - reserved`),
    lastMovementAt: wallClock('last_movement_at'),
  },
  (t) => [
    primaryKey({ name: 'stock_balances_pkey', columns: [t.productId, t.workspaceId, t.lotKey] }),
    index('idx_stock_balances_lot_id').on(t.lotId),
    index('idx_stock_balances_org_ws').on(t.organizationId, t.workspaceId),
  ],
)

/**
 * Delivered orders per organization, workspace and day, written only by triggers (it replaces
 * the materialized view daily_sales_summary for the app).
 */
export const dailySales = pgTable(
  'daily_sales',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    saleDate: date('sale_date', { mode: 'string' }).notNull(),
    orderCount: integer('order_count').notNull(),
    totalRevenue: numeric('total_revenue', { precision: 15, scale: 2 }).notNull(),
    avgOrderValue: numeric('avg_order_value').notNull(),
    uniqueCustomers: integer('unique_customers').notNull(),
  },
  (t) => [
    primaryKey({ name: 'daily_sales_pkey', columns: [t.organizationId, t.workspaceId, t.saleDate] }),
    index('idx_daily_sales_sale_date').on(t.saleDate.desc().nullsFirst()),
  ],
)

/**
 * Stock state of live, tracked products (0010): OUT_OF_STOCK, LOW_STOCK, REORDER_NEEDED or
 * IN_STOCK, with margins and stock value. Organization-wide totals, like products.stock_level.
 */
export const inventoryStatus = pgView('inventory_status', {
  id: uuid('id').notNull(),
  code: varchar('code', { length: 100 }).notNull(),
  name: varchar('name', { length: 500 }).notNull(),
  type: varchar('type', { length: 20, enum: products.type.enumValues }).notNull(),
  status: varchar('status', { length: 20, enum: products.status.enumValues }).notNull(),
  stockLevel: numeric('stock_level', { precision: 12, scale: 3 }).notNull(),
  reservedQuantity: numeric('reserved_quantity', { precision: 12, scale: 3 }).notNull(),
  availableQuantity: numeric('available_quantity', { precision: 12, scale: 3 }).notNull(),
  minStockLevel: integer('min_stock_level').notNull(),
  reorderPoint: integer('reorder_point').notNull(),
  inventoryStatus: text('inventory_status', { enum: ['OUT_OF_STOCK', 'LOW_STOCK', 'REORDER_NEEDED', 'IN_STOCK'] }).notNull(),
  price: numeric('price', { precision: 12, scale: 2 }).notNull(),
  cost: numeric('cost', { precision: 12, scale: 2 }).notNull(),
  margin: numeric('margin').notNull(),
  marginPercent: numeric('margin_percent').notNull(),
  inventoryValue: numeric('inventory_value').notNull(),
}).existing()

/** A row of inventory_status. */
export type InventoryStatus = typeof inventoryStatus.$inferSelect
/** A row of stock_lots. */
export type StockLot = typeof stockLots.$inferSelect
/** A stock_lots row to insert. */
export type NewStockLot = typeof stockLots.$inferInsert
/** A row of inventory_movements. */
export type InventoryMovement = typeof inventoryMovements.$inferSelect
/** An inventory_movements row to insert. */
export type NewInventoryMovement = typeof inventoryMovements.$inferInsert
/** A row of stock_balances. */
export type StockBalance = typeof stockBalances.$inferSelect
/** A row of daily_sales. */
export type DailySales = typeof dailySales.$inferSelect
