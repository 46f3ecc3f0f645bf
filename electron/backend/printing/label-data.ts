import type { LabelSymbology, ProductLabel } from '../../../shared/printing'
import { asEan13, asGtin14 } from './barcodes'

/** Why a product cannot get the barcode asked for. */
export type LabelProblem = 'noEan13' | 'noGtin' | 'codeNotPrintable'

/** A product that cannot get the barcode asked for: which one (by its place in the list) and why. */
export class LabelDataError extends Error {
  constructor(
    readonly index: number,
    readonly product: ProductLabel,
    readonly problem: LabelProblem,
  ) {
    super(`${product.name}: ${problem}`)
    this.name = 'LabelDataError'
  }
}

/** What a label's barcode encodes, ready for either renderer. */
export type LabelBarcode =
  { symbology: 'ean13'; ean13: string } | { symbology: 'code128'; data: string } | { symbology: 'gs1datamatrix'; gtin14: string }

/** A label with its barcode decided. */
export interface PreparedLabel extends ProductLabel {
  barcodeData: LabelBarcode
}

// Code 128 carries ASCII only; a scanner reads anything else differently from one model to the next.
const printableAscii = /^[\x20-\x7e]+$/

/**
 * Decides each label's barcode: EAN-13 from the product's barcode, Code 128 of the product's
 * code (what a clerk types or a scan finds by code), GS1 DataMatrix of (01) and the product's
 * GTIN. The first product that cannot have it is reported, not skipped: a missing label is
 * worse than a clear refusal.
 */
export function prepareLabels(labels: readonly ProductLabel[], symbology: LabelSymbology): PreparedLabel[] {
  return labels.map((label, index): PreparedLabel => {
    switch (symbology) {
      case 'ean13': {
        const ean13 = asEan13(label.barcode)
        if (!ean13) throw new LabelDataError(index, label, 'noEan13')
        return { ...label, barcodeData: { symbology, ean13 } }
      }
      case 'gs1datamatrix': {
        const gtin14 = asGtin14(label.barcode)
        if (!gtin14) throw new LabelDataError(index, label, 'noGtin')
        return { ...label, barcodeData: { symbology, gtin14 } }
      }
      case 'code128':
        if (!printableAscii.test(label.code)) throw new LabelDataError(index, label, 'codeNotPrintable')
        return { ...label, barcodeData: { symbology, data: label.code } }
    }
  })
}

/** Each label as many times as copies asked, side by side (one product's copies together). */
export function withCopies<T>(labels: readonly T[], copies: number): T[] {
  return labels.flatMap((label) => Array.from({ length: copies }, () => label))
}
