import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Tenant } from '../../../db/test/fixtures'
import { type CallContext, type Session, newConnection } from '../call-context'
import { memoryVault, ensureDataKey } from '../secrets/vault'
import { readEmployeeDocuments, saveEmployeeDocuments } from './employee-documents'
import { migratedTerminal, sessionOf } from '../test-support'
import type { Orm } from './orm'
import { createWriter } from './write'

let db: PGlite
let orm: Orm
let tenant: Tenant
let session: Session
const ctx: CallContext = { connection: newConnection(), origin: 'desktop' }
const vault = memoryVault()

beforeAll(async () => {
  ;({ db, orm, tenant } = await migratedTerminal())
  session = sessionOf(tenant, 'admin')
  await ensureDataKey(vault, tenant.organizationId)
})
afterAll(async () => db.close())

describe('sensitive employee documents', () => {
  it('are stored encrypted under the organization key and read back with it', async () => {
    const write = createWriter(orm, { emit() {} }, (org) => vault.get(`org-data-key-${org}`))
    await write(ctx, session, ({ tx }) =>
      saveEmployeeDocuments(tx, tenant.employeeId, { iin: '900101300126', passport: 'N12345678' }),
    )
    const raw = await db.query<{ documents: string }>('SELECT documents::text AS documents FROM employees WHERE id = $1', [
      tenant.employeeId,
    ])
    expect(raw.rows[0]?.documents).not.toContain('900101300126')
    expect(raw.rows[0]?.documents).not.toContain('N12345678')
    const docs = await write(ctx, session, ({ tx }) => readEmployeeDocuments(tx, tenant.employeeId))
    expect(docs).toEqual({ iin: '900101300126', passport: 'N12345678' })
  })

  it('are unreadable without the key or with another one, and the key is never left in the session', async () => {
    const noKey = createWriter(orm, { emit() {} })
    await expect(noKey(ctx, session, ({ tx }) => readEmployeeDocuments(tx, tenant.employeeId))).rejects.toThrow()
    const otherKey = createWriter(orm, { emit() {} }, async () => Buffer.alloc(32, 7).toString('base64'))
    await expect(otherKey(ctx, session, ({ tx }) => readEmployeeDocuments(tx, tenant.employeeId))).rejects.toThrow()
    const leftover = await db.query<{ key: string | null }>(
      `SELECT nullif(current_setting('app.encryption_key', true), '') AS key`,
    )
    expect(leftover.rows[0]?.key).toBeNull()
  })
})
