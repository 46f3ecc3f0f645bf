/**
 * Backups of a terminal's database: PGlite's own dump of its data directory (a gzipped tar of
 * PGDATA, `db.dumpDataDir()`), kept as rolling files in a folder, and a restore that swaps a
 * checked copy in for the current `pgdata` while keeping the old one aside. Used by the support
 * CLI (`npm run terminal -- backup | restore`) and meant for the app's own rolling backups.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'

/** How many backups `createBackup` keeps unless told otherwise. */
export const DEFAULT_BACKUPS_KEPT = 3

/** The PGlite database's sub-folder of a data folder (the same as start-backend's DATABASE_SUBFOLDER). */
const DATABASE_FOLDER = 'pgdata'

// backup-20260102-030405-678-00.tar.gz: UTC time to the millisecond and a counter, so names
// sort in the order the backups were made and two in the same millisecond do not collide.
const BACKUP_NAME = /^backup-(\d{8})-(\d{6})-(\d{3})-(\d{2})\.tar\.gz$/
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b])

/** A backup file in a backup folder. */
export interface BackupFile {
  file: string
  name: string
  /** When it was made (from its name, UTC). */
  createdAt: Date
  bytes: number
}

/** A backup that cannot be used: not a file, not a PGlite dump, or not a Prometric database. */
export class BackupError extends Error {
  override name = 'BackupError'
}

function stamp(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return (
    `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}-` +
    `${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}-${p(date.getUTCMilliseconds(), 3)}`
  )
}

function parseName(name: string): Date | null {
  const m = BACKUP_NAME.exec(name)
  if (!m) return null
  const [d, t, ms] = [m[1]!, m[2]!, m[3]!]
  return new Date(
    Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6), +ms),
  )
}

/** The backups in a folder, newest first; files that are not ours are left out (and never deleted). */
export async function listBackups(dir: string): Promise<BackupFile[]> {
  let names: string[]
  try {
    names = await fs.promises.readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const found: BackupFile[] = []
  for (const name of names) {
    const createdAt = parseName(name)
    if (!createdAt) continue
    const stat = await fs.promises.stat(path.join(dir, name))
    if (stat.isFile()) found.push({ file: path.join(dir, name), name, createdAt, bytes: stat.size })
  }
  return found.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
}

async function writeDurably(file: string, data: Uint8Array): Promise<void> {
  // Written aside, flushed, then renamed: a crash never leaves a half backup under a backup's name.
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await fs.promises.open(temp, 'wx', 0o600)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await fs.promises.rename(temp, file)
}

/**
 * Writes a backup of the open database into `dir` and deletes the oldest ones beyond `keep`.
 * PGlite runs one query at a time, so the dump sees a quiet database; a CHECKPOINT first puts
 * everything committed into the data files the dump copies.
 */
export async function createBackup(
  db: PGlite,
  dir: string,
  keep = DEFAULT_BACKUPS_KEPT,
  now: () => Date = () => new Date(),
): Promise<{ backup: BackupFile; deleted: string[] }> {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError('keep is at least 1')
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 })
  await db.exec('CHECKPOINT')
  const dump = await db.dumpDataDir('gzip')
  const data = new Uint8Array(await dump.arrayBuffer())
  const base = `backup-${stamp(now())}`
  let name = `${base}-00.tar.gz`
  for (let i = 1; fs.existsSync(path.join(dir, name)); i++) {
    if (i > 99) throw new BackupError(`too many backups named ${base} in ${dir}`)
    name = `${base}-${String(i).padStart(2, '0')}.tar.gz`
  }
  await writeDurably(path.join(dir, name), data)
  const all = await listBackups(dir)
  const deleted: string[] = []
  for (const old of all.slice(keep)) {
    await fs.promises.rm(old.file, { force: true })
    deleted.push(old.file)
  }
  const backup = all.find((b) => b.name === name)!
  return { backup, deleted }
}

/**
 * Opens a dump in a new folder, as the app opens its database (pgcrypto and pg_trgm loaded:
 * the schema uses them), and checks it holds a Prometric schema. The same options as
 * db/connection.ts openLocalDatabase, which has no way to pass `loadDataDir`.
 */
async function unpackAndCheck(data: Uint8Array, into: string): Promise<{ migrations: number; enrolled: boolean }> {
  const db = await PGlite.create({ dataDir: into, loadDataDir: new Blob([data]), extensions: { pgcrypto, pg_trgm } })
  try {
    const { rows } = await db.query<{ n: number; has_sync: boolean }>(
      `SELECT (SELECT count(*)::int FROM schema_migrations) AS n, to_regclass('public.sync_state') IS NOT NULL AS has_sync`,
    )
    // Older schemas have no sync_state: such a database was never enrolled.
    const enrolled = rows[0]!.has_sync && (await db.query('SELECT 1 FROM sync_state')).rows.length > 0
    await db.exec('CHECKPOINT')
    return { migrations: rows[0]?.n ?? 0, enrolled }
  } finally {
    await db.close()
  }
}

/**
 * Replaces the database of a data folder with a backup. The caller holds the data-folder lock
 * and has the database closed. The backup is unpacked and opened in `pgdata.restoring` first;
 * only when that works is the current `pgdata` moved aside (to `pgdata.before-restore-<time>`,
 * never deleted) and the restored copy renamed into its place. Secrets (the vault) are not
 * part of a backup and stay as they are, and so does the outbox journal (sync/journal.ts): for
 * an enrolled terminal (`enrolled`), reconciling it on the next open puts back the transactions
 * made since the backup that central has not acknowledged and moves the transaction numbers past
 * the ones central has seen.
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  now: () => Date = () => new Date(),
): Promise<{ restored: string; movedAside: string | null; migrations: number; enrolled: boolean }> {
  let data: Uint8Array
  try {
    data = new Uint8Array(await fs.promises.readFile(file))
  } catch (error) {
    throw new BackupError(`cannot read the backup ${file}: ${(error as Error).message}`)
  }
  if (data.length < 2 || !GZIP_MAGIC.equals(Buffer.from(data.subarray(0, 2))))
    throw new BackupError(`${file} is not a backup made by this app (not a gzipped tar)`)
  const target = path.join(dataDir, DATABASE_FOLDER)
  const staging = path.join(dataDir, `${DATABASE_FOLDER}.restoring`)
  await fs.promises.rm(staging, { recursive: true, force: true })
  let migrations: number
  let enrolled: boolean
  try {
    ;({ migrations, enrolled } = await unpackAndCheck(data, staging))
  } catch (error) {
    await fs.promises.rm(staging, { recursive: true, force: true })
    if (error instanceof BackupError) throw error
    throw new BackupError(`${file} cannot be opened as a Prometric database: ${(error as Error).message}`)
  }
  let movedAside: string | null = null
  if (fs.existsSync(target)) {
    movedAside = path.join(dataDir, `${DATABASE_FOLDER}.before-restore-${stamp(now())}`)
    await fs.promises.rename(target, movedAside)
  }
  try {
    await fs.promises.rename(staging, target)
  } catch (error) {
    // Put the old database back rather than leave the folder without one.
    if (movedAside) await fs.promises.rename(movedAside, target).catch(() => undefined)
    throw error
  }
  return { restored: target, movedAside, migrations, enrolled }
}
