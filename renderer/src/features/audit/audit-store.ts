import { create } from 'zustand'
import type { MethodInput, MethodOutput, RpcError } from '../../../../shared/contract'
import type { RpcClient } from '../../rpc/client'

type Entry = MethodOutput<'audit.list'>['entries'][number]
type Filters = Omit<MethodInput<'audit.list'>, 'after' | 'limit'>

interface AuditState {
  filters: Filters
  entries: Entry[]
  next: MethodOutput<'audit.list'>['next']
  error: RpcError | null
  loading: boolean
  /** The person changed a filter (or opened the page): the list starts again. */
  filtersChanged(rpc: RpcClient, filters: Filters): Promise<void>
  /** The person asked for older entries. */
  moreRequested(rpc: RpcClient): Promise<void>
  exporting: boolean
  /** The person asked for the filtered trail as a CSV file (it is saved as a download). */
  exportRequested(rpc: RpcClient): Promise<void>
}

/** The audit page's list, filters and paging. */
export const useAudit = create<AuditState>((set, get) => ({
  filters: {},
  entries: [],
  next: null,
  error: null,
  loading: false,
  exporting: false,
  async exportRequested(rpc) {
    set({ exporting: true })
    const result = await rpc.call('audit.export', get().filters)
    if (!result.ok) return set({ exporting: false, error: result.error })
    const url = URL.createObjectURL(new Blob([result.value.csv], { type: 'text/csv;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = result.value.fileName
    link.click()
    URL.revokeObjectURL(url)
    set({ exporting: false, error: null })
  },
  async filtersChanged(rpc, filters) {
    set({ filters, loading: true })
    const result = await rpc.call('audit.list', { ...filters, limit: 50 })
    set(
      result.ok
        ? { loading: false, error: null, entries: result.value.entries, next: result.value.next }
        : { loading: false, error: result.error },
    )
  },
  async moreRequested(rpc) {
    const { filters, next, entries } = get()
    if (!next) return
    set({ loading: true })
    const result = await rpc.call('audit.list', { ...filters, limit: 50, after: next })
    set(
      result.ok
        ? { loading: false, error: null, entries: [...entries, ...result.value.entries], next: result.value.next }
        : { loading: false, error: result.error },
    )
  },
}))
