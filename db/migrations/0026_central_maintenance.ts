import type { MigrationSource } from '../migrator'

/**
 * Head office's periodic work in one function (central only): audit-log partitions three months
 * ahead (otherwise rows land in the DEFAULT partition), the changelog purged past its retention
 * (terminals behind it re-bootstrap), and the seed's daily sales summary refreshed. Where
 * pg_cron is installed (on RDS: `pg_cron` in shared_preload_libraries, then CREATE EXTENSION)
 * it is scheduled nightly at 02:30 Almaty time; elsewhere the server's scheduler runs
 * `npm run central -- maintain --url <owner url>`.
 */
export default {
  name: '0026_central_maintenance',
  target: 'central',
  sql: /* sql */ `
CREATE FUNCTION prometric_central_maintenance() RETURNS JSONB
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_partitions INTEGER;
  v_purged BIGINT;
BEGIN
  v_partitions := ensure_audit_partitions(3);
  v_purged := sync_purge_changelog();
  REFRESH MATERIALIZED VIEW daily_sales_summary;
  RETURN jsonb_build_object('auditPartitionsCreated', v_partitions, 'changelogPurgedThrough', v_purged,
                            'salesSummaryRefreshedAt', now());
END;
$$;

REVOKE ALL ON FUNCTION prometric_central_maintenance() FROM PUBLIC;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN
    -- 21:30 UTC = 02:30 in Kazakhstan (UTC+5), after the working day of every site.
    PERFORM cron.schedule('prometric-central-maintenance', '30 21 * * *', 'SELECT prometric_central_maintenance()');
  END IF;
END;
$$;
`,
} satisfies MigrationSource
