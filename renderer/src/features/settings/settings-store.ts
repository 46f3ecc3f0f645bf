import { create } from 'zustand'
import type { MethodInput, MethodOutput, RpcError } from '../../../../shared/contract'
import type { RpcClient } from '../../rpc/client'

/** The organization's settings as the Settings tab shows them. */
export type OrganizationSettings = MethodOutput<'settings.get'>

/** Which part of the page an answer belongs to, so each shows its own errors. */
type Part = 'security' | 'smtp' | 'test'

interface SettingsState {
  settings: OrganizationSettings | null
  error: RpcError | null
  /** The last failure of each part, shown beside it. */
  errors: Partial<Record<Part, RpcError>>
  busy: Part | null
  testSentTo: string | null
  /** The tab opened, or a save finished: the settings are read again. */
  refreshed(rpc: RpcClient): Promise<void>
  /** The lock time was submitted; true when saved. */
  lockSubmitted(rpc: RpcClient, lockAfterMinutes: number): Promise<boolean>
  /** The SMTP form was submitted; true when saved. */
  smtpSubmitted(rpc: RpcClient, input: MethodInput<'settings.smtp.update'>): Promise<boolean>
  /** The administrator turned email off; true when done. */
  smtpCleared(rpc: RpcClient): Promise<boolean>
  /** The administrator asked for a test email. */
  testRequested(rpc: RpcClient, to: string): Promise<void>
}

/** The Settings tab: inactivity lock and the SMTP server. */
export const useSettings = create<SettingsState>((set, get) => {
  async function run(part: Part, rpc: RpcClient, call: () => Promise<{ ok: true } | { ok: false; error: RpcError }>) {
    set((s) => ({ busy: part, errors: { ...s.errors, [part]: undefined }, testSentTo: part === 'test' ? null : s.testSentTo }))
    const result = await call()
    set((s) => ({ busy: null, errors: { ...s.errors, [part]: result.ok ? undefined : result.error } }))
    if (result.ok && part !== 'test') await get().refreshed(rpc)
    return result.ok
  }

  return {
    settings: null,
    error: null,
    errors: {},
    busy: null,
    testSentTo: null,
    async refreshed(rpc) {
      const result = await rpc.call('settings.get', {})
      set(result.ok ? { settings: result.value, error: null } : { error: result.error })
    },
    lockSubmitted: (rpc, lockAfterMinutes) =>
      run('security', rpc, () => rpc.call('settings.security.update', { lockAfterMinutes })),
    smtpSubmitted: (rpc, input) => run('smtp', rpc, () => rpc.call('settings.smtp.update', input)),
    smtpCleared: (rpc) => run('smtp', rpc, () => rpc.call('settings.smtp.clear', {})),
    async testRequested(rpc, to) {
      await run('test', rpc, async () => {
        const result = await rpc.call('settings.smtp.test', { to })
        if (result.ok) set({ testSentTo: result.value.sentTo })
        return result
      })
    },
  }
})
