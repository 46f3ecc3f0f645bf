import { z } from 'zod'

/**
 * Stock status, reorder suggestions, stock counts, transfers between workspaces and customer
 * returns. Quantities and money travel as decimal strings (never floats); quantities in input
 * may be typed with a comma, as people in Kazakhstan write them.
 */

const QUANTITY = /^\d{1,9}(\.\d{1,3})?$/

/** A quantity as a person types it ("2", "1,5"), normalized to a decimal string, zero allowed. */
export const quantityField = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim().replace(',', '.'))
  .refine((v) => QUANTITY.test(v), { params: { rule: 'quantity' } })

/** A quantity that must be greater than zero. */
export const positiveQuantityField = quantityField.refine((v) => /[1-9]/.test(v), { params: { rule: 'positiveQuantity' } })

/** A scanned or typed code: barcode, GS1 element string, product code or SKU. */
export const scanCodeField = z.string().trim().min(1).max(200)

/** The seed's stock states (inventory_status view), from worst to best. */
export const inventoryStatuses = ['OUT_OF_STOCK', 'LOW_STOCK', 'REORDER_NEEDED', 'IN_STOCK'] as const

/** One state of {@link inventoryStatuses}. */
export type InventoryStatus = (typeof inventoryStatuses)[number]

const page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
}

/** One product of the stock status screen (the seed's inventory_status view). */
export const stockStatusRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  stockLevel: z.string(),
  /** On hand in the caller's workspace (the view's figures are organization-wide). */
  workspaceStock: z.string(),
  reservedQuantity: z.string(),
  availableQuantity: z.string(),
  minStockLevel: z.number(),
  reorderPoint: z.number(),
  status: z.enum(inventoryStatuses),
  cost: z.string(),
  inventoryValue: z.string(),
})

/** A product at or below its reorder point, with what to order and from whom. */
export const reorderSuggestion = z.object({
  productId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  stockLevel: z.string(),
  reorderPoint: z.number(),
  reorderQuantity: z.number(),
  cost: z.string(),
  supplierId: z.string().nullable(),
  supplierName: z.string().nullable(),
})

/** A product found by a scanned or typed code. */
export const productBrief = z.object({
  productId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  barcode: z.string().nullable(),
})

/** Stock count states and scopes. */
export const stockCountStatuses = ['open', 'counting', 'submitted', 'approved', 'cancelled'] as const
/** What a count covers. */
export const stockCountScopes = ['workspace', 'category', 'products'] as const

/** One count in the list. */
export const stockCountSummary = z.object({
  id: z.string(),
  countNumber: z.string(),
  scope: z.enum(stockCountScopes),
  categoryName: z.string().nullable(),
  status: z.enum(stockCountStatuses),
  lineCount: z.number().int(),
  countedCount: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
})

/**
 * One item of a count. While the count is open or being counted the book quantity and the
 * variance are withheld (blind count): they are null until the count is submitted.
 */
export const stockCountLine = z.object({
  id: z.string(),
  productId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  countedQuantity: z.string(),
  counted: z.boolean(),
  notFound: z.boolean(),
  countedAt: z.string().nullable(),
  bookQuantity: z.string().nullable(),
  variance: z.string().nullable(),
  unitCost: z.string().nullable(),
  varianceValue: z.string().nullable(),
})

/** A count with its items and, once submitted, its variance totals. */
export const stockCountDetail = stockCountSummary.extend({
  lines: z.array(stockCountLine),
  totals: z
    .object({ surplusValue: z.string(), shortageValue: z.string(), netValue: z.string(), linesWithVariance: z.number().int() })
    .nullable(),
})

/** States of a transfer as both workspaces see it. */
export const transferStatuses = ['draft', 'in_transit', 'received', 'cancelled'] as const

/** One transfer, outgoing or inbound. */
export const transferSummary = z.object({
  id: z.string(),
  orderId: z.string(),
  number: z.string(),
  sourceWorkspaceId: z.string(),
  sourceWorkspaceName: z.string(),
  destinationWorkspaceId: z.string(),
  destinationWorkspaceName: z.string(),
  status: z.enum(transferStatuses),
  direction: z.enum(['outgoing', 'inbound']),
  lineCount: z.number().int(),
  createdAt: z.string(),
  shippedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
})

