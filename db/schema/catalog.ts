/**
 * Catalog (0003, 0011): product categories, products and the VAT rates their tax category
 * selects by date.
 */
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  unique,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import { createdAt, deletedAt, jsonObject, oneOf, updatedAt } from './helpers'
import { employees, organizations, workspaces } from './organization'

/** VAT categories of the 2026 Tax Code: a product's category picks its rate through vat_rate_on(). */
export const taxCategories = ['standard', 'medical', 'exempt'] as const

/** Physical size of a product, as the seed describes `products.dimensions`. */
export interface ProductDimensions {
  length?: number
  width?: number
  height?: number
  unit?: string
}

/** Categories of products, nested through parent_id. */
export const productCategories = pgTable(
  'product_categories',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: varchar('name', { length: 255 }).notNull(),
    code: varchar('code', { length: 50 }),
    description: text('description'),
    // Annotated: a self-reference cannot be inferred.
    parentId: uuid('parent_id').references((): AnyPgColumn => productCategories.id),
    sortOrder: integer('sort_order').default(0),
    isActive: boolean('is_active').notNull().default(true),
    metadata: jsonObject('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index('idx_product_categories_org_id').on(t.organizationId),
    index('idx_product_categories_workspace_id').on(t.workspaceId),
    index('idx_product_categories_parent_id').on(t.parentId),
  ],
)

/**
 * Goods, materials and services. stock_level and reserved_quantity are organization-wide
 * totals kept by the stock ledger's trigger (inventory.ts): a direct write is refused.
 */
export const products = pgTable(
  'products',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    code: varchar('code', { length: 100 }).notNull(),
    name: varchar('name', { length: 500 }).notNull(),
    description: text('description'),
    type: varchar('type', { length: 20, enum: ['PRODUCT', 'MATERIAL', 'SERVICE', 'MANUFACTURED', 'BUNDLE', 'DIGITAL'] })
      .notNull()
      .default('PRODUCT'),
    categoryId: uuid('category_id').references(() => productCategories.id),
    unit: varchar('unit', { length: 20 }).notNull().default('шт'),
    status: varchar('status', { length: 20, enum: ['ACTIVE', 'INACTIVE', 'DISCONTINUED'] })
      .notNull()
      .default('ACTIVE'),

    // Pricing
    price: numeric('price', { precision: 12, scale: 2 }).notNull().default('0'),
    cost: numeric('cost', { precision: 12, scale: 2 }).notNull().default('0'),
    currency: varchar('currency', { length: 3 }).notNull().default('KZT'),
    markupPercent: numeric('markup_percent', { precision: 5, scale: 2 }).default('0'),

    // Tax
    vatRate: numeric('vat_rate', { precision: 5, scale: 2 }).notNull().default('16.00'),
    vatIncluded: boolean('vat_included').notNull().default(true),
    vatExempt: boolean('vat_exempt').notNull().default(false),
    taxCategory: varchar('tax_category', { length: 20, enum: taxCategories }).notNull().default('standard'),

    // Inventory: fractional (kg, m, l) totals over all workspaces and lots
    trackInventory: boolean('track_inventory').notNull().default(true),
    stockLevel: numeric('stock_level', { precision: 12, scale: 3 }).notNull().default('0'),
    reservedQuantity: numeric('reserved_quantity', { precision: 12, scale: 3 }).notNull().default('0'),
    availableQuantity: numeric('available_quantity', { precision: 12, scale: 3 }).generatedAlwaysAs(
      sql`stock_level - reserved_quantity`,
    ),
    minStockLevel: integer('min_stock_level').notNull().default(0),
    maxStockLevel: integer('max_stock_level').notNull().default(100),
    reorderPoint: integer('reorder_point').notNull().default(10),
    reorderQuantity: integer('reorder_quantity').notNull().default(50),

    // Physical attributes
    weight: numeric('weight', { precision: 8, scale: 3 }),
    dimensions: jsonb('dimensions').$type<ProductDimensions>(),
    color: varchar('color', { length: 50 }),
    barcode: varchar('barcode', { length: 100 }),
    sku: varchar('sku', { length: 100 }),

    // Manufacturing
    leadTimeDays: integer('lead_time_days').default(0),
    /** Minutes. */
    productionTime: integer('production_time').default(0),
    requiresProduction: boolean('requires_production').default(false),

    // Digital attributes
    images: jsonb('images').$type<unknown[]>().default([]),
    specifications: jsonObject('specifications'),
    customFields: jsonObject('custom_fields'),
    tags: text('tags').array().default([]),

    createdBy: uuid('created_by').references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
    /** The name's words for the fuzzy search (0027); generated, never written. */
    nameWords: text('name_words')
      .array()
      .generatedAlwaysAs(sql`array_remove(regexp_split_to_array(lower(name), '[^[:alnum:]]+'), '')`),
  },
  (t) => [
    check('products_type_check', oneOf(t.type)),
    check('products_status_check', oneOf(t.status)),
    check('products_tax_category_check', oneOf(t.taxCategory)),
    unique('uk_product_code_org').on(t.code, t.organizationId),
    index('idx_products_org_id').on(t.organizationId),
    index('idx_products_workspace_id').on(t.workspaceId),
    index('idx_products_code').on(t.code),
    index('idx_products_type').on(t.type),
    index('idx_products_category_id').on(t.categoryId),
    index('idx_products_status').on(t.status),
    index('idx_products_barcode').on(t.barcode),
    index('idx_products_sku').on(t.sku),
    index('idx_products_stock_level').on(t.stockLevel),
    index('idx_products_tags').using('gin', t.tags),
    index('idx_products_specs').using('gin', t.specifications),
    index('idx_products_stock_status')
      .on(t.stockLevel, t.status)
      .where(sql`track_inventory = true`),
    // 0023: fuzzy name search, barcode look-up in any GTIN form, keyset paging by code.
    index('idx_products_name_trgm').using('gin', t.name.op('gin_trgm_ops')),
    index('idx_products_name_words').using('gin', t.nameWords),
    index('idx_products_org_gtin')
      .on(t.organizationId, sql`lpad(barcode, 14, '0')`)
      .where(sql`barcode IS NOT NULL`),
    index('idx_products_org_code').on(t.organizationId, sql`code COLLATE "C"`),
    index('idx_products_org_sku')
      .on(t.organizationId, t.sku)
      .where(sql`sku IS NOT NULL`),
  ],
)

