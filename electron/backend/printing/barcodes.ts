import bwipjs from 'bwip-js/node'
import { toGtin14, gtinForms } from '../../../shared/barcode/gs1'
import { gtinKind } from '../../../shared/gtin'

/** The symbologies the terminal prints. */
export type BarcodeSymbology = 'ean13' | 'ean8' | 'code128' | 'gs1-128' | 'gs1datamatrix'

const bcid: Record<BarcodeSymbology, string> = {
  ean13: 'ean13',
  ean8: 'ean8',
  code128: 'code128',
  'gs1-128': 'gs1-128',
  gs1datamatrix: 'gs1datamatrix',
}

/** How a barcode is drawn. */
export interface BarcodeImageOptions {
  /** Bar height in millimetres (linear symbols). */
  heightMm?: number
  /** Pixels per module: PNGs are embedded and scaled by the PDF, so this sets only sharpness. */
  scale?: number
  /** Print the human-readable digits under the bars. */
  text?: boolean
}

/**
 * A barcode as PNG bytes, for embedding in a PDF. GS1 symbologies take the bracketed form
 * `(01)04601234567893(10)LOT`; EAN-13 and EAN-8 take the digits with their check digit (bwip-js
 * verifies it). Throws on data the symbology cannot carry.
 */
export async function barcodePng(symbology: BarcodeSymbology, data: string, options: BarcodeImageOptions = {}): Promise<Buffer> {
  const linear = symbology !== 'gs1datamatrix'
  return bwipjs.toBuffer({
    bcid: bcid[symbology],
    text: data,
    scale: options.scale ?? 4,
    ...(linear ? { height: options.heightMm ?? 12 } : {}),
    includetext: linear && (options.text ?? true),
    textxalign: 'center',
    // bwip-js draws its own OCR-B-like digits; they need no font of ours.
    parsefnc: symbology === 'code128' ? false : undefined,
  })
}

/** The EAN-13 a product's barcode prints as, if it is one (EAN-13 itself, or a UPC-A/GTIN-14 with leading zero). */
export function asEan13(barcode: string | null | undefined): string | null {
  const code = barcode?.trim() ?? ''
  if (!gtinKind(code)) return null
  return gtinForms(toGtin14(code)).find((form) => form.length === 13) ?? null
}

/** The GTIN-14 of a product's barcode, if it is a valid GTIN of any length. */
export function asGtin14(barcode: string | null | undefined): string | null {
  const code = barcode?.trim() ?? ''
  return gtinKind(code) ? toGtin14(code) : null
}
