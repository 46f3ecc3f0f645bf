import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MethodName, MethodOutput, Result } from '../../../shared/contract'
import { withGtinCheckDigit } from '../../../shared/gtin'
import type { Locale } from '../../../shared/locale'
import type { OrganizationRole } from '../../../shared/permissions'
import { type SqlConnection, pgliteConnection } from '../../../db/connection'
import {
  type Tenant,
  addOrderItem,
  createCustomer,
  createOrder,
  createProduct,
  createTenant,
  insert,
  postMovement,
} from '../../../db/test/fixtures'
import { type SQL, sql } from 'drizzle-orm'
import { type CallContext, newConnection } from '../call-context'
import { fuzzySearchQuery } from '../data/catalog'
import { createOrm } from '../data/orm'
import { type Backend, startBackend } from '../start-backend'
import { sessionOf } from '../test-support'

// The catalog through the real dispatcher on a real PGlite: search (exact and fuzzy), filters,
// keyset paging, the card's sections, product and category edits with their refusals, and a
// second organization whose ids must never be accepted.
let backend: Backend
let conn: SqlConnection
let a: Tenant
let b: Tenant

const as = (tenant: Tenant, role: OrganizationRole = 'manager', locale: Locale = 'ru'): CallContext => ({
  connection: { ...newConnection(), locale, session: sessionOf(tenant, role) },
  origin: 'test',
})

async function call<M extends MethodName>(method: M, input: unknown, ctx = as(a)): Promise<Result<MethodOutput<M>>> {
  return (await backend.dispatch(method, input, ctx)) as Result<MethodOutput<M>>
}

async function value<M extends MethodName>(method: M, input: unknown, ctx = as(a)): Promise<MethodOutput<M>> {
  const result = await call(method, input, ctx)
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
  return result.value
}

const ean = (body12: string) => withGtinCheckDigit(body12)
const milkBarcode = ean('487000000001')
const boltBarcode = ean('460000000002')
/** A UPC-A item (12 digits); the same item as EAN-13 is '0' + it. */
const upc = withGtinCheckDigit('03600029145')

let dairy: string
let milkCategory: string
let hardware: string
let milk: string
let kefir: string
let bolt: string
let boltLatin: string
let upcProduct: string

beforeAll(async () => {
  backend = await startBackend()
  conn = pgliteConnection(backend.db)
  a = await createTenant(conn, 'ТОО А')
  b = await createTenant(conn, 'ТОО Б')
  const category = (t: Tenant, name: string, parent: string | null = null) =>
    insert(conn, 'product_categories', {
      organization_id: t.organizationId,
      workspace_id: t.workspaceId,
      name,
      parent_id: parent,
    })
  dairy = await category(a, 'Молочные продукты')
  milkCategory = await category(a, 'Молоко', dairy)
  hardware = await category(a, 'Крепёж')
  milk = await createProduct(conn, a, {
    code: 'A-001',
    name: 'Молоко пастеризованное 3,2% 1 л',
    barcode: milkBarcode,
    sku: 'MLK-32',
    category_id: milkCategory,
    min_stock_level: 5,
    reorder_point: 20,
  })
  kefir = await createProduct(conn, a, {
    code: 'A-002',
    name: 'Кефир 2,5% 0,9 л',
    category_id: dairy,
    min_stock_level: 5,
    reorder_point: 20,
  })
  bolt = await createProduct(conn, a, {
    code: 'A-003',
    name: 'Болт М8×40 оцинкованный',
    barcode: boltBarcode,
    category_id: hardware,
    type: 'MATERIAL',
    min_stock_level: 5,
    reorder_point: 20,
  })
  boltLatin = await createProduct(conn, a, {
    code: 'A-004',
    name: 'Steel bolt M10 galvanized',
    category_id: hardware,
    type: 'MATERIAL',
  })
  await createProduct(conn, a, { code: 'A-005', name: 'Доставка по городу', type: 'SERVICE', track_inventory: false })
  upcProduct = await createProduct(conn, a, { code: 'A-006', name: 'Импортный соус', barcode: upc, status: 'INACTIVE' })
  // The other organization has a product with the same code and barcode: never seen by a.
  await createProduct(conn, b, { code: 'A-001', name: 'Молоко чужое', barcode: ean('487000000099') })
  // Stock: milk in stock (30 in Алматы, 10 in Астана), kefir low (3), bolt at reorder (12), latin bolt none.
  await postMovement(conn, a, milk, 'receipt', 30)
  await postMovement(conn, a, milk, 'receipt', 10, { workspace_id: a.workspace2Id })
  await postMovement(conn, a, kefir, 'receipt', 3)
  await postMovement(conn, a, bolt, 'receipt', 12)
})
afterAll(async () => backend.close())

