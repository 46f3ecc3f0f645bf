import { beforeEach, describe, expect, it } from 'vitest'
import type { MethodName, Result } from '../../../../../shared/contract'
import type { RpcClient } from '../../../rpc/client'
import { useStock } from './stock-store'

/** A backend answering stock.status.list from a script of pending answers, in order of calls. */
function scriptedRpc() {
  const calls: { input: unknown; answer: (rows: string[]) => void }[] = []
  const rpc = {
    call: (method: MethodName, input: unknown) =>
      new Promise<Result<unknown>>((resolve) => {
        expect(method).toBe('stock.status.list')
        calls.push({
          input,
          answer: (ids) =>
            resolve({
              ok: true,
              value: {
                rows: ids.map((id) => ({ id })),
                total: ids.length,
                inventoryValue: '0',
                byStatus: { OUT_OF_STOCK: 0, LOW_STOCK: 0, REORDER_NEEDED: 0, IN_STOCK: ids.length },
              },
            }),
        })
      }),
  } as unknown as RpcClient
  return { rpc, calls }
}

beforeEach(() => useStock.setState({ status: null, search: '', pages: {}, generation: 0, total: 0 }))

describe('the stock status store', () => {
  it('drops the answer to an older query when a newer one was asked', async () => {
    const { rpc, calls } = scriptedRpc()
    const all = useStock.getState().refreshed(rpc)
    const inStock = useStock.getState().statusChosen(rpc, 'IN_STOCK')
    calls[1]!.answer(['in-stock'])
    calls[0]!.answer(['stale'])
    await Promise.all([all, inStock])
    expect(useStock.getState().pages[0]!.map((r) => r.id)).toEqual(['in-stock'])
  })

  it('keeps the rows on screen while a refresh of the same query runs, and does not re-query an unchanged search', async () => {
    const { rpc, calls } = scriptedRpc()
    const first = useStock.getState().refreshed(rpc)
    calls[0]!.answer(['a'])
    await first
    const again = useStock.getState().refreshed(rpc)
    expect(useStock.getState().pages[0]!.map((r) => r.id)).toEqual(['a'])
    await useStock.getState().searched(rpc, '')
    expect(calls).toHaveLength(2)
    calls[1]!.answer(['b'])
    await again
    expect(useStock.getState().pages[0]!.map((r) => r.id)).toEqual(['b'])
  })
})
