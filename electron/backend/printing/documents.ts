import type { Locale } from '../../../shared/locale'
import {
  type GoodsReceiptDoc,
  type PickListDoc,
  type WaybillDoc,
  goodsReceiptSchema,
  pickListSchema,
  waybillSchema,
} from '../../../shared/printing'
import { barcodePng } from './barcodes'
import { type PrintTextKey, printText } from './document-text'
import { type PrintFonts, loadPrintFonts } from './fonts'
import { BOLD, REGULAR, createPdf, formatAmount, formatDocumentDate, formatQuantity, mm } from './pdf'

/** How a document is rendered; everything has a default. */
export interface DocumentOptions {
  /** The language of the headings (the data is printed as given). Russian by default. */
  locale?: Locale
  fonts?: PrintFonts
  /** Fixed in tests, so the same data gives the same bytes. */
  creationDate?: Date
}

const FONT_SIZE = 8.5
const PAD_X = 3
const PAD_Y = 2.5
const LINE = '#495057'
const HEADER_FILL = '#e9ecef'

/** One column of a document table. */
interface Column<Row> {
  header: string
  /** Relative width. */
  width: number
  align?: 'left' | 'right' | 'center'
  cell(row: Row): string
  /** A smaller second line under the cell text (lot, expiry). */
  note?(row: Row): string | undefined
  bold?(row: Row): boolean
  /** A barcode image drawn in the cell instead of text. */
  image?(row: Row): Buffer | undefined
}

/** Where the page's content must end: above the footer line. */
const contentBottom = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom - 14

/** Starts a new page when `height` points do not fit below the current position. */
function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > contentBottom(doc)) doc.addPage()
}

/**
 * Draws a table from the current position over as many pages as it needs, the header row
 * repeated on each. Rows are never split across pages; a row taller than a page (a very long
 * name) is the only case that would overflow, and names are limited to 500 characters.
 */
function drawTable<Row>(doc: PDFKit.PDFDocument, columns: Column<Row>[], rows: readonly Row[]): void {
  const left = doc.page.margins.left
  const tableWidth = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const total = columns.reduce((sum, c) => sum + c.width, 0)
  const widths = columns.map((c) => (c.width / total) * tableWidth)
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0))
  const textWidth = (i: number) => (widths[i] ?? 0) - 2 * PAD_X

  const drawHeader = () => {
    doc.font(BOLD).fontSize(FONT_SIZE)
    const height = Math.max(...columns.map((c, i) => doc.heightOfString(c.header, { width: textWidth(i) }))) + 2 * PAD_Y
    const y = doc.y
    doc.rect(left, y, tableWidth, height).fillAndStroke(HEADER_FILL, LINE)
    doc.fillColor('black')
    columns.forEach((c, i) => {
      doc.text(c.header, (xs[i] ?? 0) + PAD_X, y + PAD_Y, { width: textWidth(i), align: c.align ?? 'left' })
    })
    doc.y = y + height
  }

  const rowHeight = (row: Row) =>
    Math.max(
      ...columns.map((c, i) => {
        if (c.image?.(row)) return mm(9)
        doc.font(c.bold?.(row) ? BOLD : REGULAR).fontSize(FONT_SIZE)
        let height = doc.heightOfString(c.cell(row) || ' ', { width: textWidth(i) })
        const note = c.note?.(row)
        if (note) height += doc.fontSize(FONT_SIZE - 1.5).heightOfString(note, { width: textWidth(i) })
        return height
      }),
    ) +
    2 * PAD_Y

  drawHeader()
  for (const row of rows) {
    const height = rowHeight(row)
    if (doc.y + height > contentBottom(doc)) {
      doc.addPage()
      drawHeader()
    }
    const y = doc.y
    columns.forEach((c, i) => {
      const x = xs[i] ?? 0
      doc
        .rect(x, y, widths[i] ?? 0, height)
        .lineWidth(0.5)
        .stroke(LINE)
      const image = c.image?.(row)
      if (image) {
        doc.image(image, x + PAD_X, y + PAD_Y, { fit: [textWidth(i), height - 2 * PAD_Y], align: 'center', valign: 'center' })
        return
      }
      doc
        .font(c.bold?.(row) ? BOLD : REGULAR)
        .fontSize(FONT_SIZE)
        .fillColor('black')
      doc.text(c.cell(row), x + PAD_X, y + PAD_Y, { width: textWidth(i), align: c.align ?? 'left' })
      const note = c.note?.(row)
      if (note)
        doc
          .font(REGULAR)
          .fontSize(FONT_SIZE - 1.5)
          .fillColor('#343a40')
          .text(note, { width: textWidth(i) })
    })
    doc.fillColor('black')
    doc.x = left
    doc.y = y + height
  }
}