/** A transfer's lines. */
export const transferLine = z.object({
  id: z.string(),
  productId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  quantity: z.string(),
  quantityReceived: z.string().nullable(),
})

/** One customer return. */
export const returnSummary = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  status: z.enum(['pending', 'delivered', 'cancelled']),
  customerName: z.string().nullable(),
  originalOrderNumber: z.string().nullable(),
  lineCount: z.number().int(),
  orderDate: z.string(),
})

/** A sales order's lines as a return starts from: what was shipped and what came back already. */
export const returnableLine = z.object({
  orderItemId: z.string(),
  productId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  quantityShipped: z.string(),
  quantityReturned: z.string(),
})

/** The methods of the stock area: status, reorder, counts, transfers, returns. */
export const stockMethods = {
  /** The stock status screen: one page of products with their state, and totals of the filtered set. */
  'stock.status.list': {
    input: z
      .object({
        status: z.enum(inventoryStatuses).nullable().default(null),
        search: z.string().trim().max(100).default(''),
        ...page,
      })
      .strict(),
    output: z.object({
      rows: z.array(stockStatusRow),
      total: z.number().int(),
      inventoryValue: z.string(),
      byStatus: z.record(z.enum(inventoryStatuses), z.number().int()),
    }),
    access: 'inventory.read',
  },
  /** Products at or below their reorder point (active, stocked), with their usual supplier. */
  'stock.reorder.suggestions': {
    input: z.object({ ...page }).strict(),
    output: z.object({ rows: z.array(reorderSuggestion), total: z.number().int() }),
    access: 'inventory.read',
  },
  /**
   * Draft PURCHASE orders (status pending) for the chosen products, one per supplier (products
   * without a known supplier together), `reorder_quantity` per line at the product's cost.
   */
  'stock.reorder.createPurchaseOrders': {
    input: z.object({ productIds: z.array(z.uuid()).min(1).max(500) }).strict(),
    output: z.object({
      orders: z.array(
        z.object({ orderId: z.string(), orderNumber: z.string(), supplierName: z.string().nullable(), lines: z.number().int() }),
      ),
    }),
    access: 'orders.manage',
  },
  /** A product by barcode, GS1 code (its GTIN), product code or SKU. */
  'stock.products.lookup': {
    input: z.object({ code: scanCodeField }).strict(),
    output: productBrief,
    access: 'inventory.read',
  },

  /** Product categories, for choosing what a count covers. */
  'stock.categories.list': {
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() })),
    access: 'inventory.read',
  },
  'stock.counts.list': {
    input: z.object({}).strict(),
    output: z.array(stockCountSummary),
    access: 'inventory.read',
  },
  /** A new count of this workspace: whole, one category, or a list of products. */
  'stock.counts.create': {
    input: z
      .object({
        scope: z.enum(stockCountScopes),
        categoryId: z.uuid().nullable().default(null),
        productIds: z.array(z.uuid()).max(5000).default([]),
        notes: z.string().trim().max(1000).nullable().default(null),
      })
      .strict(),
    output: z.object({ countId: z.string(), countNumber: z.string() }),
    access: 'inventory.count',
  },
  'stock.counts.get': {
    input: z.object({ countId: z.uuid() }).strict(),
    output: stockCountDetail,
    access: 'inventory.read',
  },
  /** One scan: adds one (or the typed quantity) to the item's count. */
  'stock.counts.scan': {
    input: z.object({ countId: z.uuid(), code: scanCodeField, quantity: positiveQuantityField.default('1') }).strict(),
    output: z.object({ lineId: z.string(), code: z.string(), name: z.string(), countedQuantity: z.string() }),
    access: 'inventory.count',
  },
  /** Corrects the counted quantity of an item (a miscount, or several scanned at once). */
  'stock.counts.setQuantity': {
    input: z.object({ countId: z.uuid(), lineId: z.uuid(), quantity: quantityField }).strict(),
    output: z.null(),
    access: 'inventory.count',
  },
  /** The clerk confirms that these items are not in the workspace: they count as zero. */
  'stock.counts.markNotFound': {
    input: z.object({ countId: z.uuid(), lineIds: z.array(z.uuid()).min(1).max(5000) }).strict(),
    output: z.null(),
    access: 'inventory.count',
  },
  /** Counting is finished: the variance report becomes visible, the count waits for approval. */
  'stock.counts.submit': {
    input: z.object({ countId: z.uuid() }).strict(),
    output: z.null(),
    access: 'inventory.count',
  },
  /** A manager approves: adjustment movements for every variance, valued at product cost. */
  'stock.counts.approve': {
    input: z.object({ countId: z.uuid() }).strict(),
    output: z.object({ movements: z.number().int() }),
    access: 'inventory.adjust',
  },
  'stock.counts.cancel': {
    input: z.object({ countId: z.uuid() }).strict(),
    output: z.null(),
    access: 'inventory.count',
  },

  /** Transfers out of this workspace and inbound to it. */
  'stock.transfers.list': {
    input: z.object({}).strict(),
    output: z.array(transferSummary),
    access: 'inventory.read',
  },
  'stock.transfers.get': {
    input: z.object({ transferId: z.uuid() }).strict(),
    output: transferSummary.extend({ lines: z.array(transferLine) }),
    access: 'inventory.read',
  },
  /** A draft TRANSFER order from this workspace to another of the organization. */
  'stock.transfers.create': {
    input: z
      .object({
        destinationWorkspaceId: z.uuid(),
        lines: z
          .array(z.object({ productId: z.uuid(), quantity: positiveQuantityField }).strict())
          .min(1)
          .max(1000),
        notes: z.string().trim().max(1000).nullable().default(null),
      })
      .strict(),
    output: z.object({ transferId: z.string(), orderId: z.string(), number: z.string() }),
    access: 'inventory.post',
  },
  /** Ships a draft transfer: transfer_out movements here; the goods are in transit. */
  'stock.transfers.ship': {
    input: z.object({ transferId: z.uuid() }).strict(),
    output: z.null(),
    access: 'inventory.post',
  },
  'stock.transfers.cancel': {
    input: z.object({ transferId: z.uuid() }).strict(),
    output: z.null(),
    access: 'inventory.post',
  },
  /** Receives a transfer in transit at its destination (as shipped unless quantities are given). */
  'stock.transfers.receive': {
    input: z
      .object({
        transferId: z.uuid(),
        lines: z
          .array(z.object({ lineId: z.uuid(), quantity: quantityField }).strict())
          .max(1000)
          .default([]),
      })
      .strict(),
    output: z.null(),
    access: 'inventory.post',
  },

  'stock.returns.list': {
    input: z.object({}).strict(),
    output: z.array(returnSummary),
    access: 'inventory.read',
  },
  /** The lines of a sales order of this workspace, by its number, to return goods against. */
  'stock.returns.findOrder': {
    input: z.object({ orderNumber: z.string().trim().min(1).max(50) }).strict(),
    output: z.object({
      orderId: z.string(),
      orderNumber: z.string(),
      customerId: z.string().nullable(),
      customerName: z.string().nullable(),
      lines: z.array(returnableLine),
    }),
    access: 'inventory.read',
  },
  /**
   * A customer return (RETURN order, pending): against a sales order of this workspace when
   * known (each line names the order's line), otherwise free lines.
   */
  'stock.returns.create': {
    input: z
      .object({
        originalOrderId: z.uuid().nullable().default(null),
        customerId: z.uuid().nullable().default(null),
        lines: z
          .array(
            z
              .object({
                productId: z.uuid(),
                quantity: positiveQuantityField,
                originalItemId: z.uuid().nullable().default(null),
              })
              .strict(),
          )
          .min(1)
          .max(1000),
        reason: z.string().trim().max(255).nullable().default(null),
      })
      .strict(),
    output: z.object({ orderId: z.string(), orderNumber: z.string() }),
    access: 'inventory.post',
  },
  /** The goods are back: return movements into this workspace's stock; the return is delivered. */
  'stock.returns.receive': {
    input: z.object({ orderId: z.uuid() }).strict(),
    output: z.null(),
    access: 'inventory.post',
  },
} as const
