// `npm run terminal -- <command> --data-dir <folder>`: support commands for a terminal's data
// folder while the app is closed (status, enroll, sync, sql, backup, restore, verify).
import path from 'node:path'
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import type { PGlite } from '@electric-sql/pglite'
import { openLocalDatabase, pgliteConnection } from '../../../db/connection'
import { MigrationError, migrate } from '../../../db/migrator'
import type { CliOutcome } from '../../../db/cli/migrate'
import { DataFolderLockedError, DataFolderNotWritableError, lockDataFolder } from '../data-folder-lock'
import { silentLogger } from '../logger'
import { BackupError, createBackup, listBackups, restoreBackup, DEFAULT_BACKUPS_KEPT } from '../maintenance/backups'
import { type JournalCheck, verifyTerminalDatabase } from '../maintenance/verify'
import { fileVault } from '../secrets/vault'
import { DATABASE_SUBFOLDER } from '../start-backend'
import { type CentralApi, CentralAuthError, CentralUnreachableError, connectCentral } from '../sync/central-client'
import { SyncStoppedError, createSyncEngine } from '../sync/engine'
import { type JournalEntry, type OutboxJournal, openJournal, reconcileJournal, verifyJournal } from '../sync/journal'

const NAME = 'terminal'

/** The help text: the commands, and where this CLI finds the secrets. */
export const TERMINAL_USAGE = [
  'Usage: npm run terminal -- <command> --data-dir <folder> [options]',
  '',
  'Support commands for a terminal while the app is closed (they take the data folder’s lock).',
  '  status                              mode, enrollment, pending changes, cursor, last sync, quarantine, conflicts (JSON)',
  '  enroll --central <url> --code <code> enroll this folder with head office and load its data',
  '  sync                                one full cycle; exit 0 when nothing is left to push or pull',
  '  sql "<statement>"                   run one statement on the local database (changes are captured for sync)',
  `  backup                              write <data-dir>/backups/backup-<time>.tar.gz (the newest ${DEFAULT_BACKUPS_KEPT} kept)`,
  '  restore [--file <backup>]           replace the database with a backup (the newest by default); the old one is kept aside',
  '  verify                              integrity: tables readable, foreign keys, sync outbox, outbox journal',
  '',
  'Secrets (the sync secret, data keys) are read from <data-dir>/secrets, where web mode keeps them.',
  'A desktop install keeps them in the OS keychain, which this CLI cannot read: there, sync and',
  'enroll need the app itself.',
].join('\n')

/** What the commands need from outside; tests pass fakes or real test servers. */
export interface TerminalCommandDeps {
  /** Opens a client for a central URL (default: node-postgres to that URL). */
  connect?: (url: string) => CentralApi
  /** Checks the data folder's outbox journal (default: sync/journal.ts `verifyJournal`). */
  journalCheck?: (dataDir: string) => ReturnType<JournalCheck>
}

const COMMANDS = ['status', 'enroll', 'sync', 'sql', 'backup', 'restore', 'verify'] as const
type Command = (typeof COMMANDS)[number]

interface OpenFolder {
  db: PGlite
  schemaVersion: number
  journal: OutboxJournal
  /** What opening found in the journal (transactions put back, damaged lines). */
  reconciled: { replayed: number[]; problems: string[] }
  close(): Promise<void>
}

/**
 * Opens a data folder as the app does (start-backend.ts): the lock first (refused while the app
 * holds it), then PGlite in `pgdata` brought up to this build's schema, then the outbox journal
 * reconciled, so transactions the database lost are back before anything is synced.
 */
async function openFolder(dataDir: string): Promise<OpenFolder> {
  const lock = lockDataFolder(dataDir)
  let db: PGlite | undefined
  try {
    db = await openLocalDatabase(path.join(dataDir, DATABASE_SUBFOLDER))
    const result = await migrate(pgliteConnection(db), { target: 'local' })
    const journal = openJournal(dataDir)
    const reconciled = await reconcileJournal(db, journal)
    const opened = db
    return {
      db: opened,
      schemaVersion: result.schemaVersion,
      journal,
      reconciled,
      async close() {
        try {
          if (!opened.closed) {
            // As the backend does on close: WAL into the data files, so the app starts quickly.
            await opened.exec('CHECKPOINT')
            await opened.close()
          }
        } finally {
          lock.release()
        }
      },
    }
  } catch (error) {
    await db?.close().catch(() => undefined)
    lock.release()
    throw error
  }
}

/** A central URL without its password, for messages. */
function withoutPassword(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unreadable URL)'
  }
}