/**
 * VAT rates with effective dates (valid_to inclusive, NULL open-ended); periods of one
 * category never overlap (trigger). Read-only for the app on central.
 */
export const taxRates = pgTable(
  'tax_rates',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    country: varchar('country', { length: 2 }).notNull().default('KZ'),
    taxType: varchar('tax_type', { length: 20, enum: ['VAT'] })
      .notNull()
      .default('VAT'),
    taxCategory: varchar('tax_category', { length: 20, enum: taxCategories }).notNull(),
    rate: numeric('rate', { precision: 5, scale: 2 }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    description: text('description'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('tax_rates_tax_type_check', oneOf(t.taxType)),
    check('tax_rates_tax_category_check', oneOf(t.taxCategory)),
    check('tax_rates_rate_check', sql`rate >= 0 AND rate <= 100`),
    check('ck_tax_rates_period', sql`valid_to IS NULL OR valid_to >= valid_from`),
    unique('uk_tax_rates_start').on(t.country, t.taxType, t.taxCategory, t.validFrom),
  ],
)

/** A row of product_categories. */
export type ProductCategory = typeof productCategories.$inferSelect
/** A product_categories row to insert. */
export type NewProductCategory = typeof productCategories.$inferInsert
/** A row of products. */
export type Product = typeof products.$inferSelect
/** A products row to insert (stock columns are the ledger's: leave them out). */
export type NewProduct = typeof products.$inferInsert
/** A row of tax_rates. */
export type TaxRate = typeof taxRates.$inferSelect
/** A tax_rates row to insert. */
export type NewTaxRate = typeof taxRates.$inferInsert
