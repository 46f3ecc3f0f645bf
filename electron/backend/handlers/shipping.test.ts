import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MethodOutput, Result } from '../../../shared/contract'
import type { Locale } from '../../../shared/locale'
import type { OrganizationRole } from '../../../shared/permissions'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, addOrderItem, createOrder, createProduct, createTenant, postMovement } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { sessionOf } from '../test-support'
import { type Backend, startBackend } from '../start-backend'

// Sales orders through the real dispatcher on in-memory PGlite: confirming reserves, shipping
// (in parts) releases and ships in one transaction with its document, cancelling releases,
// the status flow holds, and the workspace's stock policy decides about stock below zero.
let backend: Backend
let a: Tenant
let bolt: string
let nut: string

const as = (role: OrganizationRole = 'employee', locale: Locale = 'ru'): CallContext => ({
  connection: { ...newConnection(), locale, session: sessionOf(a, role) },
  origin: 'test',
})

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await backend.db.query<T>(sql, params)).rows
}

const balance = async (productId: string) =>
  (
    await rows<{ on_hand: string; reserved: string }>(
      `SELECT COALESCE(sum(on_hand), 0)::text AS on_hand, COALESCE(sum(reserved), 0)::text AS reserved FROM stock_balances
       WHERE product_id = $1 AND workspace_id = $2`,
      [productId, a.workspaceId],
    )
  )[0]!

