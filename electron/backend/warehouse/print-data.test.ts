import Decimal from 'decimal.js'
import type { Result } from '../../../shared/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgliteConnection } from '../../../db/connection'
import {
  type Tenant,
  addOrderItem,
  createCustomer,
  createOrder,
  createProduct,
  createTenant,
  postMovement,
} from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { createOrm } from '../data/orm'
import { sessionOf } from '../test-support'
import { type Backend, startBackend } from '../start-backend'
import { inspectPdf, pageText } from '../printing/pdf-inspect'
import { goodsReceiptDocument, pickListDocument, priceLine, waybillDocument } from './print-data'

describe('priceLine', () => {
  it('adds VAT to a net price and extracts it from a gross one, rounded to tiyn', () => {
    expect(priceLine(new Decimal('100'), new Decimal(16), false)).toEqual({
      net: new Decimal('100'),
      vat: new Decimal('16'),
      amount: new Decimal('116'),
    })
    const gross = priceLine(new Decimal('116'), new Decimal(16), true)
    expect([gross.net.toFixed(2), gross.vat.toFixed(2), gross.amount.toFixed(2)]).toEqual(['100.00', '16.00', '116.00'])
    expect(priceLine(new Decimal('10.005'), new Decimal(0), false).amount.toFixed(2)).toBe('10.01')
  })
})

// The printed documents' data from posted receipts and shipments: VAT by the document's date.
describe('printed warehouse documents', () => {
  let backend: Backend
  let a: Tenant
  let bolt: string
  const as = (): CallContext => ({ connection: { ...newConnection(), session: sessionOf(a) }, origin: 'test' })

  beforeAll(async () => {
    backend = await startBackend()
    const conn = pgliteConnection(backend.db)
    a = await createTenant(conn)
    bolt = await createProduct(conn, a, { name: 'Болт М8', barcode: '4870001000018', cost: '10.00' })
  })
  afterAll(async () => backend.close())

  it('prices a goods receipt with the VAT rate of its date: 12% in 2025, 16% from 2026', async () => {
    const docs = []
    for (const receiptDate of ['2025-12-31', '2026-01-01']) {
      const posted = await backend.dispatch(
        'receiving.post',
        { receiptDate, lines: [{ productId: bolt, quantity: '3', unitCost: '100', lotNumber: 'L1', expiryDate: '2027-01-31' }] },
        as(),
      )
      if (!posted.ok) throw new Error(posted.error.message)
      const { receiptId } = posted.value as { receiptId: string }
      docs.push(await goodsReceiptDocument(createOrm(backend.db), 'ru', sessionOf(a), receiptId))
    }
    expect(docs.map((d) => [d.date, d.lines[0]!.vatRate, d.totals])).toEqual([
      ['2025-12-31', '12', { net: '300.00', vat: '36.00', total: '336.00' }],
      ['2026-01-01', '16', { net: '300.00', vat: '48.00', total: '348.00' }],
    ])
    expect(docs[1]!.lines[0]).toMatchObject({ received: '3', price: '100.00', lot: 'L1', expiry: '2027-01-31' })
  })

  it('builds the pick list and the waybill of a shipment from the order line’s prices', async () => {
    const conn = pgliteConnection(backend.db)
    const customer = await createCustomer(conn, a, { name: 'ТОО Покупатель' })
    const order = await createOrder(conn, a, { type: 'SALES', order_number: 'SO-77', customer_id: customer })
    const item = await addOrderItem(conn, order, bolt, { quantity_ordered: '4', unit_price: '58', vat_included: true })
    await postMovement(conn, a, bolt, 'receipt', '10')
    await backend.dispatch('shipping.confirm', { orderId: order }, as())
    const pick = await pickListDocument(createOrm(backend.db), 'ru', sessionOf(a), order)
    expect(pick.lines).toEqual([
      { lineNo: 1, code: expect.any(String), name: 'Болт М8', unit: 'шт', quantity: '4', barcode: '4870001000018' },
    ])
    const shipped = await backend.dispatch(
      'shipping.ship',
      { orderId: order, carrier: 'Казпочта', lines: [{ orderItemId: item, quantity: '2' }] },
      as(),
    )
    if (!shipped.ok) throw new Error(shipped.error.message)
    const waybill = await waybillDocument(
      createOrm(backend.db),
      'ru',
      sessionOf(a),
      (shipped.value as { shipmentId: string }).shipmentId,
    )
    // 2 × 58 with VAT included: 116 gross of which 16 VAT at 16% (shipped today, after 2026-01-01).
    expect(waybill).toMatchObject({
      orderNumber: 'SO-77',
      carrier: 'Казпочта',
      consignee: { name: 'ТОО Покупатель' },
      lines: [{ quantity: '2', vatRate: '16', vatAmount: '16.00', amount: '116.00', price: '50.00' }],
      totals: { net: '100.00', vat: '16.00', total: '116.00' },
    })
  })

  it('prints the goods receipt, the pick list and the waybill as PDFs through the RPC', async () => {
    const conn = pgliteConnection(backend.db)
    const text = (result: Result<unknown>) => {
      expect(result).toMatchObject({ ok: true, value: { mimeType: 'application/pdf' } })
      const { pages } = inspectPdf(
        new Uint8Array(Buffer.from((result as { ok: true; value: { base64: string } }).value.base64, 'base64')),
      )
      return pages.map(pageText).join(' ')
    }
    const posted = await backend.dispatch('receiving.post', { lines: [{ productId: bolt, quantity: '7', unitCost: '10' }] }, as())
    const { receiptId, receiptNumber } = (posted as { value: { receiptId: string; receiptNumber: string } }).value
    expect(text(await backend.dispatch('receiving.printReceipt', { receiptId }, as()))).toContain(receiptNumber)

    const order = await createOrder(conn, a, { type: 'SALES', order_number: 'SO-88' })
    const item = await addOrderItem(conn, order, bolt, { quantity_ordered: '1', unit_price: '100' })
    await backend.dispatch('shipping.confirm', { orderId: order }, as())
    expect(text(await backend.dispatch('shipping.printPickList', { orderId: order }, as()))).toContain('SO-88')
    const shipped = await backend.dispatch(
      'shipping.ship',
      { orderId: order, lines: [{ orderItemId: item, quantity: '1' }] },
      as(),
    )
    const { shipmentId, shipmentNumber } = (shipped as { value: { shipmentId: string; shipmentNumber: string } }).value
    expect(text(await backend.dispatch('shipping.printWaybill', { shipmentId }, as()))).toContain(shipmentNumber)
    // Another workspace's document is not found.
    const elsewhere: CallContext = {
      connection: { ...newConnection(), session: { ...sessionOf(a), workspaceId: a.workspace2Id } },
      origin: 'test',
    }
    expect(await backend.dispatch('shipping.printWaybill', { shipmentId }, elsewhere)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})