describe('catalog.products.list', () => {
  it('finds an exact barcode, SKU or code first and marks it, whatever the filters', async () => {
    for (const search of [milkBarcode, 'MLK-32', 'A-001', `0${milkBarcode}`]) {
      const page = await value('catalog.products.list', { search, type: 'SERVICE' })
      expect(page.mode, search).toBe('exact')
      expect(page.exactId).toBe(milk)
      expect(page.rows.map((r) => r.id)).toEqual([milk])
    }
  })

  it('finds a name with a Cyrillic typo, best match first', async () => {
    const page = await value('catalog.products.list', { search: 'малако пастеризованое' })
    expect(page.mode).toBe('fuzzy')
    expect(page.rows[0]?.id).toBe(milk)
    const bolts = await value('catalog.products.list', { search: 'болт оцинкованый' })
    expect(bolts.rows[0]?.id).toBe(bolt)
  })

  it('finds a Latin name with a typo and applies filters to fuzzy results', async () => {
    const page = await value('catalog.products.list', { search: 'stel bolt' })
    expect(page.rows.map((r) => r.id)).toContain(boltLatin)
    const filtered = await value('catalog.products.list', { search: 'stel bolt', type: 'PRODUCT' })
    expect(filtered.rows.map((r) => r.id)).not.toContain(boltLatin)
  })

  it('answers an empty fuzzy page for nonsense', async () => {
    const page = await value('catalog.products.list', { search: 'щщщъъъ zzzq' })
    expect(page.rows).toEqual([])
  })

  it('filters by a category including its sub-categories, by type, status and stock status', async () => {
    const ids = async (input: Record<string, unknown>) => (await value('catalog.products.list', input)).rows.map((r) => r.id)
    expect(await ids({ categoryId: dairy })).toEqual([milk, kefir])
    expect(await ids({ categoryId: milkCategory })).toEqual([milk])
    expect(await ids({ type: 'MATERIAL' })).toEqual([bolt, boltLatin])
    expect(await ids({ status: 'INACTIVE' })).toEqual([upcProduct])
    expect(await ids({ stockStatus: 'IN_STOCK' })).toEqual([milk])
    expect(await ids({ stockStatus: 'LOW_STOCK' })).toEqual([kefir])
    expect(await ids({ stockStatus: 'REORDER_NEEDED' })).toEqual([bolt])
    // Untracked services are in no stock status (as the seed's inventory_status view).
    expect(await ids({ stockStatus: 'OUT_OF_STOCK' })).toEqual([boltLatin, upcProduct])
  })

  it('shows stock totals and status on each row', async () => {
    const page = await value('catalog.products.list', { search: 'A-001' })
    expect(page.rows[0]).toMatchObject({ onHand: '40.000', available: '40.000', stockStatus: 'IN_STOCK', categoryName: 'Молоко' })
    const svc = await value('catalog.products.list', { search: 'A-005' })
    expect(svc.rows[0]?.stockStatus).toBe('NOT_TRACKED')
  })

  it('pages by keyset in code order without gaps or repeats, only the caller’s organization', async () => {
    const seen: string[] = []
    let after: { code: string } | undefined
    for (let i = 0; i < 10; i++) {
      const page: MethodOutput<'catalog.products.list'> = await value('catalog.products.list', { limit: 4, after })
      seen.push(...page.rows.map((r) => r.code))
      if (!page.nextCursor) break
      after = page.nextCursor
    }
    expect(seen).toEqual(['A-001', 'A-002', 'A-003', 'A-004', 'A-005', 'A-006'])
  })

  it('needs catalog.read', async () => {
    const ctx = as(a)
    ctx.connection.session = { ...ctx.connection.session!, permissions: new Set() }
    const result = await call('catalog.products.list', {}, ctx)
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN')
  })
})

