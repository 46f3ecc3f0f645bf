import type { MigrationSource } from '../migrator'

/**
 * Identity and organization: users, organizations, workspaces, departments, employees.
 * Every foreign key between synced tables is DEFERRABLE (initially immediate) so that the sync
 * engine and bootstrap can SET CONSTRAINTS ALL DEFERRED and apply a page in any order.
 */
export default {
  name: '0002_identity_and_organization',
  target: 'both',
  sql: /* sql */ `
CREATE TABLE users (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  email                 VARCHAR(255) UNIQUE NOT NULL,
  password_hash         VARCHAR(255) NOT NULL,
  first_name            VARCHAR(100) NOT NULL DEFAULT '',
  last_name             VARCHAR(100) NOT NULL DEFAULT '',
  phone                 VARCHAR(20),
  organization_role     VARCHAR(20) NOT NULL DEFAULT 'employee'
    CHECK (organization_role IN ('owner', 'admin', 'manager', 'employee')),
  status                VARCHAR(20) NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'active', 'inactive', 'suspended')),
  registration_status   VARCHAR(20) NOT NULL DEFAULT 'email_pending'
    CHECK (registration_status IN ('email_pending', 'email_verified', 'onboarding_pending', 'completed')),
  last_login_at         TIMESTAMP,
  last_ip               INET,
  user_agent            TEXT,
  session_id            VARCHAR(255),
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_users_email ON users (email);
CREATE INDEX idx_users_status ON users (status);
CREATE INDEX idx_users_org_role ON users (organization_role);
CREATE INDEX idx_users_created_at ON users (created_at);

CREATE TABLE organizations (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name                  VARCHAR(255) NOT NULL,
  bin                   VARCHAR(12) UNIQUE NOT NULL, -- Kazakhstan BIN
  legal_name            VARCHAR(255),
  address               TEXT,
  phone                 VARCHAR(20),
  email                 VARCHAR(255),
  website               VARCHAR(255),
  industry              VARCHAR(100),
  employee_count        INTEGER DEFAULT 0,
  annual_revenue        DECIMAL(15,2) DEFAULT 0,
  tax_id                VARCHAR(50),
  registration_number   VARCHAR(50),
  status                VARCHAR(20) NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'inactive', 'suspended')),
  settings              JSONB DEFAULT '{}'::jsonb,
  metadata              JSONB DEFAULT '{}'::jsonb,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE UNIQUE INDEX idx_organizations_bin ON organizations (bin) WHERE deleted_at IS NULL;
CREATE INDEX idx_organizations_status ON organizations (status);
CREATE INDEX idx_organizations_industry ON organizations (industry);
CREATE INDEX idx_organizations_settings ON organizations USING GIN (settings);

CREATE TABLE workspaces (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  name                  VARCHAR(255) NOT NULL,
  description           TEXT,
  type                  VARCHAR(50) NOT NULL DEFAULT 'main'
    CHECK (type IN ('main', 'division', 'project', 'branch')),
  status                VARCHAR(20) NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'inactive', 'archived')),
  settings              JSONB DEFAULT '{}'::jsonb,
  created_by            UUID REFERENCES users(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP
);

CREATE INDEX idx_workspaces_org_id ON workspaces (organization_id);
CREATE INDEX idx_workspaces_status ON workspaces (status);
CREATE INDEX idx_workspaces_type ON workspaces (type);

-- departments and employees reference each other (head_id / department_id): departments is
-- created first and its head_id foreign key is added once employees exists.
CREATE TABLE departments (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  name                  VARCHAR(255) NOT NULL,
  code                  VARCHAR(50),
  description           TEXT,
  parent_id             UUID REFERENCES departments(id) DEFERRABLE,
  head_id               UUID, -- REFERENCES employees(id), added below
  budget                DECIMAL(15,2) DEFAULT 0,
  cost_center           VARCHAR(50),
  is_active             BOOLEAN NOT NULL DEFAULT true,
  settings              JSONB DEFAULT '{}'::jsonb,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP,

  CONSTRAINT uk_department_code_org UNIQUE (code, organization_id)
);

CREATE INDEX idx_departments_org_id ON departments (organization_id);
CREATE INDEX idx_departments_workspace_id ON departments (workspace_id);
CREATE INDEX idx_departments_parent_id ON departments (parent_id);
CREATE INDEX idx_departments_head_id ON departments (head_id);
CREATE INDEX idx_departments_is_active ON departments (is_active);

CREATE TABLE employees (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id               UUID NOT NULL REFERENCES users(id) DEFERRABLE,
  organization_id       UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  department_id         UUID REFERENCES departments(id) DEFERRABLE,
  employee_number       VARCHAR(50) UNIQUE,
  position              VARCHAR(255),
  hire_date             DATE,
  termination_date      DATE,
  salary                DECIMAL(12,2),
  currency              VARCHAR(3) NOT NULL DEFAULT 'KZT',
  status                VARCHAR(20) NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'active', 'inactive', 'terminated')),
  permissions           TEXT[] DEFAULT '{}',
  settings              JSONB DEFAULT '{}'::jsonb,
  documents             JSONB DEFAULT '{}'::jsonb, -- IIN, passport, contracts
  emergency_contact     JSONB DEFAULT '{}'::jsonb,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at            TIMESTAMP,

  CONSTRAINT uk_employee_user_org UNIQUE (user_id, organization_id)
);

CREATE INDEX idx_employees_user_id ON employees (user_id);
CREATE INDEX idx_employees_org_id ON employees (organization_id);
CREATE INDEX idx_employees_workspace_id ON employees (workspace_id);
CREATE INDEX idx_employees_department_id ON employees (department_id);
CREATE INDEX idx_employees_status ON employees (status);
CREATE INDEX idx_employees_employee_number ON employees (employee_number);

ALTER TABLE departments
  ADD CONSTRAINT departments_head_id_fkey FOREIGN KEY (head_id) REFERENCES employees(id) DEFERRABLE;

CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_organizations_updated_at BEFORE UPDATE ON organizations FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_workspaces_updated_at BEFORE UPDATE ON workspaces FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_departments_updated_at BEFORE UPDATE ON departments FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_employees_updated_at BEFORE UPDATE ON employees FOR EACH ROW EXECUTE FUNCTION set_updated_at();
`,
} satisfies MigrationSource
