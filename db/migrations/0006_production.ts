import type { MigrationSource } from '../migrator'

/**
 * Production: production orders, bills of materials and their components.
 * production_orders is created before bills_of_materials (the seed's order); its bom_id
 * foreign key is added once the BOM table exists.
 * Departure: production quantities are DECIMAL(12,3) like BOM quantities and stock (a BOM
 * may produce 2.5 kg); quantity_produced is derived from production_output ledger rows (0011).
 */
export default {
  name: '0006_production',
  target: 'both',
  sql: /* sql */ `
CREATE TABLE production_orders (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  production_number     VARCHAR(50) UNIQUE,

  -- Relations
  order_id              UUID REFERENCES orders(id) DEFERRABLE,
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,
  bom_id                UUID, -- REFERENCES bills_of_materials(id), added below

  -- Production details (fractional: see the header)
  quantity_to_produce   DECIMAL(12,3) NOT NULL,
  quantity_produced     DECIMAL(12,3) NOT NULL DEFAULT 0,
  quantity_completed    DECIMAL(12,3) NOT NULL DEFAULT 0,
  quantity_scrapped     DECIMAL(12,3) NOT NULL DEFAULT 0,

  -- Status & priority
  status                VARCHAR(20) NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'scheduled', 'in_progress', 'completed', 'cancelled', 'on_hold')),
  priority              VARCHAR(10) NOT NULL DEFAULT 'normal'
    CHECK (priority IN ('low', 'normal', 'high', 'urgent')),

  -- Scheduling
  planned_start_date    TIMESTAMP,
  planned_end_date      TIMESTAMP,
  actual_start_date     TIMESTAMP,
  actual_end_date       TIMESTAMP,
  due_date              TIMESTAMP,

  -- Resources
  production_line       VARCHAR(100),
  work_center           VARCHAR(100),
  shift                 VARCHAR(20),
  assigned_team         UUID[], -- employee IDs

  -- Costs
  estimated_cost        DECIMAL(12,2) DEFAULT 0,
  actual_cost           DECIMAL(12,2) DEFAULT 0,
  material_cost         DECIMAL(12,2) DEFAULT 0,
  labor_cost            DECIMAL(12,2) DEFAULT 0,
  overhead_cost         DECIMAL(12,2) DEFAULT 0,

  -- Quality
  quality_standard      VARCHAR(50),
  qc_required           BOOLEAN NOT NULL DEFAULT true,
  qc_passed             BOOLEAN,
  qc_notes              TEXT,

  -- Additional info
  notes                 TEXT,
  instructions          TEXT,
  custom_fields         JSONB DEFAULT '{}'::jsonb,

  -- Audit
  created_by            UUID NOT NULL REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_production_orders_org_id ON production_orders (organization_id);
CREATE INDEX idx_production_orders_workspace_id ON production_orders (workspace_id);
CREATE INDEX idx_production_orders_order_id ON production_orders (order_id);
CREATE INDEX idx_production_orders_product_id ON production_orders (product_id);
CREATE INDEX idx_production_orders_status ON production_orders (status);
CREATE INDEX idx_production_orders_priority ON production_orders (priority);
CREATE INDEX idx_production_orders_due_date ON production_orders (due_date);

CREATE TABLE bills_of_materials (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,

  -- Product relation
  product_id            UUID NOT NULL REFERENCES products(id) DEFERRABLE,
  version               VARCHAR(20) NOT NULL DEFAULT '1.0',
  name                  VARCHAR(255) NOT NULL,
  description           TEXT,

  -- BOM details
  quantity              DECIMAL(10,3) NOT NULL DEFAULT 1, -- quantity this BOM produces
  unit                  VARCHAR(20) NOT NULL DEFAULT 'шт',

  -- Status
  status                VARCHAR(20) NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'active', 'inactive', 'archived')),
  is_default            BOOLEAN NOT NULL DEFAULT false,

  -- Manufacturing details
  lead_time_days        INTEGER DEFAULT 0,
  setup_time_minutes    INTEGER DEFAULT 0,
  production_time_minutes INTEGER DEFAULT 0,

  -- Costs (calculated)
  material_cost         DECIMAL(12,2) DEFAULT 0,
  labor_cost            DECIMAL(12,2) DEFAULT 0,
  overhead_cost         DECIMAL(12,2) DEFAULT 0,
  total_cost            DECIMAL(12,2) GENERATED ALWAYS AS (
    material_cost + labor_cost + overhead_cost
  ) STORED,

  -- Metadata
  valid_from            DATE DEFAULT CURRENT_DATE,
  valid_to              DATE,
  created_by            UUID REFERENCES employees(id) DEFERRABLE,
  approved_by           UUID REFERENCES employees(id) DEFERRABLE,
  approved_at           TIMESTAMP,

  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP,

  CONSTRAINT uk_bom_product_version UNIQUE (product_id, version)
);

CREATE INDEX idx_bom_org_id ON bills_of_materials (organization_id);
CREATE INDEX idx_bom_workspace_id ON bills_of_materials (workspace_id);
CREATE INDEX idx_bom_product_id ON bills_of_materials (product_id);
CREATE INDEX idx_bom_status ON bills_of_materials (status);
CREATE INDEX idx_bom_is_default ON bills_of_materials (is_default);

ALTER TABLE production_orders
  ADD CONSTRAINT production_orders_bom_id_fkey FOREIGN KEY (bom_id) REFERENCES bills_of_materials(id) DEFERRABLE;

CREATE TABLE bom_components (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  bom_id                UUID NOT NULL REFERENCES bills_of_materials(id) ON DELETE CASCADE DEFERRABLE,
  component_id          UUID NOT NULL REFERENCES products(id) DEFERRABLE,

  -- Component details
  sequence_number       INTEGER NOT NULL DEFAULT 1,
  quantity_per_unit     DECIMAL(10,3) NOT NULL DEFAULT 1,
  unit                  VARCHAR(20) NOT NULL DEFAULT 'шт',
  scrap_factor          DECIMAL(5,3) NOT NULL DEFAULT 0, -- waste percentage

  -- Substitutes
  substitute_component_id UUID REFERENCES products(id) DEFERRABLE,
  substitution_ratio    DECIMAL(5,3) DEFAULT 1,

  -- Operations
  operation_sequence    INTEGER,
  operation_notes       TEXT,

  -- Costing
  unit_cost             DECIMAL(12,2) NOT NULL DEFAULT 0,
  total_cost            DECIMAL(12,2) GENERATED ALWAYS AS (
    unit_cost * quantity_per_unit * (1 + scrap_factor)
  ) STORED,

  -- Specifications
  specifications        JSONB DEFAULT '{}'::jsonb,
  notes                 TEXT,

  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_bom_components_bom_id ON bom_components (bom_id);
CREATE INDEX idx_bom_components_component_id ON bom_components (component_id);
CREATE INDEX idx_bom_components_sequence ON bom_components (bom_id, sequence_number);

CREATE TRIGGER trg_production_orders_updated_at BEFORE UPDATE ON production_orders FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_bills_of_materials_updated_at BEFORE UPDATE ON bills_of_materials FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_bom_components_updated_at BEFORE UPDATE ON bom_components FOR EACH ROW EXECUTE FUNCTION set_updated_at();
`,
} satisfies MigrationSource
