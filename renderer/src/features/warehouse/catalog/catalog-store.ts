import { create } from 'zustand'
import type { MethodInput, MethodOutput, ProductListRow, RpcError } from '../../../../../shared/contract'
import type { RpcClient } from '../../../rpc/client'

/** The list's filters (all optional: none means the whole catalog). */
export type CatalogFilters = Pick<MethodInput<'catalog.products.list'>, 'categoryId' | 'type' | 'status' | 'stockStatus'>

/** A category as listed. */
export type Category = MethodOutput<'catalog.categories.list'>[number]

/** Rows read per request: a window of the list, several screens tall. */
export const PAGE_SIZE = 100

/** What the catalog screen shows and what happened last. */
interface CatalogState {
  search: string
  filters: CatalogFilters
  rows: ProductListRow[]
  /** Where the next page starts; null when the list is complete. */
  nextCursor: MethodOutput<'catalog.products.list'>['nextCursor']
  mode: MethodOutput<'catalog.products.list'>['mode']
  loading: boolean
  error: RpcError | null
  /** The row the keyboard is on (highlighted). */
  activeIndex: number
  /** Products ticked for printing labels. */
  selected: string[]
  /** The product whose card is open. */
  openProductId: string | null
  /** A scanned code that matched nothing, waiting to be assigned or dismissed. */
  unknownCode: string | null
  categories: Category[]
  /** Bumped on every new query, so an older answer arriving late is dropped. */
  generation: number

  /** The search text changed (typed or pasted): the list is read again. */
  searchTyped(rpc: RpcClient, search: string): Promise<void>
  /** A filter changed. */
  filtersChanged(rpc: RpcClient, patch: Partial<CatalogFilters>): Promise<void>
  /** The list scrolled near its end: the next window is read. */
  endReached(rpc: RpcClient): Promise<void>
  /** Something changed in the data (an edit here or a sync): the list is read from the top again. */
  refreshed(rpc: RpcClient): Promise<void>
  /**
   * A code was scanned or entered with Enter: an exact match opens its card, an unknown
   * barcode is offered for assignment. Answers what happened.
   */
  scanned(rpc: RpcClient, code: string): Promise<'opened' | 'unknown' | 'error'>
  /** The keyboard moved the highlight. */
  activeMoved(index: number): void
  productOpened(id: string | null): void
  selectionToggled(id: string): void
  selectionCleared(): void
  unknownDismissed(): void
  categoriesRefreshed(rpc: RpcClient): Promise<void>
}

/** True when a code looks like a barcode (digits of a GTIN length), not a name to search for. */
export function looksLikeBarcode(code: string): boolean {
  return /^\d{8}$|^\d{12,14}$/.test(code.trim())
}

/** The catalog screen's state: search, filters, the loaded windows of the list, the open card. */
export const useCatalog = create<CatalogState>((set, get) => {
  async function load(rpc: RpcClient, append: boolean) {
    const state = get()
    const generation = append ? state.generation : state.generation + 1
    set({ loading: true, generation, ...(append ? {} : { error: null }) })
    const search = state.search.trim()
    const result = await rpc.call('catalog.products.list', {
      ...state.filters,
      search: search || undefined,
      after: append ? (state.nextCursor ?? undefined) : undefined,
      limit: PAGE_SIZE,
    })
    if (get().generation !== generation) return
    if (!result.ok) {
      set({ loading: false, error: result.error })
      return
    }
    const { rows, nextCursor, mode, exactId } = result.value
    const all = append ? [...get().rows, ...rows] : rows
    set({
      loading: false,
      rows: all,
      nextCursor,
      mode,
      activeIndex: append
        ? get().activeIndex
        : exactId
          ? Math.max(
              0,
              all.findIndex((r) => r.id === exactId),
            )
          : 0,
    })
  }

  return {
    search: '',
    filters: {},
    rows: [],
    nextCursor: null,
    mode: 'browse',
    loading: false,
    error: null,
    activeIndex: 0,
    selected: [],
    openProductId: null,
    unknownCode: null,
    categories: [],
    generation: 0,

    async searchTyped(rpc, search) {
      set({ search })
      await load(rpc, false)
    },
    async filtersChanged(rpc, patch) {
      set({ filters: { ...get().filters, ...patch } })
      await load(rpc, false)
    },
    async endReached(rpc) {
      const { nextCursor, loading } = get()
      if (!nextCursor || loading) return
      await load(rpc, true)
    },
    async refreshed(rpc) {
      await load(rpc, false)
    },
    async scanned(rpc, code) {
      const result = await rpc.call('catalog.lookup', { code })
      if (!result.ok) {
        set({ error: result.error })
        return 'error'
      }
      const product = result.value.product
      if (product) {
        set({ openProductId: product.id, unknownCode: null })
        return 'opened'
      }
      set({ unknownCode: code.trim() })
      return 'unknown'
    },
    activeMoved(index) {
      const max = get().rows.length - 1
      set({ activeIndex: Math.max(0, Math.min(max, index)) })
    },
    productOpened(id) {
      set({ openProductId: id })
    },
    selectionToggled(id) {
      const selected = get().selected
      set({ selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id] })
    },
    selectionCleared() {
      set({ selected: [] })
    },
    unknownDismissed() {
      set({ unknownCode: null })
    },
    async categoriesRefreshed(rpc) {
      const result = await rpc.call('catalog.categories.list', {})
      if (result.ok) set({ categories: result.value })
    },
  }
})
