import { beforeEach, describe, expect, it } from 'vitest'
import type { ProductListRow, Result } from '../../../../../shared/contract'
import type { RpcClient } from '../../../rpc/client'
import { useCatalog } from './catalog-store'

const row = (code: string): ProductListRow => ({
  id: `id-${code}`,
  code,
  name: `Товар ${code}`,
  sku: null,
  barcode: null,
  categoryId: null,
  categoryName: null,
  type: 'PRODUCT',
  status: 'ACTIVE',
  unit: 'шт',
  price: '10.00',
  currency: 'KZT',
  onHand: '1.000',
  reserved: '0.000',
  available: '1.000',
  stockStatus: 'IN_STOCK',
})

/** A fake client: answers each method from a function, records the calls. */
function fakeRpc(answer: (method: string, input: Record<string, unknown>) => Promise<Result<unknown>>) {
  const calls: { method: string; input: Record<string, unknown> }[] = []
  const rpc = {
    call: (method: string, input: Record<string, unknown>) => {
      calls.push({ method, input })
      return answer(method, input)
    },
    on: () => () => {},
    onConnectionChange: () => () => {},
    onUnauthenticated: () => () => {},
  } as unknown as RpcClient
  return { rpc, calls }
}

const initial = useCatalog.getState()
beforeEach(() => useCatalog.setState(initial, true))

describe('the catalog store', () => {
  it('reads the next window after the cursor and appends it', async () => {
    const { rpc, calls } = fakeRpc(async (_m, input) =>
      input.after
        ? { ok: true, value: { rows: [row('B')], nextCursor: null, mode: 'browse', exactId: null } }
        : { ok: true, value: { rows: [row('A')], nextCursor: { code: 'A' }, mode: 'browse', exactId: null } },
    )
    await useCatalog.getState().refreshed(rpc)
    await useCatalog.getState().endReached(rpc)
    expect(useCatalog.getState().rows.map((r) => r.code)).toEqual(['A', 'B'])
    expect(calls[1]?.input.after).toEqual({ code: 'A' })
    await useCatalog.getState().endReached(rpc)
    expect(calls).toHaveLength(2)
  })

  it('drops an older answer that arrives after a newer search', async () => {
    let releaseSlow: () => void = () => {}
    const { rpc } = fakeRpc((_m, input) =>
      input.search === 'slow'
        ? new Promise((resolve) => {
            releaseSlow = () =>
              resolve({ ok: true, value: { rows: [row('SLOW')], nextCursor: null, mode: 'fuzzy', exactId: null } })
          })
        : Promise.resolve({ ok: true, value: { rows: [row('FAST')], nextCursor: null, mode: 'fuzzy', exactId: null } }),
    )
    const slow = useCatalog.getState().searchTyped(rpc, 'slow')
    await useCatalog.getState().searchTyped(rpc, 'fast')
    releaseSlow()
    await slow
    expect(useCatalog.getState().rows.map((r) => r.code)).toEqual(['FAST'])
  })

  it('highlights an exact hit, opens a scanned product and keeps an unknown code for assignment', async () => {
    const { rpc } = fakeRpc(async (method, input) => {
      if (method === 'catalog.lookup')
        return {
          ok: true,
          value:
            input.code === '4870000000017' ? { product: row('X'), matchedBy: 'barcode' } : { product: null, matchedBy: null },
        }
      return { ok: true, value: { rows: [row('A'), row('X')], nextCursor: null, mode: 'exact', exactId: 'id-X' } }
    })
    await useCatalog.getState().searchTyped(rpc, 'X')
    expect(useCatalog.getState().activeIndex).toBe(1)
    expect(await useCatalog.getState().scanned(rpc, '4870000000017')).toBe('opened')
    expect(useCatalog.getState().openProductId).toBe('id-X')
    expect(await useCatalog.getState().scanned(rpc, ' 4870000000024 ')).toBe('unknown')
    expect(useCatalog.getState().unknownCode).toBe('4870000000024')
  })
})
