import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MethodName, methods } from '../../shared/contract'
import { effectivePermissions, isPermission, organizationRoles } from '../../shared/permissions'
import { pgliteConnection } from '../../db/connection'
import { type Tenant, createTenant } from '../../db/test/fixtures'
import { type CallContext, newConnection } from './call-context'
import { sessionOf } from './test-support'
import { type Backend, startBackend } from './start-backend'

// Every handler, called as each role: the backend itself allows or refuses with FORBIDDEN,
// whatever the UI shows. Inputs are empty on purpose: authorization comes before parsing, so
// an allowed call fails on validation at worst, never on permission. The tenant is real, so an
// allowed call that does run (sign-out writes an audit row) does not fail on a missing row.
let backend: Backend
let tenant: Tenant
beforeAll(async () => {
  backend = await startBackend()
  tenant = await createTenant(pgliteConnection(backend.db))
})
afterAll(async () => backend.close())

const names = Object.keys(methods) as MethodName[]

function asRole(role: (typeof organizationRoles)[number]): CallContext {
  return { connection: { ...newConnection(), session: sessionOf(tenant, role) }, origin: 'test' }
}

describe('permission matrix', () => {
  for (const role of organizationRoles) {
    it.each(names)(`%s as ${role}`, async (method) => {
      const access = methods[method].access
      const allowed = access === 'public' || access === 'session' || effectivePermissions(role).has(access as never)
      const result = await backend.dispatch(method, {}, asRole(role))
      // Allowed: at worst a validation or not-found answer, never a refusal or a crash.
      if (allowed) expect(result.ok ? null : result.error.code).not.toBeOneOf(['FORBIDDEN', 'INTERNAL'])
      else expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  }

  it('every method declares public, session or a permission of the catalog (a typo would lock everyone out)', () => {
    const wrong = names.filter((m) => {
      const access: string = methods[m].access
      return access !== 'public' && access !== 'session' && !isPermission(access)
    })
    expect(wrong).toEqual([])
  })

  it('covers the administration and settings methods with the permissions they need', () => {
    const declared = Object.fromEntries(names.map((m) => [m, methods[m].access]))
    expect(declared).toMatchObject({
      'admin.users.create': 'users.manage',
      'admin.users.update': 'users.manage',
      'admin.users.setStatus': 'users.manage',
      'admin.employees.update': 'employees.manage',
      'admin.departments.create': 'org.manage',
      'admin.departments.update': 'org.manage',
      'admin.departments.delete': 'org.manage',
      'admin.workspaces.create': 'org.manage',
      'admin.workspaces.update': 'org.manage',
      'settings.get': 'settings.manage',
      'settings.security.update': 'settings.manage',
      'settings.smtp.update': 'settings.manage',
      'settings.smtp.clear': 'settings.manage',
      'settings.smtp.test': 'settings.manage',
      'users.emailResetCode': 'users.manage',
    })
  })

  it.each(names.filter((m) => methods[m].access !== 'public'))('%s without a session is UNAUTHENTICATED', async (method) => {
    const result = await backend.dispatch(method, {}, { connection: newConnection(), origin: 'test' })
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})
