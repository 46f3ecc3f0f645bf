import { beforeEach, describe, expect, it } from 'vitest'
import type { MethodInput, MethodName, MethodOutput, Result } from '../../../../../shared/contract'
import type { RpcClient } from '../../../rpc/client'
import { useReceiving } from './receiving-store'

const bolt = { id: 'p-bolt', code: 'BOLT', name: 'Болт М8', unit: 'шт', barcode: '4870001000018', status: 'ACTIVE', cost: '10' }
const nut = { id: 'p-nut', code: 'NUT', name: 'Гайка М8', unit: 'шт', barcode: '4870001000025', status: 'ACTIVE', cost: '2' }
const old = { ...bolt, id: 'p-old', code: 'OLD', name: 'Снятый', barcode: '4870001000032', status: 'DISCONTINUED' }

/** A backend double answering the receiving calls from fixed data, and recording what was posted. */
function fakeRpc(posted: MethodInput<'receiving.post'>[] = []): RpcClient {
  const answers: Partial<{ [M in MethodName]: (input: MethodInput<M>) => MethodOutput<M> }> = {
    'receiving.findProduct': ({ code }) => [bolt, nut, old].find((p) => p.barcode === code || p.code === code) ?? null,
    'receiving.openPurchaseOrders': () => [
      {
        id: 'po',
        orderNumber: 'PO-1',
        status: 'confirmed',
        orderDate: '2026-11-20',
        supplierId: 's',
        supplierName: 'ТОО Метиз',
        lineCount: 1,
      },
    ],
    'receiving.suppliers': () => [{ id: 's', name: 'ТОО Метиз', code: 'S' }],
    'receiving.purchaseOrderLines': () => [
      {
        orderItemId: 'i-bolt',
        productId: bolt.id,
        code: bolt.code,
        name: bolt.name,
        unit: 'шт',
        barcode: bolt.barcode,
        ordered: '10',
        received: '0',
        unitCost: '10',
      },
    ],
    'receiving.post': (input) => {
      posted.push(input)
      return { receiptId: 'r', receiptNumber: 'T07-GRN-000001', orderStatus: null }
    },
  }
  return {
    call: async (method, input) => {
      const answer = answers[method] as ((i: unknown) => unknown) | undefined
      return (
        answer ? { ok: true, value: answer(input) } : { ok: false, error: { code: 'NOT_FOUND', message: method } }
      ) as Result<never>
    },
    on: () => () => undefined,
    onConnectionChange: () => () => undefined,
    onUnauthenticated: () => () => undefined,
  }
}

describe('the receiving screen’s state', () => {
  beforeEach(() => useReceiving.getState().cleared())

  it('adds one per scan, a new line per lot, and refuses unknown and discontinued products', async () => {
    const rpc = fakeRpc()
    const { scanned } = useReceiving.getState()
    await scanned(rpc, { code: bolt.barcode })
    await scanned(rpc, { code: bolt.barcode })
    await scanned(rpc, { code: bolt.barcode, lot: 'L1', expiry: '2027-01-31' })
    await scanned(rpc, { code: nut.barcode, quantity: 12 })
    expect(useReceiving.getState().lines.map((l) => [l.code, l.quantity, l.lot ?? null])).toEqual([
      ['BOLT', '2', null],
      ['BOLT', '1', 'L1'],
      ['NUT', '12', null],
    ])
    expect(await scanned(rpc, { code: '2999999999999' })).toMatchObject({ tone: 'error', message: 'unknownCode' })
    expect(await scanned(rpc, { code: old.barcode })).toMatchObject({ tone: 'error', message: 'productInactive' })
    expect(useReceiving.getState().lines).toHaveLength(3)
  })

  it('against an order: fills its line, warns about a product it does not have, posts only what arrived', async () => {
    const posted: MethodInput<'receiving.post'>[] = []
    const rpc = fakeRpc(posted)
    await useReceiving.getState().opened(rpc)
    await useReceiving.getState().orderChosen(rpc, 'po')
    expect(useReceiving.getState().supplierId).toBe('s')
    await useReceiving.getState().scanned(rpc, { code: bolt.barcode, lot: 'L9' })
    expect(useReceiving.getState().lines).toMatchObject([{ orderItemId: 'i-bolt', quantity: '1', lot: 'L9', ordered: '10' }])
    expect(await useReceiving.getState().scanned(rpc, { code: nut.barcode })).toMatchObject({
      tone: 'error',
      message: 'notOnOrder',
    })
    useReceiving.getState().lineRemoved(useReceiving.getState().lines[1]!.key)
    useReceiving.getState().quantityTyped(useReceiving.getState().lines[0]!.key, '6')
    expect(await useReceiving.getState().postRequested(rpc)).toBe(true)
    expect(posted).toEqual([
      expect.objectContaining({
        orderId: 'po',
        supplierId: 's',
        lines: [expect.objectContaining({ productId: bolt.id, quantity: '6', orderItemId: 'i-bolt', lotNumber: 'L9' })],
      }),
    ])
    expect(useReceiving.getState()).toMatchObject({ postedNumber: 'T07-GRN-000001', lines: [], orderId: null })
  })
})
