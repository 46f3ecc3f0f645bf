/**
 * `npm run bench -- sync [--quick]`: push, pull and bootstrap through the real sync API (a real
 * PGlite terminal with the real engine, enrolled against a PostgreSQL 14 central), each with a
 * baseline measured in the same run on the same rows: plain multi-row INSERTs, or COPY.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import type pg from 'pg'
import { pgConnection } from '../../db/connection'
import { createTenant } from '../../db/test/fixtures'
import type { Figure, Suite } from '../harness'
import { type BenchCentral, demoCacheKey, ensureDemoDatabase, functionTimes, startBenchCentral } from '../sync/central'
import { type Queryable, type Row, customerRow, insertRows, productRow, rng, updateRows } from '../sync/rows'
import { type BenchTerminal, newTerminal, openTerminalDatabase } from '../sync/terminal'

/** Sizes of one run. */
interface Sizes {
  /** Products and customers central holds before the push terminal enrolls (updated offline). */
  seedProducts: number
  seedCustomers: number
  /** Changes made offline in transactions of 1–50 rows, besides the large one. */
  pushSmall: number
  /** The one large transaction (an import), pushed in chunks. */
  pushLarge: number
  /** Rows head office writes for the pull. */
  pull: number
  demo: 'small' | 'large'
}

const FULL: Sizes = {
  seedProducts: 2_000,
  seedCustomers: 1_000,
  pushSmall: 10_000,
  pushLarge: 10_000,
  pull: 50_000,
  demo: 'large',
}
const QUICK: Sizes = { seedProducts: 300, seedCustomers: 200, pushSmall: 1_500, pushLarge: 6_000, pull: 5_000, demo: 'small' }

const log = (line: string) => console.log(line)
const seconds = (ms: number) => Math.round(ms) / 1000
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits

