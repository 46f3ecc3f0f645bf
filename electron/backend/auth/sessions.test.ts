import type { PGlite } from '@electric-sql/pglite'
import bcrypt from 'bcryptjs'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Tenant } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { type Orm, schema } from '../data/orm'
import { migratedTerminal } from '../test-support'
import { createWriter } from '../data/write'
import { hashPassword } from './password'
import { createSessions } from './sessions'

let db: PGlite
let orm: Orm
let tenant: Tenant
let clock = new Date('2026-11-24T09:00:00Z')
const now = () => clock
const ctx = (): CallContext => ({ connection: { ...newConnection(), locale: 'en' }, origin: 'desktop' })
const email = 'aigerim@example.kz'

beforeAll(async () => {
  ;({ db, orm, tenant } = await migratedTerminal())
  await orm
    .insert(schema.terminalState)
    .values({ mode: 'standalone', organizationId: tenant.organizationId, workspaceId: tenant.workspaceId })
})
afterAll(async () => db.close())

beforeEach(async () => {
  clock = new Date('2026-11-24T09:00:00Z')
  await orm.delete(schema.signInThrottle)
  await orm
    .update(schema.users)
    .set({ email, passwordHash: await hashPassword('Secret-1'), status: 'active', organizationRole: 'manager' })
    .where(eq(schema.users.id, tenant.userId))
})

const sessions = () => createSessions(orm, createWriter(orm, { emit() {} }), now)
const audits = (action: 'LOGIN' | 'LOGOUT') =>
  orm.$count(schema.auditLogs, and(eq(schema.auditLogs.entityId, tenant.userId), eq(schema.auditLogs.action, action)))

describe('sign-in on a standalone terminal', () => {
  it('signs in with email and password, for that window only, and records LOGIN', async () => {
    const window = ctx()
    const before = await audits('LOGIN')
    const user = await sessions().signIn(window, 'Aigerim@Example.kz ', 'Secret-1')
    expect(user).toMatchObject({ email, role: 'manager', organizationName: 'ТОО Тест' })
    expect(user.permissions).toContain('bom.approve')
    expect(window.connection.session).toMatchObject({ userId: tenant.userId, organizationId: tenant.organizationId })
    expect(ctx().connection.session).toBeNull()
    expect(await audits('LOGIN')).toBe(before + 1)
    const [row] = await orm.select().from(schema.users).where(eq(schema.users.id, tenant.userId))
    expect(row?.lastLoginAt).not.toBeNull()
    expect(row?.sessionId).toBe(window.connection.session?.sessionId)
  })

  it('says the same for a wrong password and an unknown email', async () => {
    const wrong = sessions().signIn(ctx(), email, 'nope')
    await expect(wrong).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Wrong email or password.' })
    const unknown = sessions().signIn(ctx(), 'nobody@example.kz', 'Secret-1')
    await expect(unknown).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Wrong email or password.' })
  })

  it('locks out after five failures, with back-off, then lets the right password in', async () => {
    const s = sessions()
    for (let i = 0; i < 5; i++) await expect(s.signIn(ctx(), email, 'bad')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    await expect(s.signIn(ctx(), email, 'Secret-1')).rejects.toThrow(/Too many failed attempts. Try again in 30 s/)
    clock = new Date(clock.getTime() + 31_000)
    await expect(s.signIn(ctx(), email, 'bad')).rejects.toThrow('Wrong email or password.')
    await expect(s.signIn(ctx(), email, 'Secret-1')).rejects.toThrow(/Try again in 60 s/) // doubled
    clock = new Date(clock.getTime() + 61_000)
    await expect(s.signIn(ctx(), email, 'Secret-1')).resolves.toMatchObject({ email })
    // Success clears the count: one more mistake is free again.
    await expect(s.signIn(ctx(), email, 'bad')).rejects.toThrow('Wrong email or password.')
    await expect(s.signIn(ctx(), email, 'Secret-1')).resolves.toMatchObject({ email })
  })

  it('refuses a suspended account only after the right password, without locking it out', async () => {
    await orm.update(schema.users).set({ status: 'suspended' }).where(eq(schema.users.id, tenant.userId))
    await expect(sessions().signIn(ctx(), email, 'Secret-1')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(sessions().signIn(ctx(), email, 'bad')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
  })

  it('accepts a bcrypt hash and upgrades it to Argon2id', async () => {
    await orm
      .update(schema.users)
      .set({ passwordHash: await bcrypt.hash('Old-bcrypt', 8) })
      .where(eq(schema.users.id, tenant.userId))
    await sessions().signIn(ctx(), email, 'Old-bcrypt')
    const [row] = await orm
      .select({ hash: schema.users.passwordHash })
      .from(schema.users)
      .where(eq(schema.users.id, tenant.userId))
    expect(row?.hash).toMatch(/^\$argon2id\$/)
    await expect(sessions().signIn(ctx(), email, 'Old-bcrypt')).resolves.toMatchObject({ email })
  })

  it('locks on demand and unlocks only with the same person’s password; sign-out records LOGOUT', async () => {
    const s = sessions()
    const window = ctx()
    await s.signIn(window, email, 'Secret-1')
    const sessionId = window.connection.session?.sessionId
    s.lock(window)
    expect(window.connection.lockedAt).not.toBeNull()
    await expect(s.unlock(window, 'bad')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Wrong password.' })
    await s.unlock(window, 'Secret-1')
    expect(window.connection.lockedAt).toBeNull()
    expect(window.connection.session?.sessionId).toBe(sessionId) // the same session goes on
    const before = await audits('LOGOUT')
    await s.signOut(window)
    expect(window.connection.session).toBeNull()
    expect(await audits('LOGOUT')).toBe(before + 1)
    await expect(s.unlock(window, 'Secret-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
  })
})

describe('an enrolled terminal', () => {
  it('accepts only people who signed in here before (a cached verifier), never head office’s hash', async () => {
    await orm.update(schema.terminalState).set({ mode: 'enrolled' })
    try {
      await expect(sessions().signIn(ctx(), email, 'Secret-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
      await orm.insert(schema.localCredentials).values({ userId: tenant.userId, verifier: await hashPassword('Cached-1') })
      await expect(sessions().signIn(ctx(), email, 'Cached-1')).resolves.toMatchObject({ email })
    } finally {
      await orm.update(schema.terminalState).set({ mode: 'standalone' })
      await orm.delete(schema.localCredentials)
    }
  })
})
