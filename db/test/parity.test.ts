/**
 * Schema parity: the migrations give PGlite (PostgreSQL 18) and PostgreSQL 14 the same tables,
 * columns, constraints, indexes, views, functions and triggers, apart from the central-only
 * parts (0012: roles, grants, RLS policies and the app_current_* helpers it defines).
 *
 * Normalisations (harmless textual differences between the engines' catalogs):
 *  - NOT NULL constraints: PostgreSQL 18 also lists them in pg_constraint (contype 'n',
 *    named <table>_<column>_not_null); PostgreSQL 14 keeps them only in pg_attribute.
 *    Nullability is compared through information_schema.columns.is_nullable instead.
 *  - Whitespace runs in deparsed SQL (view definitions) are collapsed to one space.
 *  - PostgreSQL 16+ deparses the columns of a single-relation view without their relation
 *    qualifier ("stage" instead of "d.stage"); qualifiers are stripped from view definitions
 *    on both sides before comparing.
 * Owners, privileges and row-level security flags are not compared (central-only by design).
 */
import { migrate } from '../migrator'
import { migrations } from '../migrations'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SqlConnection } from '../connection'
import { openCentral, openPglite, type TestDatabase } from './engines'

const CENTRAL_ONLY_FUNCTIONS = ['app_current_org', 'app_current_workspace', 'app_current_user', 'prometric_central_maintenance']

/** The sync API of 0017 (central only): its sync_* tables, functions and the changelog triggers. */
const BOTH_SYNC_OBJECTS = new Set(['sync_scope', 'sync_scope_refresh', 'sync_scope_pkey', 'sync_scope_apply_order_key'])
function isCentralSync(row: Record<string, unknown>): boolean {
  const names = [row.name, row.table_name].map(String)
  if (row.name === 'zz_sync_changelog') return true
  return names.some((n) => /^(public\.)?sync_/.test(n) && !BOTH_SYNC_OBJECTS.has(n.replace(/^public\./, '')))
}

const queries = {
  relations: `
    SELECT c.relname AS name, c.relkind::text AS kind, c.relispartition AS is_partition,
           pg_get_expr(c.relpartbound, c.oid) AS partition_bound,
           CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
     ORDER BY 1`,
  columns: `
    SELECT table_name, column_name, ordinal_position::int AS position, data_type, udt_name,
           character_maximum_length::int AS max_length, numeric_precision::int AS precision,
           numeric_scale::int AS scale, is_nullable, column_default, is_generated, generation_expression
      FROM information_schema.columns
     WHERE table_schema = 'public'
     ORDER BY table_name, ordinal_position`,
  constraints: `
    SELECT c.conrelid::regclass::text AS table_name, c.conname AS name, c.contype::text AS type,
           pg_get_constraintdef(c.oid) AS definition, c.condeferrable AS deferrable, c.condeferred AS deferred
      FROM pg_constraint c
     WHERE c.connamespace = 'public'::regnamespace AND c.contype <> 'n'
     ORDER BY 1, 2`,
  indexes: `
    SELECT tablename AS table_name, indexname AS name, indexdef AS definition
      FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`,
  views: `
    SELECT viewname AS name, regexp_replace(definition, '\\s+', ' ', 'g') AS definition
      FROM pg_views WHERE schemaname = 'public'
    UNION ALL
    SELECT matviewname, regexp_replace(definition, '\\s+', ' ', 'g')
      FROM pg_matviews WHERE schemaname = 'public'
     ORDER BY 1`,
  functions: `
    SELECT p.proname AS name, pg_get_function_identity_arguments(p.oid) AS arguments,
           pg_get_function_result(p.oid) AS result, p.prosecdef AS security_definer,
           p.provolatile::text AS volatility, p.proconfig AS config, l.lanname AS language, p.prosrc AS body
      FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
     WHERE p.pronamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
     ORDER BY 1, 2`,
  triggers: `
    SELECT t.tgrelid::regclass::text AS table_name, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
     ORDER BY 1, 2`,
  extensions: `SELECT extname AS name FROM pg_extension ORDER BY 1`,
} as const

