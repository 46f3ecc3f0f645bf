/**
 * Finance and the additions on both engines: VAT rates by date, payment allocations and paid
 * amounts, document number series, and the sync hooks of the triggers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { engines, type TestDatabase } from './engines'
import {
  addOrderItem,
  createCustomer,
  createInvoice,
  createOrder,
  createProduct,
  createTenant,
  insert,
  one,
  type Tenant,
} from './fixtures'

describe.each(engines)('finance and additions on $name', ({ open }) => {
  let db: TestDatabase
  let t: Tenant
  beforeAll(async () => {
    db = await open()
    t = await createTenant(db.conn)
  })
  afterAll(() => db?.close())

  it('gives the VAT rate of a category on a date (vat_rate_on)', async () => {
    const rate = async (category: string, date: string) =>
      (await one<{ r: string | null }>(db.conn, 'SELECT vat_rate_on($1, $2::date)::text AS r', [category, date])).r
    expect(await rate('standard', '2025-12-31')).toBe('12.00')
    expect(await rate('standard', '2026-01-01')).toBe('16.00')
    expect(await rate('standard', '2030-06-15')).toBe('16.00')
    expect(await rate('medical', '2026-07-01')).toBe('5.00')
    expect(await rate('medical', '2026-12-31')).toBe('5.00')
    expect(await rate('medical', '2027-01-01')).toBe('10.00')
    expect(await rate('medical', '2025-06-01')).toBeNull() // no reduced rate before the 2026 code
    expect(await rate('exempt', '2026-03-01')).toBe('0.00')
    // defaults follow the 2026 standard rate
    const p = await createProduct(db.conn, t)
    expect(await one(db.conn, 'SELECT vat_rate, tax_category FROM products WHERE id = $1', [p])).toEqual({
      vat_rate: '16.00',
      tax_category: 'standard',
    })
    const item = await addOrderItem(db.conn, await createOrder(db.conn, t), p)
    expect((await one(db.conn, 'SELECT tax_percent FROM order_items WHERE id = $1', [item])).tax_percent).toBe('16.00')
    // overlapping periods are refused
    await expect(
      insert(db.conn, 'tax_rates', { tax_category: 'standard', rate: '15.00', valid_from: '2030-01-01' }),
    ).rejects.toThrow(/overlaps/)
  })

  it('allocates one payment to several invoices and maintains paid_amount and status', async () => {
    const c = await createCustomer(db.conn, t)
    const order = await createOrder(db.conn, t, { customer_id: c, status: 'confirmed' })
    await addOrderItem(db.conn, order, await createProduct(db.conn, t), { unit_price: '2000.00', quantity_ordered: '1' }) // 2320 with VAT
    const invA = await createInvoice(db.conn, t, { customer_id: c, order_id: order, status: 'sent' })
    await insert(db.conn, 'invoice_items', { invoice_id: invA, description: 'A', unit_price: '1000.00' }) // 1160
    const invB = await createInvoice(db.conn, t, { customer_id: c, order_id: order, status: 'sent' })
    await insert(db.conn, 'invoice_items', { invoice_id: invB, description: 'B', unit_price: '1000.00' }) // 1160
    const payment = await insert(db.conn, 'payments', {
      organization_id: t.organizationId,
      workspace_id: t.workspaceId,
      customer_id: c,
      amount: '2000.00',
      payment_method: 'BANK_TRANSFER',
    })
    const allocate = (invoice: string, amount: string) =>
      insert(db.conn, 'payment_allocations', {
        organization_id: t.organizationId,
        workspace_id: t.workspaceId,
        payment_id: payment,
        invoice_id: invoice,
        amount,
      })
    await allocate(invA, '1160.00')
    const allocB = await allocate(invB, '840.00')
    const invoice = (id: string) => one(db.conn, 'SELECT total_amount, paid_amount, status FROM invoices WHERE id = $1', [id])
    expect(await invoice(invA)).toEqual({ total_amount: '1160.00', paid_amount: '1160.00', status: 'paid' })
    expect(await invoice(invB)).toEqual({ total_amount: '1160.00', paid_amount: '840.00', status: 'partial' })
    expect(await one(db.conn, 'SELECT total_amount, paid_amount, payment_status FROM orders WHERE id = $1', [order])).toEqual({
      total_amount: '2320.00',
      paid_amount: '2000.00',
      payment_status: 'partial',
    })
    expect((await one(db.conn, 'SELECT balance FROM customers WHERE id = $1', [c])).balance).toBe('320.00')

    // over-allocation is refused
    await expect(allocate(await createInvoice(db.conn, t, { status: 'sent' }), '0.01')).rejects.toThrow(/exceed its amount/)
    // a direct payment on the invoice settles the rest
    await insert(db.conn, 'payments', {
      organization_id: t.organizationId,
      workspace_id: t.workspaceId,
      invoice_id: invB,
      amount: '320.00',
      payment_method: 'CASH',
    })
    expect(await invoice(invB)).toEqual({ total_amount: '1160.00', paid_amount: '1160.00', status: 'paid' })
    expect((await one(db.conn, 'SELECT payment_status FROM orders WHERE id = $1', [order])).payment_status).toBe('paid')
    expect((await one(db.conn, 'SELECT balance FROM customers WHERE id = $1', [c])).balance).toBe('0.00')

    // withdrawing an allocation or refunding the payment reopens the invoices
    await db.conn.query('UPDATE payment_allocations SET deleted_at = CURRENT_TIMESTAMP WHERE id = $1', [allocB])
    expect(await invoice(invB)).toEqual({ total_amount: '1160.00', paid_amount: '320.00', status: 'partial' })
    await db.conn.query("UPDATE payments SET status = 'refunded' WHERE id = $1", [payment])
    expect(await invoice(invA)).toEqual({ total_amount: '1160.00', paid_amount: '0.00', status: 'sent' })
    expect(await one(db.conn, 'SELECT paid_amount, payment_status FROM orders WHERE id = $1', [order])).toEqual({
      paid_amount: '320.00',
      payment_status: 'partial',
    })
    // an app-supplied paid_amount does not survive
    await db.conn.query('UPDATE invoices SET paid_amount = 5 WHERE id = $1', [invA])
    expect((await invoice(invA)).paid_amount).toBe('0.00')
  })

  it('issues document numbers from a terminal series without gaps or truncation', async () => {
    await insert(db.conn, 'document_series', {
      organization_id: t.organizationId,
      owner_id: 'terminal-7',
      document_type: 'ORDER',
      prefix: 'T07',
      next_number: 123,
    })
    await insert(db.conn, 'document_series', {
      organization_id: t.organizationId,
      owner_type: 'head_office',
      document_type: 'INVOICE',
      prefix: 'HQ',
      number_width: 2,
      next_number: 99,
    })
    const next = async (type: string, prefix: string) =>
      (await one<{ n: string }>(db.conn, 'SELECT next_document_number($1, $2, $3) AS n', [t.organizationId, type, prefix])).n
    expect(await next('ORDER', 'T07')).toBe('T07-ORD-000123')
    expect(await next('ORDER', 'T07')).toBe('T07-ORD-000124')
    expect(await next('INVOICE', 'HQ')).toBe('HQ-INV-99')
    expect(await next('INVOICE', 'HQ')).toBe('HQ-INV-100')
    await expect(next('PAYMENT', 'T07')).rejects.toThrow(/No active PAYMENT number series/)
    // a pulled row with an older counter cannot move the series back
    await db.conn.query("UPDATE document_series SET next_number = 1 WHERE prefix = 'T07' AND organization_id = $1", [
      t.organizationId,
    ])
    expect(await next('ORDER', 'T07')).toBe('T07-ORD-000125')
  })

  it('stamps updated_at on edits, keeps applied values while syncing, and not on derived refreshes', async () => {
    const c = await createCustomer(db.conn, t, { updated_at: '2020-01-01 00:00:00' })
    const updatedAt = async () =>
      (await one<{ u: string }>(db.conn, 'SELECT updated_at::text AS u FROM customers WHERE id = $1', [c])).u
    // a derived refresh (new order) changes the counters, not updated_at
    await createOrder(db.conn, t, { customer_id: c })
    expect(await updatedAt()).toBe('2020-01-01 00:00:00')
    expect((await one(db.conn, 'SELECT order_count FROM customers WHERE id = $1', [c])).order_count).toBe(1)
    // pulled change: the writer's updated_at stands
    await db.conn.transaction(async (tx) => {
      await tx.exec("SET LOCAL prometric.sync_apply = 'on'")
      await tx.query("UPDATE customers SET name = 'ТОО Синхр', updated_at = '2021-05-05 10:00:00' WHERE id = $1", [c])
    })
    expect(await updatedAt()).toBe('2021-05-05 10:00:00')
    // a local edit stamps the current time (Asia/Almaty wall clock)
    await db.conn.query("UPDATE customers SET name = 'ТОО Локально', updated_at = '2000-01-01' WHERE id = $1", [c])
    const now = (await one<{ n: string }>(db.conn, "SELECT (CURRENT_TIMESTAMP AT TIME ZONE 'Asia/Almaty')::date::text AS n")).n
    expect((await updatedAt()).slice(0, 10)).toBe(now)
  })

  it('leaves a pulled deal probability alone but still recomputes derived totals while syncing', async () => {
    const c = await createCustomer(db.conn, t)
    const order = await createOrder(db.conn, t)
    const p = await createProduct(db.conn, t)
    const { deal } = await db.conn.transaction(async (tx) => {
      await tx.exec("SET LOCAL prometric.sync_apply = 'on'")
      const d = await insert(tx, 'deals', {
        organization_id: t.organizationId,
        workspace_id: t.workspaceId,
        customer_id: c,
        title: 'Pulled',
        stage: 'LEAD',
        probability: 35,
      })
      // a pulled line with another replica's (wrong) tax_amount: recomputed here too
      await addOrderItem(tx, order, p, { unit_price: '100.00', tax_amount: '1.00' })
      return { deal: d }
    })
    expect((await one(db.conn, 'SELECT probability FROM deals WHERE id = $1', [deal])).probability).toBe(35)
    expect((await one(db.conn, 'SELECT total_amount FROM orders WHERE id = $1', [order])).total_amount).toBe('116.00')
    expect((await one(db.conn, 'SELECT deal_count FROM customers WHERE id = $1', [c])).deal_count).toBe(1)
  })
})