describe('catalog.lookup', () => {
  it('matches a barcode in any GTIN form, a SKU and a code; null otherwise', async () => {
    expect(await value('catalog.lookup', { code: milkBarcode })).toMatchObject({ matchedBy: 'barcode', product: { id: milk } })
    expect(await value('catalog.lookup', { code: `0${upc}` })).toMatchObject({
      matchedBy: 'barcode',
      product: { id: upcProduct },
    })
    expect(await value('catalog.lookup', { code: `00${upc}` })).toMatchObject({
      matchedBy: 'barcode',
      product: { id: upcProduct },
    })
    expect(await value('catalog.lookup', { code: 'MLK-32' })).toMatchObject({ matchedBy: 'sku', product: { id: milk } })
    expect(await value('catalog.lookup', { code: 'A-003' })).toMatchObject({ matchedBy: 'code', product: { id: bolt } })
    expect(await value('catalog.lookup', { code: ean('487999999999') })).toEqual({ product: null, matchedBy: null })
    // Another organization's barcode is unknown here.
    expect((await value('catalog.lookup', { code: ean('487000000099') })).product).toBeNull()
  })
})

describe('product card', () => {
  it('shows details and stock per workspace', async () => {
    const card = await value('catalog.products.get', { productId: milk })
    expect(card).toMatchObject({ code: 'A-001', onHand: '40.000', hasLedger: true, categoryName: 'Молоко' })
    expect(card.stock.map((s) => [s.workspaceName, s.onHand]).sort()).toEqual([
      ['Алматы', '30.000'],
      ['Астана', '10.000'],
    ])
  })

  it('is NOT_FOUND for another organization’s product', async () => {
    const other = await createProduct(conn, b, { code: 'B-1' })
    const result = await call('catalog.products.get', { productId: other })
    expect(result.ok ? null : result.error.code).toBe('NOT_FOUND')
  })

  it('pages the stock ledger newest first', async () => {
    const product = await createProduct(conn, a, { code: 'LEDGER-1', name: 'Гайка М8' })
    for (let i = 1; i <= 5; i++)
      await postMovement(conn, a, product, 'receipt', i, { created_at: `2026-03-0${i} 10:00:00`, reason: `r${i}` })
    const first = await value('catalog.products.movements', { productId: product, limit: 2 })
    expect(first.rows.map((r) => r.reason)).toEqual(['r5', 'r4'])
    const second = await value('catalog.products.movements', { productId: product, limit: 2, before: first.nextCursor })
    expect(second.rows.map((r) => r.reason)).toEqual(['r3', 'r2'])
    const third = await value('catalog.products.movements', { productId: product, limit: 2, before: second.nextCursor })
    expect(third.rows.map((r) => r.reason)).toEqual(['r1'])
    expect(third.nextCursor).toBeNull()
  })

  it('lists open orders with the product and reservations net per order', async () => {
    const product = await createProduct(conn, a, { code: 'DEMAND-1', name: 'Шайба 8' })
    await postMovement(conn, a, product, 'receipt', 100)
    const customer = await createCustomer(conn, a, { name: 'ТОО Покупатель', company_name: 'ТОО Покупатель' })
    const open = await createOrder(conn, a, { customer_id: customer, order_number: 'ORD-1', status: 'confirmed' })
    const done = await createOrder(conn, a, { customer_id: customer, order_number: 'ORD-2', status: 'delivered' })
    await addOrderItem(conn, open, product, { quantity_ordered: '7' })
    await addOrderItem(conn, done, product, { quantity_ordered: '2' })
    await postMovement(conn, a, product, 'reservation', 7, { order_id: open })
    await postMovement(conn, a, product, 'release', -2, { order_id: open })
    const released = await createOrder(conn, a, { customer_id: customer, order_number: 'ORD-3', status: 'confirmed' })
    await postMovement(conn, a, product, 'reservation', 1, { order_id: released })
    await postMovement(conn, a, product, 'release', -1, { order_id: released })
    const demand = await value('catalog.products.demand', { productId: product })
    expect(demand.openOrders.map((o) => [o.orderNumber, o.quantityOrdered, o.counterparty])).toEqual([
      ['ORD-1', '7.000', 'ТОО Покупатель'],
    ])
    expect(demand.reservations.map((r) => [r.orderNumber, r.reserved])).toEqual([['ORD-1', '5.000']])
  })

  it('lists the product’s own BOMs and the BOMs it is used in', async () => {
    const table = await createProduct(conn, a, { code: 'BOM-T', name: 'Стол', type: 'MANUFACTURED' })
    const bomId = await insert(conn, 'bills_of_materials', {
      organization_id: a.organizationId,
      workspace_id: a.workspaceId,
      product_id: table,
      name: 'Стол v1',
      status: 'active',
      is_default: true,
    })
    await insert(conn, 'bom_components', { bom_id: bomId, component_id: bolt, quantity_per_unit: '8' })
    await insert(conn, 'bom_components', { bom_id: bomId, component_id: kefir, substitute_component_id: boltLatin })
    const own = await value('catalog.products.boms', { productId: table })
    expect(own.own).toMatchObject([{ bomId, name: 'Стол v1', isDefault: true, componentCount: 2 }])
    const usedIn = await value('catalog.products.boms', { productId: bolt })
    expect(usedIn.usedIn).toMatchObject([{ bomId, productCode: 'BOM-T', quantityPerUnit: '8.000', asSubstitute: false }])
    const substitute = await value('catalog.products.boms', { productId: boltLatin })
    expect(substitute.usedIn).toMatchObject([{ bomId, asSubstitute: true }])
  })
})

