import { z } from 'zod'
import { orderStatuses } from '../order-status'
import { printedFileSchema } from '../printing'

/**
 * A quantity as a decimal string (never a float), up to 3 decimals. The sign is accepted here
 * so that the backend can refuse zero and negative quantities itself, naming the line and the
 * field in the person's language.
 */
export const signedQuantityField = z
  .string()
  .trim()
  .regex(/^-?\d{1,9}([.,]\d{1,3})?$/)
  .transform((v) => v.replace(',', '.'))

/** Money as a decimal string with up to 2 decimals. */
const moneyField = z
  .string()
  .trim()
  .regex(/^\d{1,10}([.,]\d{1,2})?$/)
  .transform((v) => v.replace(',', '.'))

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null))

/** What a negative-stock shipment does in a workspace: refused, or allowed after a warning. */
export const stockPolicies = ['block', 'warn'] as const

/** One of {@link stockPolicies}. */
export type StockPolicy = (typeof stockPolicies)[number]

/** A product as a scan finds it. */
export const scannedProduct = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  barcode: z.string().nullable(),
  status: z.string(),
  cost: z.string(),
})

/** An open purchase order as the receiving screen lists it. */
export const purchaseOrderRow = z.object({
  id: z.string(),
  orderNumber: z.string().nullable(),
  status: z.enum(orderStatuses),
  orderDate: z.string(),
  supplierId: z.string().nullable(),
  supplierName: z.string().nullable(),
  lineCount: z.number().int(),
})

/** One line of a purchase order with what has arrived so far. */
export const purchaseOrderLine = z.object({
  orderItemId: z.string(),
  productId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  barcode: z.string().nullable(),
  ordered: z.string(),
  received: z.string(),
  unitCost: z.string(),
})

/** A received line to post. */
export const receiptLineInput = z
  .object({
    productId: z.uuid(),
    quantity: signedQuantityField,
    /** The purchase order line it fills; found by product when omitted and the receipt has an order. */
    orderItemId: z.uuid().nullable().optional(),
    unitCost: moneyField.nullable().optional(),
    /** GS1 data of the scan: GTIN (AI 01), lot (10), expiry (17, YYYY-MM-DD), serial (21), the whole marking code. */
    gtin: z
      .string()
      .regex(/^([0-9]{8}|[0-9]{12,14})$/)
      .nullable()
      .optional(),
    lotNumber: optionalText(20),
    serialNumber: optionalText(20),
    expiryDate: z.iso.date().nullable().optional(),
    markingCode: optionalText(500),
  })
  .strict()

/** A sales order in the picking list. */
export const salesOrderRow = z.object({
  id: z.string(),
  orderNumber: z.string().nullable(),
  status: z.enum(orderStatuses),
  orderDate: z.string(),
  requiredDate: z.string().nullable(),
  customerName: z.string().nullable(),
  priority: z.string(),
  lineCount: z.number().int(),
  totalAmount: z.string(),
})

/** One line of a sales order for picking: ordered, reserved, shipped, and the stock here. */
export const salesOrderLine = z.object({
  orderItemId: z.string(),
  productId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  barcode: z.string().nullable(),
  productStatus: z.string(),
  ordered: z.string(),
  shipped: z.string(),
  /** What is still reserved for this line (reservations minus releases). */
  reserved: z.string(),
  onHand: z.string(),
  available: z.string(),
})