/** The title line and the facts under it ("Склад: Основной"). */
function drawHeading(doc: PDFKit.PDFDocument, title: string, facts: [string, string | undefined][]): void {
  doc.font(BOLD).fontSize(14).text(title, { align: 'left' })
  doc.moveDown(0.4)
  for (const [label, value] of facts) {
    if (!value) continue
    doc.font(BOLD).fontSize(9.5).text(`${label}: `, { continued: true }).font(REGULAR).text(value)
  }
  doc.moveDown(0.6)
}

/** "ТОО «Береке», БИН 123456789012, г. Алматы, ул. Абая, 1". */
function party(locale: Locale, p: { name: string; bin?: string; address?: string } | undefined): string | undefined {
  if (!p) return undefined
  return [p.name, p.bin && `${printText(locale, 'bin')} ${p.bin}`, p.address].filter(Boolean).join(', ')
}

/** Label and value lines, right-aligned under a table. */
function drawTotals(doc: PDFKit.PDFDocument, lines: [string, string][]): void {
  ensureSpace(doc, lines.length * 14 + 8)
  doc.moveDown(0.5)
  const right = doc.page.width - doc.page.margins.right
  for (const [i, [label, value]] of lines.entries()) {
    const y = doc.y
    const bold = i === lines.length - 1
    doc.font(bold ? BOLD : REGULAR).fontSize(9.5)
    doc.text(label, right - mm(110), y, { width: mm(70), align: 'right' })
    doc.text(value, right - mm(38), y, { width: mm(38), align: 'right' })
    doc.x = doc.page.margins.left
  }
}

/** Signature lines in pairs: "Собрал ____________". */
function drawSignatures(doc: PDFKit.PDFDocument, locale: Locale, keys: PrintTextKey[], names: (string | undefined)[] = []): void {
  ensureSpace(doc, Math.ceil(keys.length / 2) * 28 + 16)
  doc.moveDown(1.5)
  const left = doc.page.margins.left
  const half = (doc.page.width - left - doc.page.margins.right) / 2
  for (let i = 0; i < keys.length; i += 2) {
    const y = doc.y
    for (const j of [0, 1]) {
      const key = keys[i + j]
      if (!key) continue
      const x = left + j * half
      doc
        .font(REGULAR)
        .fontSize(9.5)
        .text(printText(locale, key), x, y, { width: mm(30) })
      doc
        .moveTo(x + mm(32), y + 10)
        .lineTo(x + half - mm(6), y + 10)
        .lineWidth(0.5)
        .stroke(LINE)
      const name = names[i + j]
      if (name) doc.fontSize(7.5).text(name, x + mm(36), y + 12, { width: half - mm(42), align: 'center' })
    }
    doc.x = left
    doc.y = y + 28
  }
}

/** "Страница 1 из 3" at the foot of every page (pages are buffered until the end). */
function drawPageNumbers(doc: PDFKit.PDFDocument, locale: Locale, title: string): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    // Writing below the bottom margin would make pdfkit start a new page: lift it for the footer.
    const margin = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - margin + 4
    const left = doc.page.margins.left
    const width = doc.page.width - left - doc.page.margins.right
    doc.font(REGULAR).fontSize(7.5).fillColor('#495057')
    doc.text(title, left, y, { width: width * 0.7, lineBreak: false, ellipsis: true })
    doc.text(printText(locale, 'page', { page: i - range.start + 1, pages: range.count }), left + width * 0.7, y, {
      width: width * 0.3,
      align: 'right',
      lineBreak: false,
    })
    doc.page.margins.bottom = margin
  }
  doc.fillColor('black')
}

function startDocument(title: string, options: DocumentOptions) {
  const locale = options.locale ?? 'ru'
  const { doc, bytes } = createPdf({
    fonts: options.fonts ?? loadPrintFonts(),
    title,
    locale,
    size: 'A4',
    margin: mm(15),
    creationDate: options.creationDate,
  })
  return { doc, bytes, locale }
}

const numberDate = (locale: Locale, number: string, date: string) =>
  printText(locale, 'numberDate', { number, date: formatDocumentDate(date, locale) })

/**
 * A pick list as an A4 PDF: where to take each line from, how many, with the line's barcode
 * (Code 128) to scan and an empty "picked" column to tick.
 */
