import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CallContext, newConnection } from '../call-context'
import { DATABASE_SUBFOLDER, startBackend } from '../start-backend'
import { fileVault } from '../secrets/vault'
import { type SyncRig, createSyncRig, faultyCentral } from './test-support'

describe('a terminal whose database is lost after it accepted work offline', () => {
  let rig: SyncRig
  let dir: string
  beforeEach(async () => {
    rig = await createSyncRig()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-rebuild-'))
  })
  afterEach(async () => {
    await rig.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it.each(['deleted', 'corrupted'] as const)(
    'is rebuilt from head office and its journal when the database is %s',
    async (damage) => {
      const { link, connect } = faultyCentral()
      await rig.central.conn.query(
        `UPDATE users SET email = 'boss@example.kz', password_hash = crypt('Taraz-2026', gen_salt('bf', 6)), status = 'active',
         organization_role = 'owner' WHERE id = $1`,
        [rig.tenant.userId],
      )
      const { rows } = await rig.central.conn.query<{ enrollment_code: string }>(
        `SELECT enrollment_code FROM sync_create_terminal($1, $2, 'Склад', 'RB1')`,
        [rig.tenant.organizationId, rig.tenant.workspaceId],
      )
      const options = {
        dataDir: dir,
        vault: fileVault(path.join(dir, 'secrets')),
        connectCentral: connect,
        syncIntervalMs: 3_600_000,
      }
      let backend = await startBackend(options)
      const ctx: CallContext = { connection: newConnection(), origin: 'test' }
      const call = (method: string, input: unknown) => backend.dispatch(method as never, input, ctx)
      expect(
        await call('setup.connectToHeadOffice', { centralUrl: rig.central.syncUrl, code: rows[0]!.enrollment_code }),
      ).toMatchObject({
        ok: true,
      })
      expect(await call('auth.signIn', { email: 'boss@example.kz', password: 'Taraz-2026' })).toMatchObject({ ok: true })
      // Offline, the person creates two departments: accepted, journaled, not yet at head office.
      link.down = true
      for (const name of ['Цех 1', 'Цех 2']) expect(await call('admin.departments.create', { name })).toMatchObject({ ok: true })
      await backend.close()

      const pgdata = path.join(dir, DATABASE_SUBFOLDER)
      if (damage === 'deleted') fs.rmSync(pgdata, { recursive: true, force: true })
      else fs.writeFileSync(path.join(pgdata, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a))

      // Still offline: it cannot rebuild yet, and says so; nothing is lost.
      await expect(startBackend(options)).rejects.toMatchObject({ name: 'DatabaseRebuildError' })
      link.down = false
      backend = await startBackend(options)
      const local = await backend.db.query<{ name: string }>(`SELECT name FROM departments ORDER BY name`)
      expect(local.rows.map((r) => r.name)).toEqual(['Цех 1', 'Цех 2'])
      const ctx2: CallContext = { connection: newConnection(), origin: 'test' }
      expect(await backend.dispatch('auth.signIn', { email: 'boss@example.kz', password: 'Taraz-2026' }, ctx2)).toMatchObject({
        ok: true,
      })
      expect(await backend.dispatch('sync.now', {}, ctx2)).toMatchObject({ ok: true })
      const central = await rig.central.conn.query<{ name: string }>(
        `SELECT name FROM departments WHERE organization_id = $1 ORDER BY name`,
        [rig.tenant.organizationId],
      )
      expect(central.rows.map((r) => r.name)).toEqual(['Цех 1', 'Цех 2'])
      // A new change after the rebuild gets a fresh transaction number and reaches head office.
      expect(await backend.dispatch('admin.departments.create', { name: 'Цех 3' }, ctx2)).toMatchObject({ ok: true })
      expect(await backend.dispatch('sync.now', {}, ctx2)).toMatchObject({ ok: true, value: { rejected: 0 } })
      expect((await rig.central.conn.query(`SELECT 1 FROM departments WHERE name = 'Цех 3'`)).rows).toHaveLength(1)
      await backend.close()
    },
  )
})
