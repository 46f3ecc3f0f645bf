import type { PGlite } from '@electric-sql/pglite'
import { openLocalDatabase, pgliteConnection } from '../../db/connection'
import { migrate } from '../../db/migrator'
import { type Tenant, createTenant } from '../../db/test/fixtures'
import type { Session } from './call-context'
import { type Orm, createOrm } from './data/orm'
import type { OrganizationRole } from '../../shared/permissions'
import { effectivePermissions } from '../../shared/permissions'

/** An in-memory terminal database, migrated, with one tenant (organization, workspaces, a user). */
export async function migratedTerminal(): Promise<{ db: PGlite; orm: Orm; tenant: Tenant }> {
  const db = await openLocalDatabase()
  await migrate(pgliteConnection(db), { target: 'local' })
  await db.query('SELECT ensure_audit_partitions(1)')
  const tenant = await createTenant(pgliteConnection(db))
  return { db, orm: createOrm(db), tenant }
}

/** A signed-in session of the tenant's user, with the role's default permissions. */
export function sessionOf(tenant: Tenant, role: OrganizationRole = 'employee', email = `${role}@example.kz`): Session {
  return {
    sessionId: `test-${role}`,
    userId: tenant.userId,
    email,
    organizationId: tenant.organizationId,
    workspaceId: tenant.workspaceId,
    role,
    permissions: effectivePermissions(role),
  }
}
