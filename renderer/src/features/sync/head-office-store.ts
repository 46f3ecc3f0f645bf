import { create } from 'zustand'
import type { MethodOutput, RpcError } from '../../../../shared/contract'
import type { RpcClient } from '../../rpc/client'

interface HeadOfficeState {
  terminals: MethodOutput<'sync.admin.terminals'>
  refused: MethodOutput<'sync.admin.quarantine'>
  error: RpcError | null
  /** The panel opened, or something changed: both lists again from head office. */
  listsRequested(rpc: RpcClient): Promise<void>
  /** The admin confirmed revoking a terminal. */
  revokeChosen(rpc: RpcClient, terminalId: string): Promise<void>
}

/** Head-office administration: the organization's terminals and what head office refused. */
export const useHeadOffice = create<HeadOfficeState>((set, get) => ({
  terminals: [],
  refused: [],
  error: null,
  async listsRequested(rpc) {
    const [list, quarantine] = await Promise.all([rpc.call('sync.admin.terminals', {}), rpc.call('sync.admin.quarantine', {})])
    if (!list.ok) return set({ error: list.error })
    if (!quarantine.ok) return set({ error: quarantine.error })
    set({ error: null, terminals: list.value, refused: quarantine.value })
  },
  async revokeChosen(rpc, terminalId) {
    const result = await rpc.call('sync.admin.revokeTerminal', { terminalId })
    if (!result.ok) return set({ error: result.error })
    await get().listsRequested(rpc)
  },
}))