function checkCentralUrl(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return `--central is a postgres:// URL (postgres://login:password@host:port/database), not "${url}".`
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    return `--central is a postgres:// URL, not a ${parsed.protocol.replace(':', '')} one.`
  if (!parsed.hostname || parsed.pathname.length <= 1)
    return '--central needs a host and a database: postgres://login:password@host:port/database.'
  return null
}

const json = (value: unknown) => JSON.stringify(value, null, 2)

/** Runs one terminal command with its arguments; never throws. */
export async function runTerminalCommand(argv: string[], deps: TerminalCommandDeps = {}): Promise<CliOutcome> {
  const out: string[] = []
  const fail = (code: number, ...err: string[]): CliOutcome => ({ code, out, err: err.map((e) => `${NAME}: ${e}`) })
  let values: { 'data-dir'?: string; central?: string; code?: string; file?: string; help?: boolean }
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        central: { type: 'string' },
        code: { type: 'string' },
        file: { type: 'string' },
        help: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    }))
  } catch (error) {
    return { code: 2, out, err: [`${NAME}: ${(error as Error).message}`, TERMINAL_USAGE] }
  }
  if (values.help || positionals.length === 0) return { code: values.help ? 0 : 2, out: [TERMINAL_USAGE], err: [] }
  const [commandName, ...rest] = positionals
  if (!COMMANDS.includes(commandName as Command))
    return { code: 2, out, err: [`${NAME}: unknown command "${commandName}"; the commands are ${COMMANDS.join(', ')}.`] }
  const command = commandName as Command
  if (command === 'sql' ? rest.length !== 1 : rest.length > 0)
    return fail(2, command === 'sql' ? 'sql takes exactly one statement, in quotes.' : `unexpected argument "${rest[0]}".`)
  if (!values['data-dir']) return fail(2, `${command} needs --data-dir <folder>.`)
  const dataDir = path.resolve(values['data-dir'])
  if (command !== 'enroll' && !fs.existsSync(dataDir)) return fail(1, `there is no data folder at ${dataDir}.`)
  const misplaced = (['central', 'code', 'file'] as const).find(
    (o) => values[o] !== undefined && !(command === 'enroll' ? o !== 'file' : command === 'restore' && o === 'file'),
  )
  if (misplaced) return fail(2, `--${misplaced} does not apply to ${command}.`)
  if (command === 'enroll') {
    if (!values.central || !values.code) return fail(2, 'enroll needs --central <url> and --code <enrollment code>.')
    const bad = checkCentralUrl(values.central)
    if (bad) return fail(2, bad)
  }

  try {
    if (command === 'restore') return await restore(dataDir, values.file, out)
    const folder = await openFolder(dataDir)
    try {
      switch (command) {
        case 'status':
        case 'enroll':
        case 'sync':
          return await syncCommand(command, folder, dataDir, deps, values, out)
        case 'sql': {
          // As the app's writer does: what the statement captured for sync is journaled after
          // commit (PGlite does not fsync; the journal does), before reporting success.
          let captured: JournalEntry | null = null
          const result = await folder.db.transaction(async (tx) => {
            const r = await tx.query(rest[0]!)
            captured = (await tx.query<{ c: JournalEntry | null }>('SELECT sync_current_capture() AS c')).rows[0]?.c ?? null
            return r
          })
          if (captured) folder.journal.append(captured)
          out.push(json(result.rows))
          return { code: 0, out, err: result.fields.length === 0 ? [`${result.affectedRows ?? 0} row(s) affected`] : [] }
        }
        case 'backup': {
          const { backup, deleted } = await createBackup(folder.db, path.join(dataDir, 'backups'))
          out.push(`Backup written: ${backup.file} (${(backup.bytes / 1_048_576).toFixed(1)} MB).`)
          for (const file of deleted) out.push(`Removed an older backup: ${file}`)
          return { code: 0, out, err: [] }
        }
        case 'verify': {
          const check = deps.journalCheck ?? verifyJournal
          const report = await verifyTerminalDatabase(folder.db, { journalCheck: () => check(dataDir) })
          out.push(
            json({
              ok: report.ok,
              tables: Object.keys(report.tables).length,
              rows: Object.values(report.tables).reduce((a, b) => a + b, 0),
              foreignKeysChecked: report.foreignKeysChecked,
              outbox: report.outbox,
              journal: report.journal,
              journalReplayedOnOpen: folder.reconciled.replayed,
              problems: report.problems,
            }),
          )
          return report.ok
            ? { code: 0, out, err: [] }
            : { code: 1, out, err: report.problems.map((p) => `${NAME}: verify: ${p}`) }
        }
      }
    } finally {
      await folder.close()
    }
  } catch (error) {
    if (error instanceof DataFolderLockedError)
      return fail(
        1,
        `the app is using ${dataDir} (pid ${error.owner.pid} on ${error.owner.hostname}, since ${error.owner.startedAt}): close it first, then run this command again.`,
      )
    if (error instanceof DataFolderNotWritableError || error instanceof MigrationError || error instanceof BackupError)
      return fail(1, error.message)
    if (command === 'sql') return fail(1, `the statement failed: ${(error as Error).message}`)
    return fail(1, `${command} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function restore(dataDir: string, file: string | undefined, out: string[]): Promise<CliOutcome> {
  const lock = lockDataFolder(dataDir)
  try {
    let chosen = file ? path.resolve(file) : undefined
    if (!chosen) {
      const newest = (await listBackups(path.join(dataDir, 'backups')))[0]
      if (!newest) return { code: 1, out, err: [`${NAME}: there is no backup in ${path.join(dataDir, 'backups')}.`] }
      chosen = newest.file
    }
    const result = await restoreBackup(chosen, dataDir)
    out.push(`Restored ${chosen} into ${result.restored}.`)
    if (result.movedAside) out.push(`The database it replaced is kept in ${result.movedAside} (delete it when all is well).`)
    if (result.enrolled)
      out.push(
        'This is an enrolled terminal: when the folder is next opened, the outbox journal puts back the transactions made since the backup that head office has not acknowledged. Run verify, then sync.',
      )
    return { code: 0, out, err: [] }
  } finally {
    lock.release()
  }
}

async function syncCommand(
  command: 'status' | 'enroll' | 'sync',
  folder: OpenFolder,
  dataDir: string,
  deps: TerminalCommandDeps,
  values: { central?: string; code?: string },
  out: string[],
): Promise<CliOutcome> {
  const engine = createSyncEngine({
    db: folder.db,
    vault: fileVault(path.join(dataDir, 'secrets')),
    logger: silentLogger,
    connect: deps.connect ?? ((url) => connectCentral(url)),
    schemaVersion: folder.schemaVersion,
    // Acknowledged transactions leave the journal too.
    journal: folder.journal,
  })
  const mode = async () =>
    (await folder.db.query<{ mode: string }>('SELECT mode FROM terminal_state')).rows[0]?.mode ?? 'new (no company yet)'
  try {
    if (command === 'status') {
      const s = await engine.status()
      out.push(
        json({
          mode: await mode(),
          enrolled: s.enrolled,
          terminalId: s.terminalId,
          centralUrl: s.centralUrl,
          pending: s.pending,
          cursor: s.cursor,
          lastSyncAt: s.lastSyncAt,
          lastError: s.lastError,
          quarantined: s.quarantined,
          conflicts: s.conflicts,
        }),
      )
      return { code: 0, out, err: [] }
    }
    if (command === 'enroll') {
      const current = await mode()
      // A demo or standalone company is not head office's: enrolling would mix the two.
      if (current === 'demo' || current === 'standalone')
        return {
          code: 1,
          out,
          err: [`${NAME}: ${dataDir} already holds a ${current} company; enroll a new, empty data folder instead.`],
        }
      const enrolled = await engine.enroll({ centralUrl: values.central!, code: values.code! })
      const s = await engine.status()
      out.push(
        `Enrolled with ${withoutPassword(values.central!)}: terminal ${s.terminalId}, organization ${enrolled.organizationId}, workspace ${enrolled.workspaceId}.`,
      )
      return { code: 0, out, err: [] }
    }
    const cycle = await engine.syncOnce()
    const s = await engine.status()
    out.push(json({ ...cycle, pending: s.pending, quarantined: s.quarantined, conflicts: s.conflicts, cursor: s.cursor }))
    if (cycle.drained) return { code: 0, out, err: [] }
    return { code: 1, out, err: [`${NAME}: ${s.pending} transaction(s) are still waiting to be pushed; run sync again.`] }
  } catch (error) {
    if (error instanceof SyncStoppedError) return { code: 1, out, err: [`${NAME}: ${error.message}`] }
    if (error instanceof CentralUnreachableError || error instanceof CentralAuthError) {
      const url = values.central ?? (await engine.status().catch(() => null))?.centralUrl ?? 'head office'
      return { code: 1, out, err: [`${NAME}: cannot reach ${withoutPassword(url)}: ${error.message}`] }
    }
    throw error
  } finally {
    await engine.stop()
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('backend', 'cli', 'terminal.ts'))
if (isMain) {
  const outcome = await runTerminalCommand(process.argv.slice(2))
  for (const line of outcome.out) console.log(line)
  for (const line of outcome.err) console.error(line)
  process.exit(outcome.code)
}
