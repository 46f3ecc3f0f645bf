import { createHash } from 'node:crypto'
import type { SqlConnection } from './connection'
import { migrations as allMigrations } from './migrations'

/** One migration as written in `db/migrations/`. */
export interface MigrationSource {
  name: string
  target: 'both' | 'central'
  sql: string
}

/** An applied migration whose text has changed since: refused, never silently re-run. */
export class MigrationChecksumError extends Error {
  constructor(readonly migration: string) {
    super(`Migration ${migration} was changed after it was applied; write a new migration instead.`)
    this.name = 'MigrationChecksumError'
  }
}

function versionOf(m: MigrationSource): number {
  return Number.parseInt(m.name.slice(0, 4), 10)
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex')
}

/** Applies the pending migrations for one target, each in its own transaction. */
export async function migrate(
  conn: SqlConnection,
  opts: { target: 'local' | 'central'; migrations?: MigrationSource[] },
): Promise<{ applied: string[]; schemaVersion: number }> {
  const list = (opts.migrations ?? allMigrations).filter((m) => m.target === 'both' || opts.target === 'central')
  await conn.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`)
  const done = new Map(
    (await conn.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations')).rows.map((r) => [
      r.version,
      r.checksum,
    ]),
  )
  const applied: string[] = []
  for (const m of list) {
    const version = versionOf(m)
    const known = done.get(version)
    if (known !== undefined) {
      if (known !== checksum(m.sql)) throw new MigrationChecksumError(m.name)
      continue
    }
    await conn.transaction(async (tx) => {
      await tx.exec(m.sql)
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        version,
        m.name,
        checksum(m.sql),
      ])
    })
    applied.push(m.name)
  }
  const { rows } = await conn.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')
  return { applied, schemaVersion: rows[0]?.v ?? 0 }
}
