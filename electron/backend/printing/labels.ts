import type { Locale } from '../../../shared/locale'
import { type LabelSize, type LabelSizeId, type LabelSymbology, type ProductLabel, labelSizes } from '../../../shared/printing'
import { barcodePng } from './barcodes'
import { printText } from './document-text'
import type { PrintFonts } from './fonts'
import { type PreparedLabel, prepareLabels, withCopies } from './label-data'
import { BOLD, REGULAR, createPdf, formatPrice, mm } from './pdf'

/** How product labels are printed. */
export interface LabelOptions {
  size: LabelSizeId
  symbology: LabelSymbology
  copies: number
  locale: Locale
  fonts: PrintFonts
  creationDate?: Date
}

/** Type sizes in points per label size: small labels get smaller type, never clipped text. */
function typeScale(size: LabelSize): { name: number; small: number; price: number } {
  const base = Math.min(size.widthMm / 58, size.heightMm / 40)
  return { name: Math.max(6, 9 * base), small: Math.max(5, 6.5 * base), price: Math.max(7, 11 * base) }
}

async function barcodeImage(label: PreparedLabel): Promise<Buffer> {
  const data = label.barcodeData
  switch (data.symbology) {
    case 'ean13':
      return barcodePng('ean13', data.ean13)
    case 'code128':
      return barcodePng('code128', data.data)
    case 'gs1datamatrix':
      return barcodePng('gs1datamatrix', `(01)${data.gtin14}`)
  }
}

/**
 * Draws one label with its top-left corner at (x, y): name (up to two lines, cut with an
 * ellipsis), barcode, code and unit at the bottom left, price at the bottom right.
 */
function drawLabel(
  doc: PDFKit.PDFDocument,
  label: PreparedLabel,
  image: Buffer,
  at: { x: number; y: number },
  size: LabelSize,
  locale: Locale,
): void {
  const pad = mm(size.heightMm < 30 ? 1.2 : 2)
  const width = mm(size.widthMm) - 2 * pad
  const height = mm(size.heightMm) - 2 * pad
  const type = typeScale(size)
  const x = at.x + pad
  let y = at.y + pad

  doc.font(BOLD).fontSize(type.name)
  const nameHeight = Math.min(doc.heightOfString(label.name, { width }), doc.currentLineHeight(true) * 2)
  doc.text(label.name, x, y, { width, height: nameHeight, ellipsis: true, lineGap: 0 })
  y += nameHeight + mm(0.8)

  const bottomHeight = Math.max(type.price, type.small) * 1.25
  const barcodeHeight = at.y + pad + height - bottomHeight - y - mm(0.5)
  if (label.barcodeData.symbology === 'gs1datamatrix') {
    // A square symbol on the left, its GTIN beside it for people.
    const side = Math.min(barcodeHeight, width * 0.45)
    doc.image(image, x, y, { fit: [side, side] })
    doc
      .font(REGULAR)
      .fontSize(type.small)
      .text(`(01) ${label.barcodeData.gtin14}`, x + side + mm(1.5), y + side / 2 - type.small / 2, {
        width: width - side - mm(1.5),
      })
  } else {
    doc.image(image, x, y, { fit: [width, barcodeHeight], align: 'center', valign: 'center' })
  }

  // Single lines placed by measure (no width given): pdfkit then never wraps them onto a new page.
  const bottom = at.y + pad + height - bottomHeight
  const price = `${formatPrice(label.price, label.currency, locale)} / ${label.unit}`
  const priceSize = fitSize(doc, BOLD, price, type.price, width * 0.65)
  const priceWidth = doc.font(BOLD).fontSize(priceSize).widthOfString(price)
  doc.text(price, x + width - priceWidth, bottom, { lineBreak: false })
  const codeSize = fitSize(doc, REGULAR, label.code, type.small, width - priceWidth - mm(1.5))
  doc
    .font(REGULAR)
    .fontSize(codeSize)
    .text(label.code, x, bottom + (priceSize - codeSize), { lineBreak: false })
}

/** The largest type size up to `size` at which `text` fits `width` (a long code shrinks, never overlaps the price). */
function fitSize(doc: PDFKit.PDFDocument, font: string, text: string, size: number, width: number): number {
  const natural = doc.font(font).fontSize(size).widthOfString(text)
  return natural <= width ? size : Math.max(3, (size * width) / natural)
}

/**
 * Product labels as a PDF: one label per page for a roll printer (the page is the label), or
 * a grid on A4 for sheets of stickers. Throws {@link LabelDataError} for a product that cannot
 * have the barcode asked for.
 */
export async function renderLabelsPdf(labels: readonly ProductLabel[], options: LabelOptions): Promise<Uint8Array> {
  const size: LabelSize = labelSizes[options.size]
  const prepared = withCopies(prepareLabels(labels, options.symbology), options.copies)
  // One image per product, not per copy.
  const images = new Map<PreparedLabel, Promise<Buffer>>()
  const imageOf = (label: PreparedLabel) => {
    let image = images.get(label)
    if (!image) images.set(label, (image = barcodeImage(label)))
    return image
  }
  const page: [number, number] = size.sheet
    ? [mm(size.sheet.widthMm), mm(size.sheet.heightMm)]
    : [mm(size.widthMm), mm(size.heightMm)]
  const { doc, bytes } = createPdf({
    fonts: options.fonts,
    title: labels.length === 1 && labels[0] ? labels[0].name : printText(options.locale, 'labels'),
    locale: options.locale,
    size: page,
    margin: 0,
    creationDate: options.creationDate,
  })
  const perPage = size.across * size.down
  for (const [i, label] of prepared.entries()) {
    if (i > 0 && i % perPage === 0) doc.addPage({ size: page, margin: 0 })
    const slot = i % perPage
    const x = mm((size.sheet?.marginLeftMm ?? 0) + (slot % size.across) * size.widthMm)
    const y = mm((size.sheet?.marginTopMm ?? 0) + Math.floor(slot / size.across) * size.heightMm)
    drawLabel(doc, label, await imageOf(label), { x, y }, size, options.locale)
  }
  doc.end()
  return bytes
}
