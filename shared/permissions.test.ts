import { describe, expect, it } from 'vitest'
import { effectivePermissions, isPermission, organizationRoles, permissionCatalog, roleDefaults } from './permissions'

describe('permission catalog', () => {
  it('role defaults only name permissions of the catalog, and widen with the role', () => {
    for (const role of organizationRoles) for (const p of roleDefaults[role]) expect(isPermission(p)).toBe(true)
    const size = (r: (typeof organizationRoles)[number]) => roleDefaults[r].length
    expect(size('employee')).toBeLessThan(size('manager'))
    expect(size('manager')).toBeLessThan(size('admin'))
    expect(size('owner')).toBe(Object.keys(permissionCatalog).length)
  })

  it('adds an employee’s own permissions and ignores unknown names', () => {
    const p = effectivePermissions('employee', ['bom.approve', 'root.everything', '__proto__'])
    expect(p.has('bom.approve')).toBe(true)
    expect(p.has('inventory.post')).toBe(true)
    expect(p.has('users.manage')).toBe(false)
    expect([...p].some((x) => !isPermission(x))).toBe(false)
  })
})
