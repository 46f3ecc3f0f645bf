import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { pgConnection } from '../../db/connection'
import { CENTRAL_TEMPLATE, type CentralServer } from '../../db/test/central-server'
import { type Tenant, createTenant } from '../../db/test/fixtures'

/** A head-office database for one end-to-end test: a tenant with a person and a terminal's code. */
export interface E2eCentral {
  syncUrl: string
  tenant: Tenant
  email: string
  password: string
  code: string
  client: pg.Client
  close(): Promise<void>
}

/** Clones the migrated template, adds a company, a person with a bcrypt password and a terminal. */
export async function createE2eCentral(): Promise<E2eCentral> {
  const server = JSON.parse(process.env.PROMETRIC_E2E_CENTRAL ?? 'null') as CentralServer | null
  if (!server) throw new Error('the end-to-end global setup did not start head office')
  const database = `e2e_${randomUUID().replaceAll('-', '')}`
  const base = { host: server.host, port: server.port, user: server.user, password: server.password }
  const admin = new pg.Client({ ...base, database: 'postgres' })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${database} TEMPLATE ${CENTRAL_TEMPLATE}`)
  await admin.end()
  const client = new pg.Client({ ...base, database })
  await client.connect()
  const conn = pgConnection(client)
  const tenant = await createTenant(conn, 'ТОО Головной офис')
  const email = 'kassir@example.kz'
  const password = 'Shymkent-2026'
  await client.query(
    `UPDATE users SET email = $2, password_hash = crypt($3, gen_salt('bf', 6)), status = 'active', organization_role = 'owner',
       first_name = 'Айгерим', last_name = 'Сапарова' WHERE id = $1`,
    [tenant.userId, email, password],
  )
  // Someone of another organization at head office: their email is taken company-wide.
  const other = await createTenant(conn, 'ТОО Соседи')
  await client.query(`UPDATE users SET email = 'taken@example.kz' WHERE id = $1`, [other.userId])
  const { rows } = await client.query<{ enrollment_code: string }>(
    `SELECT enrollment_code FROM sync_create_terminal($1, $2, 'Склад 1', $3)`,
    [tenant.organizationId, tenant.workspaceId, `E${Math.floor(Math.random() * 1e6)}`],
  )
  return {
    syncUrl: `postgres://${server.syncUser}:${server.syncPassword}@${server.host}:${server.port}/${database}`,
    tenant,
    email,
    password,
    code: rows[0]!.enrollment_code,
    client,
    async close() {
      await client.end()
      const cleanup = new pg.Client({ ...base, database: 'postgres' })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await cleanup.end()
    },
  }
}
