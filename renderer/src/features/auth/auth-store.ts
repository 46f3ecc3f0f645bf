import { create } from 'zustand'
import type { MethodOutput, RpcError } from '../../../../shared/contract'
import type { RpcClient } from '../../rpc/client'

type Status = MethodOutput<'auth.status'>

interface AuthState {
  status: Status | null
  error: RpcError | null
  busy: boolean
  /** The app needs to know who is signed in (start, after setup, after a refused call). */
  statusRequested(rpc: RpcClient): Promise<void>
  /** The person submitted the sign-in form. */
  signInSubmitted(rpc: RpcClient, email: string, password: string): Promise<void>
  /** The person submitted the unlock form. */
  unlockSubmitted(rpc: RpcClient, password: string): Promise<void>
  /** The person chose to lock the screen, or stayed away too long. */
  lockRequested(rpc: RpcClient): Promise<void>
  /** The person signed out, or chose to switch to someone else. */
  signOutRequested(rpc: RpcClient): Promise<void>
}

/** Who is signed in on this window, and whether the session is locked. */
export const useAuth = create<AuthState>((set, get) => ({
  status: null,
  error: null,
  busy: false,
  async statusRequested(rpc) {
    const result = await rpc.call('auth.status', {})
    set(result.ok ? { status: result.value } : { error: result.error })
  },
  async signInSubmitted(rpc, email, password) {
    set({ busy: true, error: null })
    const result = await rpc.call('auth.signIn', { email, password })
    set({ busy: false, error: result.ok ? null : result.error })
    if (result.ok) await get().statusRequested(rpc)
  },
  async unlockSubmitted(rpc, password) {
    set({ busy: true, error: null })
    const result = await rpc.call('auth.unlock', { password })
    set({ busy: false, error: result.ok ? null : result.error })
    if (result.ok) await get().statusRequested(rpc)
  },
  async lockRequested(rpc) {
    await rpc.call('auth.lock', {})
    await get().statusRequested(rpc)
  },
  async signOutRequested(rpc) {
    await rpc.call('auth.signOut', {})
    set({ error: null })
    await get().statusRequested(rpc)
  },
}))
