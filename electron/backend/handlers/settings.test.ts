import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locale } from '../../../shared/locale'
import type { OrganizationRole } from '../../../shared/permissions'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, createTenant } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { fakeMailTransport } from '../mail/fake-transport'
import { smtpPasswordName } from '../mail/mailer'
import { memoryVault } from '../secrets/vault'
import { sessionOf } from '../test-support'
import { type Backend, startBackend } from '../start-backend'

// The organization's settings through the real dispatcher: the lock time the dispatcher itself
// enforces, and email with the SMTP password kept out of the database.
let backend: Backend
let a: Tenant
let b: Tenant
const mail = fakeMailTransport()
const vault = memoryVault()
const PASSWORD = 'smtp-Secret-4242'

const as = (tenant: Tenant, role: OrganizationRole = 'admin', locale: Locale = 'en'): CallContext => ({
  connection: { ...newConnection(), locale, session: sessionOf(tenant, role, `${role}@example.kz`) },
  origin: 'test',
})

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await backend.db.query<T>(sql, params)).rows
}

const smtp = { host: 'smtp.bereke.kz', port: 587, secure: false, user: 'robot@bereke.kz', from: 'robot@bereke.kz' }

beforeAll(async () => {
  backend = await startBackend({ mailTransport: mail, vault })
  const conn = pgliteConnection(backend.db)
  a = await createTenant(conn, 'ТОО А')
  b = await createTenant(conn, 'ТОО Б')
  await conn.query(`UPDATE users SET email = 'aigerim@a.kz', first_name = 'Айгерим' WHERE id = $1`, [a.userId])
})
afterAll(async () => backend.close())

