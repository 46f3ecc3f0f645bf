/**
 * Stock counts and transfers between workspaces (0021). See
 * docs/decisions/0007-transfers-and-counts.md for why a count line keeps its own book quantity
 * and why the transfer manifest is organization-wide.
 */
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, numeric, pgTable, text, unique, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core'
import { productCategories, products } from './catalog'
import { createdAt, oneOf, updatedAt, wallClock } from './helpers'
import { stockLots } from './inventory'
import { employees, organizations, workspaces } from './organization'

/** What a stock count covers. */
export const stockCountScopes = ['workspace', 'category', 'products'] as const

/** The states of a stock count: open → counting → submitted → approved; cancelled before approval. */
export const stockCountStatuses = ['open', 'counting', 'submitted', 'approved', 'cancelled'] as const

/** A stock count of one workspace. */
export const stockCounts = pgTable(
  'stock_counts',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    countNumber: varchar('count_number', { length: 50 }).notNull().unique('stock_counts_count_number_key'),
    scope: varchar('scope', { length: 20, enum: stockCountScopes }).notNull(),
    categoryId: uuid('category_id').references(() => productCategories.id),
    status: varchar('status', { length: 20, enum: stockCountStatuses }).notNull().default('open'),
    valuationMethod: varchar('valuation_method', { length: 20, enum: ['product_cost'] })
      .notNull()
      .default('product_cost'),
    notes: text('notes'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => employees.id),
    submittedBy: uuid('submitted_by').references(() => employees.id),
    submittedAt: wallClock('submitted_at'),
    approvedBy: uuid('approved_by').references(() => employees.id),
    approvedAt: wallClock('approved_at'),
    cancelledBy: uuid('cancelled_by').references(() => employees.id),
    cancelledAt: wallClock('cancelled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('ck_stock_counts_category', sql`(scope = 'category') = (category_id IS NOT NULL)`),
    check('stock_counts_scope_check', oneOf(t.scope)),
    check('stock_counts_status_check', oneOf(t.status)),
    check('stock_counts_valuation_method_check', oneOf(t.valuationMethod)),
    index('idx_stock_counts_org_ws_status').on(t.organizationId, t.workspaceId, t.status),
  ],
)

/** One item of a count: what was counted, and the book quantity when it was first counted. */
export const stockCountLines = pgTable(
  'stock_count_lines',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    stockCountId: uuid('stock_count_id')
      .notNull()
      .references(() => stockCounts.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    lotId: uuid('lot_id').references(() => stockLots.id),
    countedQuantity: numeric('counted_quantity', { precision: 12, scale: 3 }).notNull().default('0'),
    /** On hand in the count's workspace when the item was first counted; NULL until then. */
    bookQuantity: numeric('book_quantity', { precision: 12, scale: 3 }),
    /** The clerk confirmed the item is not there (counted zero). */
    notFound: boolean('not_found').notNull().default(false),
    countedAt: wallClock('counted_at'),
    countedBy: uuid('counted_by').references(() => employees.id),
    /** The product's cost at approval (valuation `product_cost`). */
    unitCost: numeric('unit_cost', { precision: 12, scale: 2 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('ck_stock_count_lines_counted', sql`counted_at IS NULL OR book_quantity IS NOT NULL`),
    check('ck_stock_count_lines_not_found', sql`NOT not_found OR counted_quantity = 0`),
    check('stock_count_lines_counted_quantity_check', sql`counted_quantity >= 0`),
    uniqueIndex('uk_stock_count_lines_item').on(
      t.stockCountId,
      t.productId,
      sql`COALESCE(lot_id, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index('idx_stock_count_lines_product_id').on(t.productId),
  ],
)

/** The states of a transfer's manifest. */
export const stockTransferStatuses = ['draft', 'in_transit', 'received', 'cancelled'] as const

/**
 * The manifest of a TRANSFER order, organization-wide so that the destination's terminal sees
 * it; `id` is the `transfer_id` of its ledger rows.
 */
export const stockTransfers = pgTable(
  'stock_transfers',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    transferNumber: varchar('transfer_number', { length: 50 }).notNull().unique('stock_transfers_transfer_number_key'),
    /** The TRANSFER order in the source workspace (no foreign key: see the header). */
    orderId: uuid('order_id').notNull().unique('stock_transfers_order_id_key'),
    sourceWorkspaceId: uuid('source_workspace_id')
      .notNull()
      .references(() => workspaces.id),
    destinationWorkspaceId: uuid('destination_workspace_id')
      .notNull()
      .references(() => workspaces.id),
    status: varchar('status', { length: 20, enum: stockTransferStatuses }).notNull().default('draft'),
    shippedBy: uuid('shipped_by').references(() => employees.id),
    shippedAt: wallClock('shipped_at'),
    receivedBy: uuid('received_by').references(() => employees.id),
    receivedAt: wallClock('received_at'),
    notes: text('notes'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('ck_stock_transfers_workspaces', sql`source_workspace_id <> destination_workspace_id`),
    check('stock_transfers_status_check', oneOf(t.status)),
    index('idx_stock_transfers_destination').on(t.organizationId, t.destinationWorkspaceId, t.status),
    index('idx_stock_transfers_source').on(t.organizationId, t.sourceWorkspaceId, t.status),
  ],
)

/** One line of a transfer manifest. */
export const stockTransferLines = pgTable(
  'stock_transfer_lines',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    stockTransferId: uuid('stock_transfer_id')
      .notNull()
      .references(() => stockTransfers.id, { onDelete: 'cascade' }),
    /** 1, 2, … as on the order: refusals name lines by it. */
    lineNumber: integer('line_number').notNull(),
    /** The order's line (no foreign key, as for the order). */
    orderItemId: uuid('order_item_id').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    lotId: uuid('lot_id').references(() => stockLots.id),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    quantityReceived: numeric('quantity_received', { precision: 12, scale: 3 }),
    unitCost: numeric('unit_cost', { precision: 12, scale: 2 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('stock_transfer_lines_line_number_check', sql`line_number >= 1`),
    check('stock_transfer_lines_quantity_check', sql`quantity > 0`),
    unique('uk_stock_transfer_lines_line').on(t.stockTransferId, t.lineNumber),
    check('stock_transfer_lines_quantity_received_check', sql`quantity_received >= 0`),
    index('idx_stock_transfer_lines_product_id').on(t.productId),
  ],
)

/** A row of stock_counts. */
export type StockCount = typeof stockCounts.$inferSelect
/** A row of stock_count_lines. */
export type StockCountLine = typeof stockCountLines.$inferSelect
/** A row of stock_transfers. */
export type StockTransfer = typeof stockTransfers.$inferSelect
/** A row of stock_transfer_lines. */
export type StockTransferLine = typeof stockTransferLines.$inferSelect
