/**
 * The status flow of sales orders, shared by the backend (which enforces it) and the renderer
 * (which offers only the actions it allows):
 *
 *   pending → confirmed → processing → shipped → delivered
 *      ↘          ↘           ↘           ↘          ↘
 *                    cancelled            returned
 *
 * Cancelling is possible until the goods have left (pending, confirmed, processing); a return
 * is possible once they have (shipped, delivered). cancelled and returned are final.
 */
export const orderStatuses = ['pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'returned'] as const

/** One status of orders.status. */
export type OrderStatus = (typeof orderStatuses)[number]

const next: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['processing', 'cancelled'],
  processing: ['shipped', 'cancelled'],
  shipped: ['delivered', 'returned'],
  delivered: ['returned'],
  cancelled: [],
  returned: [],
}

/** True when `value` is one of {@link orderStatuses}. */
export function isOrderStatus(value: string): value is OrderStatus {
  return (orderStatuses as readonly string[]).includes(value)
}

/** The statuses an order in `from` may move to directly. */
export function nextStatuses(from: OrderStatus): readonly OrderStatus[] {
  return next[from]
}

/** True when the flow allows moving directly from `from` to `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return next[from].includes(to)
}

/**
 * The status after a shipment: every line fully shipped → shipped, otherwise processing
 * (a partial shipment). Null when the flow does not allow shipping from `from` at all;
 * confirmed passes through processing, which the flow allows.
 */
export function statusAfterShipment(from: OrderStatus, fullyShipped: boolean): OrderStatus | null {
  if (from !== 'confirmed' && from !== 'processing') return null
  return fullyShipped ? 'shipped' : 'processing'
}

/** Statuses in which goods may still be shipped against a sales order. */
export const shippableStatuses: readonly OrderStatus[] = ['confirmed', 'processing']

/**
 * The status of a purchase order after a goods receipt: fully received → delivered (the goods
 * are with us), partly → processing. Null when the order cannot receive goods any more
 * (delivered, cancelled, returned).
 */
export function purchaseStatusAfterReceipt(from: OrderStatus, fullyReceived: boolean): OrderStatus | null {
  if (!receivableStatuses.includes(from)) return null
  return fullyReceived ? 'delivered' : 'processing'
}

/** Statuses of a purchase order against which goods may be received. */
export const receivableStatuses: readonly OrderStatus[] = ['pending', 'confirmed', 'processing', 'shipped']
