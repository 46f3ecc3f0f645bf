import type { MigrationSource } from '../migrator'

/**
 * The terminal itself (local only, never synced, never on central): which company it holds and
 * how — a demo, a standalone company, or enrolled with head office. A demo or standalone
 * company never syncs; the sync engine reads `mode` before anything else.
 */
export default {
  name: '0014_terminal_state',
  target: 'local',
  sql: /* sql */ `
CREATE TABLE terminal_state (
  -- One row at most: the terminal has one identity.
  singleton         BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
  mode              VARCHAR(20) NOT NULL CHECK (mode IN ('demo', 'standalone', 'enrolled')),
  organization_id   UUID NOT NULL REFERENCES organizations(id) DEFERRABLE,
  workspace_id      UUID NOT NULL REFERENCES workspaces(id) DEFERRABLE,
  created_at        TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at        TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TRIGGER trg_terminal_state_updated_at BEFORE UPDATE ON terminal_state
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
`,
} satisfies MigrationSource
