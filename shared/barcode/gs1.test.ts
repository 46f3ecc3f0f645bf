import { describe, expect, it } from 'vitest'
import { GS, classifyScan, gs1Date, gs1Measure, gtinForms, parseGs1, splitSymbologyId } from './gs1'

// Dates are read against a fixed day, so the century rule never depends on when tests run.
const today = new Date('2026-11-25T00:00:00Z')

describe('parseGs1', () => {
  it('reads a GS1-128 logistics label with a symbology identifier', () => {
    const result = parseGs1(`]C1010461001234567717270331102026-A${GS}3712`, { today })
    expect(result).toEqual({
      ok: true,
      value: {
        symbologyId: ']C1',
        data: `010461001234567717270331102026-A${GS}3712`,
        elements: [
          { ai: '01', value: '04610012345677', position: 0 },
          { ai: '17', value: '270331', position: 16 },
          { ai: '10', value: '2026-A', position: 24 },
          { ai: '37', value: '12', position: 33 },
        ],
      },
    })
  })

  it('reads a variable AI at the very end without a closing GS', () => {
    const result = parseGs1(']d201046100123456772112345', { today })
    expect(result.ok && result.value.elements.at(-1)).toEqual({ ai: '21', value: '12345', position: 16 })
  })

  it('takes a configured substitute for GS', () => {
    const result = parseGs1('0104610012345677~10LOT7~21SER', { gsSubstitute: '~', today })
    expect(result.ok && result.value.elements.map((e) => [e.ai, e.value])).toEqual([
      ['01', '04610012345677'],
      ['10', 'LOT7'],
      ['21', 'SER'],
    ])
    // The data keeps the real separator, as the marking code is recorded.
    expect(result.ok && result.value.data).toBe(`0104610012345677${GS}10LOT7${GS}21SER`)
  })

  it('ignores a leading FNC1 sent as GS and a trailing CR/LF', () => {
    const result = parseGs1(`${GS}0104610012345677\r\n`, { today })
    expect(result.ok && result.value.elements).toEqual([{ ai: '01', value: '04610012345677', position: 0 }])
  })

  it('reads the bracketed human-readable form', () => {
    const result = parseGs1('(01)04610012345677(10)ABC(17)270300', { today })
    expect(result.ok && result.value.elements.map((e) => [e.ai, e.value])).toEqual([
      ['01', '04610012345677'],
      ['10', 'ABC'],
      ['17', '270300'],
    ])
  })

  it('reads the SSCC of GS1’s specification with AI 00', () => {
    const result = parseGs1(']C100106141412345678908', { today })
    expect(result.ok && result.value.elements).toEqual([{ ai: '00', value: '106141412345678908', position: 0 }])
  })

  it('rejects a wrong check digit in AI 01, 00 and 02, naming the AI', () => {
    expect(parseGs1(']d20104610012345678', { today })).toEqual({
      ok: false,
      error: { code: 'checkDigit', ai: '01', position: 0 },
    })
    expect(parseGs1(']C100106141412345678909')).toMatchObject({ ok: false, error: { code: 'checkDigit', ai: '00' } })
    expect(parseGs1(']C1020461001234567837100')).toMatchObject({ ok: false, error: { code: 'checkDigit', ai: '02' } })
  })

  it('reports a truncated fixed-length element where it starts', () => {
    expect(parseGs1(']C1010461001234567717270', { today })).toEqual({
      ok: false,
      error: { code: 'truncated', ai: '17', position: 16 },
    })
    expect(parseGs1(']C101046100123', { today })).toEqual({ ok: false, error: { code: 'truncated', ai: '01', position: 0 } })
    // A GS inside a fixed-length value means the value was cut short.
    expect(parseGs1(`0104610012345677112611${GS}10A`, { today })).toMatchObject({
      ok: false,
      error: { code: 'truncated', ai: '11' },
    })
  })

  it('reports a variable value longer than its AI allows — the usual sign of a dropped GS', () => {
    // 21 then 91 with no GS between: the serial swallows the key and runs past 20 characters.
    expect(parseGs1(']d20104610012345677215ZkWfjP3QAbcd91EE0692AAAA', { today })).toEqual({
      ok: false,
      error: { code: 'tooLong', ai: '21', position: 16 },
    })
    expect(parseGs1(`]C1010461001234567710${'A'.repeat(21)}`, { today })).toMatchObject({
      ok: false,
      error: { code: 'tooLong', ai: '10' },
    })
    expect(parseGs1(']C1010461001234567730123456789', { today })).toMatchObject({
      ok: false,
      error: { code: 'tooLong', ai: '30' },
    })
  })

  it('rejects an empty variable value, an unknown AI and characters outside the AI’s set', () => {
    expect(parseGs1(`]C1010461001234567710${GS}21X`, { today })).toMatchObject({
      ok: false,
      error: { code: 'emptyValue', ai: '10', position: 16 },
    })
    expect(parseGs1(']C1010461001234567714ABC', { today })).toMatchObject({
      ok: false,
      error: { code: 'unknownAi', ai: null, position: 16 },
    })
    expect(parseGs1(']C1010461001234567730 12', { today })).toMatchObject({
      ok: false,
      error: { code: 'invalidCharacters', ai: '30' },
    })
    expect(parseGs1(']C1010461001234567710ЛОТ', { today })).toMatchObject({
      ok: false,
      error: { code: 'invalidCharacters', ai: '10' },
    })
    expect(parseGs1(']C1', { today })).toEqual({ ok: false, error: { code: 'empty', ai: null, position: 0 } })
  })

  it('rejects impossible dates and decimals, and the same AI twice with different values', () => {
    expect(parseGs1(']C1010461001234567717261301', { today })).toMatchObject({
      ok: false,
      error: { code: 'invalidDate', ai: '17' },
    })
    expect(parseGs1(']C1010461001234567717270230', { today })).toMatchObject({ error: { code: 'invalidDate' } })
    expect(parseGs1(']C101046100123456773106001000', { today })).toMatchObject({
      ok: false,
      error: { code: 'invalidDecimals', ai: '3106' },
    })
    expect(parseGs1(`]C1010461001234567710A${GS}10B`, { today })).toMatchObject({
      ok: false,
      error: { code: 'conflictingAi', ai: '10', position: 20 },
    })
  })
})