describe('creating and editing products', () => {
  const base = {
    code: 'NEW-1',
    name: 'Саморез 4,2×32',
    unit: 'шт',
    price: '12,50',
    cost: '7',
    categoryId: undefined as string | undefined,
  }

  it('creates a product, audited, with today’s VAT rate of its category', async () => {
    const { productId } = await value('catalog.products.create', { ...base, categoryId: hardware, barcode: ean('487000000123') })
    const card = await value('catalog.products.get', { productId })
    expect(card).toMatchObject({ price: '12.50', cost: '7.00', vatRate: '16.00', taxCategory: 'standard', categoryId: hardware })
    const medical = await value('catalog.products.create', { ...base, code: 'MED-1', taxCategory: 'medical' })
    // The reduced rate changes by date (5% in 2026, 10% from 2027): compared with the table's answer for today.
    const today = await conn.query<{ rate: string }>(`SELECT vat_rate_on('medical', CURRENT_DATE)::text AS rate`)
    expect((await value('catalog.products.get', { productId: medical.productId })).vatRate).toBe(today.rows[0]?.rate)
    const audit = await conn.query<{ action: string }>('SELECT action FROM audit_logs WHERE entity_id = $1', [productId])
    expect(audit.rows.map((r) => r.action)).toEqual(['CREATE'])
  })

  it('refuses an invalid EAN naming barcode, in the person’s language', async () => {
    const bad = `${milkBarcode.slice(0, -1)}${(Number(milkBarcode.at(-1)) + 1) % 10}`
    const ru = await call('catalog.products.create', { ...base, code: 'NEW-2', barcode: bad })
    expect(ru.ok ? null : ru.error.code).toBe('VALIDATION')
    expect(ru.ok ? null : ru.error.issues?.[0]).toMatchObject({
      path: ['barcode'],
      message: expect.stringContaining('контрольной цифрой'),
    })
    const kk = await call('catalog.products.create', { ...base, code: 'NEW-2', barcode: bad }, as(a, 'manager', 'kk'))
    expect(kk.ok ? null : kk.error.issues?.[0]?.message).toContain('бақылау цифры')
  })

  it('refuses a taken code and a taken barcode naming the product that has it', async () => {
    const code = await call('catalog.products.create', { ...base, code: 'A-001' })
    expect(code.ok ? null : code.error).toMatchObject({ code: 'CONFLICT', issues: [{ path: ['code'] }] })
    expect(code.ok ? '' : code.error.message).toContain('Молоко пастеризованное')
    // The same item written as GTIN-14 is the same barcode.
    const barcode = await call('catalog.products.create', { ...base, code: 'NEW-3', barcode: `0${milkBarcode}` })
    expect(barcode.ok ? null : barcode.error).toMatchObject({ code: 'CONFLICT', issues: [{ path: ['barcode'] }] })
    expect(barcode.ok ? '' : barcode.error.message).toContain('«Молоко пастеризованное 3,2% 1 л» (A-001)')
  })

  it('refuses negative prices and an unknown category', async () => {
    const price = await call('catalog.products.create', { ...base, code: 'NEW-4', price: '-1' })
    expect(price.ok ? null : price.error.issues?.[0]?.path).toEqual(['price'])
    const cost = await call('catalog.products.create', { ...base, code: 'NEW-4', cost: '1.234' })
    expect(cost.ok ? null : cost.error.issues?.[0]?.path).toEqual(['cost'])
    const foreign = await insert(conn, 'product_categories', {
      organization_id: b.organizationId,
      workspace_id: b.workspaceId,
      name: 'Чужая',
    })
    const category = await call('catalog.products.create', { ...base, code: 'NEW-4', categoryId: foreign })
    expect(category.ok ? null : category.error).toMatchObject({ code: 'NOT_FOUND', issues: [{ path: ['categoryId'] }] })
  })

  it('edits fields, keeps the barcode when unchanged, and needs catalog.manage', async () => {
    const { productId } = await value('catalog.products.create', { ...base, code: 'EDIT-1', barcode: ean('487000000130') })
    await value('catalog.products.update', {
      productId,
      name: 'Саморез 4,2×32 (оцинк.)',
      price: '13',
      barcode: ean('487000000130'),
    })
    expect(await value('catalog.products.get', { productId })).toMatchObject({ name: 'Саморез 4,2×32 (оцинк.)', price: '13.00' })
    const taken = await call('catalog.products.update', { productId, code: 'A-002' })
    expect(taken.ok ? null : taken.error.issues?.[0]?.path).toEqual(['code'])
    const employee = await call('catalog.products.update', { productId, name: 'x' }, as(a, 'employee'))
    expect(employee.ok ? null : employee.error.code).toBe('FORBIDDEN')
  })

  it('deletes an unused product but only retires one with ledger rows', async () => {
    const { productId } = await value('catalog.products.create', { ...base, code: 'DEL-1' })
    await value('catalog.products.delete', { productId })
    expect((await call('catalog.products.get', { productId })).ok).toBe(false)
    const used = await call('catalog.products.delete', { productId: milk })
    expect(used.ok ? null : used.error).toMatchObject({ code: 'CONFLICT', issues: [{ path: ['productId'] }] })
    await value('catalog.products.update', { productId: milk, status: 'DISCONTINUED' })
    expect((await value('catalog.products.get', { productId: milk })).status).toBe('DISCONTINUED')
    await value('catalog.products.update', { productId: milk, status: 'ACTIVE' })
  })
})

