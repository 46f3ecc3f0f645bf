import { z } from 'zod'
import { isValidGtin } from '../gtin'

/** Kinds of product the seed knows. */
export const productTypes = ['PRODUCT', 'MATERIAL', 'SERVICE', 'MANUFACTURED', 'BUNDLE', 'DIGITAL'] as const

/** States of a product: a product with stock history is deactivated or discontinued, never deleted. */
export const productStatuses = ['ACTIVE', 'INACTIVE', 'DISCONTINUED'] as const

/** VAT categories (2026 Tax Code); the rate comes from tax_rates by date. */
export const taxCategoryChoices = ['standard', 'medical', 'exempt'] as const

/**
 * Stock states as the seed's inventory_status view defines them (tracked products only):
 * on hand ≤ 0, ≤ minimum, ≤ reorder point, otherwise in stock. Untracked products (services)
 * are `NOT_TRACKED`.
 */
export const stockStatuses = ['OUT_OF_STOCK', 'LOW_STOCK', 'REORDER_NEEDED', 'IN_STOCK'] as const

/** One of {@link stockStatuses}, or `NOT_TRACKED`. */
export type StockStatus = (typeof stockStatuses)[number] | 'NOT_TRACKED'

/** How a code typed or scanned matched a product. */
export const lookupMatches = ['barcode', 'sku', 'code'] as const

/**
 * A barcode: digits of an EAN-8, UPC-A, EAN-13 or GTIN-14 with a valid check digit. Spaces a
 * person may type between digit groups are dropped.
 */
export const barcodeField = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s+/g, ''))
  .refine((v) => isValidGtin(v), { params: { rule: 'gtin' } })

/**
 * A non-negative amount in KZT with at most two decimals, as a string (never a float). A
 * decimal comma and spaces between thousands are accepted, as people type them.
 */
export const moneyField = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim().replace(/\s+/g, '').replace(',', '.'))
  .refine((v) => /^\d{1,10}(\.\d{1,2})?$/.test(v), { params: { rule: 'money' } })

/** A stock threshold in units (min stock, reorder point). */
const thresholdField = z.number().int().min(0).max(1_000_000_000)

/** Optional text a form may clear: trimmed, and empty means none. */
const clearable = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v ? v : null))

/** One product as the catalog list shows it. Quantities and money are decimal strings. */
export const productListRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  sku: z.string().nullable(),
  barcode: z.string().nullable(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  type: z.enum(productTypes),
  status: z.enum(productStatuses),
  unit: z.string(),
  price: z.string(),
  currency: z.string(),
  onHand: z.string(),
  reserved: z.string(),
  available: z.string(),
  stockStatus: z.enum([...stockStatuses, 'NOT_TRACKED']),
})

/** One product row of the list. */
export type ProductListRow = z.infer<typeof productListRow>

/** Stock of a product in one workspace (all lots together). */
export const workspaceStockRow = z.object({
  workspaceId: z.string(),
  workspaceName: z.string(),
  onHand: z.string(),
  reserved: z.string(),
  available: z.string(),
  lastMovementAt: z.string().nullable(),
})

/** A product with everything its card shows at the top. */
export const productDetail = productListRow.extend({
  description: z.string().nullable(),
  cost: z.string(),
  vatRate: z.string(),
  vatIncluded: z.boolean(),
  taxCategory: z.enum(taxCategoryChoices),
  trackInventory: z.boolean(),
  minStockLevel: z.number().int(),
  reorderPoint: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** True when the stock ledger has rows for it: it can be deactivated, not deleted. */
  hasLedger: z.boolean(),
  stock: z.array(workspaceStockRow),
})

/** One row of a product's stock ledger. */
export const movementRow = z.object({
  id: z.string(),
  createdAt: z.string(),
  movementType: z.string(),
  quantity: z.string(),
  workspaceName: z.string(),
  lotNumber: z.string().nullable(),
  orderNumber: z.string().nullable(),
  reason: z.string().nullable(),
})

/** A category as the tree shows it; the renderer builds the tree from parentId. */
export const categoryRow = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  description: z.string().nullable(),
  parentId: z.string().nullable(),
  isActive: z.boolean(),
  sortOrder: z.number().int(),
  /** Live products directly in this category (not in its sub-categories). */
  productCount: z.number().int().nonnegative(),
})

