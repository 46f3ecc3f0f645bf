import { afterEach, describe, expect, it } from 'vitest'
import { openCentral, openPglite, type TestDatabase } from './engines'
import { createTenant, insert, one, type Tenant } from './fixtures'
import { runMigrationScenario } from './migration-pattern'

// 0021 changes a check and a function of 0011 that numbered documents already use: existing
// series keep counting, the new STOCK_COUNT series numbers counts, and the new tables travel
// (capture on the terminal, changelog and row-level security on central).
const variants = [
  { name: 'pglite', target: 'local', open: () => openPglite({ migrated: false }), trigger: 'zz_sync_capture' },
  { name: 'pg14', target: 'central', open: () => openCentral({ migrated: false }), trigger: 'zz_sync_changelog' },
] as const

describe.each(variants)('0021 on $name', ({ target, open, trigger }) => {
  let db: TestDatabase
  afterEach(async () => db?.close())

  it('keeps existing series counting, numbers stock counts, and installs sync on the new tables', async () => {
    db = await open()
    await runMigrationScenario<{ tenant: Tenant }>(db.conn, {
      target,
      version: 21,
      async before(c) {
        const tenant = await createTenant(c)
        await insert(c, 'document_series', {
          organization_id: tenant.organizationId,
          workspace_id: tenant.workspaceId,
          document_type: 'ORDER',
          prefix: 'T07',
          next_number: 5,
        })
        return { tenant }
      },
      async after(c, { tenant }) {
        const next = (type: string) =>
          one<{ n: string }>(c, 'SELECT next_document_number($1, $2, $3) AS n', [tenant.organizationId, type, 'T07'])
        expect((await next('ORDER')).n).toBe('T07-ORD-000005')
        await insert(c, 'document_series', {
          organization_id: tenant.organizationId,
          workspace_id: tenant.workspaceId,
          document_type: 'STOCK_COUNT',
          prefix: 'T07',
        })
        expect((await next('STOCK_COUNT')).n).toBe('T07-CNT-000001')
        const tables = ['stock_counts', 'stock_count_lines', 'stock_transfers', 'stock_transfer_lines']
        const scope = await c.query<{ table_name: string; scope: string; has_columns: boolean }>(
          `SELECT table_name, scope, cardinality(columns) > 0 AS has_columns FROM sync_scope
           WHERE table_name = ANY($1) ORDER BY apply_order`,
          [tables],
        )
        expect(scope.rows).toEqual([
          { table_name: 'stock_counts', scope: 'workspace', has_columns: true },
          { table_name: 'stock_count_lines', scope: 'workspace_child', has_columns: true },
          { table_name: 'stock_transfers', scope: 'organization', has_columns: true },
          { table_name: 'stock_transfer_lines', scope: 'organization_child', has_columns: true },
        ])
        const triggers = await c.query<{ table: string }>(
          `SELECT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
           WHERE t.tgname = $1 AND c.relname = ANY($2) ORDER BY c.relname`,
          [trigger, tables],
        )
        expect(triggers.rows.map((r) => r.table)).toEqual([...tables].sort())
        const rls = await c.query<{ relname: string; relrowsecurity: boolean }>(
          'SELECT relname, relrowsecurity FROM pg_class WHERE relname = ANY($1) ORDER BY relname',
          [tables],
        )
        expect(rls.rows.every((r) => r.relrowsecurity === (target === 'central'))).toBe(true)
      },
    })
  })
})
