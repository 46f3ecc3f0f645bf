/**
 * A terminal for the sync benchmark: a PGlite data folder migrated for the terminal and the real
 * sync engine, talking to central through the real client, with every call to central timed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { openLocalDatabase, pgliteConnection } from '../../db/connection'
import { createEventBus } from '../../electron/backend/event-bus'
import { migrations } from '../../db/migrations'
import { migrate, migrationVersion } from '../../db/migrator'
import { silentLogger } from '../../electron/backend/logger'
import { memoryVault } from '../../electron/backend/secrets/vault'
import { type CentralApi, connectCentral } from '../../electron/backend/sync/central-client'
import { type SyncEngine, createSyncEngine } from '../../electron/backend/sync/engine'
import type { BenchCentral } from './central'

/** The schema version this build ships. */
export const SCHEMA_VERSION = Math.max(...migrations.map((m) => migrationVersion(m.name)))

/** Time spent in central's API, per call, since the last reset. */
export interface CallTimes {
  ms: Record<string, number>
  calls: Record<string, number>
  /** performance.now() when the first pull call of the current cycle started (end of the push). */
  firstPullAt: number | null
  reset(): void
}

/** Wraps a central client so every call is timed. */
export function timedApi(api: CentralApi, times: CallTimes): CentralApi {
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now()
      if (name === 'pull' && times.firstPullAt === null) times.firstPullAt = started
      try {
        return await fn(...args)
      } finally {
        times.ms[name] = (times.ms[name] ?? 0) + performance.now() - started
        times.calls[name] = (times.calls[name] ?? 0) + 1
      }
    }
  return {
    enroll: wrap('enroll', api.enroll),
    push: wrap('push', api.push),
    pushChunk: wrap('pushChunk', api.pushChunk),
    pull: wrap('pull', api.pull),
    snapshotPosition: wrap('snapshotPosition', api.snapshotPosition),
    snapshotPage: wrap('snapshotPage', api.snapshotPage),
    fetchRows: wrap('fetchRows', api.fetchRows),
    verifyPassword: wrap('verifyPassword', api.verifyPassword),
    admin: api.admin,
    close: api.close,
  }
}

export function callTimes(): CallTimes {
  const t: CallTimes = {
    ms: {},
    calls: {},
    firstPullAt: null,
    reset() {
      t.ms = {}
      t.calls = {}
      t.firstPullAt = null
    },
  }
  return t
}

/** A terminal's data folder, migrated, not yet enrolled. */
export async function openTerminalDatabase(label: string): Promise<{ db: PGlite; dir: string; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `prometric-bench-${label}-`))
  const db = await openLocalDatabase(dir)
  await migrate(pgliteConnection(db), { target: 'local' })
  return {
    db,
    dir,
    async close() {
      await db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Time per bootstrap step (`download:<table>`, `apply:<table>`), from the engine's progress
 * events: the time since the previous event is the step's.
 */
export interface StepTimes {
  ms: Record<string, number>
  reset(): void
}

export interface BenchTerminal {
  db: PGlite
  engine: SyncEngine
  times: CallTimes
  steps: StepTimes
  /** The one-time code `engine.enroll` exchanges. */
  code: string
  centralUrl: string
  close(): Promise<void>
}

/** Registers a terminal at central for a workspace and opens its (empty) data folder and engine. */
export async function newTerminal(
  central: BenchCentral,
  database: string,
  tenant: { organizationId: string; workspaceId: string },
  prefix: string,
): Promise<BenchTerminal> {
  const owner = await central.owner(database)
  let code: string
  try {
    const { rows } = await owner.query<{ enrollment_code: string }>('SELECT * FROM sync_create_terminal($1, $2, $3, $4)', [
      tenant.organizationId,
      tenant.workspaceId,
      `Bench ${prefix}`,
      prefix,
    ])
    code = rows[0]!.enrollment_code
  } finally {
    await owner.end()
  }
  const local = await openTerminalDatabase(prefix.toLowerCase())
  const times = callTimes()
  const events = createEventBus(() => undefined)
  let previous = performance.now()
  let lastStep = ''
  const steps: StepTimes = {
    ms: {},
    reset() {
      steps.ms = {}
      previous = performance.now()
    },
  }
  events.subscribe((name, payload) => {
    if (name !== 'task.progress') return
    const now = performance.now()
    const step = (payload as { step: string }).step
    steps.ms[step] = (steps.ms[step] ?? 0) + now - previous
    previous = now
    if (process.env.BENCH_SYNC_STEPS && step !== lastStep) {
      if (lastStep) console.log(`    ${lastStep} ${Math.round(steps.ms[lastStep] ?? 0)} ms`)
      lastStep = step
    }
  })
  const engine = createSyncEngine({
    events,
    db: local.db,
    vault: memoryVault(),
    logger: silentLogger,
    connect: (url) => timedApi(connectCentral(url), times),
    schemaVersion: SCHEMA_VERSION,
  })
  return {
    db: local.db,
    engine,
    times,
    steps,
    code,
    centralUrl: central.syncUrl(database),
    async close() {
      await engine.stop()
      await local.close()
    },
  }
}
