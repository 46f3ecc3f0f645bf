import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MethodName, methods } from '../../shared/contract'
import { effectivePermissions, organizationRoles } from '../../shared/permissions'
import { type CallContext, newConnection } from './call-context'
import { sessionOf } from './test-support'
import { type Backend, startBackend } from './start-backend'

// Every handler, called as each role: the backend itself allows or refuses with FORBIDDEN,
// whatever the UI shows. Inputs are empty on purpose: authorization comes before parsing, so
// an allowed call fails on validation at worst, never on permission.
let backend: Backend
beforeAll(async () => {
  backend = await startBackend()
})
afterAll(async () => backend.close())

const names = Object.keys(methods) as MethodName[]

const tenant = {
  userId: '00000000-0000-0000-0000-000000000001',
  organizationId: '00000000-0000-0000-0000-000000000002',
  workspaceId: '00000000-0000-0000-0000-000000000003',
  workspace2Id: '00000000-0000-0000-0000-000000000004',
  employeeId: '00000000-0000-0000-0000-000000000005',
}

function asRole(role: (typeof organizationRoles)[number]): CallContext {
  return { connection: { ...newConnection(), session: sessionOf(tenant, role) }, origin: 'test' }
}

describe('permission matrix', () => {
  for (const role of organizationRoles) {
    it.each(names)(`%s as ${role}`, async (method) => {
      const access = methods[method].access
      const allowed = access === 'public' || access === 'session' || effectivePermissions(role).has(access as never)
      const result = await backend.dispatch(method, {}, asRole(role))
      if (allowed) expect(result.ok ? null : result.error.code).not.toBe('FORBIDDEN')
      else expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  }

  it.each(names.filter((m) => methods[m].access !== 'public'))('%s without a session is UNAUTHENTICATED', async (method) => {
    const result = await backend.dispatch(method, {}, { connection: newConnection(), origin: 'test' })
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})
