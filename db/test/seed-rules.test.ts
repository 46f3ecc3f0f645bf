/**
 * The seed's behaviour on both engines: business-rule triggers, generated columns, the views
 * and the materialized view, plus the derived customer counters and the daily_sales table.
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
  postMovement,
  useTenant,
  type Tenant,
} from './fixtures'

describe.each(engines)('seed rules on $name', ({ open }) => {
  let db: TestDatabase
  let t: Tenant
  beforeAll(async () => {
    db = await open()
    t = await createTenant(db.conn)
  })
  afterAll(() => db?.close())

  const deal = (customerId: string, stage: string, probability: number, values: Record<string, unknown> = {}) =>
    insert(db.conn, 'deals', {
      organization_id: t.organizationId,
      workspace_id: t.workspaceId,
      customer_id: customerId,
      title: 'Поставка',
      stage,
      probability,
      ...values,
    })

  it('caps or sets deal probability by stage (validate_deal_probability) for every stage', async () => {
    const c = await createCustomer(db.conn, t)
    const expected: Record<string, [number, number]> = {
      // stage: [probability after inserting 95, after inserting 10]
      LEAD: [20, 10],
      QUALIFIED: [40, 10],
      PROPOSAL: [60, 10],
      NEGOTIATION: [80, 10],
      CLOSING: [95, 10],
      WON: [100, 100],
      LOST: [0, 0],
    }
    for (const [stage, [high, low]] of Object.entries(expected)) {
      const a = await deal(c, stage, 95)
      const b = await deal(c, stage, 10)
      expect((await one(db.conn, 'SELECT probability FROM deals WHERE id = $1', [a])).probability, stage).toBe(high)
      expect((await one(db.conn, 'SELECT probability FROM deals WHERE id = $1', [b])).probability, stage).toBe(low)
    }
    // on update too
    const d = await deal(c, 'CLOSING', 90)
    await db.conn.query("UPDATE deals SET stage = 'QUALIFIED' WHERE id = $1", [d])
    expect((await one(db.conn, 'SELECT probability FROM deals WHERE id = $1', [d])).probability).toBe(40)
  })

  it('refuses to delete a product referenced by a deal, order or invoice, with the seed message', async () => {
    const c = await createCustomer(db.conn, t)
    const free = await createProduct(db.conn, t)
    await db.conn.query('DELETE FROM products WHERE id = $1', [free])
    const inDeal = await createProduct(db.conn, t)
    await insert(db.conn, 'deal_products', { deal_id: await deal(c, 'LEAD', 10), product_id: inDeal })
    const inOrder = await createProduct(db.conn, t)
    await addOrderItem(db.conn, await createOrder(db.conn, t), inOrder)
    const inInvoice = await createProduct(db.conn, t)
    await insert(db.conn, 'invoice_items', {
      invoice_id: await createInvoice(db.conn, t),
      product_id: inInvoice,
      description: 'x',
    })
    for (const p of [inDeal, inOrder, inInvoice]) {
      await expect(db.conn.query('DELETE FROM products WHERE id = $1', [p])).rejects.toThrow(
        'Cannot delete product that is referenced in deals, orders, or invoices',
      )
    }
  })

  it('computes line totals without taxing VAT-inclusive prices twice (order_items, deal_products, invoice_items)', async () => {
    const p = await createProduct(db.conn, t)
    const order = await createOrder(db.conn, t, { shipping_cost: '500.00', discount_amount: '100.00' })
    // net price: 2 × 1000 − 100 = 1900 net, 16% VAT on top = 304
    const net = await addOrderItem(db.conn, order, p, { quantity_ordered: '2', unit_price: '1000.00', discount_amount: '100.00' })
    // VAT-inclusive price: 2 × 1160 = 2320 gross, of which VAT 2320 × 16/116 = 320
    const gross = await addOrderItem(db.conn, order, p, { quantity_ordered: '2', unit_price: '1160.00', vat_included: true })
    // fractional quantity at the 2026 reduced medical rate: 0.125 × 999.99 = 125.00 gross, VAT 125 × 5/105 = 5.95
    const medical = await addOrderItem(db.conn, order, p, {
      quantity_ordered: '0.125',
      unit_price: '999.99',
      tax_percent: '5.00',
      vat_included: true,
    })
    const line = (id: string) => one(db.conn, 'SELECT net_amount, tax_amount, line_total FROM order_items WHERE id = $1', [id])
    expect(await line(net)).toEqual({ net_amount: '1900.00', tax_amount: '304.00', line_total: '2204.00' })
    expect(await line(gross)).toEqual({ net_amount: '2000.00', tax_amount: '320.00', line_total: '2320.00' })
    expect(await line(medical)).toEqual({ net_amount: '119.05', tax_amount: '5.95', line_total: '125.00' })
    // header: subtotal = Σ net, tax = Σ tax, total_amount = subtotal + tax + shipping − discount
    expect(await one(db.conn, 'SELECT subtotal, tax_amount, total_amount FROM orders WHERE id = $1', [order])).toEqual({
      subtotal: '4019.05',
      tax_amount: '629.95',
      total_amount: '5049.00',
    })
    // an app-supplied tax_amount or subtotal does not survive
    await db.conn.query('UPDATE order_items SET tax_amount = 1 WHERE id = $1', [net])
    await db.conn.query('UPDATE orders SET subtotal = 1 WHERE id = $1', [order])
    expect((await one(db.conn, 'SELECT total_amount FROM orders WHERE id = $1', [order])).total_amount).toBe('5049.00')
    // removing a line updates the header
    await db.conn.query('DELETE FROM order_items WHERE id = $1', [medical])
    expect((await one(db.conn, 'SELECT total_amount FROM orders WHERE id = $1', [order])).total_amount).toBe('4924.00')

    const c = await createCustomer(db.conn, t)
    const dp = await insert(db.conn, 'deal_products', {
      deal_id: await deal(c, 'PROPOSAL', 50),
      product_id: p,
      quantity: '3',
      unit_price: '116.00',
      vat_included: true,
    })
    expect(await one(db.conn, 'SELECT net_amount, tax_amount, total_price FROM deal_products WHERE id = $1', [dp])).toEqual({
      net_amount: '300.00',
      tax_amount: '48.00',
      total_price: '348.00',
    })
    const dpNet = await insert(db.conn, 'deal_products', {
      deal_id: await deal(c, 'PROPOSAL', 50),
      product_id: p,
      quantity: '3',
      unit_price: '100.00',
      discount_amount: '10.00',
    })
    expect(await one(db.conn, 'SELECT net_amount, tax_amount, total_price FROM deal_products WHERE id = $1', [dpNet])).toEqual({
      net_amount: '290.00',
      tax_amount: '46.40',
      total_price: '336.40',
    })

    const inv = await createInvoice(db.conn, t, { discount_amount: '10.00' })
    await insert(db.conn, 'invoice_items', { invoice_id: inv, description: 'Услуга', quantity: '1.5', unit_price: '2000.00' })
    await insert(db.conn, 'invoice_items', {
      invoice_id: inv,
      description: 'Товар',
      quantity: '1',
      unit_price: '580.00',
      vat_included: true,
    })
    expect(
      (
        await db.conn.query(
          'SELECT net_amount, tax_amount, line_total FROM invoice_items WHERE invoice_id = $1 ORDER BY line_total',
          [inv],
        )
      ).rows,
    ).toEqual([
      { net_amount: '500.00', tax_amount: '80.00', line_total: '580.00' },
      { net_amount: '3000.00', tax_amount: '480.00', line_total: '3480.00' },
    ])
    expect(await one(db.conn, 'SELECT subtotal, tax_amount, total_amount FROM invoices WHERE id = $1', [inv])).toEqual({
      subtotal: '3500.00',
      tax_amount: '560.00',
      total_amount: '4050.00',
    })
  })

  it('computes the other generated columns: available_quantity, billable_amount, BOM total_cost', async () => {
    const p = await createProduct(db.conn, t, { type: 'MANUFACTURED' })
    await postMovement(db.conn, t, p, 'receipt', '12.5')
    await postMovement(db.conn, t, p, 'reservation', '2.25')
    expect((await one(db.conn, 'SELECT available_quantity FROM products WHERE id = $1', [p])).available_quantity).toBe('10.250')

    const entry = (billable: boolean) =>
      insert(db.conn, 'time_entries', {
        organization_id: t.organizationId,
        workspace_id: t.workspaceId,
        employee_id: t.employeeId,
        entry_date: '2026-03-02',
        duration_hours: '2.50',
        hourly_rate: '8000.00',
        is_billable: billable,
      })
    expect(
      (await one(db.conn, 'SELECT billable_amount FROM time_entries WHERE id = $1', [await entry(true)])).billable_amount,
    ).toBe('20000.00')
    expect(
      (await one(db.conn, 'SELECT billable_amount FROM time_entries WHERE id = $1', [await entry(false)])).billable_amount,
    ).toBe('0.00')

    const bom = await insert(db.conn, 'bills_of_materials', {
      organization_id: t.organizationId,
      workspace_id: t.workspaceId,
      product_id: p,
      name: 'Рецептура',
      material_cost: '100.00',
      labor_cost: '50.00',
      overhead_cost: '25.50',
    })
    expect((await one(db.conn, 'SELECT total_cost FROM bills_of_materials WHERE id = $1', [bom])).total_cost).toBe('175.50')
    const component = await insert(db.conn, 'bom_components', {
      bom_id: bom,
      component_id: await createProduct(db.conn, t, { type: 'MATERIAL' }),
      quantity_per_unit: '1.500',
      scrap_factor: '0.100',
      unit_cost: '200.00',
    })
    expect((await one(db.conn, 'SELECT total_cost FROM bom_components WHERE id = $1', [component])).total_cost).toBe('330.00')
  })

  it('maintains customer counters and balance on every write', async () => {
    const c = await createCustomer(db.conn, t, { order_count: 42, lifetime_value: '1.00' })
    expect(await one(db.conn, 'SELECT order_count, lifetime_value, deal_count FROM customers WHERE id = $1', [c])).toEqual({
      order_count: 0,
      lifetime_value: '0.00',
      deal_count: 0,
    })
    await createOrder(db.conn, t, { customer_id: c, status: 'delivered', shipping_cost: '1000', order_date: '2026-03-01' })
    // in another workspace of the same organization: counted too (customers are organization-wide)
    await createOrder(db.conn, t, {
      customer_id: c,
      status: 'confirmed',
      shipping_cost: '500',
      order_date: '2026-03-05',
      workspace_id: t.workspace2Id,
    })
    await createOrder(db.conn, t, { customer_id: c, status: 'pending', shipping_cost: '300', order_date: '2026-03-07' })
    const cancelled = await createOrder(db.conn, t, {
      customer_id: c,
      status: 'cancelled',
      shipping_cost: '900',
      order_date: '2026-03-09',
    })
    await deal(c, 'LEAD', 10)
    const inv = await createInvoice(db.conn, t, { customer_id: c, status: 'sent' })
    await insert(db.conn, 'invoice_items', { invoice_id: inv, description: 'Товар', unit_price: '1000.00' })
    expect(
      await one(
        db.conn,
        'SELECT order_count, lifetime_value, last_order_date::text, deal_count, balance FROM customers WHERE id = $1',
        [c],
      ),
    ).toEqual({ order_count: 3, lifetime_value: '1500.00', last_order_date: '2026-03-07', deal_count: 1, balance: '1160.00' })
    await db.conn.query("UPDATE orders SET status = 'confirmed', order_date = '2026-03-10' WHERE id = $1", [cancelled])
    await db.conn.query('UPDATE deals SET deleted_at = CURRENT_TIMESTAMP WHERE customer_id = $1', [c])
    expect(
      await one(db.conn, 'SELECT order_count, lifetime_value, last_order_date::text, deal_count FROM customers WHERE id = $1', [
        c,
      ]),
    ).toEqual({
      order_count: 4,
      lifetime_value: '2400.00',
      last_order_date: '2026-03-10',
      deal_count: 0,
    })
  })

  it('keeps one app setting per key and scope, also for global and organization-wide keys', async () => {
    const key = `ui.theme.${t.organizationId}`
    await insert(db.conn, 'app_settings', { key, value: '"dark"' })
    await expect(insert(db.conn, 'app_settings', { key, value: '"light"' })).rejects.toThrow(/uk_app_settings_key_scope_nulls/)
    await insert(db.conn, 'app_settings', { key, value: '"light"', organization_id: t.organizationId })
    await expect(insert(db.conn, 'app_settings', { key, value: '"x"', organization_id: t.organizationId })).rejects.toThrow(
      /unique|duplicate/,
    )
  })

  it('encrypts and decrypts sensitive data with pgcrypto into users.encrypted_ssn', async () => {
    const value = await db.conn.transaction(async (tx) => {
      await tx.exec("SET LOCAL app.encryption_key = 'test-key'")
      await tx.query("UPDATE users SET encrypted_ssn = encrypt_sensitive_data('880101300123') WHERE id = $1", [t.userId])
      return one<{ ssn: string }>(tx, 'SELECT decrypt_sensitive_data(encrypted_ssn) AS ssn FROM users WHERE id = $1', [t.userId])
    })
    expect(value.ssn).toBe('880101300123')
  })

  it('creates the coming monthly audit partitions and moves rows out of the default partition', async () => {
    const ahead = await one<{ ts: string; part: string }>(
      db.conn,
      `SELECT (date_trunc('month', CURRENT_DATE) + interval '5 months' + interval '3 days')::timestamp::text AS ts,
              to_char(date_trunc('month', CURRENT_DATE) + interval '5 months', '"audit_logs_y"YYYY"m"MM') AS part`,
    )
    const id = await insert(db.conn, 'audit_logs', {
      organization_id: t.organizationId,
      entity_type: 'orders',
      entity_id: t.organizationId,
      action: 'CREATE',
      timestamp: ahead.ts,
    })
    expect((await one(db.conn, 'SELECT tableoid::regclass::text AS p FROM audit_logs WHERE id = $1', [id])).p).toBe(
      'audit_logs_default',
    )
    const created = await one<{ n: number }>(db.conn, 'SELECT ensure_audit_partitions(6) AS n')
    expect(created.n).toBe(7)
    expect((await one<{ n: number }>(db.conn, 'SELECT ensure_audit_partitions(6) AS n')).n).toBe(0)
    expect((await one(db.conn, 'SELECT tableoid::regclass::text AS p FROM audit_logs WHERE id = $1', [id])).p).toBe(ahead.part)
    const parts = await db.conn.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_logs'::regclass ORDER BY 1`,
    )
    expect(parts.rows).toHaveLength(1 + 1 + 7) // seed's 2025-01, default, current month + 6
    const now = await one<{ ts: string }>(db.conn, 'SELECT CURRENT_TIMESTAMP::timestamp::text AS ts')
    const current = await insert(db.conn, 'audit_logs', {
      entity_type: 'users',
      entity_id: t.userId,
      action: 'LOGIN',
      timestamp: now.ts,
    })
    expect((await one(db.conn, 'SELECT tableoid::regclass::text AS p FROM audit_logs WHERE id = $1', [current])).p).toMatch(
      /^audit_logs_y\d{4}m\d{2}$/,
    )
  })
})

describe.each(engines)('views and daily sales on $name (known data, own database)', ({ open }) => {
  let db: TestDatabase
  let t: Tenant
  let customer: string
  beforeAll(async () => {
    db = await open()
    t = await createTenant(db.conn)
    // on central the views apply row-level security with the session's tenant
    await useTenant(db.conn, t)
    customer = await createCustomer(db.conn, t, { name: 'ТОО Альфа' })
    const other = await createCustomer(db.conn, t, { name: 'ТОО Бета' })
    // 2 deals × 3 orders for one customer: the seed's join would count each order twice
    for (const [stage, value, probability, close] of [
      ['LEAD', '1000.00', 10, '2020-01-01'],
      ['PROPOSAL', '3000.00', 50, '2099-01-01'],
    ] as const) {
      await insert(db.conn, 'deals', {
        organization_id: t.organizationId,
        workspace_id: t.workspaceId,
        customer_id: customer,
        title: 'Сделка',
        stage,
        value,
        probability,
        expected_close_date: close,
      })
    }
    await insert(db.conn, 'deals', {
      organization_id: t.organizationId,
      workspace_id: t.workspaceId,
      customer_id: other,
      title: 'Сделка',
      stage: 'PROPOSAL',
      value: '1000.00',
      probability: 30,
    })
    await insert(db.conn, 'deals', {
      organization_id: t.organizationId,
      workspace_id: t.workspaceId,
      customer_id: other,
      title: 'Закрыта',
      stage: 'WON',
      value: '5000.00',
    })
    const orders: [string, string, string, string][] = [
      // customer, status, date, total (as shipping_cost: no lines)
      [customer, 'delivered', '2026-03-01', '100.00'],
      [customer, 'delivered', '2026-03-01', '200.00'],
      [customer, 'pending', '2026-03-02', '300.00'],
      [other, 'delivered', '2026-03-01', '1000.00'],
      [other, 'delivered', '2026-03-02', '50.00'],
    ]
    for (const [c, status, date, total] of orders) {
      await createOrder(db.conn, t, { customer_id: c, status, order_date: date, shipping_cost: total })
    }
  })
  afterAll(() => db?.close())

  it('customer_summary counts 2 deals and 3 orders without inflating totals', async () => {
    const row = await one(
      db.conn,
      'SELECT name, deal_count::int, order_count::int, total_orders_value, round(avg_order_value, 2) AS avg_order_value, lifetime_value FROM customer_summary WHERE id = $1',
      [customer],
    )
    expect(row).toEqual({
      name: 'ТОО Альфа',
      deal_count: 2,
      order_count: 3,
      total_orders_value: '600.00',
      avg_order_value: '200.00',
      lifetime_value: '300.00',
    })
    const cols = await db.conn.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'customer_summary' ORDER BY ordinal_position",
    )
    expect(cols.rows.map((r) => r.column_name)).toEqual([
      'id',
      'name',
      'type',
      'status',
      'email',
      'phone',
      'lifetime_value',
      'credit_limit',
      'balance',
      'last_order_date',
      'deal_count',
      'order_count',
      'total_orders_value',
      'avg_order_value',
      'created_at',
      'updated_at',
    ])
  })

  it('sales_pipeline aggregates open deals by stage in funnel order', async () => {
    const { rows } = await db.conn.query(
      'SELECT stage, deal_count::int, total_value, round(avg_probability, 2)::text AS avg_probability, weighted_value, closing_this_month::int FROM sales_pipeline',
    )
    expect(rows).toEqual([
      {
        stage: 'LEAD',
        deal_count: 1,
        total_value: '1000.00',
        avg_probability: '10.00',
        weighted_value: '100.0000000000000000',
        closing_this_month: 1,
      },
      {
        stage: 'PROPOSAL',
        deal_count: 2,
        total_value: '4000.00',
        avg_probability: '40.00',
        weighted_value: '1800.0000000000000000',
        closing_this_month: 0,
      },
    ])
  })

  it('inventory_status classifies stock from the ledger', async () => {
    const p = await createProduct(db.conn, t, {
      code: 'INV-1',
      price: '150.00',
      cost: '100.00',
      min_stock_level: 5,
      reorder_point: 10,
    })
    const status = () =>
      one(
        db.conn,
        'SELECT stock_level, inventory_status, margin, margin_percent::numeric(6,2)::text AS margin_percent, inventory_value FROM inventory_status WHERE id = $1',
        [p],
      )
    expect((await status()).inventory_status).toBe('OUT_OF_STOCK')
    await postMovement(db.conn, t, p, 'receipt', '4.5')
    expect(await status()).toEqual({
      stock_level: '4.500',
      inventory_status: 'LOW_STOCK',
      margin: '50.00',
      margin_percent: '50.00',
      inventory_value: '450.00000',
    })
    await postMovement(db.conn, t, p, 'receipt', '5')
    expect((await status()).inventory_status).toBe('REORDER_NEEDED')
    await postMovement(db.conn, t, p, 'receipt', '1')
    expect((await status()).inventory_status).toBe('IN_STOCK')
  })

  it('daily_sales (trigger-maintained) agrees with the refreshed daily_sales_summary', async () => {
    await db.conn.exec('REFRESH MATERIALIZED VIEW daily_sales_summary')
    const summary = await db.conn.query(
      'SELECT sale_date::text, order_count::int, total_revenue, round(avg_order_value, 2)::text AS avg, unique_customers::int FROM daily_sales_summary ORDER BY sale_date',
    )
    const table = await db.conn.query(
      'SELECT sale_date::text, order_count, total_revenue, round(avg_order_value, 2)::text AS avg, unique_customers FROM daily_sales WHERE organization_id = $1 ORDER BY sale_date',
      [t.organizationId],
    )
    expect(summary.rows).toEqual([
      { sale_date: '2026-03-01', order_count: 3, total_revenue: '1300.00', avg: '433.33', unique_customers: 2 },
      { sale_date: '2026-03-02', order_count: 1, total_revenue: '50.00', avg: '50.00', unique_customers: 1 },
    ])
    expect(table.rows).toEqual(summary.rows)
    // delivering the pending order moves it into the day; soft-deleting takes one out
    await db.conn.query("UPDATE orders SET status = 'delivered' WHERE status = 'pending'")
    await db.conn.query('UPDATE orders SET deleted_at = CURRENT_TIMESTAMP WHERE shipping_cost = 50')
    expect(
      (await db.conn.query('SELECT sale_date::text, order_count, total_revenue FROM daily_sales ORDER BY sale_date')).rows,
    ).toEqual([
      { sale_date: '2026-03-01', order_count: 3, total_revenue: '1300.00' },
      { sale_date: '2026-03-02', order_count: 1, total_revenue: '300.00' },
    ])
    await expect(db.conn.query('DELETE FROM daily_sales WHERE organization_id = $1', [t.organizationId])).rejects.toThrow(
      /maintained by triggers/,
    )
  })
})
