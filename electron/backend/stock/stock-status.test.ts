import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, addOrderItem, createOrder, createTenant, insert } from '../../../db/test/fixtures'
import type { Backend } from '../start-backend'
import { as, call, stockBackend, stockedProduct } from './test-support'

// The stock status screen over inventory_status, and draft purchase orders from reorder
// suggestions, through the real dispatcher on PGlite.
let backend: Backend
let tenant: Tenant
let out: string
let low: string
let reorder: string
let plenty: string
let supplierId: string

beforeAll(async () => {
  ;({ backend, tenant } = await stockBackend())
  const conn = pgliteConnection(backend.db)
  out = await stockedProduct(backend, tenant, {
    name: 'Нет в наличии',
    cost: '10.00',
    min_stock_level: 2,
    reorder_point: 5,
    reorder_quantity: 20,
  })
  low = await stockedProduct(backend, tenant, {
    name: 'Мало',
    cost: '3.50',
    min_stock_level: 2,
    reorder_point: 5,
    reorder_quantity: 30,
    onHand: '1.5',
  })
  reorder = await stockedProduct(backend, tenant, {
    name: 'Пора заказать',
    cost: '7.00',
    min_stock_level: 2,
    reorder_point: 5,
    onHand: '4',
  })
  plenty = await stockedProduct(backend, tenant, { name: 'Много', cost: '1.25', reorder_point: 5, onHand: '100' })
  // The reorder product's usual supplier: its latest purchase order names one.
  supplierId = await insert(conn, 'suppliers', {
    organization_id: tenant.organizationId,
    workspace_id: tenant.workspaceId,
    code: 'S1',
    name: 'ТОО Поставщик',
  })
  const po = await createOrder(conn, tenant, {
    order_number: 'OLD-PO-1',
    type: 'PURCHASE',
    supplier_id: supplierId,
    status: 'delivered',
  })
  await addOrderItem(conn, po, reorder)
  // Another organization's product is never listed.
  const other = await createTenant(conn, 'ТОО Чужая')
  await stockedProduct(backend, other, { name: 'Чужой товар', onHand: '1' })
})
afterAll(async () => backend.close())

describe('stock status', () => {
  it('lists the organization’s products worst first with counts per status and the inventory value', async () => {
    const page = await call(backend, 'stock.status.list', {}, as(tenant, 'employee'))
    expect(page.rows.map((r) => [r.id, r.status])).toEqual([
      [out, 'OUT_OF_STOCK'],
      [low, 'LOW_STOCK'],
      [reorder, 'REORDER_NEEDED'],
      [plenty, 'IN_STOCK'],
    ])
    expect(page.byStatus).toEqual({ OUT_OF_STOCK: 1, LOW_STOCK: 1, REORDER_NEEDED: 1, IN_STOCK: 1 })
    // 1.5 × 3.50 + 4 × 7.00 + 100 × 1.25, in decimals.
    expect(page.inventoryValue).toBe('158.25')
    expect(page.total).toBe(4)
  })

  it('filters by status and search, and pages', async () => {
    const low1 = await call(backend, 'stock.status.list', { status: 'LOW_STOCK' }, as(tenant, 'employee'))
    expect(low1).toMatchObject({
      total: 1,
      inventoryValue: '5.25',
      rows: [{ id: low, stockLevel: '1.500', workspaceStock: '1.500' }],
    })
    const found = await call(backend, 'stock.status.list', { search: 'заказ' }, as(tenant, 'employee'))
    expect(found.rows.map((r) => r.id)).toEqual([reorder])
    const second = await call(backend, 'stock.status.list', { offset: 1, limit: 2 }, as(tenant, 'employee'))
    expect(second.rows.map((r) => r.id)).toEqual([low, reorder])
  })
})

describe('reorder', () => {
  it('suggests products at or below their reorder point with their usual supplier', async () => {
    const suggestions = await call(backend, 'stock.reorder.suggestions', {}, as(tenant, 'employee'))
    expect(suggestions.total).toBe(3)
    expect(suggestions.rows.map((r) => [r.productId, r.supplierName])).toEqual([
      [out, null],
      [low, null],
      [reorder, 'ТОО Поставщик'],
    ])
  })

  it('creates draft purchase orders per supplier with reorder_quantity per line, numbered from the series', async () => {
    const byClerk = await backend.dispatch('stock.reorder.createPurchaseOrders', { productIds: [out] }, as(tenant, 'employee'))
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const { orders } = await call(
      backend,
      'stock.reorder.createPurchaseOrders',
      { productIds: [out, low, reorder] },
      as(tenant, 'manager'),
    )
    expect(orders).toEqual([
      { orderId: expect.any(String), orderNumber: expect.stringMatching(/-ORD-000001$/), supplierName: null, lines: 2 },
      {
        orderId: expect.any(String),
        orderNumber: expect.stringMatching(/-ORD-000002$/),
        supplierName: 'ТОО Поставщик',
        lines: 1,
      },
    ])
    const { rows } = await backend.db.query<{
      type: string
      status: string
      supplier_id: string | null
      product_id: string
      q: string
      unit_price: string
    }>(
      `SELECT o.type, o.status, o.supplier_id, i.product_id, i.quantity_ordered::text AS q, i.unit_price::text AS unit_price
       FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.id IN ($1, $2) ORDER BY o.order_number, i.quantity_ordered`,
      [orders[0]!.orderId, orders[1]!.orderId],
    )
    expect(rows).toEqual([
      { type: 'PURCHASE', status: 'pending', supplier_id: null, product_id: out, q: '20.000', unit_price: '10.00' },
      { type: 'PURCHASE', status: 'pending', supplier_id: null, product_id: low, q: '30.000', unit_price: '3.50' },
      { type: 'PURCHASE', status: 'pending', supplier_id: supplierId, product_id: reorder, q: '50.000', unit_price: '7.00' },
    ])
  })

  it('refuses an inactive product, naming it', async () => {
    const old = await stockedProduct(backend, tenant, { name: 'Снят с продажи', status: 'DISCONTINUED' })
    const refused = await backend.dispatch('stock.reorder.createPurchaseOrders', { productIds: [old] }, as(tenant, 'manager'))
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['productIds', 0] }] } })
  })
})
