import type { MigrationSource } from '../migrator'

/**
 * Central only: the changelog, the terminal registry and the sync API.
 *
 * Changelog. A row trigger on every synced table (direction both) records the row's travelling
 * columns after each change, with the organization and workspace it belongs to, the clock that
 * wrote it and the terminal it came from (NULL: head office). Edits made directly at head office
 * are captured the same way, so they reach terminals too.
 *
 * Positions follow commit order. A changelog position handed out before commit would let a pull
 * read position 7 while position 6 is still in flight and skip 6 for ever. So each transaction
 * that writes the changelog gets its position at commit: a deferred constraint trigger takes an
 * advisory lock (held until the commit is visible) and draws the next position. A reader that
 * sees position N therefore sees every position below it.
 *
 * Clocks. `sync_row_clocks` keeps, per row, the clock of each column's last write ("*" for the
 * whole row at insert): a text `HLC(20 digits)-terminal id`, so comparing the texts compares
 * (HLC, terminal). Updates are applied column by column, last writer wins; a losing incoming
 * value goes to `sync_conflicts`.
 *
 * API. SECURITY DEFINER functions with a pinned search_path, executable by prometric_sync only;
 * each call authenticates the terminal (id + secret, stored as a sha-256 hash) and confines it to
 * its organization and workspace, both by explicit checks and by the RLS settings.
 */