describe('GS1 values', () => {
  it('reads YYMMDD with day 00 as the last day of the month', () => {
    expect(gs1Date('270300', today)).toBe('2027-03-31')
    expect(gs1Date('280200', today)).toBe('2028-02-29')
    expect(gs1Date('270200', today)).toBe('2027-02-28')
    expect(gs1Date('261225', today)).toBe('2026-12-25')
    expect(gs1Date('261300', today)).toBeNull()
  })

  it('chooses the century as GS1 says', () => {
    expect(gs1Date('750101', today)).toBe('2075-01-01') // 49 years ahead: this century
    expect(gs1Date('780101', today)).toBe('1978-01-01') // 52 years ahead: the last century
    expect(gs1Date('990101', new Date('2051-01-01T00:00:00Z'))).toBe('2099-01-01')
    expect(gs1Date('020101', new Date('2051-01-01T00:00:00Z'))).toBe('2002-01-01') // 49 back
    expect(gs1Date('010101', new Date('2051-01-01T00:00:00Z'))).toBe('2101-01-01') // 50 back: next
    expect(gs1Date('010101', new Date('2099-06-01T00:00:00Z'))).toBe('2101-01-01') // 98 back: next
  })

  it('places the decimal point of a measure by the AI’s fourth digit', () => {
    expect(gs1Measure('3103', '001250')).toBe('1.250')
    expect(gs1Measure('3102', '001250')).toBe('12.50')
    expect(gs1Measure('3100', '000125')).toBe('125')
    expect(gs1Measure('3105', '000125')).toBe('0.00125')
  })

  it('lists the printed forms of a GTIN-14', () => {
    expect(gtinForms('04601234567893')).toEqual(['04601234567893', '4601234567893'])
    expect(gtinForms('00000096385074')).toEqual(['00000096385074', '0000096385074', '000096385074', '96385074'])
    expect(gtinForms('10614141000415')).toEqual(['10614141000415'])
  })

  it('splits only a well-formed symbology identifier', () => {
    expect(splitSymbologyId(']E04601234567893')).toEqual({ symbologyId: ']E0', rest: '4601234567893' })
    expect(splitSymbologyId(']')).toEqual({ symbologyId: null, rest: ']' })
  })
})

