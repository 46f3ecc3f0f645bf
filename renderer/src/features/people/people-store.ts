import { create } from 'zustand'
import type { MethodInput, MethodOutput, RpcError } from '../../../../shared/contract'
import type { RpcClient } from '../../rpc/client'

/** One person as the administration page lists them. */
export type Person = MethodOutput<'people.list'>[number]

/** Whether email can be sent, and why not. */
export type MailStatus = MethodOutput<'mail.status'>

interface PeopleState {
  people: Person[]
  search: string
  loaded: boolean
  error: RpcError | null
  /** The error of the open form, shown under its fields. */
  formError: RpcError | null
  saving: boolean
  mail: MailStatus | null
  issued: { fullName: string; email: string; code: string; expiresAt: string; isNew: boolean } | null
  emailed: { fullName: string; sentTo: string; expiresAt: string } | null
  /** The page opened or the search changed. */
  searchChanged(rpc: RpcClient, search: string): Promise<void>
  /** Something changed the people (a save here, or another window): the list is read again. */
  refreshed(rpc: RpcClient): Promise<void>
  /** The page wants to know whether "send by email" can be offered. */
  mailStatusRequested(rpc: RpcClient): Promise<void>
  /** The administrator asked for a reset code to tell the person. */
  resetCodeRequested(rpc: RpcClient, person: Person): Promise<void>
  /** The administrator asked for a reset code sent to the person's email. */
  resetCodeEmailRequested(rpc: RpcClient, person: Person): Promise<void>
  /** The administrator closed the code dialog. */
  codeDismissed(): void
  /** The new-person form was submitted; true when the person was created. */
  personSubmitted(rpc: RpcClient, input: MethodInput<'admin.users.create'>): Promise<boolean>
  /** The account part of the edit form was submitted. */
  accountSubmitted(rpc: RpcClient, input: MethodInput<'admin.users.update'>): Promise<boolean>
  /** The employment part of the edit form was submitted. */
  employmentSubmitted(rpc: RpcClient, input: MethodInput<'admin.employees.update'>): Promise<boolean>
  /** The administrator suspended or restored a person's access. */
  accessToggled(rpc: RpcClient, person: Person): Promise<void>
  /** A form was opened or closed: its old error goes. */
  formReset(): void
}

/** People of the organization, for administration. */
export const usePeople = create<PeopleState>((set, get) => {
  /** Runs a change; on success reads the list again, on failure keeps the error for the form. */
  async function change(rpc: RpcClient, run: () => Promise<{ ok: true } | { ok: false; error: RpcError }>): Promise<boolean> {
    set({ saving: true, formError: null })
    const result = await run()
    set({ saving: false, formError: result.ok ? null : result.error })
    if (result.ok) await get().refreshed(rpc)
    return result.ok
  }

  return {
    people: [],
    search: '',
    loaded: false,
    error: null,
    formError: null,
    saving: false,
    mail: null,
    issued: null,
    emailed: null,
    async searchChanged(rpc, search) {
      set({ search })
      await get().refreshed(rpc)
    },
    async refreshed(rpc) {
      const search = get().search
      const result = await rpc.call('people.list', { search: search || undefined })
      // A slower answer to an older search must not replace a newer one.
      if (get().search !== search) return
      set(result.ok ? { people: result.value, error: null, loaded: true } : { error: result.error, loaded: true })
    },
    async mailStatusRequested(rpc) {
      const result = await rpc.call('mail.status', {})
      set({ mail: result.ok ? result.value : null })
    },
    async resetCodeRequested(rpc, person) {
      const result = await rpc.call('users.issueResetCode', { userId: person.userId })
      set(
        result.ok
          ? { issued: { fullName: person.fullName, email: person.email, ...result.value, isNew: false }, error: null }
          : { error: result.error },
      )
    },
    async resetCodeEmailRequested(rpc, person) {
      const result = await rpc.call('users.emailResetCode', { userId: person.userId })
      set(result.ok ? { emailed: { fullName: person.fullName, ...result.value }, error: null } : { error: result.error })
    },
    codeDismissed() {
      set({ issued: null, emailed: null })
    },
    async personSubmitted(rpc, input) {
      return change(rpc, async () => {
        const result = await rpc.call('admin.users.create', input)
        if (result.ok) {
          const fullName = `${input.lastName} ${input.firstName}`.trim()
          set({ issued: { fullName, email: input.email.trim().toLowerCase(), ...result.value, isNew: true } })
        }
        return result
      })
    },
    async accountSubmitted(rpc, input) {
      return change(rpc, () => rpc.call('admin.users.update', input))
    },
    async employmentSubmitted(rpc, input) {
      return change(rpc, () => rpc.call('admin.employees.update', input))
    },
    async accessToggled(rpc, person) {
      const status = person.userStatus === 'active' ? 'suspended' : 'active'
      const result = await rpc.call('admin.users.setStatus', { userId: person.userId, status })
      set({ error: result.ok ? null : result.error })
      if (result.ok) await get().refreshed(rpc)
    },
    formReset() {
      set({ formError: null })
    },
  }
})
