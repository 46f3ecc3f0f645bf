/**
 * What receiving and picking need from one scan: the code to look the product up by, and the
 * GS1 data the scan carried (lot, expiry, serial, marking code, count). The scanning module's
 * `Scan` is turned into this in one place, so the screens do not depend on its details.
 */
export interface ScannedCode {
  /** The code to find the product by: a GTIN, a barcode, a product code or SKU. */
  code: string
  gtin?: string
  lot?: string
  serial?: string
  /** ISO date. */
  expiry?: string
  /** Units the code stands for (GS1 AI 30/37); one when absent. */
  quantity?: number
  /** Kazakhstan's marking code, whole. */
  markingCode?: string
}

/** A code typed or read as plain text. */
export function plainCode(text: string): ScannedCode {
  return { code: text.trim() }
}
