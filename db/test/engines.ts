/**
 * Fresh databases for tests on both engines: PGlite in memory (migrated for 'local') and a
 * PostgreSQL 14 database cloned from the migrated central template (or empty, for migrator
 * tests).
 */
import { randomUUID } from 'node:crypto'
import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { inject } from 'vitest'
import { openLocalDatabase, pgConnection, pgliteConnection, type SqlConnection } from '../connection'
import { migrate } from '../migrator'
import { CENTRAL_TEMPLATE, type CentralServer } from './central-server'

export type EngineName = 'pglite' | 'pg14'

export interface TestDatabase {
  engine: EngineName
  conn: SqlConnection
  close(): Promise<void>
}

export interface CentralDatabase extends TestDatabase {
  database: string
  /** URL for the sync login (what an enrolled terminal connects with). */
  syncUrl: string
  /** Opens another session on the same database, as the schema owner or as the app login. */
  connect(as?: 'owner' | 'login'): Promise<{ conn: SqlConnection; client: pg.Client }>
}

/** An in-memory PGlite; migrated for the terminal unless `migrated` is false. */
export async function openPglite(opts: { migrated?: boolean } = {}): Promise<TestDatabase & { db: PGlite }> {
  const db = await openLocalDatabase()
  const conn = pgliteConnection(db)
  if (opts.migrated !== false) await migrate(conn, { target: 'local' })
  return { engine: 'pglite', conn, db, close: () => db.close() }
}

/** A new PostgreSQL 14 database: a clone of the migrated template, or empty. */
export async function openCentral(opts: { migrated?: boolean; server?: CentralServer } = {}): Promise<CentralDatabase> {
  const server = opts.server ?? inject('centralServer')
  const database = `t_${randomUUID().replaceAll('-', '')}`
  const base = { host: server.host, port: server.port }
  const admin = new pg.Client({ ...base, user: server.user, password: server.password, database: 'postgres' })
  await admin.connect()
  await admin.query(
    opts.migrated === false ? `CREATE DATABASE ${database}` : `CREATE DATABASE ${database} TEMPLATE ${CENTRAL_TEMPLATE}`,
  )
  await admin.end()

  const clients: pg.Client[] = []
  const connect = async (as: 'owner' | 'login' = 'owner') => {
    const client = new pg.Client(
      as === 'owner'
        ? { ...base, user: server.user, password: server.password, database }
        : { ...base, user: server.loginUser, password: server.loginPassword, database },
    )
    await client.connect()
    clients.push(client)
    return { conn: pgConnection(client), client }
  }
  const main = await connect('owner')
  return {
    engine: 'pg14',
    database,
    syncUrl: `postgres://${server.syncUser}:${server.syncPassword}@${server.host}:${server.port}/${database}`,
    conn: main.conn,
    connect,
    async close() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
      const cleanup = new pg.Client({ ...base, user: server.user, password: server.password, database: 'postgres' })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS ${database}`)
      await cleanup.end()
    },
  }
}

/** Both engines, for describe.each: each `open` gives a fresh, migrated database. */
export const engines: { name: EngineName; open: () => Promise<TestDatabase> }[] = [
  { name: 'pglite', open: () => openPglite() },
  { name: 'pg14', open: () => openCentral() },
]
