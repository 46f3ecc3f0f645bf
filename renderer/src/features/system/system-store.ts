import { create } from 'zustand'
import type { MethodOutput, RpcError } from '../../../../shared/contract'
import type { RpcClient } from '../../rpc/client'

interface SystemState {
  info: MethodOutput<'system.info'> | null
  health: MethodOutput<'system.health'> | null
  error: RpcError | null
  loading: boolean
  /** The page opened or the person asked for fresh figures. */
  refreshRequested(rpc: RpcClient): Promise<void>
}

/** The About / System page's figures, fetched from the backend. */
export const useSystemStore = create<SystemState>((set) => ({
  info: null,
  health: null,
  error: null,
  loading: false,
  async refreshRequested(rpc) {
    set({ loading: true })
    const [info, health] = await Promise.all([rpc.call('system.info', {}), rpc.call('system.health', {})])
    if (!info.ok) return set({ loading: false, error: info.error })
    if (!health.ok) return set({ loading: false, error: health.error })
    set({ loading: false, error: null, info: info.value, health: health.value })
  },
}))
