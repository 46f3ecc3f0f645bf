import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, insert } from '../../../db/test/fixtures'
import type { Backend } from '../start-backend'
import { as, call, onHand, stockBackend, stockedProduct } from './test-support'

// Stock counts through the real dispatcher on PGlite: blind scanning, the book quantity fixed
// at the moment of counting, "not found", submission, approval posting adjustments at cost.
let backend: Backend
let tenant: Tenant
let bolt: string
let nut: string
let washer: string

beforeAll(async () => {
  ;({ backend, tenant } = await stockBackend())
  bolt = await stockedProduct(backend, tenant, { name: 'Болт М8', barcode: '4601234567893', cost: '120.50', onHand: '10' })
  nut = await stockedProduct(backend, tenant, { name: 'Гайка М8', barcode: '4601234567800', cost: '15.00', onHand: '40' })
  washer = await stockedProduct(backend, tenant, { name: 'Шайба М8', barcode: '4601234567817', cost: '2.25', onHand: '100' })
})
afterAll(async () => backend.close())

const clerk = () => as(tenant, 'employee')
const manager = () => as(tenant, 'manager')

async function movementsOf(reason: string) {
  return (
    await backend.db.query<{ product_id: string; movement_type: string; quantity: string; unit_cost: string }>(
      `SELECT m.product_id, m.movement_type, m.quantity::text AS quantity, m.unit_cost::text AS unit_cost FROM inventory_movements m WHERE m.reason = $1 ORDER BY m.quantity`,
      [reason],
    )
  ).rows
}

