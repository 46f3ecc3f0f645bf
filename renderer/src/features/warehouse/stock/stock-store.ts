import { create } from 'zustand'
import type { InventoryStatus, MethodOutput, RpcError } from '../../../../../shared/contract'
import type { RpcClient } from '../../../rpc/client'

/** One product row of the stock status screen. */
export type StockRow = MethodOutput<'stock.status.list'>['rows'][number]

/** One reorder suggestion. */
export type ReorderRow = MethodOutput<'stock.reorder.suggestions'>['rows'][number]

/** Rows per page fetched from the backend; the table is virtualized over the whole total. */
export const STOCK_PAGE_SIZE = 100

interface StockState {
  status: InventoryStatus | null
  search: string
  total: number
  inventoryValue: string
  byStatus: Record<InventoryStatus, number> | null
  /** Loaded pages by index; a page not here is fetched when it scrolls into view. */
  pages: Record<number, StockRow[]>
  error: RpcError | null
  /** Bumped on every new query, so an answer to an older one is dropped. */
  generation: number
  suggestions: ReorderRow[]
  suggestionsTotal: number
  selected: string[]
  creating: boolean
  created: string[]
  reorderError: RpcError | null
  /** The screen opened or the data changed: the first page and the totals are read again. */
  refreshed(rpc: RpcClient): Promise<void>
  /** A status chip was chosen (null: all). */
  statusChosen(rpc: RpcClient, status: InventoryStatus | null): Promise<void>
  /** The search text changed. */
  searched(rpc: RpcClient, search: string): Promise<void>
  /** Rows of a page came into view. */
  pageNeeded(rpc: RpcClient, page: number): Promise<void>
  /** The reorder panel opened or the data changed. */
  suggestionsRequested(rpc: RpcClient): Promise<void>
  /** A suggestion's check box was toggled. */
  suggestionToggled(productId: string): void
  /** "Select all" was toggled. */
  allSuggestionsToggled(): void
  /** The person asked for purchase orders for the selected products. */
  purchaseOrdersRequested(rpc: RpcClient): Promise<boolean>
}

const requested = new Set<string>()

/** Stock status (paged, filtered) and reorder suggestions. */
export const useStock = create<StockState>((set, get) => {
  async function load(rpc: RpcClient, page: number, generation: number) {
    const { status, search } = get()
    const result = await rpc.call('stock.status.list', { status, search, offset: page * STOCK_PAGE_SIZE, limit: STOCK_PAGE_SIZE })
    if (get().generation !== generation) return
    if (!result.ok) return set({ error: result.error })
    set((s) => ({
      error: null,
      total: result.value.total,
      inventoryValue: result.value.inventoryValue,
      byStatus: result.value.byStatus,
      // The first page of a new query replaces whatever an earlier query had loaded.
      pages: page === 0 ? { 0: result.value.rows } : { ...s.pages, [page]: result.value.rows },
    }))
  }

  /**
   * A new query: another filter or search shows nothing until its first page arrives; a
   * refresh of the same query keeps the rows on screen until then (no flicker on every change).
   */
  async function restart(rpc: RpcClient, patch: Partial<StockState>) {
    const generation = get().generation + 1
    requested.clear()
    requested.add(`${generation}:0`)
    set(Object.keys(patch).length > 0 ? { ...patch, generation, pages: {} } : { generation })
    await load(rpc, 0, generation)
  }

  return {
    status: null,
    search: '',
    total: 0,
    inventoryValue: '0',
    byStatus: null,
    pages: {},
    error: null,
    generation: 0,
    suggestions: [],
    suggestionsTotal: 0,
    selected: [],
    creating: false,
    created: [],
    reorderError: null,
    refreshed: (rpc) => restart(rpc, {}),
    statusChosen: (rpc, status) => restart(rpc, { status }),
    // The search box settles on mount and after each pause in typing: only a change re-queries.
    searched: async (rpc, search) => (search === get().search ? undefined : restart(rpc, { search })),
    async pageNeeded(rpc, page) {
      const { generation, pages } = get()
      const key = `${generation}:${page}`
      if (pages[page] || requested.has(key)) return
      requested.add(key)
      await load(rpc, page, generation)
    },
    async suggestionsRequested(rpc) {
      const result = await rpc.call('stock.reorder.suggestions', { offset: 0, limit: 500 })
      if (!result.ok) return set({ reorderError: result.error })
      const ids = new Set(result.value.rows.map((r) => r.productId))
      set((s) => ({
        reorderError: null,
        suggestions: result.value.rows,
        suggestionsTotal: result.value.total,
        selected: s.selected.filter((id) => ids.has(id)),
      }))
    },
    suggestionToggled(productId) {
      set((s) => ({
        selected: s.selected.includes(productId) ? s.selected.filter((id) => id !== productId) : [...s.selected, productId],
      }))
    },
    allSuggestionsToggled() {
      set((s) => ({ selected: s.selected.length === s.suggestions.length ? [] : s.suggestions.map((r) => r.productId) }))
    },
    async purchaseOrdersRequested(rpc) {
      const productIds = get().selected
      if (productIds.length === 0) return false
      set({ creating: true, reorderError: null, created: [] })
      const result = await rpc.call('stock.reorder.createPurchaseOrders', { productIds })
      set({
        creating: false,
        reorderError: result.ok ? null : result.error,
        created: result.ok ? result.value.orders.map((o) => o.orderNumber) : [],
        selected: result.ok ? [] : productIds,
      })
      return result.ok
    },
  }
})