const productFields = {
  code: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(500),
  description: clearable(5000).optional(),
  type: z.enum(productTypes).default('PRODUCT'),
  categoryId: z.uuid().nullable().optional(),
  unit: z.string().trim().min(1).max(20).default('шт'),
  status: z.enum(productStatuses).default('ACTIVE'),
  price: moneyField.default('0'),
  cost: moneyField.default('0'),
  taxCategory: z.enum(taxCategoryChoices).default('standard'),
  vatIncluded: z.boolean().default(true),
  barcode: barcodeField.nullable().optional(),
  sku: clearable(100).optional(),
  trackInventory: z.boolean().default(true),
  minStockLevel: thresholdField.default(0),
  reorderPoint: thresholdField.default(10),
}

/** The fields of a product form (what `catalog.products.create` takes). */
export type ProductFields = z.input<z.ZodObject<typeof productFields>>

/** Where the next page of the list starts: after this code (byte order). */
const listCursor = z.object({ code: z.string().max(100) }).strict()

/** Where the next page of a ledger starts: before this row (newest first). */
const ledgerCursor = z.object({ createdAt: z.string().max(40), id: z.uuid() }).strict()

/**
 * The product catalog of the warehouse: a list paged by keyset (code order) with search and
 * filters, a look-up for scanners, the product card's sections, product and category edits.
 * Reads need catalog.read (ledger-based sections inventory.read); changes catalog.manage.
 */
