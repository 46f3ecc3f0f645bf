import type { MigrationSource } from '../migrator'

/**
 * Sales and orders: deals with their products and activities, orders with their items.
 *
 * VAT rule for document lines (deal_products, order_items, invoice_items): a line carries
 * vat_included. When false (the default, the seed's meaning) unit_price is net and VAT is
 * added on top; when true unit_price already contains VAT, which is extracted, not added again.
 *   gross_or_net = round(unit_price * quantity - discount_amount, 2)
 *   tax_amount   = vat_included ? round(gross * p / (100 + p), 2) : round(net * p / 100, 2)  (trigger, 0011)
 *   net_amount   = vat_included ? gross - tax_amount : net                                 (generated)
 *   line_total   = vat_included ? gross : net + tax_amount                                 (generated)
 * so line_total = net_amount + tax_amount on every line, and document headers sum net_amount
 * into subtotal and tax_amount into tax_amount.
 */
export default {
  name: '0005_sales_and_orders',
  target: 'both',
  sql: /* sql */ `
CREATE TABLE deals (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  deal_number           VARCHAR(50) UNIQUE,

  -- Basic deal info
  title                 VARCHAR(500) NOT NULL,
  description           TEXT,
  customer_id           UUID NOT NULL REFERENCES customers(id) DEFERRABLE,
  value                 DECIMAL(15,2) NOT NULL DEFAULT 0,
  currency              VARCHAR(3) NOT NULL DEFAULT 'KZT',

  -- Stage & probability
  stage                 VARCHAR(20) NOT NULL DEFAULT 'LEAD'
    CHECK (stage IN ('LEAD', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'CLOSING', 'WON', 'LOST')),
  probability           INTEGER NOT NULL DEFAULT 0 CHECK (probability >= 0 AND probability <= 100),

  -- Dates
  expected_close_date   DATE,
  actual_close_date     DATE,
  won_at                TIMESTAMP,
  lost_at               TIMESTAMP,

  -- Assignment & source
  assigned_to           UUID REFERENCES employees(id) DEFERRABLE,
  source                VARCHAR(50), -- lead source
  campaign_id           UUID, -- marketing campaign

  -- Competition
  competitors           TEXT[] DEFAULT '{}',
  competitive_info      JSONB DEFAULT '{}'::jsonb,

  -- Win/Loss analysis
  won_reason            TEXT,
  lost_reason           VARCHAR(100),
  lost_to_competitor    VARCHAR(255),
  competitor_info       JSONB DEFAULT '{}'::jsonb,

  -- Financial projections
  recurring_revenue     DECIMAL(15,2) DEFAULT 0,
  one_time_revenue      DECIMAL(15,2) DEFAULT 0,
  projected_margin      DECIMAL(15,2) DEFAULT 0,

  -- Custom data
  tags                  TEXT[] DEFAULT '{}',
  custom_fields         JSONB DEFAULT '{}'::jsonb,
  notes                 TEXT,

  -- AI predictions
  ai_score              DECIMAL(5,2),
  ai_predicted_probability INTEGER,
  ai_recommended_actions JSONB,
  ai_risk_factors       JSONB,

  -- Audit
  created_by            UUID REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_deals_org_id ON deals (organization_id);
CREATE INDEX idx_deals_workspace_id ON deals (workspace_id);
CREATE INDEX idx_deals_customer_id ON deals (customer_id);
CREATE INDEX idx_deals_stage ON deals (stage);
CREATE INDEX idx_deals_assigned_to ON deals (assigned_to);
CREATE INDEX idx_deals_expected_close_date ON deals (expected_close_date);
CREATE INDEX idx_deals_actual_close_date ON deals (actual_close_date);
CREATE INDEX idx_deals_value ON deals (value);
CREATE INDEX idx_deals_tags ON deals USING GIN (tags);
CREATE INDEX idx_deals_won_at ON deals (won_at);
CREATE INDEX idx_deals_lost_at ON deals (lost_at);
CREATE INDEX idx_deals_org_workspace_stage ON deals (organization_id, workspace_id, stage);
CREATE INDEX idx_deals_close_date_stage ON deals (expected_close_date, stage)
  WHERE stage NOT IN ('WON', 'LOST');

CREATE TABLE deal_products (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  deal_id               UUID NOT NULL REFERENCES deals(id) ON DELETE CASCADE DEFERRABLE,
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,
  quantity              DECIMAL(10,3) NOT NULL DEFAULT 1,
  unit_price            DECIMAL(12,2) NOT NULL DEFAULT 0,
  discount_percent      DECIMAL(5,2) NOT NULL DEFAULT 0,
  discount_amount       DECIMAL(12,2) NOT NULL DEFAULT 0,
  tax_percent           DECIMAL(5,2) NOT NULL DEFAULT 16,
  vat_included          BOOLEAN NOT NULL DEFAULT false,
  tax_amount            DECIMAL(12,2) NOT NULL DEFAULT 0,
  net_amount            DECIMAL(12,2) GENERATED ALWAYS AS (
    CASE WHEN vat_included THEN round(unit_price * quantity - discount_amount, 2) - tax_amount
         ELSE round(unit_price * quantity - discount_amount, 2) END
  ) STORED,
  total_price           DECIMAL(12,2) GENERATED ALWAYS AS (
    CASE WHEN vat_included THEN round(unit_price * quantity - discount_amount, 2)
         ELSE (unit_price * quantity - discount_amount) + tax_amount END
  ) STORED,
  notes                 TEXT,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_deal_products_deal_id ON deal_products (deal_id);
CREATE INDEX idx_deal_products_product_id ON deal_products (product_id);

CREATE TABLE deal_activities (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  deal_id               UUID NOT NULL REFERENCES deals(id) ON DELETE CASCADE DEFERRABLE,
  type                  VARCHAR(50) NOT NULL
    CHECK (type IN ('call', 'email', 'meeting', 'demo', 'proposal', 'follow_up', 'note')),
  subject               VARCHAR(500) NOT NULL,
  description           TEXT,
  activity_date         TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  duration_minutes      INTEGER,
  outcome               VARCHAR(50)
    CHECK (outcome IN ('positive', 'neutral', 'negative', 'no_response')),
  next_action           TEXT,
  next_action_date      TIMESTAMP,
  participants          UUID[] DEFAULT '{}', -- employee IDs
  attachments           JSONB DEFAULT '[]'::jsonb,
  created_by            UUID NOT NULL REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_deal_activities_deal_id ON deal_activities (deal_id);
CREATE INDEX idx_deal_activities_type ON deal_activities (type);
CREATE INDEX idx_deal_activities_activity_date ON deal_activities (activity_date);
CREATE INDEX idx_deal_activities_created_by ON deal_activities (created_by);

CREATE TABLE orders (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  order_number          VARCHAR(50) UNIQUE,

  -- Order classification
  type                  VARCHAR(20) NOT NULL DEFAULT 'SALES'
    CHECK (type IN ('SALES', 'PURCHASE', 'TRANSFER', 'RETURN', 'ADJUSTMENT')),
  category              VARCHAR(50),

  -- Relations
  customer_id           UUID REFERENCES customers(id) DEFERRABLE,
  supplier_id           UUID REFERENCES suppliers(id) DEFERRABLE,
  deal_id               UUID REFERENCES deals(id) DEFERRABLE,
  parent_order_id       UUID REFERENCES orders(id) DEFERRABLE,

  -- Status & workflow
  status                VARCHAR(20) NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'returned')),
  priority              VARCHAR(10) NOT NULL DEFAULT 'normal'
    CHECK (priority IN ('low', 'normal', 'high', 'urgent')),

  -- Financial details. subtotal and tax_amount are derived from order_items (0011).
  subtotal              DECIMAL(15,2) NOT NULL DEFAULT 0,
  tax_amount            DECIMAL(15,2) NOT NULL DEFAULT 0,
  discount_amount       DECIMAL(15,2) NOT NULL DEFAULT 0,
  shipping_cost         DECIMAL(15,2) NOT NULL DEFAULT 0,
  total_amount          DECIMAL(15,2) GENERATED ALWAYS AS (
    subtotal + tax_amount + shipping_cost - discount_amount
  ) STORED,
  currency              VARCHAR(3) NOT NULL DEFAULT 'KZT',

  -- Payment. paid_amount and the paid/partial part of payment_status are derived (0011).
  payment_status        VARCHAR(20) NOT NULL DEFAULT 'pending'
    CHECK (payment_status IN ('pending', 'partial', 'paid', 'overdue', 'cancelled')),
  payment_terms         VARCHAR(20) DEFAULT 'NET_30',
  paid_amount           DECIMAL(15,2) NOT NULL DEFAULT 0,

  -- Dates
  order_date            DATE NOT NULL DEFAULT CURRENT_DATE,
  required_date         DATE,
  promised_date         DATE,
  shipped_date          DATE,
  delivered_date        DATE,

  -- Shipping
  shipping_method       VARCHAR(100),
  tracking_number       VARCHAR(100),
  carrier               VARCHAR(100),
  shipping_address      JSONB,
  billing_address       JSONB,

  -- Additional info
  notes                 TEXT,
  internal_notes        TEXT,
  tags                  TEXT[] DEFAULT '{}',
  custom_fields         JSONB DEFAULT '{}'::jsonb,

  -- Audit
  created_by            UUID NOT NULL REFERENCES employees(id) DEFERRABLE,
  approved_by           UUID REFERENCES employees(id) DEFERRABLE,
  approved_at           TIMESTAMP,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_orders_org_id ON orders (organization_id);
CREATE INDEX idx_orders_workspace_id ON orders (workspace_id);
CREATE INDEX idx_orders_type ON orders (type);
CREATE INDEX idx_orders_status ON orders (status);
CREATE INDEX idx_orders_customer_id ON orders (customer_id);
CREATE INDEX idx_orders_deal_id ON orders (deal_id);
CREATE INDEX idx_orders_order_date ON orders (order_date);
CREATE INDEX idx_orders_required_date ON orders (required_date);
CREATE INDEX idx_orders_total_amount ON orders (total_amount);
CREATE INDEX idx_orders_tracking_number ON orders (tracking_number);
CREATE INDEX idx_orders_org_workspace_status_date ON orders (organization_id, workspace_id, status, order_date);
CREATE INDEX idx_orders_customer_date ON orders (customer_id, order_date DESC);

CREATE TABLE order_items (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id              UUID NOT NULL REFERENCES orders(id) ON DELETE CASCADE DEFERRABLE,
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,

  -- Product details (snapshot)
  product_code          VARCHAR(100) NOT NULL,
  product_name          VARCHAR(500) NOT NULL,
  description           TEXT,

  -- Quantities. quantity_shipped and quantity_returned are derived from the stock ledger (0011).
  quantity_ordered      DECIMAL(10,3) NOT NULL DEFAULT 1,
  quantity_shipped      DECIMAL(10,3) NOT NULL DEFAULT 0,
  quantity_delivered    DECIMAL(10,3) NOT NULL DEFAULT 0,
  quantity_returned     DECIMAL(10,3) NOT NULL DEFAULT 0,

  -- Pricing (VAT rule: see the header comment of this migration)
  unit_price            DECIMAL(12,2) NOT NULL DEFAULT 0,
  unit_cost             DECIMAL(12,2) NOT NULL DEFAULT 0,
  discount_percent      DECIMAL(5,2) NOT NULL DEFAULT 0,
  discount_amount       DECIMAL(12,2) NOT NULL DEFAULT 0,
  tax_percent           DECIMAL(5,2) NOT NULL DEFAULT 16,
  vat_included          BOOLEAN NOT NULL DEFAULT false,
  tax_amount            DECIMAL(12,2) NOT NULL DEFAULT 0,
  net_amount            DECIMAL(12,2) GENERATED ALWAYS AS (
    CASE WHEN vat_included THEN round(unit_price * quantity_ordered - discount_amount, 2) - tax_amount
         ELSE round(unit_price * quantity_ordered - discount_amount, 2) END
  ) STORED,
  line_total            DECIMAL(12,2) GENERATED ALWAYS AS (
    CASE WHEN vat_included THEN round(unit_price * quantity_ordered - discount_amount, 2)
         ELSE (unit_price * quantity_ordered - discount_amount) + tax_amount END
  ) STORED,

  -- Manufacturing
  requires_production   BOOLEAN NOT NULL DEFAULT false,
  production_notes      TEXT,

  -- Quality & specifications
  specifications        JSONB DEFAULT '{}'::jsonb,
  quality_requirements  JSONB DEFAULT '{}'::jsonb,

  -- Custom data
  custom_fields         JSONB DEFAULT '{}'::jsonb,
  notes                 TEXT,

  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_order_items_order_id ON order_items (order_id);
CREATE INDEX idx_order_items_product_id ON order_items (product_id);
CREATE INDEX idx_order_items_product_code ON order_items (product_code);

CREATE TRIGGER trg_deals_updated_at BEFORE UPDATE ON deals FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_deal_products_updated_at BEFORE UPDATE ON deal_products FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_deal_activities_updated_at BEFORE UPDATE ON deal_activities FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_orders_updated_at BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_order_items_updated_at BEFORE UPDATE ON order_items FOR EACH ROW EXECUTE FUNCTION set_updated_at();
`,
} satisfies MigrationSource
