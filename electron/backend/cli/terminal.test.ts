import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLocalDatabase, pgliteConnection } from '../../../db/connection'
import { migrate } from '../../../db/migrator'
import { type CentralDatabase, openCentral } from '../../../db/test/engines'
import { type Tenant, createTenant } from '../../../db/test/fixtures'
import { lockDataFolder } from '../data-folder-lock'
import { runTerminalCommand } from './terminal'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-terminal-cli-'))
const template = path.join(root, 'template')
let folders = 0

beforeAll(async () => {
  // One migrated data folder, copied for each test: migrating a PGlite takes seconds.
  fs.mkdirSync(template)
  const db = await openLocalDatabase(path.join(template, 'pgdata'))
  await migrate(pgliteConnection(db), { target: 'local' })
  await db.exec('CHECKPOINT')
  await db.close()
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

function freshFolder(): string {
  const dir = path.join(root, `terminal-${++folders}`)
  fs.cpSync(template, dir, { recursive: true })
  return dir
}

const run = (...argv: string[]) => runTerminalCommand(argv)
const rows = async <T>(dataDir: string, sql: string): Promise<T[]> => {
  const outcome = await run('sql', sql, '--data-dir', dataDir)
  expect(outcome, sql).toMatchObject({ code: 0 })
  return JSON.parse(outcome.out[0]!) as T[]
}

/** A central database with a tenant, and an enrollment code for its main workspace. */
async function centralWithCode(): Promise<{ central: CentralDatabase; tenant: Tenant; code: string }> {
  const central = await openCentral()
  const tenant = await createTenant(central.conn)
  const { rows: created } = await central.conn.query<{ enrollment_code: string }>(
    'SELECT enrollment_code FROM sync_create_terminal($1, $2, $3, $4)',
    [tenant.organizationId, tenant.workspaceId, 'Склад', `C${Math.floor(Math.random() * 1e6)}`],
  )
  return { central, tenant, code: created[0]!.enrollment_code }
}

const addProduct = (dataDir: string, tenant: Tenant, code: string) =>
  run(
    'sql',
    `INSERT INTO products (id, organization_id, workspace_id, code, name, price)
     VALUES ('${randomUUID()}', '${tenant.organizationId}', '${tenant.workspaceId}', '${code}', 'Болт М8', 1000)`,
    '--data-dir',
    dataDir,
  )

describe('npm run terminal', () => {
  it('says clearly what is wrong with the arguments', async () => {
    const dir = freshFolder()
    expect(await run()).toMatchObject({ code: 2, out: [expect.stringContaining('OS keychain')] })
    expect(await run('--help')).toMatchObject({ code: 0 })
    expect(await run('launch', '--data-dir', dir)).toMatchObject({
      code: 2,
      err: [expect.stringContaining('unknown command "launch"')],
    })
    expect(await run('status')).toMatchObject({ code: 2, err: [expect.stringContaining('needs --data-dir')] })
    expect(await run('status', '--data-dir', path.join(root, 'nowhere'))).toMatchObject({
      code: 1,
      err: [expect.stringContaining('no data folder')],
    })
    expect(await run('sql', '--data-dir', dir)).toMatchObject({
      code: 2,
      err: [expect.stringContaining('exactly one statement')],
    })
    expect(await run('status', 'extra', '--data-dir', dir)).toMatchObject({ code: 2 })
    expect(await run('status', '--file', 'x', '--data-dir', dir)).toMatchObject({
      code: 2,
      err: [expect.stringContaining('--file does not apply to status')],
    })
    expect(await run('enroll', '--data-dir', dir, '--code', 'X')).toMatchObject({ code: 2 })
    expect(await run('enroll', '--data-dir', dir, '--central', 'not a url', '--code', 'X')).toMatchObject({
      code: 2,
      err: [expect.stringContaining('postgres:// URL')],
    })
    expect(await run('enroll', '--data-dir', dir, '--central', 'https://example.kz/db', '--code', 'X')).toMatchObject({
      code: 2,
      err: [expect.stringContaining('not a https one')],
    })
    expect(await run('bogus-flag', '--colour')).toMatchObject({ code: 2 })
    expect(await run('sql', 'SELEC 1', '--data-dir', dir)).toMatchObject({
      code: 1,
      err: [expect.stringContaining('the statement failed')],
    })
  })

  it('reports a fresh folder as not enrolled, and refuses a folder the app holds', async () => {
    const dir = freshFolder()
    const status = await run('status', '--data-dir', dir)
    expect(status.code).toBe(0)
    expect(JSON.parse(status.out[0]!)).toEqual({
      mode: 'new (no company yet)',
      enrolled: false,
      terminalId: null,
      centralUrl: null,
      pending: 0,
      cursor: 0,
      lastSyncAt: null,
      lastError: null,
      quarantined: 0,
      conflicts: 0,
    })
    expect(await run('sync', '--data-dir', dir)).toMatchObject({ code: 1, err: [expect.stringContaining('not enrolled')] })
    const lock = lockDataFolder(dir)
    try {
      for (const command of ['status', 'backup', 'restore', 'verify']) {
        expect(await run(command, '--data-dir', dir)).toMatchObject({
          code: 1,
          err: [expect.stringContaining(`the app is using ${dir} (pid ${process.pid}`)],
        })
      }
    } finally {
      lock.release()
    }
  })

  it('enrolls with head office, captures a statement into the outbox, and syncs it', async () => {
    const { central, tenant, code } = await centralWithCode()
    try {
      const dir = path.join(root, `enrolled-${++folders}`) // enroll also makes a new folder
      const wrong = await run('enroll', '--data-dir', dir, '--central', central.syncUrl, '--code', 'AAAA-BBBB-CCCC')
      expect(wrong).toMatchObject({ code: 1, err: [expect.stringContaining('unknown, used or expired')] })
      const unreachable = await run(
        'enroll',
        '--data-dir',
        dir,
        '--central',
        'postgres://x:secret@127.0.0.1:1/none',
        '--code',
        code,
      )
      expect(unreachable).toMatchObject({
        code: 1,
        err: [expect.stringContaining('cannot reach postgres://x:***@127.0.0.1:1/none')],
      })

      const enrolled = await run('enroll', '--data-dir', dir, '--central', central.syncUrl, '--code', code.toLowerCase())
      expect(enrolled).toMatchObject({ code: 0, err: [] })
      expect(enrolled.out[0]).toContain(`organization ${tenant.organizationId}`)
      expect(enrolled.out[0]).not.toContain(new URL(central.syncUrl).password)
      expect(fs.statSync(path.join(dir, 'secrets', 'sync-terminal-secret.secret')).mode & 0o077).toBe(0)
      const again = await run('enroll', '--data-dir', dir, '--central', central.syncUrl, '--code', code)
      expect(again).toMatchObject({ code: 1, err: [expect.stringContaining('already enrolled')] })

      expect(await addProduct(dir, tenant, 'CLI-1')).toMatchObject({ code: 0, err: ['1 row(s) affected'] })
      const outbox = await rows<{ table_name: string; op: string }>(dir, 'SELECT table_name, op FROM sync_outbox')
      expect(outbox).toEqual([{ table_name: 'products', op: 'I' }])
      // Journaled as the app journals its writes, and trimmed once central acknowledges.
      const journaled = JSON.parse((await run('verify', '--data-dir', dir)).out[0]!)
      expect(journaled.journal).toEqual({ ok: true, entries: 1, problems: [] })
      const before = JSON.parse((await run('status', '--data-dir', dir)).out[0]!)
      expect(before).toMatchObject({ mode: 'enrolled', enrolled: true, pending: 1, quarantined: 0 })
      expect(before.centralUrl).not.toContain(new URL(central.syncUrl).password)

      const sync = await run('sync', '--data-dir', dir)
      expect(sync).toMatchObject({ code: 0, err: [] })
      expect(JSON.parse(sync.out[0]!)).toMatchObject({ pushed: 1, rejected: 0, drained: true, pending: 0 })
      expect(JSON.parse((await run('verify', '--data-dir', dir)).out[0]!).journal).toEqual({ ok: true, entries: 0, problems: [] })
      const atCentral = await central.conn.query<{ name: string }>(`SELECT name FROM products WHERE code = 'CLI-1'`)
      expect(atCentral.rows).toEqual([{ name: 'Болт М8' }])
      // And back: a head-office edit arrives with the next sync.
      await central.conn.query(`UPDATE products SET name = 'Болт М10' WHERE code = 'CLI-1'`)
      expect(await run('sync', '--data-dir', dir)).toMatchObject({ code: 0 })
      expect(await rows(dir, `SELECT name FROM products WHERE code = 'CLI-1'`)).toEqual([{ name: 'Болт М10' }])
    } finally {
      await central.close()
    }
  })

  it('backs up and restores the database, newest backup by default', async () => {
    const dir = freshFolder()
    await rows(dir, `INSERT INTO app_settings (key, value) VALUES ('cli.marker', '"before"') RETURNING key`)
    const backup = await run('backup', '--data-dir', dir)
    expect(backup).toMatchObject({
      code: 0,
      out: [expect.stringMatching(/^Backup written: .*backup-\d{8}-\d{6}-\d{3}-00\.tar\.gz/)],
    })
    await rows(dir, `UPDATE app_settings SET value = '"after"' WHERE key = 'cli.marker' RETURNING key`)
    const restored = await run('restore', '--data-dir', dir)
    expect(restored).toMatchObject({ code: 0, out: [expect.stringContaining('Restored'), expect.stringContaining('kept in')] })
    expect(await rows(dir, `SELECT value FROM app_settings WHERE key = 'cli.marker'`)).toEqual([{ value: 'before' }])
    const junk = path.join(root, 'junk.tar.gz')
    fs.writeFileSync(junk, 'nope')
    expect(await run('restore', '--data-dir', dir, '--file', junk)).toMatchObject({
      code: 1,
      err: [expect.stringContaining('not a backup made by this app')],
    })
    const empty = freshFolder()
    expect(await run('restore', '--data-dir', empty)).toMatchObject({ code: 1, err: [expect.stringContaining('no backup in')] })
  })

  it('verifies a sound folder and finds a broken foreign key', async () => {
    const dir = freshFolder()
    const sound = await run('verify', '--data-dir', dir)
    expect(sound).toMatchObject({ code: 0, err: [] })
    const report = JSON.parse(sound.out[0]!)
    expect(report).toMatchObject({ ok: true, journal: { ok: true, entries: 0, problems: [] }, problems: [] })
    expect(report.tables).toBeGreaterThan(30)
    expect(report.foreignKeysChecked).toBeGreaterThan(50)
    // Foreign-key triggers do not fire for a replica session: a workspace of no organization gets in.
    const orphan = randomUUID()
    expect(
      await run(
        'sql',
        `DO $$ BEGIN
           PERFORM set_config('session_replication_role', 'replica', true);
           INSERT INTO workspaces (organization_id, name) VALUES ('${orphan}', 'Сирота');
         END $$`,
        '--data-dir',
        dir,
      ),
    ).toMatchObject({ code: 0 })
    const broken = await run('verify', '--data-dir', dir)
    expect(broken.code).toBe(1)
    expect(JSON.parse(broken.out[0]!).ok).toBe(false)
    expect(broken.err).toEqual([
      `terminal: verify: 1 row(s) of workspaces name a missing organizations (workspaces_organization_id_fkey: organization_id = ${orphan})`,
    ])
  })

  it('finds a tampered outbox, reports what the journal check found, and says what restoring an enrolled terminal means', async () => {
    const { central, tenant, code } = await centralWithCode()
    try {
      const dir = path.join(root, `outbox-${++folders}`)
      expect(await run('enroll', '--data-dir', dir, '--central', central.syncUrl, '--code', code)).toMatchObject({ code: 0 })
      await addProduct(dir, tenant, 'OUT-1')
      const journalCheck = async (dataDir: string) => ({ ok: dataDir === dir, entries: 7, problems: [] })
      const sound = await runTerminalCommand(['verify', '--data-dir', dir], { journalCheck })
      expect(sound.code).toBe(0)
      expect(JSON.parse(sound.out[0]!)).toMatchObject({
        ok: true,
        journal: { ok: true, entries: 7 },
        outbox: { rows: 1, transactions: 1, txSeq: 1, ackedSeq: 0 },
      })
      // As if an acknowledgement had been recorded without its rows leaving the outbox.
      await rows(dir, 'UPDATE sync_state SET acked_seq = tx_seq RETURNING acked_seq')
      await rows(
        dir,
        `INSERT INTO sync_outbox (tx_seq, hlc, table_name, row_id, op) VALUES (99, 1, 'products', '${randomUUID()}', 'D') RETURNING seq`,
      )
      const failing = async () => ({ ok: false, entries: 3, problems: ['entry 2 does not match the database'] })
      const tampered = await runTerminalCommand(['verify', '--data-dir', dir], { journalCheck: failing })
      expect(tampered.code).toBe(1)
      expect(tampered.err).toEqual([
        'terminal: verify: the outbox holds transaction 99, beyond the last number handed out (1)',
        'terminal: verify: the outbox still holds 1 transaction(s) central already acknowledged (tx_seq ≤ acked_seq 1)',
        'terminal: verify: journal: entry 2 does not match the database',
      ])
      // A restored enrolled terminal: the CLI says the journal will put back what came after.
      expect(await run('backup', '--data-dir', dir)).toMatchObject({ code: 0 })
      const restored = await run('restore', '--data-dir', dir)
      expect(restored).toMatchObject({ code: 0, err: [] })
      expect(restored.out.at(-1)).toMatch(/^This is an enrolled terminal: .* outbox journal puts back/)
    } finally {
      await central.close()
    }
  })
})
