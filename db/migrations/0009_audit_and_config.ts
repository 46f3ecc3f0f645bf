import type { MigrationSource } from '../migrator'

/**
 * Audit and configuration: audit_logs (partitioned by month), system_logs,
 * email_verifications, app_settings.
 */
export default {
  name: '0009_audit_and_config',
  target: 'both',
  sql: /* sql */ `
-- Partitioned by month on "timestamp" as the seed intends; a partitioned table's primary key
-- must contain the partition key, so it is (id, "timestamp"). Rows outside every monthly
-- partition land in audit_logs_default instead of failing the business transaction.
CREATE TABLE audit_logs (
  id                    UUID NOT NULL DEFAULT gen_random_uuid(),
  organization_id       UUID REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID REFERENCES workspaces(id) DEFERRABLE,

  -- Action details
  entity_type           VARCHAR(100) NOT NULL,
  entity_id             UUID NOT NULL,
  action                VARCHAR(50) NOT NULL
    CHECK (action IN ('CREATE', 'UPDATE', 'DELETE', 'LOGIN', 'LOGOUT', 'EXPORT', 'IMPORT')),

  -- User details
  user_id               UUID REFERENCES users(id) DEFERRABLE,
  user_email            VARCHAR(255),
  session_id            VARCHAR(255),

  -- Context
  ip_address            INET,
  user_agent            TEXT,
  request_path          VARCHAR(500),
  http_method           VARCHAR(10),

  -- Changes
  old_values            JSONB,
  new_values            JSONB,
  changes               JSONB,

  -- Additional metadata
  source                VARCHAR(50) DEFAULT 'web', -- web, api, system, etc
  reason                TEXT,
  metadata              JSONB DEFAULT '{}'::jsonb,

  -- Timing
  "timestamp"           TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  duration_ms           INTEGER,

  CONSTRAINT audit_logs_pkey PRIMARY KEY (id, "timestamp")
) PARTITION BY RANGE ("timestamp");

CREATE INDEX idx_audit_logs_timestamp ON audit_logs ("timestamp");
CREATE INDEX idx_audit_logs_entity ON audit_logs (entity_type, entity_id);
CREATE INDEX idx_audit_logs_user_id ON audit_logs (user_id);
CREATE INDEX idx_audit_logs_action ON audit_logs (action);
CREATE INDEX idx_audit_logs_org_workspace ON audit_logs (organization_id, workspace_id);

CREATE TABLE audit_logs_y2025m01 PARTITION OF audit_logs
  FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE audit_logs_default PARTITION OF audit_logs DEFAULT;

-- Creates the monthly partitions from the current month to months_ahead months ahead (the app
-- calls it at start-up, central from a scheduled job). Rows of such a month that already sit in
-- the default partition are moved into the new partition first, otherwise ATTACH would fail.
-- SECURITY DEFINER: on central the app role has no DDL rights. Returns how many it created.
CREATE FUNCTION ensure_audit_partitions(months_ahead integer DEFAULT 3) RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  first_month date := date_trunc('month', CURRENT_DATE)::date;
  month_start date;
  month_end   date;
  part        text;
  created     integer := 0;
BEGIN
  IF months_ahead IS NULL OR months_ahead < 0 OR months_ahead > 120 THEN
    RAISE EXCEPTION 'months_ahead must be between 0 and 120, got %', months_ahead;
  END IF;
  FOR i IN 0..months_ahead LOOP
    month_start := (first_month + make_interval(months => i))::date;
    month_end := (month_start + interval '1 month')::date;
    part := format('audit_logs_y%sm%s', to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
    CONTINUE WHEN to_regclass(format('public.%I', part)) IS NOT NULL;
    EXECUTE format('CREATE TABLE public.%I (LIKE public.audit_logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
    EXECUTE format(
      'WITH moved AS (DELETE FROM public.audit_logs_default WHERE "timestamp" >= %L AND "timestamp" < %L RETURNING *) '
      'INSERT INTO public.%I SELECT * FROM moved', month_start, month_end, part);
    EXECUTE format('ALTER TABLE public.audit_logs ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
      part, month_start, month_end);
    created := created + 1;
  END LOOP;
  RETURN created;
END;
$$;

CREATE TABLE system_logs (
  id                    BIGSERIAL PRIMARY KEY,
  level                 VARCHAR(10) NOT NULL
    CHECK (level IN ('DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL')),
  message               TEXT NOT NULL,
  logger_name           VARCHAR(255),

  -- Context
  organization_id       UUID,
  workspace_id          UUID,
  user_id               UUID,
  session_id            VARCHAR(255),
  request_id            VARCHAR(255),

  -- Error details
  error_code            VARCHAR(50),
  stack_trace           TEXT,

  -- Metadata
  metadata              JSONB DEFAULT '{}'::jsonb,
  tags                  TEXT[] DEFAULT '{}',

  -- Timing
  "timestamp"           TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  duration_ms           INTEGER
);

CREATE INDEX idx_system_logs_timestamp ON system_logs ("timestamp");
CREATE INDEX idx_system_logs_level ON system_logs (level);
CREATE INDEX idx_system_logs_logger ON system_logs (logger_name);
CREATE INDEX idx_system_logs_user_id ON system_logs (user_id);
CREATE INDEX idx_system_logs_error_code ON system_logs (error_code);

CREATE TABLE email_verifications (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  email                 VARCHAR(255) NOT NULL,
  code                  VARCHAR(10) NOT NULL,
  user_id               UUID REFERENCES users(id) DEFERRABLE,
  type                  VARCHAR(20) NOT NULL DEFAULT 'registration'
    CHECK (type IN ('registration', 'password_reset', 'email_change')),

  -- Status
  is_used               BOOLEAN NOT NULL DEFAULT false,
  used_at               TIMESTAMP,

  -- Expiry
  expires_at            TIMESTAMP NOT NULL DEFAULT (CURRENT_TIMESTAMP + INTERVAL '24 hours'),
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_email_verifications_email ON email_verifications (email);
CREATE INDEX idx_email_verifications_code ON email_verifications (code);
CREATE INDEX idx_email_verifications_user_id ON email_verifications (user_id);
CREATE INDEX idx_email_verifications_expires_at ON email_verifications (expires_at);

CREATE TABLE app_settings (
  id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id       UUID REFERENCES organizations(id) DEFERRABLE,
  workspace_id          UUID REFERENCES workspaces(id) DEFERRABLE,

  -- Setting identification
  key                   VARCHAR(255) NOT NULL,
  category              VARCHAR(100) NOT NULL DEFAULT 'general',

  -- Value
  value                 JSONB NOT NULL,
  data_type             VARCHAR(20) NOT NULL DEFAULT 'string'
    CHECK (data_type IN ('string', 'number', 'boolean', 'object', 'array')),

  -- Metadata
  description           TEXT,
  is_secret             BOOLEAN NOT NULL DEFAULT false,
  is_readonly           BOOLEAN NOT NULL DEFAULT false,
  validation_rules      JSONB,

  -- Audit
  created_by            UUID REFERENCES users(id) DEFERRABLE,
  updated_by            UUID REFERENCES users(id) DEFERRABLE,
  created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT uk_settings_key_scope UNIQUE (key, organization_id, workspace_id)
);

CREATE INDEX idx_app_settings_org_workspace ON app_settings (organization_id, workspace_id);
CREATE INDEX idx_app_settings_category ON app_settings (category);
CREATE INDEX idx_app_settings_key ON app_settings (key);
-- uk_settings_key_scope treats NULL scopes as distinct, so a global (NULL, NULL) or
-- organization-wide (org, NULL) key could be stored twice. NULLS NOT DISTINCT needs
-- PostgreSQL 15, so the scope is made comparable with a sentinel instead.
CREATE UNIQUE INDEX uk_app_settings_key_scope_nulls ON app_settings (
  key,
  COALESCE(organization_id, '00000000-0000-0000-0000-000000000000'::uuid),
  COALESCE(workspace_id, '00000000-0000-0000-0000-000000000000'::uuid)
);

CREATE TRIGGER trg_app_settings_updated_at BEFORE UPDATE ON app_settings FOR EACH ROW EXECUTE FUNCTION set_updated_at();
`,
} satisfies MigrationSource