describe('catalog.products.assignBarcode', () => {
  it('validates the check digit and uniqueness, then the scan finds the product', async () => {
    const fresh = ean('487555000001')
    const bad = `${fresh.slice(0, -1)}${(Number(fresh.at(-1)) + 3) % 10}`
    const invalid = await call('catalog.products.assignBarcode', { productId: kefir, barcode: bad })
    expect(invalid.ok ? null : invalid.error.issues?.[0]?.path).toEqual(['barcode'])
    const taken = await call('catalog.products.assignBarcode', { productId: kefir, barcode: boltBarcode })
    expect(taken.ok ? null : taken.error).toMatchObject({ code: 'CONFLICT', issues: [{ path: ['barcode'] }] })
    await value('catalog.products.assignBarcode', { productId: kefir, barcode: fresh })
    expect((await value('catalog.lookup', { code: fresh })).product?.id).toBe(kefir)
    const audit = await conn.query<{ reason: string }>(
      `SELECT reason FROM audit_logs WHERE entity_id = $1 AND action = 'UPDATE'`,
      [kefir],
    )
    expect(audit.rows.map((r) => r.reason)).toContain('barcode assigned from a scan')
  })
})

describe('categories', () => {
  it('creates, renames, moves, refuses cycles and deactivates', async () => {
    const { categoryId: tools } = await value('catalog.categories.create', { name: 'Инструмент' })
    const { categoryId: hand } = await value('catalog.categories.create', { name: 'Ручной', parentId: tools })
    const { categoryId: keys } = await value('catalog.categories.create', { name: 'Ключи', parentId: hand })
    await value('catalog.categories.update', { categoryId: hand, name: 'Ручной инструмент' })
    const cycle = await call('catalog.categories.update', { categoryId: tools, parentId: keys }, as(a, 'manager', 'en'))
    expect(cycle.ok ? null : cycle.error).toMatchObject({ code: 'CONFLICT', issues: [{ path: ['parentId'] }] })
    expect(cycle.ok ? '' : cycle.error.message).toContain('“Инструмент”')
    const self = await call('catalog.categories.update', { categoryId: hand, parentId: hand })
    expect(self.ok ? null : self.error.code).toBe('CONFLICT')
    await value('catalog.categories.update', { categoryId: keys, parentId: tools })
    await value('catalog.categories.update', { categoryId: hand, parentId: null })
    await value('catalog.categories.update', { categoryId: hand, isActive: false })
    const list = await value('catalog.categories.list', {})
    const byId = new Map(list.map((c) => [c.id, c]))
    expect(byId.get(keys)?.parentId).toBe(tools)
    expect(byId.get(hand)).toMatchObject({ name: 'Ручной инструмент', parentId: null, isActive: false })
    expect(byId.get(milkCategory)?.productCount).toBe(1)
    const inactive = await call('catalog.products.create', { code: 'INACT-1', name: 'Ключ 10', categoryId: hand })
    expect(inactive.ok ? null : inactive.error).toMatchObject({ code: 'CONFLICT', issues: [{ path: ['categoryId'] }] })
  })

  it('lists today’s VAT rates', async () => {
    const rates = await value('catalog.taxRates.current', {})
    expect(rates.map((r) => [r.taxCategory, r.rate])).toContainEqual(['standard', '16.00'])
  })
})

