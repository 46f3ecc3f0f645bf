import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MethodOutput } from '../../../shared/contract'
import type { Locale } from '../../../shared/locale'
import type { OrganizationRole } from '../../../shared/permissions'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, createTenant } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { sessionOf } from '../test-support'
import { type Backend, startBackend } from '../start-backend'

// Departments (a tree with heads) and workspaces through the real dispatcher, with a second
// organization whose ids must never be accepted.
let backend: Backend
let a: Tenant
let b: Tenant

const as = (tenant: Tenant, role: OrganizationRole = 'admin', locale: Locale = 'en'): CallContext => ({
  connection: { ...newConnection(), locale, session: sessionOf(tenant, role) },
  origin: 'test',
})

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await backend.db.query<T>(sql, params)).rows
}

const auditOf = (entityId: string) =>
  rows<{ action: string; changes: Record<string, unknown> }>(
    'SELECT action, changes FROM audit_logs WHERE entity_id = $1 ORDER BY "timestamp", id',
    [entityId],
  )

async function created(method: 'admin.departments.create', input: Record<string, unknown>, ctx = as(a)): Promise<string> {
  const result = await backend.dispatch(method, input, ctx)
  if (!result.ok) throw new Error(result.error.message)
  return (result.value as { departmentId: string }).departmentId
}

type Departments = MethodOutput<'admin.departments.list'>

beforeAll(async () => {
  backend = await startBackend()
  const conn = pgliteConnection(backend.db)
  a = await createTenant(conn, 'ТОО А')
  b = await createTenant(conn, 'ТОО Б')
  await conn.query(`INSERT INTO terminal_state (mode, organization_id, workspace_id) VALUES ('standalone', $1, $2)`, [
    a.organizationId,
    a.workspaceId,
  ])
  await conn.query(`UPDATE users SET first_name = 'Айгерим', last_name = 'Касымова' WHERE id = $1`, [a.userId])
})
afterAll(async () => backend.close())

