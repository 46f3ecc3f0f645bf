import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connectCentral } from './central-client'
import { createTenant } from '../../../db/test/fixtures'
import { type SyncRig, type TestTerminal, createSyncRig, tableRows } from './test-support'

type Db = TestTerminal['db']

async function addProduct(db: Db, rig: SyncRig, values: { code: string; name?: string }): Promise<string> {
  const id = randomUUID()
  await db.query(
    `INSERT INTO products (id, organization_id, workspace_id, code, name, price) VALUES ($1, $2, $3, $4, $5, 1000)`,
    [id, rig.tenant.organizationId, rig.tenant.workspaceId, values.code, values.name ?? 'Болт М8'],
  )
  return id
}

/** Every replica holds the same rows of these tables, derived columns included. */
async function expectIdentical(rig: SyncRig, terminals: TestTerminal[], tables: string[]) {
  for (const table of tables) {
    const where =
      table === 'stock_balances' || table === 'inventory_movements'
        ? `workspace_id = '${rig.tenant.workspaceId}'`
        : table === 'order_items'
          ? `order_id IN (SELECT id FROM orders WHERE organization_id = '${rig.tenant.organizationId}')`
          : `organization_id = '${rig.tenant.organizationId}'`
    const expected = await tableRows(rig.central.conn, table, where)
    for (const t of terminals) expect(await tableRows(t.db, table, where), `${table} on ${t.terminalId}`).toEqual(expected)
  }
}

