import type { MigrationSource } from '../migrator'

/**
 * Finance: invoices with their items, and payments.
 * invoice_items follow the VAT rule of 0005 (vat_included, net_amount). Invoice subtotal,
 * tax_amount and paid_amount are derived (0011).
 */
export default {
  name: '0007_finance',
  target: 'both',
  sql: /* sql */ `
CREATE TABLE invoices (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  invoice_number        VARCHAR(50) UNIQUE NOT NULL,

  -- Relations
  customer_id           UUID REFERENCES customers(id) DEFERRABLE,
  order_id              UUID REFERENCES orders(id) DEFERRABLE,
  deal_id               UUID REFERENCES deals(id) DEFERRABLE,

  -- Invoice details
  type                  VARCHAR(20) NOT NULL DEFAULT 'STANDARD'
    CHECK (type IN ('STANDARD', 'PROFORMA', 'CREDIT_NOTE', 'DEBIT_NOTE', 'RECURRING')),
  status                VARCHAR(20) NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'sent', 'viewed', 'partial', 'paid', 'overdue', 'cancelled')),

  -- Amounts
  subtotal              DECIMAL(15,2) NOT NULL DEFAULT 0,
  tax_amount            DECIMAL(15,2) NOT NULL DEFAULT 0,
  discount_amount       DECIMAL(15,2) NOT NULL DEFAULT 0,
  total_amount          DECIMAL(15,2) GENERATED ALWAYS AS (
    subtotal + tax_amount - discount_amount
  ) STORED,
  paid_amount           DECIMAL(15,2) NOT NULL DEFAULT 0,
  currency              VARCHAR(3) NOT NULL DEFAULT 'KZT',

  -- Dates
  issue_date            DATE NOT NULL DEFAULT CURRENT_DATE,
  due_date              DATE NOT NULL,
  sent_date             DATE,
  paid_date             DATE,

  -- Payment terms
  payment_terms         VARCHAR(20) DEFAULT 'NET_30',
  payment_method        VARCHAR(50),

  -- References
  po_number             VARCHAR(100), -- Purchase Order number
  reference_number      VARCHAR(100),
  contract_number       VARCHAR(100),

  -- Additional info
  notes                 TEXT,
  internal_notes        TEXT,
  terms_conditions      TEXT,

  -- ESF (Kazakhstan e-invoice)
  esf_number            VARCHAR(50),
  esf_status            VARCHAR(20),
  esf_date              TIMESTAMP,

  -- Custom data
  custom_fields         JSONB DEFAULT '{}'::jsonb,

  -- Audit
  created_by            UUID NOT NULL REFERENCES employees(id) DEFERRABLE,
  sent_by               UUID REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_invoices_org_id ON invoices (organization_id);
CREATE INDEX idx_invoices_workspace_id ON invoices (workspace_id);
CREATE INDEX idx_invoices_customer_id ON invoices (customer_id);
CREATE INDEX idx_invoices_order_id ON invoices (order_id);
CREATE INDEX idx_invoices_status ON invoices (status);
CREATE INDEX idx_invoices_issue_date ON invoices (issue_date);
CREATE INDEX idx_invoices_due_date ON invoices (due_date);
CREATE INDEX idx_invoices_total_amount ON invoices (total_amount);
CREATE UNIQUE INDEX idx_invoices_number ON invoices (invoice_number) WHERE deleted_at IS NULL;

CREATE TABLE invoice_items (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  invoice_id            UUID NOT NULL REFERENCES invoices(id) ON DELETE CASCADE DEFERRABLE,
  product_id            UUID REFERENCES products(id) DEFERRABLE,

  -- Item details
  description           TEXT NOT NULL,
  quantity              DECIMAL(10,3) NOT NULL DEFAULT 1,
  unit                  VARCHAR(20) NOT NULL DEFAULT 'шт',
  unit_price            DECIMAL(12,2) NOT NULL DEFAULT 0,

  -- Discounts
  discount_percent      DECIMAL(5,2) NOT NULL DEFAULT 0,
  discount_amount       DECIMAL(12,2) NOT NULL DEFAULT 0,

  -- Tax (VAT rule: see 0005)
  tax_percent           DECIMAL(5,2) NOT NULL DEFAULT 16,
  vat_included          BOOLEAN NOT NULL DEFAULT false,
  tax_amount            DECIMAL(12,2) NOT NULL DEFAULT 0,

  -- Totals
  net_amount            DECIMAL(12,2) GENERATED ALWAYS AS (
    CASE WHEN vat_included THEN round(unit_price * quantity - discount_amount, 2) - tax_amount
         ELSE round(unit_price * quantity - discount_amount, 2) END
  ) STORED,
  line_total            DECIMAL(12,2) GENERATED ALWAYS AS (
    CASE WHEN vat_included THEN round(unit_price * quantity - discount_amount, 2)
         ELSE (unit_price * quantity - discount_amount) + tax_amount END
  ) STORED,

  -- Additional info
  notes                 TEXT,
  custom_fields         JSONB DEFAULT '{}'::jsonb,

  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_invoice_items_invoice_id ON invoice_items (invoice_id);
CREATE INDEX idx_invoice_items_product_id ON invoice_items (product_id);

CREATE TABLE payments (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  payment_number        VARCHAR(50) UNIQUE,

  -- Relations. invoice_id: the whole payment settles that invoice, unless the payment is split
  -- over several invoices with payment_allocations (0011), which then take precedence.
  customer_id           UUID REFERENCES customers(id) DEFERRABLE,
  invoice_id            UUID REFERENCES invoices(id) DEFERRABLE,
  order_id              UUID REFERENCES orders(id) DEFERRABLE,

  -- Payment details
  amount                DECIMAL(15,2) NOT NULL,
  currency              VARCHAR(3) NOT NULL DEFAULT 'KZT',
  payment_date          DATE NOT NULL DEFAULT CURRENT_DATE,

  -- Payment method
  payment_method        VARCHAR(50) NOT NULL
    CHECK (payment_method IN ('CASH', 'BANK_TRANSFER', 'CARD', 'CHECK', 'OTHER')),
  payment_gateway       VARCHAR(50),
  transaction_id        VARCHAR(255),
  reference_number      VARCHAR(100),

  -- Bank details
  bank_name             VARCHAR(255),
  account_number        VARCHAR(50),
  routing_number        VARCHAR(50),

  -- Status
  status                VARCHAR(20) NOT NULL DEFAULT 'completed'
    CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'cancelled', 'refunded')),

  -- Exchange rate (if multi-currency)
  exchange_rate         DECIMAL(10,6) DEFAULT 1,
  base_amount           DECIMAL(15,2),

  -- Additional info
  notes                 TEXT,
  internal_notes        TEXT,

  -- Audit
  processed_by          UUID REFERENCES employees(id) DEFERRABLE,
  created_by            UUID REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_payments_org_id ON payments (organization_id);
CREATE INDEX idx_payments_workspace_id ON payments (workspace_id);
CREATE INDEX idx_payments_customer_id ON payments (customer_id);
CREATE INDEX idx_payments_invoice_id ON payments (invoice_id);
CREATE INDEX idx_payments_payment_date ON payments (payment_date);
CREATE INDEX idx_payments_amount ON payments (amount);
CREATE INDEX idx_payments_status ON payments (status);
CREATE INDEX idx_payments_method ON payments (payment_method);
-- Not in the seed: the derived orders.paid_amount looks payments up by order.
CREATE INDEX idx_payments_order_id ON payments (order_id);

CREATE TRIGGER trg_invoices_updated_at BEFORE UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_invoice_items_updated_at BEFORE UPDATE ON invoice_items FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_payments_updated_at BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION set_updated_at();
`,
} satisfies MigrationSource