type Snapshot = Record<keyof typeof queries, Record<string, unknown>[]>

async function snapshot(conn: SqlConnection): Promise<Snapshot> {
  const result = {} as Snapshot
  for (const [key, sql] of Object.entries(queries) as [keyof typeof queries, string][]) {
    result[key] = (await conn.query<Record<string, unknown>>(sql)).rows
  }
  result.functions = result.functions.filter((f) => !CENTRAL_ONLY_FUNCTIONS.includes(f.name as string))
  for (const key of Object.keys(result) as (keyof typeof queries)[]) result[key] = result[key].filter((r) => !isCentralSync(r))
  result.views = result.views.map((v) => ({
    ...v,
    definition: String(v.definition).replace(/\b[a-z_][a-z0-9_]*\.(?=[a-z_"])/g, ''),
  }))
  return result
}

describe('schema parity between PGlite and PostgreSQL 14', () => {
  let local: TestDatabase
  let central: TestDatabase
  let a: Snapshot
  let b: Snapshot
  beforeAll(async () => {
    // Terminal-only migrations are not part of the comparison (central has no such tables).
    ;[local, central] = await Promise.all([openPglite({ migrated: false }), openCentral()])
    await migrate(local.conn, { target: 'local', migrations: migrations.filter((m) => m.target !== 'local') })
    ;[a, b] = await Promise.all([snapshot(local.conn), snapshot(central.conn)])
  })
  afterAll(async () => {
    await Promise.all([local?.close(), central?.close()])
  })

  it.each(Object.keys(queries) as (keyof typeof queries)[])('same %s', (key) => {
    expect(a[key].length).toBeGreaterThan(0)
    expect(a[key]).toEqual(b[key])
  })

  it('has every seed table, suppliers, projects and the additions', () => {
    const tables = new Set(a.relations.filter((r) => r.kind === 'r' || r.kind === 'p').map((r) => r.name))
    const seed = [
      'users',
      'organizations',
      'workspaces',
      'employees',
      'departments',
      'products',
      'product_categories',
      'customers',
      'customer_contacts',
      'customer_addresses',
      'deals',
      'deal_products',
      'deal_activities',
      'orders',
      'order_items',
      'production_orders',
      'bills_of_materials',
      'bom_components',
      'invoices',
      'invoice_items',
      'payments',
      'tasks',
      'time_entries',
      'audit_logs',
      'system_logs',
      'email_verifications',
      'app_settings',
    ]
    expect(seed).toHaveLength(27)
    const added = [
      'suppliers',
      'projects',
      'inventory_movements',
      'stock_balances',
      'stock_lots',
      'tax_rates',
      'payment_allocations',
      'document_series',
      'daily_sales',
      'schema_migrations',
    ]
    for (const t of [...seed, ...added]) expect(tables.has(t), t).toBe(true)
    const views = a.views.map((v) => v.name)
    expect(views).toEqual(['customer_summary', 'daily_sales_summary', 'inventory_status', 'sales_pipeline'])
  })

  it('makes foreign keys between synced tables deferrable', () => {
    const fks = a.constraints.filter((c) => c.type === 'f')
    expect(fks.length).toBeGreaterThan(100)
    expect(fks.filter((c) => !c.deferrable).map((c) => `${c.table_name}.${c.name}`)).toEqual([])
    const cascades = fks
      .filter((c) => String(c.definition).includes('ON DELETE CASCADE'))
      .map((c) => c.table_name)
      .sort()
    expect(cascades).toEqual([
      'bom_components',
      'deal_activities',
      'deal_products',
      'invoice_items',
      'order_items',
      'payment_allocations',
    ])
  })

  it('pins search_path on every security-definer function', () => {
    const definers = a.functions.filter((f) => f.security_definer)
    expect(definers.map((f) => f.name).sort()).toEqual([
      'customer_derived_values',
      'decrypt_sensitive_data',
      'encrypt_sensitive_data',
      'ensure_audit_partitions',
      'product_stock_totals',
    ])
    for (const f of definers) expect(f.config, String(f.name)).toEqual(['search_path=pg_catalog, public, pg_temp'])
  })
})
