import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLocalDatabase, pgliteConnection } from '../connection'
import { generateDemoCompany } from '../demo/generate-demo-company'
import { migrate } from '../migrator'

/** Every table whose content the row triggers of 0011 derive, with a stable order. */
const derivedTables: Record<string, string> = {
  products: 'id',
  customers: 'id',
  deal_products: 'id',
  orders: 'id',
  order_items: 'id',
  production_orders: 'id',
  invoices: 'id',
  invoice_items: 'id',
  stock_balances: 'product_id, workspace_id, lot_key',
  daily_sales: 'organization_id, workspace_id, sale_date',
}

async function contents(db: PGlite): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const [table, order] of Object.entries(derivedTables)) {
    const { rows } = await db.query<{ n: number; h: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(to_jsonb(t)::text, '' ORDER BY ${order}), '')) AS h FROM ${table} t`,
    )
    out[table] = `${rows[0]!.n}:${rows[0]!.h}`
  }
  return out
}

// The fast bootstrap (0024) loads rows with row triggers off and then computes every derived
// value set-wise. Those definitions must equal what the triggers leave: checked on the demo
// company (stock with lots and reservations, shipped and returned lines, invoices paid in part,
// allocations, production output, deals), whose derived values the triggers maintained.
describe('sync_recompute_derived', () => {
  let db: PGlite
  beforeAll(async () => {
    db = await openLocalDatabase()
    await migrate(pgliteConnection(db), { target: 'local' })
    await generateDemoCompany(pgliteConnection(db), { scale: 'small' })
  }, 180_000)
  afterAll(async () => {
    await db.close()
  })

  it('computes from scratch exactly what the row triggers maintained', async () => {
    const byTriggers = await contents(db)
    // The demo must exercise the definitions, or the comparison proves little.
    const { rows } = await db.query<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM products WHERE stock_level <> 0) AS stocked,
      (SELECT count(*)::int FROM products WHERE reserved_quantity <> 0) AS reserved,
      (SELECT count(*)::int FROM order_items WHERE quantity_shipped <> 0) AS shipped,
      (SELECT count(*)::int FROM invoices WHERE paid_amount <> 0) AS paid,
      (SELECT count(*)::int FROM customers WHERE order_count <> 0 AND balance <> 0) AS customers,
      (SELECT count(*)::int FROM daily_sales) AS days`)
    for (const [what, n] of Object.entries(rows[0]!)) expect(n, what).toBeGreaterThan(0)

    await db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL session_replication_role = replica;
        DELETE FROM stock_balances;
        DELETE FROM daily_sales;
        UPDATE products SET stock_level = 0, reserved_quantity = 0;
        UPDATE customers SET order_count = 0, lifetime_value = 0, last_order_date = NULL, deal_count = 0, balance = 0;
        UPDATE deal_products SET tax_amount = 0;
        UPDATE order_items SET tax_amount = 0, quantity_shipped = 0, quantity_returned = 0;
        UPDATE production_orders SET quantity_produced = 0;
        UPDATE invoice_items SET tax_amount = 0;
        UPDATE invoices SET subtotal = 0, tax_amount = 0, paid_amount = 0,
               status = CASE WHEN status IN ('paid', 'partial') THEN 'sent' ELSE status END;
        UPDATE orders SET subtotal = 0, tax_amount = 0, paid_amount = 0,
               payment_status = CASE WHEN payment_status IN ('paid', 'partial') THEN 'pending' ELSE payment_status END;`)
      expect(await contents(tx as unknown as PGlite)).not.toEqual(byTriggers)
      await tx.query('SELECT sync_recompute_derived()')
    })
    expect(await contents(db)).toEqual(byTriggers)
  })

  it('refuses to run with triggers on, and foreign keys are verified set-wise', async () => {
    await expect(db.query('SELECT sync_recompute_derived()')).rejects.toThrow(/replica/)
    await db.query(`SELECT sync_verify_foreign_keys(ARRAY['orders', 'order_items', 'inventory_movements'])`)
    await expect(
      db.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica')
        await tx.query(
          `UPDATE order_items SET order_id = gen_random_uuid() WHERE id = (SELECT min(id::text)::uuid FROM order_items)`,
        )
        await tx.query(`SELECT sync_verify_foreign_keys(ARRAY['orders', 'order_items'])`)
      }),
    ).rejects.toMatchObject({ code: '23503', message: expect.stringContaining('order_items_order_id_fkey') })
  })
})

describe('indexes deferred while a bootstrap loads empty tables', () => {
  it('drops the lookup indexes of empty synced tables only, and builds the same ones again', async () => {
    const db = await openLocalDatabase()
    try {
      await migrate(pgliteConnection(db), { target: 'local' })
      // Definitions, up to how PostgreSQL prints an expression it parsed again.
      const indexes = async () =>
        (
          await db.query<{ d: string }>(
            `SELECT regexp_replace(indexdef, ' WHERE .*', '') AS d FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
          )
        ).rows.map((r) => r.d)
      const before = await indexes()
      // A table that holds rows keeps its indexes.
      await db.query(`INSERT INTO organizations (name, bin) VALUES ('ТОО Тест', '000000000001')`)
      const dropped = (await db.query<{ n: number }>('SELECT sync_defer_indexes() AS n')).rows[0]!.n
      expect(dropped).toBeGreaterThan(20)
      const during = await indexes()
      expect(during.some((d) => d.includes('idx_products_code'))).toBe(false)
      expect(during.filter((d) => / ON public\.organizations /.test(d))).toEqual(
        before.filter((d) => / ON public\.organizations /.test(d)),
      )
      // Primary keys and unique indexes stay: upserts and uniqueness need them.
      expect(during.some((d) => d.startsWith('CREATE UNIQUE INDEX products_pkey'))).toBe(true)
      expect((await db.query<{ n: number }>('SELECT sync_restore_indexes() AS n')).rows[0]!.n).toBe(dropped)
      expect(await indexes()).toEqual(before)
    } finally {
      await db.close()
    }
  })
})
