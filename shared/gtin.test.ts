import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gtinCheckDigit, gtinKind, isValidGtin, withGtinCheckDigit } from './gtin'

describe('GTIN check digits', () => {
  it('matches published examples', () => {
    expect(gtinKind('4006381333931')).toBe('EAN-13') // GS1's EAN-13 example
    expect(gtinKind('96385074')).toBe('EAN-8')
    expect(gtinKind('036000291452')).toBe('UPC-A')
    expect(gtinKind('10614141000415')).toBe('GTIN-14')
    expect(gtinCheckDigit('487000000001')).toBe(Number(withGtinCheckDigit('487000000001').at(-1)))
  })

  it('rejects wrong lengths, letters and a wrong check digit', () => {
    expect(isValidGtin('4006381333932')).toBe(false)
    expect(isValidGtin('400638133393')).toBe(false)
    expect(isValidGtin('40063813339a1')).toBe(false)
    expect(isValidGtin('')).toBe(false)
  })

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const code = withGtinCheckDigit(body)
          expect(isValidGtin(code)).toBe(true)
          const changed = code.slice(0, pos) + String((Number(code[pos]) + delta) % 10) + code.slice(pos + 1)
          expect(isValidGtin(changed)).toBe(false)
        },
      ),
    )
  })
})
