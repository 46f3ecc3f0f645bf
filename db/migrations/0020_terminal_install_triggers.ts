import type { MigrationSource } from '../migrator'

/**
 * `sync_install_triggers()` on the terminal: (re)installs change capture on every synced table.
 * Central's function of the same name (0019) installs its changelog triggers, so a migration for
 * both databases ends with the same `SELECT sync_scope_refresh(); SELECT sync_install_triggers();`.
 */
export default {
  name: '0020_terminal_install_triggers',
  target: 'local',
  sql: /* sql */ `
CREATE FUNCTION sync_install_triggers() RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, public, pg_temp
AS $$ SELECT sync_install_capture() $$;
`,
} satisfies MigrationSource