export const catalogMethods = {
  /**
   * A page of the catalog. Without `search`: products in code order after `after` (the
   * previous page's `nextCursor`). With `search`: an exact barcode (any GTIN form), SKU or
   * code first (`exact` names the hit, filters do not hide it); otherwise the best fuzzy name
   * matches (typos tolerated, Cyrillic and Latin), ranked, one page.
   */
  'catalog.products.list': {
    input: z
      .object({
        search: z.string().trim().max(200).optional(),
        categoryId: z.uuid().optional(),
        type: z.enum(productTypes).optional(),
        status: z.enum(productStatuses).optional(),
        stockStatus: z.enum(stockStatuses).optional(),
        after: listCursor.optional(),
        limit: z.number().int().min(1).max(200).default(100),
      })
      .strict(),
    output: z.object({
      rows: z.array(productListRow),
      nextCursor: listCursor.nullable(),
      mode: z.enum(['browse', 'exact', 'fuzzy']),
      exactId: z.string().nullable(),
    }),
    access: 'catalog.read',
  },
  /**
   * The product a scanned or typed code names: a barcode in any GTIN form (EAN-8, UPC-A,
   * EAN-13, GTIN-14), a SKU or a product code, in that order; null when nothing matches.
   */
  'catalog.lookup': {
    input: z.object({ code: z.string().trim().min(1).max(200) }).strict(),
    output: z.object({ product: productListRow.nullable(), matchedBy: z.enum(lookupMatches).nullable() }),
    access: 'catalog.read',
  },
  /** A product's card: details and stock per workspace. */
  'catalog.products.get': {
    input: z.object({ productId: z.uuid() }).strict(),
    output: productDetail,
    access: 'catalog.read',
  },
  /** A product's stock ledger, newest first, paged by `before` (the previous page's `nextCursor`). */
  'catalog.products.movements': {
    input: z
      .object({ productId: z.uuid(), before: ledgerCursor.optional(), limit: z.number().int().min(1).max(200).default(50) })
      .strict(),
    output: z.object({ rows: z.array(movementRow), nextCursor: ledgerCursor.nullable() }),
    access: 'inventory.read',
  },
  /**
   * Demand on a product: open orders that contain it (not delivered, cancelled or returned)
   * and its reservations (reservation and release rows of the ledger, net per order).
   */
  'catalog.products.demand': {
    input: z.object({ productId: z.uuid() }).strict(),
    output: z.object({
      openOrders: z.array(
        z.object({
          orderId: z.string(),
          orderNumber: z.string().nullable(),
          type: z.string(),
          status: z.string(),
          orderDate: z.string(),
          counterparty: z.string().nullable(),
          quantityOrdered: z.string(),
          quantityShipped: z.string(),
        }),
      ),
      reservations: z.array(
        z.object({
          orderId: z.string().nullable(),
          orderNumber: z.string().nullable(),
          workspaceName: z.string(),
          reserved: z.string(),
          lastAt: z.string(),
        }),
      ),
    }),
    access: 'inventory.read',
  },
  /** Bills of materials: the product's own, and those it is a component (or substitute) of. */
  'catalog.products.boms': {
    input: z.object({ productId: z.uuid() }).strict(),
    output: z.object({
      own: z.array(
        z.object({
          bomId: z.string(),
          name: z.string(),
          version: z.string(),
          status: z.string(),
          isDefault: z.boolean(),
          quantity: z.string(),
          unit: z.string(),
          componentCount: z.number().int(),
        }),
      ),
      usedIn: z.array(
        z.object({
          bomId: z.string(),
          name: z.string(),
          version: z.string(),
          status: z.string(),
          productId: z.string(),
          productCode: z.string(),
          productName: z.string(),
          quantityPerUnit: z.string(),
          unit: z.string(),
          asSubstitute: z.boolean(),
        }),
      ),
    }),
    access: 'catalog.read',
  },
  'catalog.products.create': {
    input: z.object(productFields).strict(),
    output: z.object({ productId: z.string() }),
    access: 'catalog.manage',
  },
  /** Changes the fields sent; status INACTIVE or DISCONTINUED retires a product with history. */
  'catalog.products.update': {
    input: z
      .object({
        productId: z.uuid(),
        code: productFields.code.optional(),
        name: productFields.name.optional(),
        description: productFields.description,
        type: z.enum(productTypes).optional(),
        categoryId: productFields.categoryId,
        unit: z.string().trim().min(1).max(20).optional(),
        status: z.enum(productStatuses).optional(),
        price: moneyField.optional(),
        cost: moneyField.optional(),
        taxCategory: z.enum(taxCategoryChoices).optional(),
        vatIncluded: z.boolean().optional(),
        barcode: productFields.barcode,
        sku: productFields.sku,
        trackInventory: z.boolean().optional(),
        minStockLevel: thresholdField.optional(),
        reorderPoint: thresholdField.optional(),
      })
      .strict(),
    output: z.null(),
    access: 'catalog.manage',
  },
  /**
   * Deletes a product nothing refers to (no ledger rows, order lines or BOMs); otherwise a
   * CONFLICT that says to deactivate or discontinue it instead.
   */
  'catalog.products.delete': {
    input: z.object({ productId: z.uuid() }).strict(),
    output: z.null(),
    access: 'catalog.manage',
  },
  /** Gives a product a barcode (an unknown one just scanned): check digit and uniqueness checked. */
  'catalog.products.assignBarcode': {
    input: z.object({ productId: z.uuid(), barcode: barcodeField }).strict(),
    output: z.null(),
    access: 'catalog.manage',
  },
  /** VAT rates valid today (Asia/Almaty), one per tax category, for the product form. */
  'catalog.taxRates.current': {
    input: z.object({}).strict(),
    output: z.array(z.object({ taxCategory: z.enum(taxCategoryChoices), rate: z.string(), validFrom: z.string() })),
    access: 'catalog.read',
  },
  /** All categories of the organization, inactive ones included (flagged). */
  'catalog.categories.list': {
    input: z.object({}).strict(),
    output: z.array(categoryRow),
    access: 'catalog.read',
  },
  'catalog.categories.create': {
    input: z
      .object({
        name: z.string().trim().min(1).max(255),
        code: clearable(50).optional(),
        description: clearable(2000).optional(),
        parentId: z.uuid().nullable().optional(),
      })
      .strict(),
    output: z.object({ categoryId: z.string() }),
    access: 'catalog.manage',
  },
  /** Renames, moves (parentId; null for the top level; no cycles), (de)activates a category. */
  'catalog.categories.update': {
    input: z
      .object({
        categoryId: z.uuid(),
        name: z.string().trim().min(1).max(255).optional(),
        code: clearable(50).optional(),
        description: clearable(2000).optional(),
        parentId: z.uuid().nullable().optional(),
        isActive: z.boolean().optional(),
      })
      .strict(),
    output: z.null(),
    access: 'catalog.manage',
  },
} as const