describe('departments', () => {
  let production: string
  let shop: string

  it('builds a tree with a head, audited, and lists it with the head’s name', async () => {
    production = await created('admin.departments.create', { name: 'Производство', code: 'PRD', headId: a.employeeId })
    shop = await created('admin.departments.create', { name: 'Цех №1', parentId: production })
    const list = await backend.dispatch('admin.departments.list', {}, as(a, 'employee'))
    expect(list.ok).toBe(true)
    const departments = (list as { value: Departments }).value
    expect(departments).toEqual([
      expect.objectContaining({ id: production, parentId: null, headName: 'Касымова Айгерим', code: 'PRD', employeeCount: 0 }),
      expect.objectContaining({ id: shop, parentId: production, headName: null, workspaceId: a.workspaceId }),
    ])
    expect(await auditOf(production)).toMatchObject([
      { action: 'CREATE', changes: { name: { from: null, to: 'Производство' }, head_id: { to: a.employeeId } } },
    ])
    // The other organization sees none of it.
    expect(await backend.dispatch('admin.departments.list', {}, as(b))).toEqual({ ok: true, value: [] })
  })

  it('renames and moves, and refuses a move into itself or its own sub-department', async () => {
    expect(await backend.dispatch('admin.departments.update', { departmentId: shop, name: 'Сборочный цех' }, as(a))).toEqual({
      ok: true,
      value: null,
    })
    expect((await auditOf(shop)).at(-1)).toMatchObject({ action: 'UPDATE', changes: { name: { to: 'Сборочный цех' } } })
    for (const parentId of [production, shop]) {
      const result = await backend.dispatch(
        'admin.departments.update',
        { departmentId: production, parentId },
        as(a, 'admin', 'ru'),
      )
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', issues: [{ path: ['parentId'], message: expect.stringContaining('«Производство»') }] },
      })
    }
    // Moving the child to the root, and back, is fine.
    expect(await backend.dispatch('admin.departments.update', { departmentId: shop, parentId: null }, as(a))).toMatchObject({
      ok: true,
    })
    expect(await backend.dispatch('admin.departments.update', { departmentId: shop, parentId: production }, as(a))).toMatchObject(
      {
        ok: true,
      },
    )
  })

  it('refuses a parent, head or workspace of another organization as not found, naming the field', async () => {
    const foreign = await created('admin.departments.create', { name: 'Чужой отдел' }, as(b))
    for (const [input, field] of [
      [{ parentId: foreign }, 'parentId'],
      [{ headId: b.employeeId }, 'headId'],
      [{ workspaceId: b.workspaceId }, 'workspaceId'],
    ] as const) {
      expect(await backend.dispatch('admin.departments.create', { name: 'Х', ...input }, as(a))).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', issues: [{ path: [field] }] },
      })
      expect(await backend.dispatch('admin.departments.update', { departmentId: shop, ...input }, as(a))).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', issues: [{ path: [field] }] },
      })
    }
    for (const method of ['admin.departments.update', 'admin.departments.delete'] as const) {
      expect(await backend.dispatch(method, { departmentId: shop }, as(b, 'owner'))).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', issues: [{ path: ['departmentId'] }] },
      })
    }
    expect(await rows('SELECT name, deleted_at FROM departments WHERE id = $1', [shop])).toEqual([
      { name: 'Сборочный цех', deleted_at: null },
    ])
  })

  it('refuses a code already used in the organization, and an empty name', async () => {
    expect(await backend.dispatch('admin.departments.create', { name: 'Ещё', code: 'PRD' }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['code'] }] },
    })
    expect(await backend.dispatch('admin.departments.create', { name: '  ' }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: ['name'] }] },
    })
  })

  it('refuses deleting a department with sub-departments or employees, then deletes an empty one', async () => {
    expect(await backend.dispatch('admin.departments.delete', { departmentId: production }, as(a, 'admin', 'kk'))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['departmentId'], message: expect.stringContaining('ішкі бөлімдер') }] },
    })
    await backend.dispatch('admin.employees.update', { employeeId: a.employeeId, departmentId: shop }, as(a))
    const staffed = (await backend.dispatch('admin.departments.list', {}, as(a))) as { value: Departments }
    expect(staffed.value.find((d) => d.id === shop)).toMatchObject({ employeeCount: 1 })
    expect(await backend.dispatch('admin.departments.delete', { departmentId: shop }, as(a))).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        issues: [{ path: ['departmentId'], message: expect.stringContaining('still has employees (1)') }],
      },
    })
    await backend.dispatch('admin.employees.update', { employeeId: a.employeeId, departmentId: null }, as(a))
    expect(await backend.dispatch('admin.departments.delete', { departmentId: shop }, as(a))).toEqual({ ok: true, value: null })
    expect((await auditOf(shop)).at(-1)).toMatchObject({ action: 'DELETE' })
    const list = (await backend.dispatch('admin.departments.list', {}, as(a))) as { value: Departments }
    expect(list.value.map((d) => d.id)).toEqual([production])
    // Its code is free again once it is gone.
    expect(await backend.dispatch('admin.departments.delete', { departmentId: production }, as(a))).toMatchObject({ ok: true })
    expect(await created('admin.departments.create', { name: 'Производство', code: 'PRD' })).toEqual(expect.any(String))
  })

  it('a manager may read the tree but not change it', async () => {
    expect(await backend.dispatch('admin.departments.list', {}, as(a, 'manager'))).toMatchObject({ ok: true })
    expect(await backend.dispatch('admin.departments.create', { name: 'Х' }, as(a, 'manager'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})

describe('workspaces', () => {
  let depot: string

  it('creates a workspace, audited, and lists the organization’s own with counts', async () => {
    const result = await backend.dispatch('admin.workspaces.create', { name: 'Склад Шымкент', description: 'Южный склад' }, as(a))
    expect(result).toMatchObject({ ok: true })
    depot = (result as { value: { workspaceId: string } }).value.workspaceId
    expect(await auditOf(depot)).toMatchObject([
      { action: 'CREATE', changes: { name: { to: 'Склад Шымкент' }, type: { to: 'branch' } } },
    ])
    const list = await backend.dispatch('admin.workspaces.list', {}, as(a, 'employee', 'ru'))
    expect(list).toMatchObject({
      ok: true,
      value: [
        { name: 'Алматы', isTerminalWorkspace: true, employeeCount: 1 },
        { name: 'Астана', isTerminalWorkspace: false },
        { id: depot, name: 'Склад Шымкент', status: 'active', employeeCount: 0 },
      ],
    })
    const other = (await backend.dispatch('admin.workspaces.list', {}, as(b))) as { value: { id: string }[] }
    expect(other.value.map((w) => w.id).sort()).toEqual([b.workspaceId, b.workspace2Id].sort())
  })

  it('refuses a duplicate name and a bad type, naming the field', async () => {
    expect(await backend.dispatch('admin.workspaces.create', { name: 'склад шымкент' }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['name'] }] },
    })
    expect(await backend.dispatch('admin.workspaces.create', { name: 'Х', type: 'warehouse' }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: ['type'] }] },
    })
  })

  it('archives an empty workspace, but not the terminal’s own nor one with active employees', async () => {
    expect(
      await backend.dispatch('admin.workspaces.update', { workspaceId: a.workspaceId, status: 'archived' }, as(a)),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['status'] }] },
    })
    await backend.dispatch('admin.employees.update', { employeeId: a.employeeId, workspaceId: depot }, as(a))
    expect(await backend.dispatch('admin.workspaces.update', { workspaceId: depot, status: 'inactive' }, as(a))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['status'], message: expect.stringContaining('active employees (1)') }] },
    })
    await backend.dispatch('admin.employees.update', { employeeId: a.employeeId, workspaceId: a.workspaceId }, as(a))
    expect(
      await backend.dispatch(
        'admin.workspaces.update',
        { workspaceId: depot, status: 'archived', name: 'Склад Шымкент (старый)' },
        as(a),
      ),
    ).toEqual({ ok: true, value: null })
    expect((await auditOf(depot)).at(-1)).toMatchObject({
      action: 'UPDATE',
      changes: { status: { from: 'active', to: 'archived' } },
    })
    // Nobody is placed in an archived workspace.
    expect(
      await backend.dispatch('admin.employees.update', { employeeId: a.employeeId, workspaceId: depot }, as(a)),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: ['workspaceId'] }] },
    })
  })

  it('does not reach a workspace of another organization', async () => {
    expect(
      await backend.dispatch('admin.workspaces.update', { workspaceId: depot, name: 'Захват' }, as(b, 'owner')),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', issues: [{ path: ['workspaceId'] }] },
    })
  })
})
