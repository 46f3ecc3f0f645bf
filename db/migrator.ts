/**
 * One migrator for the terminal (PGlite) and central (PostgreSQL 14+). Migrations are plain SQL
 * shipped as TS modules (so they travel inside the build); each runs in its own transaction
 * together with its row in `schema_migrations`, so a migration is either fully applied and
 * recorded or not at all.
 */
import { createHash } from 'node:crypto'
import { SESSION_TIME_ZONE, type SqlConnection } from './connection'
import { migrations as allMigrations } from './migrations/index'

/**
 * Where a migration runs: on every engine, on central only (roles, grants, RLS), or on
 * terminals only (tables of the terminal itself: its mode, sign-in verifiers, sync state).
 */
export type MigrationTarget = 'both' | 'central' | 'local'

/** One migration as shipped in `db/migrations/NNNN_name.ts`. */
export interface MigrationSource {
  /** `NNNN_name`; the number is the version and fixes the order. */
  name: string
  target: MigrationTarget
  /** SQL script, without BEGIN/COMMIT (the migrator wraps it in a transaction). */
  sql: string
}

/** Which database is being migrated. */
export type DatabaseTarget = 'local' | 'central'

export interface MigrateOptions {
  target: DatabaseTarget
  /** Apply only migrations whose version is ≤ this (migration tests: migrate to N−1, then N). */
  upTo?: number
  /** The migrations to consider; defaults to the shipped list. */
  migrations?: readonly MigrationSource[]
}

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order. */
  applied: string[]
  /** Highest version recorded in the database after the call (0 when none). */
  schemaVersion: number
}

/** Base class of the migrator's own errors. */
export class MigrationError extends Error {
  override name = 'MigrationError'
}

/** An already applied migration whose SQL has changed since: refused, never re-run. */
export class MigrationChecksumError extends MigrationError {
  override name = 'MigrationChecksumError'
  constructor(
    readonly migration: string,
    readonly recorded: string,
    readonly actual: string,
  ) {
    super(
      `Migration ${migration} was changed after it was applied (recorded checksum ${recorded.slice(0, 12)}…, ` +
        `shipped ${actual.slice(0, 12)}…). Applied migrations must never be edited: add a new migration instead.`,
    )
  }
}

/** Key of the advisory lock that serialises concurrent migrators on central ('prometric' in hex). */
export const MIGRATION_LOCK_KEY = 0x70726f6d

/** sha-256 (hex) of a migration's SQL, as stored in `schema_migrations.checksum`. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex')
}

/** The version number of `NNNN_name`. */
export function migrationVersion(name: string): number {
  const match = /^(\d{4})_[a-z0-9_]+$/.exec(name)
  if (!match?.[1]) throw new MigrationError(`Migration name ${JSON.stringify(name)} is not NNNN_snake_case`)
  return Number(match[1])
}

function checkList(list: readonly MigrationSource[]): void {
  let previous = 0
  for (const m of list) {
    const version = migrationVersion(m.name)
    if (version <= previous) {
      throw new MigrationError(`Migrations out of order or duplicated at ${m.name}`)
    }
    previous = version
  }
}

const CREATE_HISTORY = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version     integer PRIMARY KEY,
    name        text NOT NULL,
    checksum    text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
  )`

interface AppliedRow {
  version: number
  name: string
  checksum: string
}

/**
 * Applies the pending migrations for `target` in order and returns what it applied. Re-running
 * applies nothing. A recorded migration whose SQL changed raises MigrationChecksumError before
 * anything is applied; so does a database that records a version this build does not ship.
 */
export async function migrate(conn: SqlConnection, opts: MigrateOptions): Promise<MigrateResult> {
  const list = opts.migrations ?? allMigrations
  checkList(list)
  const wanted = list.filter(
    (m) =>
      (m.target === 'both' || m.target === opts.target) && (opts.upTo === undefined || migrationVersion(m.name) <= opts.upTo),
  )

  await conn.exec(`SET TimeZone = '${SESSION_TIME_ZONE}'`)
  const history = await conn.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t")
  if (!history.rows[0]?.t) {
    // Under the lock: two migrators starting on an empty database would otherwise race on
    // CREATE TABLE IF NOT EXISTS (it is not atomic against a concurrent creation).
    await conn.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
      await tx.exec(CREATE_HISTORY)
    })
  }

  const readApplied = async (c: SqlConnection) =>
    new Map(
      (await c.query<AppliedRow>('SELECT version, name, checksum FROM schema_migrations ORDER BY version')).rows.map(
        (r) => [Number(r.version), r] as const,
      ),
    )

  const verify = (applied: Map<number, AppliedRow>) => {
    const shipped = new Map(list.map((m) => [migrationVersion(m.name), m] as const))
    for (const [version, row] of applied) {
      const m = shipped.get(version)
      if (!m) {
        throw new MigrationError(
          `The database records migration ${row.name}, which this build does not ship: it is newer than the app.`,
        )
      }
      const actual = migrationChecksum(m.sql)
      if (actual !== row.checksum) throw new MigrationChecksumError(m.name, row.checksum, actual)
    }
  }

  const appliedBefore = await readApplied(conn)
  verify(appliedBefore)
  // The usual start: nothing pending, so no per-migration transaction (each one re-checks under
  // the lock, which matters only when there is something to apply).
  const pending = wanted.filter((m) => !appliedBefore.has(migrationVersion(m.name)))

  const appliedNow: string[] = []
  for (const m of pending) {
    const version = migrationVersion(m.name)
    const done = await conn.transaction(async (tx) => {
      // Serialise migrators (two app servers starting at once); re-check under the lock.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
      const applied = await readApplied(tx)
      verify(applied)
      if (applied.has(version)) return false
      await tx.exec(m.sql)
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        version,
        m.name,
        migrationChecksum(m.sql),
      ])
      return true
    })
    if (done) appliedNow.push(m.name)
  }

  const { rows } = await conn.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')
  return { applied: appliedNow, schemaVersion: Number(rows[0]?.v ?? 0) }
}

/**
 * The migrations `migrate` would apply now, without applying anything (the terminal drains its
 * sync outbox before a local migration changes the tables it names).
 */
export async function pendingMigrations(conn: SqlConnection, target: DatabaseTarget): Promise<string[]> {
  const history = await conn.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t")
  const applied = history.rows[0]?.t
    ? new Set((await conn.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)))
    : new Set<number>()
  return allMigrations
    .filter((m) => (m.target === 'both' || m.target === target) && !applied.has(migrationVersion(m.name)))
    .map((m) => m.name)
}
