import { beforeEach, describe, expect, it } from 'vitest'
import type { Result } from '../../../../../shared/contract'
import type { RpcClient } from '../../../rpc/client'
import { type CountDetail, useCounts } from './counts-store'

const count = { id: 'c1', countNumber: 'T-CNT-000001', status: 'counting', lines: [], totals: null } as unknown as CountDetail

beforeEach(() => useCounts.setState({ current: count, counts: [], error: null, busy: false }))

describe('the counts store', () => {
  it('keeps a refused submission on screen after the reload that follows it', async () => {
    const refusal = { code: 'CONFLICT', message: 'Не посчитано позиций: 1 (первая — «Гайка М8»)' } as const
    const answers: Record<string, Result<unknown>> = {
      'stock.counts.submit': { ok: false, error: refusal },
      'stock.counts.list': { ok: true, value: [] },
      'stock.counts.get': { ok: true, value: count },
    }
    const rpc = { call: async (method: string) => answers[method] } as unknown as RpcClient
    expect(await useCounts.getState().transitionRequested(rpc, 'submit')).toBe(false)
    expect(useCounts.getState().error).toEqual(refusal)
  })
})
