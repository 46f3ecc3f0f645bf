import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MethodOutput, Result } from '../../../shared/contract'
import type { Locale } from '../../../shared/locale'
import type { OrganizationRole } from '../../../shared/permissions'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, addOrderItem, createOrder, createProduct, createTenant, insert } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { sessionOf } from '../test-support'
import { type Backend, startBackend } from '../start-backend'

// Goods receipts through the real dispatcher on in-memory PGlite: document, ledger, stock,
// lots and the purchase order's progress in one transaction, and nothing of a refused receipt.
let backend: Backend
let a: Tenant
let b: Tenant
let bolt: string
let nut: string
let oldBolt: string
let supplier: string

const as = (tenant: Tenant, role: OrganizationRole = 'employee', locale: Locale = 'ru'): CallContext => ({
  connection: { ...newConnection(), locale, session: sessionOf(tenant, role) },
  origin: 'test',
})

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await backend.db.query<T>(sql, params)).rows
}

const stockOf = async (productId: string) =>
  (
    await rows<{ on_hand: string }>(
      `SELECT COALESCE(sum(on_hand), 0)::text AS on_hand FROM stock_balances WHERE product_id = $1`,
      [productId],
    )
  )[0]!.on_hand

const counts = async () =>
  (
    await rows<{ receipts: number; lines: number; movements: number }>(
      `SELECT (SELECT count(*)::int FROM goods_receipts) AS receipts, (SELECT count(*)::int FROM goods_receipt_lines) AS lines,
              (SELECT count(*)::int FROM inventory_movements) AS movements`,
    )
  )[0]!

beforeAll(async () => {
  backend = await startBackend()
  const conn = pgliteConnection(backend.db)
  a = await createTenant(conn, 'ТОО А')
  b = await createTenant(conn, 'ТОО Б')
  bolt = await createProduct(conn, a, { name: 'Болт М8', barcode: '4870001000018', cost: '12.50' })
  nut = await createProduct(conn, a, { name: 'Гайка М8', barcode: '4870001000025' })
  oldBolt = await createProduct(conn, a, { name: 'Болт М6 (снят)', status: 'DISCONTINUED' })
  supplier = await insert(conn, 'suppliers', {
    organization_id: a.organizationId,
    workspace_id: a.workspaceId,
    code: 'S1',
    name: 'ТОО Метиз',
  })
  await insert(conn, 'document_series', {
    organization_id: a.organizationId,
    workspace_id: a.workspaceId,
    document_type: 'ORDER',
    prefix: 'T07',
  })
})
afterAll(async () => backend.close())

