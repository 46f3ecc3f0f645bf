import type { MigrationSource } from '../migrator'

/**
 * `sync_install_triggers()` on central: gives every table of the scope map that travels both
 * ways its changelog trigger. A migration that adds a synced table (target `both`) inserts its
 * `sync_scope` row and ends with `SELECT sync_scope_refresh(); SELECT sync_install_triggers();`
 * — the same two calls on both databases; the terminal's version (0020) installs capture.
 */
export default {
  name: '0019_central_install_triggers',
  target: 'central',
  sql: /* sql */ `
CREATE FUNCTION sync_install_triggers() RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  s RECORD;
BEGIN
  FOR s IN SELECT table_name FROM sync_scope WHERE direction = 'both' ORDER BY apply_order LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS zz_sync_changelog ON %I', s.table_name);
    EXECUTE format('CREATE TRIGGER zz_sync_changelog AFTER INSERT OR UPDATE OR DELETE ON %I '
                   'FOR EACH ROW EXECUTE FUNCTION sync_changelog_capture(%L)', s.table_name, s.table_name);
  END LOOP;
END;
$$;

REVOKE ALL ON FUNCTION sync_install_triggers() FROM PUBLIC;
`,
} satisfies MigrationSource