export async function renderPickList(input: PickListDoc, options: DocumentOptions = {}): Promise<Uint8Array> {
  const data = pickListSchema.parse(input)
  const locale = options.locale ?? 'ru'
  const title = `${printText(locale, 'pickList')} ${numberDate(locale, data.number, data.date)}`
  // Barcodes are drawn before the first page, so a code that cannot be encoded fails early.
  const images = new Map<string, Buffer>()
  for (const line of data.lines) {
    if (line.barcode && !images.has(line.barcode)) {
      images.set(line.barcode, await barcodePng('code128', line.barcode, { heightMm: 8, scale: 3, text: false }))
    }
  }
  const { doc, bytes } = startDocument(title, options)
  drawHeading(doc, title, [
    [printText(locale, 'workspace'), data.workspace],
    [printText(locale, 'customer'), data.customer],
    [printText(locale, 'order'), data.orderNumber],
    [printText(locale, 'note'), data.note],
  ])
  type Line = (typeof data.lines)[number]
  const columns: Column<Line>[] = [
    { header: printText(locale, 'lineNo'), width: 4, align: 'right', cell: (l) => String(l.lineNo) },
    { header: printText(locale, 'location'), width: 10, cell: (l) => l.location ?? '' },
    { header: printText(locale, 'code'), width: 12, cell: (l) => l.code },
    {
      header: printText(locale, 'name'),
      width: 28,
      cell: (l) => l.name,
      note: (l) => (l.lot ? printText(locale, 'lot', { lot: l.lot }) : undefined),
    },
    { header: printText(locale, 'unit'), width: 6, cell: (l) => l.unit },
    {
      header: printText(locale, 'quantity'),
      width: 9,
      align: 'right',
      bold: () => true,
      cell: (l) => formatQuantity(l.quantity, locale),
    },
    { header: printText(locale, 'picked'), width: 10, cell: () => '' },
  ]
  if (data.lines.some((l) => l.barcode)) {
    columns.push({
      header: printText(locale, 'barcode'),
      width: 22,
      cell: (l) => l.barcode ?? '',
      image: (l) => (l.barcode ? images.get(l.barcode) : undefined),
    })
  }
  drawTable(doc, columns, data.lines)
  doc.moveDown(0.5)
  doc
    .font(REGULAR)
    .fontSize(9.5)
    .text(printText(locale, 'lines', { count: data.lines.length }))
  drawSignatures(doc, locale, ['pickedBy', 'checkedBy'])
  drawPageNumbers(doc, locale, title)
  doc.end()
  return bytes
}

/**
 * A goods receipt as an A4 PDF: ordered against received for each line (a difference in bold),
 * prices, VAT and the totals as the database computed them.
 */
export async function renderGoodsReceipt(input: GoodsReceiptDoc, options: DocumentOptions = {}): Promise<Uint8Array> {
  const data = goodsReceiptSchema.parse(input)
  const locale = options.locale ?? 'ru'
  const title = `${printText(locale, 'goodsReceipt')} ${numberDate(locale, data.number, data.date)}`
  const { doc, bytes } = startDocument(title, options)
  drawHeading(doc, title, [
    [printText(locale, 'workspace'), data.workspace],
    [printText(locale, 'supplier'), party(locale, data.supplier)],
    [printText(locale, 'order'), data.orderNumber],
    [printText(locale, 'supplierDocument'), data.supplierDocument],
  ])
  type Line = (typeof data.lines)[number]
  const differs = (l: Line) => l.ordered !== undefined && Number(l.ordered) !== Number(l.received)
  const lotAndExpiry = (l: Line) =>
    [
      l.lot && printText(locale, 'lot', { lot: l.lot }),
      l.expiry && printText(locale, 'expiry', { date: formatDocumentDate(l.expiry, locale) }),
    ]
      .filter(Boolean)
      .join(', ') || undefined
  drawTable<Line>(
    doc,
    [
      { header: printText(locale, 'lineNo'), width: 4, align: 'right', cell: (l) => String(l.lineNo) },
      { header: printText(locale, 'code'), width: 11, cell: (l) => l.code },
      { header: printText(locale, 'name'), width: 27, cell: (l) => l.name, note: lotAndExpiry },
      { header: printText(locale, 'unit'), width: 5, cell: (l) => l.unit },
      {
        header: printText(locale, 'ordered'),
        width: 8,
        align: 'right',
        cell: (l) => (l.ordered === undefined ? '' : formatQuantity(l.ordered, locale)),
      },
      {
        header: printText(locale, 'received'),
        width: 8,
        align: 'right',
        bold: differs,
        cell: (l) => formatQuantity(l.received, locale),
      },
      { header: printText(locale, 'price'), width: 10, align: 'right', cell: (l) => formatAmount(l.price, locale) },
      { header: printText(locale, 'vatRate'), width: 6, align: 'right', cell: (l) => formatQuantity(l.vatRate, locale) },
      { header: printText(locale, 'vatAmount'), width: 9, align: 'right', cell: (l) => formatAmount(l.vatAmount, locale) },
      { header: printText(locale, 'amount'), width: 12, align: 'right', cell: (l) => formatAmount(l.amount, locale) },
    ],
    data.lines,
  )
  drawTotals(doc, [
    [printText(locale, 'net'), formatAmount(data.totals.net, locale)],
    [printText(locale, 'vatTotal'), formatAmount(data.totals.vat, locale)],
    [printText(locale, 'total'), formatAmount(data.totals.total, locale)],
  ])
  doc.x = doc.page.margins.left
  doc
    .font(REGULAR)
    .fontSize(8)
    .text(printText(locale, 'currency', { currency: data.currency ?? 'KZT' }))
  drawSignatures(doc, locale, ['deliveredBy', 'receivedBy'], [undefined, data.receivedBy])
  drawPageNumbers(doc, locale, title)
  doc.end()
  return bytes
}

