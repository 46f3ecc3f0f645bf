import { describe, expect, it } from 'vitest'
import {
  canTransition,
  isOrderStatus,
  nextStatuses,
  orderStatuses,
  purchaseStatusAfterReceipt,
  statusAfterShipment,
} from './order-status'

describe('sales order status flow', () => {
  it('allows exactly the forward path, cancelling before shipment and returning after it', () => {
    const allowed = orderStatuses.flatMap((from) =>
      orderStatuses.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    )
    expect(allowed.sort()).toEqual(
      [
        'pending→confirmed',
        'pending→cancelled',
        'confirmed→processing',
        'confirmed→cancelled',
        'processing→shipped',
        'processing→cancelled',
        'shipped→delivered',
        'shipped→returned',
        'delivered→returned',
      ].sort(),
    )
  })

  it('refuses skipping steps, going back and leaving a final status', () => {
    expect(canTransition('pending', 'shipped')).toBe(false)
    expect(canTransition('shipped', 'confirmed')).toBe(false)
    expect(canTransition('delivered', 'cancelled')).toBe(false)
    expect(nextStatuses('cancelled')).toEqual([])
    expect(nextStatuses('returned')).toEqual([])
    expect(canTransition('pending', 'pending')).toBe(false)
  })

  it('moves a shipped order to shipped when complete and keeps it processing when partial', () => {
    expect(statusAfterShipment('confirmed', true)).toBe('shipped')
    expect(statusAfterShipment('confirmed', false)).toBe('processing')
    expect(statusAfterShipment('processing', false)).toBe('processing')
    expect(statusAfterShipment('pending', true)).toBeNull()
    expect(statusAfterShipment('shipped', true)).toBeNull()
    expect(statusAfterShipment('cancelled', false)).toBeNull()
  })

  it('receives against open purchase orders only', () => {
    expect(purchaseStatusAfterReceipt('confirmed', false)).toBe('processing')
    expect(purchaseStatusAfterReceipt('shipped', true)).toBe('delivered')
    expect(purchaseStatusAfterReceipt('delivered', false)).toBeNull()
    expect(purchaseStatusAfterReceipt('cancelled', true)).toBeNull()
  })

  it('knows its statuses', () => {
    expect(isOrderStatus('processing')).toBe(true)
    expect(isOrderStatus('completed')).toBe(false)
  })
})
