import type { MigrationSource } from '../migrator'

/**
 * Warehouse documents: goods receipts (against a purchase order or without one) and shipments
 * of sales orders, each numbered from a document series and pointing at the ledger rows it
 * posted. Stock itself stays in inventory_movements (0011); these tables say which document
 * a movement belongs to and keep what the clerk recorded (supplier's document, carrier,
 * tracking number, the quantity expected on a line when it was received).
 *
 * document_series gains the RECEIPT (GRN) and SHIPMENT (SHP) types.
 */
export default {
  name: '0022_goods_receipts_and_shipments',
  target: 'both',
  sql: /* sql */ `
ALTER TABLE document_series DROP CONSTRAINT document_series_document_type_check;
ALTER TABLE document_series ADD CONSTRAINT document_series_document_type_check
  CHECK (document_type IN ('ORDER', 'INVOICE', 'PAYMENT', 'DEAL', 'PRODUCTION', 'CUSTOMER', 'EMPLOYEE',
                           'STOCK_COUNT', 'RECEIPT', 'SHIPMENT'));

-- Same as 0021 (STOCK_COUNT) with the two new types; an unknown type keeps its own name rather than
-- producing a number with an empty middle part.
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
      WHEN 'RECEIPT' THEN 'GRN'
      WHEN 'SHIPMENT' THEN 'SHP'
      ELSE next_document_number.doc_type
    END || '-' || digits;
END;
$$;

-- A goods receipt: goods that arrived in a workspace, from a supplier, against a purchase
-- order or without one. Posted once; its lines' ledger rows carry the stock.
CREATE TABLE goods_receipts (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  receipt_number        VARCHAR(50) NOT NULL UNIQUE,
  receipt_date          DATE NOT NULL DEFAULT CURRENT_DATE,
  order_id              UUID REFERENCES orders(id) DEFERRABLE,
  supplier_id           UUID REFERENCES suppliers(id) DEFERRABLE,
  supplier_document     VARCHAR(100),
  notes                 TEXT,
  created_by            UUID NOT NULL REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_goods_receipts_org_ws_date ON goods_receipts (organization_id, workspace_id, receipt_date);
CREATE INDEX idx_goods_receipts_order_id ON goods_receipts (order_id);
CREATE INDEX idx_goods_receipts_supplier_id ON goods_receipts (supplier_id);

-- One received line. quantity_expected is what the order still awaited for this line when the
-- receipt was posted (NULL without an order line): the over- or under-delivery stays visible.
-- No ON DELETE CASCADE: a posted document is never deleted (its ledger rows cannot be).
CREATE TABLE goods_receipt_lines (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  receipt_id            UUID NOT NULL REFERENCES goods_receipts(id) DEFERRABLE,
  line_number           INTEGER NOT NULL CHECK (line_number > 0),
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,
  order_item_id         UUID REFERENCES order_items(id) DEFERRABLE,
  movement_id           UUID NOT NULL REFERENCES inventory_movements(id) DEFERRABLE,
  lot_id                UUID REFERENCES stock_lots(id) DEFERRABLE,
  quantity              DECIMAL(12,3) NOT NULL CHECK (quantity > 0),
  quantity_expected     DECIMAL(12,3) CHECK (quantity_expected >= 0),
  unit_cost             DECIMAL(12,2) CHECK (unit_cost >= 0),
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT uk_goods_receipt_lines_number UNIQUE (receipt_id, line_number)
);

CREATE INDEX idx_goods_receipt_lines_product_id ON goods_receipt_lines (product_id);
CREATE INDEX idx_goods_receipt_lines_order_item_id ON goods_receipt_lines (order_item_id);
CREATE INDEX idx_goods_receipt_lines_movement_id ON goods_receipt_lines (movement_id);

-- A shipment of a sales order (one of several when shipped in parts), with the carrier and
-- tracking number of that parcel. below_zero_confirmed: the clerk confirmed shipping although
-- stock went below zero (the workspace's policy allowed it with a warning).
CREATE TABLE shipments (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  shipment_number       VARCHAR(50) NOT NULL UNIQUE,
  shipment_date         DATE NOT NULL DEFAULT CURRENT_DATE,
  order_id              UUID NOT NULL REFERENCES orders(id) DEFERRABLE,
  carrier               VARCHAR(100),
  tracking_number       VARCHAR(100),
  below_zero_confirmed  BOOLEAN NOT NULL DEFAULT false,
  notes                 TEXT,
  created_by            UUID NOT NULL REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_shipments_org_ws_date ON shipments (organization_id, workspace_id, shipment_date);
CREATE INDEX idx_shipments_order_id ON shipments (order_id);
CREATE INDEX idx_shipments_tracking_number ON shipments (tracking_number);

-- One shipped line: the shipment ledger row and the release of the reservation it consumed.
CREATE TABLE shipment_lines (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  shipment_id           UUID NOT NULL REFERENCES shipments(id) DEFERRABLE,
  line_number           INTEGER NOT NULL CHECK (line_number > 0),
  order_item_id         UUID NOT NULL REFERENCES order_items(id) DEFERRABLE,
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,
  quantity              DECIMAL(12,3) NOT NULL CHECK (quantity > 0),
  movement_id           UUID NOT NULL REFERENCES inventory_movements(id) DEFERRABLE,
  release_movement_id   UUID REFERENCES inventory_movements(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT uk_shipment_lines_number UNIQUE (shipment_id, line_number)
);

CREATE INDEX idx_shipment_lines_order_item_id ON shipment_lines (order_item_id);
CREATE INDEX idx_shipment_lines_movement_id ON shipment_lines (movement_id);

CREATE TRIGGER trg_goods_receipts_updated_at BEFORE UPDATE ON goods_receipts FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_goods_receipt_lines_updated_at BEFORE UPDATE ON goods_receipt_lines FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_shipments_updated_at BEFORE UPDATE ON shipments FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_shipment_lines_updated_at BEFORE UPDATE ON shipment_lines FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- On central (where 0012 made the roles): the app role's rights and row-level security like
-- the other per-workspace documents; lines through their parent's tenant.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'prometric_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON goods_receipts, goods_receipt_lines, shipments, shipment_lines TO prometric_app;
    ALTER TABLE goods_receipts ENABLE ROW LEVEL SECURITY;
    ALTER TABLE goods_receipts FORCE ROW LEVEL SECURITY;
    ALTER TABLE shipments ENABLE ROW LEVEL SECURITY;
    ALTER TABLE shipments FORCE ROW LEVEL SECURITY;
    ALTER TABLE goods_receipt_lines ENABLE ROW LEVEL SECURITY;
    ALTER TABLE goods_receipt_lines FORCE ROW LEVEL SECURITY;
    ALTER TABLE shipment_lines ENABLE ROW LEVEL SECURITY;
    ALTER TABLE shipment_lines FORCE ROW LEVEL SECURITY;
    CREATE POLICY workspace_isolation ON goods_receipts FOR ALL
      USING (organization_id = app_current_org() AND workspace_id = app_current_workspace())
      WITH CHECK (organization_id = app_current_org() AND workspace_id = app_current_workspace());
    CREATE POLICY workspace_isolation ON shipments FOR ALL
      USING (organization_id = app_current_org() AND workspace_id = app_current_workspace())
      WITH CHECK (organization_id = app_current_org() AND workspace_id = app_current_workspace());
    CREATE POLICY parent_isolation ON goods_receipt_lines FOR ALL
      USING (EXISTS (SELECT 1 FROM goods_receipts p WHERE p.id = receipt_id
                     AND p.organization_id = app_current_org() AND p.workspace_id = app_current_workspace()))
      WITH CHECK (EXISTS (SELECT 1 FROM goods_receipts p WHERE p.id = receipt_id
                     AND p.organization_id = app_current_org() AND p.workspace_id = app_current_workspace()));
    CREATE POLICY parent_isolation ON shipment_lines FOR ALL
      USING (EXISTS (SELECT 1 FROM shipments p WHERE p.id = shipment_id
                     AND p.organization_id = app_current_org() AND p.workspace_id = app_current_workspace()))
      WITH CHECK (EXISTS (SELECT 1 FROM shipments p WHERE p.id = shipment_id
                     AND p.organization_id = app_current_org() AND p.workspace_id = app_current_workspace()));
  END IF;
END;
$$;

INSERT INTO sync_scope (table_name, apply_order, scope, direction, parent_table, parent_column, ledger, derived, push_only) VALUES
  ('goods_receipts',      45, 'workspace',       'both', NULL,             NULL,          false, '{}', '{}'),
  ('goods_receipt_lines', 46, 'workspace_child', 'both', 'goods_receipts', 'receipt_id',  false, '{}', '{}'),
  ('shipments',           47, 'workspace',       'both', NULL,             NULL,          false, '{}', '{}'),
  ('shipment_lines',      48, 'workspace_child', 'both', 'shipments',      'shipment_id', false, '{}', '{}');

SELECT sync_scope_refresh();
-- sync_install_triggers() comes from 0019 (central) / 0020 (terminal); a database migrated with
-- the 'both' migrations only (the schema-parity test) has neither, and has nothing to install.
DO $$
BEGIN
  IF to_regprocedure('sync_install_triggers()') IS NOT NULL THEN
    PERFORM sync_install_triggers();
  END IF;
END;
$$;
`,
} satisfies MigrationSource