/**
 * A waybill (накладная на отпуск запасов на сторону) as an A4 PDF: shipper and consignee with
 * their BINs, the carrier and tracking number, priced lines with VAT, totals, the total in
 * words when given, and the signature lines.
 */
export async function renderWaybill(input: WaybillDoc, options: DocumentOptions = {}): Promise<Uint8Array> {
  const data = waybillSchema.parse(input)
  const locale = options.locale ?? 'ru'
  const title = `${printText(locale, 'waybill')} ${numberDate(locale, data.number, data.date)}`
  const { doc, bytes } = startDocument(title, options)
  drawHeading(doc, title, [
    [printText(locale, 'shipper'), party(locale, data.shipper)],
    [printText(locale, 'consignee'), party(locale, data.consignee)],
    [printText(locale, 'carrier'), data.carrier],
    [printText(locale, 'tracking'), data.trackingNumber],
    [printText(locale, 'order'), data.orderNumber],
  ])
  type Line = (typeof data.lines)[number]
  drawTable<Line>(
    doc,
    [
      { header: printText(locale, 'lineNo'), width: 4, align: 'right', cell: (l) => String(l.lineNo) },
      { header: printText(locale, 'code'), width: 11, cell: (l) => l.code },
      { header: printText(locale, 'name'), width: 30, cell: (l) => l.name },
      { header: printText(locale, 'unit'), width: 5, cell: (l) => l.unit },
      { header: printText(locale, 'quantity'), width: 8, align: 'right', cell: (l) => formatQuantity(l.quantity, locale) },
      { header: printText(locale, 'price'), width: 10, align: 'right', cell: (l) => formatAmount(l.price, locale) },
      { header: printText(locale, 'vatRate'), width: 6, align: 'right', cell: (l) => formatQuantity(l.vatRate, locale) },
      { header: printText(locale, 'vatAmount'), width: 9, align: 'right', cell: (l) => formatAmount(l.vatAmount, locale) },
      { header: printText(locale, 'amount'), width: 12, align: 'right', cell: (l) => formatAmount(l.amount, locale) },
    ],
    data.lines,
  )
  drawTotals(doc, [
    [printText(locale, 'net'), formatAmount(data.totals.net, locale)],
    [printText(locale, 'vatTotal'), formatAmount(data.totals.vat, locale)],
    [printText(locale, 'total'), formatAmount(data.totals.total, locale)],
  ])
  doc.x = doc.page.margins.left
  doc.moveDown(0.5)
  doc
    .font(REGULAR)
    .fontSize(8)
    .text(printText(locale, 'currency', { currency: data.currency ?? 'KZT' }))
  if (data.totalInWords) {
    doc.moveDown(0.3)
    doc
      .font(BOLD)
      .fontSize(9.5)
      .text(`${printText(locale, 'totalInWords')}: `, { continued: true })
      .font(REGULAR)
      .text(data.totalInWords)
  }
  drawSignatures(doc, locale, ['releasedBy', 'acceptedBy'], [data.releasedBy, data.receivedBy])
  drawPageNumbers(doc, locale, title)
  doc.end()
  return bytes
}
