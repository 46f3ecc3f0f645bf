import { create } from 'zustand'
import type { MethodOutput, RpcError, StockPolicy } from '../../../../../shared/contract'
import type { OrderStatus } from '../../../../../shared/order-status'
import type { RpcClient } from '../../../rpc/client'
import type { ScanOutcomeView } from '../ScanOutcomeBanner'
import type { ScannedCode } from '../scanned-code'
import { decimalOrZero } from '../receiving/receipt-lines'
import { pickScan } from './pick-list'

/** A sales order in the list. */
export type SalesOrder = MethodOutput<'shipping.orders'>[number]

/** The open order with its pick list. */
export type SalesOrderDetail = MethodOutput<'shipping.order'>

/** Which orders the list shows. */
export type OrderFilter = 'open' | OrderStatus

interface ShippingState {
  filter: OrderFilter
  orders: SalesOrder[]
  order: SalesOrderDetail | null
  /** Picked quantities per order line (decimal strings), confirmed by scans or typed. */
  picks: Record<string, string>
  carrier: string
  trackingNumber: string
  outcome: ScanOutcomeView | null
  error: RpcError | null
  busy: boolean
  /** The backend asks to confirm shipping below zero (the workspace's policy is "warn"). */
  belowZeroQuestion: string | null
  policy: StockPolicy | null
  canEditPolicy: boolean
  /** The list was opened or needs refreshing. */
  listRefreshed(rpc: RpcClient): Promise<void>
  filterChanged(rpc: RpcClient, filter: OrderFilter): Promise<void>
  /** An order was opened: its pick list is read and picking starts from zero. */
  orderOpened(rpc: RpcClient, orderId: string): Promise<void>
  orderClosed(): void
  /** A code was scanned on the pick list. */
  scanned(scan: ScannedCode): ScanOutcomeView
  pickTyped(orderItemId: string, quantity: string): void
  carrierTyped(text: string): void
  trackingTyped(text: string): void
  confirmRequested(rpc: RpcClient): Promise<boolean>
  /** Ships what is picked; `belowZero` answers the policy's question. */
  shipRequested(rpc: RpcClient, belowZero?: boolean): Promise<boolean>
  belowZeroDeclined(): void
  deliverRequested(rpc: RpcClient): Promise<boolean>
  cancelRequested(rpc: RpcClient): Promise<boolean>
  policyRead(rpc: RpcClient): Promise<void>
  policyChanged(rpc: RpcClient, policy: StockPolicy): Promise<void>
}

const statusesOf = (filter: OrderFilter): OrderStatus[] | undefined => (filter === 'open' ? undefined : [filter])

