/**
 * One minimal SQL connection interface for both engines (PGlite on the terminal, node-postgres
 * against central), so the migrator, tests and data-access code never care which one they got.
 */
import { PGlite } from '@electric-sql/pglite'
import type { Transaction as PGliteTransaction } from '@electric-sql/pglite'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type pg from 'pg'

/** The zone every session runs in: one zone for all of Kazakhstan since 2024-03-01 (UTC+5). */
export const SESSION_TIME_ZONE = 'Asia/Almaty'

/** What data-access code needs from a database: queries, scripts and (nestable) transactions. */
export interface SqlConnection {
  /** Runs one statement, with `$1…` parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>
  /**
   * Runs `fn` in a transaction: commits when it resolves, rolls back when it throws. Called on a
   * connection that is already inside a transaction it uses a savepoint, so helpers may nest.
   */
  transaction<T>(fn: (tx: SqlConnection) => Promise<T>): Promise<T>
}

let savepointCounter = 0

/** Runs `fn` inside a savepoint on a connection that is already in a transaction. */
async function inSavepoint<T>(conn: SqlConnection, fn: (tx: SqlConnection) => Promise<T>): Promise<T> {
  const name = `sp_${++savepointCounter}`
  await conn.exec(`SAVEPOINT ${name}`)
  try {
    const result = await fn(conn)
    await conn.exec(`RELEASE SAVEPOINT ${name}`)
    return result
  } catch (error) {
    await conn.exec(`ROLLBACK TO SAVEPOINT ${name}`)
    throw error
  }
}

/** Wraps a PGlite transaction handle; nested transactions become savepoints. */
function pgliteTransactionConnection(tx: PGliteTransaction): SqlConnection {
  const conn: SqlConnection = {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await tx.query<T>(sql, params)
      return { rows: result.rows }
    },
    async exec(sql: string) {
      await tx.exec(sql)
    },
    transaction: (fn) => inSavepoint(conn, fn),
  }
  return conn
}

/**
 * Adapts a PGlite instance. Sets the session time zone before the first statement (PGlite keeps
 * one session for its lifetime, so once is enough).
 */
export function pgliteConnection(db: PGlite): SqlConnection {
  let ready: Promise<void> | undefined
  const init = () => (ready ??= db.exec(`SET TimeZone = '${SESSION_TIME_ZONE}'`).then(() => undefined))
  return {
    async query<T>(sql: string, params?: unknown[]) {
      await init()
      const result = await db.query<T>(sql, params)
      return { rows: result.rows }
    },
    async exec(sql: string) {
      await init()
      await db.exec(sql)
    },
    async transaction<T>(fn: (tx: SqlConnection) => Promise<T>) {
      await init()
      return db.transaction((tx) => fn(pgliteTransactionConnection(tx)))
    },
  }
}

/**
 * Adapts a connected node-postgres client (one session). Sets the session time zone before the
 * first statement. Transactions use BEGIN/COMMIT; nested ones use savepoints.
 */
export function pgConnection(client: pg.Client | pg.PoolClient): SqlConnection {
  let ready: Promise<void> | undefined
  const init = () => (ready ??= client.query(`SET TimeZone = '${SESSION_TIME_ZONE}'`).then(() => undefined))
  let depth = 0
  const conn: SqlConnection = {
    async query<T>(sql: string, params?: unknown[]) {
      await init()
      const result = await client.query(sql, params as unknown[] | undefined)
      return { rows: result.rows as T[] }
    },
    async exec(sql: string) {
      await init()
      await client.query(sql)
    },
    async transaction<T>(fn: (tx: SqlConnection) => Promise<T>) {
      await init()
      if (depth > 0) return inSavepoint(conn, fn)
      depth++
      await client.query('BEGIN')
      try {
        const result = await fn(conn)
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      } finally {
        depth--
      }
    },
  }
  return conn
}

/**
 * The terminal's PostgreSQL settings (PGlite writes them into the data folder's postgresql.conf).
 * A 64 MB buffer pool instead of 128 MB: the backend shares a shop-floor PC with the UI and the
 * OS file cache holds the data anyway; the large demo opens as fast and its resident memory
 * stays under the 500 MB budget.
 */
const TERMINAL_SETTINGS = ['shared_buffers = 64MB']

/**
 * Opens the terminal's database with the extensions the schema needs (pgcrypto, pg_trgm) and
 * the session time zone set. In memory when `dataDir` is undefined (tests, the support CLI).
 */
export async function openLocalDatabase(dataDir?: string): Promise<PGlite> {
  // About one PGlite instance in forty comes up with pgcrypto's OpenSSL unable to initialise its
  // ciphers ("Cannot use sha256: Cipher cannot be initialized"), and stays so: encryption of
  // identity documents would then fail at random. Each instance is checked, and a broken one
  // is closed and opened again (measured: 1 in 40 fail; a retry of the same instance never helps).
  for (let attempt = 1; ; attempt++) {
    const db = await PGlite.create({ dataDir, extensions: { pgcrypto, pg_trgm }, postgresqlconf: TERMINAL_SETTINGS })
    await db.exec(`SET TimeZone = '${SESSION_TIME_ZONE}'`)
    try {
      await db.exec('CREATE EXTENSION IF NOT EXISTS pgcrypto')
      await db.query(`SELECT digest('prometric', 'sha256'), pgp_sym_decrypt(pgp_sym_encrypt('x', 'k'), 'k')`)
      return db
    } catch (error) {
      await db.close()
      if (attempt >= 5 || !/cipher|digest|hash algorithm/i.test(String(error))) throw error
    }
  }
}
