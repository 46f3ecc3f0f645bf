import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MethodOutput } from '../../../shared/contract'
import { type CallContext, newConnection } from '../call-context'
import { type Backend, startBackend } from '../start-backend'

// First run as a standalone company, then sign-in, through the real dispatcher.
let backend: Backend
const window = (): CallContext => ({ connection: { ...newConnection(), locale: 'en' }, origin: 'desktop' })

const company = {
  organization: { name: 'ТОО «Береке Логистик»', bin: '150340001236' },
  workspaceName: 'Склад Алматы',
  owner: { firstName: 'Ерлан', lastName: 'Сапаров', email: 'Erlan@Bereke.kz', password: 'Qazaqstan-2026' },
}

beforeAll(async () => {
  backend = await startBackend()
})
afterAll(async () => backend.close())

describe('first run as a standalone company', () => {
  it('refuses a BIN with a wrong check digit, naming the field, and writes nothing', async () => {
    const w = window()
    const result = await backend.dispatch(
      'setup.createStandaloneCompany',
      { ...company, organization: { ...company.organization, bin: '150340001235' } },
      w,
    )
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        issues: [{ path: ['organization', 'bin'], message: 'A BIN is 12 digits with a valid check digit' }],
      },
    })
    expect(await backend.dispatch('setup.status', {}, w)).toMatchObject({ ok: true, value: { state: 'empty' } })
  })

  it('refuses a weak password and a malformed email with messages in the person’s language', async () => {
    const w = { ...window(), connection: { ...newConnection(), locale: 'ru' as const } }
    const result = await backend.dispatch(
      'setup.createStandaloneCompany',
      { ...company, owner: { ...company.owner, email: 'not-an-email', password: 'short' } },
      w,
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    const paths = result.error.issues?.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['owner.email', 'owner.password']))
    expect(result.error.issues?.every((i) => /[а-яА-Я]/.test(i.message))).toBe(true)
  })

  it('creates the company, then the owner signs in; a second company is refused', async () => {
    const w = window()
    const created = await backend.dispatch('setup.createStandaloneCompany', company, w)
    expect(created).toEqual({ ok: true, value: { organizationName: 'ТОО «Береке Логистик»', ownerEmail: 'erlan@bereke.kz' } })
    expect(await backend.dispatch('setup.status', {}, w)).toMatchObject({
      ok: true,
      value: { state: 'ready', mode: 'standalone', organizationName: 'ТОО «Береке Логистик»' },
    })
    expect(await backend.dispatch('setup.createStandaloneCompany', company, w)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(await backend.dispatch('setup.createDemoCompany', {}, w)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    expect(await backend.dispatch('auth.status', {}, w)).toMatchObject({ ok: true, value: { user: null, demoAccount: null } })
    const signedIn = await backend.dispatch('auth.signIn', { email: 'erlan@bereke.kz', password: 'Qazaqstan-2026' }, w)
    expect(signedIn).toMatchObject({
      ok: true,
      value: { fullName: 'Ерлан Сапаров', role: 'owner', workspaceName: 'Склад Алматы' },
    })
    const audit = await backend.db.query<{ entity_type: string; action: string }>(
      'SELECT entity_type, action FROM audit_logs ORDER BY "timestamp", entity_type',
    )
    expect(audit.rows).toEqual(
      expect.arrayContaining([
        { entity_type: 'organization', action: 'CREATE' },
        { entity_type: 'employee', action: 'CREATE' },
        { entity_type: 'user', action: 'LOGIN' },
      ]),
    )
  })

  it('a session-only call without a session is UNAUTHENTICATED; a locked session must be unlocked', async () => {
    const w = window()
    expect(await backend.dispatch('auth.lock', {}, w)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    await backend.dispatch('auth.signIn', { email: 'erlan@bereke.kz', password: 'Qazaqstan-2026' }, w)
    expect(await backend.dispatch('auth.lock', {}, w)).toEqual({ ok: true, value: null })
    expect(await backend.dispatch('auth.status', {}, w)).toMatchObject({ ok: true, value: { locked: true } })
    expect(await backend.dispatch('auth.lock', {}, w)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('locked') },
    })
    expect(await backend.dispatch('auth.unlock', { password: 'Qazaqstan-2026' }, w)).toMatchObject({ ok: true })
    expect(await backend.dispatch('auth.status', {}, w)).toMatchObject({ ok: true, value: { locked: false } })
  })

  it('the owner reads the audit trail, filtered and paged newest first', async () => {
    const w = window()
    await backend.dispatch('auth.signIn', { email: 'erlan@bereke.kz', password: 'Qazaqstan-2026' }, w)
    const logins = await backend.dispatch('audit.list', { action: 'LOGIN', limit: 2 }, w)
    expect(logins).toMatchObject({
      ok: true,
      value: { entries: [{ action: 'LOGIN', userEmail: 'erlan@bereke.kz' }, { action: 'LOGIN' }] },
    })
    type Page = MethodOutput<'audit.list'>
    if (!logins.ok) return
    const first = logins.value as Page
    expect(first.next).not.toBeNull()
    const rest = await backend.dispatch('audit.list', { action: 'LOGIN', limit: 50, after: first.next ?? undefined }, w)
    if (!rest.ok) throw new Error(rest.error.message)
    const ids = [...first.entries, ...(rest.value as Page).entries].map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length) // no row twice across pages
    const created = await backend.dispatch('audit.list', { entityType: 'organization' }, w)
    expect(created).toMatchObject({
      ok: true,
      value: { entries: [{ action: 'CREATE', changes: { bin: { from: null, to: '150340001236' } } }] },
    })
  })

  it('resets a password with a one-time code issued by an administrator', async () => {
    const admin = window()
    const signedIn = await backend.dispatch('auth.signIn', { email: 'erlan@bereke.kz', password: 'Qazaqstan-2026' }, admin)
    const userId = (signedIn as { value: { userId: string } }).value.userId
    const issued = await backend.dispatch('users.issueResetCode', { userId }, admin)
    expect(issued).toMatchObject({ ok: true, value: { code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/) } })
    const code = (issued as { value: { code: string } }).value.code

    const person = window()
    const wrong = await backend.dispatch(
      'auth.resetPassword',
      { email: 'erlan@bereke.kz', code: 'ZZZZZZZZ', newPassword: 'Almaty-2027' },
      person,
    )
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('already used or expired') },
    })
    const unknown = await backend.dispatch(
      'auth.resetPassword',
      { email: 'nobody@bereke.kz', code, newPassword: 'Almaty-2027' },
      person,
    )
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } }) // says nothing about the account
    expect(
      await backend.dispatch(
        'auth.resetPassword',
        { email: 'erlan@bereke.kz', code: code.toLowerCase(), newPassword: 'Almaty-2027' },
        person,
      ),
    ).toEqual({ ok: true, value: null })
    // One use only; the old password is gone, the new one works.
    expect(
      await backend.dispatch('auth.resetPassword', { email: 'erlan@bereke.kz', code, newPassword: 'Almaty-2028' }, person),
    ).toMatchObject({ ok: false })
    expect(await backend.dispatch('auth.signIn', { email: 'erlan@bereke.kz', password: 'Qazaqstan-2026' }, person)).toMatchObject(
      { ok: false },
    )
    expect(await backend.dispatch('auth.signIn', { email: 'erlan@bereke.kz', password: 'Almaty-2027' }, person)).toMatchObject({
      ok: true,
    })

    // An expired code is refused too.
    const again = await backend.dispatch('users.issueResetCode', { userId }, admin)
    await backend.db.query(
      `UPDATE email_verifications SET expires_at = CURRENT_TIMESTAMP - interval '1 minute' WHERE NOT is_used`,
    )
    const late = await backend.dispatch(
      'auth.resetPassword',
      { email: 'erlan@bereke.kz', code: (again as { value: { code: string } }).value.code, newPassword: 'Almaty-2029' },
      person,
    )
    expect(late).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    // Put the password back for the other tests.
    const back = await backend.dispatch('users.issueResetCode', { userId }, person)
    await backend.dispatch(
      'auth.resetPassword',
      { email: 'erlan@bereke.kz', code: (back as { value: { code: string } }).value.code, newPassword: 'Qazaqstan-2026' },
      window(),
    )
  })

  it('locks a session after inactivity, judged by the backend itself', async () => {
    const w = window()
    await backend.dispatch('auth.signIn', { email: 'erlan@bereke.kz', password: 'Qazaqstan-2026' }, w)
    w.connection.lastActivityAt -= 16 * 60_000 // sixteen idle minutes; the default limit is fifteen
    expect(await backend.dispatch('auth.lock', {}, w)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(w.connection.lockedAt).not.toBeNull()
  })
})
