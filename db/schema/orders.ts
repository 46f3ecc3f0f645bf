/**
 * Orders (0005): sales, purchase, transfer, return and adjustment orders with their items.
 *
 * VAT rule of document lines (also deal_products and invoice_items): with
 * A = round(unit_price × quantity − discount_amount, 2), tax_amount (trigger) is the VAT in A
 * when vat_included, else on top of it; net_amount and line_total are generated so that
 * line_total = net_amount + tax_amount. Header subtotal / tax_amount are Σ of the lines
 * (trigger). Derived columns are overwritten by triggers whatever the app writes.
 */
import { sql } from 'drizzle-orm'
import { boolean, check, date, index, jsonb, numeric, pgTable, text, uuid, varchar, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { products } from './catalog'
import { customers, deals, suppliers } from './crm'
import { createdAt, deletedAt, jsonObject, oneOf, updatedAt, wallClock, type JsonObject } from './helpers'
import { employees, organizations, workspaces } from './organization'

/**
 * Order headers; subtotal, tax_amount, paid_amount and the paid/partial payment_status are
 * derived from items, invoices and payments.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    orderNumber: varchar('order_number', { length: 50 }).unique('orders_order_number_key'),
    type: varchar('type', { length: 20, enum: ['SALES', 'PURCHASE', 'TRANSFER', 'RETURN', 'ADJUSTMENT'] })
      .notNull()
      .default('SALES'),
    category: varchar('category', { length: 50 }),
    customerId: uuid('customer_id').references(() => customers.id),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    dealId: uuid('deal_id').references(() => deals.id),
    parentOrderId: uuid('parent_order_id').references((): AnyPgColumn => orders.id),
    status: varchar('status', {
      length: 20,
      enum: ['pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'returned'],
    })
      .notNull()
      .default('pending'),
    priority: varchar('priority', { length: 10, enum: ['low', 'normal', 'high', 'urgent'] })
      .notNull()
      .default('normal'),

    // Amounts: subtotal and tax_amount are Σ of the items (trigger)
    subtotal: numeric('subtotal', { precision: 15, scale: 2 }).notNull().default('0'),
    taxAmount: numeric('tax_amount', { precision: 15, scale: 2 }).notNull().default('0'),
    discountAmount: numeric('discount_amount', { precision: 15, scale: 2 }).notNull().default('0'),
    shippingCost: numeric('shipping_cost', { precision: 15, scale: 2 }).notNull().default('0'),
    totalAmount: numeric('total_amount', { precision: 15, scale: 2 }).generatedAlwaysAs(
      sql`subtotal + tax_amount + shipping_cost - discount_amount`,
    ),
    currency: varchar('currency', { length: 3 }).notNull().default('KZT'),

    // Payment: paid_amount and the paid/partial part of payment_status are derived
    paymentStatus: varchar('payment_status', { length: 20, enum: ['pending', 'partial', 'paid', 'overdue', 'cancelled'] })
      .notNull()
      .default('pending'),
    // No CHECK here, unlike customers.payment_terms, so any text may be stored.
    paymentTerms: varchar('payment_terms', { length: 20 }).default('NET_30'),
    paidAmount: numeric('paid_amount', { precision: 15, scale: 2 }).notNull().default('0'),

    // Dates
    orderDate: date('order_date', { mode: 'string' })
      .notNull()
      .default(sql`CURRENT_DATE`),
    requiredDate: date('required_date', { mode: 'string' }),
    promisedDate: date('promised_date', { mode: 'string' }),
    shippedDate: date('shipped_date', { mode: 'string' }),
    deliveredDate: date('delivered_date', { mode: 'string' }),

    // Shipping
    shippingMethod: varchar('shipping_method', { length: 100 }),
    trackingNumber: varchar('tracking_number', { length: 100 }),
    carrier: varchar('carrier', { length: 100 }),
    shippingAddress: jsonb('shipping_address').$type<JsonObject>(),
    billingAddress: jsonb('billing_address').$type<JsonObject>(),

    notes: text('notes'),
    internalNotes: text('internal_notes'),
    tags: text('tags').array().default([]),
    customFields: jsonObject('custom_fields'),

    createdBy: uuid('created_by')
      .notNull()
      .references(() => employees.id),
    approvedBy: uuid('approved_by').references(() => employees.id),
    approvedAt: wallClock('approved_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('orders_payment_status_check', oneOf(t.paymentStatus)),
    check('orders_priority_check', oneOf(t.priority)),
    check('orders_status_check', oneOf(t.status)),
    check('orders_type_check', oneOf(t.type)),
    index('idx_orders_customer_date').on(t.customerId, t.orderDate.desc().nullsFirst()),
    index('idx_orders_customer_id').on(t.customerId),
    index('idx_orders_deal_id').on(t.dealId),
    index('idx_orders_order_date').on(t.orderDate),
    index('idx_orders_org_id').on(t.organizationId),
    index('idx_orders_org_workspace_status_date').on(t.organizationId, t.workspaceId, t.status, t.orderDate),
    index('idx_orders_required_date').on(t.requiredDate),
    index('idx_orders_status').on(t.status),
    index('idx_orders_total_amount').on(t.totalAmount),
    index('idx_orders_tracking_number').on(t.trackingNumber),
    index('idx_orders_type').on(t.type),
    index('idx_orders_workspace_id').on(t.workspaceId),
  ],
)

/** Order lines; quantity_shipped and quantity_returned are derived from the stock ledger. */
export const orderItems = pgTable(
  'order_items',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    // Snapshot of the product when the line was written
    productCode: varchar('product_code', { length: 100 }).notNull(),
    productName: varchar('product_name', { length: 500 }).notNull(),
    description: text('description'),

    // quantity_shipped and quantity_returned are derived from the ledger rows of the item
    quantityOrdered: numeric('quantity_ordered', { precision: 10, scale: 3 }).notNull().default('1'),
    quantityShipped: numeric('quantity_shipped', { precision: 10, scale: 3 }).notNull().default('0'),
    quantityDelivered: numeric('quantity_delivered', { precision: 10, scale: 3 }).notNull().default('0'),
    quantityReturned: numeric('quantity_returned', { precision: 10, scale: 3 }).notNull().default('0'),

    // Pricing (VAT rule: see the header)
    unitPrice: numeric('unit_price', { precision: 12, scale: 2 }).notNull().default('0'),
    unitCost: numeric('unit_cost', { precision: 12, scale: 2 }).notNull().default('0'),
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }).notNull().default('0'),
    discountAmount: numeric('discount_amount', { precision: 12, scale: 2 }).notNull().default('0'),
    taxPercent: numeric('tax_percent', { precision: 5, scale: 2 }).notNull().default('16'),
    vatIncluded: boolean('vat_included').notNull().default(false),
    /** Computed by trigger from the line; a written value is replaced. */
    taxAmount: numeric('tax_amount', { precision: 12, scale: 2 }).notNull().default('0'),
    netAmount: numeric('net_amount', { precision: 12, scale: 2 }).generatedAlwaysAs(
      sql`CASE WHEN vat_included THEN round(unit_price * quantity_ordered - discount_amount, 2) - tax_amount
           ELSE round(unit_price * quantity_ordered - discount_amount, 2) END`,
    ),
    lineTotal: numeric('line_total', { precision: 12, scale: 2 }).generatedAlwaysAs(
      sql`CASE WHEN vat_included THEN round(unit_price * quantity_ordered - discount_amount, 2)
           ELSE (unit_price * quantity_ordered - discount_amount) + tax_amount END`,
    ),

    requiresProduction: boolean('requires_production').notNull().default(false),
    productionNotes: text('production_notes'),
    specifications: jsonObject('specifications'),
    qualityRequirements: jsonObject('quality_requirements'),
    customFields: jsonObject('custom_fields'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_order_items_order_id').on(t.orderId),
    index('idx_order_items_product_code').on(t.productCode),
    index('idx_order_items_product_id').on(t.productId),
  ],
)

/** A row of orders. */
export type Order = typeof orders.$inferSelect
/** An orders row to insert. */
export type NewOrder = typeof orders.$inferInsert
/** A row of order_items. */
export type OrderItem = typeof orderItems.$inferSelect
/** An order_items row to insert. */
export type NewOrderItem = typeof orderItems.$inferInsert
