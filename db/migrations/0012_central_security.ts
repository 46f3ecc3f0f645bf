import type { MigrationSource } from '../migrator'

/**
 * Central only: roles, privileges and row-level security.
 *
 * Session settings (set by the API layer per transaction with set_config(..., true)):
 *   app.organization_id, app.workspace_id, app.user_id
 * A missing or empty setting matches nothing, so a session that forgot them sees no rows.
 *
 * Roles (NOLOGIN, created idempotently: roles are cluster-wide):
 *   prometric_app         granted to application login roles; DML on business tables
 *   prometric_views       owns the views, so that the base tables' RLS applies inside them
 *                         (PostgreSQL 14 has no security_invoker; a view runs with its owner's
 *                         rights, and the migrating role may bypass RLS)
 *   prometric_maintainer  owns the two SECURITY DEFINER functions that compute organization-wide
 *                         derived values (stock totals, customer counters) and may read every
 *                         row of the tables they aggregate
 */
export default {
  name: '0012_central_security',
  target: 'central',
  sql: /* sql */ `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'prometric_app') THEN
    CREATE ROLE prometric_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'prometric_views') THEN
    CREATE ROLE prometric_views NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'prometric_maintainer') THEN
    CREATE ROLE prometric_maintainer NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  -- Changing an object's owner requires membership of the new owner (RDS: the master user is
  -- not a superuser).
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT prometric_views, prometric_maintainer TO %I', current_user);
  END IF;
END;
$$;

------------------------------------------------------------------------------------------
-- Public privileges: nobody gets anything by default
------------------------------------------------------------------------------------------

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO prometric_app, prometric_views, prometric_maintainer;
-- the new owner of a view or function must be able to create in its schema
GRANT CREATE ON SCHEMA public TO prometric_views, prometric_maintainer;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

DO $$
BEGIN
  -- temporary tables could shadow objects for functions without a pinned search_path
  EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO prometric_app', current_database());
END;
$$;

------------------------------------------------------------------------------------------
-- Application privileges
------------------------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO prometric_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO prometric_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO prometric_app;

REVOKE ALL ON schema_migrations FROM prometric_app;
-- all tenants in one relation, and a materialized view cannot carry RLS: daily_sales instead
REVOKE ALL ON daily_sales_summary FROM prometric_app;
-- reference data, maintained by migrations
REVOKE INSERT, UPDATE, DELETE ON tax_rates FROM prometric_app;
-- append-only ledgers (the trigger refuses too)
REVOKE UPDATE, DELETE ON inventory_movements FROM prometric_app;
REVOKE UPDATE, DELETE ON audit_logs FROM prometric_app;
-- views are read-only
REVOKE INSERT, UPDATE, DELETE ON customer_summary, sales_pipeline, inventory_status FROM prometric_app;

-- Partitions only through the parent: RLS policies of a partitioned table do not apply when a
-- partition is queried directly. (ensure_audit_partitions creates new ones without grants.)
DO $$
DECLARE
  part regclass;
BEGIN
  FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'audit_logs'::regclass LOOP
    EXECUTE format('REVOKE ALL ON %s FROM prometric_app', part);
  END LOOP;
END;
$$;

------------------------------------------------------------------------------------------
-- Session tenant
------------------------------------------------------------------------------------------

-- NULL when the setting is missing or empty, so policies compare to NULL and match nothing.
-- Plain SQL, no SET clause: inlined by the planner and evaluated once per query.
CREATE FUNCTION app_current_org() RETURNS uuid
LANGUAGE sql STABLE
AS $$ SELECT NULLIF(pg_catalog.current_setting('app.organization_id', true), '')::uuid $$;

CREATE FUNCTION app_current_workspace() RETURNS uuid
LANGUAGE sql STABLE
AS $$ SELECT NULLIF(pg_catalog.current_setting('app.workspace_id', true), '')::uuid $$;

CREATE FUNCTION app_current_user() RETURNS uuid
LANGUAGE sql STABLE
AS $$ SELECT NULLIF(pg_catalog.current_setting('app.user_id', true), '')::uuid $$;

REVOKE ALL ON FUNCTION app_current_org(), app_current_workspace(), app_current_user() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_current_org(), app_current_workspace(), app_current_user()
  TO prometric_app, prometric_views, prometric_maintainer;

------------------------------------------------------------------------------------------
-- Row-level security. FORCE so that the tables' owner is filtered too.
------------------------------------------------------------------------------------------

-- The seed's tables and policies (settings renamed: see db/README.md).
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
ALTER TABLE employees ENABLE ROW LEVEL SECURITY;
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE products ENABLE ROW LEVEL SECURITY;
ALTER TABLE deals ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;

CREATE POLICY organization_isolation ON customers
FOR ALL USING (organization_id = app_current_org())
WITH CHECK (organization_id = app_current_org());

CREATE POLICY organization_isolation ON products
FOR ALL USING (organization_id = app_current_org())
WITH CHECK (organization_id = app_current_org());

CREATE POLICY workspace_isolation ON deals
FOR ALL USING (organization_id = app_current_org() AND workspace_id = app_current_workspace())
WITH CHECK (organization_id = app_current_org() AND workspace_id = app_current_workspace());

-- The seed enabled RLS on these without a policy (which denies everything to non-owners).
CREATE POLICY organization_isolation ON organizations
FOR ALL USING (id = app_current_org())
WITH CHECK (id = app_current_org());

CREATE POLICY organization_isolation ON workspaces
FOR ALL USING (organization_id = app_current_org())
WITH CHECK (organization_id = app_current_org());

CREATE POLICY organization_isolation ON employees
FOR ALL USING (organization_id = app_current_org())
WITH CHECK (organization_id = app_current_org());

CREATE POLICY workspace_isolation ON orders
FOR ALL USING (organization_id = app_current_org() AND workspace_id = app_current_workspace())
WITH CHECK (organization_id = app_current_org() AND workspace_id = app_current_workspace());

-- Organization-wide master data.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['departments', 'product_categories', 'suppliers', 'stock_lots',
                           'bills_of_materials', 'document_series', 'audit_logs', 'system_logs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY organization_isolation ON %I FOR ALL '
                   'USING (organization_id = app_current_org()) '
                   'WITH CHECK (organization_id = app_current_org())', t);
  END LOOP;
END;
$$;

-- Per-workspace documents, ledgers and derived tables.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['production_orders', 'invoices', 'payments', 'payment_allocations',
                           'inventory_movements', 'stock_balances', 'daily_sales',
                           'projects', 'tasks', 'time_entries'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY workspace_isolation ON %I FOR ALL '
                   'USING (organization_id = app_current_org() AND workspace_id = app_current_workspace()) '
                   'WITH CHECK (organization_id = app_current_org() AND workspace_id = app_current_workspace())', t);
  END LOOP;
END;
$$;

-- Child tables, scoped through their parent. The parent's tenant is checked explicitly rather
-- than relying on the parent's own policy, so the rule holds even for a role that could see
-- the parent.
DO $$
DECLARE
  spec text[];
BEGIN
  FOREACH spec SLICE 1 IN ARRAY ARRAY[
    -- child, foreign key, parent, scope
    ARRAY['customer_contacts',  'customer_id', 'customers',          'organization'],
    ARRAY['customer_addresses', 'customer_id', 'customers',          'organization'],
    ARRAY['deal_products',      'deal_id',     'deals',              'workspace'],
    ARRAY['deal_activities',    'deal_id',     'deals',              'workspace'],
    ARRAY['order_items',        'order_id',    'orders',             'workspace'],
    ARRAY['bom_components',     'bom_id',      'bills_of_materials', 'organization'],
    ARRAY['invoice_items',      'invoice_id',  'invoices',           'workspace']
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', spec[1]);
    EXECUTE format(
      'CREATE POLICY parent_isolation ON %1$I FOR ALL '
      'USING (EXISTS (SELECT 1 FROM %3$I p WHERE p.id = %1$I.%2$I AND p.organization_id = app_current_org()%4$s)) '
      'WITH CHECK (EXISTS (SELECT 1 FROM %3$I p WHERE p.id = %1$I.%2$I AND p.organization_id = app_current_org()%4$s))',
      spec[1], spec[2], spec[3],
      CASE WHEN spec[4] = 'workspace' THEN ' AND p.workspace_id = app_current_workspace()' ELSE '' END);
  END LOOP;
END;
$$;

-- Settings: global rows (no organization) are readable by every tenant; a tenant reads its
-- organization's and its workspace's rows and writes only those.
ALTER TABLE app_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY settings_read ON app_settings FOR SELECT USING (
  organization_id IS NULL
  OR (organization_id = app_current_org() AND (workspace_id IS NULL OR workspace_id = app_current_workspace()))
);
CREATE POLICY settings_write ON app_settings FOR ALL
USING (organization_id = app_current_org() AND (workspace_id IS NULL OR workspace_id = app_current_workspace()))
WITH CHECK (organization_id = app_current_org() AND (workspace_id IS NULL OR workspace_id = app_current_workspace()));

-- Users: yourself, and the users employed by your organization. Creating users (registration,
-- invitations) is open; nobody deletes users through the app (soft delete).
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_visible ON users FOR SELECT USING (
  id = app_current_user()
  OR EXISTS (SELECT 1 FROM employees e WHERE e.user_id = users.id AND e.organization_id = app_current_org())
);
CREATE POLICY users_update ON users FOR UPDATE USING (
  id = app_current_user()
  OR EXISTS (SELECT 1 FROM employees e WHERE e.user_id = users.id AND e.organization_id = app_current_org())
);
CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (true);

ALTER TABLE email_verifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_verifications ON email_verifications FOR ALL
USING (user_id = app_current_user())
WITH CHECK (user_id = app_current_user());

-- FORCE everywhere RLS is on, so the owner of the tables is filtered as well.
DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN SELECT c.oid::regclass FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relrowsecurity LOOP
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END;
$$;

------------------------------------------------------------------------------------------
-- Views: owned by a role that RLS applies to
------------------------------------------------------------------------------------------

-- A view reads its base tables with its owner's rights. Owned by prometric_views (no
-- BYPASSRLS, not the tables' owner) the base tables' policies filter inside the view by the
-- caller's settings; RLS quals are applied before any user-supplied (possibly leaky) filter.
GRANT SELECT ON customers, deals, orders, products TO prometric_views;
ALTER VIEW customer_summary OWNER TO prometric_views;
ALTER VIEW sales_pipeline OWNER TO prometric_views;
ALTER VIEW inventory_status OWNER TO prometric_views;
GRANT SELECT ON customer_summary, sales_pipeline, inventory_status TO prometric_app;

------------------------------------------------------------------------------------------
-- Organization-wide derived values
------------------------------------------------------------------------------------------

-- Customer counters and product stock totals sum over every workspace of the organization,
-- while the session that triggers the recomputation sees only its own workspace. These two
-- SECURITY DEFINER functions (pinned search_path, return aggregates only) run as
-- prometric_maintainer, which may read all rows of the aggregated tables.
GRANT SELECT ON stock_balances, orders, deals, invoices TO prometric_maintainer;
CREATE POLICY maintainer_read ON stock_balances FOR SELECT TO prometric_maintainer USING (true);
CREATE POLICY maintainer_read ON orders FOR SELECT TO prometric_maintainer USING (true);
CREATE POLICY maintainer_read ON deals FOR SELECT TO prometric_maintainer USING (true);
CREATE POLICY maintainer_read ON invoices FOR SELECT TO prometric_maintainer USING (true);
ALTER FUNCTION product_stock_totals(uuid) OWNER TO prometric_maintainer;
ALTER FUNCTION customer_derived_values(uuid) OWNER TO prometric_maintainer;
`,
} satisfies MigrationSource
