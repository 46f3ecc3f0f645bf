import { create } from 'zustand'
import type { EventPayload, MethodInput, MethodOutput, RpcError } from '../../../../shared/contract'
import type { RpcClient } from '../../rpc/client'

type Status = MethodOutput<'setup.status'>

interface SetupState {
  status: Status | null
  error: RpcError | null
  /** A refused standalone-company form, with the fields to fix. */
  formError: RpcError | null
  creating: boolean
  progress: EventPayload<'task.progress'> | null
  /** Connecting to head office: the download's progress and a refusal to show. */
  connecting: boolean
  connectProgress: EventPayload<'task.progress'> | null
  connectError: RpcError | null
  /** The person sent the head-office address and enrollment code. */
  connectSubmitted(rpc: RpcClient, input: MethodInput<'setup.connectToHeadOffice'>): Promise<void>
  /** The app started or came back online: is there a company yet? */
  statusRequested(rpc: RpcClient): Promise<void>
  /** The person chose the demo company on the welcome page. */
  demoCompanyChosen(rpc: RpcClient): Promise<void>
  /** The person submitted the standalone-company form. */
  standaloneSubmitted(rpc: RpcClient, input: MethodInput<'setup.createStandaloneCompany'>): Promise<void>
  /** The backend reported progress of a long task. */
  progressReported(progress: EventPayload<'task.progress'>): void
}

/** First-run state: whether this terminal has a company, and the demo company being made. */
export const useSetup = create<SetupState>((set) => ({
  status: null,
  error: null,
  formError: null,
  creating: false,
  progress: null,
  connecting: false,
  connectProgress: null,
  connectError: null,
  async connectSubmitted(rpc, input) {
    set({ connecting: true, connectError: null, connectProgress: null })
    const result = await rpc.call('setup.connectToHeadOffice', input)
    if (!result.ok) return set({ connecting: false, connectError: result.error })
    const status = await rpc.call('setup.status', {})
    set({
      connecting: false,
      connectProgress: null,
      status: status.ok ? status.value : null,
      error: status.ok ? null : status.error,
    })
  },
  async statusRequested(rpc) {
    const result = await rpc.call('setup.status', {})
    set(result.ok ? { status: result.value, error: null } : { error: result.error })
  },
  async demoCompanyChosen(rpc) {
    set({ creating: true, error: null, progress: null })
    const result = await rpc.call('setup.createDemoCompany', { scale: 'small' })
    if (!result.ok) return set({ creating: false, error: result.error })
    const status = await rpc.call('setup.status', {})
    set({ creating: false, progress: null, status: status.ok ? status.value : null, error: status.ok ? null : status.error })
  },
  async standaloneSubmitted(rpc, input) {
    set({ creating: true, formError: null })
    const result = await rpc.call('setup.createStandaloneCompany', input)
    if (!result.ok) return set({ creating: false, formError: result.error })
    const status = await rpc.call('setup.status', {})
    set({ creating: false, status: status.ok ? status.value : null, error: status.ok ? null : status.error })
  },
  progressReported(progress) {
    if (progress.task === 'demo-company') set({ progress })
    if (progress.task === 'bootstrap') set({ connectProgress: progress })
  },
}))