describe('a count of a list of products', () => {
  let countId: string
  let countNumber: string

  it('is numbered from the document series and starts open with a line per product', async () => {
    ;({ countId, countNumber } = await call(
      backend,
      'stock.counts.create',
      { scope: 'products', productIds: [bolt, nut, washer] },
      clerk(),
    ))
    expect(countNumber).toMatch(/^W[0-9A-F]{6}-CNT-000001$/)
    const detail = await call(backend, 'stock.counts.get', { countId }, clerk())
    expect(detail).toMatchObject({ status: 'open', lineCount: 3, countedCount: 0, totals: null })
  })

  it('counts blind: each scan adds one (or the typed quantity), book quantities are withheld', async () => {
    for (let i = 0; i < 7; i++) await call(backend, 'stock.counts.scan', { countId, code: '4601234567893' }, clerk())
    const typed = await call(backend, 'stock.counts.scan', { countId, code: '4601234567800', quantity: '41' }, clerk())
    expect(typed.countedQuantity).toBe('41.000')
    // A GS1 element string with the GTIN in AI 01 finds the product too.
    await call(backend, 'stock.counts.scan', { countId, code: '(01)04601234567893(10)L1' }, clerk())
    const detail = await call(backend, 'stock.counts.get', { countId }, clerk())
    expect(detail.status).toBe('counting')
    const line = detail.lines.find((l) => l.productId === bolt)!
    expect(line).toMatchObject({
      countedQuantity: '8.000',
      counted: true,
      bookQuantity: null,
      variance: null,
      varianceValue: null,
    })
  })

  it('keeps the book quantity of the moment of counting when a movement arrives later by sync', async () => {
    // Five bolts shipped by another terminal of this workspace before the count, pulled now.
    await backend.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL prometric.sync_apply = 'on'`)
      await tx.query(
        `INSERT INTO inventory_movements (organization_id, workspace_id, product_id, movement_type, quantity, created_by)
         VALUES ($1, $2, $3, 'shipment', -5, $4)`,
        [tenant.organizationId, tenant.workspaceId, bolt, tenant.employeeId],
      )
    })
    expect(await onHand(backend, bolt, tenant.workspaceId)).toBe('5.000')
    // A later scan of the same item adds to the count but does not re-read the book.
    await call(backend, 'stock.counts.scan', { countId, code: '4601234567893' }, clerk())
    const { rows } = await backend.db.query<{ book_quantity: string }>(
      'SELECT book_quantity::text FROM stock_count_lines WHERE stock_count_id = $1 AND product_id = $2',
      [countId, bolt],
    )
    expect(rows[0]!.book_quantity).toBe('10.000')
  })

  it('refuses a product outside the list, an unknown code, zero and a negative quantity, naming the field', async () => {
    await stockedProduct(backend, tenant, { name: 'Шпилька', barcode: '4601234567824' })
    const outside = await backend.dispatch('stock.counts.scan', { countId, code: '4601234567824' }, clerk())
    expect(outside).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('«Шпилька» не входит') },
    })
    const unknown = await backend.dispatch('stock.counts.scan', { countId, code: 'NOPE' }, clerk())
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', issues: [{ path: ['code'] }] } })
    for (const quantity of ['0', '-1']) {
      const bad = await backend.dispatch('stock.counts.scan', { countId, code: '4601234567893', quantity }, clerk())
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['quantity'] }] } })
    }
  })

  it('refuses to submit while an item is neither counted nor confirmed "not found"', async () => {
    const refused = await backend.dispatch('stock.counts.submit', { countId }, clerk())
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Шайба М8') } })
    const detail = await call(backend, 'stock.counts.get', { countId }, clerk())
    const washerLine = detail.lines.find((l) => l.productId === washer)!
    await call(backend, 'stock.counts.markNotFound', { countId, lineIds: [washerLine.id] }, clerk())
    await call(backend, 'stock.counts.submit', { countId }, clerk())
  })

  it('shows the variance report after submission, valued at product cost', async () => {
    const detail = await call(backend, 'stock.counts.get', { countId }, manager())
    expect(detail.status).toBe('submitted')
    const byProduct = Object.fromEntries(detail.lines.map((l) => [l.productId, l]))
    expect(byProduct[bolt]).toMatchObject({
      countedQuantity: '9.000',
      bookQuantity: '10.000',
      variance: '-1.000',
      varianceValue: '-120.50',
    })
    expect(byProduct[nut]).toMatchObject({
      countedQuantity: '41.000',
      bookQuantity: '40.000',
      variance: '1.000',
      varianceValue: '15.00',
    })
    expect(byProduct[washer]).toMatchObject({
      notFound: true,
      countedQuantity: '0.000',
      variance: '-100.000',
      varianceValue: '-225.00',
    })
    expect(detail.totals).toEqual({ surplusValue: '15.00', shortageValue: '345.50', netValue: '-330.50', linesWithVariance: 3 })
    // Scanning into a submitted count is refused.
    const late = await backend.dispatch('stock.counts.scan', { countId, code: '4601234567893' }, clerk())
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('is approved only by a manager, posting adjustments at cost in one transaction, and never twice', async () => {
    const byClerk = await backend.dispatch('stock.counts.approve', { countId }, clerk())
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const approved = await call(backend, 'stock.counts.approve', { countId }, manager())
    expect(approved.movements).toBe(3)
    expect(await movementsOf(`stock count ${countNumber}`)).toEqual([
      { product_id: washer, movement_type: 'adjustment', quantity: '-100.000', unit_cost: '2.25' },
      { product_id: bolt, movement_type: 'adjustment', quantity: '-1.000', unit_cost: '120.50' },
      { product_id: nut, movement_type: 'adjustment', quantity: '1.000', unit_cost: '15.00' },
    ])
    // The bolt's later shipment (pulled by sync) stays on top of the counted variance.
    expect(await onHand(backend, bolt, tenant.workspaceId)).toBe('4.000')
    expect(await onHand(backend, nut, tenant.workspaceId)).toBe('41.000')
    expect(await onHand(backend, washer, tenant.workspaceId)).toBe('0.000')
    const again = await backend.dispatch('stock.counts.approve', { countId }, manager())
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('утверждена') } })
    expect(await movementsOf(`stock count ${countNumber}`)).toHaveLength(3)
  })
})

describe('counts of the whole workspace and of a category', () => {
  it('adds lines as items are scanned in a whole-workspace count; what was not scanned is not adjusted', async () => {
    const { countId } = await call(backend, 'stock.counts.create', { scope: 'workspace' }, clerk())
    await call(backend, 'stock.counts.scan', { countId, code: '4601234567800', quantity: '41' }, clerk())
    await call(backend, 'stock.counts.submit', { countId }, clerk())
    expect(await call(backend, 'stock.counts.approve', { countId }, manager())).toEqual({ movements: 0 })
  })

  it('counts a category with its sub-categories', async () => {
    const conn = pgliteConnection(backend.db)
    const parent = await insert(conn, 'product_categories', {
      organization_id: tenant.organizationId,
      workspace_id: tenant.workspaceId,
      name: 'Крепёж',
      code: 'FIX',
    })
    const child = await insert(conn, 'product_categories', {
      organization_id: tenant.organizationId,
      workspace_id: tenant.workspaceId,
      name: 'Анкеры',
      code: 'ANC',
      parent_id: parent,
    })
    const anchor = await stockedProduct(backend, tenant, { name: 'Анкер', category_id: child, onHand: '3' })
    const { countId } = await call(backend, 'stock.counts.create', { scope: 'category', categoryId: parent }, clerk())
    const detail = await call(backend, 'stock.counts.get', { countId }, clerk())
    expect(detail.lines.map((l) => l.productId)).toEqual([anchor])
    const missing = await backend.dispatch('stock.counts.create', { scope: 'category' }, clerk())
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['categoryId'] }] } })
  })

  it('counts every scan of a fast burst of scans (calls overlapping)', async () => {
    const { countId } = await call(backend, 'stock.counts.create', { scope: 'workspace' }, clerk())
    await Promise.all(
      Array.from({ length: 5 }, () => call(backend, 'stock.counts.scan', { countId, code: '4601234567800' }, clerk())),
    )
    const detail = await call(backend, 'stock.counts.get', { countId }, clerk())
    expect(detail.lines.map((l) => l.countedQuantity)).toEqual(['5.000'])
  })

  it('cancels a count, after which nothing can be counted or approved', async () => {
    const { countId } = await call(backend, 'stock.counts.create', { scope: 'workspace' }, clerk())
    await call(backend, 'stock.counts.cancel', { countId }, clerk())
    const scan = await backend.dispatch('stock.counts.scan', { countId, code: '4601234567800' }, clerk())
    expect(scan).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const approve = await backend.dispatch('stock.counts.approve', { countId }, manager())
    expect(approve).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('does not show another workspace’s count', async () => {
    const { countId } = await call(backend, 'stock.counts.create', { scope: 'workspace' }, clerk())
    const elsewhere = await backend.dispatch('stock.counts.get', { countId }, as(tenant, 'manager', 'en', tenant.workspace2Id))
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Stock count not found' } })
  })
})
