import type { MigrationSource } from '../migrator'

/**
 * Catalog: product categories and products.
 * Departures (db/README.md): stock_level / reserved_quantity / available_quantity are
 * DECIMAL(12,3) organization-wide totals maintained from the stock ledger (0011); vat_rate
 * defaults to 16.00 (2026 Tax Code); tax_category added for vat_rate_on().
 */
export default {
  name: '0003_catalog',
  target: 'both',
  sql: /* sql */ `
CREATE TABLE product_categories (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  name                  VARCHAR(255) NOT NULL,
  code                  VARCHAR(50),
  description           TEXT,
  parent_id             UUID REFERENCES product_categories(id) DEFERRABLE,
  sort_order            INTEGER DEFAULT 0,
  is_active             BOOLEAN NOT NULL DEFAULT true,
  metadata              JSONB DEFAULT '{}'::jsonb,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_product_categories_org_id ON product_categories (organization_id);
CREATE INDEX idx_product_categories_workspace_id ON product_categories (workspace_id);
CREATE INDEX idx_product_categories_parent_id ON product_categories (parent_id);

CREATE TABLE products (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  code                  VARCHAR(100) NOT NULL,
  name                  VARCHAR(500) NOT NULL,
  description           TEXT,
  type                  VARCHAR(20) NOT NULL DEFAULT 'PRODUCT'
    CHECK (type IN ('PRODUCT', 'MATERIAL', 'SERVICE', 'MANUFACTURED', 'BUNDLE', 'DIGITAL')),
  category_id           UUID REFERENCES product_categories(id) DEFERRABLE,
  unit                  VARCHAR(20) NOT NULL DEFAULT 'шт',
  status                VARCHAR(20) NOT NULL DEFAULT 'ACTIVE'
    CHECK (status IN ('ACTIVE', 'INACTIVE', 'DISCONTINUED')),

  -- Pricing
  price                 DECIMAL(12,2) NOT NULL DEFAULT 0,
  cost                  DECIMAL(12,2) NOT NULL DEFAULT 0,
  currency              VARCHAR(3) NOT NULL DEFAULT 'KZT',
  markup_percent        DECIMAL(5,2) DEFAULT 0,

  -- Tax. 16% is the standard rate since 2026-01-01 (the seed's 12 predates the 2026 Tax Code);
  -- tax_category selects the rate by date through vat_rate_on() (0011).
  vat_rate              DECIMAL(5,2) NOT NULL DEFAULT 16.00,
  vat_included          BOOLEAN NOT NULL DEFAULT true,
  vat_exempt            BOOLEAN NOT NULL DEFAULT false,
  tax_category          VARCHAR(20) NOT NULL DEFAULT 'standard'
    CHECK (tax_category IN ('standard', 'medical', 'exempt')),

  -- Inventory. Organization-wide totals over all workspaces and lots, fractional (kg, m, l),
  -- maintained from inventory_movements by triggers; never written by application code.
  track_inventory       BOOLEAN NOT NULL DEFAULT true,
  stock_level           DECIMAL(12,3) NOT NULL DEFAULT 0,
  reserved_quantity     DECIMAL(12,3) NOT NULL DEFAULT 0,
  available_quantity    DECIMAL(12,3) GENERATED ALWAYS AS (stock_level - reserved_quantity) STORED,
  min_stock_level       INTEGER NOT NULL DEFAULT 0,
  max_stock_level       INTEGER NOT NULL DEFAULT 100,
  reorder_point         INTEGER NOT NULL DEFAULT 10,
  reorder_quantity      INTEGER NOT NULL DEFAULT 50,

  -- Physical attributes
  weight                DECIMAL(8,3),
  dimensions            JSONB, -- {length, width, height, unit}
  color                 VARCHAR(50),
  barcode               VARCHAR(100),
  sku                   VARCHAR(100),

  -- Manufacturing
  lead_time_days        INTEGER DEFAULT 0,
  production_time       INTEGER DEFAULT 0, -- minutes
  requires_production   BOOLEAN DEFAULT false,

  -- Digital attributes
  images                JSONB DEFAULT '[]'::jsonb,
  specifications        JSONB DEFAULT '{}'::jsonb,
  custom_fields         JSONB DEFAULT '{}'::jsonb,
  tags                  TEXT[] DEFAULT '{}',

  -- Audit
  created_by            UUID REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP,

  CONSTRAINT uk_product_code_org UNIQUE (code, organization_id)
);

CREATE INDEX idx_products_org_id ON products (organization_id);
CREATE INDEX idx_products_workspace_id ON products (workspace_id);
CREATE INDEX idx_products_code ON products (code);
CREATE INDEX idx_products_type ON products (type);
CREATE INDEX idx_products_category_id ON products (category_id);
CREATE INDEX idx_products_status ON products (status);
CREATE INDEX idx_products_barcode ON products (barcode);
CREATE INDEX idx_products_sku ON products (sku);
CREATE INDEX idx_products_stock_level ON products (stock_level);
CREATE INDEX idx_products_tags ON products USING GIN (tags);
CREATE INDEX idx_products_specs ON products USING GIN (specifications);
CREATE INDEX idx_products_stock_status ON products (stock_level, status) WHERE track_inventory = true;

CREATE TRIGGER trg_product_categories_updated_at BEFORE UPDATE ON product_categories FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_products_updated_at BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION set_updated_at();
`,
} satisfies MigrationSource
