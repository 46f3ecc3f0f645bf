/**
 * CRM (0004, 0005): customers with their contacts and addresses, suppliers, and the sales
 * pipeline (deals, their products and activities), with the customer_summary and
 * sales_pipeline views over them.
 */
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  pgView,
  point,
  text,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core'
import { products } from './catalog'
import { createdAt, deletedAt, jsonObject, oneOf, updatedAt, wallClock } from './helpers'
import { employees, organizations, workspaces } from './organization'

/** Payment terms a customer or supplier is given. */
export const paymentTerms = ['PREPAYMENT', 'NET_15', 'NET_30', 'NET_45', 'NET_60'] as const

/**
 * Customers (companies or individuals); order_count, lifetime_value, last_order_date, deal_count
 * and balance are recomputed by triggers over every workspace, never written by the app.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    customerNumber: varchar('customer_number', { length: 50 }).unique('customers_customer_number_key'),
    name: varchar('name', { length: 500 }).notNull(),
    type: varchar('type', { length: 20, enum: ['COMPANY', 'INDIVIDUAL'] })
      .notNull()
      .default('COMPANY'),
    status: varchar('status', { length: 20, enum: ['LEAD', 'PROSPECT', 'ACTIVE', 'INACTIVE', 'CHURNED'] })
      .notNull()
      .default('LEAD'),
    email: varchar('email', { length: 255 }),
    phone: varchar('phone', { length: 20 }),
    website: varchar('website', { length: 255 }),
    companyName: varchar('company_name', { length: 500 }),
    legalName: varchar('legal_name', { length: 500 }),
    industry: varchar('industry', { length: 100 }),
    employeeCount: integer('employee_count'),
    annualRevenue: numeric('annual_revenue', { precision: 15, scale: 2 }),

    // Kazakhstan identifiers: BIN of a company, IIN of an individual, KBE code
    bin: varchar('bin', { length: 12 }),
    iin: varchar('iin', { length: 12 }),
    kbeCode: varchar('kbe_code', { length: 10 }),

    // Business metrics; balance (owed on issued invoices) is derived
    creditLimit: numeric('credit_limit', { precision: 15, scale: 2 }).default('0'),
    balance: numeric('balance', { precision: 15, scale: 2 }).default('0'),
    currency: varchar('currency', { length: 3 }).notNull().default('KZT'),
    paymentTerms: varchar('payment_terms', { length: 20, enum: paymentTerms }).default('NET_30'),
    paymentBehavior: varchar('payment_behavior', { length: 20, enum: ['excellent', 'good', 'fair', 'poor', 'unknown'] }).default(
      'unknown',
    ),
    source: varchar('source', { length: 50 }),
    segment: varchar('segment', { length: 50 }),
    tier: varchar('tier', { length: 20, enum: ['standard', 'silver', 'gold', 'platinum'] }).default('standard'),
    assignedTo: uuid('assigned_to').references(() => employees.id),
    rating: numeric('rating', { precision: 3, scale: 2 }).default('0'),

    // Derived by triggers on every replica, never synced
    lifetimeValue: numeric('lifetime_value', { precision: 15, scale: 2 }).default('0'),
    lastOrderDate: date('last_order_date', { mode: 'string' }),
    lastContactDate: date('last_contact_date', { mode: 'string' }),
    orderCount: integer('order_count').default(0),
    dealCount: integer('deal_count').default(0),
    tags: text('tags').array().default([]),
    customFields: jsonObject('custom_fields'),
    preferences: jsonObject('preferences'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('customers_payment_behavior_check', oneOf(t.paymentBehavior)),
    check('customers_payment_terms_check', oneOf(t.paymentTerms)),
    check('customers_rating_check', sql`rating >= 0 AND rating <= 10`),
    check('customers_status_check', oneOf(t.status)),
    check('customers_tier_check', oneOf(t.tier)),
    check('customers_type_check', oneOf(t.type)),
    index('idx_customers_assigned_to').on(t.assignedTo),
    index('idx_customers_bin').on(t.bin),
    index('idx_customers_email').on(t.email),
    index('idx_customers_iin').on(t.iin),
    index('idx_customers_last_order_date').on(t.lastOrderDate),
    index('idx_customers_org_id').on(t.organizationId),
    index('idx_customers_org_workspace_status').on(t.organizationId, t.workspaceId, t.status),
    index('idx_customers_status').on(t.status),
    index('idx_customers_tags').using('gin', t.tags),
    index('idx_customers_tier').on(t.tier),
    index('idx_customers_type').on(t.type),
    index('idx_customers_workspace_id').on(t.workspaceId),
  ],
)

/** People to talk to at a customer. */
export const customerContacts = pgTable(
  'customer_contacts',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    firstName: varchar('first_name', { length: 100 }).notNull(),
    lastName: varchar('last_name', { length: 100 }).notNull(),
    position: varchar('position', { length: 255 }),
    email: varchar('email', { length: 255 }),
    phone: varchar('phone', { length: 20 }),
    mobile: varchar('mobile', { length: 20 }),
    isPrimary: boolean('is_primary').notNull().default(false),
    isDecisionMaker: boolean('is_decision_maker').notNull().default(false),
    department: varchar('department', { length: 100 }),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index('idx_customer_contacts_customer_id').on(t.customerId),
    index('idx_customer_contacts_email').on(t.email),
    index('idx_customer_contacts_is_primary').on(t.isPrimary),
  ],
)