/** Column types of a table (for casts in multi-row UPDATEs and for encoding parameters). */
async function columnTypes(db: Queryable & { query<T>(sql: string, p?: unknown[]): Promise<{ rows: T[] }> }, table: string) {
  const { rows } = await db.query<{ name: string; type: string }>(
    `SELECT attname::text AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [table],
  )
  return Object.fromEntries(rows.map((r) => [r.name, r.type]))
}

/** A parameter for a value as it travels in JSON: json columns as text, arrays as arrays. */
const encoderFor = (types: Record<string, string>) => (column: string, value: unknown) =>
  value !== null && (types[column] === 'jsonb' || types[column] === 'json') ? JSON.stringify(value) : value

const timed = async <T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now()
  const value = await fn()
  return { ms: performance.now() - started, value }
}

const callSummary = (t: BenchTerminal) =>
  Object.entries(t.times.ms)
    .map(([k, ms]) => `${k} ${t.times.calls[k]}× ${seconds(ms)} s`)
    .join(', ')

/** A migrated central database with one tenant and some products and customers. */
async function prepareTemplate(central: BenchCentral, sizes: Sizes) {
  await central.createDatabase('bench_template')
  await central.migrateCentral('bench_template')
  const owner = await central.owner('bench_template')
  try {
    const tenant = await createTenant(pgConnection(owner), 'ТОО «Бенчмарк»')
    const random = rng(1)
    const products = Array.from({ length: sizes.seedProducts }, (_, i) => productRow(random, tenant, `SEED-${i}`))
    const customers = Array.from({ length: sizes.seedCustomers }, (_, i) => customerRow(random, tenant, i))
    await insertRows(owner, 'products', products)
    await insertRows(owner, 'customers', customers)
    await owner.query('VACUUM ANALYZE')
    return { tenant, products, customers }
  } finally {
    await owner.end()
  }
}

/**
 * The offline work of a terminal: transactions of 1–50 rows (new products and customers, price
 * and name changes, customer status and phone changes) with one import of `pushLarge` products
 * half way through.
 */
async function offlineWork(db: PGlite, template: Awaited<ReturnType<typeof prepareTemplate>>, sizes: Sizes) {
  const random = rng(2)
  const { tenant } = template
  const productIds = template.products.map((p) => p.id as string)
  const customerIds = template.customers.map((c) => c.id as string)
  let made = 0
  let n = 0
  let imported = false
  const pick = (ids: string[]) => ids[Math.floor(random() * ids.length)]!
  while (made < sizes.pushSmall) {
    if (!imported && made >= sizes.pushSmall / 2) {
      imported = true
      const rows = Array.from({ length: sizes.pushLarge }, (_, i) => productRow(random, tenant, `IMP-${i}`))
      await db.transaction((tx) => insertRows(tx, 'products', rows))
      productIds.push(...rows.map((r) => r.id as string))
    }
    const size = Math.min(sizes.pushSmall - made, 1 + Math.floor(random() * 50))
    await db.transaction(async (tx) => {
      const products: Row[] = []
      const customers: Row[] = []
      for (let i = 0; i < size; i++) {
        const kind = random()
        n++
        if (kind < 0.35) products.push(productRow(random, tenant, `T-${n}`))
        else if (kind < 0.6) customers.push(customerRow(random, tenant, 100_000 + n))
        else if (kind < 0.85)
          await tx.query('UPDATE products SET price = $2, name = name || $3 WHERE id = $1', [
            pick(productIds),
            Math.round(100 + random() * 50_000),
            ' *',
          ])
        else
          await tx.query(`UPDATE customers SET status = 'INACTIVE', phone = $2 WHERE id = $1`, [
            pick(customerIds),
            `+7702${String(n).padStart(7, '0')}`,
          ])
      }
      if (products.length > 0) await insertRows(tx, 'products', products)
      if (customers.length > 0) await insertRows(tx, 'customers', customers)
      productIds.push(...products.map((r) => r.id as string))
      customerIds.push(...customers.map((r) => r.id as string))
    })
    made += size
  }
}

/**
 * The raw baseline of the push: the same changes written to a copy of the same central database
 * as the owner, with multi-row statements: the inserts of each table, then the updates (merged
 * per row, grouped by the columns they change).
 */
async function rawPush(owner: pg.Client, changes: { table_name: string; row_id: string; op: string; data: Row | null }[]) {
  const types = new Map<string, Record<string, string>>()
  const typesOf = async (t: string) => {
    if (!types.has(t)) types.set(t, await columnTypes(owner, t))
    return types.get(t)!
  }
  const inserts = new Map<string, Row[]>()
  const updates = new Map<string, Map<string, Row>>()
  for (const c of changes) {
    if (c.op === 'I') inserts.set(c.table_name, [...(inserts.get(c.table_name) ?? []), { ...c.data, id: c.row_id }])
    else if (c.op === 'U') {
      const rows = updates.get(c.table_name) ?? new Map<string, Row>()
      rows.set(c.row_id, { ...rows.get(c.row_id), ...c.data, id: c.row_id })
      updates.set(c.table_name, rows)
    }
  }
  for (const t of inserts.keys()) await typesOf(t)
  for (const t of updates.keys()) await typesOf(t)
  return timed(async () => {
    for (const [table, rows] of inserts) await insertRows(owner, table, rows, 1000, encoderFor(types.get(table)!))
    for (const [table, rows] of updates) {
      const groups = new Map<string, Row[]>()
      for (const r of rows.values()) {
        const key = Object.keys(r).sort().join(',')
        groups.set(key, [...(groups.get(key) ?? []), r])
      }
      for (const group of groups.values())
        await updateRows(owner, table, group, types.get(table)!, 1000, encoderFor(types.get(table)!))
    }
  })
}

async function measurePush(central: BenchCentral, template: Awaited<ReturnType<typeof prepareTemplate>>, sizes: Sizes) {
  await central.createDatabase('bench_push', 'bench_template')
  await central.createDatabase('bench_push_raw', 'bench_template')
  const terminal = await newTerminal(central, 'bench_push', template.tenant, 'BPUSH')
  const owner = await central.owner('bench_push_raw')
  try {
    await terminal.engine.enroll({ centralUrl: terminal.centralUrl, code: terminal.code })
    log(`  push: making ${sizes.pushSmall + sizes.pushLarge} changes offline…`)
    await offlineWork(terminal.db, template, sizes)
    const { rows: counts } = await terminal.db.query<{ n: number; txs: number; largest: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT tx_seq)::int AS txs,
              (SELECT max(c)::int FROM (SELECT count(*) AS c FROM sync_outbox GROUP BY tx_seq) x) AS largest FROM sync_outbox`,
    )
    const { n, txs, largest } = counts[0]!
    const changes = (
      await terminal.db.query<{ table_name: string; row_id: string; op: string; data: Row | null }>(
        'SELECT table_name, row_id, op, data FROM sync_outbox ORDER BY seq',
      )
    ).rows
    log(`  push: syncOnce() with ${n} changes in ${txs} transactions…`)
    terminal.times.reset()
    const started = performance.now()
    const cycle = await terminal.engine.syncOnce()
    const ended = performance.now()
    const pushMs = (terminal.times.firstPullAt ?? ended) - started
    if (cycle.pushed !== txs || cycle.rejected !== 0 || !cycle.drained)
      throw new Error(`push did not go through: ${JSON.stringify(cycle)} of ${txs} transactions`)
    const calls = callSummary(terminal)
    if (process.env.BENCH_SYNC_PROFILE) log(`  push: central functions:\n    ${await functionTimes(central, 'bench_push')}`)
    log(`  push: raw baseline…`)
    const raw = await rawPush(owner, changes)
    return { n, txs, largest, pushMs, cycleMs: ended - started, pulledBack: cycle.pulled, calls, rawMs: raw.ms }
  } finally {
    await owner.end()
    await terminal.close()
    await central.dropDatabase('bench_push')
    await central.dropDatabase('bench_push_raw')
  }
}

