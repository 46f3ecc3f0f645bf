import PDFDocument from 'pdfkit'
import type { Locale } from '../../../shared/locale'
import { BUSINESS_TIME_ZONE } from '../../../shared/format'
import type { PrintFonts } from './fonts'

/** Points per millimetre (PDF units are 1/72 inch). */
export const PT_PER_MM = 72 / 25.4

/** Millimetres to points. */
export const mm = (value: number): number => value * PT_PER_MM

/** The font names documents use, registered on every document. */
export const REGULAR = 'DejaVuSans'
/** The bold face. */
export const BOLD = 'DejaVuSans-Bold'

/** What every PDF we make needs. */
export interface PdfOptions {
  fonts: PrintFonts
  title: string
  locale: Locale
  /** Page size in points, or 'A4'. */
  size: [number, number] | 'A4'
  margin: number
  /**
   * The creation date written into the file (and its ID). Fixed in tests, so the same data
   * gives the same bytes.
   */
  creationDate?: Date
}

const intlTag: Record<Locale, string> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-KZ' }

/**
 * A new PDF with the DejaVu fonts registered (Cyrillic, Kazakh letters, ₸), pages buffered
 * (so page numbers can be written at the end), and a promise of its bytes once ended.
 */
export function createPdf(options: PdfOptions): { doc: PDFKit.PDFDocument; bytes: Promise<Uint8Array> } {
  const doc = new PDFDocument({
    size: options.size,
    margin: options.margin,
    font: options.fonts.regularPath,
    bufferPages: true,
    compress: true,
    lang: intlTag[options.locale],
    displayTitle: true,
    info: {
      Title: options.title,
      Creator: 'Prometric ERP',
      Producer: 'Prometric ERP',
      CreationDate: options.creationDate ?? new Date(),
    },
  })
  doc.registerFont(REGULAR, options.fonts.regular)
  doc.registerFont(BOLD, options.fonts.bold)
  doc.font(REGULAR)
  const chunks: Buffer[] = []
  const bytes = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.on('error', reject)
  })
  return { doc, bytes }
}

/** Intl's tag for a locale, as the app formats (shared/format.ts). */
export const intlLocale = (locale: Locale): string => intlTag[locale]

/**
 * A decimal string with grouping and exactly two decimals (money without the currency sign,
 * for table columns). Intl takes the string exactly, so no float rounding creeps in.
 */
export function formatAmount(amount: string, locale: Locale): string {
  return new Intl.NumberFormat(intlTag[locale], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    amount as unknown as number, // Intl.NumberFormat v3 takes decimal strings exactly
  )
}

/** A quantity: up to three decimals, none when whole. */
export function formatQuantity(quantity: string, locale: Locale): string {
  return new Intl.NumberFormat(intlTag[locale], { maximumFractionDigits: 3 }).format(quantity as unknown as number)
}

/** A price with its currency: "1 250,00 ₸". */
export function formatPrice(amount: string, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(intlTag[locale], { style: 'currency', currency, minimumFractionDigits: 2 }).format(
    amount as unknown as number,
  )
}

/**
 * A document date: a calendar date (`2026-11-25`) as it is, an instant in Kazakhstan's time
 * zone — so a receipt posted at 23:30 on the 24th in Almaty never prints as the 25th.
 */
export function formatDocumentDate(value: string, locale: Locale): string {
  const format = new Intl.DateTimeFormat(intlTag[locale], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : BUSINESS_TIME_ZONE,
  })
  return format.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value))
}