/** A shipment already made for an order. */
export const shipmentRow = z.object({
  id: z.string(),
  shipmentNumber: z.string(),
  shipmentDate: z.string(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  belowZeroConfirmed: z.boolean(),
})

/** A sales order with its lines, for the pick list and shipping. */
export const salesOrderDetail = salesOrderRow.extend({
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  lines: z.array(salesOrderLine),
  shipments: z.array(shipmentRow),
})

/**
 * Receiving, picking and shipping. Reads need inventory.read; posting, confirming, shipping and
 * cancelling need inventory.post; the workspace's stock policy is a manager's (inventory.adjust).
 */
export const warehouseDocumentMethods = {
  /** Finds the product a scan or a typed code names: barcode, GTIN (with or without leading zeros), code or SKU. */
  'receiving.findProduct': {
    input: z.object({ code: z.string().trim().min(1).max(200) }).strict(),
    output: scannedProduct.nullable(),
    access: 'inventory.read',
  },
  /** Purchase orders of this workspace that can still receive goods. */
  'receiving.openPurchaseOrders': {
    input: z.object({}).strict(),
    output: z.array(purchaseOrderRow),
    access: 'inventory.read',
  },
  /** The lines of one purchase order with the quantities received so far. */
  'receiving.purchaseOrderLines': {
    input: z.object({ orderId: z.uuid() }).strict(),
    output: z.array(purchaseOrderLine),
    access: 'inventory.read',
  },
  /** Active suppliers, for a receipt without an order. */
  'receiving.suppliers': {
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.string(), name: z.string(), code: z.string() })),
    access: 'inventory.read',
  },
  /**
   * Posts a goods receipt: the document, its `receipt` ledger rows (with lot, expiry, serial and
   * marking code when scanned) and the purchase order's progress, in one transaction.
   */
  'receiving.post': {
    input: z
      .object({
        orderId: z.uuid().nullable().optional(),
        supplierId: z.uuid().nullable().optional(),
        supplierDocument: optionalText(100),
        receiptDate: z.iso.date().optional(),
        notes: optionalText(2000),
        lines: z.array(receiptLineInput).min(1).max(500),
      })
      .strict(),
    output: z.object({
      receiptId: z.string(),
      receiptNumber: z.string(),
      orderStatus: z.enum(orderStatuses).nullable(),
    }),
    access: 'inventory.post',
  },
  /** Sales orders of this workspace in the given statuses (all open ones by default). */
  'shipping.orders': {
    input: z
      .object({
        statuses: z.array(z.enum(orderStatuses)).min(1).optional(),
        search: z.string().trim().max(100).optional(),
      })
      .strict(),
    output: z.array(salesOrderRow),
    access: 'inventory.read',
  },
  /** One sales order with its lines (the pick list) and its shipments. */
  'shipping.order': {
    input: z.object({ orderId: z.uuid() }).strict(),
    output: salesOrderDetail,
    access: 'inventory.read',
  },
  /** Confirms a pending order and reserves what it still needs (ledger `reservation` rows). */
  'shipping.confirm': {
    input: z.object({ orderId: z.uuid() }).strict(),
    output: z.object({ status: z.enum(orderStatuses) }),
    access: 'inventory.post',
  },
  /**
   * Ships picked quantities: per line a release of the reservation and a shipment row, the
   * shipment document with carrier and tracking number, and the order's status, in one
   * transaction. Stock below zero follows the workspace's policy; under "warn" the call must
   * carry `confirmBelowZero`.
   */
  'shipping.ship': {
    input: z
      .object({
        orderId: z.uuid(),
        carrier: optionalText(100),
        trackingNumber: optionalText(100),
        confirmBelowZero: z.boolean().default(false),
        lines: z
          .array(z.object({ orderItemId: z.uuid(), quantity: signedQuantityField }).strict())
          .min(1)
          .max(500),
      })
      .strict(),
    output: z.object({ shipmentId: z.string(), shipmentNumber: z.string(), status: z.enum(orderStatuses) }),
    access: 'inventory.post',
  },
  /** Marks a shipped order delivered. */
  'shipping.deliver': {
    input: z.object({ orderId: z.uuid() }).strict(),
    output: z.object({ status: z.enum(orderStatuses) }),
    access: 'inventory.post',
  },
  /** Cancels an order before anything shipped; its reservations are released. */
  'shipping.cancel': {
    input: z.object({ orderId: z.uuid(), reason: optionalText(255) }).strict(),
    output: z.object({ status: z.enum(orderStatuses) }),
    access: 'inventory.post',
  },
  /** A posted goods receipt as a PDF (prices and VAT of its date). */
  'receiving.printReceipt': {
    input: z.object({ receiptId: z.uuid() }).strict(),
    output: printedFileSchema,
    access: 'inventory.read',
  },
  /** The pick list of a sales order (what is still to pick, with barcodes) as a PDF. */
  'shipping.printPickList': {
    input: z.object({ orderId: z.uuid() }).strict(),
    output: printedFileSchema,
    access: 'inventory.read',
  },
  /** The waybill of one shipment as a PDF. */
  'shipping.printWaybill': {
    input: z.object({ shipmentId: z.uuid() }).strict(),
    output: printedFileSchema,
    access: 'inventory.read',
  },
  /** The negative-stock policy of the caller's workspace. */
  'warehouse.stockPolicy.get': {
    input: z.object({}).strict(),
    output: z.object({ policy: z.enum(stockPolicies), canEdit: z.boolean() }),
    access: 'inventory.read',
  },
  /** Sets the negative-stock policy of the caller's workspace. */
  'warehouse.stockPolicy.set': {
    input: z.object({ policy: z.enum(stockPolicies) }).strict(),
    output: z.object({ policy: z.enum(stockPolicies) }),
    access: 'inventory.adjust',
  },
} as const