async function measurePull(central: BenchCentral, template: Awaited<ReturnType<typeof prepareTemplate>>, sizes: Sizes) {
  await central.createDatabase('bench_pull', 'bench_template')
  const terminal = await newTerminal(central, 'bench_pull', template.tenant, 'BPULL')
  const owner = await central.owner('bench_pull')
  const raw = await openTerminalDatabase('raw-pull')
  try {
    await terminal.engine.enroll({ centralUrl: terminal.centralUrl, code: terminal.code })
    const random = rng(3)
    const { tenant } = template
    const products = Array.from({ length: Math.round(sizes.pull * 0.6) }, (_, i) => productRow(random, tenant, `HO-${i}`))
    const customers = Array.from({ length: sizes.pull - products.length }, (_, i) => customerRow(random, tenant, 200_000 + i))
    log(`  pull: head office writes ${sizes.pull} rows…`)
    await insertRows(owner, 'products', products)
    await insertRows(owner, 'customers', customers)
    await owner.query('ANALYZE')
    log(`  pull: syncOnce()…`)
    terminal.times.reset()
    const pull = await timed(() => terminal.engine.syncOnce())
    if (pull.value.pulled < sizes.pull) throw new Error(`pulled ${pull.value.pulled} of ${sizes.pull} rows`)
    const calls = callSummary(terminal)
    if (process.env.BENCH_SYNC_PROFILE) log(`  pull: central functions:\n    ${await functionTimes(central, 'bench_pull')}`)
    // Baseline: the same rows, the same statements, into a fresh terminal database.
    await raw.db.query(`INSERT INTO organizations (id, name, bin) VALUES ($1, 'ТОО «Бенчмарк»', '000000000001')`, [
      tenant.organizationId,
    ])
    await raw.db.query(`INSERT INTO workspaces (id, organization_id, name) VALUES ($1, $2, 'Алматы')`, [
      tenant.workspaceId,
      tenant.organizationId,
    ])
    log(`  pull: raw baseline…`)
    const base = await timed(async () => {
      await insertRows(raw.db, 'products', products)
      await insertRows(raw.db, 'customers', customers)
    })
    return { rows: pull.value.pulled, pullMs: pull.ms, rawMs: base.ms, calls }
  } finally {
    await owner.end()
    await terminal.close()
    await raw.close()
    await central.dropDatabase('bench_pull')
  }
}

