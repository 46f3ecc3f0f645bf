import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SqlConnection } from '../../db/connection'
import { type CentralDatabase, openCentral, openPglite } from '../../db/test/engines'
import { isValidGtin } from '../../shared/gtin'
import { isValidBin, isValidIin } from '../../shared/kz-identifiers'
import { verifyPassword } from './auth/password'
import { DEMO_PASSWORD, installDemoCompany } from './demo-terminal'

async function all<T>(conn: SqlConnection, sql: string): Promise<T[]> {
  return (await conn.query<T>(sql)).rows
}

describe('the demo company (small) on a terminal', () => {
  let conn: SqlConnection
  let close: () => Promise<void>
  const key = Buffer.alloc(32, 3).toString('base64')

  beforeAll(async () => {
    const db = await openPglite()
    conn = db.conn
    close = db.close
    await installDemoCompany(conn, { target: 'local', scale: 'small', dataKey: async () => key })
  })
  afterAll(async () => close())

  it('has valid BINs, IINs and EAN-13 barcodes', async () => {
    const bins = await all<{ bin: string }>(
      conn,
      `SELECT bin FROM organizations UNION ALL SELECT bin FROM customers WHERE bin IS NOT NULL UNION ALL SELECT bin FROM suppliers WHERE bin IS NOT NULL`,
    )
    expect(bins.length).toBeGreaterThan(10)
    expect(bins.filter((b) => !isValidBin(b.bin))).toEqual([])
    const iins = await all<{ iin: string }>(conn, `SELECT iin FROM customers WHERE iin IS NOT NULL`)
    expect(iins.length).toBeGreaterThan(0)
    expect(iins.filter((i) => !isValidIin(i.iin))).toEqual([])
    const barcodes = await all<{ barcode: string }>(conn, `SELECT barcode FROM products WHERE barcode IS NOT NULL`)
    expect(barcodes.length).toBeGreaterThan(100)
    expect(barcodes.filter((b) => b.barcode.length !== 13 || !isValidGtin(b.barcode))).toEqual([])
  })

  it('has Russian and Kazakh names, every deal stage, and VAT by the order date', async () => {
    const names = await all<{ n: string }>(conn, `SELECT first_name || ' ' || last_name AS n FROM users`)
    expect(names.some((r) => /[әғқңөұүһі]/i.test(r.n))).toBe(true)
    expect(names.some((r) => /[а-яё]/i.test(r.n))).toBe(true)
    const stages = await all<{ stage: string }>(conn, `SELECT DISTINCT stage FROM deals`)
    expect(stages.map((s) => s.stage).sort()).toEqual(['CLOSING', 'LEAD', 'LOST', 'NEGOTIATION', 'PROPOSAL', 'QUALIFIED', 'WON'])
    const vat = await all<{ year: number; rates: string[] }>(
      conn,
      `SELECT extract(year FROM o.order_date)::int AS year, array_agg(DISTINCT i.tax_percent::text) AS rates
       FROM order_items i JOIN orders o ON o.id = i.order_id JOIN products p ON p.id = i.product_id
       WHERE p.tax_category = 'standard' GROUP BY 1 ORDER BY 1`,
    )
    expect(vat.find((v) => v.year === 2025)?.rates).toEqual(['12.00'])
    expect(vat.find((v) => v.year === 2026)?.rates).toEqual(['16.00'])
  })

  it('keeps derived values true: order totals, stock from the ledger, allocated payments', async () => {
    const badTotals = await all(
      conn,
      `SELECT o.id FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
       GROUP BY o.id HAVING o.subtotal <> coalesce(sum(i.net_amount), 0) OR o.tax_amount <> coalesce(sum(i.tax_amount), 0)`,
    )
    expect(badTotals).toEqual([])
    const badStock = await all(
      conn,
      `SELECT p.id FROM products p LEFT JOIN inventory_movements m ON m.product_id = p.id
         AND m.movement_type NOT IN ('reservation', 'release')
       GROUP BY p.id HAVING p.stock_level <> coalesce(sum(m.quantity), 0)`,
    )
    expect(badStock).toEqual([])
    const [allocations] = await all<{ n: number }>(conn, `SELECT count(*)::int AS n FROM payment_allocations`)
    expect(allocations?.n).toBeGreaterThan(0)
  })

  it('is a demo terminal that never syncs, whose accounts open with the demo password', async () => {
    const [state] = await all<{ mode: string; demo: boolean }>(
      conn,
      `SELECT t.mode, (o.settings->>'demo')::boolean AS demo FROM terminal_state t JOIN organizations o ON o.id = t.organization_id`,
    )
    expect(state).toEqual({ mode: 'demo', demo: true })
    const [owner] = await all<{ hash: string }>(
      conn,
      `SELECT password_hash AS hash FROM users WHERE organization_role = 'owner' LIMIT 1`,
    )
    expect((await verifyPassword(DEMO_PASSWORD, owner!.hash)).ok).toBe(true)
  })

  it('stores no identity document in clear', async () => {
    const docs = await all<{ d: string }>(conn, `SELECT documents::text AS d FROM employees`)
    expect(docs.some((r) => /"iin"\s*:/.test(r.d))).toBe(false)
    await conn.transaction(async (tx) => {
      await tx.query(`SELECT set_config('app.encryption_key', $1, true)`, [key])
      const [one] = (
        await tx.query<{ iin: string }>(
          `SELECT decrypt_sensitive_data(decode(documents->>'iin_encrypted', 'base64')) AS iin FROM employees WHERE documents ? 'iin_encrypted' LIMIT 1`,
        )
      ).rows
      expect(isValidIin(one!.iin)).toBe(true)
    })
  })
})

describe('the demo company (small) on central PostgreSQL 14', () => {
  let central: CentralDatabase
  beforeAll(async () => {
    central = await openCentral()
  })
  afterAll(async () => central.close())

  it('is written with the same rules, and documents without a key are left out', async () => {
    const summary = await installDemoCompany(central.conn, { target: 'central', scale: 'small' })
    expect(summary.counts.order_items).toBeGreaterThan(500)
    const [orders] = await all<{ n: number }>(central.conn, `SELECT count(*)::int AS n FROM orders`)
    expect(orders?.n).toBe(summary.counts.orders)
    const docs = await all<{ d: string }>(central.conn, `SELECT documents::text AS d FROM employees`)
    expect(docs.some((r) => r.d.includes('iin'))).toBe(false)
  })
})
