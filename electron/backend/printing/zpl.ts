import type { Locale } from '../../../shared/locale'
import { type LabelSize, type LabelSizeId, type LabelSymbology, type ProductLabel, labelSizes } from '../../../shared/printing'
import { type PreparedLabel, prepareLabels } from './label-data'
import { formatPrice } from './pdf'

/** How labels are written for a thermal printer. */
export interface ZplOptions {
  size: LabelSizeId
  symbology: LabelSymbology
  copies: number
  locale: Locale
  /** Printer resolution: 8 dots/mm (203 dpi) or 12 (300 dpi). */
  dotsPerMm: 8 | 12
  /**
   * The printer font for text, by its file on the printer. The default, Swiss 721 WGL4
   * (`E:TT0003M_.TTF`, resident on Zebra Link-OS printers), has Russian Cyrillic; the Kazakh
   * letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і) need a font that has them loaded onto the printer,
   * e.g. DejaVuSans.ttf from this app's resources stored as `E:DEJAVU.TTF`.
   */
  font?: string
}

/** The default printer font: Swiss 721 WGL4, resident on Link-OS printers, with Cyrillic. */
export const DEFAULT_ZPL_FONT = 'E:TT0003M_.TTF'

/**
 * Field data made safe for `^FH_`: the three characters ZPL would take as commands or as the
 * hex escape become `_hh`. With `^CI28` everything else, Cyrillic included, goes as UTF-8.
 */
export function zplText(text: string): string {
  return text.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** Spaces a printer font has: Intl groups thousands with narrow no-break spaces, and ₸ is missing from WGL4 fonts. */
function zplPrice(price: string): string {
  return price.replace(/[\u00a0\u202f]/g, ' ').replace('₸', 'тг')
}

/** Code 128 symbol width in modules for ASCII data (start, data, check, stop, quiet zones). */
function code128Modules(data: string): number {
  // Runs of 4+ digits pack two per symbol character (subset C); the rest is one each.
  const digits = data.match(/\d{4,}/g)?.reduce((n, run) => n + Math.ceil(run.length / 2) - run.length, 0) ?? 0
  return 11 * (data.length + digits + 2) + 13 + 20
}

function labelZpl(label: PreparedLabel, size: LabelSize, options: ZplOptions): string {
  const dpm = options.dotsPerMm
  const width = Math.round(size.widthMm * dpm)
  const height = Math.round(size.heightMm * dpm)
  const pad = Math.round((size.heightMm < 30 ? 1.2 : 2) * dpm)
  const inner = width - 2 * pad
  const scale = Math.min(size.widthMm / 58, size.heightMm / 40)
  const nameDots = Math.max(16, Math.round(3.2 * scale * dpm))
  const smallDots = Math.max(14, Math.round(2.4 * scale * dpm))
  const priceDots = Math.max(18, Math.round(4 * scale * dpm))
  const nameTop = pad
  const barcodeTop = nameTop + 2 * nameDots + Math.round(0.8 * dpm)
  const bottom = height - pad - priceDots
  const barcodeHeight = bottom - barcodeTop - Math.round(1 * dpm)
  const font = `^AZN,${nameDots},${nameDots}`
  const out: string[] = [
    '^XA',
    '^CI28',
    `^CWZ,${options.font ?? DEFAULT_ZPL_FONT}`,
    `^PW${width}`,
    `^LL${height}`,
    '^LH0,0',
    // The name, two lines at most, in the label's width.
    `^FO${pad},${nameTop}^FB${inner},2,0,L,0${font}^FH_^FD${zplText(label.name)}^FS`,
  ]
  const data = label.barcodeData
  switch (data.symbology) {
    case 'ean13': {
      // 95 modules plus 11 + 7 of quiet zone; ^BE takes the 12 digits and adds the check digit.
      const module = Math.max(1, Math.min(4, Math.floor(inner / 113)))
      const x = Math.round((width - 95 * module) / 2)
      const bars = Math.max(dpm * 5, barcodeHeight - smallDots - 4)
      out.push(`^FO${x},${barcodeTop}^BY${module}^BEN,${bars},Y,N^FD${data.ean13.slice(0, 12)}^FS`)
      break
    }
    case 'code128': {
      const module = Math.max(1, Math.min(3, Math.floor(inner / code128Modules(data.data))))
      const x = Math.max(pad, Math.round((width - code128Modules(data.data) * module) / 2))
      const bars = Math.max(dpm * 5, barcodeHeight - smallDots - 4)
      // Mode A picks subsets itself (digits packed in C).
      out.push(`^FO${x},${barcodeTop}^BY${module}^BCN,${bars},Y,N,N,A^FH_^FD${zplText(data.data)}^FS`)
      break
    }
    case 'gs1datamatrix': {
      // (01) + GTIN-14 with FNC1 first is an 16×16 symbol; _1 is FNC1 with '_' as the escape character.
      const module = Math.max(3, Math.min(6, Math.floor(Math.min(barcodeHeight, inner * 0.45) / 16)))
      out.push(`^FO${pad},${barcodeTop}^BXN,${module},200,,,,_^FD_101${data.gtin14}^FS`)
      out.push(
        `^FO${pad + 16 * module + dpm * 2},${barcodeTop + 6 * module}^AZN,${smallDots},${smallDots}^FD(01) ${data.gtin14}^FS`,
      )
      break
    }
  }
  const price = zplPrice(`${formatPrice(label.price, label.currency, options.locale)} / ${label.unit}`)
  out.push(`^FO${pad},${bottom}^FB${inner},1,0,R,0^AZN,${priceDots},${priceDots}^FH_^FD${zplText(price)}^FS`)
  out.push(`^FO${pad},${bottom + priceDots - smallDots}^AZN,${smallDots},${smallDots}^FH_^FD${zplText(label.code)}^FS`)
  out.push(`^PQ${options.copies}`, '^XZ')
  return out.join('\n')
}

/**
 * Product labels as ZPL II for a Zebra-compatible thermal printer: one format per product
 * with `^PQ` for the copies, UTF-8 text (`^CI28`), EAN-13 (`^BE`), Code 128 (`^BC`) or GS1
 * DataMatrix (`^BX` with FNC1). A4 sticker sheets are a PDF matter: here the label is the page.
 * Throws {@link LabelDataError} for a product that cannot have the barcode asked for.
 */
export function renderLabelsZpl(labels: readonly ProductLabel[], options: ZplOptions): string {
  const size: LabelSize = labelSizes[options.size]
  return `${prepareLabels(labels, options.symbology)
    .map((label) => labelZpl(label, size, options))
    .join('\n')}\n`
}
