import type { Scan } from './scanning'

/**
 * What receiving and picking need from one scan: the code to look the product up by, and the
 * GS1 data the scan carried (lot, expiry, serial, marking code, count). The scanning module's
 * `Scan` is turned into this in one place, so the screens do not depend on its details.
 */
export interface ScannedCode {
  /** The code to find the product by: a GTIN, a barcode, a product code or SKU. */
  code: string
  /** GTIN-14, when the scan was a GTIN or carried AI 01. */
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

/**
 * The scan as receiving and picking use it, or null for a code that looked like GS1 but is
 * broken (the scan field already says which element is wrong).
 */
export function fromScan(scan: Scan): ScannedCode | null {
  const parsed = scan.parsed
  switch (parsed.kind) {
    case 'gtin':
      return { code: parsed.printed, gtin: parsed.gtin }
    case 'gs1': {
      const out: ScannedCode = { code: parsed.gtin ?? parsed.contentGtin ?? parsed.data }
      if (parsed.gtin ?? parsed.contentGtin) out.gtin = parsed.gtin ?? parsed.contentGtin
      if (parsed.lot) out.lot = parsed.lot
      if (parsed.serial) out.serial = parsed.serial
      if (parsed.expiry) out.expiry = parsed.expiry
      if (parsed.quantity) out.quantity = parsed.quantity
      if (parsed.markingCode) out.markingCode = parsed.markingCode
      return out
    }
    case 'sscc':
      return { code: parsed.sscc }
    case 'text':
      return plainCode(parsed.code)
    case 'invalid':
      return null
  }
}