interface ScopeRow {
  table_name: string
  scope: string
  parent_table: string | null
  parent_column: string | null
  columns: string[]
  push_only: string[]
}

/** The query that selects what a terminal of (organization, workspace) holds of a table, as sync_snapshot_page does. */
function scopedSelect(s: ScopeRow, organizationId: string, workspaceId: string): string {
  const cols = [...s.columns.map((c) => `t."${c}"`), ...s.push_only.map((c) => `''::text AS "${c}"`)].join(', ')
  const org = `'${organizationId}'::uuid`
  const ws = `'${workspaceId}'::uuid`
  const where: Record<string, string> = {
    organization_row: `t.id = ${org}`,
    organization: `t.organization_id = ${org}`,
    workspace: `t.organization_id = ${org} AND t.workspace_id = ${ws}`,
    settings: `t.organization_id = ${org} AND (t.workspace_id IS NULL OR t.workspace_id = ${ws})`,
    organization_child: `p.organization_id = ${org}`,
    workspace_child: `p.organization_id = ${org} AND p.workspace_id = ${ws}`,
    users: `EXISTS (SELECT 1 FROM employees e WHERE e.user_id = t.id AND e.organization_id = ${org})`,
  }
  const join = s.parent_table ? `JOIN "${s.parent_table}" p ON p.id = t."${s.parent_column}"` : ''
  return `SELECT ${cols} FROM "${s.table_name}" t ${join} WHERE ${where[s.scope]}`
}

