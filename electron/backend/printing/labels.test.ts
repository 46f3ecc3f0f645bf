import { describe, expect, it } from 'vitest'
import type { ProductLabel } from '../../../shared/printing'
import { asEan13, asGtin14, barcodePng } from './barcodes'
import { loadPrintFonts } from './fonts'
import { LabelDataError } from './label-data'
import { renderLabelsPdf } from './labels'
import { mm } from './pdf'
import { inspectPdf, pageText } from './pdf-inspect'

const fonts = loadPrintFonts()
const creationDate = new Date('2026-11-25T00:00:00Z')
const milk: ProductLabel = {
  name: 'Қазақстан сүті 3,2% 1 л — ұзақ сақталатын',
  code: 'MILK-001',
  barcode: '4601234567893',
  price: '1250.50',
  currency: 'KZT',
  unit: 'шт',
}
const bolt: ProductLabel = { ...milk, name: 'Болт М8×40', code: 'BOLT-8', barcode: '96385074', price: '35' }

const PNG = [0x89, 0x50, 0x4e, 0x47]
/** Page text with Intl's no-break spaces as plain ones. */
const plain = (page: Parameters<typeof pageText>[0]) => pageText(page).replace(/[\u00a0\u202f]/g, ' ')

describe('barcodes', () => {
  it('draws every symbology as PNG', async () => {
    for (const [symbology, data] of [
      ['ean13', '4601234567893'],
      ['ean8', '96385074'],
      ['code128', 'SKU-17'],
      ['gs1-128', '(00)106141412345678908'],
      ['gs1datamatrix', '(01)04601234567893(21)ABC'],
    ] as const) {
      expect([...(await barcodePng(symbology, data)).subarray(0, 4)], symbology).toEqual(PNG)
    }
  })

  it('refuses an EAN-13 with a wrong check digit', async () => {
    await expect(barcodePng('ean13', '4601234567890')).rejects.toThrow()
  })

  it('reads a product barcode as EAN-13 or GTIN-14 when it is one', () => {
    expect(asEan13('4601234567893')).toBe('4601234567893')
    expect(asEan13('04601234567893')).toBe('4601234567893')
    expect(asEan13('036000291452')).toBe('0036000291452')
    expect(asEan13('96385074')).toBe('0000096385074')
    expect(asEan13('4601234567890')).toBeNull()
    expect(asEan13(null)).toBeNull()
    expect(asGtin14('96385074')).toBe('00000096385074')
    expect(asGtin14('SKU')).toBeNull()
  })
})

describe('PDF labels', () => {
  it('makes one label-sized page per copy, DejaVu embedded, Kazakh name in DejaVu', async () => {
    const pdf = await renderLabelsPdf([milk, bolt], {
      size: '58x40',
      symbology: 'ean13',
      copies: 2,
      locale: 'ru',
      fonts,
      creationDate,
    })
    const inspected = inspectPdf(pdf)
    expect(inspected.pages).toHaveLength(4)
    for (const page of inspected.pages) {
      expect(page.width).toBeCloseTo(mm(58), 1)
      expect(page.height).toBeCloseTo(mm(40), 1)
      expect(page.images).toBe(1)
      // Nothing drawn outside the label.
      for (const text of page.texts) {
        expect(text.x).toBeGreaterThanOrEqual(0)
        expect(text.y).toBeGreaterThan(0)
        expect(text.y).toBeLessThan(page.height)
      }
    }
    expect(inspected.fonts).toEqual([
      { name: expect.stringMatching(/^[A-Z]{6}\+DejaVuSans$/), embedded: true },
      { name: expect.stringMatching(/^[A-Z]{6}\+DejaVuSans-Bold$/), embedded: true },
    ])
    const [first, , third] = inspected.pages
    const name = first!.texts.filter((t) => t.size === 9).map((t) => t.text.trim())
    expect(name.join(' ')).toBe('Қазақстан сүті 3,2% 1 л — ұзақ сақталатын')
    expect(first!.texts.find((t) => t.text.includes('Қазақстан'))?.font).toMatch(/DejaVuSans-Bold$/)
    expect(plain(first!)).toContain('1 250,50 ₸ / шт')
    expect(pageText(first!)).toContain('MILK-001')
    expect(pageText(third!)).toContain('Болт М8×40')
    expect(plain(third!)).toContain('35,00 ₸ / шт')
  })

  it('formats the price in the language asked', async () => {
    const pdf = await renderLabelsPdf([bolt], {
      size: '43x25',
      symbology: 'code128',
      copies: 1,
      locale: 'en',
      fonts,
      creationDate,
    })
    const [page] = inspectPdf(pdf).pages
    expect(page!.width).toBeCloseTo(mm(43), 1)
    expect(pageText(page!)).toContain('KZT')
  })

  it('puts 24 labels on an A4 sticker sheet and starts a second sheet after', async () => {
    const pdf = await renderLabelsPdf([milk], {
      size: 'a4-70x37',
      symbology: 'gs1datamatrix',
      copies: 25,
      locale: 'ru',
      fonts,
      creationDate,
    })
    const { pages } = inspectPdf(pdf)
    expect(pages).toHaveLength(2)
    expect(pages[0]!.width).toBeCloseTo(mm(210), 1)
    expect(pages[0]!.images).toBe(24)
    expect(pages[1]!.images).toBe(1)
    expect(pageText(pages[0]!)).toContain('(01) 04601234567893')
  })

  it('gives the same bytes for the same data and creation date', async () => {
    const options = { size: '58x40', symbology: 'ean13', copies: 1, locale: 'ru', fonts, creationDate } as const
    const [a, b] = await Promise.all([renderLabelsPdf([milk], options), renderLabelsPdf([milk], options)])
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    expect(inspectPdf(a).info).toContain('/CreationDate')
  })

  it('refuses a product without a GTIN for GS1 DataMatrix', async () => {
    await expect(
      renderLabelsPdf([milk, { ...bolt, barcode: null }], {
        size: '58x40',
        symbology: 'gs1datamatrix',
        copies: 1,
        locale: 'ru',
        fonts,
        creationDate,
      }),
    ).rejects.toThrow(LabelDataError)
  })
})