describe('receiving', () => {
  it('finds a product by its barcode, by a GTIN-14 with a leading zero and by its code', async () => {
    const byBarcode = await backend.dispatch('receiving.findProduct', { code: '4870001000018' }, as(a))
    expect(byBarcode).toMatchObject({ ok: true, value: { id: bolt, name: 'Болт М8' } })
    expect(await backend.dispatch('receiving.findProduct', { code: '04870001000018' }, as(a))).toMatchObject({
      ok: true,
      value: { id: bolt },
    })
    expect(await backend.dispatch('receiving.findProduct', { code: '4870001000018' }, as(b))).toEqual({ ok: true, value: null })
  })

  it('posts a receipt against a purchase order: under-delivery keeps it processing, the rest delivers it', async () => {
    const conn = pgliteConnection(backend.db)
    const order = await createOrder(conn, a, {
      type: 'PURCHASE',
      supplier_id: supplier,
      status: 'confirmed',
      order_number: 'PO-1',
    })
    const boltLine = await addOrderItem(conn, order, bolt, { quantity_ordered: '10' })
    const nutLine = await addOrderItem(conn, order, nut, { quantity_ordered: '5' })

    const first = await backend.dispatch(
      'receiving.post',
      {
        orderId: order,
        supplierDocument: 'НКЛ-77',
        lines: [
          { productId: bolt, quantity: '6', lotNumber: 'L2026-01', expiryDate: '2027-03-31', gtin: '04870001000018' },
          { productId: nut, quantity: '5' },
        ],
      },
      as(a),
    )
    expect(first).toMatchObject({ ok: true, value: { receiptNumber: 'T07-GRN-000001', orderStatus: 'processing' } })
    expect(await stockOf(bolt)).toBe('6.000')
    expect(
      await rows(
        `SELECT quantity_shipped::text AS received FROM order_items WHERE id IN ($1, $2) ORDER BY quantity_ordered DESC`,
        [boltLine, nutLine],
      ),
    ).toEqual([{ received: '6.000' }, { received: '5.000' }])
    // The lot is kept with its movement; the line remembers what the order still awaited.
    expect(
      await rows(
        `SELECT l.quantity::text, l.quantity_expected::text AS expected, s.lot_number, s.expiry_date::text AS expiry, m.movement_type
         FROM goods_receipt_lines l JOIN inventory_movements m ON m.id = l.movement_id LEFT JOIN stock_lots s ON s.id = l.lot_id
         ORDER BY l.line_number`,
      ),
    ).toEqual([
      { quantity: '6.000', expected: '10.000', lot_number: 'L2026-01', expiry: '2027-03-31', movement_type: 'receipt' },
      { quantity: '5.000', expected: '5.000', lot_number: null, expiry: null, movement_type: 'receipt' },
    ])
    expect(await rows(`SELECT entity_type, action FROM audit_logs WHERE entity_type = 'goods_receipt'`)).toHaveLength(1)

    // The rest of the bolts and one more (an over-delivery is received and shown, not refused).
    const second = await backend.dispatch(
      'receiving.post',
      { orderId: order, lines: [{ productId: bolt, quantity: '5' }] },
      as(a),
    )
    expect(second).toMatchObject({ ok: true, value: { receiptNumber: 'T07-GRN-000002', orderStatus: 'delivered' } })
    expect(await rows(`SELECT status, delivered_date IS NOT NULL AS dated FROM orders WHERE id = $1`, [order])).toEqual([
      { status: 'delivered', dated: true },
    ])
    expect(await stockOf(bolt)).toBe('11.000')

    // A delivered order takes no more goods.
    expect(
      await backend.dispatch('receiving.post', { orderId: order, lines: [{ productId: bolt, quantity: '1' }] }, as(a)),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['orderId'] }] },
    })
  })

  it('receives without an order, with or without a supplier', async () => {
    const result = await backend.dispatch(
      'receiving.post',
      { supplierId: supplier, lines: [{ productId: nut, quantity: '2.5', markingCode: '0104870001000025215abc\u001d91EE07' }] },
      as(a),
    )
    expect(result).toMatchObject({ ok: true, value: { orderStatus: null } })
    const [movement] = await rows<{ marking_codes: unknown[] }>(
      `SELECT m.marking_codes FROM goods_receipt_lines l JOIN inventory_movements m ON m.id = l.movement_id
       JOIN goods_receipts r ON r.id = l.receipt_id WHERE r.id = $1`,
      [(result as { value: { receiptId: string } }).value.receiptId],
    )
    expect(movement!.marking_codes).toEqual([{ raw: '0104870001000025215abc\u001d91EE07' }])
    expect(await backend.dispatch('receiving.post', { lines: [{ productId: nut, quantity: '1' }] }, as(a))).toMatchObject({
      ok: true,
    })
  })

  it('refuses zero or negative quantities, discontinued products and products of another organization, posting nothing', async () => {
    const before = await counts()
    const zero = await backend.dispatch(
      'receiving.post',
      {
        lines: [
          { productId: bolt, quantity: '1' },
          { productId: nut, quantity: '0' },
        ],
      },
      as(a),
    )
    expect(zero).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Строка 2 («Гайка М8»): количество должно быть больше нуля.',
        issues: [{ path: ['lines', 1, 'quantity'] }],
      },
    })
    const negative = await backend.dispatch(
      'receiving.post',
      { lines: [{ productId: bolt, quantity: '-3' }] },
      as(a, 'employee', 'en'),
    )
    expect(negative).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['lines', 0, 'quantity'] }] } })
    const discontinued = await backend.dispatch('receiving.post', { lines: [{ productId: oldBolt, quantity: '1' }] }, as(a))
    expect(discontinued).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Строка 1: товар «Болт М6 (снят)» снят с производства — проводить его нельзя.' },
    })
    const foreign = await backend.dispatch('receiving.post', { lines: [{ productId: bolt, quantity: '1' }] }, as(b))
    expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', issues: [{ path: ['lines', 0, 'productId'] }] } })
    expect(await counts()).toEqual(before)
  })

  it('refuses a product that is not on the order, and a sales order', async () => {
    const conn = pgliteConnection(backend.db)
    const order = await createOrder(conn, a, { type: 'PURCHASE', supplier_id: supplier, status: 'pending' })
    await addOrderItem(conn, order, bolt, { quantity_ordered: '1' })
    const before = await counts()
    expect(
      await backend.dispatch(
        'receiving.post',
        {
          orderId: order,
          lines: [
            { productId: bolt, quantity: '1' },
            { productId: nut, quantity: '1' },
          ],
        },
        as(a),
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: ['lines', 1, 'productId'] }] } })
    const sales = await createOrder(conn, a, { type: 'SALES' })
    expect(
      await backend.dispatch('receiving.post', { orderId: sales, lines: [{ productId: bolt, quantity: '1' }] }, as(a)),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['orderId'] }] },
    })
    expect(await counts()).toEqual(before)
  })

  it('lists open purchase orders with their lines and progress, and needs inventory.post to post', async () => {
    const list = (await backend.dispatch('receiving.openPurchaseOrders', {}, as(a))) as Result<
      MethodOutput<'receiving.openPurchaseOrders'>
    >
    expect(list.ok && list.value.every((o) => o.status !== 'delivered')).toBe(true)
    const orderId = list.ok ? list.value[0]!.id : ''
    const lines = await backend.dispatch('receiving.purchaseOrderLines', { orderId }, as(a))
    expect(lines).toMatchObject({ ok: true, value: [{ productId: bolt, ordered: '1', received: '0' }] })
    const readOnly: CallContext = {
      connection: { ...newConnection(), session: { ...sessionOf(a), permissions: new Set(['inventory.read']) } },
      origin: 'test',
    }
    expect(await backend.dispatch('receiving.post', { lines: [{ productId: bolt, quantity: '1' }] }, readOnly)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})
