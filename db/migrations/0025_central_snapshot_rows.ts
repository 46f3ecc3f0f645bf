import type { MigrationSource } from '../migrator'

/**
 * Snapshot pages as JSON text (central only). `sync_snapshot_page` (0017) builds a jsonb image
 * per row and drops the columns that do not travel; `sync_snapshot_rows` selects only the
 * travelling columns and aggregates them with json_agg, which costs a fraction of that for the
 * half a million rows of a large workspace, and returns the page's size and last id beside it so
 * the terminal passes the text on to its database without parsing it. The old function stays
 * for terminals of the previous version.
 */
export default {
  name: '0025_central_snapshot_rows',
  target: 'central',
  sql: /* sql */ `
CREATE FUNCTION sync_snapshot_rows(p_terminal UUID, p_secret TEXT, p_table TEXT, p_after UUID, p_limit INTEGER)
RETURNS TABLE (rows TEXT, count INTEGER, last UUID)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
  s sync_scope;
BEGIN
  SELECT * INTO s FROM sync_scope WHERE table_name = p_table AND direction = 'both';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'not a table a terminal holds: %', p_table USING ERRCODE = '22023';
  END IF;
  RETURN QUERY EXECUTE format($q$
    SELECT coalesce(json_agg(x ORDER BY x.id)::text, '[]'), count(*)::integer, (array_agg(x.id ORDER BY x.id DESC))[1]
    FROM (SELECT %s FROM %I t %s
          WHERE t.id > coalesce($1, '00000000-0000-0000-0000-000000000000'::uuid) AND (%s)
          ORDER BY t.id LIMIT $4) x
  $q$,
    (SELECT string_agg(format('t.%I', c), ', ') FROM unnest(s.columns) c),
    s.table_name, sync_scope_join(s), sync_scope_condition(s))
  USING p_after, v_t.organization_id, v_t.workspace_id, p_limit;
END;
$$;

REVOKE ALL ON FUNCTION sync_snapshot_rows(uuid, text, text, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sync_snapshot_rows(uuid, text, text, uuid, integer) TO prometric_sync;
`,
} satisfies MigrationSource