/** Billing, shipping, legal and office addresses of a customer. */
export const customerAddresses = pgTable(
  'customer_addresses',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    type: varchar('type', { length: 20, enum: ['billing', 'shipping', 'legal', 'office'] }).notNull(),
    addressLine1: varchar('address_line_1', { length: 500 }).notNull(),
    addressLine2: varchar('address_line_2', { length: 500 }),
    city: varchar('city', { length: 100 }).notNull(),
    stateRegion: varchar('state_region', { length: 100 }),
    postalCode: varchar('postal_code', { length: 20 }),
    country: varchar('country', { length: 2 }).notNull().default('KZ'),
    isPrimary: boolean('is_primary').notNull().default(false),
    isDefaultBilling: boolean('is_default_billing').notNull().default(false),
    isDefaultShipping: boolean('is_default_shipping').notNull().default(false),
    /** Built-in geometric point (no PostGIS): x = longitude, y = latitude. */
    coordinates: point('coordinates', { mode: 'xy' }),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('customer_addresses_type_check', oneOf(t.type)),
    index('idx_customer_addresses_country').on(t.country),
    index('idx_customer_addresses_customer_id').on(t.customerId),
    index('idx_customer_addresses_postal_code').on(t.postalCode),
    index('idx_customer_addresses_type').on(t.type),
  ],
)