const ledgerCount = async () => (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM inventory_movements`))[0]!.n
const statusOf = async (orderId: string) =>
  (await rows<{ status: string }>(`SELECT status FROM orders WHERE id = $1`, [orderId]))[0]!.status

async function newOrder(lines: [string, string][]): Promise<{ order: string; items: string[] }> {
  const conn = pgliteConnection(backend.db)
  const order = await createOrder(conn, a, { type: 'SALES', order_number: `SO-${Math.random().toString(36).slice(2, 8)}` })
  const items: string[] = []
  for (const [product, quantity] of lines) items.push(await addOrderItem(conn, order, product, { quantity_ordered: quantity }))
  return { order, items }
}

beforeAll(async () => {
  backend = await startBackend()
  const conn = pgliteConnection(backend.db)
  a = await createTenant(conn, 'ТОО А')
  bolt = await createProduct(conn, a, { name: 'Болт М8', barcode: '4870001000018' })
  nut = await createProduct(conn, a, { name: 'Гайка М8' })
  await postMovement(conn, a, bolt, 'receipt', '10')
  await postMovement(conn, a, nut, 'receipt', '3')
})
afterAll(async () => backend.close())

describe('sales orders: confirm, pick and ship', () => {
  it('confirms a pending order by reserving what it needs', async () => {
    const { order } = await newOrder([
      [bolt, '4'],
      [nut, '2'],
    ])
    expect(await backend.dispatch('shipping.confirm', { orderId: order }, as())).toEqual({
      ok: true,
      value: { status: 'confirmed' },
    })
    expect(await balance(bolt)).toEqual({ on_hand: '10.000', reserved: '4.000' })
    const detail = (await backend.dispatch('shipping.order', { orderId: order }, as())) as Result<MethodOutput<'shipping.order'>>
    expect(detail).toMatchObject({
      ok: true,
      value: {
        status: 'confirmed',
        lines: [{ productId: bolt, ordered: '4', reserved: '4', shipped: '0', onHand: '10' }, { reserved: '2' }],
      },
    })
    // Confirming twice is a transition the flow does not allow.
    expect(await backend.dispatch('shipping.confirm', { orderId: order }, as())).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['orderId'] }] },
    })
  })

  it('ships in parts: release plus shipment per line, carrier and tracking, processing then shipped then delivered', async () => {
    const { order, items } = await newOrder([
      [bolt, '3'],
      [nut, '1'],
    ])
    await backend.dispatch('shipping.confirm', { orderId: order }, as())
    const before = await balance(bolt)
    const first = await backend.dispatch(
      'shipping.ship',
      { orderId: order, carrier: 'Казпочта', trackingNumber: 'KZ123', lines: [{ orderItemId: items[0], quantity: '2' }] },
      as(),
    )
    expect(first).toMatchObject({ ok: true, value: { status: 'processing' } })
    const after = await balance(bolt)
    expect(Number(before.on_hand) - Number(after.on_hand)).toBe(2)
    expect(Number(before.reserved) - Number(after.reserved)).toBe(2)
    expect(
      await rows(
        `SELECT m.movement_type, m.quantity::text FROM inventory_movements m WHERE m.order_item_id = $1 ORDER BY m.created_at, m.movement_type`,
        [items[0]],
      ),
    ).toEqual([
      { movement_type: 'reservation', quantity: '3.000' },
      { movement_type: 'release', quantity: '-2.000' },
      { movement_type: 'shipment', quantity: '-2.000' },
    ])
    expect(await rows(`SELECT carrier, tracking_number, status FROM orders WHERE id = $1`, [order])).toEqual([
      { carrier: 'Казпочта', tracking_number: 'KZ123', status: 'processing' },
    ])

    // More than is left on the line is refused, naming the line.
    expect(
      await backend.dispatch('shipping.ship', { orderId: order, lines: [{ orderItemId: items[0], quantity: '2' }] }, as()),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringContaining('Строка 1 («Болт М8»)'),
        issues: [{ path: ['lines', 0, 'quantity'] }],
      },
    })
    const second = await backend.dispatch(
      'shipping.ship',
      {
        orderId: order,
        trackingNumber: 'KZ124',
        lines: [
          { orderItemId: items[0], quantity: '1' },
          { orderItemId: items[1], quantity: '1' },
        ],
      },
      as(),
    )
    expect(second).toMatchObject({ ok: true, value: { status: 'shipped' } })
    const detail = (await backend.dispatch('shipping.order', { orderId: order }, as())) as Result<MethodOutput<'shipping.order'>>
    expect(detail).toMatchObject({
      ok: true,
      value: {
        status: 'shipped',
        lines: [
          { shipped: '3', reserved: '0' },
          { shipped: '1', reserved: '0' },
        ],
      },
    })
    expect(detail.ok && detail.value.shipments.map((s) => s.trackingNumber)).toEqual(['KZ123', 'KZ124'])
    // Shipped orders cannot be cancelled; they can be delivered.
    expect(await backend.dispatch('shipping.cancel', { orderId: order }, as())).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(await backend.dispatch('shipping.deliver', { orderId: order }, as())).toEqual({
      ok: true,
      value: { status: 'delivered' },
    })
  })

  it('refuses shipping a pending order, more than reserved, zero, and a line of another order — posting nothing', async () => {
    const { order, items } = await newOrder([[bolt, '2']])
    const other = await newOrder([[bolt, '1']])
    const count = await ledgerCount()
    expect(
      await backend.dispatch('shipping.ship', { orderId: order, lines: [{ orderItemId: items[0], quantity: '1' }] }, as()),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['orderId'] }] },
    })
    await backend.dispatch('shipping.confirm', { orderId: order }, as())
    const countAfterConfirm = await ledgerCount()
    expect(countAfterConfirm).toBe(count + 1)
    // A reservation released by hand (e.g. by a stock count) leaves less reserved than ordered.
    await postMovement(pgliteConnection(backend.db), a, bolt, 'release', '-1', { order_id: order, order_item_id: items[0] })
    expect(
      await backend.dispatch('shipping.ship', { orderId: order, lines: [{ orderItemId: items[0], quantity: '2' }] }, as()),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('больше резерва (1)') } })
    expect(
      await backend.dispatch('shipping.ship', { orderId: order, lines: [{ orderItemId: items[0], quantity: '0' }] }, as()),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['lines', 0, 'quantity'] }] } })
    expect(
      await backend.dispatch('shipping.ship', { orderId: order, lines: [{ orderItemId: other.items[0], quantity: '1' }] }, as()),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', issues: [{ path: ['lines', 0, 'orderItemId'] }] } })
    expect(await ledgerCount()).toBe(countAfterConfirm + 1)
    expect(await rows(`SELECT count(*)::int AS n FROM shipments WHERE order_id = $1`, [order])).toEqual([{ n: 0 }])
  })

  it('cancelling a confirmed order releases its reservations', async () => {
    const { order } = await newOrder([[nut, '2']])
    const before = await balance(nut)
    await backend.dispatch('shipping.confirm', { orderId: order }, as())
    expect(Number((await balance(nut)).reserved) - Number(before.reserved)).toBe(2)
    expect(await backend.dispatch('shipping.cancel', { orderId: order, reason: 'Клиент отказался' }, as())).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    })
    expect(await balance(nut)).toEqual(before)
    expect(await statusOf(order)).toBe('cancelled')
    expect(await backend.dispatch('shipping.confirm', { orderId: order }, as())).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })

  it('blocks shipping below zero by default; under "warn" ships only with the confirmation flag', async () => {
    const { order, items } = await newOrder([[nut, '5']])
    await backend.dispatch('shipping.confirm', { orderId: order }, as())
    const onHand = (await balance(nut)).on_hand
    const ship = (confirmBelowZero: boolean) =>
      backend.dispatch(
        'shipping.ship',
        { orderId: order, confirmBelowZero, lines: [{ orderItemId: items[0], quantity: '5' }] },
        as(),
      )

    expect(await backend.dispatch('warehouse.stockPolicy.get', {}, as())).toEqual({
      ok: true,
      value: { policy: 'block', canEdit: false },
    })
    expect(await ship(true)).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ code: 'BELOW_ZERO_BLOCKED' }] } })
    // A clerk cannot change the policy; a manager can.
    expect(await backend.dispatch('warehouse.stockPolicy.set', { policy: 'warn' }, as())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await backend.dispatch('warehouse.stockPolicy.set', { policy: 'warn' }, as('manager'))).toEqual({
      ok: true,
      value: { policy: 'warn' },
    })
    expect(await ship(false)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ code: 'BELOW_ZERO_CONFIRM', path: ['lines', 0, 'quantity'] }] },
    })
    expect((await balance(nut)).on_hand).toBe(onHand)
    expect(await ship(true)).toMatchObject({ ok: true, value: { status: 'shipped' } })
    expect(Number((await balance(nut)).on_hand)).toBe(Number(onHand) - 5)
    expect(await rows(`SELECT below_zero_confirmed FROM shipments WHERE order_id = $1`, [order])).toEqual([
      { below_zero_confirmed: true },
    ])
    expect(await rows(`SELECT count(*)::int AS n FROM audit_logs WHERE entity_type = 'app_setting'`)).toEqual([{ n: 1 }])
  })

  it('lists open sales orders of the workspace', async () => {
    const list = (await backend.dispatch('shipping.orders', { statuses: ['confirmed', 'processing'] }, as())) as Result<
      MethodOutput<'shipping.orders'>
    >
    expect(list.ok && list.value.length).toBeGreaterThan(0)
    expect(list.ok && list.value.every((o) => o.status === 'confirmed' || o.status === 'processing')).toBe(true)
  })
})
