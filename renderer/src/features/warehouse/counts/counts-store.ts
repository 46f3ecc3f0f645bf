import { create } from 'zustand'
import type { MethodInput, MethodOutput, RpcError } from '../../../../../shared/contract'
import type { RpcClient } from '../../../rpc/client'

/** One count in the list. */
export type CountSummary = MethodOutput<'stock.counts.list'>[number]
/** An open count with its lines. */
export type CountDetail = MethodOutput<'stock.counts.get'>
/** A product category to count. */
export type Category = MethodOutput<'stock.categories.list'>[number]

/** What the last scan did, for the clerk's feedback. */
export type ScanFeedback = { kind: 'ok'; name: string; quantity: string } | { kind: 'error'; message: string }

interface CountsState {
  counts: CountSummary[]
  categories: Category[]
  current: CountDetail | null
  lastScan: ScanFeedback | null
  error: RpcError | null
  busy: boolean
  /** Adjustments the last approval posted (shown once after approving). */
  approvedMovements: number | null
  /** The tab opened or something changed: the list (and the open count) are read again. */
  refreshed(rpc: RpcClient): Promise<void>
  /** The new-count form opened: categories are read. */
  categoriesRequested(rpc: RpcClient): Promise<void>
  /** The clerk started a count; true when created (it opens). */
  countCreated(rpc: RpcClient, input: MethodInput<'stock.counts.create'>): Promise<boolean>
  /**
   * The clerk listed products by code (scanned or typed, one per line) for a list count: each
   * is looked up; the first unknown code is the error and nothing is created.
   */
  listCountCreated(rpc: RpcClient, codes: string[]): Promise<boolean>
  /** A count was opened from the list. */
  countOpened(rpc: RpcClient, countId: string): Promise<void>
  /** Back to the list. */
  countClosed(): void
  /** A code was scanned (with a quantity, 1 by default); false when refused. */
  scanned(rpc: RpcClient, code: string, quantity: string): Promise<boolean>
  /** The clerk corrected an item's quantity. */
  quantityCorrected(rpc: RpcClient, lineId: string, quantity: string): Promise<boolean>
  /** The clerk confirmed items are not there. */
  notFoundConfirmed(rpc: RpcClient, lineIds: string[]): Promise<void>
  /** Submit, approve or cancel the open count. */
  transitionRequested(rpc: RpcClient, action: 'submit' | 'approve' | 'cancel'): Promise<boolean>
}

/** Stock counts of this workspace: list, the open count, scanning. */
export const useCounts = create<CountsState>((set, get) => {
  async function reload(rpc: RpcClient) {
    const current = get().current
    const [list, detail] = await Promise.all([
      rpc.call('stock.counts.list', {}),
      current ? rpc.call('stock.counts.get', { countId: current.id }) : Promise.resolve(null),
    ])
    const readError = !list.ok ? list.error : detail && !detail.ok ? detail.error : null
    // A refusal of the action that caused this reload stays on screen; a failed read replaces it.
    set({
      counts: list.ok ? list.value : get().counts,
      current: detail?.ok ? detail.value : get().current,
      ...(readError ? { error: readError } : {}),
    })
  }

  return {
    counts: [],
    categories: [],
    current: null,
    lastScan: null,
    error: null,
    busy: false,
    approvedMovements: null,
    refreshed: reload,
    async categoriesRequested(rpc) {
      const result = await rpc.call('stock.categories.list', {})
      if (result.ok) set({ categories: result.value })
    },
    async countCreated(rpc, input) {
      set({ busy: true, error: null })
      const result = await rpc.call('stock.counts.create', input)
      set({ busy: false, error: result.ok ? null : result.error })
      if (!result.ok) return false
      await get().countOpened(rpc, result.value.countId)
      return true
    },
    async listCountCreated(rpc, codes) {
      set({ busy: true, error: null })
      const productIds: string[] = []
      for (const code of codes) {
        const found = await rpc.call('stock.products.lookup', { code })
        if (!found.ok) {
          set({ busy: false, error: found.error })
          return false
        }
        productIds.push(found.value.productId)
      }
      set({ busy: false })
      return get().countCreated(rpc, { scope: 'products', productIds })
    },
    async countOpened(rpc, countId) {
      const result = await rpc.call('stock.counts.get', { countId })
      set(result.ok ? { current: result.value, error: null, lastScan: null, approvedMovements: null } : { error: result.error })
    },
    countClosed() {
      set({ current: null, lastScan: null, error: null })
    },
    async scanned(rpc, code, quantity) {
      const current = get().current
      if (!current) return false
      const result = await rpc.call('stock.counts.scan', { countId: current.id, code, quantity })
      set({
        lastScan: result.ok
          ? { kind: 'ok', name: result.value.name, quantity: result.value.countedQuantity }
          : { kind: 'error', message: result.error.message },
      })
      if (result.ok) await reload(rpc)
      return result.ok
    },
    async quantityCorrected(rpc, lineId, quantity) {
      const current = get().current
      if (!current) return false
      const result = await rpc.call('stock.counts.setQuantity', { countId: current.id, lineId, quantity })
      set({ error: result.ok ? null : result.error })
      if (result.ok) await reload(rpc)
      return result.ok
    },
    async notFoundConfirmed(rpc, lineIds) {
      const current = get().current
      if (!current || lineIds.length === 0) return
      const result = await rpc.call('stock.counts.markNotFound', { countId: current.id, lineIds })
      set({ error: result.ok ? null : result.error })
      if (result.ok) await reload(rpc)
    },
    async transitionRequested(rpc, action) {
      const current = get().current
      if (!current) return false
      set({ busy: true, error: null })
      const input = { countId: current.id }
      let result
      if (action === 'approve') {
        const approved = await rpc.call('stock.counts.approve', input)
        if (approved.ok) set({ approvedMovements: approved.value.movements })
        result = approved
      } else result = await rpc.call(action === 'submit' ? 'stock.counts.submit' : 'stock.counts.cancel', input)
      set({ busy: false, error: result.ok ? null : result.error })
      await reload(rpc)
      return result.ok
    },
  }
})
