import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locale } from '../../../shared/locale'
import type { OrganizationRole } from '../../../shared/permissions'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, createTenant, insert } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { sessionOf } from '../test-support'
import { type Backend, startBackend } from '../start-backend'

// Accounts and employment through the real dispatcher: two organizations on one database, so
// every id from the other one must be refused as if it did not exist.
let backend: Backend
let a: Tenant
let b: Tenant
let departmentA: string
let departmentB: string

const as = (tenant: Tenant, role: OrganizationRole, locale: Locale = 'en'): CallContext => ({
  connection: { ...newConnection(), locale, session: sessionOf(tenant, role, `${role}@${tenant === a ? 'a' : 'b'}.kz`) },
  origin: 'test',
})

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await backend.db.query<T>(sql, params)).rows
}

const auditOf = (entityId: string) =>
  rows<{ entity_type: string; action: string; reason: string | null; user_email: string; changes: Record<string, unknown> }>(
    'SELECT entity_type, action, reason, user_email, changes FROM audit_logs WHERE entity_id = $1 ORDER BY "timestamp", id',
    [entityId],
  )

const newPerson = (overrides: Record<string, unknown> = {}) => ({
  email: 'Dana.Nurlanova@A.kz',
  firstName: 'Дана',
  lastName: 'Нурланова',
  role: 'employee',
  workspaceId: a.workspaceId,
  departmentId: departmentA,
  position: 'Кладовщик',
  ...overrides,
})

beforeAll(async () => {
  backend = await startBackend()
  const conn = pgliteConnection(backend.db)
  a = await createTenant(conn, 'ТОО А')
  b = await createTenant(conn, 'ТОО Б')
  // Sign-in needs the terminal to hold a company: organization A.
  await conn.query(`INSERT INTO terminal_state (mode, organization_id, workspace_id) VALUES ('standalone', $1, $2)`, [
    a.organizationId,
    a.workspaceId,
  ])
  departmentA = await insert(conn, 'departments', {
    organization_id: a.organizationId,
    workspace_id: a.workspaceId,
    name: 'Склад',
  })
  departmentB = await insert(conn, 'departments', {
    organization_id: b.organizationId,
    workspace_id: b.workspaceId,
    name: 'Склад',
  })
})
afterAll(async () => backend.close())

