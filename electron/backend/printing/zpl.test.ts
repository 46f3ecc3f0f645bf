import { describe, expect, it } from 'vitest'
import type { ProductLabel } from '../../../shared/printing'
import { LabelDataError } from './label-data'
import { renderLabelsZpl, zplText } from './zpl'

const milk: ProductLabel = {
  name: 'Қазақстан сүті 3,2% 1 л',
  code: 'MILK-001',
  barcode: '4601234567893',
  price: '1250.50',
  currency: 'KZT',
  unit: 'шт',
}

const lines = (zpl: string) => zpl.trim().split('\n')

describe('ZPL labels', () => {
  it('writes one UTF-8 format per product with its size in dots and the copies', () => {
    const zpl = renderLabelsZpl([milk], { size: '58x40', symbology: 'ean13', copies: 3, locale: 'ru', dotsPerMm: 8 })
    expect(lines(zpl).slice(0, 6)).toEqual(['^XA', '^CI28', '^CWZ,E:TT0003M_.TTF', '^PW464', '^LL320', '^LH0,0'])
    expect(zpl).toContain('^FDҚазақстан сүті 3,2% 1 л^FS')
    expect(zpl).toContain('^PQ3\n^XZ')
    expect(zpl.match(/\^XA/g)).toHaveLength(1)
  })

  it('scales to 12 dots per mm and a smaller label', () => {
    const zpl = renderLabelsZpl([milk], { size: '43x25', symbology: 'ean13', copies: 1, locale: 'ru', dotsPerMm: 12 })
    expect(zpl).toContain('^PW516')
    expect(zpl).toContain('^LL300')
  })

  it('draws EAN-13 with ^BE from the 12 digits (the printer adds the check digit)', () => {
    const zpl = renderLabelsZpl([milk], { size: '58x40', symbology: 'ean13', copies: 1, locale: 'ru', dotsPerMm: 8 })
    expect(zpl).toMatch(/\^BY[1-4]\^BEN,\d+,Y,N\^FD460123456789\^FS/)
  })

  it('draws Code 128 of the product code with ^BC in automatic mode', () => {
    const zpl = renderLabelsZpl([milk], { size: '58x40', symbology: 'code128', copies: 1, locale: 'ru', dotsPerMm: 8 })
    expect(zpl).toMatch(/\^BCN,\d+,Y,N,N,A\^FH_\^FDMILK-001\^FS/)
  })

  it('draws GS1 DataMatrix with ^BX, FNC1 first and AI 01', () => {
    const zpl = renderLabelsZpl([{ ...milk, barcode: '96385074' }], {
      size: '58x40',
      symbology: 'gs1datamatrix',
      copies: 1,
      locale: 'ru',
      dotsPerMm: 8,
    })
    expect(zpl).toMatch(/\^BXN,\d+,200,,,,_\^FD_10100000096385074\^FS/)
  })

  it('prints the price with a space the printer font has and тг for the tenge sign', () => {
    const zpl = renderLabelsZpl([milk], { size: '58x40', symbology: 'ean13', copies: 1, locale: 'ru', dotsPerMm: 8 })
    expect(zpl).toContain('^FD1 250,50 тг / шт^FS')
  })

  it('escapes ZPL’s command characters in text', () => {
    expect(zplText('A^B~C_D')).toBe('A_5EB_7EC_5FD')
    const zpl = renderLabelsZpl([{ ...milk, name: 'Клей ^XZ ~JA' }], {
      size: '58x40',
      symbology: 'ean13',
      copies: 1,
      locale: 'ru',
      dotsPerMm: 8,
    })
    expect(zpl).toContain('^FDКлей _5EXZ _7EJA^FS')
    expect(zpl.match(/\^XZ/g)).toHaveLength(1)
  })

  it('refuses a product without an EAN-13, naming it', () => {
    const bolt = { ...milk, name: 'Болт М8', barcode: '4601234567890' }
    const render = () =>
      renderLabelsZpl([milk, bolt], { size: '58x40', symbology: 'ean13', copies: 1, locale: 'ru', dotsPerMm: 8 })
    expect(render).toThrow(LabelDataError)
    expect(render).toThrow(expect.objectContaining({ index: 1, problem: 'noEan13', product: bolt }))
  })

  it('refuses Code 128 of a code with letters outside ASCII', () => {
    expect(() =>
      renderLabelsZpl([{ ...milk, code: 'БОЛТ-8' }], {
        size: '58x40',
        symbology: 'code128',
        copies: 1,
        locale: 'ru',
        dotsPerMm: 8,
      }),
    ).toThrow(expect.objectContaining({ problem: 'codeNotPrintable' }))
  })
})
