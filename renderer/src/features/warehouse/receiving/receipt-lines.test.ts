import { describe, expect, it } from 'vitest'
import { increment, lineVariance, receivingByOrderLine } from './receipt-lines'

describe('receipt lines', () => {
  it('shows an under-delivery, an over-delivery and an exact one against the order', () => {
    expect(lineVariance('10', '0', '6')).toEqual({ kind: 'under', missing: '4' })
    expect(lineVariance('10', '6', '5')).toEqual({ kind: 'over', extra: '1' })
    expect(lineVariance('2.5', '1.25', '1.25')).toEqual({ kind: 'exact' })
    expect(lineVariance(null, '0', '3')).toEqual({ kind: 'unordered' })
  })

  it('counts scans in decimals, and treats a half-typed quantity as zero', () => {
    expect(increment('0.1', '0.2')).toBe('0.3')
    expect(increment('')).toBe('1')
    expect(lineVariance('3', '0', 'abc')).toEqual({ kind: 'under', missing: '3' })
    expect(increment('2,5')).toBe('3.5')
  })

  it('adds up every lot received against one order line', () => {
    const totals = receivingByOrderLine([
      { orderItemId: 'a', quantity: '3' },
      { orderItemId: 'a', quantity: '1.5' },
      { orderItemId: null, quantity: '7' },
      { orderItemId: 'b', quantity: '' },
    ])
    expect([...totals]).toEqual([
      ['a', '4.5'],
      ['b', '0'],
    ])
  })
})
