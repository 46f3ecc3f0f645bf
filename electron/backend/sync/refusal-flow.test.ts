import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTenant } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { memoryLogger } from '../logger'
import { memoryVault } from '../secrets/vault'
import { type Backend, startBackend } from '../start-backend'
import { type SyncRig, createSyncRig } from './test-support'

describe('a change head office refuses, through the app', () => {
  let rig: SyncRig
  let dir: string
  let backend: Backend | undefined
  beforeEach(async () => {
    rig = await createSyncRig()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-refusal-'))
  })
  afterEach(async () => {
    await backend?.close()
    await rig.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('quarantines a person whose email head office has, puts the rows back, and accepts the fixed change', async () => {
    await rig.central.conn.query(
      `UPDATE users SET email = 'owner@example.kz', password_hash = crypt('Owner-2026', gen_salt('bf', 6)), status = 'active',
         organization_role = 'owner' WHERE id = $1`,
      [rig.tenant.userId],
    )
    const other = await createTenant(rig.central.conn, 'ТОО Соседи')
    await rig.central.conn.query(`UPDATE users SET email = 'taken@example.kz' WHERE id = $1`, [other.userId])
    const { rows } = await rig.central.conn.query<{ enrollment_code: string }>(
      `SELECT enrollment_code FROM sync_create_terminal($1, $2, 'Склад', 'RF1')`,
      [rig.tenant.organizationId, rig.tenant.workspaceId],
    )
    const logger = memoryLogger()
    backend = await startBackend({ dataDir: dir, vault: memoryVault(), logger, syncIntervalMs: 3_600_000 })
    const ctx: CallContext = { connection: newConnection(), origin: 'test' }
    const call = (method: string, input: unknown) => backend!.dispatch(method as never, input, ctx)
    expect(
      await call('setup.connectToHeadOffice', { centralUrl: rig.central.syncUrl, code: rows[0]!.enrollment_code }),
    ).toMatchObject({ ok: true })
    expect(await call('auth.signIn', { email: 'owner@example.kz', password: 'Owner-2026' })).toMatchObject({ ok: true })
    const created = await call('admin.users.create', {
      email: 'taken@example.kz',
      firstName: 'Ержан',
      lastName: 'Ахметов',
      workspaceId: rig.tenant.workspaceId,
    })
    expect(created).toMatchObject({ ok: true })
    const cycle = await call('sync.now', {})
    expect(
      cycle,
      JSON.stringify([
        cycle,
        logger.lines.filter((l) => l.level === 'error' || l.level === 'warn').map((l) => [l.message, String(l.details[0])]),
      ]),
    ).toMatchObject({ ok: true, value: { rejected: 1 } })
    const refused = await call('sync.quarantine.list', {})
    expect(refused).toMatchObject({ ok: true, value: [{ reason: 'constraint', fields: ['email'] }] })
    expect((await backend.db.query(`SELECT 1 FROM users WHERE email = 'taken@example.kz'`)).rows).toHaveLength(0)
    const tx = (refused as { value: { txSeq: number; changes: { t: string; data: Record<string, unknown> | null }[] }[] })
      .value[0]!
    const fixed = tx.changes.map((c) => (c.t === 'users' ? { ...c, data: { ...c.data, email: 'yerzhan@example.kz' } } : c))
    expect(await call('sync.quarantine.retry', { txSeq: tx.txSeq, changes: fixed })).toMatchObject({ ok: true })
    expect(await call('sync.now', {})).toMatchObject({ ok: true, value: { rejected: 0 } })
    expect((await rig.central.conn.query(`SELECT 1 FROM users WHERE email = 'yerzhan@example.kz'`)).rows).toHaveLength(1)
    expect(await call('sync.quarantine.list', {})).toEqual({ ok: true, value: [] })
  })
})
