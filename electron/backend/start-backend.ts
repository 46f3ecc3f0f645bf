import type { PGlite } from '@electric-sql/pglite'
import path from 'node:path'
import { openLocalDatabase, pgliteConnection } from '../../db/connection'
import { migrate, pendingMigrations } from '../../db/migrator'
import { APP_VERSION } from './app-version'
import type { CallContext } from './call-context'
import { type DataFolderLock, lockDataFolder } from './data-folder-lock'
import { type ConstraintColumns, loadConstraintColumns } from './db-errors'
import { type Dispatch, type HandlerMap, createDispatcher } from './dispatcher'
import { type EventBus, createEventBus } from './event-bus'
import { adminOrganizationHandlers } from './handlers/admin-organization'
import { adminPeopleHandlers } from './handlers/admin-people'
import { auditHandlers } from './handlers/audit'
import { catalogHandlers } from './handlers/catalog'
import { authHandlers } from './handlers/auth'
import { peopleHandlers } from './handlers/people'
import { printHandlers } from './handlers/print'
import { settingsHandlers } from './handlers/settings'
import { setupHandlers } from './handlers/setup'
import { systemHandlers } from './handlers/system'
import { receivingHandlers } from './handlers/receiving'
import { shippingHandlers } from './handlers/shipping'
import { warehousePrintHandlers } from './handlers/warehouse-print'
import { createPasswordReset } from './auth/password-reset'
import { createRevocations } from './auth/revocations'
import { createNameVocabulary } from './data/name-words'
import { createSessions } from './auth/sessions'
import { createOrm } from './data/orm'
import { createWriter } from './data/write'
import { createMailer } from './mail/mailer'
import { nodemailerTransport } from './mail/nodemailer-transport'
import type { MailTransport } from './mail/transport'
import { createSettingsCache } from './settings/organization-settings'
import { type SecretVault, dataKeyName, fileVault, memoryVault } from './secrets/vault'
import { type IdleMaintenanceOptions, defaultMaintenanceTiming, startIdleMaintenance } from './idle-maintenance'
import { type Logger, silentLogger } from './logger'
import { withSystemLogs } from './system-log-sink'
import { syncHandlers } from './handlers/sync'
import { stockHandlers } from './stock'
import { type CentralApi, connectCentral } from './sync/central-client'
import { createSyncEngine, readIdentity } from './sync/engine'
import { type OutboxJournal, openJournal, reconcileJournal } from './sync/journal'
import fs from 'node:fs'

/** How to start a backend. */
export interface BackendOptions {
  /** The terminal's data folder; undefined keeps the database in memory (tests). */
  dataDir?: string
  logger?: Logger
  appVersion?: string
  maintenance?: IdleMaintenanceOptions
  /** Where secrets live; by default owner-only files in the data folder (memory without one). */
  vault?: SecretVault
  /** The app's resources folder (the RDS CA bundle for TLS to head office). */
  resourcesDir?: string
  /** Opens a client for central (tests pass a fake or a faulty proxy). */
  connectCentral?: (url: string) => CentralApi
  /** Sync schedule: how often to sync while online (default 30 s). */
  syncIntervalMs?: number
  /** How email leaves the terminal; nodemailer over the organization's SMTP server by default. */
  mailTransport?: MailTransport
}

/** A running backend: one dispatcher, one event stream, one database. */
export interface Backend {
  dispatch: Dispatch
  /** Events to the renderers; transports subscribe, the host may emit notices. */
  events: EventBus
  /** The database itself, for tests and the support CLI only. */
  db: PGlite
  /** The schema version after start-up, and the migrations this start applied. */
  schema: { version: number; applied: readonly string[] }
  /** Writes everything to disk and closes; safe to call twice. */
  close(): Promise<void>
}

/**
 * Before a local migration changes the tables the outbox names: push what is pending if head
 * office can be reached; whatever stays is marked with the schema version it was captured
 * under, which head office accepts for a window (older is refused with its reason, not lost).
 */
