import type { MigrationSource } from '../migrator'

/**
 * What an offline ERP adds to the seed:
 *  - tax_rates with effective dates and vat_rate_on();
 *  - the stock ledger (inventory_movements), lots (stock_lots) and balances (stock_balances),
 *    from which products.stock_level / reserved_quantity are maintained;
 *  - payment_allocations (one payment over several invoices);
 *  - document_series and next_document_number();
 *  - triggers that recompute every derived column on every replica (line VAT, document totals,
 *    paid amounts, shipped/produced quantities, customer counters) and the daily_sales table.
 *
 * Derived columns are recomputed from source rows on every write, whoever writes (the app or
 * the sync engine), so replicas converge on the same values from the same facts. A trigger
 * that refreshes a parent "touches" it (UPDATE ... SET updated_at = updated_at) inside a
 * derived write, and the parent's BEFORE trigger recomputes; the touch does not move
 * updated_at (see set_updated_at in 0001).
 */
export default {
  name: '0011_ledger_tax_series_derived',
  target: 'both',
  sql: /* sql */ `
------------------------------------------------------------------------------------------
-- Tax rates
------------------------------------------------------------------------------------------

-- VAT rates are data with effective dates. valid_to is inclusive; NULL means open-ended.
CREATE TABLE tax_rates (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  country               VARCHAR(2) NOT NULL DEFAULT 'KZ',
  tax_type              VARCHAR(20) NOT NULL DEFAULT 'VAT' CHECK (tax_type IN ('VAT')),
  tax_category          VARCHAR(20) NOT NULL CHECK (tax_category IN ('standard', 'medical', 'exempt')),
  rate                  DECIMAL(5,2) NOT NULL CHECK (rate >= 0 AND rate <= 100),
  valid_from            DATE NOT NULL,
  valid_to              DATE,
  description           TEXT,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT ck_tax_rates_period CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CONSTRAINT uk_tax_rates_start UNIQUE (country, tax_type, tax_category, valid_from)
);

-- Periods of one category must not overlap (an exclusion constraint would need btree_gist).
CREATE FUNCTION tax_rates_check_overlap() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM tax_rates t
    WHERE t.id <> NEW.id
      AND t.country = NEW.country AND t.tax_type = NEW.tax_type AND t.tax_category = NEW.tax_category
      AND daterange(t.valid_from, t.valid_to, '[]') && daterange(NEW.valid_from, NEW.valid_to, '[]')
  ) THEN
    RAISE EXCEPTION 'Tax rate period % .. % for % overlaps an existing period',
      NEW.valid_from, coalesce(NEW.valid_to::text, 'open'), NEW.tax_category
      USING ERRCODE = 'exclusion_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_tax_rates_no_overlap BEFORE INSERT OR UPDATE ON tax_rates
  FOR EACH ROW EXECUTE FUNCTION tax_rates_check_overlap();
CREATE TRIGGER trg_tax_rates_updated_at BEFORE UPDATE ON tax_rates FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Kazakhstan VAT: 12% under the 2008 Tax Code; 16% standard and reduced rates for medical
-- goods (5% in 2026, 10% from 2027) under the Tax Code in force from 2026-01-01.
INSERT INTO tax_rates (tax_category, rate, valid_from, valid_to, description) VALUES
  ('standard', 12.00, '2009-01-01', '2025-12-31', 'Standard VAT rate (Tax Code of 2008)'),
  ('standard', 16.00, '2026-01-01', NULL,         'Standard VAT rate (Tax Code of 2026)'),
  ('medical',   5.00, '2026-01-01', '2026-12-31', 'Reduced rate for medicines and medical products, 2026'),
  ('medical',  10.00, '2027-01-01', NULL,         'Reduced rate for medicines and medical products from 2027'),
  ('exempt',    0.00, '2009-01-01', NULL,         'Exempt turnover');

-- The VAT rate of a tax category on a date; NULL when none is defined for that date.
CREATE FUNCTION vat_rate_on(category text, on_date date) RETURNS numeric
LANGUAGE sql STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT t.rate
  FROM tax_rates t
  WHERE t.country = 'KZ' AND t.tax_type = 'VAT'
    AND t.tax_category = vat_rate_on.category
    AND t.valid_from <= vat_rate_on.on_date
    AND (t.valid_to IS NULL OR t.valid_to >= vat_rate_on.on_date)
  ORDER BY t.valid_from DESC
  LIMIT 1
$$;

------------------------------------------------------------------------------------------
-- Stock: lots, the ledger, balances
------------------------------------------------------------------------------------------

-- A lot (GS1 AI 10) or a serialised unit (AI 21) of a product, organization-wide because
-- lots move between workspaces. GTIN is AI 01, production date AI 11, expiry AI 17.
CREATE TABLE stock_lots (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,
  gtin                  VARCHAR(14) CHECK (gtin ~ '^([0-9]{8}|[0-9]{12,14})$'),
  lot_number            VARCHAR(20),
  serial_number         VARCHAR(20),
  production_date       DATE,
  expiry_date           DATE,
  supplier_id           UUID REFERENCES suppliers(id) DEFERRABLE,
  notes                 TEXT,
  custom_fields         JSONB DEFAULT '{}'::jsonb,
  created_by            UUID REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT ck_stock_lots_identified CHECK (lot_number IS NOT NULL OR serial_number IS NOT NULL)
);

CREATE INDEX idx_stock_lots_org_id ON stock_lots (organization_id);
CREATE INDEX idx_stock_lots_gtin ON stock_lots (gtin);
-- first-expiry-first-out picking
CREATE INDEX idx_stock_lots_product_expiry ON stock_lots (product_id, expiry_date);
CREATE UNIQUE INDEX uk_stock_lots_product_lot_serial
  ON stock_lots (product_id, COALESCE(lot_number, ''), COALESCE(serial_number, ''));

CREATE TRIGGER trg_stock_lots_updated_at BEFORE UPDATE ON stock_lots FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The stock ledger: append-only, one row per change of stock, per workspace and (where known)
-- lot. Sign convention: quantity is the signed change it makes
--   to on-hand stock:  receipt, transfer_in, production_output, return  > 0
--                      shipment, transfer_out, production_consumption    < 0
--                      adjustment                                        <> 0 (either sign)
--   to reserved stock: reservation > 0, release < 0 (on-hand unchanged)
-- A shipment of reserved goods is posted as a release and a shipment. A transfer is a
-- transfer_out in the sending workspace and a transfer_in in the receiving one, sharing
-- transfer_id; in between the goods are in transit and in neither workspace.
CREATE TABLE inventory_movements (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,
  lot_id                UUID REFERENCES stock_lots(id) DEFERRABLE,

  movement_type         VARCHAR(30) NOT NULL
    CHECK (movement_type IN ('receipt', 'shipment', 'reservation', 'release', 'transfer_out', 'transfer_in',
                             'adjustment', 'production_consumption', 'production_output', 'return')),
  quantity              DECIMAL(12,3) NOT NULL,
  unit_cost             DECIMAL(12,2),

  -- Document references
  order_id              UUID REFERENCES orders(id) DEFERRABLE,
  order_item_id         UUID REFERENCES order_items(id) DEFERRABLE,
  production_order_id   UUID REFERENCES production_orders(id) DEFERRABLE,
  transfer_id           UUID,
  counterpart_workspace_id UUID REFERENCES workspaces(id) DEFERRABLE,

  -- Marking codes scanned with the movement (Kazakhstan marking: GS1 DataMatrix with AI 01,
  -- 21 and the crypto AIs 91-93), e.g. [{"01": "04601234567893", "21": "abc", "91": "EE07", "92": "..."}]
  marking_codes         JSONB NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(marking_codes) = 'array'),

  reason                VARCHAR(255),
  notes                 TEXT,
  created_by            UUID REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT ck_inventory_movements_sign CHECK (
       (movement_type IN ('receipt', 'transfer_in', 'production_output', 'return', 'reservation') AND quantity > 0)
    OR (movement_type IN ('shipment', 'transfer_out', 'production_consumption', 'release') AND quantity < 0)
    OR (movement_type = 'adjustment' AND quantity <> 0)
  ),
  CONSTRAINT ck_inventory_movements_transfer CHECK (
    movement_type NOT IN ('transfer_out', 'transfer_in') OR transfer_id IS NOT NULL
  )
);

CREATE INDEX idx_inventory_movements_product_ws ON inventory_movements (product_id, workspace_id);
CREATE INDEX idx_inventory_movements_org_ws_created ON inventory_movements (organization_id, workspace_id, created_at);
CREATE INDEX idx_inventory_movements_lot_id ON inventory_movements (lot_id);
CREATE INDEX idx_inventory_movements_order_id ON inventory_movements (order_id);
CREATE INDEX idx_inventory_movements_order_item_id ON inventory_movements (order_item_id);
CREATE INDEX idx_inventory_movements_production_order_id ON inventory_movements (production_order_id);
CREATE INDEX idx_inventory_movements_transfer_id ON inventory_movements (transfer_id);
CREATE INDEX idx_inventory_movements_marking ON inventory_movements USING GIN (marking_codes jsonb_path_ops);

-- Balances per product, workspace and lot (lot_key makes "no lot" comparable in the key:
-- NULLS NOT DISTINCT needs PostgreSQL 15). Derived: never synced, written only by the ledger
-- trigger.
CREATE TABLE stock_balances (
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,
  lot_id                UUID REFERENCES stock_lots(id) DEFERRABLE,
  lot_key               UUID GENERATED ALWAYS AS (
    COALESCE(lot_id, '00000000-0000-0000-0000-000000000000'::uuid)
  ) STORED,
  on_hand               DECIMAL(12,3) NOT NULL DEFAULT 0,
  reserved              DECIMAL(12,3) NOT NULL DEFAULT 0,
  available             DECIMAL(12,3) GENERATED ALWAYS AS (on_hand - reserved) STORED,
  last_movement_at      TIMESTAMP,

  CONSTRAINT stock_balances_pkey PRIMARY KEY (product_id, workspace_id, lot_key)
);

CREATE INDEX idx_stock_balances_org_ws ON stock_balances (organization_id, workspace_id);
CREATE INDEX idx_stock_balances_lot_id ON stock_balances (lot_id);

-- Opening balances: stock recorded before the ledger existed becomes ledger rows, so that
-- the ledger explains every unit from now on. (Done before the ledger triggers exist, so the
-- balances are written once, here.)
INSERT INTO inventory_movements (organization_id, workspace_id, product_id, movement_type, quantity, unit_cost, reason, created_at)
SELECT organization_id, workspace_id, id, 'adjustment', stock_level, cost, 'opening balance (migration 0011)', CURRENT_TIMESTAMP
FROM products WHERE stock_level <> 0;

INSERT INTO inventory_movements (organization_id, workspace_id, product_id, movement_type, quantity, reason, created_at)
SELECT organization_id, workspace_id, id, 'reservation', reserved_quantity, 'opening reservation (migration 0011)', CURRENT_TIMESTAMP
FROM products WHERE reserved_quantity > 0;

INSERT INTO stock_balances (organization_id, workspace_id, product_id, lot_id, on_hand, reserved, last_movement_at)
SELECT organization_id, workspace_id, id, NULL, stock_level, GREATEST(reserved_quantity, 0), CURRENT_TIMESTAMP
FROM products WHERE stock_level <> 0 OR reserved_quantity > 0;

-- Organization-wide stock totals of a product. SECURITY DEFINER: on central it must see the
-- balances of every workspace, not only the caller's (0012 gives it a maintainer owner).
CREATE FUNCTION product_stock_totals(p_product uuid, OUT on_hand numeric, OUT reserved numeric)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT COALESCE(sum(b.on_hand), 0), COALESCE(sum(b.reserved), 0)
  FROM stock_balances b
  WHERE b.product_id = p_product
$$;

-- Touches a row so its BEFORE trigger recomputes its derived columns, inside a derived write.
CREATE FUNCTION touch_for_derive(tbl regclass, row_id uuid) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  previous text;
BEGIN
  IF row_id IS NULL THEN
    RETURN;
  END IF;
  previous := derived_write_begin();
  EXECUTE format('UPDATE %s SET updated_at = updated_at WHERE id = $1', tbl) USING row_id;
  PERFORM derived_write_end(previous);
END;
$$;

CREATE FUNCTION inventory_movements_before_insert() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  -- A lot belongs to one product. Skipped while applying pulled rows: with deferred
  -- constraints the lot may arrive later in the same page.
  IF NEW.lot_id IS NOT NULL AND NOT prometric_sync_applying() AND NOT EXISTS (
    SELECT 1 FROM stock_lots l WHERE l.id = NEW.lot_id AND l.product_id = NEW.product_id
  ) THEN
    RAISE EXCEPTION 'Lot % does not belong to product %', NEW.lot_id, NEW.product_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;

-- Applies one ledger row to the balances, the product's totals and the documents it refers to.
CREATE FUNCTION inventory_movements_apply() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  d_on_hand  numeric := 0;
  d_reserved numeric := 0;
  previous   text;
BEGIN
  IF NEW.movement_type IN ('reservation', 'release') THEN
    d_reserved := NEW.quantity;
  ELSE
    d_on_hand := NEW.quantity;
  END IF;

  previous := derived_write_begin();

  INSERT INTO stock_balances AS b (organization_id, workspace_id, product_id, lot_id, on_hand, reserved, last_movement_at)
  VALUES (NEW.organization_id, NEW.workspace_id, NEW.product_id, NEW.lot_id, d_on_hand, d_reserved, NEW.created_at)
  ON CONFLICT (product_id, workspace_id, lot_key) DO UPDATE
    SET on_hand = b.on_hand + EXCLUDED.on_hand,
        reserved = b.reserved + EXCLUDED.reserved,
        last_movement_at = GREATEST(b.last_movement_at, EXCLUDED.last_movement_at);

  -- Increments commute, so replicas that receive the same rows in any order agree.
  UPDATE products
     SET stock_level = stock_level + d_on_hand,
         reserved_quantity = reserved_quantity + d_reserved
   WHERE id = NEW.product_id;

  PERFORM derived_write_end(previous);

  IF NEW.order_item_id IS NOT NULL THEN
    PERFORM touch_for_derive('order_items', NEW.order_item_id);
  END IF;
  IF NEW.production_order_id IS NOT NULL THEN
    PERFORM touch_for_derive('production_orders', NEW.production_order_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_inventory_movements_check BEFORE INSERT ON inventory_movements
  FOR EACH ROW EXECUTE FUNCTION inventory_movements_before_insert();
CREATE TRIGGER trg_inventory_movements_apply AFTER INSERT ON inventory_movements
  FOR EACH ROW EXECUTE FUNCTION inventory_movements_apply();
CREATE TRIGGER trg_inventory_movements_append_only BEFORE UPDATE OR DELETE ON inventory_movements
  FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER trg_inventory_movements_no_truncate BEFORE TRUNCATE ON inventory_movements
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();

CREATE TRIGGER trg_stock_balances_guard BEFORE INSERT OR UPDATE OR DELETE ON stock_balances
  FOR EACH ROW EXECUTE FUNCTION refuse_direct_write();

-- products.stock_level / reserved_quantity: written only by the ledger trigger. A direct write
-- is refused; while pulled changes are applied the replica keeps its own values (derived
-- columns never travel). A new product starts from whatever balances already exist for it
-- (normally none; a pulled product may arrive after its movements when constraints are deferred).
CREATE FUNCTION products_guard_stock() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  totals record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (NEW.stock_level <> 0 OR NEW.reserved_quantity <> 0) AND NOT prometric_sync_applying() THEN
      RAISE EXCEPTION 'products.stock_level and reserved_quantity are maintained from inventory_movements: create the product with 0 and post a receipt'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO totals FROM product_stock_totals(NEW.id);
    NEW.stock_level := totals.on_hand;
    NEW.reserved_quantity := totals.reserved;
  ELSIF (NEW.stock_level IS DISTINCT FROM OLD.stock_level OR NEW.reserved_quantity IS DISTINCT FROM OLD.reserved_quantity)
        AND NOT (prometric_deriving() AND pg_trigger_depth() > 1) THEN
    IF prometric_sync_applying() THEN
      NEW.stock_level := OLD.stock_level;
      NEW.reserved_quantity := OLD.reserved_quantity;
    ELSE
      RAISE EXCEPTION 'products.stock_level and reserved_quantity are maintained from inventory_movements: post a movement instead'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_products_guard_stock BEFORE INSERT OR UPDATE ON products
  FOR EACH ROW EXECUTE FUNCTION products_guard_stock();

------------------------------------------------------------------------------------------
-- Document lines: VAT (rule in 0005), shipped quantities
------------------------------------------------------------------------------------------

-- VAT of a line: extracted from the gross when the price includes VAT, added to the net
-- otherwise. Rounded to tiyn per line.
CREATE FUNCTION line_tax_amount(unit_price numeric, quantity numeric, discount numeric, tax_percent numeric, vat_included boolean)
RETURNS numeric
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT CASE
    WHEN coalesce(tax_percent, 0) = 0 THEN 0::numeric
    WHEN vat_included THEN round(round(unit_price * quantity - discount, 2) * tax_percent / (100 + tax_percent), 2)
    ELSE round(round(unit_price * quantity - discount, 2) * tax_percent / 100, 2)
  END
$$;

CREATE FUNCTION deal_products_derive() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  NEW.tax_amount := line_tax_amount(NEW.unit_price, NEW.quantity, NEW.discount_amount, NEW.tax_percent, NEW.vat_included);
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_deal_products_derive BEFORE INSERT OR UPDATE ON deal_products
  FOR EACH ROW EXECUTE FUNCTION deal_products_derive();

-- quantity_shipped: goods that left for this line (shipments and transfers out; for purchase
-- orders the receipts, i.e. what the supplier shipped to us). quantity_returned: returns.
CREATE FUNCTION order_items_derive() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  NEW.tax_amount := line_tax_amount(NEW.unit_price, NEW.quantity_ordered, NEW.discount_amount, NEW.tax_percent, NEW.vat_included);
  SELECT COALESCE(sum(CASE WHEN m.movement_type IN ('shipment', 'transfer_out') THEN -m.quantity
                           WHEN m.movement_type = 'receipt' THEN m.quantity END), 0),
         COALESCE(sum(CASE WHEN m.movement_type = 'return' THEN m.quantity END), 0)
    INTO NEW.quantity_shipped, NEW.quantity_returned
    FROM inventory_movements m
   WHERE m.order_item_id = NEW.id;
  RETURN NEW;
END;
$$;

CREATE FUNCTION order_items_after_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.order_id = OLD.order_id
     AND NEW.net_amount = OLD.net_amount AND NEW.tax_amount = OLD.tax_amount THEN
    RETURN NULL; -- nothing the order's totals depend on changed
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM touch_for_derive('orders', OLD.order_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.order_id <> OLD.order_id) THEN
    PERFORM touch_for_derive('orders', NEW.order_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_order_items_derive BEFORE INSERT OR UPDATE ON order_items
  FOR EACH ROW EXECUTE FUNCTION order_items_derive();
CREATE TRIGGER trg_order_items_after_change AFTER INSERT OR UPDATE OR DELETE ON order_items
  FOR EACH ROW EXECUTE FUNCTION order_items_after_change();

CREATE FUNCTION invoice_items_derive() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  NEW.tax_amount := line_tax_amount(NEW.unit_price, NEW.quantity, NEW.discount_amount, NEW.tax_percent, NEW.vat_included);
  RETURN NEW;
END;
$$;

CREATE FUNCTION invoice_items_after_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.invoice_id = OLD.invoice_id
     AND NEW.net_amount = OLD.net_amount AND NEW.tax_amount = OLD.tax_amount THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM touch_for_derive('invoices', OLD.invoice_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.invoice_id <> OLD.invoice_id) THEN
    PERFORM touch_for_derive('invoices', NEW.invoice_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_invoice_items_derive BEFORE INSERT OR UPDATE ON invoice_items
  FOR EACH ROW EXECUTE FUNCTION invoice_items_derive();
CREATE TRIGGER trg_invoice_items_after_change AFTER INSERT OR UPDATE OR DELETE ON invoice_items
  FOR EACH ROW EXECUTE FUNCTION invoice_items_after_change();

------------------------------------------------------------------------------------------
-- Payments and allocations
------------------------------------------------------------------------------------------

-- One payment settled against several invoices. Allocations live in the payment's workspace.
CREATE TABLE payment_allocations (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  payment_id            UUID NOT NULL REFERENCES payments(id) ON DELETE CASCADE DEFERRABLE,
  invoice_id            UUID NOT NULL REFERENCES invoices(id) DEFERRABLE,
  amount                DECIMAL(15,2) NOT NULL CHECK (amount > 0),
  allocation_date       DATE NOT NULL DEFAULT CURRENT_DATE,
  notes                 TEXT,
  created_by            UUID REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_payment_allocations_payment_id ON payment_allocations (payment_id);
CREATE INDEX idx_payment_allocations_invoice_id ON payment_allocations (invoice_id);
CREATE INDEX idx_payment_allocations_org_ws ON payment_allocations (organization_id, workspace_id);
CREATE UNIQUE INDEX uk_payment_allocations_live ON payment_allocations (payment_id, invoice_id)
  WHERE deleted_at IS NULL;

CREATE TRIGGER trg_payment_allocations_updated_at BEFORE UPDATE ON payment_allocations
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- An allocation stays within its payment's amount, organization and workspace. Not checked
-- while pulled rows are applied: central has already accepted them.
CREATE FUNCTION payment_allocations_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  pay       record;
  allocated numeric;
BEGIN
  IF prometric_sync_applying() OR NEW.deleted_at IS NOT NULL THEN
    RETURN NEW;
  END IF;
  SELECT p.amount, p.organization_id, p.workspace_id INTO pay FROM payments p WHERE p.id = NEW.payment_id;
  IF NOT FOUND THEN
    RETURN NEW; -- deferred foreign key reports it at commit
  END IF;
  IF pay.organization_id <> NEW.organization_id OR pay.workspace_id <> NEW.workspace_id
     OR NOT EXISTS (SELECT 1 FROM invoices i WHERE i.id = NEW.invoice_id
                    AND i.organization_id = NEW.organization_id AND i.workspace_id = NEW.workspace_id) THEN
    RAISE EXCEPTION 'A payment allocation must be in the same organization and workspace as its payment and invoice'
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT COALESCE(sum(a.amount), 0) INTO allocated
    FROM payment_allocations a
   WHERE a.payment_id = NEW.payment_id AND a.deleted_at IS NULL AND a.id <> NEW.id;
  IF allocated + NEW.amount > pay.amount THEN
    RAISE EXCEPTION 'Allocations of payment % (% + %) exceed its amount %', NEW.payment_id, allocated, NEW.amount, pay.amount
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE FUNCTION payment_allocations_after_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM touch_for_derive('invoices', OLD.invoice_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.invoice_id <> OLD.invoice_id) THEN
    PERFORM touch_for_derive('invoices', NEW.invoice_id);
  END IF;
  -- A payment that gains or loses its allocations stops or starts settling payments.invoice_id.
  PERFORM touch_for_derive('invoices', p.invoice_id)
     FROM payments p WHERE p.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.payment_id ELSE NEW.payment_id END;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_payment_allocations_check BEFORE INSERT OR UPDATE ON payment_allocations
  FOR EACH ROW EXECUTE FUNCTION payment_allocations_check();
CREATE TRIGGER trg_payment_allocations_after_change AFTER INSERT OR UPDATE OR DELETE ON payment_allocations
  FOR EACH ROW EXECUTE FUNCTION payment_allocations_after_change();

-- What has been paid on an invoice: its allocations from completed payments, plus completed
-- payments that name it in payments.invoice_id and have no allocations of their own.
CREATE FUNCTION invoice_paid_amount(p_invoice uuid) RETURNS numeric
LANGUAGE sql STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT COALESCE((
           SELECT sum(a.amount)
             FROM payment_allocations a
             JOIN payments p ON p.id = a.payment_id
            WHERE a.invoice_id = p_invoice AND a.deleted_at IS NULL
              AND p.deleted_at IS NULL AND p.status = 'completed'), 0)
       + COALESCE((
           SELECT sum(p.amount)
             FROM payments p
            WHERE p.invoice_id = p_invoice AND p.deleted_at IS NULL AND p.status = 'completed'
              AND NOT EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.deleted_at IS NULL)), 0)
$$;

CREATE FUNCTION payments_after_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM touch_for_derive('invoices', OLD.invoice_id);
    PERFORM touch_for_derive('orders', OLD.order_id);
    PERFORM touch_for_derive('invoices', a.invoice_id)
       FROM payment_allocations a WHERE a.payment_id = OLD.id;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.invoice_id IS DISTINCT FROM OLD.invoice_id) THEN
    PERFORM touch_for_derive('invoices', NEW.invoice_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.order_id IS DISTINCT FROM OLD.order_id) THEN
    PERFORM touch_for_derive('orders', NEW.order_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_payments_after_change AFTER INSERT OR UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_after_change();

------------------------------------------------------------------------------------------
-- Document headers: invoices, orders, production orders
------------------------------------------------------------------------------------------

-- Invoice totals from its items; paid_amount from payments; status follows payment
-- (paid / partial, back to sent when a payment is withdrawn), except draft and cancelled.
CREATE FUNCTION invoices_derive() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  total numeric;
BEGIN
  SELECT COALESCE(sum(i.net_amount), 0), COALESCE(sum(i.tax_amount), 0)
    INTO NEW.subtotal, NEW.tax_amount
    FROM invoice_items i WHERE i.invoice_id = NEW.id;
  NEW.paid_amount := invoice_paid_amount(NEW.id);
  IF NEW.status NOT IN ('draft', 'cancelled') THEN
    total := NEW.subtotal + NEW.tax_amount - NEW.discount_amount;
    IF NEW.paid_amount > 0 AND NEW.paid_amount >= total THEN
      NEW.status := 'paid';
    ELSIF NEW.paid_amount > 0 THEN
      NEW.status := 'partial';
    ELSIF NEW.status IN ('partial', 'paid') THEN
      NEW.status := 'sent';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;

CREATE FUNCTION invoices_after_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.order_id IS NOT DISTINCT FROM OLD.order_id
     AND NEW.customer_id IS NOT DISTINCT FROM OLD.customer_id
     AND NEW.total_amount = OLD.total_amount AND NEW.paid_amount = OLD.paid_amount
     AND NEW.status = OLD.status AND NEW.type = OLD.type
     AND NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM touch_for_derive('orders', OLD.order_id);
    PERFORM touch_for_derive('customers', OLD.customer_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.order_id IS DISTINCT FROM OLD.order_id) THEN
    PERFORM touch_for_derive('orders', NEW.order_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.customer_id IS DISTINCT FROM OLD.customer_id) THEN
    PERFORM touch_for_derive('customers', NEW.customer_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_invoices_derive BEFORE INSERT OR UPDATE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_derive();
CREATE TRIGGER trg_invoices_after_change AFTER INSERT OR UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_after_change();

-- Order totals from its items. paid_amount: what its invoices (other than credit notes) have
-- been paid, plus completed payments made on the order directly (no invoice, no allocations).
-- payment_status follows payment (paid / partial, back to pending), except cancelled and
-- overdue-without-payment which the app sets.
CREATE FUNCTION orders_derive() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  total numeric;
BEGIN
  SELECT COALESCE(sum(i.net_amount), 0), COALESCE(sum(i.tax_amount), 0)
    INTO NEW.subtotal, NEW.tax_amount
    FROM order_items i WHERE i.order_id = NEW.id;
  NEW.paid_amount :=
      COALESCE((SELECT sum(v.paid_amount) FROM invoices v
                 WHERE v.order_id = NEW.id AND v.deleted_at IS NULL
                   AND v.status <> 'cancelled' AND v.type <> 'CREDIT_NOTE'), 0)
    + COALESCE((SELECT sum(p.amount) FROM payments p
                 WHERE p.order_id = NEW.id AND p.invoice_id IS NULL
                   AND p.deleted_at IS NULL AND p.status = 'completed'
                   AND NOT EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.deleted_at IS NULL)), 0);
  IF NEW.payment_status <> 'cancelled' THEN
    total := NEW.subtotal + NEW.tax_amount + NEW.shipping_cost - NEW.discount_amount;
    IF NEW.paid_amount > 0 AND NEW.paid_amount >= total THEN
      NEW.payment_status := 'paid';
    ELSIF NEW.paid_amount > 0 THEN
      NEW.payment_status := 'partial';
    ELSIF NEW.payment_status IN ('partial', 'paid') THEN
      NEW.payment_status := 'pending';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_orders_derive BEFORE INSERT OR UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION orders_derive();

CREATE FUNCTION production_orders_derive() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  SELECT COALESCE(sum(m.quantity), 0) INTO NEW.quantity_produced
    FROM inventory_movements m
   WHERE m.production_order_id = NEW.id AND m.movement_type = 'production_output';
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_production_orders_derive BEFORE INSERT OR UPDATE ON production_orders
  FOR EACH ROW EXECUTE FUNCTION production_orders_derive();

------------------------------------------------------------------------------------------
-- Customer counters
------------------------------------------------------------------------------------------

-- Definitions (documented in db/README.md):
--   order_count     SALES orders not cancelled
--   lifetime_value  total of SALES orders confirmed, processing, shipped or delivered
--   last_order_date latest order_date of SALES orders not cancelled
--   deal_count      deals
--   balance         owed on issued invoices (not draft, cancelled or proforma): total - paid,
--                   credit notes counting negative
-- all over rows not soft-deleted, in every workspace of the organization. SECURITY DEFINER:
-- on central the caller sees only its workspace's rows (0012 gives it a maintainer owner).
CREATE FUNCTION customer_derived_values(
  p_customer uuid,
  OUT order_count integer, OUT lifetime_value numeric, OUT last_order_date date,
  OUT deal_count integer, OUT balance numeric)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT o.order_count, o.lifetime_value, o.last_order_date, d.deal_count, v.balance
  FROM (
    SELECT count(*) FILTER (WHERE status <> 'cancelled')::integer AS order_count,
           COALESCE(sum(total_amount) FILTER (WHERE status IN ('confirmed', 'processing', 'shipped', 'delivered')), 0) AS lifetime_value,
           max(order_date) FILTER (WHERE status <> 'cancelled') AS last_order_date
      FROM orders
     WHERE customer_id = p_customer AND type = 'SALES' AND deleted_at IS NULL
  ) o,
  (SELECT count(*)::integer AS deal_count FROM deals WHERE customer_id = p_customer AND deleted_at IS NULL) d,
  (SELECT COALESCE(sum(CASE WHEN type = 'CREDIT_NOTE' THEN paid_amount - total_amount ELSE total_amount - paid_amount END), 0) AS balance
     FROM invoices
    WHERE customer_id = p_customer AND deleted_at IS NULL
      AND status NOT IN ('draft', 'cancelled') AND type <> 'PROFORMA') v
$$;

CREATE FUNCTION customers_derive() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v record;
BEGIN
  SELECT * INTO v FROM customer_derived_values(NEW.id);
  NEW.order_count := v.order_count;
  NEW.lifetime_value := v.lifetime_value;
  NEW.last_order_date := v.last_order_date;
  NEW.deal_count := v.deal_count;
  NEW.balance := v.balance;
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_customers_derive BEFORE INSERT OR UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION customers_derive();

CREATE FUNCTION deals_after_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.customer_id = OLD.customer_id
     AND NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM touch_for_derive('customers', OLD.customer_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.customer_id <> OLD.customer_id) THEN
    PERFORM touch_for_derive('customers', NEW.customer_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_deals_after_change AFTER INSERT OR UPDATE OR DELETE ON deals
  FOR EACH ROW EXECUTE FUNCTION deals_after_change();

------------------------------------------------------------------------------------------
-- Daily sales (per workspace), maintained by triggers
------------------------------------------------------------------------------------------

-- The seed's daily_sales_summary per organization and workspace, kept current by triggers:
-- a materialized view cannot be refreshed cheaply on every write on a terminal, and it cannot
-- carry row-level security on central. Same definition (delivered/completed orders, not
-- deleted). Derived: never synced, written only by refresh_daily_sales().
CREATE TABLE daily_sales (
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  sale_date             DATE NOT NULL,
  order_count           INTEGER NOT NULL,
  total_revenue         DECIMAL(15,2) NOT NULL,
  avg_order_value       NUMERIC NOT NULL,
  unique_customers      INTEGER NOT NULL,

  CONSTRAINT daily_sales_pkey PRIMARY KEY (organization_id, workspace_id, sale_date)
);

CREATE INDEX idx_daily_sales_sale_date ON daily_sales (sale_date DESC);

CREATE TRIGGER trg_daily_sales_guard BEFORE INSERT OR UPDATE OR DELETE ON daily_sales
  FOR EACH ROW EXECUTE FUNCTION refuse_direct_write();

CREATE FUNCTION refresh_daily_sales(p_org uuid, p_workspace uuid, p_date date) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  previous text;
BEGIN
  previous := derived_write_begin();
  DELETE FROM daily_sales
   WHERE organization_id = p_org AND workspace_id = p_workspace AND sale_date = p_date;
  INSERT INTO daily_sales (organization_id, workspace_id, sale_date, order_count, total_revenue, avg_order_value, unique_customers)
  SELECT p_org, p_workspace, p_date, count(*), sum(total_amount), avg(total_amount), count(DISTINCT customer_id)
    FROM orders
   WHERE organization_id = p_org AND workspace_id = p_workspace AND order_date = p_date
     AND status IN ('delivered', 'completed') AND deleted_at IS NULL
  HAVING count(*) > 0;
  PERFORM derived_write_end(previous);
END;
$$;

CREATE FUNCTION orders_after_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.customer_id IS NOT DISTINCT FROM OLD.customer_id
     AND NEW.total_amount = OLD.total_amount AND NEW.status = OLD.status AND NEW.type = OLD.type
     AND NEW.order_date = OLD.order_date AND NEW.workspace_id = OLD.workspace_id
     AND NEW.organization_id = OLD.organization_id
     AND NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at THEN
    RETURN NULL; -- nothing the counters or daily sales depend on changed
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM refresh_daily_sales(OLD.organization_id, OLD.workspace_id, OLD.order_date);
    PERFORM touch_for_derive('customers', OLD.customer_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND
     (NEW.organization_id, NEW.workspace_id, NEW.order_date) IS DISTINCT FROM (OLD.organization_id, OLD.workspace_id, OLD.order_date)) THEN
    PERFORM refresh_daily_sales(NEW.organization_id, NEW.workspace_id, NEW.order_date);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.customer_id IS DISTINCT FROM OLD.customer_id) THEN
    PERFORM touch_for_derive('customers', NEW.customer_id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_orders_after_change AFTER INSERT OR UPDATE OR DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION orders_after_change();

------------------------------------------------------------------------------------------
-- Document number series
------------------------------------------------------------------------------------------

-- Numbers the seed makes globally unique come from series whose prefix central assigns to each
-- terminal (head office has its own), so two offline terminals never issue the same number.
CREATE TABLE document_series (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID REFERENCES workspaces(id) DEFERRABLE,
  owner_type            VARCHAR(20) NOT NULL DEFAULT 'terminal'
    CHECK (owner_type IN ('terminal', 'head_office')),
  owner_id              VARCHAR(100), -- terminal id given at enrolment; NULL for head office
  document_type         VARCHAR(20) NOT NULL
    CHECK (document_type IN ('ORDER', 'INVOICE', 'PAYMENT', 'DEAL', 'PRODUCTION', 'CUSTOMER', 'EMPLOYEE')),
  prefix                VARCHAR(20) NOT NULL CHECK (prefix ~ '^[A-Z0-9]{1,10}$'),
  next_number           BIGINT NOT NULL DEFAULT 1 CHECK (next_number >= 1),
  number_width          SMALLINT NOT NULL DEFAULT 6 CHECK (number_width BETWEEN 1 AND 18),
  is_active             BOOLEAN NOT NULL DEFAULT true,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT uk_document_series UNIQUE (organization_id, document_type, prefix)
);

CREATE INDEX idx_document_series_owner ON document_series (owner_type, owner_id);

-- A series never goes back: a pulled or restored row with a lower next_number would make the
-- terminal issue numbers again.
CREATE FUNCTION document_series_monotonic() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  NEW.next_number := GREATEST(NEW.next_number, OLD.next_number);
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_document_series_monotonic BEFORE UPDATE ON document_series
  FOR EACH ROW EXECUTE FUNCTION document_series_monotonic();
CREATE TRIGGER trg_document_series_updated_at BEFORE UPDATE ON document_series
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Takes the next number of a series: 'T07-ORD-000123'. The row lock serialises concurrent
-- callers; numbers wider than number_width are kept whole, never truncated.
CREATE FUNCTION next_document_number(org uuid, doc_type text, prefix text) RETURNS text
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
    END || '-' || digits;
END;
$$;
`,
} satisfies MigrationSource
