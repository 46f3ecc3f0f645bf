import { create } from 'zustand'
import type { EventPayload, MethodInput, MethodOutput, RpcError } from '../../../../shared/contract'
import type { RpcClient } from '../../rpc/client'

type Status = MethodOutput<'sync.status'>
type Quarantined = MethodOutput<'sync.quarantine.list'>[number]
type Conflict = MethodOutput<'sync.conflicts.list'>[number]

interface SyncState {
  status: Status | null
  quarantine: Quarantined[]
  conflicts: Conflict[]
  error: RpcError | null
  /** A cycle the person asked for is running. */
  syncing: boolean
  /** The last "sync now" result, for a short confirmation. */
  lastCycle: MethodOutput<'sync.now'> | null
  /** The app opened, or the Sync page did: read the status. */
  statusRequested(rpc: RpcClient): Promise<void>
  /** The backend reported a change of the sync state. */
  statusReported(payload: EventPayload<'sync.status'>): void
  /** The person pressed "Sync now". */
  syncRequested(rpc: RpcClient): Promise<void>
  /** The Sync page opened or something changed: quarantine and conflicts again. */
  listsRequested(rpc: RpcClient): Promise<void>
  discardChosen(rpc: RpcClient, txSeq: number): Promise<void>
  /** The person fixed a refused transaction's values and sent it again. */
  retrySubmitted(rpc: RpcClient, input: MethodInput<'sync.quarantine.retry'>): Promise<RpcError | null>
  conflictResolved(rpc: RpcClient, id: string, choice: 'keepTheirs' | 'restoreMine'): Promise<void>
}

/** Sync status for the header indicator, and the Sync page's quarantine and conflicts. */
export const useSync = create<SyncState>((set, get) => ({
  status: null,
  quarantine: [],
  conflicts: [],
  error: null,
  syncing: false,
  lastCycle: null,
  async statusRequested(rpc) {
    const result = await rpc.call('sync.status', {})
    if (result.ok) set({ status: result.value })
  },
  statusReported(payload) {
    const status = get().status
    if (status) set({ status: { ...status, ...payload } })
  },
  async syncRequested(rpc) {
    set({ syncing: true, error: null })
    const result = await rpc.call('sync.now', {})
    set(result.ok ? { syncing: false, lastCycle: result.value } : { syncing: false, error: result.error })
    await Promise.all([get().statusRequested(rpc), get().listsRequested(rpc)])
  },
  async listsRequested(rpc) {
    const [quarantine, conflicts] = await Promise.all([rpc.call('sync.quarantine.list', {}), rpc.call('sync.conflicts.list', {})])
    if (!quarantine.ok) return set({ error: quarantine.error })
    if (!conflicts.ok) return set({ error: conflicts.error })
    set({ quarantine: quarantine.value, conflicts: conflicts.value })
  },
  async discardChosen(rpc, txSeq) {
    const result = await rpc.call('sync.quarantine.discard', { txSeq })
    if (!result.ok) set({ error: result.error })
    await Promise.all([get().statusRequested(rpc), get().listsRequested(rpc)])
  },
  async retrySubmitted(rpc, input) {
    const result = await rpc.call('sync.quarantine.retry', input)
    if (!result.ok) return result.error
    await Promise.all([get().statusRequested(rpc), get().listsRequested(rpc)])
    return null
  },
  async conflictResolved(rpc, id, choice) {
    const result = await rpc.call('sync.conflicts.resolve', { id, choice })
    if (!result.ok) set({ error: result.error })
    await Promise.all([get().statusRequested(rpc), get().listsRequested(rpc)])
  },
}))
