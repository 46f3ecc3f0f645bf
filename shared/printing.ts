/**
 * What the terminal prints: product labels (PDF for any printer, ZPL II for thermal label
 * printers) and warehouse documents (pick list, goods receipt, waybill) as A4 PDFs. The data
 * of each document is typed here with zod, so whoever fills it in (the receiving and picking
 * screens, a future RPC) gets it checked. Money and quantities are decimal strings, never floats.
 */
import { z } from 'zod'

/** A label size: its page in millimetres, and how many labels fit across and down. */
export interface LabelSize {
  widthMm: number
  heightMm: number
  /** Labels per sheet across and down: 1×1 for a roll, more for an A4 sheet of stickers. */
  across: number
  down: number
  /** The sheet, when labels sit on a larger page (A4 stickers). */
  sheet?: { widthMm: number; heightMm: number; marginTopMm: number; marginLeftMm: number }
}

/**
 * The label sizes offered: the two common thermal rolls and the A4 sheet of 3 × 8 stickers
 * (70 × 37 mm) for office printers.
 */
export const labelSizes = {
  '58x40': { widthMm: 58, heightMm: 40, across: 1, down: 1 },
  '43x25': { widthMm: 43, heightMm: 25, across: 1, down: 1 },
  'a4-70x37': {
    widthMm: 70,
    heightMm: 37,
    across: 3,
    down: 8,
    sheet: { widthMm: 210, heightMm: 297, marginTopMm: 0.5, marginLeftMm: 0 },
  },
} as const satisfies Record<string, LabelSize>

/** One of {@link labelSizes}. */
export type LabelSizeId = keyof typeof labelSizes

/** The ids of {@link labelSizes}, for zod enums and pickers. */
export const labelSizeIds = Object.keys(labelSizes) as [LabelSizeId, ...LabelSizeId[]]

/** The barcodes a product label can carry. */
export const labelSymbologies = ['ean13', 'code128', 'gs1datamatrix'] as const

/** One of {@link labelSymbologies}. */
export type LabelSymbology = (typeof labelSymbologies)[number]

/** Label file formats: a PDF for the system print dialog, ZPL II for a Zebra-compatible printer. */
export const labelFormats = ['pdf', 'zpl'] as const

/** One of {@link labelFormats}. */
export type LabelFormat = (typeof labelFormats)[number]

/** Thermal printer resolutions in dots per millimetre: 8 (203 dpi) and 12 (300 dpi). */
export const zplDotsPerMmChoices = [8, 12] as const

/** A decimal string: digits, an optional sign and decimal point (money, quantities). */
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/)

/** A calendar date (`2026-11-25`) or an instant (ISO with offset), shown in Asia/Almaty. */
const dateField = z.union([z.iso.date(), z.iso.datetime({ offset: true })])

/** What one product label shows. */
export const productLabelSchema = z.object({
  name: z.string().min(1).max(500),
  code: z.string().min(1).max(100),
  /** The product's barcode (EAN-13 for `ean13`, any GTIN for `gs1datamatrix`). */
  barcode: z.string().max(100).nullable(),
  /** Unit price as a decimal string, in `currency`. */
  price: decimalString,
  currency: z.string().length(3),
  unit: z.string().max(20),
})

/** What one product label shows. */
export type ProductLabel = z.infer<typeof productLabelSchema>

/** A company on a document: name, BIN, address. */
export const partySchema = z.object({
  name: z.string().min(1),
  bin: z.string().optional(),
  address: z.string().optional(),
})

/** A pick list: what to take from where for one order or shipment. */
export const pickListSchema = z.object({
  number: z.string().min(1),
  date: dateField,
  /** The warehouse (workspace) picked from. */
  workspace: z.string().min(1),
  customer: z.string().optional(),
  orderNumber: z.string().optional(),
  note: z.string().optional(),
  lines: z.array(
    z.object({
      lineNo: z.number().int().positive(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      quantity: decimalString,
      location: z.string().optional(),
      /** Printed as a Code 128 barcode, so the picker can scan the line. */
      barcode: z.string().optional(),
      lot: z.string().optional(),
    }),
  ),
})

/** A pick list. */
export type PickListDoc = z.infer<typeof pickListSchema>

/** The totals of a priced document, as the database computed them. */
const totalsSchema = z.object({
  /** Sum of the lines without VAT. */
  net: decimalString,
  vat: decimalString,
  /** Sum with VAT. */
  total: decimalString,
})

/** A goods receipt: what came in from a supplier, against what was ordered. */
export const goodsReceiptSchema = z.object({
  number: z.string().min(1),
  date: dateField,
  workspace: z.string().min(1),
  supplier: partySchema.optional(),
  orderNumber: z.string().optional(),
  /** The supplier's invoice or waybill. */
  supplierDocument: z.string().optional(),
  /** KZT when absent. */
  currency: z.string().length(3).optional(),
  lines: z.array(
    z.object({
      lineNo: z.number().int().positive(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      ordered: decimalString.optional(),
      received: decimalString,
      price: decimalString,
      /** VAT rate in percent, e.g. "16". */
      vatRate: decimalString,
      vatAmount: decimalString,
      /** Line amount with VAT. */
      amount: decimalString,
      lot: z.string().optional(),
      expiry: z.iso.date().optional(),
    }),
  ),
  totals: totalsSchema,
  receivedBy: z.string().optional(),
})

/** A goods receipt. */
export type GoodsReceiptDoc = z.infer<typeof goodsReceiptSchema>

/** A waybill (накладная на отпуск запасов на сторону): goods leaving for a consignee. */
export const waybillSchema = z.object({
  number: z.string().min(1),
  date: dateField,
  shipper: partySchema,
  consignee: partySchema,
  carrier: z.string().optional(),
  trackingNumber: z.string().optional(),
  orderNumber: z.string().optional(),
  /** KZT when absent. */
  currency: z.string().length(3).optional(),
  lines: z.array(
    z.object({
      lineNo: z.number().int().positive(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      quantity: decimalString,
      price: decimalString,
      vatRate: decimalString,
      vatAmount: decimalString,
      amount: decimalString,
    }),
  ),
  totals: totalsSchema,
  /** The total in words, as the caller spells it (optional). */
  totalInWords: z.string().optional(),
  releasedBy: z.string().optional(),
  receivedBy: z.string().optional(),
})

/** A waybill. */
export type WaybillDoc = z.infer<typeof waybillSchema>

/** A file the backend produced, for printing or saving. */
export const printedFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  base64: z.string(),
})

/** A file the backend produced, for printing or saving. */
export type PrintedFile = z.infer<typeof printedFileSchema>
