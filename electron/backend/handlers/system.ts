import type { PGlite } from '@electric-sql/pglite'
import type { DomainHandlers } from '../dispatcher'
import type { IdleMaintenance } from '../idle-maintenance'

/** What the system handlers read. */
export interface SystemDeps {
  db: PGlite
  appVersion: string
  dataDir: string | null
  schemaVersion: () => number
  startedAt: Date
  maintenance: IdleMaintenance
}

/** `PostgreSQL 18.6 (PGlite 0.5.16) on wasm32…` → the two versions. */
export function parseVersionString(version: string): { postgres: string; pglite: string } {
  return {
    postgres: version.match(/^PostgreSQL ([\d.]+)/)?.[1] ?? 'unknown',
    pglite: version.match(/PGlite ([\d.]+)/)?.[1] ?? 'unknown',
  }
}

/** Handlers of the `system` domain: what support asks first, and whether the backend is well. */
export function systemHandlers(deps: SystemDeps): DomainHandlers<'system.info' | 'system.health' | 'system.setLocale'> {
  return {
    'system.info': async () => {
      const { rows } = await deps.db.query<{ version: string; size: string }>(
        'SELECT version() AS version, pg_database_size(current_database())::text AS size',
      )
      const row = rows[0]
      const versions = parseVersionString(row?.version ?? '')
      return {
        appVersion: deps.appVersion,
        schemaVersion: deps.schemaVersion(),
        dataDir: deps.dataDir,
        pgliteVersion: versions.pglite,
        postgresVersion: versions.postgres,
        databaseSizeBytes: Number(row?.size ?? 0),
        nodeVersion: process.versions.node,
        platform: `${process.platform}-${process.arch}`,
        startedAt: deps.startedAt.toISOString(),
      }
    },
    'system.setLocale': async ({ locale }, ctx) => {
      ctx.connection.locale = locale
      return null
    },
    'system.health': async () => {
      const started = performance.now()
      let dbOk = true
      try {
        await deps.db.query('SELECT 1')
      } catch {
        dbOk = false
      }
      const lastRun = deps.maintenance.lastRunAt()
      return {
        status: dbOk ? 'ok' : 'degraded',
        database: { ok: dbOk, latencyMs: Math.round((performance.now() - started) * 100) / 100 },
        lastMaintenanceAt: lastRun ? lastRun.toISOString() : null,
        uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
      }
    },
  }
}