/** The picking and shipping screen's state. */
export const useShipping = create<ShippingState>((set, get) => {
  /** Re-reads the open order and the list after a change. */
  const reload = async (rpc: RpcClient) => {
    const order = get().order
    if (order) {
      const result = await rpc.call('shipping.order', { orderId: order.id })
      if (result.ok) set({ order: result.value })
    }
    await get().listRefreshed(rpc)
  }

  /** Runs one action on the open order; its error is shown, success reloads. */
  const act = async (rpc: RpcClient, run: (orderId: string) => Promise<{ ok: true } | { ok: false; error: RpcError }>) => {
    const order = get().order
    if (!order) return false
    set({ busy: true, error: null })
    const result = await run(order.id)
    set({ busy: false })
    if (!result.ok) {
      set({ error: result.error })
      return false
    }
    await reload(rpc)
    return true
  }

  return {
    filter: 'open',
    orders: [],
    order: null,
    picks: {},
    carrier: '',
    trackingNumber: '',
    outcome: null,
    error: null,
    busy: false,
    belowZeroQuestion: null,
    policy: null,
    canEditPolicy: false,

    listRefreshed: async (rpc) => {
      const statuses = statusesOf(get().filter)
      const result = await rpc.call('shipping.orders', statuses ? { statuses } : {})
      if (result.ok) set({ orders: result.value })
      else set({ error: result.error })
    },

    filterChanged: async (rpc, filter) => {
      set({ filter })
      await get().listRefreshed(rpc)
    },

    orderOpened: async (rpc, orderId) => {
      set({ error: null, outcome: null, picks: {}, belowZeroQuestion: null })
      const result = await rpc.call('shipping.order', { orderId })
      if (!result.ok) return set({ error: result.error })
      set({ order: result.value, carrier: result.value.carrier ?? '', trackingNumber: '' })
    },

    orderClosed: () => set({ order: null, picks: {}, outcome: null, error: null, belowZeroQuestion: null }),

    scanned: (scan) => {
      const order = get().order
      if (!order) return { tone: 'error', message: 'openOrderFirst' }
      const code = scan.gtin ?? scan.code
      const result = pickScan(order.lines, get().picks, code, scan.quantity && scan.quantity > 0 ? scan.quantity : 1)
      const nameOf = (id: string) => order.lines.find((l) => l.orderItemId === id)?.name ?? ''
      let outcome: ScanOutcomeView
      if (result.kind === 'picked') {
        set({ picks: { ...get().picks, [result.orderItemId]: result.quantity } })
        outcome = {
          tone: 'ok',
          message: result.complete ? 'pickedComplete' : 'picked',
          params: { name: nameOf(result.orderItemId), quantity: result.quantity },
        }
      } else if (result.kind === 'wrongProduct') {
        outcome = { tone: 'error', message: 'wrongProduct', params: { code: scan.code } }
      } else {
        outcome = { tone: 'error', message: 'tooMany', params: { name: nameOf(result.orderItemId), limit: result.limit } }
      }
      set({ outcome })
      return outcome
    },

    pickTyped: (orderItemId, quantity) => set({ picks: { ...get().picks, [orderItemId]: quantity } }),
    carrierTyped: (carrier) => set({ carrier }),
    trackingTyped: (trackingNumber) => set({ trackingNumber }),

    confirmRequested: (rpc) => act(rpc, (orderId) => rpc.call('shipping.confirm', { orderId })),

    shipRequested: async (rpc, belowZero = false) => {
      const { order, picks, carrier, trackingNumber } = get()
      if (!order) return false
      const lines = order.lines
        .filter((l) => decimalOrZero(picks[l.orderItemId] ?? '0').gt(0))
        .map((l) => ({ orderItemId: l.orderItemId, quantity: (picks[l.orderItemId] ?? '0').trim() }))
      set({ belowZeroQuestion: null })
      const done = await act(rpc, (orderId) =>
        rpc.call('shipping.ship', {
          orderId,
          carrier: carrier || null,
          trackingNumber: trackingNumber || null,
          confirmBelowZero: belowZero,
          lines,
        }),
      )
      const error = get().error
      if (!done && error?.issues?.some((i) => i.code === 'BELOW_ZERO_CONFIRM')) {
        set({ belowZeroQuestion: error.message, error: null })
      }
      if (done) set({ picks: {}, trackingNumber: '', outcome: null })
      return done
    },

    belowZeroDeclined: () => set({ belowZeroQuestion: null }),

    deliverRequested: (rpc) => act(rpc, (orderId) => rpc.call('shipping.deliver', { orderId })),

    cancelRequested: async (rpc) => {
      const done = await act(rpc, (orderId) => rpc.call('shipping.cancel', { orderId }))
      if (done) set({ picks: {} })
      return done
    },

    policyRead: async (rpc) => {
      const result = await rpc.call('warehouse.stockPolicy.get', {})
      if (result.ok) set({ policy: result.value.policy, canEditPolicy: result.value.canEdit })
    },

    policyChanged: async (rpc, policy) => {
      const result = await rpc.call('warehouse.stockPolicy.set', { policy })
      if (result.ok) set({ policy: result.value.policy })
      else set({ error: result.error })
    },
  }
})