describe('query plans', () => {
  it('can serve the fuzzy search from the trigram index and the barcode look-up from the GTIN index', async () => {
    // The statements must match the indexes (operator, expression, collation). A few thousand
    // rows are still cheaper to scan, so plain and index scans are switched off here (only a
    // bitmap scan of an index that fits the statement is left); the bench reports the plan the
    // large demo really gets.
    await conn.query(
      `INSERT INTO products (organization_id, workspace_id, code, name, barcode)
       SELECT $1, $2, 'PLAN-' || g, 'Изделие ' || md5(g::text), lpad(g::text, 13, '7')
       FROM generate_series(1, 3000) g`,
      [b.organizationId, b.workspaceId],
    )
    await createProduct(conn, b, { code: 'PLAN-CABLE', name: 'Кабель силовой ВВГнг 3×2,5' })
    await conn.query('ANALYZE products')
    const orm = createOrm(backend.db)
    const plan = async (query: SQL) =>
      orm.transaction(async (tx) => {
        await tx.execute(
          sql`SELECT set_config('pg_trgm.word_similarity_threshold', '0.3', true), set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`,
        )
        const result = await tx.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN ${query}`)
        return result.rows.map((r) => r['QUERY PLAN']).join('\n')
      })
    const fuzzy = await plan(fuzzySearchQuery(b.organizationId, {}, 'кабел силовой', 50))
    expect(fuzzy).toContain('idx_products_name_trgm')
    const lookup = await plan(
      sql`SELECT id FROM products p WHERE p.organization_id = ${b.organizationId} AND lpad(p.barcode, 14, '0') = ${'07777777777771'}`,
    )
    expect(lookup).toContain('idx_products_org_gtin')
    // The same search through the handler finds the cable first.
    const page = await value('catalog.products.list', { search: 'кабел силовой' }, as(b))
    expect(page.rows[0]?.code).toBe('PLAN-CABLE')
  })
})
