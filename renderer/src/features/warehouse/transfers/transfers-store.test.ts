import { describe, expect, it } from 'vitest'
import { withScannedLine } from './transfers-store'

const bolt = { productId: 'p1', code: 'B-8', name: 'Болт М8', unit: 'шт' }
const nut = { productId: 'p2', code: 'N-8', name: 'Гайка М8', unit: 'шт' }

describe('putting a transfer together by scanning', () => {
  it('adds a line per new product and adds up repeated scans in decimals', () => {
    let lines = withScannedLine([], bolt, '1')
    lines = withScannedLine(lines, nut, '0.1')
    lines = withScannedLine(lines, bolt, '1')
    lines = withScannedLine(lines, nut, '0.2')
    expect(lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['p1', '2'],
      ['p2', '0.3'],
    ])
  })
})