export default {
  name: '0017_central_sync',
  target: 'central',
  sql: /* sql */ `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'prometric_sync') THEN
    CREATE ROLE prometric_sync NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END;
$$;
GRANT USAGE ON SCHEMA public TO prometric_sync;
DO $$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO prometric_sync', current_database());
END;
$$;

CREATE TABLE sync_settings (
  singleton                 BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
  changelog_retention_days  INTEGER NOT NULL DEFAULT 90 CHECK (changelog_retention_days >= 1),
  max_clock_ahead_ms        BIGINT NOT NULL DEFAULT 300000,
  -- Schema versions a terminal may run: the current one and the previous within the window.
  min_schema_version        INTEGER NOT NULL DEFAULT 0,
  -- Positions at or below this were purged: a terminal behind it must bootstrap again.
  purged_through            BIGINT NOT NULL DEFAULT 0
);
INSERT INTO sync_settings DEFAULT VALUES;

CREATE TABLE sync_terminals (
  id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id   UUID NOT NULL REFERENCES organizations(id),
  workspace_id      UUID NOT NULL REFERENCES workspaces(id),
  name              VARCHAR(255) NOT NULL,
  -- Globally unique: the prefix of every document number the terminal issues.
  number_prefix     VARCHAR(20) NOT NULL UNIQUE CHECK (number_prefix ~ '^[A-Z0-9]{1,10}$'),
  enrollment_hash   TEXT,
  enrollment_expires_at TIMESTAMPTZ,
  secret_hash       TEXT,
  enrolled_at       TIMESTAMPTZ,
  revoked_at        TIMESTAMPTZ,
  -- Highest transaction number of this terminal applied (or rejected) here.
  last_seq          BIGINT NOT NULL DEFAULT 0,
  -- Fingerprint of the transaction applied at last_seq: the same terminal pushing a different
  -- history (a copied data folder) is refused.
  last_fingerprint  TEXT,
  last_push_at      TIMESTAMPTZ,
  last_pull_at      TIMESTAMPTZ,
  pull_cursor       BIGINT NOT NULL DEFAULT 0,
  pending_reported  INTEGER NOT NULL DEFAULT 0,
  quarantined_count INTEGER NOT NULL DEFAULT 0,
  schema_version    INTEGER,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_sync_terminals_org ON sync_terminals (organization_id, workspace_id);

CREATE TABLE sync_changelog (
  id                BIGSERIAL PRIMARY KEY,
  xid               XID8 NOT NULL DEFAULT pg_current_xact_id(),
  organization_id   UUID NOT NULL,
  -- NULL: organization-wide (every terminal of the organization holds the row).
  workspace_id      UUID,
  table_name        TEXT NOT NULL,
  row_id            UUID NOT NULL,
  op                CHAR(1) NOT NULL CHECK (op IN ('I', 'U', 'D')),
  data              JSONB,
  clock             TEXT NOT NULL,
  origin_terminal   UUID,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_sync_changelog_xid ON sync_changelog (xid);

-- One row per committed transaction that wrote the changelog, in commit order.
CREATE SEQUENCE sync_position_seq;
CREATE TABLE sync_transactions (
  pos               BIGINT PRIMARY KEY,
  xid               XID8 NOT NULL UNIQUE,
  committed_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
-- Rows exist only inside their transaction: the deferred trigger on it assigns the position.
CREATE TABLE sync_tx_marker (
  xid               XID8 PRIMARY KEY
);

CREATE TABLE sync_row_clocks (
  table_name        TEXT NOT NULL,
  row_id            UUID NOT NULL,
  clocks            JSONB NOT NULL,
  PRIMARY KEY (table_name, row_id)
);

CREATE TABLE sync_conflicts (
  id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id   UUID NOT NULL,
  workspace_id      UUID,
  table_name        TEXT NOT NULL,
  row_id            UUID NOT NULL,
  column_name       TEXT NOT NULL,
  kept_value        JSONB,
  kept_clock        TEXT NOT NULL,
  lost_value        JSONB,
  lost_clock        TEXT NOT NULL,
  lost_terminal_id  UUID,
  detected_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  resolved_at       TIMESTAMPTZ
);
CREATE INDEX idx_sync_conflicts_org ON sync_conflicts (organization_id, detected_at DESC);

-- One data key per organization (sensitive fields are encrypted under it on every replica);
-- handed to a terminal at enrollment, which keeps it in the OS keychain.
CREATE TABLE sync_organization_keys (
  organization_id   UUID PRIMARY KEY REFERENCES organizations(id),
  data_key          TEXT NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sync_quarantine (
  terminal_id       UUID NOT NULL REFERENCES sync_terminals(id),
  seq               BIGINT NOT NULL,
  reason            TEXT NOT NULL,
  detail            TEXT,
  caused_by         BIGINT,
  changes           JSONB NOT NULL,
  received_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  resolved_at       TIMESTAMPTZ,
  PRIMARY KEY (terminal_id, seq)
);

-- Fingerprints of the transactions each terminal pushed (kept as long as the changelog): the
-- same terminal pushing a different transaction under a number already used is a copied data
-- folder, refused until re-enrolled.
CREATE TABLE sync_pushed (
  terminal_id       UUID NOT NULL REFERENCES sync_terminals(id) ON DELETE CASCADE,
  seq               BIGINT NOT NULL,
  fingerprint       TEXT NOT NULL,
  pushed_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (terminal_id, seq)
);

-- Large transactions arrive in chunks, staged until the last one.
CREATE TABLE sync_push_stage (
  terminal_id       UUID NOT NULL REFERENCES sync_terminals(id) ON DELETE CASCADE,
  seq               BIGINT NOT NULL,
  part              INTEGER NOT NULL,
  changes           JSONB NOT NULL,
  received_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (terminal_id, seq, part)
);
-- Chunks are megabytes of JSON written once and read once: not worth compressing.
ALTER TABLE sync_push_stage ALTER COLUMN changes SET STORAGE EXTERNAL;

------------------------------------------------------------------------------------------
-- Clocks and positions
------------------------------------------------------------------------------------------

CREATE FUNCTION sync_clock_now() RETURNS TEXT
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, public, pg_temp
AS $$ SELECT lpad((((extract(epoch FROM clock_timestamp()) * 1000)::bigint) * 65536)::text, 20, '0')
             || '-00000000-0000-0000-0000-000000000000' $$;

CREATE FUNCTION sync_assign_position() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  -- Held until the commit is visible: the next transaction draws a higher position only after.
  PERFORM pg_advisory_xact_lock(1886547821, 1);
  INSERT INTO sync_transactions (pos, xid) VALUES (nextval('sync_position_seq'), NEW.xid);
  DELETE FROM sync_tx_marker WHERE xid = NEW.xid;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER sync_assign_position AFTER INSERT ON sync_tx_marker
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sync_assign_position();

------------------------------------------------------------------------------------------
-- Scope of a row: which organization and workspace hold it
------------------------------------------------------------------------------------------

-- The (organization, workspace) pairs a row image belongs to; several for a user employed by
-- several organizations, none for a global setting.
CREATE FUNCTION sync_row_scopes(p_scope sync_scope, p_row JSONB)
RETURNS TABLE (organization_id UUID, workspace_id UUID)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  CASE p_scope.scope
    WHEN 'organization_row' THEN
      RETURN QUERY SELECT (p_row ->> 'id')::uuid, NULL::uuid;
    WHEN 'organization' THEN
      RETURN QUERY SELECT (p_row ->> 'organization_id')::uuid, NULL::uuid;
    WHEN 'workspace' THEN
      RETURN QUERY SELECT (p_row ->> 'organization_id')::uuid, (p_row ->> 'workspace_id')::uuid;
    WHEN 'settings' THEN
      RETURN QUERY SELECT (p_row ->> 'organization_id')::uuid, (p_row ->> 'workspace_id')::uuid
                   WHERE p_row ->> 'organization_id' IS NOT NULL;
    WHEN 'users' THEN
      RETURN QUERY SELECT DISTINCT e.organization_id, NULL::uuid FROM employees e
                   WHERE e.user_id = (p_row ->> 'id')::uuid;
    ELSE
      RETURN QUERY EXECUTE format(
        'SELECT p.organization_id, %s FROM %I p WHERE p.id = $1',
        CASE WHEN p_scope.scope = 'workspace_child' THEN 'p.workspace_id' ELSE 'NULL::uuid' END,
        p_scope.parent_table)
      USING (p_row ->> p_scope.parent_column)::uuid;
  END CASE;
END;
$$;

------------------------------------------------------------------------------------------
-- The changelog trigger
------------------------------------------------------------------------------------------

CREATE FUNCTION sync_changelog_capture() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_scope sync_scope;
  v_new JSONB;
  v_old JSONB;
  v_image JSONB;
  v_changed TEXT[];
  v_clock TEXT := coalesce(nullif(current_setting('prometric.apply_clock', true), ''), sync_clock_now());
  v_origin UUID := nullif(current_setting('prometric.origin_terminal', true), '')::uuid;
  v_xid TEXT := pg_current_xact_id()::text;
  v_op CHAR(1) := left(TG_OP, 1);
BEGIN
  SELECT * INTO v_scope FROM sync_scope WHERE table_name = TG_ARGV[0];
  v_new := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
  v_old := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(c) INTO v_changed FROM unnest(v_scope.columns) AS c
    WHERE (v_new -> c) IS DISTINCT FROM (v_old -> c);
    IF v_changed IS NULL THEN
      RETURN NULL; -- only derived or push-only columns moved
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT jsonb_object_agg(c, v_new -> c) INTO v_image FROM unnest(v_scope.columns) AS c;
  END IF;

  IF coalesce(current_setting('prometric.changelog_tx', true), '') <> v_xid THEN
    INSERT INTO sync_tx_marker (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    PERFORM set_config('prometric.changelog_tx', v_xid, true);
  END IF;

  INSERT INTO sync_changelog (organization_id, workspace_id, table_name, row_id, op, data, clock, origin_terminal)
  SELECT s.organization_id, s.workspace_id, v_scope.table_name,
         (coalesce(v_new, v_old) ->> 'id')::uuid, v_op, v_image, v_clock, v_origin
  FROM sync_row_scopes(v_scope, coalesce(v_new, v_old)) s
  WHERE s.organization_id IS NOT NULL;

  -- A person newly employed by an organization: its terminals need the user row too.
  IF v_scope.table_name = 'employees' AND TG_OP <> 'DELETE'
     AND (TG_OP = 'INSERT' OR (v_new ->> 'user_id') IS DISTINCT FROM (v_old ->> 'user_id'))
     AND v_new ->> 'user_id' IS NOT NULL THEN
    INSERT INTO sync_changelog (organization_id, workspace_id, table_name, row_id, op, data, clock, origin_terminal)
    SELECT (v_new ->> 'organization_id')::uuid, NULL, 'users', u.id, 'I',
           (SELECT jsonb_object_agg(c, to_jsonb(u) -> c) FROM sync_scope s, unnest(s.columns) AS c
            WHERE s.table_name = 'users'),
           v_clock, v_origin
    FROM users u WHERE u.id = (v_new ->> 'user_id')::uuid;
  END IF;

  IF NOT v_scope.ledger THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO sync_row_clocks (table_name, row_id, clocks)
      VALUES (v_scope.table_name, (v_new ->> 'id')::uuid, jsonb_build_object('*', v_clock))
      ON CONFLICT (table_name, row_id) DO UPDATE SET clocks = jsonb_build_object('*', v_clock);
    ELSIF TG_OP = 'UPDATE' THEN
      INSERT INTO sync_row_clocks (table_name, row_id, clocks)
      SELECT v_scope.table_name, (v_new ->> 'id')::uuid, jsonb_object_agg(c, v_clock) FROM unnest(v_changed) AS c
      ON CONFLICT (table_name, row_id) DO UPDATE SET clocks = sync_row_clocks.clocks || EXCLUDED.clocks;
    ELSE
      DELETE FROM sync_row_clocks WHERE table_name = v_scope.table_name AND row_id = (v_old ->> 'id')::uuid;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  s RECORD;
BEGIN
  FOR s IN SELECT table_name FROM sync_scope WHERE direction = 'both' LOOP
    EXECUTE format('CREATE TRIGGER zz_sync_changelog AFTER INSERT OR UPDATE OR DELETE ON %I '
                   'FOR EACH ROW EXECUTE FUNCTION sync_changelog_capture(%L)', s.table_name, s.table_name);
  END LOOP;
END;
$$;

------------------------------------------------------------------------------------------
-- Terminals: creation, enrollment, authentication
------------------------------------------------------------------------------------------

CREATE FUNCTION sync_hash(p_text TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, public, pg_temp
AS $$ SELECT encode(digest(p_text, 'sha256'), 'hex') $$;

-- Head office creates a terminal for one workspace and gets a one-time enrollment code (valid
-- for p_valid_hours). Called by head-office administration (or the central CLI), never by a
-- terminal. Enrollment codes are 12 characters of an unambiguous alphabet.
CREATE FUNCTION sync_create_terminal(p_organization UUID, p_workspace UUID, p_name TEXT, p_prefix TEXT,
                                     p_valid_hours INTEGER DEFAULT 72)
RETURNS TABLE (terminal_id UUID, enrollment_code TEXT)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_code TEXT := '';
  v_alphabet CONSTANT TEXT := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  v_bytes BYTEA := gen_random_bytes(12);
  v_id UUID;
BEGIN
  PERFORM set_config('app.organization_id', p_organization::text, true);
  IF NOT EXISTS (SELECT 1 FROM workspaces w WHERE w.id = p_workspace AND w.organization_id = p_organization) THEN
    RAISE EXCEPTION 'workspace % is not a workspace of organization %', p_workspace, p_organization
      USING ERRCODE = '23503';
  END IF;
  FOR i IN 0..11 LOOP
    v_code := v_code || substr(v_alphabet, 1 + (get_byte(v_bytes, i) % 32), 1);
  END LOOP;
  INSERT INTO sync_terminals (organization_id, workspace_id, name, number_prefix, enrollment_hash, enrollment_expires_at)
  VALUES (p_organization, p_workspace, p_name, p_prefix, sync_hash(v_code), now() + make_interval(hours => p_valid_hours))
  RETURNING id INTO v_id;
  RETURN QUERY SELECT v_id, v_code;
END;
$$;

-- A fresh code for an existing terminal (a lost code, or re-enrolling a copied data folder):
-- the old secret stops working.
CREATE FUNCTION sync_reissue_enrollment(p_terminal UUID, p_valid_hours INTEGER DEFAULT 72) RETURNS TEXT
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_code TEXT := '';
  v_alphabet CONSTANT TEXT := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  v_bytes BYTEA := gen_random_bytes(12);
BEGIN
  FOR i IN 0..11 LOOP
    v_code := v_code || substr(v_alphabet, 1 + (get_byte(v_bytes, i) % 32), 1);
  END LOOP;
  UPDATE sync_terminals SET enrollment_hash = sync_hash(v_code),
    enrollment_expires_at = now() + make_interval(hours => p_valid_hours), secret_hash = NULL, revoked_at = NULL
  WHERE id = p_terminal;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown terminal' USING ERRCODE = 'P0002';
  END IF;
  RETURN v_code;
END;
$$;

CREATE FUNCTION sync_revoke_terminal(p_terminal UUID) RETURNS void
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$ UPDATE sync_terminals SET revoked_at = now(), secret_hash = NULL WHERE id = p_terminal $$;

-- The terminal exchanges its one-time code for a secret (kept only as a hash here).
CREATE FUNCTION sync_enroll(p_code TEXT, p_schema_version INTEGER) RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals;
  v_secret TEXT := encode(gen_random_bytes(32), 'hex');
BEGIN
  SELECT * INTO v_t FROM sync_terminals
  WHERE enrollment_hash = sync_hash(upper(replace(replace(p_code, '-', ''), ' ', '')))
  FOR UPDATE;
  IF NOT FOUND OR v_t.enrollment_expires_at < now() OR v_t.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'enrollment code is unknown, used or expired' USING ERRCODE = '28000';
  END IF;
  DELETE FROM sync_pushed WHERE terminal_id = v_t.id;
  UPDATE sync_terminals SET enrollment_hash = NULL, enrollment_expires_at = NULL,
    secret_hash = sync_hash(v_secret), enrolled_at = now(), last_seq = 0, last_fingerprint = NULL,
    pull_cursor = 0, schema_version = p_schema_version
  WHERE id = v_t.id;
  INSERT INTO sync_organization_keys (organization_id, data_key)
  VALUES (v_t.organization_id, encode(gen_random_bytes(32), 'base64'))
  ON CONFLICT (organization_id) DO NOTHING;
  RETURN jsonb_build_object(
    'dataKey', (SELECT k.data_key FROM sync_organization_keys k WHERE k.organization_id = v_t.organization_id),
    'terminalId', v_t.id, 'secret', v_secret, 'organizationId', v_t.organization_id,
    'workspaceId', v_t.workspace_id, 'numberPrefix', v_t.number_prefix, 'name', v_t.name,
    'centralTime', (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
END;
$$;

-- Checks a terminal's credentials and sets the tenant of the transaction (RLS settings).
CREATE FUNCTION sync_authenticate(p_terminal UUID, p_secret TEXT) RETURNS sync_terminals
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals;
BEGIN
  SELECT * INTO v_t FROM sync_terminals WHERE id = p_terminal;
  IF NOT FOUND OR v_t.secret_hash IS NULL OR v_t.revoked_at IS NOT NULL
     OR v_t.secret_hash <> sync_hash(coalesce(p_secret, '')) THEN
    RAISE EXCEPTION 'terminal is unknown, revoked or its secret is wrong' USING ERRCODE = '28000';
  END IF;
  PERFORM set_config('app.organization_id', v_t.organization_id::text, true);
  PERFORM set_config('app.workspace_id', v_t.workspace_id::text, true);
  RETURN v_t;
END;
$$;

------------------------------------------------------------------------------------------
-- Push
------------------------------------------------------------------------------------------

-- Which rows of a synced table a terminal of organization $2 and workspace $3 holds: the join to
-- the parent (child scopes) and the condition, as SQL text over the aliases t (the row) and p
-- (its parent). One definition for the tenant checks of push and for the snapshot.
CREATE FUNCTION sync_scope_join(p_scope sync_scope) RETURNS TEXT
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT CASE WHEN p_scope.parent_table IS NOT NULL
              THEN format('LEFT JOIN %I p ON p.id = t.%I', p_scope.parent_table, p_scope.parent_column) ELSE '' END
$$;

CREATE FUNCTION sync_scope_condition(p_scope sync_scope) RETURNS TEXT
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT CASE p_scope.scope
    WHEN 'organization_row' THEN 't.id = $2'
    WHEN 'organization' THEN 't.organization_id = $2'
    WHEN 'workspace' THEN 't.organization_id = $2 AND t.workspace_id = $3'
    WHEN 'settings' THEN 't.organization_id = $2 AND (t.workspace_id IS NULL OR t.workspace_id = $3)'
    WHEN 'log' THEN 't.organization_id = $2 AND (t.workspace_id IS NULL OR t.workspace_id = $3)'
    WHEN 'organization_child' THEN 'coalesce(p.organization_id = $2, false)'
    WHEN 'workspace_child' THEN 'coalesce(p.organization_id = $2 AND p.workspace_id = $3, false)'
    ELSE 'EXISTS (SELECT 1 FROM employees e WHERE e.user_id = t.id AND e.organization_id = $2)'
  END
$$;

-- How many of the given (existing) rows of a table lie outside the terminal's organization and workspace.
CREATE FUNCTION sync_out_of_scope(p_scope sync_scope, p_ids UUID[], p_org UUID, p_ws UUID) RETURNS BIGINT
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_count BIGINT;
BEGIN
  EXECUTE format('SELECT count(*) FROM %I t %s WHERE t.id = ANY($1) AND NOT (%s)',
    p_scope.table_name, sync_scope_join(p_scope), sync_scope_condition(p_scope))
  INTO v_count USING p_ids, p_org, p_ws;
  RETURN v_count;
END;
$$;

-- A transaction central refuses: its reason travels back to the terminal.
CREATE FUNCTION sync_reject(p_reason TEXT, p_detail TEXT) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION '%', p_detail USING ERRCODE = 'P0001', HINT = 'sync:' || p_reason;
END;
$$;

-- An update or a delete must name rows head office has, and of the terminal's tenant: anything
-- else is a refusal, never a silent no-op.
CREATE FUNCTION sync_require_own_rows(s sync_scope, p_ids UUID[], p_t sync_terminals, p_what TEXT) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_count BIGINT;
BEGIN
  EXECUTE format('SELECT count(*) FROM unnest($1) i(id) WHERE NOT EXISTS (SELECT 1 FROM %I t WHERE t.id = i.id)', s.table_name)
    INTO v_count USING p_ids;
  IF v_count > 0 THEN
    PERFORM sync_reject('unknown_row', p_what || ' names a row of ' || s.table_name || ' that head office does not have');
  END IF;
  IF sync_out_of_scope(s, p_ids, p_t.organization_id, p_t.workspace_id) > 0 THEN
    PERFORM sync_reject('tenant', 'a row of ' || s.table_name || ' belongs to another organization or workspace');
  END IF;
END;
$$;

-- Applies one terminal transaction, table by table in apply order, set-wise. Raises (the caller
-- rolls back to its savepoint) when central refuses it.
CREATE FUNCTION sync_apply_transaction(p_t sync_terminals, p_seq BIGINT, p_hlc BIGINT, p_changes JSONB)
RETURNS JSONB
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_clock TEXT := lpad(p_hlc::text, 20, '0') || '-' || p_t.id::text;
  s sync_scope;
  v_ins JSONB;
  v_upd JSONB;
  v_del UUID[];
  v_ids UUID[];
  v_cols TEXT;
  v_set TEXT;
  v_conflicts JSONB := '[]';
  v_lost JSONB;
  v_unknown TEXT;
  v_users UUID[] := '{}';
  v_moved UUID[];
BEGIN
  SELECT string_agg(DISTINCT c ->> 't', ', ') INTO v_unknown FROM jsonb_array_elements(p_changes) c
  WHERE NOT EXISTS (SELECT 1 FROM sync_scope s2 WHERE s2.table_name = c ->> 't');
  IF v_unknown IS NOT NULL THEN
    PERFORM sync_reject('unknown_table', 'not a synced table: ' || v_unknown);
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_changes) c
             WHERE c ->> 'op' NOT IN ('I', 'U', 'D') OR (c ->> 'id') !~ '^[0-9a-f-]{36}$'
                OR (c ->> 'op' <> 'D' AND jsonb_typeof(c -> 'data') <> 'object')) THEN
    PERFORM sync_reject('malformed', 'a change has no valid operation, id or data');
  END IF;

  PERFORM set_config('prometric.apply_clock', v_clock, true);
  PERFORM set_config('prometric.origin_terminal', p_t.id::text, true);
  PERFORM set_config('prometric.sync_apply', 'on', true);
  SET CONSTRAINTS ALL DEFERRED;

  FOR s IN SELECT sc.* FROM sync_scope sc
           WHERE sc.table_name IN (SELECT c ->> 't' FROM jsonb_array_elements(p_changes) c)
           ORDER BY sc.apply_order LOOP
    -- The changes of this table, the later change of a row winning within the transaction.
    SELECT jsonb_agg((c -> 'data') || jsonb_build_object('id', c ->> 'id') ORDER BY n)
      FILTER (WHERE c ->> 'op' = 'I'),
           array_agg((c ->> 'id')::uuid) FILTER (WHERE c ->> 'op' = 'D')
      INTO v_ins, v_del
    FROM jsonb_array_elements(p_changes) WITH ORDINALITY AS x(c, n) WHERE c ->> 't' = s.table_name;
    SELECT jsonb_agg(jsonb_build_object('id', id, 'data', data))
      INTO v_upd
    FROM (SELECT c ->> 'id' AS id, jsonb_object_agg(d.key, d.value ORDER BY n) AS data
          FROM jsonb_array_elements(p_changes) WITH ORDINALITY AS x(c, n)
          CROSS JOIN LATERAL jsonb_each(c -> 'data') AS d
          WHERE c ->> 't' = s.table_name AND c ->> 'op' = 'U'
          GROUP BY c ->> 'id') u;

    IF s.direction = 'push' AND (v_upd IS NOT NULL OR v_del IS NOT NULL) THEN
      PERFORM sync_reject('ledger', s.table_name || ' is insert-only');
    END IF;
    IF s.ledger AND (v_upd IS NOT NULL OR v_del IS NOT NULL) THEN
      PERFORM sync_reject('ledger', s.table_name || ' is insert-only');
    END IF;

    -- Changes may not name columns that do not travel (derived, generated, unknown). The distinct
    -- names first: each is compared with the column list once, not once per row.
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT k FROM jsonb_array_elements(p_changes) c CROSS JOIN LATERAL jsonb_object_keys(
                 CASE WHEN jsonb_typeof(c -> 'data') = 'object' THEN c -> 'data' ELSE '{}' END) k
               WHERE c ->> 't' = s.table_name) d WHERE d.k <> ALL (s.columns || s.push_only)) THEN
      PERFORM sync_reject('malformed', 'a change of ' || s.table_name || ' names a column that does not travel');
    END IF;

    v_cols := (SELECT string_agg(format('%I', c), ', ') FROM unnest(s.columns || s.push_only) c);

    -- Inserts. Every inserted row must be of the terminal's tenant; an id that exists already
    -- (a re-sent insert after a rebuild) is applied as an update, clock against clock.
    IF v_ins IS NOT NULL THEN
      SELECT array_agg((r ->> 'id')::uuid) INTO v_ids FROM jsonb_array_elements(v_ins) r;
      EXECUTE format('SELECT jsonb_agg(r) FROM jsonb_array_elements($1) r WHERE EXISTS (SELECT 1 FROM %I t WHERE t.id = (r ->> ''id'')::uuid)', s.table_name)
        INTO v_lost USING v_ins;
      IF v_lost IS NOT NULL THEN
        IF s.ledger THEN
          PERFORM sync_reject('duplicate', s.table_name || ' row exists already');
        END IF;
        v_upd := coalesce(v_upd, '[]'::jsonb) || (SELECT jsonb_agg(jsonb_build_object('id', r ->> 'id', 'data', r - 'id')) FROM jsonb_array_elements(v_lost) r);
        SELECT jsonb_agg(r) INTO v_ins FROM jsonb_array_elements(v_ins) r WHERE NOT (r IN (SELECT jsonb_array_elements(v_lost)));
      END IF;
      IF v_ins IS NOT NULL AND s.scope = 'log' THEN
        -- A log row written before anyone signed in has no tenant: it is the terminal's.
        SELECT jsonb_agg(r || jsonb_build_object(
                 'organization_id', coalesce(r ->> 'organization_id', p_t.organization_id::text),
                 'workspace_id', coalesce(r ->> 'workspace_id', p_t.workspace_id::text)))
          INTO v_ins FROM jsonb_array_elements(v_ins) r;
      END IF;
      IF v_ins IS NOT NULL THEN
        EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM jsonb_populate_recordset(NULL::%I, $1)',
                       s.table_name, v_cols, v_cols, s.table_name) USING v_ins;
        IF s.scope = 'users' THEN
          v_users := v_users || v_ids; -- checked at the end: their employee rows come later
        ELSIF sync_out_of_scope(s, v_ids, p_t.organization_id, p_t.workspace_id) > 0 THEN
          PERFORM sync_reject('tenant', 'a row of ' || s.table_name || ' belongs to another organization or workspace');
        END IF;
      END IF;
    END IF;

    -- Updates: the row must exist here and be the terminal's; each column is taken only when
    -- its clock is newer than the column's last write.
    IF v_upd IS NOT NULL THEN
      SELECT array_agg((u ->> 'id')::uuid) INTO v_ids FROM jsonb_array_elements(v_upd) u;
      PERFORM sync_require_own_rows(s, v_ids, p_t, 'an update');
      v_moved := v_ids;
      -- Column by column: who wins, and what loses.
      EXECUTE format($q$
        WITH inc AS (
          SELECT (u ->> 'id')::uuid AS id, d.key, d.value,
                 coalesce(rc.clocks ->> d.key, rc.clocks ->> '*', '') AS stored
          FROM jsonb_array_elements($1) u
          CROSS JOIN LATERAL jsonb_each(u -> 'data') d
          LEFT JOIN sync_row_clocks rc ON rc.table_name = %L AND rc.row_id = (u ->> 'id')::uuid
        )
        SELECT coalesce(jsonb_agg(jsonb_build_object('id', inc.id, 'column', inc.key, 'kept', to_jsonb(t) -> inc.key,
                                    'lost', inc.value, 'keptClock', inc.stored)) FILTER (WHERE inc.stored >= $2), '[]'),
               coalesce(jsonb_agg(jsonb_build_object('id', inc.id, 'key', inc.key, 'value', inc.value)) FILTER (WHERE inc.stored < $2), '[]')
        FROM inc JOIN %I t ON t.id = inc.id
      $q$, s.table_name, s.table_name) INTO v_lost, v_upd USING v_upd, v_clock;

      IF jsonb_array_length(v_upd) > 0 THEN
        v_set := (SELECT string_agg(format('%1$I = (m.r).%1$I', c), ', ') FROM unnest(s.columns || s.push_only) c WHERE c <> 'id');
        EXECUTE format($q$
          UPDATE %1$I AS t SET %2$s
          FROM (SELECT w.id, jsonb_populate_record(t0, w.win) AS r
                FROM (SELECT (e ->> 'id')::uuid AS id, jsonb_object_agg(e ->> 'key', e -> 'value') AS win
                      FROM jsonb_array_elements($1) e GROUP BY 1) w
                JOIN %1$I t0 ON t0.id = w.id) m
          WHERE t.id = m.id
        $q$, s.table_name, v_set) USING v_upd;
      END IF;
      IF jsonb_array_length(v_lost) > 0 THEN
        INSERT INTO sync_conflicts (organization_id, workspace_id, table_name, row_id, column_name, kept_value,
                                    kept_clock, lost_value, lost_clock, lost_terminal_id)
        SELECT p_t.organization_id, p_t.workspace_id, s.table_name, (l ->> 'id')::uuid, l ->> 'column', l -> 'kept',
               l ->> 'keptClock', l -> 'lost', v_clock, p_t.id
        FROM jsonb_array_elements(v_lost) l
        WHERE l ->> 'column' <> 'updated_at'; -- bookkeeping, settled like the rest but not worth a person's look
        v_conflicts := v_conflicts || coalesce((SELECT jsonb_agg(l || jsonb_build_object('table', s.table_name, 'lostClock', v_clock))
                                                FROM jsonb_array_elements(v_lost) l WHERE l ->> 'column' <> 'updated_at'), '[]');
      END IF;
    END IF;

    -- An update may not move a row to another tenant either.
    IF v_moved IS NOT NULL THEN
      IF s.scope = 'users' THEN
        v_users := v_users || v_moved;
      ELSIF sync_out_of_scope(s, v_moved, p_t.organization_id, p_t.workspace_id) > 0 THEN
        PERFORM sync_reject('tenant', 'an update moves a row of ' || s.table_name || ' to another organization or workspace');
      END IF;
      v_moved := NULL;
    END IF;

    -- Deletes: the row must exist and be the terminal's.
    IF v_del IS NOT NULL THEN
      PERFORM sync_require_own_rows(s, v_del, p_t, 'a delete');
      EXECUTE format('DELETE FROM %I WHERE id = ANY($1)', s.table_name) USING v_del;
    END IF;
  END LOOP;

  IF cardinality(v_users) > 0 AND sync_out_of_scope((SELECT sc FROM sync_scope sc WHERE sc.table_name = 'users'),
                                                     v_users, p_t.organization_id, p_t.workspace_id) > 0 THEN
    PERFORM sync_reject('tenant', 'a user is not employed by the terminal''s organization');
  END IF;
  -- Foreign keys and deferred checks, here, so a failure rejects this transaction only.
  SET CONSTRAINTS ALL IMMEDIATE;
  SET CONSTRAINTS ALL DEFERRED;
  PERFORM set_config('prometric.sync_apply', '', true);
  PERFORM set_config('prometric.apply_clock', '', true);
  RETURN v_conflicts;
END;
$$;

-- Pushes a batch of whole local transactions in order:
--   {"schemaVersion": n, "transactions": [{"seq": n, "hlc": n, "changes": [{"t","id","op","data"}]}]}
-- Each one is applied atomically (a savepoint) and at most once (seq ≤ last_seq is skipped);
-- a refused one is quarantined with its reason, and so is every later one of the batch that
-- touches its rows or names a row it inserted. Returns what was acknowledged.
CREATE FUNCTION sync_push(p_terminal UUID, p_secret TEXT, p_batch JSONB) RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
  v_settings sync_settings;
  v_now_ms BIGINT := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
  v_tx JSONB;
  v_seq BIGINT;
  v_hlc BIGINT;
  v_last BIGINT := v_t.last_seq;
  v_rejected JSONB := '[]';
  v_conflicts JSONB := '[]';
  v_tainted TEXT[] := '{}';      -- "table:id" of rows of refused transactions
  v_tainted_ids TEXT[] := '{}';  -- ids those transactions inserted
  v_cause BIGINT;
  v_rows TEXT[];
  v_hint TEXT;
  v_message TEXT;
  v_fingerprint TEXT := v_t.last_fingerprint;
BEGIN
  SELECT * INTO v_settings FROM sync_settings;
  IF coalesce((p_batch ->> 'schemaVersion')::int, 0) < v_settings.min_schema_version THEN
    RETURN jsonb_build_object('error', 'schema_too_old', 'minSchemaVersion', v_settings.min_schema_version,
                              'centralTime', v_now_ms);
  END IF;
  -- A clock far ahead of ours would win every conflict for as long as it is ahead: refused
  -- whole, with our time, so the terminal corrects its offset and re-stamps.
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_batch -> 'transactions') x
             WHERE (x ->> 'hlc')::bigint / 65536 > v_now_ms + v_settings.max_clock_ahead_ms) THEN
    RETURN jsonb_build_object('error', 'clock_ahead', 'centralTime', v_now_ms);
  END IF;
  -- Serialises pushes of one terminal (two processes on one data folder, a retry racing).
  PERFORM 1 FROM sync_terminals WHERE id = v_t.id FOR UPDATE;
  SELECT last_seq, last_fingerprint INTO v_last, v_fingerprint FROM sync_terminals WHERE id = v_t.id;

  FOR v_tx IN SELECT x FROM jsonb_array_elements(p_batch -> 'transactions') x ORDER BY (x ->> 'seq')::bigint LOOP
    v_seq := (v_tx ->> 'seq')::bigint;
    v_hlc := (v_tx ->> 'hlc')::bigint;
    IF v_seq <= v_last THEN
      -- Already applied (an acknowledgement that got lost). The same number with other contents
      -- means another copy of this data folder is pushing its own history: refused.
      IF EXISTS (SELECT 1 FROM sync_pushed p WHERE p.terminal_id = v_t.id AND p.seq = v_seq
                 AND p.fingerprint <> sync_hash((v_tx -> 'changes')::text)) THEN
        RETURN jsonb_build_object('error', 'duplicate_terminal', 'centralTime', v_now_ms);
      END IF;
      CONTINUE;
    END IF;
    SELECT array_agg((c ->> 't') || ':' || (c ->> 'id')) INTO v_rows FROM jsonb_array_elements(v_tx -> 'changes') c;
    v_cause := NULL;
    IF coalesce((v_tx ->> 'schemaVersion')::int, (p_batch ->> 'schemaVersion')::int, 0) < v_settings.min_schema_version THEN
      -- Captured under a schema older than head office still accepts: refused with its reason,
      -- kept in the quarantine for a person to re-enter.
      INSERT INTO sync_quarantine (terminal_id, seq, reason, detail, changes)
      VALUES (v_t.id, v_seq, 'schema_too_old', 'captured under a schema version head office no longer accepts', v_tx -> 'changes')
      ON CONFLICT DO NOTHING;
      v_rejected := v_rejected || jsonb_build_object('seq', v_seq, 'reason', 'schema_too_old');
      v_tainted := v_tainted || v_rows;
    ELSIF v_rows && v_tainted OR cardinality(v_tainted_ids) > 0 AND EXISTS (
         SELECT 1 FROM jsonb_array_elements(v_tx -> 'changes') c CROSS JOIN LATERAL jsonb_each_text(
           CASE WHEN jsonb_typeof(c -> 'data') = 'object' THEN c -> 'data' ELSE '{}' END) d
         WHERE d.value = ANY (v_tainted_ids)) THEN
      v_cause := (SELECT max((r ->> 'seq')::bigint) FROM jsonb_array_elements(v_rejected) r);
      INSERT INTO sync_quarantine (terminal_id, seq, reason, detail, caused_by, changes)
      VALUES (v_t.id, v_seq, 'depends', 'depends on a refused transaction', v_cause, v_tx -> 'changes')
      ON CONFLICT DO NOTHING;
      v_rejected := v_rejected || jsonb_build_object('seq', v_seq, 'reason', 'depends', 'causedBy', v_cause);
    ELSE
      BEGIN
        v_conflicts := v_conflicts || sync_apply_transaction(v_t, v_seq, v_hlc, v_tx -> 'changes');
      EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_hint = PG_EXCEPTION_HINT, v_message = MESSAGE_TEXT;
        v_hint := CASE WHEN v_hint LIKE 'sync:%' THEN substr(v_hint, 6) ELSE 'constraint' END;
        INSERT INTO sync_quarantine (terminal_id, seq, reason, detail, changes)
        VALUES (v_t.id, v_seq, v_hint, v_message, v_tx -> 'changes')
        ON CONFLICT DO NOTHING;
        v_rejected := v_rejected || jsonb_build_object('seq', v_seq, 'reason', v_hint, 'detail', v_message,
                                                       'constraint', SQLSTATE);
      END;
      IF v_cause IS NULL AND v_rejected @> jsonb_build_array(jsonb_build_object('seq', v_seq)) THEN
        v_tainted := v_tainted || v_rows;
        v_tainted_ids := v_tainted_ids || (SELECT array_agg(c ->> 'id') FROM jsonb_array_elements(v_tx -> 'changes') c
                                           WHERE c ->> 'op' = 'I');
      END IF;
    END IF;
    IF v_cause IS NOT NULL THEN
      v_tainted := v_tainted || v_rows;
      v_tainted_ids := v_tainted_ids || coalesce((SELECT array_agg(c ->> 'id') FROM jsonb_array_elements(v_tx -> 'changes') c
                                                  WHERE c ->> 'op' = 'I'), '{}');
    END IF;
    v_last := v_seq;
    v_fingerprint := sync_hash((v_tx -> 'changes')::text);
    INSERT INTO sync_pushed (terminal_id, seq, fingerprint) VALUES (v_t.id, v_seq, v_fingerprint)
    ON CONFLICT (terminal_id, seq) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, pushed_at = now();
  END LOOP;

  UPDATE sync_terminals SET last_seq = v_last, last_fingerprint = v_fingerprint, last_push_at = now(),
    schema_version = coalesce((p_batch ->> 'schemaVersion')::int, schema_version),
    pending_reported = coalesce((p_batch ->> 'pending')::int, 0),
    quarantined_count = (SELECT count(*) FROM sync_quarantine q WHERE q.terminal_id = v_t.id AND q.resolved_at IS NULL)
  WHERE id = v_t.id;
  RETURN jsonb_build_object('acked', v_last, 'rejected', v_rejected, 'conflicts', v_conflicts,
                            'centralTime', v_now_ms);
END;
$$;

-- Stages one chunk of a large transaction; the chunk marked last is pushed as one transaction
-- with all staged chunks (in part order) and the stage is cleared.
CREATE FUNCTION sync_push_chunk(p_terminal UUID, p_secret TEXT, p_seq BIGINT, p_hlc BIGINT, p_part INTEGER,
                                p_changes JSONB, p_last BOOLEAN, p_schema_version INTEGER) RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
  v_all JSONB;
BEGIN
  INSERT INTO sync_push_stage (terminal_id, seq, part, changes) VALUES (v_t.id, p_seq, p_part, p_changes)
  ON CONFLICT (terminal_id, seq, part) DO UPDATE SET changes = EXCLUDED.changes, received_at = now();
  IF NOT p_last THEN
    RETURN jsonb_build_object('staged', p_part);
  END IF;
  SELECT jsonb_agg(c ORDER BY s.part, n) INTO v_all
  FROM sync_push_stage s CROSS JOIN LATERAL jsonb_array_elements(s.changes) WITH ORDINALITY AS x(c, n)
  WHERE s.terminal_id = v_t.id AND s.seq = p_seq;
  DELETE FROM sync_push_stage WHERE terminal_id = v_t.id AND seq = p_seq;
  RETURN sync_push(p_terminal, p_secret, jsonb_build_object('schemaVersion', p_schema_version,
           'transactions', jsonb_build_array(jsonb_build_object('seq', p_seq, 'hlc', p_hlc, 'changes', v_all))));
END;
$$;

------------------------------------------------------------------------------------------
-- Pull and snapshot
------------------------------------------------------------------------------------------

-- One page of the terminal's changelog after p_cursor: whole transactions, up to about
-- p_max_rows rows of its scope (a larger transaction comes whole, alone), at most p_scan
-- transactions looked at. Rows come in commit order.
CREATE FUNCTION sync_pull(p_terminal UUID, p_secret TEXT, p_cursor BIGINT, p_max_rows INTEGER, p_schema_version INTEGER)
RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
  v_settings sync_settings;
  v_scan CONSTANT INTEGER := 5000;
  v_changes JSONB;
  v_cursor BIGINT;
  v_more BOOLEAN;
  v_scanned INTEGER;
  v_rows BIGINT;
  v_n BIGINT;
  v_tx RECORD;
  v_now_ms BIGINT := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
BEGIN
  SELECT * INTO v_settings FROM sync_settings;
  IF p_schema_version < v_settings.min_schema_version THEN
    RETURN jsonb_build_object('error', 'schema_too_old', 'minSchemaVersion', v_settings.min_schema_version,
                              'centralTime', v_now_ms);
  END IF;
  IF p_cursor < v_settings.purged_through THEN
    RETURN jsonb_build_object('error', 'bootstrap_required', 'centralTime', v_now_ms);
  END IF;

  -- Transactions in commit order, counting the terminal's rows of each (by the xid index, no
  -- row data read), until the page is full: only the chosen transactions' rows are read.
  v_rows := 0;
  v_cursor := p_cursor;
  v_more := false;
  v_scanned := 0;
  FOR v_tx IN SELECT t.pos, t.xid FROM sync_transactions t WHERE t.pos > p_cursor ORDER BY t.pos LIMIT v_scan LOOP
    v_scanned := v_scanned + 1;
    SELECT count(*) INTO v_n FROM sync_changelog c
    WHERE c.xid = v_tx.xid AND c.organization_id = v_t.organization_id
      AND (c.workspace_id IS NULL OR c.workspace_id = v_t.workspace_id);
    IF v_n > 0 AND v_rows >= p_max_rows THEN
      v_more := true;
      EXIT;
    END IF;
    v_rows := v_rows + v_n;
    v_cursor := v_tx.pos;
  END LOOP;
  IF NOT v_more THEN
    v_more := v_scanned = v_scan;
  END IF;

  SELECT jsonb_agg(jsonb_build_object('pos', t.pos, 't', c.table_name, 'id', c.row_id, 'op', c.op, 'data', c.data,
                                      'clock', c.clock, 'origin', c.origin_terminal) ORDER BY t.pos, c.id)
    INTO v_changes
  FROM sync_transactions t JOIN sync_changelog c ON c.xid = t.xid
  WHERE t.pos > p_cursor AND t.pos <= v_cursor AND v_rows > 0
    AND c.organization_id = v_t.organization_id AND (c.workspace_id IS NULL OR c.workspace_id = v_t.workspace_id);

  UPDATE sync_terminals SET last_pull_at = now(), pull_cursor = v_cursor, schema_version = p_schema_version
  WHERE id = v_t.id;
  RETURN jsonb_build_object('changes', coalesce(v_changes, '[]'), 'cursor', v_cursor, 'more', v_more,
                            'centralTime', v_now_ms);
END;
$$;

-- Where a snapshot starts: every position at or below it is committed and visible, so a
-- terminal that loads the tables and then pulls from here misses nothing.
CREATE FUNCTION sync_snapshot_position(p_terminal UUID, p_secret TEXT) RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
BEGIN
  RETURN coalesce((SELECT max(pos) FROM sync_transactions), 0);
END;
$$;

-- The columns of a synced table that do not travel (derived, push-only, generated): what is taken
-- off a row's to_jsonb to get its image.
CREATE FUNCTION sync_untravelled(p_scope sync_scope) RETURNS TEXT[]
LANGUAGE sql STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT coalesce(array_agg(a.attname::text), '{}') FROM pg_attribute a
  WHERE a.attrelid = format('public.%I', p_scope.table_name)::regclass AND a.attnum > 0 AND NOT a.attisdropped
    AND a.attname::text <> ALL (p_scope.columns)
$$;

-- One page of a table for a bootstrapping terminal: its scope's rows with id > p_after, by id.
CREATE FUNCTION sync_snapshot_page(p_terminal UUID, p_secret TEXT, p_table TEXT, p_after UUID, p_limit INTEGER)
RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
  s sync_scope;
  v_rows JSONB;
BEGIN
  SELECT * INTO s FROM sync_scope WHERE table_name = p_table AND direction = 'both';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'not a table a terminal holds: %', p_table USING ERRCODE = '22023';
  END IF;
  -- The row image without the columns that do not travel: one to_jsonb per row (not one per column).
  EXECUTE format($q$
    SELECT jsonb_agg(x.img ORDER BY x.id) FROM (
      SELECT t.id, to_jsonb(t) - $4::text[] AS img
      FROM %I t %s
      WHERE t.id > coalesce($1, '00000000-0000-0000-0000-000000000000'::uuid) AND (%s)
      ORDER BY t.id LIMIT $5) x
  $q$,
    s.table_name, sync_scope_join(s), sync_scope_condition(s))
  INTO v_rows USING p_after, v_t.organization_id, v_t.workspace_id, sync_untravelled(s), p_limit;
  RETURN coalesce(v_rows, '[]');
END;
$$;

-- Current images of some rows (a terminal discarding a refused transaction re-fetches them).
CREATE FUNCTION sync_fetch_rows(p_terminal UUID, p_secret TEXT, p_table TEXT, p_ids UUID[]) RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
  s sync_scope;
  v_rows JSONB;
  v_existing UUID[];
BEGIN
  SELECT * INTO s FROM sync_scope WHERE table_name = p_table AND direction = 'both';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'not a table a terminal holds: %', p_table USING ERRCODE = '22023';
  END IF;
  -- Ids head office does not have are simply not returned (the terminal removes those rows);
  -- an existing row of another tenant is refused.
  EXECUTE format('SELECT array_agg(t.id) FROM %I t WHERE t.id = ANY ($1)', s.table_name) INTO v_existing USING p_ids;
  IF v_existing IS NOT NULL AND sync_out_of_scope(s, v_existing, v_t.organization_id, v_t.workspace_id) > 0 THEN
    RAISE EXCEPTION 'a row is outside the terminal''s scope' USING ERRCODE = '42501';
  END IF;
  EXECUTE format('SELECT jsonb_agg(to_jsonb(t) - $2::text[]) FROM %I t WHERE t.id = ANY($1)', s.table_name)
  INTO v_rows USING p_ids, sync_untravelled(s);
  RETURN coalesce(v_rows, '[]');
END;
$$;

-- Drops changelog older than the retention period (run by a schedule on central). Terminals
-- whose cursor is older must bootstrap again; they keep their outbox.
CREATE FUNCTION sync_purge_changelog() RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_through BIGINT;
  v_days INTEGER;
BEGIN
  SELECT changelog_retention_days INTO v_days FROM sync_settings;
  SELECT max(pos) INTO v_through FROM sync_transactions WHERE committed_at < now() - make_interval(days => v_days);
  IF v_through IS NULL THEN
    RETURN 0;
  END IF;
  DELETE FROM sync_changelog c USING sync_transactions t WHERE t.xid = c.xid AND t.pos <= v_through;
  DELETE FROM sync_transactions WHERE pos <= v_through;
  DELETE FROM sync_pushed WHERE pushed_at < now() - make_interval(days => v_days);
  UPDATE sync_settings SET purged_through = greatest(purged_through, v_through);
  RETURN v_through;
END;
$$;

------------------------------------------------------------------------------------------
-- Head-office administration from a terminal (organization admins, online)
------------------------------------------------------------------------------------------
-- The terminal checks the person's permission (org.manage) before it calls; central confines
-- every call to the calling terminal's organization.

CREATE FUNCTION sync_admin_terminals(p_terminal UUID, p_secret TEXT) RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
BEGIN
  RETURN coalesce((
    SELECT jsonb_agg(jsonb_build_object(
             'id', t.id, 'name', t.name, 'workspaceId', t.workspace_id, 'workspaceName', w.name,
             'numberPrefix', t.number_prefix, 'enrolledAt', t.enrolled_at, 'revokedAt', t.revoked_at,
             'lastPushAt', t.last_push_at, 'lastPullAt', t.last_pull_at, 'pending', t.pending_reported,
             'quarantined', (SELECT count(*) FROM sync_quarantine q WHERE q.terminal_id = t.id AND q.resolved_at IS NULL),
             'awaitingEnrollment', t.enrollment_hash IS NOT NULL, 'self', t.id = v_t.id)
           ORDER BY t.created_at)
    FROM sync_terminals t JOIN workspaces w ON w.id = t.workspace_id
    WHERE t.organization_id = v_t.organization_id), '[]');
END;
$$;

CREATE FUNCTION sync_admin_create_terminal(p_terminal UUID, p_secret TEXT, p_workspace UUID, p_name TEXT, p_prefix TEXT)
RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
  v_new RECORD;
BEGIN
  SELECT * INTO v_new FROM sync_create_terminal(v_t.organization_id, p_workspace, p_name, p_prefix);
  RETURN jsonb_build_object('terminalId', v_new.terminal_id, 'enrollmentCode', v_new.enrollment_code);
END;
$$;

CREATE FUNCTION sync_admin_revoke_terminal(p_terminal UUID, p_secret TEXT, p_target UUID) RETURNS BOOLEAN
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
BEGIN
  IF p_target = v_t.id THEN
    RAISE EXCEPTION 'a terminal cannot revoke itself' USING ERRCODE = '22023';
  END IF;
  UPDATE sync_terminals SET revoked_at = now(), secret_hash = NULL, enrollment_hash = NULL
  WHERE id = p_target AND organization_id = v_t.organization_id AND revoked_at IS NULL;
  RETURN FOUND;
END;
$$;

CREATE FUNCTION sync_admin_quarantine(p_terminal UUID, p_secret TEXT) RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
BEGIN
  RETURN coalesce((
    SELECT jsonb_agg(jsonb_build_object('terminalId', q.terminal_id, 'terminalName', t.name, 'seq', q.seq,
             'reason', q.reason, 'detail', q.detail, 'causedBy', q.caused_by, 'receivedAt', q.received_at,
             'changes', jsonb_array_length(q.changes)) ORDER BY q.received_at DESC)
    FROM sync_quarantine q JOIN sync_terminals t ON t.id = q.terminal_id
    WHERE t.organization_id = v_t.organization_id AND q.resolved_at IS NULL), '[]');
END;
$$;

------------------------------------------------------------------------------------------
-- Online sign-in and sign-in records
------------------------------------------------------------------------------------------

-- Checks a person's password at head office for a terminal of their organization. Only bcrypt
-- hashes are verified here (pgcrypto); the terminal then keeps its own Argon2id verifier, so the
-- hash itself never leaves central.
CREATE FUNCTION sync_verify_password(p_terminal UUID, p_secret TEXT, p_email TEXT, p_password TEXT) RETURNS JSONB
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_t sync_terminals := sync_authenticate(p_terminal, p_secret);
  v_user users;
BEGIN
  SELECT u.* INTO v_user FROM users u
  WHERE lower(u.email) = lower(p_email) AND u.deleted_at IS NULL
    AND EXISTS (SELECT 1 FROM employees e WHERE e.user_id = u.id AND e.organization_id = v_t.organization_id);
  IF NOT FOUND OR substr(v_user.password_hash, 1, 4) NOT IN ('$2a$', '$2b$', '$2x$', '$2y$') OR crypt(p_password, v_user.password_hash) <> v_user.password_hash THEN
    RETURN jsonb_build_object('ok', false);
  END IF;
  RETURN jsonb_build_object('ok', true, 'userId', v_user.id, 'status', v_user.status);
END;
$$;

-- The seed keeps a user's last sign-in on the user row: kept here from the LOGIN audit rows
-- terminals push (the newest wins, whatever order they arrive in).
CREATE FUNCTION sync_login_from_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  UPDATE users SET last_login_at = NEW."timestamp", last_ip = NEW.ip_address, user_agent = NEW.user_agent,
    session_id = NEW.session_id
  WHERE id = NEW.user_id AND (last_login_at IS NULL OR last_login_at < NEW."timestamp");
  RETURN NULL;
END;
$$;
CREATE TRIGGER sync_login_from_audit AFTER INSERT ON audit_logs
  FOR EACH ROW WHEN (NEW.action = 'LOGIN') EXECUTE FUNCTION sync_login_from_audit();

------------------------------------------------------------------------------------------
-- Privileges: the sync role may execute the API and nothing else
------------------------------------------------------------------------------------------

REVOKE ALL ON sync_settings, sync_terminals, sync_changelog, sync_transactions, sync_tx_marker,
  sync_row_clocks, sync_conflicts, sync_quarantine, sync_push_stage, sync_scope, sync_organization_keys, sync_pushed FROM PUBLIC;
REVOKE ALL ON FUNCTION sync_clock_now(), sync_assign_position(), sync_row_scopes(sync_scope, jsonb),
  sync_changelog_capture(), sync_hash(text), sync_create_terminal(uuid, uuid, text, text, integer),
  sync_reissue_enrollment(uuid, integer), sync_revoke_terminal(uuid), sync_enroll(text, integer),
  sync_authenticate(uuid, text), sync_out_of_scope(sync_scope, uuid[], uuid, uuid), sync_reject(text, text),
  sync_scope_join(sync_scope), sync_scope_condition(sync_scope),
  sync_require_own_rows(sync_scope, uuid[], sync_terminals, text),
  sync_apply_transaction(sync_terminals, bigint, bigint, jsonb), sync_push(uuid, text, jsonb),
  sync_push_chunk(uuid, text, bigint, bigint, integer, jsonb, boolean, integer),
  sync_pull(uuid, text, bigint, integer, integer), sync_snapshot_position(uuid, text),
  sync_snapshot_page(uuid, text, text, uuid, integer), sync_fetch_rows(uuid, text, text, uuid[]),
  sync_purge_changelog(), sync_scope_refresh(), sync_verify_password(uuid, text, text, text), sync_untravelled(sync_scope),
  sync_login_from_audit(), sync_admin_terminals(uuid, text), sync_admin_create_terminal(uuid, text, uuid, text, text),
  sync_admin_revoke_terminal(uuid, text, uuid), sync_admin_quarantine(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sync_enroll(text, integer), sync_push(uuid, text, jsonb),
  sync_push_chunk(uuid, text, bigint, bigint, integer, jsonb, boolean, integer),
  sync_pull(uuid, text, bigint, integer, integer), sync_snapshot_position(uuid, text),
  sync_snapshot_page(uuid, text, text, uuid, integer), sync_fetch_rows(uuid, text, text, uuid[]),
  sync_verify_password(uuid, text, text, text), sync_admin_terminals(uuid, text),
  sync_admin_create_terminal(uuid, text, uuid, text, text), sync_admin_revoke_terminal(uuid, text, uuid),
  sync_admin_quarantine(uuid, text)
  TO prometric_sync;
-- Head-office administration creates, re-issues and revokes terminals (organization admins,
-- through the app role with the tenant settings; the function checks the workspace's organization).
GRANT EXECUTE ON FUNCTION sync_create_terminal(uuid, uuid, text, text, integer) TO prometric_maintainer;
`,
} satisfies MigrationSource
