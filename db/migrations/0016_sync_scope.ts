import type { MigrationSource } from '../migrator'

/**
 * The scope map in SQL (a copy of db/sync/scope.ts, kept equal by a test): which tables travel,
 * how they are scoped to a tenant, in which order they are applied, and the columns that travel.
 * Capture on the terminal and the changelog on central read it; `sync_scope_refresh()` recomputes
 * the column lists from the catalog and must run at the end of every migration that changes a
 * synced table.
 */
export default {
  name: '0016_sync_scope',
  target: 'both',
  sql: /* sql */ `
CREATE TABLE sync_scope (
  table_name      TEXT PRIMARY KEY,
  apply_order     INTEGER NOT NULL UNIQUE,
  scope           TEXT NOT NULL CHECK (scope IN ('organization_row', 'organization', 'workspace',
                    'organization_child', 'workspace_child', 'users', 'settings', 'log')),
  direction       TEXT NOT NULL CHECK (direction IN ('both', 'push')),
  parent_table    TEXT,
  parent_column   TEXT,
  ledger          BOOLEAN NOT NULL DEFAULT false,
  derived         TEXT[] NOT NULL DEFAULT '{}',
  push_only       TEXT[] NOT NULL DEFAULT '{}',
  -- Filled by sync_scope_refresh(): the columns that travel both ways, and the key.
  columns         TEXT[] NOT NULL DEFAULT '{}',
  key_columns     TEXT[] NOT NULL DEFAULT '{}',
  CHECK ((scope IN ('organization_child', 'workspace_child')) = (parent_table IS NOT NULL AND parent_column IS NOT NULL))
);

INSERT INTO sync_scope (table_name, apply_order, scope, direction, parent_table, parent_column, ledger, derived, push_only) VALUES
  ('organizations',        1, 'organization_row',   'both', NULL, NULL, false, '{}', '{}'),
  ('workspaces',           2, 'organization',       'both', NULL, NULL, false, '{}', '{}'),
  ('users',                3, 'users',              'both', NULL, NULL, false, '{last_login_at,last_ip,user_agent,session_id}', '{password_hash}'),
  ('departments',          4, 'organization',       'both', NULL, NULL, false, '{}', '{}'),
  ('employees',            5, 'organization',       'both', NULL, NULL, false, '{}', '{}'),
  ('app_settings',         6, 'settings',           'both', NULL, NULL, false, '{}', '{}'),
  ('document_series',      7, 'organization',       'both', NULL, NULL, false, '{}', '{}'),
  ('product_categories',   8, 'organization',       'both', NULL, NULL, false, '{}', '{}'),
  ('suppliers',            9, 'organization',       'both', NULL, NULL, false, '{}', '{}'),
  ('customers',           10, 'organization',       'both', NULL, NULL, false, '{order_count,lifetime_value,last_order_date,deal_count,balance}', '{}'),
  ('customer_contacts',   11, 'organization_child', 'both', 'customers', 'customer_id', false, '{}', '{}'),
  ('customer_addresses',  12, 'organization_child', 'both', 'customers', 'customer_id', false, '{}', '{}'),
  ('products',            13, 'organization',       'both', NULL, NULL, false, '{stock_level,reserved_quantity}', '{}'),
  ('stock_lots',          14, 'organization',       'both', NULL, NULL, false, '{}', '{}'),
  ('bills_of_materials',  15, 'organization',       'both', NULL, NULL, false, '{}', '{}'),
  ('bom_components',      16, 'organization_child', 'both', 'bills_of_materials', 'bom_id', false, '{}', '{}'),
  ('projects',            17, 'workspace',          'both', NULL, NULL, false, '{}', '{}'),
  ('deals',               18, 'workspace',          'both', NULL, NULL, false, '{}', '{}'),
  ('deal_products',       19, 'workspace_child',    'both', 'deals', 'deal_id', false, '{tax_amount}', '{}'),
  ('deal_activities',     20, 'workspace_child',    'both', 'deals', 'deal_id', false, '{}', '{}'),
  ('orders',              21, 'workspace',          'both', NULL, NULL, false, '{subtotal,tax_amount,paid_amount}', '{}'),
  ('order_items',         22, 'workspace_child',    'both', 'orders', 'order_id', false, '{tax_amount,quantity_shipped,quantity_returned}', '{}'),
  ('production_orders',   23, 'workspace',          'both', NULL, NULL, false, '{quantity_produced}', '{}'),
  ('invoices',            24, 'workspace',          'both', NULL, NULL, false, '{subtotal,tax_amount,paid_amount}', '{}'),
  ('invoice_items',       25, 'workspace_child',    'both', 'invoices', 'invoice_id', false, '{tax_amount}', '{}'),
  ('payments',            26, 'workspace',          'both', NULL, NULL, false, '{}', '{}'),
  ('payment_allocations', 27, 'workspace',          'both', NULL, NULL, false, '{}', '{}'),
  ('inventory_movements', 28, 'workspace',          'both', NULL, NULL, true,  '{}', '{}'),
  ('tasks',               29, 'workspace',          'both', NULL, NULL, false, '{}', '{}'),
  ('time_entries',        30, 'workspace',          'both', NULL, NULL, false, '{}', '{}'),
  ('audit_logs',          31, 'log',                'push', NULL, NULL, true,  '{}', '{}'),
  ('system_logs',         32, 'log',                'push', NULL, NULL, true,  '{}', '{}');

-- Recomputes the travelling columns of every synced table from the catalog: every stored,
-- non-generated column, minus the derived and push-only ones, in column order.
CREATE FUNCTION sync_scope_refresh() RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  UPDATE sync_scope s SET
    columns = (
      SELECT coalesce(array_agg(a.attname::text ORDER BY a.attnum), '{}')
      FROM pg_attribute a
      WHERE a.attrelid = format('public.%I', s.table_name)::regclass
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        AND a.attname::text <> ALL (s.derived) AND a.attname::text <> ALL (s.push_only)),
    key_columns = (
      SELECT coalesce(array_agg(a.attname::text ORDER BY k.ord), '{}')
      FROM pg_index i
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = format('public.%I', s.table_name)::regclass AND i.indisprimary);
  -- A declared derived or push-only column that does not exist is a mistake in the map.
  PERFORM 1 FROM sync_scope s, unnest(s.derived || s.push_only) AS c(name)
  WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = format('public.%I', s.table_name)::regclass AND a.attname = c.name);
  IF FOUND THEN
    RAISE EXCEPTION 'sync_scope names a column that does not exist';
  END IF;
END;
$$;

SELECT sync_scope_refresh();
`,
} satisfies MigrationSource
