import { z } from 'zod'
import { labelFormats, labelSizeIds, labelSymbologies, printedFileSchema, zplDotsPerMmChoices } from '../printing'

/**
 * Printing: product labels (PDF for the print dialog, ZPL II for thermal printers). Documents
 * (pick list, goods receipt, waybill) are rendered by the backend's printing module and are
 * wired to their screens' methods.
 */
export const printMethods = {
  /**
   * Labels for products of the caller's organization: name, code, price and a barcode. A
   * product that cannot carry the chosen barcode (no valid EAN-13 for `ean13`, no GTIN for
   * `gs1datamatrix`, letters outside ASCII in its code for `code128`) is a VALIDATION error
   * naming it, so nothing is half printed.
   */
  'print.productLabels': {
    input: z
      .object({
        productIds: z.array(z.uuid()).min(1).max(500),
        format: z.enum(labelFormats).default('pdf'),
        symbology: z.enum(labelSymbologies).default('ean13'),
        size: z.enum(labelSizeIds).default('58x40'),
        copies: z.number().int().min(1).max(100).default(1),
        /** Thermal printer resolution, for ZPL. */
        dotsPerMm: z.union([z.literal(zplDotsPerMmChoices[0]), z.literal(zplDotsPerMmChoices[1])]).default(8),
      })
      .strict(),
    output: printedFileSchema,
    access: 'catalog.read',
  },
} as const
