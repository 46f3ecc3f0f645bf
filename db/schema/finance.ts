/**
 * Finance (0007, 0011): invoices with their items, payments, and allocations of one payment
 * over several invoices. Invoice subtotal, tax_amount, paid_amount and the paid/partial
 * status are derived by triggers.
 */
import { sql } from 'drizzle-orm'
import { boolean, check, date, index, numeric, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core'
import { products } from './catalog'
import { customers, deals } from './crm'
import { createdAt, deletedAt, jsonObject, oneOf, updatedAt, wallClock } from './helpers'
import { orders } from './orders'
import { employees, organizations, workspaces } from './organization'

/** Invoices (including proformas, credit and debit notes) with ESF (e-invoice) details. */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    invoiceNumber: varchar('invoice_number', { length: 50 }).notNull().unique('invoices_invoice_number_key'),
    customerId: uuid('customer_id').references(() => customers.id),
    orderId: uuid('order_id').references(() => orders.id),
    dealId: uuid('deal_id').references(() => deals.id),
    type: varchar('type', { length: 20, enum: ['STANDARD', 'PROFORMA', 'CREDIT_NOTE', 'DEBIT_NOTE', 'RECURRING'] })
      .notNull()
      .default('STANDARD'),
    status: varchar('status', { length: 20, enum: ['draft', 'sent', 'viewed', 'partial', 'paid', 'overdue', 'cancelled'] })
      .notNull()
      .default('draft'),

    // Amounts: subtotal, tax_amount (Σ of the items) and paid_amount (allocations and payments) are derived
    subtotal: numeric('subtotal', { precision: 15, scale: 2 }).notNull().default('0'),
    taxAmount: numeric('tax_amount', { precision: 15, scale: 2 }).notNull().default('0'),
    discountAmount: numeric('discount_amount', { precision: 15, scale: 2 }).notNull().default('0'),
    totalAmount: numeric('total_amount', { precision: 15, scale: 2 }).generatedAlwaysAs(
      sql`subtotal + tax_amount - discount_amount`,
    ),
    paidAmount: numeric('paid_amount', { precision: 15, scale: 2 }).notNull().default('0'),
    currency: varchar('currency', { length: 3 }).notNull().default('KZT'),

    // Dates
    issueDate: date('issue_date', { mode: 'string' })
      .notNull()
      .default(sql`CURRENT_DATE`),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    sentDate: date('sent_date', { mode: 'string' }),
    paidDate: date('paid_date', { mode: 'string' }),
    paymentTerms: varchar('payment_terms', { length: 20 }).default('NET_30'),
    paymentMethod: varchar('payment_method', { length: 50 }),

    // References
    /** The customer's purchase order number. */
    poNumber: varchar('po_number', { length: 100 }),
    referenceNumber: varchar('reference_number', { length: 100 }),
    contractNumber: varchar('contract_number', { length: 100 }),
    notes: text('notes'),
    internalNotes: text('internal_notes'),
    termsConditions: text('terms_conditions'),

    // ESF: the Kazakhstan electronic invoice (esf.gov.kz)
    esfNumber: varchar('esf_number', { length: 50 }),
    esfStatus: varchar('esf_status', { length: 20 }),
    esfDate: wallClock('esf_date'),
    customFields: jsonObject('custom_fields'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => employees.id),
    sentBy: uuid('sent_by').references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('invoices_status_check', oneOf(t.status)),
    check('invoices_type_check', oneOf(t.type)),
    index('idx_invoices_customer_id').on(t.customerId),
    index('idx_invoices_due_date').on(t.dueDate),
    index('idx_invoices_issue_date').on(t.issueDate),
    uniqueIndex('idx_invoices_number')
      .on(t.invoiceNumber)
      .where(sql`deleted_at IS NULL`),
    index('idx_invoices_order_id').on(t.orderId),
    index('idx_invoices_org_id').on(t.organizationId),
    index('idx_invoices_status').on(t.status),
    index('idx_invoices_total_amount').on(t.totalAmount),
    index('idx_invoices_workspace_id').on(t.workspaceId),
  ],
)

