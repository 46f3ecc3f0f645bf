import type { MigrationSource } from '../migrator'

/**
 * Change capture on the terminal (local only). Every synced table has an AFTER row trigger that
 * records the change — table, row id, operation, the changed travelling columns and their values
 * — in `sync_outbox`, in the same transaction as the change. All changes of one local
 * transaction share one transaction number (`tx_seq`, the push id together with the terminal
 * id) and one hybrid-logical-clock timestamp. Nothing is captured while the sync engine applies
 * pulled changes (`prometric.sync_apply`), nor on a terminal that is not enrolled (no
 * `sync_state` row: demo and standalone companies never sync).
 *
 * HLC: a bigint, milliseconds since the epoch × 65536 + a counter, so it sorts like the
 * (physical, logical) pair; the terminal id breaks ties.
 */
export default {
  name: '0018_terminal_sync',
  target: 'local',
  sql: /* sql */ `
CREATE TABLE sync_state (
  singleton         BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
  terminal_id       UUID NOT NULL,
  central_url       TEXT NOT NULL,
  organization_id   UUID NOT NULL,
  workspace_id      UUID NOT NULL,
  number_prefix     VARCHAR(20) NOT NULL,
  -- Number of the last local transaction that captured something (the push id).
  tx_seq            BIGINT NOT NULL DEFAULT 0,
  -- Last HLC handed out, or seen from central (never goes back).
  hlc               BIGINT NOT NULL DEFAULT 0,
  -- Central's clock minus ours, learnt from central; added to our clock for new HLCs.
  clock_offset_ms   BIGINT NOT NULL DEFAULT 0,
  -- Position in central's changelog up to which changes have been applied here.
  pull_cursor       BIGINT NOT NULL DEFAULT 0,
  -- Highest tx_seq central has acknowledged.
  acked_seq         BIGINT NOT NULL DEFAULT 0,
  -- Bootstrap progress: NULL when done; otherwise where to resume.
  bootstrap         JSONB,
  schema_version    INTEGER,
  last_push_at      TIMESTAMP,
  last_pull_at      TIMESTAMP,
  last_sync_at      TIMESTAMP,
  last_error        TEXT,
  enrolled_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE sync_outbox (
  seq               BIGSERIAL PRIMARY KEY,
  tx_seq            BIGINT NOT NULL,
  hlc               BIGINT NOT NULL,
  table_name        TEXT NOT NULL,
  row_id            UUID NOT NULL,
  op                CHAR(1) NOT NULL CHECK (op IN ('I', 'U', 'D')),
  -- Insert: every travelling column; update: the changed ones; delete: NULL.
  data              JSONB,
  created_at        TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_sync_outbox_tx ON sync_outbox (tx_seq);
CREATE INDEX idx_sync_outbox_row ON sync_outbox (table_name, row_id);

-- The schema version the outbox's transactions were captured under, when a local migration ran
-- before they could be pushed: transactions up to tx_seq_upto were captured under that version
-- (later ones under the current one). Head office accepts the previous version for a window.
CREATE TABLE sync_outbox_version (
  tx_seq_upto       BIGINT PRIMARY KEY,
  schema_version    INTEGER NOT NULL
);

-- Transactions central refused, with everything that depended on them (kept until fixed or
-- discarded in the app).
CREATE TABLE sync_quarantine (
  tx_seq            BIGINT PRIMARY KEY,
  hlc               BIGINT NOT NULL,
  reason            TEXT NOT NULL,
  detail            TEXT,
  -- The transaction this one was quarantined with, when it only depended on a rejected one.
  caused_by         BIGINT,
  changes           JSONB NOT NULL,
  quarantined_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Bootstrap: snapshot pages staged as they arrive (resumable), applied together at the end.
CREATE TABLE sync_bootstrap_stage (
  table_name        TEXT NOT NULL,
  page              INTEGER NOT NULL,
  rows              JSONB NOT NULL,
  PRIMARY KEY (table_name, page)
);
-- Pages are megabytes of JSON written once and read once: compressing them cost more than it saves.
ALTER TABLE sync_bootstrap_stage ALTER COLUMN rows SET STORAGE EXTERNAL;

-- Concurrent values that lost, as central reported them (shown with "keep theirs / restore mine").
CREATE TABLE sync_conflicts (
  id                UUID PRIMARY KEY,
  table_name        TEXT NOT NULL,
  row_id            UUID NOT NULL,
  column_name       TEXT NOT NULL,
  kept_value        JSONB,
  lost_value        JSONB,
  kept_hlc          BIGINT,
  lost_hlc          BIGINT,
  lost_terminal_id  UUID,
  detected_at       TIMESTAMP NOT NULL,
  resolved_at       TIMESTAMP
);

-- The HLC and transaction number of the current local transaction, assigned on its first
-- captured change. NULL when the terminal is not enrolled.
CREATE FUNCTION sync_local_tx(OUT tx_seq BIGINT, OUT hlc BIGINT)
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  marker TEXT := current_setting('prometric.capture_tx', true);
  xid TEXT := pg_current_xact_id()::text;
BEGIN
  IF marker IS NOT NULL AND split_part(marker, ':', 1) = xid THEN
    IF split_part(marker, ':', 2) = 'off' THEN
      tx_seq := NULL; hlc := NULL;
    ELSE
      tx_seq := split_part(marker, ':', 2)::bigint;
      hlc := split_part(marker, ':', 3)::bigint;
    END IF;
    RETURN;
  END IF;
  UPDATE sync_state s SET
    tx_seq = s.tx_seq + 1,
    hlc = GREATEST(s.hlc + 1,
                   ((extract(epoch FROM clock_timestamp()) * 1000)::bigint + s.clock_offset_ms) * 65536)
  RETURNING s.tx_seq, s.hlc INTO tx_seq, hlc;
  IF NOT FOUND THEN
    PERFORM set_config('prometric.capture_tx', xid || ':off', true);
  ELSE
    PERFORM set_config('prometric.capture_tx', xid || ':' || tx_seq || ':' || hlc, true);
  END IF;
END;
$$;

-- TG_ARGV[0] is the table's name (a partition's trigger fires with the partition's name), the
-- rest are the columns to capture.
CREATE FUNCTION sync_capture() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_tx BIGINT;
  v_hlc BIGINT;
  v_new JSONB;
  v_old JSONB;
  v_data JSONB;
  v_cols TEXT[] := TG_ARGV[1:];
BEGIN
  IF prometric_sync_applying() THEN
    RETURN NULL;
  END IF;
  SELECT l.tx_seq, l.hlc INTO v_tx, v_hlc FROM sync_local_tx() l;
  IF v_tx IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO sync_outbox (tx_seq, hlc, table_name, row_id, op, data)
    VALUES (v_tx, v_hlc, TG_ARGV[0], OLD.id, 'D', NULL);
    RETURN NULL;
  END IF;
  v_new := to_jsonb(NEW);
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_object_agg(c, v_new -> c) INTO v_data FROM unnest(v_cols) AS c;
  ELSE
    v_old := to_jsonb(OLD);
    SELECT jsonb_object_agg(c, v_new -> c) INTO v_data
    FROM unnest(v_cols) AS c WHERE (v_new -> c) IS DISTINCT FROM (v_old -> c);
    -- Only derived columns moved (a total refreshed by a trigger): nothing to send.
    IF v_data IS NULL THEN
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO sync_outbox (tx_seq, hlc, table_name, row_id, op, data)
  VALUES (v_tx, v_hlc, TG_ARGV[0], NEW.id, left(TG_OP, 1), v_data);
  RETURN NULL;
END;
$$;

-- (Re)creates the capture trigger of every synced table from sync_scope; run again after a
-- migration that changes a synced table's columns (after sync_scope_refresh()).
CREATE FUNCTION sync_install_capture() RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  s RECORD;
BEGIN
  FOR s IN SELECT * FROM sync_scope ORDER BY apply_order LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS zz_sync_capture ON %I', s.table_name);
    EXECUTE format(
      'CREATE TRIGGER zz_sync_capture AFTER INSERT OR UPDATE OR DELETE ON %I '
      'FOR EACH ROW EXECUTE FUNCTION sync_capture(%s)',
      s.table_name,
      (SELECT string_agg(quote_literal(a), ', ') FROM unnest(ARRAY[s.table_name] || s.columns || s.push_only) AS a));
  END LOOP;
END;
$$;

-- Applies one pulled page (changes in commit order, each a full image of the row's travelling
-- columns, or a delete), table by table in apply order, set-wise, without capturing it again.
-- Columns this terminal changed and has not pushed yet keep the local value: the push will
-- settle them on central, and the changelog brings the outcome back. Derived columns are
-- recomputed by the tables' own triggers.
CREATE FUNCTION sync_apply_pulled(p_changes JSONB, p_check BOOLEAN DEFAULT true) RETURNS INTEGER
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  s sync_scope;
  v_up JSONB;
  v_del UUID[];
  v_cols TEXT;
  v_push_cols TEXT;
  v_push_vals TEXT;
  v_set TEXT;
  v_applied INTEGER := 0;
  v_n INTEGER;
BEGIN
  PERFORM set_config('prometric.sync_apply', 'on', true);
  SET CONSTRAINTS ALL DEFERRED;
  FOR s IN SELECT sc.* FROM sync_scope sc
           WHERE sc.direction = 'both' AND sc.table_name IN (SELECT c ->> 't' FROM jsonb_array_elements(p_changes) c)
           ORDER BY sc.apply_order LOOP
    WITH last AS (
      SELECT DISTINCT ON (c ->> 'id') c FROM jsonb_array_elements(p_changes) WITH ORDINALITY AS x(c, n)
      WHERE c ->> 't' = s.table_name ORDER BY c ->> 'id', n DESC
    )
    SELECT jsonb_agg(c -> 'data') FILTER (WHERE c ->> 'op' <> 'D'),
           array_agg((c ->> 'id')::uuid) FILTER (WHERE c ->> 'op' = 'D')
      INTO v_up, v_del FROM last;

    IF v_del IS NOT NULL THEN
      -- Deleted at head office: the delete wins over local changes not yet pushed.
      DELETE FROM sync_outbox WHERE table_name = s.table_name AND row_id = ANY (v_del);
      IF s.table_name = 'users' THEN
        -- Codes issued on this terminal for a person head office does not have go with them.
        DELETE FROM email_verifications WHERE user_id = ANY (v_del);
      END IF;
      EXECUTE format('DELETE FROM %I WHERE id = ANY ($1)', s.table_name) USING v_del;
      GET DIAGNOSTICS v_n = ROW_COUNT;
      v_applied := v_applied + v_n;
    END IF;

    -- Local changes not yet pushed keep their values (nothing to merge when the outbox holds
    -- none of this table: the usual case, and every bootstrap page).
    IF v_up IS NOT NULL AND EXISTS (SELECT 1 FROM sync_outbox o WHERE o.table_name = s.table_name) THEN
      EXECUTE format($q$
        SELECT jsonb_agg(CASE WHEN p.cols IS NULL THEN r
                              ELSE r || (SELECT jsonb_object_agg(k, to_jsonb(t) -> k) FROM unnest(p.cols) k) END)
        FROM jsonb_array_elements($1) r
        LEFT JOIN (SELECT o.row_id, array_agg(DISTINCT k) AS cols
                   FROM sync_outbox o CROSS JOIN LATERAL jsonb_object_keys(coalesce(o.data, '{}')) k
                   WHERE o.table_name = %1$L GROUP BY o.row_id) p ON p.row_id = (r ->> 'id')::uuid
        LEFT JOIN %1$I t ON t.id = (r ->> 'id')::uuid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.table_name = %1$L
                            AND o.row_id = (r ->> 'id')::uuid AND o.op = 'D')
      $q$, s.table_name) INTO v_up USING v_up;
    END IF;

    IF v_up IS NOT NULL THEN
      v_cols := (SELECT string_agg(format('%I', c), ', ') FROM unnest(s.columns) c);
      -- Push-only columns (password hashes) never arrive: a new row gets an empty value.
      v_push_cols := (SELECT string_agg(format(', %I', c), '') FROM unnest(s.push_only) c);
      v_push_vals := (SELECT string_agg(', ''''', '') FROM unnest(s.push_only) c);
      v_set := (SELECT string_agg(format('%1$I = EXCLUDED.%1$I', c), ', ') FROM unnest(s.columns) c WHERE c <> 'id');
      EXECUTE format('INSERT INTO %I (%s%s) SELECT %s%s FROM jsonb_populate_recordset(NULL::%I, $1) ON CONFLICT (id) %s',
                     s.table_name, v_cols, coalesce(v_push_cols, ''), v_cols, coalesce(v_push_vals, ''), s.table_name,
                     CASE WHEN s.ledger THEN 'DO NOTHING' ELSE 'DO UPDATE SET ' || v_set END)
        USING v_up;
      GET DIAGNOSTICS v_n = ROW_COUNT;
      v_applied := v_applied + v_n;
    END IF;
  END LOOP;

  -- Our clock never runs behind a clock we have seen.
  UPDATE sync_state SET hlc = GREATEST(hlc, coalesce(
    (SELECT max(left(c ->> 'clock', 20)::bigint) FROM jsonb_array_elements(p_changes) c), 0));
  -- A bootstrap applies many pages in one transaction and checks once at the end.
  IF p_check THEN
    SET CONSTRAINTS ALL IMMEDIATE;
  END IF;
  PERFORM set_config('prometric.sync_apply', '', true);
  RETURN v_applied;
END;
$$;

-- The changes the current transaction captured (for the journal, read just before commit), or
-- NULL when it captured nothing.
CREATE FUNCTION sync_current_capture() RETURNS JSONB
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  marker TEXT := current_setting('prometric.capture_tx', true);
BEGIN
  IF marker IS NULL OR split_part(marker, ':', 1) <> pg_current_xact_id()::text OR split_part(marker, ':', 2) = 'off' THEN
    RETURN NULL;
  END IF;
  RETURN (SELECT jsonb_build_object('txSeq', split_part(marker, ':', 2)::bigint, 'hlc', split_part(marker, ':', 3),
            'changes', jsonb_agg(jsonb_build_object('t', o.table_name, 'id', o.row_id, 'op', o.op, 'data', o.data) ORDER BY o.seq))
          FROM sync_outbox o WHERE o.tx_seq = split_part(marker, ':', 2)::bigint
          HAVING count(*) > 0);
END;
$$;

-- Applies row changes as they travel ({t, id, op, data}) to local tables, checking every table
-- and column against the scope map. Used to replay what the journal holds (not captured again)
-- and to commit a fixed quarantined transaction (captured as a new one).
CREATE FUNCTION sync_apply_row_changes(p_changes JSONB) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  c JSONB;
  s sync_scope;
  v_cols TEXT;
  v_set TEXT;
BEGIN
  FOR c IN SELECT x FROM jsonb_array_elements(p_changes) x LOOP
    SELECT * INTO s FROM sync_scope WHERE table_name = c ->> 't';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'not a synced table: %', c ->> 't' USING ERRCODE = '22023';
    END IF;
    IF c ->> 'op' = 'D' THEN
      EXECUTE format('DELETE FROM %I WHERE id = $1', s.table_name) USING (c ->> 'id')::uuid;
      CONTINUE;
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_object_keys(c -> 'data') k WHERE k <> ALL (s.columns || s.push_only)) THEN
      RAISE EXCEPTION 'a change of % names a column that does not travel', s.table_name USING ERRCODE = '22023';
    END IF;
    SELECT string_agg(format('%I', k), ', '), string_agg(format('%1$I = EXCLUDED.%1$I', k), ', ') FILTER (WHERE k <> 'id')
      INTO v_cols, v_set FROM jsonb_object_keys((c -> 'data') || jsonb_build_object('id', c ->> 'id')) k;
    IF c ->> 'op' = 'I' THEN
      EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM jsonb_populate_record(NULL::%I, $1) ON CONFLICT (%s) %s',
                     s.table_name, v_cols, v_cols, s.table_name,
                     (SELECT string_agg(format('%I', k), ', ') FROM unnest(s.key_columns) k),
                     CASE WHEN s.ledger OR v_set IS NULL THEN 'DO NOTHING' ELSE 'DO UPDATE SET ' || v_set END)
        USING (c -> 'data') || jsonb_build_object('id', c ->> 'id');
    ELSE
      EXECUTE format('UPDATE %I t SET (%s) = (SELECT %s FROM jsonb_populate_record(t, $1)) WHERE t.id = $2',
                     s.table_name, v_cols, v_cols)
        USING (c -> 'data') || jsonb_build_object('id', c ->> 'id'), (c ->> 'id')::uuid;
    END IF;
  END LOOP;
END;
$$;

-- Puts back a transaction the journal holds but the database lost (PGlite does not fsync):
-- its changes are applied without being captured again, and its outbox rows restored as they
-- were, so it is pushed exactly as it would have been.
CREATE FUNCTION sync_replay_local(p_tx_seq BIGINT, p_hlc BIGINT, p_changes JSONB) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  PERFORM set_config('prometric.sync_apply', 'on', true);
  SET CONSTRAINTS ALL DEFERRED;
  PERFORM sync_apply_row_changes(p_changes);
  INSERT INTO sync_outbox (tx_seq, hlc, table_name, row_id, op, data)
  SELECT p_tx_seq, p_hlc, c ->> 't', (c ->> 'id')::uuid, c ->> 'op', c -> 'data'
  FROM jsonb_array_elements(p_changes) c;
  UPDATE sync_state SET tx_seq = GREATEST(tx_seq, p_tx_seq), hlc = GREATEST(hlc, p_hlc);
  SET CONSTRAINTS ALL IMMEDIATE;
  PERFORM set_config('prometric.sync_apply', '', true);
END;
$$;

-- A terminal whose insert of a ledger row head office refused puts its database back to head
-- office's state: that one DELETE is allowed (prometric.sync_revert, set only by the sync
-- engine for that), and its effect on the balances is reversed. Anything else is refused as
-- before: the ledger stays append-only.
CREATE FUNCTION inventory_movements_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  previous TEXT;
  d_on_hand NUMERIC := 0;
  d_reserved NUMERIC := 0;
BEGIN
  IF TG_OP <> 'DELETE' OR coalesce(current_setting('prometric.sync_revert', true), '') <> 'on' THEN
    RAISE EXCEPTION '% is an append-only ledger: % is not allowed, post a correcting entry instead', TG_TABLE_NAME, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.movement_type IN ('reservation', 'release') THEN
    d_reserved := OLD.quantity;
  ELSE
    d_on_hand := OLD.quantity;
  END IF;
  previous := derived_write_begin();
  UPDATE stock_balances SET on_hand = on_hand - d_on_hand, reserved = reserved - d_reserved
  WHERE product_id = OLD.product_id AND workspace_id = OLD.workspace_id
    AND lot_key = coalesce(OLD.lot_id, '00000000-0000-0000-0000-000000000000'::uuid);
  -- A balance that only this row made never existed at head office: it goes too.
  DELETE FROM stock_balances b
  WHERE b.product_id = OLD.product_id AND b.workspace_id = OLD.workspace_id
    AND b.lot_key = coalesce(OLD.lot_id, '00000000-0000-0000-0000-000000000000'::uuid)
    AND b.on_hand = 0 AND b.reserved = 0
    AND NOT EXISTS (SELECT 1 FROM inventory_movements m
                    WHERE m.product_id = OLD.product_id AND m.workspace_id = OLD.workspace_id
                      AND m.lot_id IS NOT DISTINCT FROM OLD.lot_id AND m.id <> OLD.id);
  UPDATE products SET stock_level = stock_level - d_on_hand, reserved_quantity = reserved_quantity - d_reserved
  WHERE id = OLD.product_id;
  PERFORM derived_write_end(previous);
  RETURN OLD;
END;
$$;
DROP TRIGGER trg_inventory_movements_append_only ON inventory_movements;
CREATE TRIGGER trg_inventory_movements_append_only BEFORE UPDATE OR DELETE ON inventory_movements
  FOR EACH ROW EXECUTE FUNCTION inventory_movements_guard();

SELECT sync_install_capture();
`,
} satisfies MigrationSource