async function measureBootstrap(central: BenchCentral, root: string, sizes: Sizes) {
  const demo = await ensureDemoDatabase(central, root, sizes.demo, log)
  log(`  bootstrap: cloning the ${sizes.demo} demo company and applying the sync migrations…`)
  const prepared = await timed(async () => {
    await central.createDatabase('bench_boot', demo.database)
    await central.migrateCentral('bench_boot')
  })
  const terminal = await newTerminal(central, 'bench_boot', demo, 'BBOOT')
  const owner = await central.owner('bench_boot')
  const raw = await openTerminalDatabase('raw-boot')
  try {
    log(`  bootstrap: enroll…`)
    terminal.steps.reset()
    const boot = await timed(() => terminal.engine.enroll({ centralUrl: terminal.centralUrl, code: terminal.code }))
    const calls = callSummary(terminal)
    const steps = Object.entries(terminal.steps.ms)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, ms]) => `${k} ${seconds(ms)} s`)
      .join(', ')
    const scope = (
      await owner.query<ScopeRow>(
        `SELECT table_name, scope, parent_table, parent_column, columns, push_only FROM sync_scope
         WHERE direction = 'both' ORDER BY apply_order`,
      )
    ).rows
    const counted = async (db: Queryable & { query<T>(s: string): Promise<{ rows: T[] }> }) => {
      const out: Record<string, number> = {}
      for (const s of scope)
        out[s.table_name] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${s.table_name}"`)).rows[0]!.n
      return out
    }
    const held = await counted(terminal.db)
    const total = Object.values(held).reduce((a, b) => a + b, 0)
    terminal.engine.stop().catch(() => undefined)

    // Baseline: COPY of the same rows out of central (to a file the server writes: the pg client
    // has no COPY TO STDOUT without an extra package) and into PGlite (COPY FROM '/dev/blob').
    log(`  bootstrap: COPY baseline…`)
    const copy = await timed(async () => {
      const files: { s: ScopeRow; file: string }[] = []
      for (const s of scope) {
        const file = path.join(central.scratchDir, `${s.table_name}.copy`)
        await owner.query(`COPY (${scopedSelect(s, demo.organizationId, demo.workspaceId)}) TO '${file}'`)
        files.push({ s, file })
      }
      await raw.db.transaction(async (tx) => {
        await tx.query(`SELECT set_config('prometric.sync_apply', 'on', true)`)
        await tx.exec('SET CONSTRAINTS ALL DEFERRED')
        // Children first, as the engine applies a snapshot (each parent's derived columns computed once).
        for (const { s, file } of [...files].reverse()) {
          const cols = [...s.columns, ...s.push_only].map((c) => `"${c}"`).join(', ')
          await tx.query(`COPY "${s.table_name}" (${cols}) FROM '/dev/blob'`, [], { blob: new Blob([fs.readFileSync(file)]) })
          fs.rmSync(file)
        }
        await tx.exec('SET CONSTRAINTS ALL IMMEDIATE')
      })
    })
    const copied = await counted(raw.db)
    // Same rows and the same values, derived columns included.
    const digest = async (db: PGlite, table: string, order = 't.id') =>
      (
        await db.query<{ h: string }>(
          `SELECT count(*) || ':' || md5(coalesce(string_agg(to_jsonb(t)::text, '' ORDER BY ${order}), '')) AS h FROM "${table}" t`,
        )
      ).rows[0]!.h
    const differ = []
    for (const s of scope)
      if (
        copied[s.table_name] !== held[s.table_name] ||
        (await digest(raw.db, s.table_name)) !== (await digest(terminal.db, s.table_name))
      )
        differ.push(s.table_name)
    // The tables the triggers derive on every replica (the bootstrap computes them set-wise).
    for (const [table, order] of [
      ['stock_balances', 't.product_id, t.workspace_id, t.lot_key'],
      ['daily_sales', 't.organization_id, t.workspace_id, t.sale_date'],
    ] as const)
      if ((await digest(raw.db, table, order)) !== (await digest(terminal.db, table, order))) differ.push(table)
    if (differ.length > 0)
      throw new Error(`bootstrap and COPY hold different rows of ${differ.join(', ')}: ${JSON.stringify({ held, copied })}`)
    return { bootMs: boot.ms, copyMs: copy.ms, total, held, calls, steps, prepareMs: prepared.ms }
  } finally {
    await owner.end()
    await terminal.close()
    await raw.close()
    await central.dropDatabase('bench_boot')
  }
}

