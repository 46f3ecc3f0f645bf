import type { MigrationSource } from '../migrator'

/**
 * Work: projects (referenced by the seed's tasks and time_entries but never defined there:
 * designed here in the seed's style), tasks and time entries.
 */
export default {
  name: '0008_work',
  target: 'both',
  sql: /* sql */ `
CREATE TABLE projects (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  code                  VARCHAR(50) NOT NULL,

  -- Project details
  name                  VARCHAR(500) NOT NULL,
  description           TEXT,
  status                VARCHAR(20) NOT NULL DEFAULT 'planning'
    CHECK (status IN ('planning', 'active', 'on_hold', 'completed', 'cancelled')),
  priority              VARCHAR(10) NOT NULL DEFAULT 'medium'
    CHECK (priority IN ('low', 'medium', 'high', 'urgent')),

  -- Relations
  customer_id           UUID REFERENCES customers(id) DEFERRABLE,
  deal_id               UUID REFERENCES deals(id) DEFERRABLE,
  manager_id            UUID REFERENCES employees(id) DEFERRABLE,
  department_id         UUID REFERENCES departments(id) DEFERRABLE,

  -- Dates
  start_date            DATE,
  end_date              DATE,
  actual_end_date       DATE,

  -- Budget & billing
  budget                DECIMAL(15,2) DEFAULT 0 CHECK (budget >= 0),
  currency              VARCHAR(3) NOT NULL DEFAULT 'KZT',
  is_billable           BOOLEAN NOT NULL DEFAULT true,
  hourly_rate           DECIMAL(8,2) DEFAULT 0,

  -- Additional info
  tags                  TEXT[] DEFAULT '{}',
  custom_fields         JSONB DEFAULT '{}'::jsonb,
  notes                 TEXT,

  -- Audit
  created_by            UUID REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP,

  CONSTRAINT uk_project_code_org UNIQUE (code, organization_id),
  CONSTRAINT ck_project_dates CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);

CREATE INDEX idx_projects_org_id ON projects (organization_id);
CREATE INDEX idx_projects_workspace_id ON projects (workspace_id);
CREATE INDEX idx_projects_status ON projects (status);
CREATE INDEX idx_projects_customer_id ON projects (customer_id);
CREATE INDEX idx_projects_manager_id ON projects (manager_id);
CREATE INDEX idx_projects_end_date ON projects (end_date);
CREATE INDEX idx_projects_tags ON projects USING GIN (tags);

CREATE TABLE tasks (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,

  -- Task details
  title                 VARCHAR(500) NOT NULL,
  description           TEXT,
  type                  VARCHAR(50) NOT NULL DEFAULT 'general',
  category              VARCHAR(50),
  priority              VARCHAR(10) NOT NULL DEFAULT 'medium'
    CHECK (priority IN ('low', 'medium', 'high', 'urgent')),

  -- Status & workflow
  status                VARCHAR(20) NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'in_progress', 'on_hold', 'completed', 'cancelled')),
  progress_percent      INTEGER DEFAULT 0 CHECK (progress_percent >= 0 AND progress_percent <= 100),

  -- Assignment
  assigned_to           UUID REFERENCES employees(id) DEFERRABLE,
  assigned_by           UUID REFERENCES employees(id) DEFERRABLE,
  department_id         UUID REFERENCES departments(id) DEFERRABLE,
  project_id            UUID REFERENCES projects(id) DEFERRABLE,

  -- Relations
  customer_id           UUID REFERENCES customers(id) DEFERRABLE,
  deal_id               UUID REFERENCES deals(id) DEFERRABLE,
  order_id              UUID REFERENCES orders(id) DEFERRABLE,
  related_entity_type   VARCHAR(50),
  related_entity_id     UUID,
  parent_task_id        UUID REFERENCES tasks(id) DEFERRABLE,

  -- Time tracking
  estimated_hours       DECIMAL(6,2) DEFAULT 0,
  actual_hours          DECIMAL(6,2) DEFAULT 0,
  billable_hours        DECIMAL(6,2) DEFAULT 0,
  hourly_rate           DECIMAL(8,2) DEFAULT 0,

  -- Dates
  start_date            DATE,
  due_date              DATE,
  completed_date        DATE,

  -- Additional info
  tags                  TEXT[] DEFAULT '{}',
  attachments           JSONB DEFAULT '[]'::jsonb,
  custom_fields         JSONB DEFAULT '{}'::jsonb,
  notes                 TEXT,

  -- Audit
  created_by            UUID NOT NULL REFERENCES employees(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_tasks_org_id ON tasks (organization_id);
CREATE INDEX idx_tasks_workspace_id ON tasks (workspace_id);
CREATE INDEX idx_tasks_assigned_to ON tasks (assigned_to);
CREATE INDEX idx_tasks_status ON tasks (status);
CREATE INDEX idx_tasks_priority ON tasks (priority);
CREATE INDEX idx_tasks_due_date ON tasks (due_date);
CREATE INDEX idx_tasks_department_id ON tasks (department_id);
CREATE INDEX idx_tasks_customer_id ON tasks (customer_id);
CREATE INDEX idx_tasks_tags ON tasks USING GIN (tags);

CREATE TABLE time_entries (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  employee_id           UUID NOT NULL REFERENCES employees(id) DEFERRABLE,

  -- Time details
  entry_date            DATE NOT NULL,
  start_time            TIME,
  end_time              TIME,
  duration_hours        DECIMAL(6,2) NOT NULL CHECK (duration_hours >= 0),
  break_hours           DECIMAL(6,2) DEFAULT 0,

  -- Relations
  task_id               UUID REFERENCES tasks(id) DEFERRABLE,
  project_id            UUID REFERENCES projects(id) DEFERRABLE,
  customer_id           UUID REFERENCES customers(id) DEFERRABLE,

  -- Billing
  is_billable           BOOLEAN NOT NULL DEFAULT true,
  hourly_rate           DECIMAL(8,2) DEFAULT 0,
  billable_amount       DECIMAL(10,2) GENERATED ALWAYS AS (
    CASE WHEN is_billable THEN duration_hours * hourly_rate ELSE 0 END
  ) STORED,

  -- Status
  status                VARCHAR(20) NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'billed')),

  -- Description
  description           TEXT,
  notes                 TEXT,

  -- Approval
  approved_by           UUID REFERENCES employees(id) DEFERRABLE,
  approved_at           TIMESTAMP,
  rejection_reason      TEXT,

  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_time_entries_org_id ON time_entries (organization_id);
CREATE INDEX idx_time_entries_workspace_id ON time_entries (workspace_id);
CREATE INDEX idx_time_entries_employee_id ON time_entries (employee_id);
CREATE INDEX idx_time_entries_entry_date ON time_entries (entry_date);
CREATE INDEX idx_time_entries_task_id ON time_entries (task_id);
CREATE INDEX idx_time_entries_status ON time_entries (status);

CREATE TRIGGER trg_projects_updated_at BEFORE UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_tasks_updated_at BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_time_entries_updated_at BEFORE UPDATE ON time_entries FOR EACH ROW EXECUTE FUNCTION set_updated_at();
`,
} satisfies MigrationSource
