/**
 * The migrator on both engines: idempotent, refuses edited migrations, runs in Asia/Almaty,
 * stops at upTo; and the migration-test pattern on a real data-moving migration (0011).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { openLocalDatabase, pgliteConnection } from '../connection'
import { migrate, MigrationChecksumError, MigrationError } from '../migrator'
import { migrations } from '../migrations/index'
import { openCentral, openPglite, type TestDatabase } from './engines'
import { createProduct, createTenant, one, postMovement, type Tenant } from './fixtures'
import { runMigrationScenario } from './migration-pattern'

const variants = [
  { name: 'pglite', target: 'local', open: () => openPglite({ migrated: false }) },
  { name: 'pg14', target: 'central', open: () => openCentral({ migrated: false }) },
] as const

describe.each(variants)('migrator on $name', ({ target, open }) => {
  const opened: TestDatabase[] = []
  const fresh = async () => {
    const db = await open()
    opened.push(db)
    return db
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()))
  })
  const expected = migrations.filter((m) => m.target === 'both' || m.target === target).map((m) => m.name)

  it('applies every migration once and nothing on a second run', async () => {
    const { conn } = await fresh()
    const first = await migrate(conn, { target })
    expect(first.applied).toEqual(expected)
    expect(first.schemaVersion).toBe(Math.max(...expected.map((name) => Number(name.slice(0, 4)))))
    const second = await migrate(conn, { target })
    expect(second).toEqual({ applied: [], schemaVersion: first.schemaVersion })
    const history = await conn.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    )
    expect(history.rows.map((r) => r.name)).toEqual(expected)
    expect(history.rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true)
  })

  it('refuses an applied migration whose SQL changed, naming it, and applies nothing', async () => {
    const { conn } = await fresh()
    await migrate(conn, { target, upTo: 3 })
    const edited = migrations.map((m) =>
      m.name === '0003_catalog' ? { ...m, sql: m.sql.replace('DEFAULT 16.00', 'DEFAULT 12.00') } : m,
    )
    const attempt = migrate(conn, { target, migrations: edited })
    await expect(attempt).rejects.toBeInstanceOf(MigrationChecksumError)
    await expect(attempt).rejects.toThrow(/0003_catalog/)
    expect((await one<{ v: number }>(conn, 'SELECT max(version) AS v FROM schema_migrations')).v).toBe(3)
  })

  it('refuses a database that records a migration this build does not ship', async () => {
    const { conn } = await fresh()
    await migrate(conn, { target, upTo: 2 })
    await expect(migrate(conn, { target, migrations: migrations.slice(0, 1) })).rejects.toBeInstanceOf(MigrationError)
  })

  it('stops at upTo and continues from there', async () => {
    const { conn } = await fresh()
    expect((await migrate(conn, { target, upTo: 4 })).applied).toEqual(expected.slice(0, 4))
    expect((await migrate(conn, { target })).applied).toEqual(expected.slice(4))
  })

  it('runs sessions in Asia/Almaty (adapter and migrator)', async () => {
    const { conn } = await fresh()
    // the adapter sets it before the first statement, without the migrator's help
    expect((await one<{ TimeZone: string }>(conn, 'SHOW TimeZone')).TimeZone).toBe('Asia/Almaty')
    await migrate(conn, { target, upTo: 1 })
    expect((await one<{ TimeZone: string }>(conn, 'SHOW TimeZone')).TimeZone).toBe('Asia/Almaty')
    expect((await one<{ o: string }>(conn, "SELECT to_char(CURRENT_TIMESTAMP, 'TZH') AS o")).o).toBe('+05')
  })

  // The pattern for risky migrations (db/test/migration-pattern.ts), applied to 0011, which
  // turns stock recorded before the ledger into opening ledger rows and balances.
  it('0011 turns existing stock into opening ledger rows and balances', async () => {
    const { conn } = await fresh()
    await runMigrationScenario<{ tenant: Tenant; product: string }>(conn, {
      target,
      version: 11,
      async before(c) {
        const tenant = await createTenant(c)
        // before 0011 stock_level was a plain column
        const product = await createProduct(c, tenant, { stock_level: '7.500', reserved_quantity: '2.000' })
        return { tenant, product }
      },
      async after(c, { tenant, product }) {
        expect(await one(c, 'SELECT stock_level, reserved_quantity FROM products WHERE id = $1', [product])).toEqual({
          stock_level: '7.500',
          reserved_quantity: '2.000',
        })
        expect(
          await one(c, 'SELECT workspace_id, on_hand, reserved FROM stock_balances WHERE product_id = $1', [product]),
        ).toEqual({ workspace_id: tenant.workspaceId, on_hand: '7.500', reserved: '2.000' })
        expect(
          (
            await c.query(
              'SELECT movement_type, quantity FROM inventory_movements WHERE product_id = $1 ORDER BY movement_type',
              [product],
            )
          ).rows,
        ).toEqual([
          { movement_type: 'adjustment', quantity: '7.500' },
          { movement_type: 'reservation', quantity: '2.000' },
        ])
        // and the ledger carries on from there
        await postMovement(c, tenant, product, 'receipt', '0.5')
        expect((await one(c, 'SELECT stock_level FROM products WHERE id = $1', [product])).stock_level).toBe('8.000')
      },
    })
  })
})

describe('connections', () => {
  it('openLocalDatabase sets Asia/Almaty and loads pgcrypto and pg_trgm', async () => {
    const db = await openLocalDatabase()
    try {
      expect((await db.query<{ TimeZone: string }>('SHOW TimeZone')).rows[0]?.TimeZone).toBe('Asia/Almaty')
      const conn = pgliteConnection(db)
      await conn.exec('CREATE EXTENSION IF NOT EXISTS pgcrypto; CREATE EXTENSION IF NOT EXISTS pg_trgm')
      expect(
        await one(conn, "SELECT encode(digest('abc', 'sha256'), 'hex') AS h, similarity('Болт', 'Болты') > 0.3 AS similar"),
      ).toEqual({
        h: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        similar: true,
      })
      // nested transactions become savepoints
      await conn.exec('CREATE TABLE t (x int)')
      await conn.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)')
        await expect(
          tx.transaction(async (inner) => {
            await inner.query('INSERT INTO t VALUES (2)')
            throw new Error('roll back the inner part only')
          }),
        ).rejects.toThrow('roll back')
      })
      expect((await conn.query('SELECT x FROM t')).rows).toEqual([{ x: 1 }])
    } finally {
      await db.close()
    }
  })

  it('two migrators racing on central apply each migration once', async () => {
    const db = await openCentral({ migrated: false })
    try {
      const other = await db.connect('owner')
      const [a, b] = await Promise.all([migrate(db.conn, { target: 'central' }), migrate(other.conn, { target: 'central' })])
      const forCentral = migrations.filter((m) => m.target !== 'local').map((m) => m.name)
      expect([...a.applied, ...b.applied].sort()).toEqual(forCentral)
      expect((await one<{ n: number }>(db.conn, 'SELECT count(*)::int AS n FROM schema_migrations')).n).toBe(forCentral.length)
    } finally {
      await db.close()
    }
  })
})
