/**
 * Test rig for sync: a central PostgreSQL 14 database with a tenant, and terminals (in-memory
 * PGlite with the real engine) enrolled against it through the sync login.
 */
import { PGlite } from '@electric-sql/pglite'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { openCentral, openPglite, type CentralDatabase } from '../../../db/test/engines'
import { type Tenant, createTenant } from '../../../db/test/fixtures'
import { migrations } from '../../../db/migrations'
import { migrationVersion } from '../../../db/migrator'
import { silentLogger } from '../logger'
import { memoryVault } from '../secrets/vault'
import { type CentralApi, CentralUnreachableError, connectCentral } from './central-client'
import { SYNC_SECRET, type SyncEngine, createSyncEngine } from './engine'

/** The schema version this build ships. */
export const SCHEMA_VERSION = Math.max(...migrations.map((m) => migrationVersion(m.name)))

export interface TestTerminal {
  db: PGlite
  engine: SyncEngine
  terminalId: string
  /** A byte-for-byte copy of this terminal (its data folder copied to another PC). */
  copy(): Promise<TestTerminal>
  /** The terminal's credentials, for calling central's API by hand. */
  secret(): Promise<string>
  close(): Promise<void>
}

export interface SyncRig {
  central: CentralDatabase
  tenant: Tenant
  /** A new terminal of the tenant's main workspace (or `workspaceId`), enrolled and bootstrapped. */
  terminal(opts?: { workspaceId?: string; prefix?: string; connect?: (url: string) => CentralApi }): Promise<TestTerminal>
  close(): Promise<void>
}

let prefixCounter = 0

/** Creates a central database with one tenant; terminals are added with `terminal()`. */
export async function createSyncRig(): Promise<SyncRig> {
  const central = await openCentral()
  const tenant = await createTenant(central.conn)
  const terminals: TestTerminal[] = []
  return {
    central,
    tenant,
    async terminal(opts = {}) {
      const prefix = opts.prefix ?? `T${++prefixCounter}`
      const { rows } = await central.conn.query<{ terminal_id: string; enrollment_code: string }>(
        'SELECT * FROM sync_create_terminal($1, $2, $3, $4)',
        [tenant.organizationId, opts.workspaceId ?? tenant.workspaceId, `Terminal ${prefix}`, prefix],
      )
      const local = await openPglite()
      const vault = memoryVault()
      const engine = createSyncEngine({
        db: local.db,
        vault,
        logger: silentLogger,
        connect: opts.connect ?? ((url) => connectCentral(url)),
        schemaVersion: SCHEMA_VERSION,
      })
      await engine.enroll({ centralUrl: central.syncUrl, code: rows[0]!.enrollment_code })
      const terminal: TestTerminal = {
        db: local.db,
        engine,
        terminalId: rows[0]!.terminal_id,
        async copy() {
          const dump = await local.db.dumpDataDir('none')
          const db = await PGlite.create({ loadDataDir: dump, extensions: { pgcrypto, pg_trgm } })
          const copyEngine = createSyncEngine({
            db,
            vault,
            logger: silentLogger,
            connect: opts.connect ?? ((url) => connectCentral(url)),
            schemaVersion: SCHEMA_VERSION,
          })
          const copied: TestTerminal = {
            ...terminal,
            db,
            engine: copyEngine,
            async close() {
              await copyEngine.stop()
              await db.close()
            },
          }
          terminals.push(copied)
          return copied
        },
        secret: async () => (await vault.get(SYNC_SECRET))!,
        async close() {
          await engine.stop()
          await local.close()
        },
      }
      terminals.push(terminal)
      return terminal
    },
    async close() {
      await Promise.all(terminals.map((t) => t.close().catch(() => undefined)))
      await central.close()
    },
  }
}

/**
 * A table's rows as JSON text per row, ordered by id (derived columns included), for comparing
 * replicas. `where` narrows central to what a terminal holds.
 */
export async function tableRows(
  db: { query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> },
  table: string,
  where = 'true',
): Promise<string[]> {
  const { rows } = await db.query<{ j: string }>(`SELECT to_jsonb(t)::text AS j FROM ${table} t WHERE ${where} ORDER BY 1`)
  return rows.map((r) => r.j)
}

/**
 * A link to central that a test can cut: `down` refuses every call (no network); `plan` cuts the
 * next calls one by one, just before central does the work or just after it did (the answer is
 * lost on the way back).
 */
export function faultyCentral(options: { connectTimeoutMs?: number } = {}) {
  const link = { down: false, plan: [] as ('before' | 'after' | null)[] }
  const connect = (url: string): CentralApi => {
    const real = connectCentral(url, options)
    return new Proxy(real, {
      get(target, prop: keyof CentralApi) {
        const value = target[prop]
        if (typeof value !== 'function' || prop === 'close') return value
        return async (...args: unknown[]) => {
          const fault = link.down ? 'before' : (link.plan.shift() ?? null)
          if (fault === 'before') throw new CentralUnreachableError('connection refused')
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
          if (fault === 'after') throw new CentralUnreachableError('connection reset')
          return result
        }
      },
    })
  }
  return { link, connect }
}
