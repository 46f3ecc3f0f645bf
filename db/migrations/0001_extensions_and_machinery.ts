import type { MigrationSource } from '../migrator'

/**
 * Extensions and the trigger machinery every later table uses: the sync-apply and
 * derived-write flags, and the updated_at trigger.
 */
export default {
  name: '0001_extensions_and_machinery',
  target: 'both',
  sql: /* sql */ `
-- pgcrypto: the seed's encrypt/decrypt_sensitive_data (pgp_sym_*). gen_random_uuid() itself is
-- core since PostgreSQL 13. pg_trgm: fuzzy product/customer search later.
-- On PGlite both must also be passed to the PGlite constructor (db/connection.ts).
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- True while the sync engine applies pulled changes (SET LOCAL prometric.sync_apply = 'on').
-- Triggers that rewrite business values then leave the applied values alone, because the
-- values already went through those rules on the replica that wrote them.
CREATE FUNCTION prometric_sync_applying() RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$ SELECT coalesce(current_setting('prometric.sync_apply', true), '') = 'on' $$;

-- True while a trigger refreshes derived columns (totals, balances, stock, counters). Set only
-- around the trigger's own UPDATE (see derived_write_begin/end); guards that refuse direct
-- writes also require pg_trigger_depth() > 1, so a client that sets the flag by hand still
-- cannot write stock directly.
CREATE FUNCTION prometric_deriving() RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$ SELECT coalesce(current_setting('prometric.derived', true), '') = 'on' $$;

-- Opens a derived write; returns the previous flag so nested refreshes restore it.
CREATE FUNCTION derived_write_begin() RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  previous text := coalesce(current_setting('prometric.derived', true), '');
BEGIN
  PERFORM set_config('prometric.derived', 'on', true);
  RETURN previous;
END;
$$;

CREATE FUNCTION derived_write_end(previous text) RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  PERFORM set_config('prometric.derived', coalesce(previous, ''), true);
END;
$$;

-- updated_at: stamped on every business edit. Left alone while pulled changes are applied
-- (the applied value is the writer's), and while a trigger only refreshes derived columns
-- (so every replica ends with the same updated_at for the same source facts).
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF prometric_deriving() THEN
    NEW.updated_at := OLD.updated_at;
  ELSIF NOT prometric_sync_applying() THEN
    NEW.updated_at := CURRENT_TIMESTAMP;
  END IF;
  RETURN NEW;
END;
$$;

-- Guard for tables maintained only by triggers (stock_balances, daily_sales): a write must come
-- from a trigger (depth > 1) that opened a derived write.
CREATE FUNCTION refuse_direct_write() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF NOT (prometric_deriving() AND pg_trigger_depth() > 1) THEN
    RAISE EXCEPTION '% is maintained by triggers and cannot be written directly', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

-- Guard for append-only ledgers (inventory_movements): corrections are new rows.
CREATE FUNCTION refuse_ledger_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION '% is an append-only ledger: % is not allowed, post a correcting entry instead', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
`,
} satisfies MigrationSource
