import { create } from 'zustand'
import type { MethodOutput, RpcError } from '../../../../../shared/contract'
import type { RpcClient } from '../../../rpc/client'

/** One return as listed. */
export type ReturnSummary = MethodOutput<'stock.returns.list'>[number]
/** A sales order found to return goods against. */
export type ReturnableOrder = MethodOutput<'stock.returns.findOrder'>

interface ReturnsState {
  returns: ReturnSummary[]
  order: ReturnableOrder | null
  error: RpcError | null
  busy: boolean
  posted: string | null
  refreshed(rpc: RpcClient): Promise<void>
  /** The clerk typed or scanned a sales order number. */
  orderSearched(rpc: RpcClient, orderNumber: string): Promise<void>
  /**
   * The return of these quantities per order line is recorded and received into stock: two
   * steps of the return's flow (pending, then delivered), each one transaction.
   */
  returnPosted(rpc: RpcClient, quantities: Record<string, string>): Promise<boolean>
  /** A pending return (its receipt failed before) is received now. */
  receiveRequested(rpc: RpcClient, orderId: string): Promise<void>
}

/** Customer returns of this workspace. */
export const useReturns = create<ReturnsState>((set, get) => ({
  returns: [],
  order: null,
  error: null,
  busy: false,
  posted: null,
  async refreshed(rpc) {
    const result = await rpc.call('stock.returns.list', {})
    if (result.ok) set({ returns: result.value })
  },
  async orderSearched(rpc, orderNumber) {
    set({ busy: true, error: null, posted: null })
    const result = await rpc.call('stock.returns.findOrder', { orderNumber })
    set({ busy: false, ...(result.ok ? { order: result.value } : { order: null, error: result.error }) })
  },
  async returnPosted(rpc, quantities) {
    const order = get().order
    if (!order) return false
    const lines = order.lines
      .filter((l) => /[1-9]/.test(quantities[l.orderItemId] ?? ''))
      .map((l) => ({ productId: l.productId, quantity: quantities[l.orderItemId]!, originalItemId: l.orderItemId }))
    set({ busy: true, error: null, posted: null })
    const created = await rpc.call('stock.returns.create', { originalOrderId: order.orderId, lines })
    if (!created.ok) {
      set({ busy: false, error: created.error })
      return false
    }
    const received = await rpc.call('stock.returns.receive', { orderId: created.value.orderId })
    set({
      busy: false,
      ...(received.ok ? { posted: created.value.orderNumber, order: null } : { error: received.error }),
    })
    await get().refreshed(rpc)
    return received.ok
  },
  async receiveRequested(rpc, orderId) {
    set({ busy: true, error: null })
    const result = await rpc.call('stock.returns.receive', { orderId })
    set({ busy: false, error: result.ok ? null : result.error })
    await get().refreshed(rpc)
  },
}))
