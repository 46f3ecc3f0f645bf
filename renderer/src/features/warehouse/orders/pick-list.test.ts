import { describe, expect, it } from 'vitest'
import { type OrderLine, allPicked, pickScan, pickable } from './pick-list'

const line = (over: Partial<OrderLine>): OrderLine => ({
  orderItemId: 'i1',
  productId: 'p1',
  code: 'BOLT-8',
  name: 'Болт М8',
  unit: 'шт',
  barcode: '4870001000018',
  productStatus: 'ACTIVE',
  ordered: '3',
  shipped: '0',
  reserved: '3',
  onHand: '10',
  available: '7',
  ...over,
})

describe('pick list', () => {
  it('may pick what is left to ship and reserved, whichever is less', () => {
    expect(pickable(line({ ordered: '3', shipped: '1', reserved: '2' })).toFixed()).toBe('2')
    expect(pickable(line({ ordered: '3', shipped: '0', reserved: '1.5' })).toFixed()).toBe('1.5')
    expect(pickable(line({ ordered: '3', shipped: '3', reserved: '0' })).toFixed()).toBe('0')
  })

  it('confirms a pick by barcode, GTIN-14 or code, and refuses a wrong product and one too many', () => {
    const lines = [line({})]
    expect(pickScan(lines, {}, '4870001000018')).toEqual({ kind: 'picked', orderItemId: 'i1', quantity: '1', complete: false })
    expect(pickScan(lines, { i1: '2' }, '04870001000018')).toEqual({
      kind: 'picked',
      orderItemId: 'i1',
      quantity: '3',
      complete: true,
    })
    expect(pickScan(lines, { i1: '1' }, 'BOLT-8')).toMatchObject({ kind: 'picked', quantity: '2' })
    expect(pickScan(lines, { i1: '3' }, '4870001000018')).toEqual({ kind: 'tooMany', orderItemId: 'i1', limit: '3' })
    expect(pickScan(lines, {}, '4600000000000')).toEqual({ kind: 'wrongProduct' })
  })

  it('fills the next line of the same product once the first is complete', () => {
    const lines = [
      line({ orderItemId: 'a', ordered: '1', reserved: '1' }),
      line({ orderItemId: 'b', ordered: '2', reserved: '2' }),
    ]
    expect(pickScan(lines, { a: '1' }, 'BOLT-8')).toMatchObject({ kind: 'picked', orderItemId: 'b', quantity: '1' })
    expect(allPicked(lines, { a: '1', b: '2' })).toBe(true)
    expect(allPicked(lines, { a: '1' })).toBe(false)
  })
})
