import { create } from 'zustand'
import type { MethodOutput, RpcError } from '../../../../shared/contract'
import type { RpcClient } from '../../rpc/client'

type Person = MethodOutput<'people.list'>[number]

interface PeopleState {
  people: Person[]
  error: RpcError | null
  issued: { fullName: string; email: string; code: string; expiresAt: string } | null
  /** The page opened or the search changed. */
  searchChanged(rpc: RpcClient, search: string): Promise<void>
  /** The administrator asked for a reset code for one person. */
  resetCodeRequested(rpc: RpcClient, person: Person): Promise<void>
  /** The administrator closed the code dialog. */
  codeDismissed(): void
}

/** People of the organization, for administration. */
export const usePeople = create<PeopleState>((set) => ({
  people: [],
  error: null,
  issued: null,
  async searchChanged(rpc, search) {
    const result = await rpc.call('people.list', { search: search || undefined })
    set(result.ok ? { people: result.value, error: null } : { error: result.error })
  },
  async resetCodeRequested(rpc, person) {
    const result = await rpc.call('users.issueResetCode', { userId: person.userId })
    set(
      result.ok
        ? { issued: { fullName: person.fullName, email: person.email, ...result.value }, error: null }
        : { error: result.error },
    )
  },
  codeDismissed() {
    set({ issued: null })
  },
}))