export const syncSuite: Suite = {
  name: 'sync',
  description: 'Push, pull and bootstrap through the sync API against PostgreSQL 14, with raw-INSERT and COPY baselines',
  async run({ quick }) {
    const sizes = quick ? QUICK : FULL
    // BENCH_SYNC_ONLY=push,pull,bootstrap measures some of them (while working on one).
    const only = new Set((process.env.BENCH_SYNC_ONLY ?? 'push,pull,bootstrap').split(',').map((x) => x.trim()))
    // The large demo company is kept between runs; the small one is made afresh.
    const cacheRoot = quick ? undefined : path.join(os.tmpdir(), demoCacheKey(sizes.demo))
    const central = await startBenchCentral({ root: cacheRoot })
    const root = cacheRoot ?? path.dirname(central.scratchDir)
    try {
      const figures: Figure[] = []
      const report = (f: Figure) => {
        log(`  → ${f.name} = ${f.value} ${f.unit}`)
        figures.push(f)
      }
      if (only.has('push') || only.has('pull')) {
        log(`  preparing central (${quick ? 'quick' : 'full'} sizes)…`)
        const template = await prepareTemplate(central, sizes)
        if (only.has('push')) {
          const push = await measurePush(central, template, sizes)
          report({
            name: 'sync.push_changes_per_s',
            value: Math.round(push.n / (push.pushMs / 1000)),
            unit: 'changes/s',
            target: { min: 5000 },
            notes:
              `${push.n} changes (inserts and updates of products and customers) in ${push.txs} local transactions of 1–50 rows ` +
              `and one of ${push.largest} rows (pushed in chunks), made offline on a file-backed PGlite terminal enrolled ` +
              `against PostgreSQL 14; push time = engine.syncOnce() until its first pull call (${seconds(push.pushMs)} s; ` +
              `the whole cycle, which also pulls the ${push.pulledBack} echoed rows back, ${seconds(push.cycleMs)} s); ` +
              `calls to central: ${push.calls}`,
          })
          report({
            name: 'sync.push_vs_raw_ratio',
            value: round(push.pushMs / push.rawMs),
            unit: '×',
            target: { max: 4 },
            notes: `push time ÷ the same rows written to a copy of the same central database as the owner with multi-row INSERTs (and multi-row UPDATE … FROM VALUES for the updates, merged per row), 1 000 rows a statement, every table trigger firing: ${seconds(push.rawMs)} s`,
          })
        }
        if (only.has('pull')) {
          const pull = await measurePull(central, template, sizes)
          report({
            name: 'sync.pull_rows_per_s',
            value: Math.round(pull.rows / (pull.pullMs / 1000)),
            unit: 'rows/s',
            target: { min: 10000 },
            notes:
              `${pull.rows} rows (products and customers) written at head office by multi-row INSERTs of 1 000 rows ` +
              `(captured by the changelog triggers), pulled by a bootstrapped terminal: engine.syncOnce() ${seconds(pull.pullMs)} s; ` +
              `calls to central: ${pull.calls}`,
          })
          report({
            name: 'sync.pull_vs_raw_ratio',
            value: round(pull.pullMs / pull.rawMs),
            unit: '×',
            target: { max: 4 },
            notes: `pull time ÷ the same rows inserted into a fresh file-backed PGlite with the same multi-row INSERTs: ${seconds(pull.rawMs)} s`,
          })
        }
        await central.dropDatabase('bench_template')
      }
      if (only.has('bootstrap')) {
        const boot = await measureBootstrap(central, root, sizes)
        report({
          name: 'sync.bootstrap_s',
          value: round(boot.bootMs / 1000, 1),
          unit: 's',
          target: { max: 30 },
          notes:
            `enroll → done for a new terminal of the ${sizes.demo} demo company's main workspace: ${boot.total} rows in ` +
            `${Object.values(boot.held).filter((n) => n > 0).length} tables (${Object.entries(boot.held)
              .filter(([, n]) => n >= 1000)
              .map(([t, n]) => `${t} ${n}`)
              .join(', ')}); calls to central: ${boot.calls}; slowest steps: ${boot.steps}`,
        })
        report({
          name: 'sync.bootstrap_vs_copy_ratio',
          value: round(boot.bootMs / boot.copyMs),
          unit: '×',
          target: { max: 4 },
          notes:
            `bootstrap time ÷ COPY of the same rows and columns: COPY (SELECT … scoped as sync_snapshot_page) TO a file on central ` +
            `(node-postgres has no COPY TO STDOUT without pg-copy-streams), then COPY … FROM '/dev/blob' into a fresh file-backed ` +
            `PGlite in one transaction, children before parents, triggers on, constraints deferred: ${seconds(boot.copyMs)} s. ` +
            `Both hold the same rows and values (every column, derived ones included, and the derived stock_balances and daily_sales), checked per table. (Cloning the cached demo database and applying the sync migrations: ${seconds(boot.prepareMs)} s, not counted.)`,
        })
      }
      return figures
    } finally {
      await central.stop()
    }
  },
}
