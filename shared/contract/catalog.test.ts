import { describe, expect, it } from 'vitest'
import { withGtinCheckDigit } from '../gtin'
import { validationErrorMap } from '../validation-locale'
import { barcodeField, catalogMethods, moneyField } from './catalog'

const ean13 = withGtinCheckDigit('487123456789')
const wrongDigit = `${ean13.slice(0, -1)}${(Number(ean13.at(-1)) + 1) % 10}`

describe('barcodeField', () => {
  it('accepts EAN-13, EAN-8, UPC-A and GTIN-14 with valid check digits, spaces dropped', () => {
    for (const code of [ean13, withGtinCheckDigit('4870001'), withGtinCheckDigit('03600029145'), `0${ean13}`])
      expect(barcodeField.parse(code)).toBe(code)
    expect(barcodeField.parse(` ${ean13.slice(0, 1)} ${ean13.slice(1, 7)} ${ean13.slice(7)} `)).toBe(ean13)
  })

  it('refuses a wrong check digit, wrong lengths and letters, worded in the person’s language', () => {
    for (const code of [wrongDigit, '123', '48712345678901234', 'ABC1234567890']) {
      const ru = barcodeField.safeParse(code, { error: validationErrorMap('ru') })
      expect(ru.success, code).toBe(false)
      expect(ru.error?.issues[0]?.message).toContain('контрольной цифрой')
    }
    const kk = barcodeField.safeParse(wrongDigit, { error: validationErrorMap('kk') })
    expect(kk.error?.issues[0]?.message).toContain('бақылау цифры')
  })
})

describe('moneyField', () => {
  it('takes amounts as people type them and keeps them as decimal strings', () => {
    expect(moneyField.parse('1 250,50')).toBe('1250.50')
    expect(moneyField.parse(12)).toBe('12')
    expect(moneyField.parse('0')).toBe('0')
  })

  it('refuses negative amounts, more than two decimals and text', () => {
    for (const v of ['-1', '1.234', 'abc', '', '1e5']) {
      const result = moneyField.safeParse(v, { error: validationErrorMap('ru') })
      expect(result.success, v).toBe(false)
      expect(result.error?.issues[0]?.message).toContain('не меньше 0')
    }
  })
})

describe('catalog.products.create input', () => {
  const input = catalogMethods['catalog.products.create'].input
  it('fills defaults and names each bad field by its path', () => {
    const ok = input.parse({ code: ' A-1 ', name: 'Болт' })
    expect(ok).toMatchObject({ code: 'A-1', type: 'PRODUCT', status: 'ACTIVE', unit: 'шт', price: '0', taxCategory: 'standard' })
    const bad = input.safeParse({ code: '', name: 'Болт', price: '-5', barcode: wrongDigit, type: 'CAR' })
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['barcode', 'code', 'price', 'type'])
  })
})
