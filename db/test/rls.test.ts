/**
 * Row-level security on central (PostgreSQL 14), connected as an application login: not a
 * superuser, no BYPASSRLS, member of prometric_app; tables have FORCE ROW LEVEL SECURITY.
 * Another organization's or workspace's rows cannot be read, inserted, updated or deleted,
 * through tables or views; a session without the settings sees nothing.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SqlConnection } from '../connection'
import { openCentral, type CentralDatabase } from './engines'
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

interface TenantData {
  t: Tenant
  customer: string
  product: string
  deal: string
  dealWs2: string
  order: string
  orderItem: string
  contact: string
}

async function seedTenant(conn: SqlConnection, name: string): Promise<TenantData> {
  const t = await createTenant(conn, name)
  const customer = await createCustomer(conn, t, { name: `${name} клиент` })
  const product = await createProduct(conn, t, { name: `${name} товар` })
  await postMovement(conn, t, product, 'receipt', 10)
  const deal = await insert(conn, 'deals', {
    organization_id: t.organizationId,
    workspace_id: t.workspaceId,
    customer_id: customer,
    title: `${name} ws1`,
    value: '100.00',
    stage: 'LEAD',
  })
  const dealWs2 = await insert(conn, 'deals', {
    organization_id: t.organizationId,
    workspace_id: t.workspace2Id,
    customer_id: customer,
    title: `${name} ws2`,
    value: '900.00',
    stage: 'LEAD',
  })
  const order = await createOrder(conn, t, { customer_id: customer, status: 'delivered', order_date: '2026-03-01' })
  const orderItem = await addOrderItem(conn, order, product, { unit_price: '100.00' })
  await createOrder(conn, t, { customer_id: customer, workspace_id: t.workspace2Id, shipping_cost: '50', status: 'confirmed' })
  const invoice = await createInvoice(conn, t, { customer_id: customer, order_id: order, status: 'sent' })
  await insert(conn, 'invoice_items', { invoice_id: invoice, description: 'x', unit_price: '100.00' })
  const contact = await insert(conn, 'customer_contacts', { customer_id: customer, first_name: 'Ерлан', last_name: 'Абаев' })
  await insert(conn, 'app_settings', { organization_id: t.organizationId, key: 'currency', value: '"KZT"' })
  await insert(conn, 'audit_logs', {
    organization_id: t.organizationId,
    entity_type: 'orders',
    entity_id: order,
    action: 'CREATE',
  })
  return { t, customer, product, deal, dealWs2, order, orderItem, contact }
}

/** Tables with RLS and how many rows tenant A's first workspace may see of them. */
const TENANT_TABLES = [
  'organizations',
  'workspaces',
  'employees',
  'departments',
  'customers',
  'customer_contacts',
  'customer_addresses',
  'suppliers',
  'product_categories',
  'products',
  'stock_lots',
  'deals',
  'deal_products',
  'deal_activities',
  'orders',
  'order_items',
  'production_orders',
  'bills_of_materials',
  'bom_components',
  'invoices',
  'invoice_items',
  'payments',
  'payment_allocations',
  'inventory_movements',
  'stock_balances',
  'daily_sales',
  'document_series',
  'projects',
  'tasks',
  'time_entries',
  'audit_logs',
  'system_logs',
  'app_settings',
  'users',
  'email_verifications',
]