describe('the inactivity lock', () => {
  it('is 15 minutes until set; a new value is audited and enforced by the dispatcher at once', async () => {
    expect(await backend.dispatch('settings.get', {}, as(a))).toMatchObject({
      ok: true,
      value: { lockAfterMinutes: 15, smtp: null },
    })
    expect(await backend.dispatch('settings.security.update', { lockAfterMinutes: 5 }, as(a))).toEqual({ ok: true, value: null })
    expect(await backend.dispatch('settings.get', {}, as(a))).toMatchObject({ ok: true, value: { lockAfterMinutes: 5 } })
    expect(await backend.dispatch('auth.status', {}, as(a))).toMatchObject({ ok: true, value: { lockAfterMinutes: 5 } })

    // Six idle minutes lock a session of A; B keeps the default fifteen.
    const idleA = as(a)
    idleA.connection.lastActivityAt -= 6 * 60_000
    expect(await backend.dispatch('mail.status', {}, idleA)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const idleB = as(b)
    idleB.connection.lastActivityAt -= 6 * 60_000
    expect(await backend.dispatch('mail.status', {}, idleB)).toMatchObject({ ok: true })

    await backend.dispatch('settings.security.update', { lockAfterMinutes: 30 }, as(a))
    const audit = await rows<{ action: string; changes: unknown; entity_type: string }>(
      `SELECT action, changes, entity_type FROM audit_logs WHERE entity_type = 'app_setting' AND organization_id = $1 ORDER BY "timestamp"`,
      [a.organizationId],
    )
    expect(audit).toEqual([
      {
        entity_type: 'app_setting',
        action: 'CREATE',
        changes: { key: { from: null, to: 'security.lock_after_minutes' }, value: { from: null, to: 5 } },
      },
      { entity_type: 'app_setting', action: 'UPDATE', changes: { value: { from: 5, to: 30 } } },
    ])
  })

  it('refuses values outside 1..240 minutes or not whole, naming the field', async () => {
    for (const lockAfterMinutes of [0, 241, 2.5, '10']) {
      expect(await backend.dispatch('settings.security.update', { lockAfterMinutes }, as(a))).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ path: ['lockAfterMinutes'] }] },
      })
    }
  })

  it('follows a value that arrives by sync once app_settings is announced as changed, and ignores a broken one', async () => {
    await backend.db.query(`UPDATE app_settings SET value = '45'::jsonb WHERE organization_id = $1`, [a.organizationId])
    // Until announced, the cached value holds: the dispatcher does not query on every call.
    expect(await backend.dispatch('auth.status', {}, as(a))).toMatchObject({ ok: true, value: { lockAfterMinutes: 30 } })
    backend.events.emit('data.changed', { tables: ['app_settings'] })
    await expect
      .poll(async () => backend.dispatch('auth.status', {}, as(a)))
      .toMatchObject({ ok: true, value: { lockAfterMinutes: 45 } })

    await backend.db.query(`UPDATE app_settings SET value = '"soon"'::jsonb WHERE organization_id = $1`, [a.organizationId])
    backend.events.emit('data.changed', { tables: ['app_settings'] })
    await expect
      .poll(async () => backend.dispatch('auth.status', {}, as(a)))
      .toMatchObject({ ok: true, value: { lockAfterMinutes: 15 } })
  })

  it('is managed only with settings.manage', async () => {
    expect(await backend.dispatch('settings.security.update', { lockAfterMinutes: 1 }, as(a, 'manager'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})

describe('email', () => {
  it('without SMTP settings, says why and refuses to send a code, issuing none', async () => {
    expect(await backend.dispatch('mail.status', {}, as(a, 'employee'))).toEqual({
      ok: true,
      value: { available: false, reason: 'notConfigured' },
    })
    const result = await backend.dispatch('users.emailResetCode', { userId: a.userId }, as(a, 'admin', 'ru'))
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('Отправка почты не настроена'), issues: [{ path: ['smtp'] }] },
    })
    expect(await rows('SELECT 1 FROM email_verifications')).toEqual([])
    expect(mail.sent).toEqual([])
  })

  it('keeps the SMTP password in the vault, never in the database or the audit trail', async () => {
    expect(await backend.dispatch('settings.smtp.update', { ...smtp, password: PASSWORD }, as(a))).toEqual({
      ok: true,
      value: null,
    })
    expect(await vault.get(smtpPasswordName(a.organizationId))).toBe(PASSWORD)
    const dump = JSON.stringify([
      await rows('SELECT * FROM app_settings'),
      await rows('SELECT old_values, new_values, changes, metadata FROM audit_logs'),
    ])
    expect(dump).toContain('smtp.bereke.kz')
    expect(dump).not.toContain(PASSWORD)
    expect(await rows(`SELECT reason FROM audit_logs WHERE reason LIKE 'SMTP%'`)).toEqual([{ reason: 'SMTP password changed' }])
    expect(await backend.dispatch('settings.get', {}, as(a))).toMatchObject({
      ok: true,
      value: { smtp: { ...smtp, passwordSet: true } },
    })
    expect(await backend.dispatch('mail.status', {}, as(a, 'employee'))).toEqual({
      ok: true,
      value: { available: true, reason: null },
    })
    // Organization B's email is not set up by A's settings.
    expect(await backend.dispatch('mail.status', {}, as(b))).toMatchObject({ ok: true, value: { available: false } })
  })

  it('saving without a password keeps the stored one; bad settings are refused by field', async () => {
    expect(await backend.dispatch('settings.smtp.update', { ...smtp, port: 465, secure: true }, as(a))).toMatchObject({
      ok: true,
    })
    expect(await vault.get(smtpPasswordName(a.organizationId))).toBe(PASSWORD)
    const bad = await backend.dispatch(
      'settings.smtp.update',
      { ...smtp, host: 'smtp bereke', port: 70000, from: 'robot' },
      as(a),
    )
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.error.issues?.map((i) => i.path.join('.')).sort()).toEqual(['from', 'host', 'port'])
  })

  it('sends a test email with the saved settings and the vault’s password', async () => {
    expect(await backend.dispatch('settings.smtp.test', { to: 'Check@Bereke.kz' }, as(a, 'admin', 'kk'))).toEqual({
      ok: true,
      value: { sentTo: 'check@bereke.kz' },
    })
    expect(mail.sent.at(-1)).toMatchObject({
      config: { host: 'smtp.bereke.kz', port: 465, secure: true, user: 'robot@bereke.kz', password: PASSWORD },
      message: { to: 'check@bereke.kz', subject: 'Prometric ERP поштасын тексеру' },
    })
  })

  it('sends a reset code to the person’s own address; the code in the email is the one that works', async () => {
    const result = await backend.dispatch('users.emailResetCode', { userId: a.userId }, as(a, 'admin', 'ru'))
    expect(result).toMatchObject({ ok: true, value: { sentTo: 'aigerim@a.kz' } })
    const sent = mail.sent.at(-1)!.message
    expect(sent.to).toBe('aigerim@a.kz')
    const code = sent.text.match(/: ([2-9A-HJ-NP-Z]{8})\n/)?.[1]
    expect(await rows('SELECT code FROM email_verifications WHERE user_id = $1 AND NOT is_used', [a.userId])).toEqual([{ code }])
    expect(await rows(`SELECT reason FROM audit_logs WHERE entity_id = $1 AND reason LIKE '%email%'`, [a.userId])).toEqual([
      { reason: 'password reset code sent by email' },
    ])
  })

  it('a refused send retires the code and names the setting to check; the password is never echoed', async () => {
    mail.failWith = Object.assign(new Error(`Invalid login: 535 bad credentials for ${PASSWORD}`), { code: 'EAUTH' })
    const refused = await backend.dispatch('users.emailResetCode', { userId: a.userId }, as(a))
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('The email was not sent: Invalid login'),
        issues: [{ path: ['smtp', 'user'] }],
      },
    })
    expect(JSON.stringify(refused)).not.toContain(PASSWORD)
    expect(await rows('SELECT 1 FROM email_verifications WHERE user_id = $1 AND NOT is_used', [a.userId])).toEqual([])

    mail.failWith = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:465'), { code: 'ECONNECTION' })
    expect(await backend.dispatch('settings.smtp.test', { to: 'check@bereke.kz' }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: ['smtp', 'host'] }] },
    })
    mail.failWith = null
  })

  it('does not send a code to a person of another organization', async () => {
    const before = mail.sent.length
    expect(await backend.dispatch('users.emailResetCode', { userId: b.userId }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(mail.sent.length).toBe(before)
  })

  it('a user name without a password is reported; turning email off removes settings and password, audited', async () => {
    await backend.dispatch('settings.smtp.update', { ...smtp, password: '' }, as(a))
    expect(await backend.dispatch('mail.status', {}, as(a))).toEqual({
      ok: true,
      value: { available: false, reason: 'passwordMissing' },
    })
    expect(await backend.dispatch('settings.smtp.test', { to: 'x@bereke.kz' }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['smtp', 'password'] }] },
    })
    expect(await backend.dispatch('settings.smtp.clear', {}, as(a))).toEqual({ ok: true, value: null })
    expect(await backend.dispatch('mail.status', {}, as(a))).toEqual({
      ok: true,
      value: { available: false, reason: 'notConfigured' },
    })
    expect(await rows(`SELECT action FROM audit_logs WHERE entity_type = 'app_setting' AND action = 'DELETE'`)).toEqual([
      { action: 'DELETE' },
    ])
  })
})