describe('sync between terminals and central (PostgreSQL 14, PGlite)', () => {
  let rig: SyncRig
  beforeEach(async () => {
    rig = await createSyncRig()
  })
  afterEach(async () => {
    await rig.close()
  })

  it('bootstraps a terminal with its organization and carries a product to a second terminal', async () => {
    const a = await rig.terminal()
    const b = await rig.terminal()
    const org = await a.db.query<{ name: string }>('SELECT name FROM organizations')
    expect(org.rows).toHaveLength(1)
    const id = await addProduct(a.db, rig, { code: 'P-1' })
    const cycleA = await a.engine.syncOnce()
    expect(cycleA.pushed).toBe(1)
    expect(cycleA.drained).toBe(true)
    await b.engine.syncOnce()
    const got = await b.db.query<{ name: string }>('SELECT name FROM products WHERE id = $1', [id])
    expect(got.rows[0]?.name).toBe('Болт М8')
    await expectIdentical(rig, [a, b], ['products'])
  })

  it('merges offline edits of different columns and settles the same column by the later clock, logging the loser', async () => {
    const a = await rig.terminal()
    const b = await rig.terminal()
    const id = await addProduct(a.db, rig, { code: 'P-2' })
    await a.engine.syncOnce()
    await b.engine.syncOnce()
    // Offline: A renames, B describes; both change the price, B later.
    await a.db.query(`UPDATE products SET name = 'Болт М10', price = 1100 WHERE id = $1`, [id])
    await new Promise((r) => setTimeout(r, 5))
    await b.db.query(`UPDATE products SET description = 'оцинкованный', price = 1200 WHERE id = $1`, [id])
    await b.engine.syncOnce()
    await a.engine.syncOnce()
    await b.engine.syncOnce()
    await expectIdentical(rig, [a, b], ['products'])
    const row = await a.db.query<{ name: string; description: string; price: string }>(
      'SELECT name, description, price::text FROM products WHERE id = $1',
      [id],
    )
    expect(row.rows[0]).toEqual({ name: 'Болт М10', description: 'оцинкованный', price: '1200.00' })
    const conflicts = await rig.central.conn.query<{ column_name: string; lost_value: unknown; kept_value: unknown }>(
      'SELECT column_name, lost_value, kept_value FROM sync_conflicts WHERE row_id = $1',
      [id],
    )
    expect(conflicts.rows).toEqual([{ column_name: 'price', lost_value: 1100, kept_value: 1200 }])
    const local = await a.db.query<{ column_name: string }>('SELECT column_name FROM sync_conflicts')
    expect(local.rows.map((r) => r.column_name)).toEqual(['price'])
  })

  it('keeps stock equal to the ledger on every replica when two terminals move the same product', async () => {
    const a = await rig.terminal()
    const b = await rig.terminal()
    const id = await addProduct(a.db, rig, { code: 'P-3' })
    await a.engine.syncOnce()
    await b.engine.syncOnce()
    const move = (db: Db, type: string, quantity: string) =>
      db.query(
        `INSERT INTO inventory_movements (id, organization_id, workspace_id, product_id, movement_type, quantity)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [randomUUID(), rig.tenant.organizationId, rig.tenant.workspaceId, id, type, quantity],
      )
    await move(a.db, 'receipt', '10.5')
    await move(b.db, 'receipt', '4')
    await move(a.db, 'shipment', '-3.25')
    await move(b.db, 'shipment', '-20') // stock may go negative at head office
    await a.engine.syncOnce()
    await b.engine.syncOnce()
    await a.engine.syncOnce()
    await expectIdentical(rig, [a, b], ['products', 'inventory_movements', 'stock_balances'])
    const stock = await b.db.query<{ stock_level: string }>('SELECT stock_level::text FROM products WHERE id = $1', [id])
    expect(stock.rows[0]?.stock_level).toBe('-8.750')
  })

  it('brings head-office edits to terminals, and a delete at head office wins over an unsent local edit', async () => {
    const a = await rig.terminal()
    const id = await addProduct(a.db, rig, { code: 'P-4' })
    const other = await addProduct(a.db, rig, { code: 'P-5' })
    await a.engine.syncOnce()
    await rig.central.conn.query(`UPDATE products SET name = 'Гайка М8' WHERE id = $1`, [id])
    await rig.central.conn.query('DELETE FROM products WHERE id = $1', [other])
    await a.db.query(`UPDATE products SET name = 'мой' WHERE id = $1`, [other])
    // Pull only (push would be refused: the row is gone): the delete removes the pending edit too.
    const cycle = await a.engine.syncOnce()
    expect(cycle.rejected).toBe(1)
    await expectIdentical(rig, [a], ['products'])
    expect((await a.db.query('SELECT 1 FROM products WHERE id = $1', [other])).rows).toHaveLength(0)
  })

  it('quarantines a refused transaction with the ones that build on it; independent ones go on; discard re-converges', async () => {
    const a = await rig.terminal()
    const b = await rig.terminal()
    await addProduct(b.db, rig, { code: 'DUP' })
    await b.engine.syncOnce()
    // A, offline, creates the same code (refused), then edits it (depends), then an unrelated product.
    const dup = await addProduct(a.db, rig, { code: 'DUP', name: 'дубль' })
    await a.db.query(`UPDATE products SET description = 'x' WHERE id = $1`, [dup])
    const fine = await addProduct(a.db, rig, { code: 'OK-1' })
    const cycle = await a.engine.syncOnce()
    expect(cycle.rejected).toBe(2)
    const q = await a.db.query<{ reason: string; caused_by: string | null }>(
      'SELECT reason, caused_by::text FROM sync_quarantine ORDER BY tx_seq',
    )
    expect(q.rows.map((r) => r.reason)).toEqual(['constraint', 'depends'])
    expect((await rig.central.conn.query('SELECT 1 FROM products WHERE id = $1', [fine])).rows).toHaveLength(1)
    expect((await rig.central.conn.query('SELECT 1 FROM products WHERE id = $1', [dup])).rows).toHaveLength(0)
    // The refused rows were put back to head office's state here (their content waits in the
    // quarantine), so the pull brought B's product in without a clash.
    const local = await a.db.query<{ name: string }>(`SELECT name FROM products WHERE code = 'DUP'`)
    expect(local.rows).toEqual([{ name: 'Болт М8' }])
    const first = await a.db.query<{ tx_seq: string }>('SELECT tx_seq::text FROM sync_quarantine ORDER BY tx_seq LIMIT 1')
    await a.engine.discard(Number(first.rows[0]!.tx_seq))
    expect((await a.db.query('SELECT 1 FROM sync_quarantine')).rows).toHaveLength(0)
    await b.engine.syncOnce()
    await expectIdentical(rig, [a, b], ['products'])
  })

  it('applies a replayed batch once, and refuses rows of another workspace or organization, unknown rows and bad secrets', async () => {
    const a = await rig.terminal()
    const api = connectCentral(rig.central.syncUrl)
    try {
      const creds = { terminalId: a.terminalId, secret: await a.secret() }
      const hlc = String(Date.now() * 65536)
      // A full row as the terminal captures it, used as the template of hand-made changes.
      await a.db.query('INSERT INTO orders (id, organization_id, workspace_id, created_by) VALUES ($1, $2, $3, $4)', [
        randomUUID(),
        rig.tenant.organizationId,
        rig.tenant.workspaceId,
        rig.tenant.employeeId,
      ])
      const template = (await a.db.query<{ data: Record<string, unknown> }>('SELECT data FROM sync_outbox')).rows[0]!.data
      await a.db.query('DELETE FROM sync_outbox')
      const row = (id: string, workspaceId: string, organizationId = rig.tenant.organizationId) => ({
        t: 'orders',
        id,
        op: 'I' as const,
        data: { ...template, id, organization_id: organizationId, workspace_id: workspaceId, order_number: null },
      })
      const own = randomUUID()
      const batch = {
        schemaVersion: 18,
        pending: 1,
        transactions: [{ seq: 1, hlc, changes: [row(own, rig.tenant.workspaceId)] }],
      }
      const first = await api.push(creds, batch)
      expect(first.rejected).toEqual([])
      expect((await api.push(creds, batch)).acked).toBe(1)
      expect((await rig.central.conn.query('SELECT count(*)::int AS n FROM orders WHERE id = $1', [own])).rows[0]).toEqual({
        n: 1,
      })

      const foreignOrg = randomUUID()
      const attempts = [
        [row(randomUUID(), rig.tenant.workspace2Id)],
        [row(randomUUID(), rig.tenant.workspaceId, foreignOrg)],
        [{ t: 'orders', id: randomUUID(), op: 'U' as const, data: { notes: 'x' } }],
        [{ t: 'orders', id: randomUUID(), op: 'U' as const, data: { total_amount: 1 } }],
        [{ t: 'pg_authid', id: randomUUID(), op: 'I' as const, data: {} }],
        [{ t: 'orders', id: own, op: 'U' as const, data: { "notes = 'x'; DROP TABLE orders; --": 1 } }],
      ]
      const refused = await api.push(creds, {
        schemaVersion: 18,
        pending: attempts.length,
        transactions: attempts.map((changes, i) => ({ seq: 2 + i, hlc, changes })),
      })
      expect(refused.rejected?.map((r) => r.reason)).toEqual([
        'tenant',
        'tenant',
        'unknown_row',
        'malformed',
        'unknown_table',
        'malformed',
      ])
      expect((await rig.central.conn.query('SELECT count(*)::int AS n FROM orders')).rows[0]).toEqual({ n: 1 })
      await expect(api.push({ ...creds, secret: 'wrong' }, batch)).rejects.toThrow(/revoked or its secret is wrong/)
      await rig.central.conn.query('SELECT sync_revoke_terminal($1)', [a.terminalId])
      await expect(api.push(creds, batch)).rejects.toThrow(/revoked/)
    } finally {
      await api.close()
    }
  })

  it('refuses a copied data folder that pushes its own history under the same terminal', async () => {
    const a = await rig.terminal()
    await addProduct(a.db, rig, { code: 'C-1' })
    await a.engine.syncOnce()
    const copy = await a.copy()
    await addProduct(a.db, rig, { code: 'C-2' })
    await a.engine.syncOnce()
    const lost = await addProduct(copy.db, rig, { code: 'C-3' })
    await expect(copy.engine.syncOnce()).rejects.toMatchObject({ name: 'SyncStoppedError', reason: 'duplicate_terminal' })
    expect((await rig.central.conn.query('SELECT 1 FROM products WHERE id = $1', [lost])).rows).toHaveLength(0)
    // The original goes on.
    await addProduct(a.db, rig, { code: 'C-4' })
    expect((await a.engine.syncOnce()).pushed).toBe(1)
  })

  it('lets an organization admin list, create and revoke its terminals, and see refused transactions', async () => {
    const a = await rig.terminal()
    const b = await rig.terminal()
    const admin = <T>(fn: Parameters<typeof a.engine.withCentral<T>>[0]) => a.engine.withCentral(fn)
    const list = await admin((api, c) => api.admin.terminals(c))
    expect(list.map((t) => t.self)).toEqual([true, false])
    const created = await admin((api, c) =>
      api.admin.createTerminal(c, { workspaceId: rig.tenant.workspace2Id, name: 'Астана', numberPrefix: 'AST1' }),
    )
    expect(created.enrollmentCode).toMatch(/^[A-Z2-9]{12}$/)
    await expect(
      admin((api, c) => api.admin.createTerminal(c, { workspaceId: rig.tenant.workspace2Id, name: 'x', numberPrefix: 'AST1' })),
    ).rejects.toMatchObject({ code: '23505' })
    await expect(admin((api, c) => api.admin.revokeTerminal(c, a.terminalId))).rejects.toMatchObject({ code: '22023' })
    await addProduct(b.db, rig, { code: 'Q-1' })
    await b.engine.syncOnce()
    await addProduct(a.db, rig, { code: 'Q-1' })
    expect((await a.engine.syncOnce()).rejected).toBe(1)
    const refused = await admin((api, c) => api.admin.quarantine(c))
    expect(refused).toMatchObject([{ terminalId: a.terminalId, reason: 'constraint', changes: 1 }])
    expect(await admin((api, c) => api.admin.revokeTerminal(c, b.terminalId))).toBe(true)
    await expect(b.engine.syncOnce()).rejects.toMatchObject({ name: 'SyncStoppedError', reason: 'revoked' })
    // Another organization's terminal sees none of it.
    const other = await createTenant(rig.central.conn, 'ТОО Другая')
    const code = await rig.central.conn.query<{ enrollment_code: string }>(
      `SELECT enrollment_code FROM sync_create_terminal($1, $2, 'Чужой', 'OTH1')`,
      [other.organizationId, other.workspaceId],
    )
    const api = connectCentral(rig.central.syncUrl)
    try {
      const enrolled = await api.enroll(code.rows[0]!.enrollment_code, 18)
      const theirs = await api.admin.terminals({ terminalId: enrolled.terminalId, secret: enrolled.secret })
      expect(theirs.map((t) => t.name)).toEqual(['Чужой'])
      expect(await api.admin.revokeTerminal({ terminalId: enrolled.terminalId, secret: enrolled.secret }, a.terminalId)).toBe(
        false,
      )
      await expect(
        api.admin.createTerminal(
          { terminalId: enrolled.terminalId, secret: enrolled.secret },
          { workspaceId: rig.tenant.workspaceId, name: 'x', numberPrefix: 'OTH2' },
        ),
      ).rejects.toMatchObject({ code: '23503' })
    } finally {
      await api.close()
    }
  })

  it('exchanges schema versions: an outbox captured under a version head office no longer takes is refused, a too old app is told to update', async () => {
    const a = await rig.terminal()
    await addProduct(a.db, rig, { code: 'V-1' })
    // A local migration ran before this could be pushed: it was captured under version 17.
    await a.db.query('INSERT INTO sync_outbox_version (tx_seq_upto, schema_version) SELECT max(tx_seq), 17 FROM sync_outbox')
    await addProduct(a.db, rig, { code: 'V-2' })
    await rig.central.conn.query('UPDATE sync_settings SET min_schema_version = 18')
    const cycle = await a.engine.syncOnce()
    expect(cycle).toMatchObject({ pushed: 1, rejected: 1 })
    expect((await a.db.query<{ reason: string }>('SELECT reason FROM sync_quarantine')).rows).toEqual([
      { reason: 'schema_too_old' },
    ])
    await rig.central.conn.query('UPDATE sync_settings SET min_schema_version = 999')
    await expect(a.engine.syncOnce()).rejects.toMatchObject({ name: 'SyncStoppedError', reason: 'schema_too_old' })
  })

  it('converges when lines of one order are added and changed on two terminals, totals included', async () => {
    const a = await rig.terminal()
    const b = await rig.terminal()
    const product = await addProduct(a.db, rig, { code: 'L-1' })
    const order = randomUUID()
    await a.db.query('INSERT INTO orders (id, organization_id, workspace_id, created_by) VALUES ($1, $2, $3, $4)', [
      order,
      rig.tenant.organizationId,
      rig.tenant.workspaceId,
      rig.tenant.employeeId,
    ])
    await a.engine.syncOnce()
    await b.engine.syncOnce()
    const line = (db: Db, quantity: string, price: string) =>
      db.query(
        `INSERT INTO order_items (id, order_id, product_id, product_code, product_name, quantity_ordered, unit_price)
         VALUES ($1, $2, $3, 'L-1', 'Болт', $4, $5)`,
        [randomUUID(), order, product, quantity, price],
      )
    await line(a.db, '2', '1000')
    await line(b.db, '1.5', '2000')
    await b.db.query('UPDATE orders SET notes = $1 WHERE id = $2', ['срочно', order])
    await a.engine.syncOnce()
    await b.engine.syncOnce()
    await a.engine.syncOnce()
    await expectIdentical(rig, [a, b], ['orders', 'order_items'])
    const total = await a.db.query<{ subtotal: string }>('SELECT subtotal::text FROM orders WHERE id = $1', [order])
    expect(total.rows[0]!.subtotal).toBe('5000.00')
  })

  it('bootstraps again when head office has purged the changelog past its cursor, keeping its unsent changes', async () => {
    const a = await rig.terminal()
    const b = await rig.terminal()
    await addProduct(b.db, rig, { code: 'P-OLD' })
    await b.engine.syncOnce()
    const mine = await addProduct(a.db, rig, { code: 'P-MINE' })
    // Everything so far is older than the retention period, and purged.
    await rig.central.conn.query(`UPDATE sync_transactions SET committed_at = now() - interval '100 days'`)
    expect(
      Number((await rig.central.conn.query<{ p: string }>('SELECT sync_purge_changelog() AS p')).rows[0]!.p),
    ).toBeGreaterThan(0)
    await a.engine.syncOnce()
    await b.engine.syncOnce()
    await expectIdentical(rig, [a, b], ['products'])
    expect((await rig.central.conn.query('SELECT 1 FROM products WHERE id = $1', [mine])).rows).toHaveLength(1)
    expect((await a.db.query(`SELECT 1 FROM products WHERE code = 'P-OLD'`)).rows).toHaveLength(1)
  })

  it('gives the sync login no direct access to any table', async () => {
    const client = new pg.Client({ connectionString: rig.central.syncUrl })
    await client.connect()
    try {
      for (const table of ['products', 'users', 'sync_terminals', 'sync_changelog', 'sync_organization_keys']) {
        await expect(client.query(`SELECT * FROM ${table} LIMIT 1`)).rejects.toThrow(/permission denied/)
      }
      await expect(client.query(`SELECT sync_create_terminal(gen_random_uuid(), gen_random_uuid(), 'x', 'X1')`)).rejects.toThrow(
        /permission denied/,
      )
    } finally {
      await client.end()
    }
  })
})