/** Suppliers: organization-wide master data, with Kazakhstan identifiers and bank details. */
export const suppliers = pgTable(
  'suppliers',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    code: varchar('code', { length: 50 }).notNull(),
    name: varchar('name', { length: 500 }).notNull(),
    legalName: varchar('legal_name', { length: 500 }),
    type: varchar('type', { length: 20, enum: ['COMPANY', 'INDIVIDUAL'] })
      .notNull()
      .default('COMPANY'),
    status: varchar('status', { length: 20, enum: ['ACTIVE', 'INACTIVE', 'BLOCKED'] })
      .notNull()
      .default('ACTIVE'),
    contactPerson: varchar('contact_person', { length: 255 }),
    email: varchar('email', { length: 255 }),
    phone: varchar('phone', { length: 20 }),
    website: varchar('website', { length: 255 }),
    address: text('address'),
    city: varchar('city', { length: 100 }),
    country: varchar('country', { length: 2 }).notNull().default('KZ'),

    // 12-digit identifiers (check digits are verified in shared/kz-identifiers.ts, not here)
    bin: varchar('bin', { length: 12 }),
    iin: varchar('iin', { length: 12 }),
    kbeCode: varchar('kbe_code', { length: 10 }),
    vatPayer: boolean('vat_payer').notNull().default(false),
    vatCertificate: varchar('vat_certificate', { length: 50 }),
    bankName: varchar('bank_name', { length: 255 }),
    iban: varchar('iban', { length: 34 }),
    bik: varchar('bik', { length: 11 }),
    currency: varchar('currency', { length: 3 }).notNull().default('KZT'),
    paymentTerms: varchar('payment_terms', { length: 20, enum: paymentTerms }).default('NET_30'),
    leadTimeDays: integer('lead_time_days').default(0),
    rating: numeric('rating', { precision: 3, scale: 2 }).default('0'),
    tags: text('tags').array().default([]),
    customFields: jsonObject('custom_fields'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('suppliers_bin_check', sql`bin ~ '^[0-9]{12}$'`),
    check('suppliers_iin_check', sql`iin ~ '^[0-9]{12}$'`),
    check('suppliers_lead_time_days_check', sql`lead_time_days >= 0`),
    check('suppliers_payment_terms_check', oneOf(t.paymentTerms)),
    check('suppliers_rating_check', sql`rating >= 0 AND rating <= 10`),
    check('suppliers_status_check', oneOf(t.status)),
    check('suppliers_type_check', oneOf(t.type)),
    unique('uk_supplier_code_org').on(t.code, t.organizationId),
    index('idx_suppliers_bin').on(t.bin),
    index('idx_suppliers_org_id').on(t.organizationId),
    index('idx_suppliers_status').on(t.status),
    index('idx_suppliers_tags').using('gin', t.tags),
    index('idx_suppliers_workspace_id').on(t.workspaceId),
    uniqueIndex('uk_suppliers_org_bin')
      .on(t.organizationId, t.bin)
      .where(sql`deleted_at IS NULL AND bin IS NOT NULL`),
  ],
)

/** Sales opportunities; a trigger caps probability by stage (except while syncing). */
export const deals = pgTable(
  'deals',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    dealNumber: varchar('deal_number', { length: 50 }).unique('deals_deal_number_key'),
    title: varchar('title', { length: 500 }).notNull(),
    description: text('description'),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    value: numeric('value', { precision: 15, scale: 2 }).notNull().default('0'),
    currency: varchar('currency', { length: 3 }).notNull().default('KZT'),
    stage: varchar('stage', { length: 20, enum: ['LEAD', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'CLOSING', 'WON', 'LOST'] })
      .notNull()
      .default('LEAD'),
    probability: integer('probability').notNull().default(0),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    actualCloseDate: date('actual_close_date', { mode: 'string' }),
    wonAt: wallClock('won_at'),
    lostAt: wallClock('lost_at'),
    assignedTo: uuid('assigned_to').references(() => employees.id),
    source: varchar('source', { length: 50 }),
    /** A marketing campaign; campaigns have no table yet, so no foreign key. */
    campaignId: uuid('campaign_id'),
    competitors: text('competitors').array().default([]),
    competitiveInfo: jsonObject('competitive_info'),
    wonReason: text('won_reason'),
    lostReason: varchar('lost_reason', { length: 100 }),
    lostToCompetitor: varchar('lost_to_competitor', { length: 255 }),
    competitorInfo: jsonObject('competitor_info'),
    recurringRevenue: numeric('recurring_revenue', { precision: 15, scale: 2 }).default('0'),
    oneTimeRevenue: numeric('one_time_revenue', { precision: 15, scale: 2 }).default('0'),
    projectedMargin: numeric('projected_margin', { precision: 15, scale: 2 }).default('0'),
    tags: text('tags').array().default([]),
    customFields: jsonObject('custom_fields'),
    notes: text('notes'),
    aiScore: numeric('ai_score', { precision: 5, scale: 2 }),
    aiPredictedProbability: integer('ai_predicted_probability'),
    aiRecommendedActions: jsonb('ai_recommended_actions').$type<unknown[]>(),
    aiRiskFactors: jsonb('ai_risk_factors').$type<unknown[]>(),
    createdBy: uuid('created_by').references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('deals_probability_check', sql`probability >= 0 AND probability <= 100`),
    check('deals_stage_check', oneOf(t.stage)),
    index('idx_deals_actual_close_date').on(t.actualCloseDate),
    index('idx_deals_assigned_to').on(t.assignedTo),
    index('idx_deals_close_date_stage')
      .on(t.expectedCloseDate, t.stage)
      .where(sql`stage NOT IN ('WON', 'LOST')`),
    index('idx_deals_customer_id').on(t.customerId),
    index('idx_deals_expected_close_date').on(t.expectedCloseDate),
    index('idx_deals_lost_at').on(t.lostAt),
    index('idx_deals_org_id').on(t.organizationId),
    index('idx_deals_org_workspace_stage').on(t.organizationId, t.workspaceId, t.stage),
    index('idx_deals_stage').on(t.stage),
    index('idx_deals_tags').using('gin', t.tags),
    index('idx_deals_value').on(t.value),
    index('idx_deals_won_at').on(t.wonAt),
    index('idx_deals_workspace_id').on(t.workspaceId),
  ],
)

