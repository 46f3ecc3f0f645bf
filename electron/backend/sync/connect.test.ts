import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { insert } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { type Backend, startBackend } from '../start-backend'
import { memoryVault } from '../secrets/vault'
import { type SyncRig, createSyncRig, faultyCentral } from './test-support'

describe('connecting a terminal to head office, then signing in online and offline', () => {
  let rig: SyncRig
  let dir: string
  let backend: Backend | undefined
  beforeEach(async () => {
    rig = await createSyncRig()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-connect-'))
  })
  afterEach(async () => {
    await backend?.close()
    await rig.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('enrolls, loads the company, signs in against head office, then offline only people who signed in here', async () => {
    const { link, connect } = faultyCentral()
    // Two people at head office, bcrypt hashes as head office keeps them.
    await rig.central.conn.query(
      `UPDATE users SET email = 'aigerim@example.kz', password_hash = crypt('Astana-2026', gen_salt('bf', 6)), status = 'active'
       WHERE id = $1`,
      [rig.tenant.userId],
    )
    const other = await insert(rig.central.conn, 'users', {
      email: 'nurlan@example.kz',
      password_hash: await rig.central.conn
        .query<{ h: string }>(`SELECT crypt('Almaty-2026', gen_salt('bf', 6)) AS h`)
        .then((r) => r.rows[0]!.h),
      status: 'active',
    })
    await insert(rig.central.conn, 'employees', {
      user_id: other,
      organization_id: rig.tenant.organizationId,
      workspace_id: rig.tenant.workspaceId,
      status: 'active',
    })
    const { rows } = await rig.central.conn.query<{ enrollment_code: string }>(
      `SELECT enrollment_code FROM sync_create_terminal($1, $2, 'Склад 1', 'SK1')`,
      [rig.tenant.organizationId, rig.tenant.workspaceId],
    )
    backend = await startBackend({ dataDir: dir, vault: memoryVault(), connectCentral: connect, syncIntervalMs: 3_600_000 })
    const ctx: CallContext = { connection: newConnection(), origin: 'test' }
    const call = (method: string, input: unknown) => backend!.dispatch(method as never, input, ctx)

    const bad = await call('setup.connectToHeadOffice', { centralUrl: rig.central.syncUrl, code: 'AAAA-BBBB-CCCC' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const code = rows[0]!.enrollment_code
    const connected = await call('setup.connectToHeadOffice', {
      centralUrl: rig.central.syncUrl,
      code: `${code.slice(0, 4)}-${code.slice(4)}`,
    })
    expect(connected).toEqual({ ok: true, value: { organizationName: 'ТОО Тест' } })
    expect(await call('setup.status', {})).toMatchObject({ ok: true, value: { state: 'ready', mode: 'enrolled' } })
    // The sync secret and the URL are in the vault, not in the database.
    const state = await backend.db.query<{ central_url: string }>('SELECT central_url FROM sync_state')
    expect(state.rows[0]!.central_url).not.toContain('prometric-test-sync')

    // Online: head office checks the password; the terminal keeps its own verifier.
    expect(await call('auth.signIn', { email: 'aigerim@example.kz', password: 'wrong-password' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await call('auth.signIn', { email: 'aigerim@example.kz', password: 'Astana-2026' })).toMatchObject({ ok: true })
    const verifiers = await backend.db.query<{ verifier: string }>('SELECT verifier FROM local_credentials')
    expect(verifiers.rows.map((r) => r.verifier.slice(0, 9))).toEqual(['$argon2id'])
    expect((await backend.db.query(`SELECT 1 FROM users WHERE password_hash LIKE '$2%'`)).rows).toHaveLength(0)
    await call('auth.signOut', {})

    // Offline: the same person signs in with the cached verifier; someone who never signed in
    // here is refused with the same message as a wrong password.
    link.down = true
    expect(await call('auth.signIn', { email: 'aigerim@example.kz', password: 'Astana-2026' })).toMatchObject({ ok: true })
    expect(await call('sync.now', {})).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
    expect(await call('sync.status', {})).toMatchObject({ ok: true, value: { state: 'offline', pending: 3 } })
    await call('auth.signOut', {})
    expect(await call('auth.signIn', { email: 'nurlan@example.kz', password: 'Almaty-2026' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })

    // Back online: the sign-ins travel as LOGIN audit rows and head office keeps last_login_at.
    link.down = false
    expect(await call('auth.signIn', { email: 'aigerim@example.kz', password: 'Astana-2026' })).toMatchObject({ ok: true })
    expect(await call('sync.now', {})).toMatchObject({ ok: true })
    const central = await rig.central.conn.query<{ n: number; last: string | null }>(
      `SELECT (SELECT count(*)::int FROM audit_logs WHERE action = 'LOGIN' AND user_id = $1) AS n,
              (SELECT last_login_at::text FROM users WHERE id = $1) AS last`,
      [rig.tenant.userId],
    )
    expect(central.rows[0]!.n).toBe(3)
    expect(central.rows[0]!.last).not.toBeNull()

    // Suspended at head office while signed in here: the session ends once the change arrives.
    await rig.central.conn.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [rig.tenant.userId])
    expect(await call('sync.now', {})).toMatchObject({ ok: true })
    await expect.poll(() => call('sync.status', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await call('auth.signIn', { email: 'aigerim@example.kz', password: 'Astana-2026' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})