describe('row-level security on central (PostgreSQL 14)', () => {
  let db: CentralDatabase
  let login: SqlConnection
  let a: TenantData
  let b: TenantData
  beforeAll(async () => {
    db = await openCentral()
    a = await seedTenant(db.conn, 'Альфа')
    b = await seedTenant(db.conn, 'Бета')
    await db.conn.exec("INSERT INTO app_settings (key, value) VALUES ('global.locale', '\"ru\"')")
    login = (await db.connect('login')).conn
  })
  afterAll(() => db?.close())

  const count = async (conn: SqlConnection, table: string) =>
    (await one<{ n: number }>(conn, `SELECT count(*)::int AS n FROM ${table}`)).n

  it('connects as a non-superuser without BYPASSRLS, member of prometric_app, on FORCE RLS tables', async () => {
    expect(
      await one(
        login,
        `SELECT r.rolsuper, r.rolbypassrls, pg_has_role(current_user, 'prometric_app', 'MEMBER') AS member
                          FROM pg_roles r WHERE r.rolname = current_user`,
      ),
    ).toEqual({ rolsuper: false, rolbypassrls: false, member: true })
    const notForced = await login.query(
      `SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
          AND c.relname = ANY($1) AND NOT (c.relrowsecurity AND c.relforcerowsecurity)`,
      [TENANT_TABLES],
    )
    expect(notForced.rows).toEqual([])
    // every RLS table has at least one policy
    const withoutPolicy = await login.query(
      `SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relrowsecurity
          AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)`,
    )
    expect(withoutPolicy.rows).toEqual([])
  })

  it('shows nothing to a session without the tenant settings (tables and views)', async () => {
    for (const table of TENANT_TABLES) {
      if (table === 'app_settings') continue // global settings are public by design
      expect(await count(login, table), table).toBe(0)
    }
    expect(await count(login, 'app_settings')).toBe(1) // the global one only
    for (const view of ['customer_summary', 'sales_pipeline', 'inventory_status']) expect(await count(login, view), view).toBe(0)
  })

  it("reads only its organization's and workspace's rows, through tables and views", async () => {
    await useTenant(login, a.t)
    expect((await login.query('SELECT id FROM customers')).rows).toEqual([{ id: a.customer }])
    expect((await login.query('SELECT id FROM customer_contacts')).rows).toEqual([{ id: a.contact }])
    expect((await login.query('SELECT id FROM products')).rows).toEqual([{ id: a.product }])
    expect((await login.query('SELECT id FROM deals')).rows).toEqual([{ id: a.deal }]) // not the ws2 deal
    expect((await login.query('SELECT id FROM order_items')).rows).toEqual([{ id: a.orderItem }])
    expect(await count(login, 'workspaces')).toBe(2)
    expect(await count(login, 'organizations')).toBe(1)
    expect(await count(login, 'orders')).toBe(1)
    expect(await count(login, 'invoice_items')).toBe(1)
    expect(await count(login, 'inventory_movements')).toBe(1)
    expect(await count(login, 'users')).toBe(1)
    expect(await count(login, 'app_settings')).toBe(2)
    expect(await count(login, 'audit_logs')).toBe(1)

    expect((await login.query('SELECT id, deal_count::int, order_count::int FROM customer_summary')).rows).toEqual([
      { id: a.customer, deal_count: 1, order_count: 1 },
    ])
    expect((await login.query('SELECT stage, deal_count::int, total_value FROM sales_pipeline')).rows).toEqual([
      { stage: 'LEAD', deal_count: 1, total_value: '100.00' },
    ])
    expect((await login.query('SELECT id, stock_level FROM inventory_status')).rows).toEqual([
      { id: a.product, stock_level: '10.000' },
    ])
    // a leaky filter cannot see past the policies either
    expect(await count(login, `customer_summary WHERE id = '${b.customer}'`)).toBe(0)

    await useTenant(login, a.t, a.t.workspace2Id)
    expect((await login.query('SELECT id FROM deals')).rows).toEqual([{ id: a.dealWs2 }])
    expect(await count(login, 'order_items')).toBe(0)
  })

  it('cannot insert rows into another organization or workspace', async () => {
    await useTenant(login, a.t)
    const rls = /row-level security/
    await expect(
      insert(login, 'customers', { organization_id: b.t.organizationId, workspace_id: b.t.workspaceId, name: 'x' }),
    ).rejects.toThrow(rls)
    await expect(
      insert(login, 'deals', {
        organization_id: a.t.organizationId,
        workspace_id: a.t.workspace2Id,
        customer_id: a.customer,
        title: 'x',
      }),
    ).rejects.toThrow(rls)
    await expect(addOrderItem(login, b.order, a.product)).rejects.toThrow(rls)
    await expect(
      insert(login, 'customer_contacts', { customer_id: b.customer, first_name: 'x', last_name: 'y' }),
    ).rejects.toThrow(rls)
    await expect(postMovement(login, b.t, b.product, 'receipt', 1)).rejects.toThrow(rls)
    // its own rows go in, and the derived values on central count every workspace
    const order = await createOrder(login, a.t, { customer_id: a.customer, status: 'confirmed', shipping_cost: '10' })
    await addOrderItem(login, order, a.product, { unit_price: '10.00' })
    await postMovement(login, a.t, a.product, 'shipment', -1, { order_id: order })
    const customer = await one(db.conn, 'SELECT order_count, lifetime_value FROM customers WHERE id = $1', [a.customer])
    // delivered 116 (ws1) + confirmed 50 (ws2) + confirmed 21.60 (new): counted across workspaces
    expect(customer).toEqual({ order_count: 3, lifetime_value: '187.60' })
    expect((await one(db.conn, 'SELECT stock_level FROM products WHERE id = $1', [a.product])).stock_level).toBe('9.000')
  })

  it("cannot update or delete another tenant's rows, nor move its own rows there", async () => {
    await useTenant(login, a.t)
    const { rows: updated } = await login.query("UPDATE customers SET name = 'hacked' WHERE id = $1 RETURNING id", [b.customer])
    expect(updated).toEqual([])
    expect((await login.query("UPDATE deals SET title = 'hacked' WHERE id = $1 RETURNING id", [a.dealWs2])).rows).toEqual([])
    expect((await login.query('DELETE FROM customer_contacts WHERE id = $1 RETURNING id', [b.contact])).rows).toEqual([])
    expect((await login.query('DELETE FROM order_items WHERE id = $1 RETURNING id', [b.orderItem])).rows).toEqual([])
    expect((await one(db.conn, 'SELECT name FROM customers WHERE id = $1', [b.customer])).name).toBe('Бета клиент')
    expect(await one<{ n: number }>(db.conn, 'SELECT count(*)::int AS n FROM order_items WHERE id = $1', [b.orderItem])).toEqual({
      n: 1,
    })
    await expect(
      login.query('UPDATE customers SET organization_id = $1, workspace_id = $2 WHERE id = $3', [
        b.t.organizationId,
        b.t.workspaceId,
        a.customer,
      ]),
    ).rejects.toThrow(/row-level security/)
  })

  it("withholds what is not the app role's: the all-tenant materialized view, migrations, partitions, reference data", async () => {
    await useTenant(login, a.t)
    await expect(login.query('SELECT * FROM daily_sales_summary')).rejects.toThrow(/permission denied/)
    await expect(login.query('SELECT * FROM schema_migrations')).rejects.toThrow(/permission denied/)
    await expect(login.query('SELECT * FROM audit_logs_default')).rejects.toThrow(/permission denied/)
    await expect(login.query("UPDATE tax_rates SET rate = 0 WHERE tax_category = 'standard'")).rejects.toThrow(
      /permission denied/,
    )
    await expect(login.query('UPDATE customer_summary SET name = $1', ['x'])).rejects.toThrow(/permission denied|cannot update/)
    expect(await count(login, 'tax_rates')).toBe(5)
    // its own daily sales, from the trigger-maintained table
    expect((await login.query('SELECT sale_date::text, order_count FROM daily_sales')).rows).toEqual([
      { sale_date: '2026-03-01', order_count: 1 },
    ])
  })

  it('grants nothing to PUBLIC on the schema or its functions', async () => {
    const publicFunctions = await db.conn.query(
      `SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
          AND (p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0))`,
    )
    expect(publicFunctions.rows).toEqual([])
    const schemaPublic = await db.conn.query(
      `SELECT a.privilege_type FROM pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname = 'public' AND a.grantee = 0`,
    )
    expect(schemaPublic.rows).toEqual([])
    // a role outside prometric_app cannot even resolve the tables
    const outsider = `outsider_${randomUUID().slice(0, 8)}`
    await db.conn.exec(`CREATE ROLE ${outsider} NOLOGIN`)
    try {
      await expect(
        db.conn.transaction(async (tx) => {
          await tx.exec(`SET LOCAL ROLE ${outsider}`)
          await tx.query('SELECT 1 FROM public.customers')
        }),
      ).rejects.toThrow(/permission denied for schema public/)
    } finally {
      await db.conn.exec(`DROP ROLE ${outsider}`)
    }
  })
})
