import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLocalDatabase, pgliteConnection } from '../../../db/connection'
import { migrate } from '../../../db/migrator'
import { BackupError, createBackup, listBackups, restoreBackup } from './backups'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-backups-'))
const template = path.join(root, 'template')
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

beforeAll(async () => {
  // Migrated once and copied per test: migrating a PGlite takes seconds.
  fs.mkdirSync(template)
  const db = await openLocalDatabase(path.join(template, 'pgdata'))
  await migrate(pgliteConnection(db), { target: 'local' })
  await db.exec('CHECKPOINT')
  await db.close()
})

/** A migrated terminal database in `<dataDir>/pgdata` holding one marker row. */
async function terminalFolder(name: string, marker: string) {
  const dataDir = path.join(root, name)
  fs.cpSync(template, dataDir, { recursive: true })
  const db = await openLocalDatabase(path.join(dataDir, 'pgdata'))
  await db.query(`INSERT INTO app_settings (key, value) VALUES ('backup.marker', $1)`, [JSON.stringify(marker)])
  return { dataDir, db }
}

const marker = async (db: Awaited<ReturnType<typeof openLocalDatabase>>) =>
  (await db.query<{ value: unknown }>(`SELECT value FROM app_settings WHERE key = 'backup.marker'`)).rows.map((r) => r.value)

describe('backups of a terminal database', () => {
  it('keeps the newest three, ignores foreign files, and restores the chosen one with the old database kept aside', async () => {
    const { dataDir, db } = await terminalFolder('rolling', 'first')
    const dir = path.join(dataDir, 'backups')
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup')
    // Fixed, increasing clocks: the order of the backups does not depend on the machine's speed.
    let minute = 0
    const clock = () => new Date(Date.UTC(2026, 0, 2, 3, minute++, 5, 678))
    const first = await createBackup(db, dir, 3, clock)
    expect(first.backup.name).toBe('backup-20260102-030005-678-00.tar.gz')
    await db.query(`UPDATE app_settings SET value = '"second"' WHERE key = 'backup.marker'`)
    const second = await createBackup(db, dir, 3, clock)
    await createBackup(db, dir, 3, clock)
    const fourth = await createBackup(db, dir, 3, clock)
    expect(fourth.deleted).toEqual([first.backup.file])
    const kept = await listBackups(dir)
    expect(kept.map((b) => b.name)).toEqual([
      'backup-20260102-030305-678-00.tar.gz',
      'backup-20260102-030205-678-00.tar.gz',
      'backup-20260102-030105-678-00.tar.gz',
    ])
    expect(kept[2]!.createdAt.toISOString()).toBe('2026-01-02T03:01:05.678Z')
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true)

    await db.query(`UPDATE app_settings SET value = '"after the backups"' WHERE key = 'backup.marker'`)
    await db.close()
    const restored = await restoreBackup(second.backup.file, dataDir, () => new Date(Date.UTC(2026, 0, 3)))
    expect(restored.movedAside).toBe(path.join(dataDir, 'pgdata.before-restore-20260103-000000-000'))
    expect(restored.migrations).toBeGreaterThan(10)
    expect(restored.enrolled).toBe(false)
    expect(fs.existsSync(path.join(dataDir, 'pgdata.restoring'))).toBe(false)

    const reopened = await openLocalDatabase(path.join(dataDir, 'pgdata'))
    expect(await marker(reopened)).toEqual(['second'])
    await reopened.close()
    const aside = await openLocalDatabase(restored.movedAside!)
    expect(await marker(aside)).toEqual(['after the backups'])
    await aside.close()
  })

  it('names two backups of the same millisecond apart', async () => {
    const { dataDir, db } = await terminalFolder('same-ms', 'x')
    const dir = path.join(dataDir, 'backups')
    const fixed = () => new Date(Date.UTC(2026, 4, 1))
    const a = await createBackup(db, dir, 3, fixed)
    const b = await createBackup(db, dir, 3, fixed)
    await db.close()
    expect([a.backup.name, b.backup.name]).toEqual([
      'backup-20260501-000000-000-00.tar.gz',
      'backup-20260501-000000-000-01.tar.gz',
    ])
    expect((await listBackups(dir)).map((f) => f.name)).toEqual([b.backup.name, a.backup.name])
  })

  it('refuses a file that is not a backup and leaves the database in place', async () => {
    const { dataDir, db } = await terminalFolder('refuse', 'kept')
    await db.close()
    const junk = path.join(root, 'junk.tar.gz')
    fs.writeFileSync(junk, 'plain text')
    await expect(restoreBackup(junk, dataDir)).rejects.toThrow(BackupError)
    await expect(restoreBackup(path.join(root, 'missing.tar.gz'), dataDir)).rejects.toThrow(/cannot read the backup/)
    // A gzipped tar of an empty PGlite (no Prometric schema) is refused too.
    const empty = await openLocalDatabase()
    const foreign = path.join(root, 'foreign.tar.gz')
    fs.writeFileSync(foreign, new Uint8Array(await (await empty.dumpDataDir('gzip')).arrayBuffer()))
    await empty.close()
    await expect(restoreBackup(foreign, dataDir)).rejects.toThrow(/cannot be opened as a Prometric database/)
    expect(fs.readdirSync(dataDir).sort()).toEqual(['pgdata'])
    const reopened = await openLocalDatabase(path.join(dataDir, 'pgdata'))
    expect(await marker(reopened)).toEqual(['kept'])
    await reopened.close()
  })
})
