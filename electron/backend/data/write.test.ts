import type { PGlite } from '@electric-sql/pglite'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CallContext, type Session, newConnection } from '../call-context'
import { auditValues } from './audit-diff'
import { migratedTerminal, sessionOf } from '../test-support'
import { type Orm, schema } from './orm'
import { createWriter } from './write'

let db: PGlite
let orm: Orm
let session: Session
const ctx: CallContext = { connection: newConnection(), origin: 'desktop' }
const events = { emit: vi.fn() }

beforeAll(async () => {
  const terminal = await migratedTerminal()
  ;({ db, orm } = terminal)
  session = { ...sessionOf(terminal.tenant, 'employee', 'clerk@example.kz'), sessionId: 's-1' }
})
afterAll(async () => db.close())

const auditOf = (entityId: string) => orm.select().from(schema.auditLogs).where(eq(schema.auditLogs.entityId, entityId))

describe('one business action, one transaction', () => {
  it('commits the data with its audit row, then announces the tables', async () => {
    events.emit.mockClear()
    const write = createWriter(orm, events)
    const id = await write(ctx, session, async ({ tx, audit, touched }) => {
      const [row] = await tx
        .insert(schema.productCategories)
        .values({ organizationId: session.organizationId, workspaceId: session.workspaceId, name: 'Крепёж', code: 'FAST' })
        .returning()
      await audit({
        entityType: 'product_category',
        entityId: row!.id,
        action: 'CREATE',
        after: { name: row!.name, code: row!.code },
      })
      touched('product_categories')
      return row!.id
    })
    const [audit] = await auditOf(id)
    expect(audit).toMatchObject({
      action: 'CREATE',
      userId: session.userId,
      userEmail: 'clerk@example.kz',
      sessionId: 's-1',
      source: 'desktop',
      organizationId: session.organizationId,
      changes: { name: { from: null, to: 'Крепёж' }, code: { from: null, to: 'FAST' } },
    })
    expect(events.emit).toHaveBeenCalledWith('data.changed', { tables: ['audit_logs', 'product_categories'] })
  })

  it('leaves nothing behind when the action fails, and announces nothing', async () => {
    events.emit.mockClear()
    const write = createWriter(orm, events)
    const before = await orm.$count(schema.productCategories)
    await expect(
      write(ctx, session, async ({ tx, audit, touched }) => {
        const [row] = await tx
          .insert(schema.productCategories)
          .values({ organizationId: session.organizationId, workspaceId: session.workspaceId, name: 'Half', code: 'HALF' })
          .returning()
        await audit({ entityType: 'product_category', entityId: row!.id, action: 'CREATE', after: { name: 'Half' } })
        touched('product_categories')
        throw new Error('the second line was refused')
      }),
    ).rejects.toThrow('the second line was refused')
    expect(await orm.$count(schema.productCategories)).toBe(before)
    expect(await orm.$count(schema.auditLogs, eq(schema.auditLogs.action, 'CREATE'))).toBe(1)
    expect(events.emit).not.toHaveBeenCalled()
  })

  it('sets the tenant for triggers and policies inside the transaction only', async () => {
    const write = createWriter(orm, events)
    const seen = await write(ctx, session, async ({ tx }) => {
      const r = await tx.execute<{ org: string }>(`SELECT current_setting('app.organization_id', true) AS org`)
      return r.rows[0]?.org
    })
    expect(seen).toBe(session.organizationId)
    const after = await db.query<{ org: string | null }>(`SELECT nullif(current_setting('app.organization_id', true), '') AS org`)
    expect(after.rows[0]?.org).toBeNull()
  })
})

describe('audit values', () => {
  it('records only what changed, hides secrets, and skips an update that changed nothing', () => {
    expect(auditValues({ name: 'A', updated_at: '1' }, { name: 'B', updated_at: '2' })?.changes).toEqual({
      name: { from: 'A', to: 'B' },
    })
    expect(auditValues({ name: 'A', updated_at: '1' }, { name: 'A', updated_at: '2' })).toBeNull()
    const secret = auditValues({ password_hash: 'old' }, { password_hash: 'new' })
    expect(secret).toEqual({
      oldValues: { password_hash: '[hidden]' },
      newValues: { password_hash: '[hidden]' },
      changes: { password_hash: { from: '[hidden]', to: '[hidden]' } },
    })
    expect(auditValues({ price: '10.00' }, null)).toMatchObject({
      newValues: null,
      changes: { price: { from: '10.00', to: null } },
    })
  })
})