describe('classifyScan', () => {
  it('normalises EAN-13, EAN-8, UPC-A and GTIN-14 to GTIN-14 and keeps the printed form', () => {
    expect(classifyScan('4601234567893')).toEqual({
      kind: 'gtin',
      gtin: '04601234567893',
      printed: '4601234567893',
      symbology: 'EAN-13',
    })
    expect(classifyScan('96385074')).toMatchObject({ kind: 'gtin', gtin: '00000096385074', symbology: 'EAN-8' })
    expect(classifyScan('036000291452')).toMatchObject({ kind: 'gtin', gtin: '00036000291452', symbology: 'UPC-A' })
    expect(classifyScan('10614141000415')).toMatchObject({ kind: 'gtin', gtin: '10614141000415', symbology: 'GTIN-14' })
    // An EAN scanner that prefixes the AIM identifier.
    expect(classifyScan(']E04601234567893')).toMatchObject({ kind: 'gtin', printed: '4601234567893' })
  })

  it('takes a number with a wrong check digit, or any other code, as text', () => {
    expect(classifyScan('4601234567890')).toEqual({ kind: 'text', code: '4601234567890' })
    expect(classifyScan('БОЛТ-М8')).toEqual({ kind: 'text', code: 'БОЛТ-М8' })
    expect(classifyScan(']C0SKU-000123')).toEqual({ kind: 'text', code: 'SKU-000123' })
    expect(classifyScan('  PRD-17 \r\n')).toEqual({ kind: 'text', code: 'PRD-17' })
  })

  it('reads Kazakhstan’s marking code with 91/92 and keeps it whole', () => {
    const crypto = 'dGVzdCBjcnlwdG8gdGFpbCBvZiBmb3J0eSBmb3VyIGNoYXJhY3RlcnM+/=='
    const raw = `]d201029000002471922113KzQ6iFg6xyD${GS}91EE06${GS}92${crypto}`
    const scan = classifyScan(raw, { today })
    expect(scan).toMatchObject({
      kind: 'gs1',
      gtin: '02900000247192',
      serial: '13KzQ6iFg6xyD',
      markingCode: `01029000002471922113KzQ6iFg6xyD${GS}91EE06${GS}92${crypto}`,
    })
  })

  it('reads the short marking code with 93, without symbology identifier', () => {
    const raw = `0104610012345677215ZkWfjP${GS}93dGVz`
    const scan = classifyScan(raw, { today })
    expect(scan).toMatchObject({ kind: 'gs1', gtin: '04610012345677', serial: '5ZkWfjP', markingCode: raw })
  })

  it('reads a tobacco pack code whose GS the wedge types as a substitute', () => {
    const scan = classifyScan('0104610012345677211234567~8005012000~93Ab1=', { gsSubstitute: '~', today })
    expect(scan).toMatchObject({
      kind: 'gs1',
      serial: '1234567',
      markingCode: `0104610012345677211234567${GS}8005012000${GS}93Ab1=`,
      elements: [
        { ai: '01', value: '04610012345677' },
        { ai: '21', value: '1234567' },
        { ai: '8005', value: '012000' },
        { ai: '93', value: 'Ab1=' },
      ],
    })
  })

  it('gives lot, dates, quantity and weight by meaning', () => {
    const scan = classifyScan(`]C10204610012345677112611011727110010L-42${GS}30250${GS}3103012345`, { today })
    expect(scan).toMatchObject({
      kind: 'gs1',
      contentGtin: '04610012345677',
      productionDate: '2026-11-01',
      expiry: '2027-11-30',
      lot: 'L-42',
      quantity: 250,
      netWeightKg: '12.345',
    })
    expect(scan).not.toHaveProperty('markingCode') // no serial, no verification tail
    expect(scan).not.toHaveProperty('gtin')
  })

  it('takes AI 37 as the quantity when AI 30 is absent', () => {
    expect(classifyScan(`]C1020461001234567737120`, { today })).toMatchObject({ kind: 'gs1', quantity: 120 })
  })

  it('tells an SSCC alone from a GS1 string that carries one', () => {
    expect(classifyScan(']C100106141412345678908')).toMatchObject({ kind: 'sscc', sscc: '106141412345678908' })
    expect(classifyScan('00106141412345678908')).toMatchObject({ kind: 'sscc', sscc: '106141412345678908' })
    expect(classifyScan(`00106141412345678908${GS}020461001234567737100`)).toMatchObject({
      kind: 'gs1',
      sscc: '106141412345678908',
      quantity: 100,
    })
  })

  it('reports a GS1 string with a problem as invalid, naming the element', () => {
    expect(classifyScan(']d20104610012345678215ABC')).toEqual({
      kind: 'invalid',
      raw: ']d20104610012345678215ABC',
      error: { code: 'checkDigit', ai: '01', position: 0 },
    })
    // No identifier, but 01 + 14 digits + a known AI: still GS1, so the bad check digit shows.
    expect(classifyScan('0104610012345678215ABC')).toMatchObject({ kind: 'invalid', error: { code: 'checkDigit' } })
    // A DataMatrix whose GS the scanner dropped.
    expect(classifyScan('0104610012345677215ZkWfjP3QAbcd91EE0692AAAA', { today })).toMatchObject({
      kind: 'invalid',
      error: { code: 'tooLong', ai: '21', position: 16 },
    })
  })

  it('does not take a 16-digit number with a wrong GTIN for GS1', () => {
    expect(classifyScan('0104610012345678')).toEqual({ kind: 'text', code: '0104610012345678' })
  })
})
