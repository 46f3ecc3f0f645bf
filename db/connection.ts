import { PGlite, type Transaction } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'

/** The one time zone of Kazakhstan since 2024-03-01 (UTC+5); every connection runs in it. */
export const TIME_ZONE = 'Asia/Almaty'

/** Minimal SQL connection both engines are adapted to, so one migrator serves both. */
export interface SqlConnection {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>
  exec(sql: string): Promise<void>
  transaction<T>(fn: (tx: SqlConnection) => Promise<T>): Promise<T>
}

/** Opens the terminal's PGlite (in memory when `dataDir` is undefined) with our extensions. */
export async function openLocalDatabase(dataDir?: string): Promise<PGlite> {
  const db = await PGlite.create(dataDir, { extensions: { pgcrypto, pg_trgm } })
  await db.exec(`SET TimeZone = '${TIME_ZONE}'`)
  return db
}

/** Adapts PGlite (or one of its transactions, where nesting joins the outer one) to {@link SqlConnection}. */
export function pgliteConnection(db: PGlite | Transaction): SqlConnection {
  const conn: SqlConnection = {
    query: (sql, params) => db.query(sql, params),
    exec: async (sql) => {
      await db.exec(sql)
    },
    transaction: (fn) => ('transaction' in db ? db.transaction((tx) => fn(pgliteConnection(tx))) : fn(conn)),
  }
  return conn
}