/** Products offered in a deal (VAT rule: see orders.ts). */
export const dealProducts = pgTable(
  'deal_products',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    quantity: numeric('quantity', { precision: 10, scale: 3 }).notNull().default('1'),
    unitPrice: numeric('unit_price', { precision: 12, scale: 2 }).notNull().default('0'),
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }).notNull().default('0'),
    discountAmount: numeric('discount_amount', { precision: 12, scale: 2 }).notNull().default('0'),
    taxPercent: numeric('tax_percent', { precision: 5, scale: 2 }).notNull().default('16'),
    vatIncluded: boolean('vat_included').notNull().default(false),
    /** Computed by trigger from the line (VAT rule: see orders.ts); a written value is replaced. */
    taxAmount: numeric('tax_amount', { precision: 12, scale: 2 }).notNull().default('0'),
    netAmount: numeric('net_amount', { precision: 12, scale: 2 }).generatedAlwaysAs(
      sql`CASE WHEN vat_included THEN round(unit_price * quantity - discount_amount, 2) - tax_amount
           ELSE round(unit_price * quantity - discount_amount, 2) END`,
    ),
    totalPrice: numeric('total_price', { precision: 12, scale: 2 }).generatedAlwaysAs(
      sql`CASE WHEN vat_included THEN round(unit_price * quantity - discount_amount, 2)
           ELSE (unit_price * quantity - discount_amount) + tax_amount END`,
    ),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('idx_deal_products_deal_id').on(t.dealId), index('idx_deal_products_product_id').on(t.productId)],
)

/** Calls, meetings and other activities of a deal. */
export const dealActivities = pgTable(
  'deal_activities',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    type: varchar('type', { length: 50, enum: ['call', 'email', 'meeting', 'demo', 'proposal', 'follow_up', 'note'] }).notNull(),
    subject: varchar('subject', { length: 500 }).notNull(),
    description: text('description'),
    activityDate: wallClock('activity_date')
      .notNull()
      .default(sql`CURRENT_TIMESTAMP`),
    durationMinutes: integer('duration_minutes'),
    outcome: varchar('outcome', { length: 50, enum: ['positive', 'neutral', 'negative', 'no_response'] }),
    nextAction: text('next_action'),
    nextActionDate: wallClock('next_action_date'),
    /** Employee ids (no foreign key: PostgreSQL has none for array elements). */
    participants: uuid('participants').array().default([]),
    attachments: jsonb('attachments').$type<unknown[]>().default([]),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('deal_activities_outcome_check', oneOf(t.outcome)),
    check('deal_activities_type_check', oneOf(t.type)),
    index('idx_deal_activities_activity_date').on(t.activityDate),
    index('idx_deal_activities_created_by').on(t.createdBy),
    index('idx_deal_activities_deal_id').on(t.dealId),
    index('idx_deal_activities_type').on(t.type),
  ],
)

