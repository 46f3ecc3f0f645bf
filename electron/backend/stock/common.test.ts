import { describe, expect, it } from 'vitest'
import { scanCandidates } from './common'

describe('what a scan is looked up by', () => {
  it('a plain EAN-13 in its printed form and as GTIN-14', () => {
    expect(scanCandidates('4601234567893')).toEqual(['4601234567893', '04601234567893'])
  })

  it('the GTIN of a GS1 element string (AI 01), with or without brackets, in every printed form', () => {
    expect(scanCandidates('(01)04601234567893(10)L1')).toEqual(['04601234567893', '4601234567893'])
    expect(scanCandidates('0104601234567893\u001d10L1')).toEqual(['04601234567893', '4601234567893'])
  })

  it('anything else as typed: a product code or SKU', () => {
    expect(scanCandidates(' TV-000096 ')).toEqual(['TV-000096'])
    expect(scanCandidates('tv-000096')).toEqual(['tv-000096', 'TV-000096'])
  })
})