describe('admin.users.create', () => {
  let created: { userId: string; employeeId: string; code: string }

  it('creates the account and its employee in one audited transaction, with a first-password code', async () => {
    const result = await backend.dispatch('admin.users.create', newPerson(), as(a, 'admin'))
    expect(result).toMatchObject({ ok: true, value: { code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/) } })
    if (!result.ok) return
    created = result.value as typeof created
    const [user] = await rows<{ email: string; status: string; password_hash: string }>(
      'SELECT email, status, password_hash FROM users WHERE id = $1',
      [created.userId],
    )
    expect(user).toMatchObject({ email: 'dana.nurlanova@a.kz', status: 'active' })
    const [employee] = await rows('SELECT organization_id, workspace_id, department_id, position FROM employees WHERE id = $1', [
      created.employeeId,
    ])
    expect(employee).toEqual({
      organization_id: a.organizationId,
      workspace_id: a.workspaceId,
      department_id: departmentA,
      position: 'Кладовщик',
    })
    const audit = await auditOf(created.userId)
    // One transaction: one timestamp, so compare as a set.
    expect(audit.map((r) => [r.action, r.reason]).sort()).toEqual([
      ['CREATE', null],
      ['UPDATE', 'first password code issued'],
    ])
    const creation = audit.find((r) => r.action === 'CREATE')!
    expect(creation.user_email).toBe('admin@a.kz')
    expect(creation.changes).toMatchObject({ password_hash: { from: null, to: '[hidden]' } })
    expect(await auditOf(created.employeeId)).toMatchObject([{ entity_type: 'employee', action: 'CREATE' }])
  })

  it('the new person appears in people.list, cannot sign in before setting a password, and can after', async () => {
    const list = await backend.dispatch('people.list', { search: 'Нурланова' }, as(a, 'admin'))
    expect(list).toMatchObject({
      ok: true,
      value: [{ email: 'dana.nurlanova@a.kz', fullName: 'Нурланова Дана', departmentName: 'Склад', workspaceId: a.workspaceId }],
    })
    const w = as(a, 'employee')
    w.connection.session = null
    expect(await backend.dispatch('auth.signIn', { email: 'dana.nurlanova@a.kz', password: '!' }, w)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    const reset = await backend.dispatch(
      'auth.resetPassword',
      { email: 'dana.nurlanova@a.kz', code: created.code, newPassword: 'Almaty-2026' },
      w,
    )
    expect(reset).toEqual({ ok: true, value: null })
    expect(await backend.dispatch('auth.signIn', { email: 'dana.nurlanova@a.kz', password: 'Almaty-2026' }, w)).toMatchObject({
      ok: true,
      value: { fullName: 'Дана Нурланова', role: 'employee' },
    })
  })

  it('refuses an email another account has, naming the field, in the caller’s language', async () => {
    const result = await backend.dispatch('admin.users.create', newPerson({ email: 'DANA.nurlanova@a.kz' }), as(a, 'admin', 'ru'))
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['email'], message: expect.stringContaining('уже занята') }] },
    })
  })

  it('refuses a workspace or a department of another organization as not found, and writes nothing', async () => {
    const before = await rows<{ n: number }>('SELECT count(*)::int AS n FROM users')
    for (const [input, field] of [
      [{ workspaceId: b.workspaceId }, 'workspaceId'],
      [{ departmentId: departmentB }, 'departmentId'],
    ] as const) {
      const result = await backend.dispatch('admin.users.create', newPerson({ email: 'x@a.kz', ...input }), as(a, 'admin'))
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', issues: [{ path: [field] }] } })
    }
    expect(await rows('SELECT count(*)::int AS n FROM users')).toEqual(before)
  })

  it('refuses bad input with the fields named, in Kazakh too', async () => {
    const result = await backend.dispatch(
      'admin.users.create',
      newPerson({ email: 'not-an-email', firstName: '', role: 'boss', workspaceId: 'x' }),
      as(a, 'admin', 'kk'),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('VALIDATION')
    expect(result.error.issues?.map((i) => i.path.join('.')).sort()).toEqual(['email', 'firstName', 'role', 'workspaceId'])
    expect(result.error.issues?.find((i) => i.path[0] === 'firstName')?.message).toBe('Кемінде 1 таңба болуы керек')
  })

  it('lets only an owner create an owner, and refuses a manager altogether', async () => {
    expect(
      await backend.dispatch('admin.users.create', newPerson({ email: 'o@a.kz', role: 'owner' }), as(a, 'admin')),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', issues: [{ path: ['role'] }] },
    })
    expect(
      await backend.dispatch('admin.users.create', newPerson({ email: 'o@a.kz', role: 'owner' }), as(a, 'owner')),
    ).toMatchObject({
      ok: true,
    })
    expect(await backend.dispatch('admin.users.create', newPerson({ email: 'm@a.kz' }), as(a, 'manager'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await rows('SELECT 1 FROM users WHERE email = $1', ['m@a.kz'])).toEqual([])
  })
})

describe('admin.users.update and setStatus', () => {
  let userId: string
  beforeAll(async () => {
    const result = await backend.dispatch(
      'admin.users.create',
      newPerson({ email: 'arman@a.kz', firstName: 'Арман' }),
      as(a, 'admin'),
    )
    if (!result.ok) throw new Error(result.error.message)
    userId = (result.value as { userId: string }).userId
  })

  it('changes names and role, audited with the changes only', async () => {
    expect(
      await backend.dispatch('admin.users.update', { userId, lastName: 'Ахметов', role: 'manager' }, as(a, 'admin')),
    ).toEqual({ ok: true, value: null })
    const audit = await auditOf(userId)
    expect(audit.at(-1)).toMatchObject({
      action: 'UPDATE',
      changes: { last_name: { from: 'Нурланова', to: 'Ахметов' }, organization_role: { from: 'employee', to: 'manager' } },
    })
    expect(Object.keys(audit.at(-1)!.changes).sort()).toEqual(['last_name', 'organization_role'])
  })

  it('refuses changing one’s own role, an owner’s account by an admin, and a taken email', async () => {
    const self = as(a, 'admin')
    expect(await backend.dispatch('admin.users.update', { userId: a.userId, role: 'manager' }, self)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['role'] }] },
    })
    await backend.db.query(`UPDATE users SET organization_role = 'owner' WHERE email = 'o@a.kz'`)
    const [owner] = await rows<{ id: string }>(`SELECT id FROM users WHERE email = 'o@a.kz'`)
    expect(await backend.dispatch('admin.users.update', { userId: owner!.id, firstName: 'Х' }, self)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await backend.dispatch('admin.users.setStatus', { userId: owner!.id, status: 'suspended' }, self)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await backend.dispatch('admin.users.update', { userId, email: 'dana.nurlanova@a.kz' }, self)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['email'] }] },
    })
  })

  it('does not reach accounts of another organization', async () => {
    for (const [method, input] of [
      ['admin.users.update', { userId, firstName: 'Чужой' }],
      ['admin.users.setStatus', { userId, status: 'suspended' }],
      ['users.issueResetCode', { userId }],
    ] as const) {
      expect(await backend.dispatch(method, input, as(b, 'owner'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
    expect(await rows('SELECT first_name, status FROM users WHERE id = $1', [userId])).toEqual([
      { first_name: 'Арман', status: 'active' },
    ])
  })

  it('a suspended account cannot sign in until it is activated again; nobody suspends themselves', async () => {
    expect(
      await backend.dispatch('admin.users.setStatus', { userId: a.userId, status: 'suspended' }, as(a, 'admin')),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['status'] }] },
    })
    const dana = (await rows<{ id: string }>(`SELECT id FROM users WHERE email = 'dana.nurlanova@a.kz'`))[0]!.id
    const open: CallContext = { connection: newConnection(), origin: 'test' }
    await backend.dispatch('auth.signIn', { email: 'dana.nurlanova@a.kz', password: 'Almaty-2026' }, open)
    expect(await backend.dispatch('auth.lock', {}, open)).toEqual({ ok: true, value: null })
    await backend.dispatch('auth.unlock', { password: 'Almaty-2026' }, open)
    expect(await backend.dispatch('admin.users.setStatus', { userId: dana, status: 'suspended' }, as(a, 'admin'))).toEqual({
      ok: true,
      value: null,
    })
    // Her session open in another window ends on its next call.
    expect(await backend.dispatch('admin.departments.list', {}, open)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Учётная запись не активна. Обратитесь к администратору.' },
    })
    expect(open.connection.session).toBeNull()
    expect((await auditOf(dana)).at(-1)).toMatchObject({ reason: 'account suspended', changes: { status: { to: 'suspended' } } })
    const w: CallContext = { connection: newConnection(), origin: 'test' }
    expect(await backend.dispatch('auth.signIn', { email: 'dana.nurlanova@a.kz', password: 'Almaty-2026' }, w)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    await backend.dispatch('admin.users.setStatus', { userId: dana, status: 'active' }, as(a, 'admin'))
    expect(await backend.dispatch('auth.signIn', { email: 'dana.nurlanova@a.kz', password: 'Almaty-2026' }, w)).toMatchObject({
      ok: true,
    })
  })
})

