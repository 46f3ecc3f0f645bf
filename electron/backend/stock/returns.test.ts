import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, addOrderItem, createCustomer, createOrder, postMovement } from '../../../db/test/fixtures'
import type { Backend } from '../start-backend'
import { as, call, onHand, stockBackend, stockedProduct } from './test-support'

// Customer returns against a shipped sales order: a RETURN order, then return movements into
// stock and quantity_returned on the sales order's line, all in one transaction.
let backend: Backend
let tenant: Tenant
let bolt: string
let salesOrderId: string
let salesItemId: string
let customerId: string

beforeAll(async () => {
  ;({ backend, tenant } = await stockBackend())
  const conn = pgliteConnection(backend.db)
  bolt = await stockedProduct(backend, tenant, { name: 'Болт М8', cost: '120.50', price: '200.00', onHand: '10' })
  customerId = await createCustomer(conn, tenant, { name: 'ТОО Покупатель' })
  salesOrderId = await createOrder(conn, tenant, { order_number: 'ALA-ORD-000777', customer_id: customerId, status: 'shipped' })
  salesItemId = await addOrderItem(conn, salesOrderId, bolt, { quantity_ordered: '6', unit_price: '200.00' })
  await postMovement(conn, tenant, bolt, 'shipment', '-6', { order_id: salesOrderId, order_item_id: salesItemId })
})
afterAll(async () => backend.close())

const clerk = (locale: 'ru' | 'en' = 'ru') => as(tenant, 'employee', locale)

describe('a customer return', () => {
  let returnId: string

  it('finds the sales order by number with what was shipped', async () => {
    const found = await call(backend, 'stock.returns.findOrder', { orderNumber: 'ala-ord-000777' }, clerk())
    expect(found).toMatchObject({
      orderId: salesOrderId,
      customerName: 'ТОО Покупатель',
      lines: [{ orderItemId: salesItemId, quantityShipped: '6.000', quantityReturned: '0.000' }],
    })
  })

  it('refuses returning more than was shipped, naming the line', async () => {
    const tooMuch = await backend.dispatch(
      'stock.returns.create',
      { originalOrderId: salesOrderId, lines: [{ productId: bolt, quantity: '7', originalItemId: salesItemId }] },
      clerk('en'),
    )
    expect(tooMuch).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringContaining('Line 1: “Болт М8” — 6.000 shipped'),
        issues: [{ path: ['lines', 0, 'quantity'] }],
      },
    })
  })

  it('is created pending against the sales order, then received into stock', async () => {
    const created = await call(
      backend,
      'stock.returns.create',
      {
        originalOrderId: salesOrderId,
        lines: [{ productId: bolt, quantity: '2', originalItemId: salesItemId }],
        reason: 'брак упаковки',
      },
      clerk(),
    )
    returnId = created.orderId
    const { rows } = await backend.db.query<{ type: string; status: string; parent_order_id: string; customer_id: string }>(
      'SELECT type, status, parent_order_id, customer_id FROM orders WHERE id = $1',
      [returnId],
    )
    expect(rows).toEqual([{ type: 'RETURN', status: 'pending', parent_order_id: salesOrderId, customer_id: customerId }])
    expect(await onHand(backend, bolt, tenant.workspaceId)).toBe('4.000')

    await call(backend, 'stock.returns.receive', { orderId: returnId }, clerk())
    expect(await onHand(backend, bolt, tenant.workspaceId)).toBe('6.000')
    const item = await backend.db.query<{ quantity_returned: string }>(
      'SELECT quantity_returned::text FROM order_items WHERE id = $1',
      [salesItemId],
    )
    expect(item.rows[0]!.quantity_returned).toBe('2.000')
    const list = await call(backend, 'stock.returns.list', {}, clerk())
    expect(list).toEqual([
      expect.objectContaining({ orderId: returnId, status: 'delivered', originalOrderNumber: 'ALA-ORD-000777' }),
    ])
  })

  it('is received only once; a second return of more than is left is refused at receipt too', async () => {
    const again = await backend.dispatch('stock.returns.receive', { orderId: returnId }, clerk())
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('принят') } })
    // Two pending returns of 3 each: the first fits (4 left), the second no longer does.
    const first = await call(
      backend,
      'stock.returns.create',
      { originalOrderId: salesOrderId, lines: [{ productId: bolt, quantity: '3', originalItemId: salesItemId }] },
      clerk(),
    )
    const second = await call(
      backend,
      'stock.returns.create',
      { originalOrderId: salesOrderId, lines: [{ productId: bolt, quantity: '3', originalItemId: salesItemId }] },
      clerk(),
    )
    await call(backend, 'stock.returns.receive', { orderId: first.orderId }, clerk())
    const refused = await backend.dispatch('stock.returns.receive', { orderId: second.orderId }, clerk())
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await onHand(backend, bolt, tenant.workspaceId)).toBe('9.000')
  })

  it('without a sales order: free lines, a zero quantity refused', async () => {
    const zero = await backend.dispatch('stock.returns.create', { lines: [{ productId: bolt, quantity: '0' }] }, clerk())
    expect(zero).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['lines', 0, 'quantity'] }] } })
    const free = await call(backend, 'stock.returns.create', { customerId, lines: [{ productId: bolt, quantity: '1' }] }, clerk())
    await call(backend, 'stock.returns.receive', { orderId: free.orderId }, clerk())
    expect(await onHand(backend, bolt, tenant.workspaceId)).toBe('10.000')
  })
})
