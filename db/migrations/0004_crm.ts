import type { MigrationSource } from '../migrator'

/**
 * CRM: customers with their contacts and addresses, and suppliers (referenced by the seed's
 * orders.supplier_id but never defined there: designed here in the seed's style).
 */
export default {
  name: '0004_crm',
  target: 'both',
  sql: /* sql */ `
CREATE TABLE customers (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  customer_number       VARCHAR(50) UNIQUE,

  -- Basic info
  name                  VARCHAR(500) NOT NULL,
  type                  VARCHAR(20) NOT NULL DEFAULT 'COMPANY'
    CHECK (type IN ('COMPANY', 'INDIVIDUAL')),
  status                VARCHAR(20) NOT NULL DEFAULT 'LEAD'
    CHECK (status IN ('LEAD', 'PROSPECT', 'ACTIVE', 'INACTIVE', 'CHURNED')),

  -- Contact details
  email                 VARCHAR(255),
  phone                 VARCHAR(20),
  website               VARCHAR(255),

  -- Company details
  company_name          VARCHAR(500),
  legal_name            VARCHAR(500),
  industry              VARCHAR(100),
  employee_count        INTEGER,
  annual_revenue        DECIMAL(15,2),

  -- Kazakhstan specific
  bin                   VARCHAR(12), -- Company BIN
  iin                   VARCHAR(12), -- Individual IIN
  kbe_code              VARCHAR(10), -- Kazakhstan Bank Code

  -- Business metrics. balance is derived (0011): what the customer owes on issued invoices.
  credit_limit          DECIMAL(15,2) DEFAULT 0,
  balance               DECIMAL(15,2) DEFAULT 0,
  currency              VARCHAR(3) NOT NULL DEFAULT 'KZT',
  payment_terms         VARCHAR(20) DEFAULT 'NET_30'
    CHECK (payment_terms IN ('PREPAYMENT', 'NET_15', 'NET_30', 'NET_45', 'NET_60')),
  payment_behavior      VARCHAR(20) DEFAULT 'unknown'
    CHECK (payment_behavior IN ('excellent', 'good', 'fair', 'poor', 'unknown')),

  -- CRM fields
  source                VARCHAR(50), -- lead source
  segment               VARCHAR(50),
  tier                  VARCHAR(20) DEFAULT 'standard'
    CHECK (tier IN ('standard', 'silver', 'gold', 'platinum')),
  assigned_to           UUID REFERENCES employees(id) DEFERRABLE,
  rating                DECIMAL(3,2) DEFAULT 0 CHECK (rating >= 0 AND rating <= 10),

  -- Calculated fields: recomputed by triggers on every replica (0011), never synced.
  lifetime_value        DECIMAL(15,2) DEFAULT 0,
  last_order_date       DATE,
  last_contact_date     DATE,
  order_count           INTEGER DEFAULT 0,
  deal_count            INTEGER DEFAULT 0,

  -- Custom data
  tags                  TEXT[] DEFAULT '{}',
  custom_fields         JSONB DEFAULT '{}'::jsonb,
  preferences           JSONB DEFAULT '{}'::jsonb,
  notes                 TEXT,

  -- Audit
  created_by            UUID REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_customers_org_id ON customers (organization_id);
CREATE INDEX idx_customers_workspace_id ON customers (workspace_id);
CREATE INDEX idx_customers_type ON customers (type);
CREATE INDEX idx_customers_status ON customers (status);
CREATE INDEX idx_customers_email ON customers (email);
CREATE INDEX idx_customers_bin ON customers (bin);
CREATE INDEX idx_customers_iin ON customers (iin);
CREATE INDEX idx_customers_assigned_to ON customers (assigned_to);
CREATE INDEX idx_customers_tags ON customers USING GIN (tags);
CREATE INDEX idx_customers_tier ON customers (tier);
CREATE INDEX idx_customers_last_order_date ON customers (last_order_date);
CREATE INDEX idx_customers_org_workspace_status ON customers (organization_id, workspace_id, status);

CREATE TABLE customer_contacts (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id           UUID NOT NULL REFERENCES customers(id) DEFERRABLE,
  first_name            VARCHAR(100) NOT NULL,
  last_name             VARCHAR(100) NOT NULL,
  position              VARCHAR(255),
  email                 VARCHAR(255),
  phone                 VARCHAR(20),
  mobile                VARCHAR(20),
  is_primary            BOOLEAN NOT NULL DEFAULT false,
  is_decision_maker     BOOLEAN NOT NULL DEFAULT false,
  department            VARCHAR(100),
  notes                 TEXT,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_customer_contacts_customer_id ON customer_contacts (customer_id);
CREATE INDEX idx_customer_contacts_is_primary ON customer_contacts (is_primary);
CREATE INDEX idx_customer_contacts_email ON customer_contacts (email);

CREATE TABLE customer_addresses (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id           UUID NOT NULL REFERENCES customers(id) DEFERRABLE,
  type                  VARCHAR(20) NOT NULL
    CHECK (type IN ('billing', 'shipping', 'legal', 'office')),
  address_line_1        VARCHAR(500) NOT NULL,
  address_line_2        VARCHAR(500),
  city                  VARCHAR(100) NOT NULL,
  state_region          VARCHAR(100),
  postal_code           VARCHAR(20),
  country               VARCHAR(2) NOT NULL DEFAULT 'KZ',
  is_primary            BOOLEAN NOT NULL DEFAULT false,
  is_default_billing    BOOLEAN NOT NULL DEFAULT false,
  is_default_shipping   BOOLEAN NOT NULL DEFAULT false,
  coordinates           POINT, -- built-in geometric point (no PostGIS needed)
  notes                 TEXT,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_customer_addresses_customer_id ON customer_addresses (customer_id);
CREATE INDEX idx_customer_addresses_type ON customer_addresses (type);
CREATE INDEX idx_customer_addresses_country ON customer_addresses (country);
CREATE INDEX idx_customer_addresses_postal_code ON customer_addresses (postal_code);

-- Suppliers: the seed references suppliers(id) from orders but never defines the table.
-- Organization-wide master data like customers; Kazakhstan identifiers (BIN for companies,
-- IIN for individual entrepreneurs, KBE) and bank details for payment orders (IBAN, BIK).
CREATE TABLE suppliers (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  code                  VARCHAR(50) NOT NULL,

  -- Basic info
  name                  VARCHAR(500) NOT NULL,
  legal_name            VARCHAR(500),
  type                  VARCHAR(20) NOT NULL DEFAULT 'COMPANY'
    CHECK (type IN ('COMPANY', 'INDIVIDUAL')),
  status                VARCHAR(20) NOT NULL DEFAULT 'ACTIVE'
    CHECK (status IN ('ACTIVE', 'INACTIVE', 'BLOCKED')),

  -- Contact details
  contact_person        VARCHAR(255),
  email                 VARCHAR(255),
  phone                 VARCHAR(20),
  website               VARCHAR(255),
  address               TEXT,
  city                  VARCHAR(100),
  country               VARCHAR(2) NOT NULL DEFAULT 'KZ',

  -- Kazakhstan specific: 12-digit identifiers (checksums are checked in shared/, not here)
  bin                   VARCHAR(12) CHECK (bin ~ '^[0-9]{12}$'),
  iin                   VARCHAR(12) CHECK (iin ~ '^[0-9]{12}$'),
  kbe_code              VARCHAR(10),
  vat_payer             BOOLEAN NOT NULL DEFAULT false,
  vat_certificate       VARCHAR(50),
  bank_name             VARCHAR(255),
  iban                  VARCHAR(34),
  bik                   VARCHAR(11),

  -- Terms
  currency              VARCHAR(3) NOT NULL DEFAULT 'KZT',
  payment_terms         VARCHAR(20) DEFAULT 'NET_30'
    CHECK (payment_terms IN ('PREPAYMENT', 'NET_15', 'NET_30', 'NET_45', 'NET_60')),
  lead_time_days        INTEGER DEFAULT 0 CHECK (lead_time_days >= 0),
  rating                DECIMAL(3,2) DEFAULT 0 CHECK (rating >= 0 AND rating <= 10),

  -- Custom data
  tags                  TEXT[] DEFAULT '{}',
  custom_fields         JSONB DEFAULT '{}'::jsonb,
  notes                 TEXT,

  -- Audit
  created_by            UUID REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP,

  CONSTRAINT uk_supplier_code_org UNIQUE (code, organization_id)
);

CREATE INDEX idx_suppliers_org_id ON suppliers (organization_id);
CREATE INDEX idx_suppliers_workspace_id ON suppliers (workspace_id);
CREATE INDEX idx_suppliers_status ON suppliers (status);
CREATE INDEX idx_suppliers_bin ON suppliers (bin);
CREATE INDEX idx_suppliers_tags ON suppliers USING GIN (tags);
-- One live supplier per BIN in an organization (deleted ones may repeat it).
CREATE UNIQUE INDEX uk_suppliers_org_bin ON suppliers (organization_id, bin)
  WHERE deleted_at IS NULL AND bin IS NOT NULL;

CREATE TRIGGER trg_customers_updated_at BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_customer_contacts_updated_at BEFORE UPDATE ON customer_contacts FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_customer_addresses_updated_at BEFORE UPDATE ON customer_addresses FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_suppliers_updated_at BEFORE UPDATE ON suppliers FOR EACH ROW EXECUTE FUNCTION set_updated_at();
`,
} satisfies MigrationSource