describe('admin.employees.update', () => {
  let employeeId: string
  let otherEmployeeId: string
  beforeAll(async () => {
    const [dana] = await rows<{ id: string }>(
      `SELECT e.id FROM employees e JOIN users u ON u.id = e.user_id WHERE u.email = 'dana.nurlanova@a.kz'`,
    )
    employeeId = dana!.id
    const [arman] = await rows<{ id: string }>(
      `SELECT e.id FROM employees e JOIN users u ON u.id = e.user_id WHERE u.email = 'arman@a.kz'`,
    )
    otherEmployeeId = arman!.id
  })

  it('moves a person to another workspace and department with a number and hire date, audited', async () => {
    const result = await backend.dispatch(
      'admin.employees.update',
      {
        employeeId,
        workspaceId: a.workspace2Id,
        departmentId: null,
        employeeNumber: 'EMP-7',
        hireDate: '2026-03-02',
        position: '',
      },
      as(a, 'admin'),
    )
    expect(result).toEqual({ ok: true, value: null })
    expect(
      await rows('SELECT workspace_id, department_id, employee_number, hire_date, position FROM employees WHERE id = $1', [
        employeeId,
      ]),
    ).toEqual([
      {
        workspace_id: a.workspace2Id,
        department_id: null,
        employee_number: 'EMP-7',
        hire_date: new Date('2026-03-02'),
        position: null,
      },
    ])
    expect((await auditOf(employeeId)).at(-1)).toMatchObject({
      action: 'UPDATE',
      changes: { workspace_id: { from: a.workspaceId, to: a.workspace2Id }, employee_number: { from: null, to: 'EMP-7' } },
    })
  })

  it('refuses a taken number, a foreign department, a bad date, and stopping one’s own employment', async () => {
    const admin = as(a, 'admin')
    expect(
      await backend.dispatch('admin.employees.update', { employeeId: otherEmployeeId, employeeNumber: 'EMP-7' }, admin),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['employeeNumber'] }] },
    })
    expect(await backend.dispatch('admin.employees.update', { employeeId, departmentId: departmentB }, admin)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', issues: [{ path: ['departmentId'] }] },
    })
    expect(await backend.dispatch('admin.employees.update', { employeeId, hireDate: '2026-02-30' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: ['hireDate'] }] },
    })
    expect(
      await backend.dispatch('admin.employees.update', { employeeId: a.employeeId, status: 'terminated' }, admin),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['status'] }] },
    })
    expect(await backend.dispatch('admin.employees.update', { employeeId, position: 'Х' }, as(b, 'owner'))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', issues: [{ path: ['employeeId'] }] },
    })
  })
})
