import type { MigrationSource } from '../migrator'

/**
 * Stock counts and inter-workspace transfers (docs/decisions/0007-transfers-and-counts.md).
 *
 *  - stock_counts / stock_count_lines: a count of one workspace (whole, one category or a list
 *    of products). A line keeps the book quantity captured when the item was first counted, so
 *    ledger rows that arrive later by sync do not distort its variance. Approval posts
 *    `adjustment` movements valued at the product's cost.
 *  - stock_transfers / stock_transfer_lines: the shipping manifest of a TRANSFER order. The
 *    order and its transfer_out rows live in the source workspace, which the destination's
 *    terminal does not hold; the manifest is organization-wide, so the destination sees the
 *    goods in transit and receives them (transfer_in rows in its own workspace). It refers to
 *    the order by id without a foreign key for the same reason.
 *  - document_series gains STOCK_COUNT numbers (`ALA-CNT-000001`).
 */
export default {
  name: '0021_stock_counts_and_transfers',
  target: 'both',
  sql: /* sql */ `
ALTER TABLE document_series DROP CONSTRAINT document_series_document_type_check;
ALTER TABLE document_series ADD CONSTRAINT document_series_document_type_check
  CHECK (document_type IN ('ORDER', 'INVOICE', 'PAYMENT', 'DEAL', 'PRODUCTION', 'CUSTOMER', 'EMPLOYEE', 'STOCK_COUNT'));

-- The body of 0011 with the count's abbreviation added: an unknown type made the number NULL.
CREATE OR REPLACE FUNCTION next_document_number(org uuid, doc_type text, prefix text) RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  issued bigint;
  width  smallint;
  digits text;
BEGIN
  UPDATE document_series s
     SET next_number = s.next_number + 1
   WHERE s.organization_id = next_document_number.org
     AND s.document_type = next_document_number.doc_type
     AND s.prefix = next_document_number.prefix
     AND s.is_active
  RETURNING s.next_number - 1, s.number_width INTO issued, width;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'No active % number series with prefix % for organization %',
      next_document_number.doc_type, next_document_number.prefix, next_document_number.org
      USING ERRCODE = 'no_data_found';
  END IF;
  digits := issued::text;
  IF length(digits) < width THEN
    digits := lpad(digits, width, '0');
  END IF;
  RETURN next_document_number.prefix || '-' ||
    CASE next_document_number.doc_type
      WHEN 'ORDER' THEN 'ORD'
      WHEN 'INVOICE' THEN 'INV'
      WHEN 'PAYMENT' THEN 'PAY'
      WHEN 'DEAL' THEN 'DEAL'
      WHEN 'PRODUCTION' THEN 'PRD'
      WHEN 'CUSTOMER' THEN 'CUS'
      WHEN 'EMPLOYEE' THEN 'EMP'
      WHEN 'STOCK_COUNT' THEN 'CNT'
    END || '-' || digits;
END;
$$;

------------------------------------------------------------------------------------------
-- Stock counts
------------------------------------------------------------------------------------------

CREATE TABLE stock_counts (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  count_number          VARCHAR(50) NOT NULL UNIQUE,
  -- what is counted: the whole workspace, one category (with its sub-categories), or a list
  scope                 VARCHAR(20) NOT NULL CHECK (scope IN ('workspace', 'category', 'products')),
  category_id           UUID REFERENCES product_categories(id) DEFERRABLE,
  status                VARCHAR(20) NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'counting', 'submitted', 'approved', 'cancelled')),
  valuation_method      VARCHAR(20) NOT NULL DEFAULT 'product_cost' CHECK (valuation_method IN ('product_cost')),
  notes                 TEXT,
  created_by            UUID NOT NULL REFERENCES employees(id) DEFERRABLE,
  submitted_by          UUID REFERENCES employees(id) DEFERRABLE,
  submitted_at          TIMESTAMP,
  approved_by           UUID REFERENCES employees(id) DEFERRABLE,
  approved_at           TIMESTAMP,
  cancelled_by          UUID REFERENCES employees(id) DEFERRABLE,
  cancelled_at          TIMESTAMP,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT ck_stock_counts_category CHECK ((scope = 'category') = (category_id IS NOT NULL))
);

CREATE INDEX idx_stock_counts_org_ws_status ON stock_counts (organization_id, workspace_id, status);

CREATE TABLE stock_count_lines (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  stock_count_id        UUID NOT NULL REFERENCES stock_counts(id) ON DELETE CASCADE DEFERRABLE,
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,
  lot_id                UUID REFERENCES stock_lots(id) DEFERRABLE,
  counted_quantity      DECIMAL(12,3) NOT NULL DEFAULT 0 CHECK (counted_quantity >= 0),
  -- on hand in the count's workspace (and lot) when the item was first counted; NULL = not yet
  book_quantity         DECIMAL(12,3),
  -- the clerk confirmed the item is not there: counted zero
  not_found             BOOLEAN NOT NULL DEFAULT false,
  counted_at            TIMESTAMP,
  counted_by            UUID REFERENCES employees(id) DEFERRABLE,
  -- the product's cost when the count was approved (valuation 'product_cost')
  unit_cost             DECIMAL(12,2),
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT ck_stock_count_lines_counted CHECK (counted_at IS NULL OR book_quantity IS NOT NULL),
  CONSTRAINT ck_stock_count_lines_not_found CHECK (NOT not_found OR counted_quantity = 0)
);

CREATE UNIQUE INDEX uk_stock_count_lines_item
  ON stock_count_lines (stock_count_id, product_id, COALESCE(lot_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX idx_stock_count_lines_product_id ON stock_count_lines (product_id);

CREATE TRIGGER trg_stock_counts_updated_at BEFORE UPDATE ON stock_counts FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_stock_count_lines_updated_at BEFORE UPDATE ON stock_count_lines FOR EACH ROW EXECUTE FUNCTION set_updated_at();

------------------------------------------------------------------------------------------
-- Transfers between workspaces
------------------------------------------------------------------------------------------

CREATE TABLE stock_transfers (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(), -- inventory_movements.transfer_id
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  transfer_number       VARCHAR(50) NOT NULL UNIQUE,
  -- the TRANSFER order in the source workspace; no foreign key: the destination's terminal
  -- holds this row but not the order
  order_id              UUID NOT NULL UNIQUE,
  source_workspace_id   UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  destination_workspace_id UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  status                VARCHAR(20) NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'in_transit', 'received', 'cancelled')),
  shipped_by            UUID REFERENCES employees(id) DEFERRABLE,
  shipped_at            TIMESTAMP,
  received_by           UUID REFERENCES employees(id) DEFERRABLE,
  received_at           TIMESTAMP,
  notes                 TEXT,
  created_by            UUID NOT NULL REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT ck_stock_transfers_workspaces CHECK (source_workspace_id <> destination_workspace_id)
);

CREATE INDEX idx_stock_transfers_destination ON stock_transfers (organization_id, destination_workspace_id, status);
CREATE INDEX idx_stock_transfers_source ON stock_transfers (organization_id, source_workspace_id, status);

CREATE TABLE stock_transfer_lines (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  stock_transfer_id     UUID NOT NULL REFERENCES stock_transfers(id) ON DELETE CASCADE DEFERRABLE,
  line_number           INTEGER NOT NULL CHECK (line_number >= 1),
  -- the order's line (same reason as order_id: no foreign key)
  order_item_id         UUID NOT NULL,
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,
  lot_id                UUID REFERENCES stock_lots(id) DEFERRABLE,
  quantity              DECIMAL(12,3) NOT NULL CHECK (quantity > 0),
  quantity_received     DECIMAL(12,3) CHECK (quantity_received >= 0),
  unit_cost             DECIMAL(12,2),
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT uk_stock_transfer_lines_line UNIQUE (stock_transfer_id, line_number)
);

CREATE INDEX idx_stock_transfer_lines_product_id ON stock_transfer_lines (product_id);

CREATE TRIGGER trg_stock_transfers_updated_at BEFORE UPDATE ON stock_transfers FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_stock_transfer_lines_updated_at BEFORE UPDATE ON stock_transfer_lines FOR EACH ROW EXECUTE FUNCTION set_updated_at();

------------------------------------------------------------------------------------------
-- Central: the app role's rights and row-level security, as 0012 gives the other tables
------------------------------------------------------------------------------------------

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'prometric_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON stock_counts, stock_count_lines, stock_transfers, stock_transfer_lines
      TO prometric_app;
    ALTER TABLE stock_counts ENABLE ROW LEVEL SECURITY;
    ALTER TABLE stock_counts FORCE ROW LEVEL SECURITY;
    CREATE POLICY workspace_isolation ON stock_counts FOR ALL
      USING (organization_id = app_current_org() AND workspace_id = app_current_workspace())
      WITH CHECK (organization_id = app_current_org() AND workspace_id = app_current_workspace());
    ALTER TABLE stock_count_lines ENABLE ROW LEVEL SECURITY;
    ALTER TABLE stock_count_lines FORCE ROW LEVEL SECURITY;
    CREATE POLICY parent_isolation ON stock_count_lines FOR ALL
      USING (EXISTS (SELECT 1 FROM stock_counts p WHERE p.id = stock_count_lines.stock_count_id
                     AND p.organization_id = app_current_org() AND p.workspace_id = app_current_workspace()))
      WITH CHECK (EXISTS (SELECT 1 FROM stock_counts p WHERE p.id = stock_count_lines.stock_count_id
                     AND p.organization_id = app_current_org() AND p.workspace_id = app_current_workspace()));
    -- A transfer is seen by both of its workspaces, hence organization-wide.
    ALTER TABLE stock_transfers ENABLE ROW LEVEL SECURITY;
    ALTER TABLE stock_transfers FORCE ROW LEVEL SECURITY;
    CREATE POLICY organization_isolation ON stock_transfers FOR ALL
      USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
    ALTER TABLE stock_transfer_lines ENABLE ROW LEVEL SECURITY;
    ALTER TABLE stock_transfer_lines FORCE ROW LEVEL SECURITY;
    CREATE POLICY parent_isolation ON stock_transfer_lines FOR ALL
      USING (EXISTS (SELECT 1 FROM stock_transfers p WHERE p.id = stock_transfer_lines.stock_transfer_id
                     AND p.organization_id = app_current_org()))
      WITH CHECK (EXISTS (SELECT 1 FROM stock_transfers p WHERE p.id = stock_transfer_lines.stock_transfer_id
                     AND p.organization_id = app_current_org()));
  END IF;
END;
$$;

------------------------------------------------------------------------------------------
-- Sync
------------------------------------------------------------------------------------------

INSERT INTO sync_scope (table_name, apply_order, scope, direction, parent_table, parent_column, ledger, derived, push_only) VALUES
  ('stock_counts',         40, 'workspace',          'both', NULL, NULL, false, '{}', '{}'),
  ('stock_count_lines',    41, 'workspace_child',    'both', 'stock_counts', 'stock_count_id', false, '{}', '{}'),
  ('stock_transfers',      42, 'organization',       'both', NULL, NULL, false, '{}', '{}'),
  ('stock_transfer_lines', 43, 'organization_child', 'both', 'stock_transfers', 'stock_transfer_id', false, '{}', '{}');

SELECT sync_scope_refresh();
-- sync_install_triggers() comes from 0019 (central) or 0020 (terminal); a database migrated with
-- the shared migrations only (the parity test) has neither and no triggers to install.
DO $$
BEGIN
  IF to_regprocedure('sync_install_triggers()') IS NOT NULL THEN
    PERFORM sync_install_triggers();
  END IF;
END;
$$;
`,
} satisfies MigrationSource