/**
 * Live customers with their deal and order counts and order totals (0010). Read-only: the
 * view's SQL lives in the migration, drizzle only reads it.
 */
export const customerSummary = pgView('customer_summary', {
  id: uuid('id').notNull(),
  name: varchar('name', { length: 500 }).notNull(),
  type: varchar('type', { length: 20, enum: customers.type.enumValues }).notNull(),
  status: varchar('status', { length: 20, enum: customers.status.enumValues }).notNull(),
  email: varchar('email', { length: 255 }),
  phone: varchar('phone', { length: 20 }),
  lifetimeValue: numeric('lifetime_value', { precision: 15, scale: 2 }),
  creditLimit: numeric('credit_limit', { precision: 15, scale: 2 }),
  balance: numeric('balance', { precision: 15, scale: 2 }),
  lastOrderDate: date('last_order_date', { mode: 'string' }),
  // count(*) is bigint; a count never nears 2^53, so a JS number holds it.
  dealCount: bigint('deal_count', { mode: 'number' }).notNull(),
  orderCount: bigint('order_count', { mode: 'number' }).notNull(),
  totalOrdersValue: numeric('total_orders_value').notNull(),
  avgOrderValue: numeric('avg_order_value').notNull(),
  createdAt: wallClock('created_at').notNull(),
  updatedAt: wallClock('updated_at').notNull(),
}).existing()

/** Open deals per stage, in pipeline order, with their weighted value (0010). */
export const salesPipeline = pgView('sales_pipeline', {
  stage: varchar('stage', { length: 20, enum: deals.stage.enumValues }).notNull(),
  dealCount: bigint('deal_count', { mode: 'number' }).notNull(),
  totalValue: numeric('total_value').notNull(),
  avgDealValue: numeric('avg_deal_value').notNull(),
  avgProbability: numeric('avg_probability').notNull(),
  weightedValue: numeric('weighted_value').notNull(),
  closingThisMonth: bigint('closing_this_month', { mode: 'number' }).notNull(),
}).existing()

/** A row of customer_summary. */
export type CustomerSummary = typeof customerSummary.$inferSelect
/** A row of sales_pipeline. */
export type SalesPipelineStage = typeof salesPipeline.$inferSelect
/** A row of customers. */
export type Customer = typeof customers.$inferSelect
/** A customers row to insert. */
export type NewCustomer = typeof customers.$inferInsert
/** A row of customer_contacts. */
export type CustomerContact = typeof customerContacts.$inferSelect
/** A customer_contacts row to insert. */
export type NewCustomerContact = typeof customerContacts.$inferInsert
/** A row of customer_addresses. */
export type CustomerAddress = typeof customerAddresses.$inferSelect
/** A customer_addresses row to insert. */
export type NewCustomerAddress = typeof customerAddresses.$inferInsert
/** A row of suppliers. */
export type Supplier = typeof suppliers.$inferSelect
/** A suppliers row to insert. */
export type NewSupplier = typeof suppliers.$inferInsert
/** A row of deals. */
export type Deal = typeof deals.$inferSelect
/** A deals row to insert. */
export type NewDeal = typeof deals.$inferInsert
/** A row of deal_products. */
export type DealProduct = typeof dealProducts.$inferSelect
/** A deal_products row to insert. */
export type NewDealProduct = typeof dealProducts.$inferInsert
/** A row of deal_activities. */
export type DealActivity = typeof dealActivities.$inferSelect
/** A deal_activities row to insert. */
export type NewDealActivity = typeof dealActivities.$inferInsert