async function drainBeforeMigration(db: PGlite, vault: SecretVault, options: BackendOptions, logger: Logger): Promise<void> {
  const exists = await db.query<{ outbox: string | null; versions: string | null }>(
    "SELECT to_regclass('sync_outbox')::text AS outbox, to_regclass('sync_outbox_version')::text AS versions",
  )
  if (!exists.rows[0]?.outbox) return
  const waiting = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_outbox')
  if ((waiting.rows[0]?.n ?? 0) === 0) return
  const version = await db.query<{ v: number }>('SELECT max(version)::int AS v FROM schema_migrations')
  const current = version.rows[0]?.v ?? 0
  const engine = createSyncEngine({
    db,
    vault,
    logger,
    connect: options.connectCentral ?? ((url) => connectCentral(url, { connectTimeoutMs: 5_000 })),
    schemaVersion: current,
  })
  try {
    await engine.syncOnce()
    logger.info('outbox pushed before a local migration')
  } catch (error) {
    logger.warn('outbox could not be pushed before a local migration; it is kept with its schema version', error)
  } finally {
    await engine.stop()
  }
  if (exists.rows[0]?.versions) {
    await db.query(
      `INSERT INTO sync_outbox_version (tx_seq_upto, schema_version)
       SELECT max(tx_seq), $1 FROM sync_outbox HAVING count(*) > 0 ON CONFLICT (tx_seq_upto) DO NOTHING`,
      [current],
    )
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** Beside the database: who this terminal is (not its secret), for a rebuild. */
export const TERMINAL_IDENTITY_FILE = 'terminal-identity.json'

/** The database was lost and could not be rebuilt (head office unreachable, or revoked). */
export class DatabaseRebuildError extends Error {
  override name = 'DatabaseRebuildError'
  constructor(readonly reason: unknown) {
    super(
      `This terminal's database was lost and is rebuilt from head office, which could not be done now (${
        reason instanceof Error ? reason.message : String(reason)
      }). Connect the terminal to the network and start it again: nothing it accepted is lost (the journal keeps it).`,
    )
  }
}

/** The PGlite database lives in this sub-folder of the data folder (the lock and journal sit beside it). */
export const DATABASE_SUBFOLDER = 'pgdata'

/**
 * Starts the Electron-free backend: takes the data-folder lock, opens PGlite, brings the
 * schema up to date and returns the dispatcher every transport (Electron IPC, WebSocket,
 * in-process tests) calls. Fails fast with a typed error when the folder is locked by another
 * process or cannot be written, before anything touches the database files.
 */
export async function startBackend(options: BackendOptions = {}): Promise<Backend> {
  const fileLogger = options.logger ?? silentLogger
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : null
  const lock: DataFolderLock | null = dataDir ? lockDataFolder(dataDir) : null
  let db: PGlite
  let schemaVersion = 0
  let applied: string[]
  const vault = options.vault ?? (dataDir ? fileVault(path.join(dataDir, 'secrets')) : memoryVault())
  const identityFile = dataDir ? path.join(dataDir, TERMINAL_IDENTITY_FILE) : undefined
  const identity = identityFile ? readIdentity(identityFile) : null
  try {
    const pgdata = dataDir ? path.join(dataDir, DATABASE_SUBFOLDER) : undefined
    try {
      db = await openLocalDatabase(pgdata)
    } catch (error) {
      // An enrolled terminal whose database will not open is rebuilt from head office plus
      // its journal; the broken folder is kept aside for support. Anything else is a plain error.
      if (!identity || !pgdata) throw error
      const aside = `${pgdata}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`
      fileLogger.error(`the database would not open (${String(error)}); kept in ${aside}, rebuilding from head office`)
      fs.renameSync(pgdata, aside)
      db = await openLocalDatabase(pgdata)
    }
    if (dataDir && (await pendingMigrations(pgliteConnection(db), 'local')).length > 0) {
      await drainBeforeMigration(db, vault, options, fileLogger)
    }
    const result = await migrate(pgliteConnection(db), { target: 'local' })
    schemaVersion = result.schemaVersion
    applied = result.applied
    if (result.applied.length > 0) fileLogger.info(`migrations applied: ${result.applied.join(', ')}`)
  } catch (error) {
    lock?.release()
    throw error
  }
  // From here on, warnings and errors also go to system_logs.
  const logger = withSystemLogs(fileLogger, db)
  const startedAt = new Date()
  const events = createEventBus((error) => logger.warn('event listener failed', error))
  const maintenance = startIdleMaintenance(
    async () => {
      await db.exec('VACUUM ANALYZE')
    },
    logger,
    options.maintenance ?? defaultMaintenanceTiming,
  )

  const orm = createOrm(db)
  if (vault.protection === 'file') logger.warn('secrets are protected by file permissions only (no OS keychain)')

  // Sync: the journal covers what PGlite has not fsync'd; on start it gives back what was lost.
  const journal: OutboxJournal | undefined = dataDir ? openJournal(dataDir) : undefined
  // Enrolled once (the identity file), but the database holds no company: it was lost or would
  // not open, or an earlier rebuild was interrupted.
  const needsRebuild = identity !== null && (await db.query('SELECT 1 FROM terminal_state')).rows.length === 0
  if (journal && !needsRebuild) {
    const reconciled = await reconcileJournal(db, journal)
    if (reconciled.replayed.length > 0) logger.warn(`journal: replayed lost transactions ${reconciled.replayed.join(', ')}`)
    for (const problem of reconciled.problems) logger.error(`journal: ${problem}`)
  }
  const caBundle = options.resourcesDir ? readIfExists(path.join(options.resourcesDir, 'rds-ca-bundle.pem')) : undefined
  const sync = createSyncEngine({
    db,
    vault,
    events,
    logger,
    connect: options.connectCentral ?? ((url) => connectCentral(url, { caBundle })),
    schemaVersion,
    journal,
    identityFile,
  })
  if (identity && needsRebuild) {
    logger.warn('rebuilding the terminal database from head office and the journal')
    try {
      await sync.rebuild(identity, journal?.read().ackedMark ?? 0)
    } catch (error) {
      await db.close().catch(() => undefined)
      lock?.release()
      throw new DatabaseRebuildError(error)
    }
    if (journal) {
      const replayed = await reconcileJournal(db, journal)
      logger.warn(`rebuilt; journal replayed ${replayed.replayed.length} transactions`)
    }
  }
  const write = createWriter(orm, events, (organizationId) => vault.get(dataKeyName(organizationId)), {
    append(entry) {
      journal?.append(entry)
      sync.kick()
    },
  })
  const sessions = createSessions(orm, write, undefined, async (email, password) =>
    (await sync.status()).enrolled ? sync.verifyPasswordOnline(email, password) : null,
  )

  const revocations = createRevocations()
  // The catalog's name words (typo-tolerant search), loaded again when products change.
  const vocabulary = createNameVocabulary(async (organizationId) =>
    (
      await db.query<{ w: string }>(
        `SELECT DISTINCT w FROM products p CROSS JOIN LATERAL unnest(p.name_words) AS w
         WHERE p.organization_id = $1 AND p.deleted_at IS NULL`,
        [organizationId],
      )
    ).rows.map((r) => r.w),
  )
  // Names change by the catalog's own writes (which refresh it) or by rows from head office;
  // stock postings touch products too but never their names.
  events.subscribe((name, payload) => {
    const change = payload as { tables: string[]; origin?: string }
    if (name === 'data.changed' && change.origin === 'sync' && change.tables.includes('products')) vocabulary.invalidate()
  })
  // A person suspended at head office (or on another terminal) arrives by sync: their open
  // sessions here end on the next call, as when an admin suspends them on this terminal.
  events.subscribe((name, payload) => {
    const tables = name === 'data.changed' ? (payload as { tables: string[] }).tables : []
    if (!tables.includes('users') && !tables.includes('employees')) return
    void db
      .query<{ id: string }>(
        `SELECT u.id FROM users u
         WHERE u.status IN ('suspended', 'inactive') OR u.deleted_at IS NOT NULL
            OR (EXISTS (SELECT 1 FROM employees e WHERE e.user_id = u.id)
                AND NOT EXISTS (SELECT 1 FROM employees e WHERE e.user_id = u.id AND e.status = 'active' AND e.deleted_at IS NULL))`,
      )
      .then(({ rows }) => rows.forEach((r) => revocations.revoke(r.id)))
      .catch((error: unknown) => logger.warn('suspensions not applied', error))
  })
  // The lock time is read on every call, so it is kept in memory: read once here (one indexed
  // query), then again after any write to app_settings, ours or one arriving by sync.
  const settingsCache = createSettingsCache(orm)
  await settingsCache.reload()
  events.subscribe((name, payload) => {
    if (name === 'data.changed' && (payload as { tables: string[] }).tables.includes('app_settings'))
      void settingsCache.reload().catch((error: unknown) => logger.warn('settings not reloaded', error))
  })
  const lockAfterMinutes = (organizationId: string | null) => settingsCache.lockAfterMinutes(organizationId)
  const mailer = createMailer({ db: orm, vault, transport: options.mailTransport ?? nodemailerTransport() })

  const handlers = {
    ...setupHandlers({ db, orm, events, vault, sync }),
    ...syncHandlers({ db, engine: sync, write, constraints: () => constraints() }),
    ...authHandlers({ orm, sessions, passwordReset: createPasswordReset(orm, write), lockAfterMinutes, revocations }),
    ...auditHandlers({ orm, write }),
    ...peopleHandlers({ orm }),
    ...adminPeopleHandlers({ write, revocations }),
    ...adminOrganizationHandlers({ orm, write }),
    ...catalogHandlers({ orm, write, vocabulary }),
    ...stockHandlers({ orm, write }),
    ...settingsHandlers({ orm, write, vault, mailer, cache: settingsCache }),
    ...receivingHandlers({ orm, write }),
    ...shippingHandlers({ orm, write }),
    ...warehousePrintHandlers({ orm, resourcesDir: options.resourcesDir }),
    ...printHandlers({ orm, resourcesDir: options.resourcesDir }),
    ...systemHandlers({
      db,
      appVersion: options.appVersion ?? APP_VERSION,
      dataDir,
      schemaVersion: () => schemaVersion,
      startedAt,
      maintenance,
    }),
  } satisfies HandlerMap
  let constraintCatalog: Promise<ConstraintColumns> | undefined
  const constraints = () => {
    constraintCatalog ??= loadConstraintColumns(db)
    // A failed read (the database closing) is retried next time rather than remembered.
    constraintCatalog.catch(() => (constraintCatalog = undefined))
    return constraintCatalog
  }
  const dispatchToHandlers = createDispatcher(handlers, logger, constraints, {
    lockAfterMs: (session) => lockAfterMinutes(session.organizationId) * 60_000,
    isRevoked: (session) => revocations.isRevoked(session.userId),
    now: Date.now,
  })
  let closing: Promise<void> | null = null

  const dispatch: Dispatch = async (method, input, ctx: CallContext) => {
    if (closing) return { ok: false, error: { code: 'OFFLINE', message: 'The terminal is shutting down.' } }
    maintenance.touch()
    return dispatchToHandlers(method, input, ctx)
  }

  // Audit rows of the coming months get their own partitions. Not awaited: it must not delay
  // the first answer, and until it is done such rows land in the default partition, which the
  // function empties into the new month's partition when it creates it.
  const partitions = setTimeout(() => {
    if (!closing && !db.closed) {
      void db
        .query('SELECT ensure_audit_partitions(3)')
        .catch((error: unknown) => logger.warn('audit partitions not created', error))
    }
  }, 10_000)
  partitions.unref()
  if ((await sync.status()).enrolled) sync.start({ intervalMs: options.syncIntervalMs })
  logger.info(`backend started on ${dataDir ?? 'memory'} (schema ${schemaVersion})`)
  return {
    dispatch,
    events,
    db,
    schema: { version: schemaVersion, applied },
    close() {
      closing ??= (async () => {
        clearTimeout(partitions)
        vocabulary.close()
        await sync.stop()
        await maintenance.stop()
        try {
          if (!db.closed) {
            // CHECKPOINT flushes WAL into the data files, so the next open replays nothing.
            await db.exec('CHECKPOINT')
            await db.close()
          }
        } finally {
          lock?.release()
          logger.info('backend closed')
        }
      })()
      return closing
    },
  }
}