/** Invoice lines (VAT rule: see orders.ts). */
export const invoiceItems = pgTable(
  'invoice_items',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id),
    description: text('description').notNull(),
    quantity: numeric('quantity', { precision: 10, scale: 3 }).notNull().default('1'),
    unit: varchar('unit', { length: 20 }).notNull().default('шт'),
    unitPrice: numeric('unit_price', { precision: 12, scale: 2 }).notNull().default('0'),
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }).notNull().default('0'),
    discountAmount: numeric('discount_amount', { precision: 12, scale: 2 }).notNull().default('0'),
    taxPercent: numeric('tax_percent', { precision: 5, scale: 2 }).notNull().default('16'),
    vatIncluded: boolean('vat_included').notNull().default(false),
    /** Computed by trigger from the line; a written value is replaced. */
    taxAmount: numeric('tax_amount', { precision: 12, scale: 2 }).notNull().default('0'),
    netAmount: numeric('net_amount', { precision: 12, scale: 2 }).generatedAlwaysAs(
      sql`CASE WHEN vat_included THEN round(unit_price * quantity - discount_amount, 2) - tax_amount
           ELSE round(unit_price * quantity - discount_amount, 2) END`,
    ),
    lineTotal: numeric('line_total', { precision: 12, scale: 2 }).generatedAlwaysAs(
      sql`CASE WHEN vat_included THEN round(unit_price * quantity - discount_amount, 2)
           ELSE (unit_price * quantity - discount_amount) + tax_amount END`,
    ),
    notes: text('notes'),
    customFields: jsonObject('custom_fields'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('idx_invoice_items_invoice_id').on(t.invoiceId), index('idx_invoice_items_product_id').on(t.productId)],
)

/** Payments received; invoice_id settles one invoice unless allocations split the payment. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    paymentNumber: varchar('payment_number', { length: 50 }).unique('payments_payment_number_key'),
    customerId: uuid('customer_id').references(() => customers.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    orderId: uuid('order_id').references(() => orders.id),

    amount: numeric('amount', { precision: 15, scale: 2 }).notNull(),
    currency: varchar('currency', { length: 3 }).notNull().default('KZT'),
    paymentDate: date('payment_date', { mode: 'string' })
      .notNull()
      .default(sql`CURRENT_DATE`),
    paymentMethod: varchar('payment_method', { length: 50, enum: ['CASH', 'BANK_TRANSFER', 'CARD', 'CHECK', 'OTHER'] }).notNull(),
    paymentGateway: varchar('payment_gateway', { length: 50 }),
    transactionId: varchar('transaction_id', { length: 255 }),
    referenceNumber: varchar('reference_number', { length: 100 }),
    bankName: varchar('bank_name', { length: 255 }),
    accountNumber: varchar('account_number', { length: 50 }),
    routingNumber: varchar('routing_number', { length: 50 }),
    status: varchar('status', { length: 20, enum: ['pending', 'processing', 'completed', 'failed', 'cancelled', 'refunded'] })
      .notNull()
      .default('completed'),

    // Multi-currency: base_amount is the amount in the organization's currency
    exchangeRate: numeric('exchange_rate', { precision: 10, scale: 6 }).default('1'),
    baseAmount: numeric('base_amount', { precision: 15, scale: 2 }),
    notes: text('notes'),
    internalNotes: text('internal_notes'),
    processedBy: uuid('processed_by').references(() => employees.id),
    createdBy: uuid('created_by').references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('payments_payment_method_check', oneOf(t.paymentMethod)),
    check('payments_status_check', oneOf(t.status)),
    index('idx_payments_amount').on(t.amount),
    index('idx_payments_customer_id').on(t.customerId),
    index('idx_payments_invoice_id').on(t.invoiceId),
    index('idx_payments_method').on(t.paymentMethod),
    index('idx_payments_order_id').on(t.orderId),
    index('idx_payments_org_id').on(t.organizationId),
    index('idx_payments_payment_date').on(t.paymentDate),
    index('idx_payments_status').on(t.status),
    index('idx_payments_workspace_id').on(t.workspaceId),
  ],
)

/** One payment split over several invoices; within the payment's amount and workspace. */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    amount: numeric('amount', { precision: 15, scale: 2 }).notNull(),
    allocationDate: date('allocation_date', { mode: 'string' })
      .notNull()
      .default(sql`CURRENT_DATE`),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('payment_allocations_amount_check', sql`amount > 0`),
    index('idx_payment_allocations_invoice_id').on(t.invoiceId),
    index('idx_payment_allocations_org_ws').on(t.organizationId, t.workspaceId),
    index('idx_payment_allocations_payment_id').on(t.paymentId),
    uniqueIndex('uk_payment_allocations_live')
      .on(t.paymentId, t.invoiceId)
      .where(sql`deleted_at IS NULL`),
  ],
)

/** A row of invoices. */
export type Invoice = typeof invoices.$inferSelect
/** An invoices row to insert. */
export type NewInvoice = typeof invoices.$inferInsert
/** A row of invoice_items. */
export type InvoiceItem = typeof invoiceItems.$inferSelect
/** An invoice_items row to insert. */
export type NewInvoiceItem = typeof invoiceItems.$inferInsert
/** A row of payments. */
export type Payment = typeof payments.$inferSelect
/** A payments row to insert. */
export type NewPayment = typeof payments.$inferInsert
/** A row of payment_allocations. */
export type PaymentAllocation = typeof paymentAllocations.$inferSelect
/** A payment_allocations row to insert. */
export type NewPaymentAllocation = typeof paymentAllocations.$inferInsert
