import type { MigrationSource } from '../migrator'

/**
 * Bootstrap and pull without row triggers (terminal only).
 *
 * The row triggers of 0011 keep derived values current one row at a time: a ledger row updates
 * its balance and its product, an order line touches its order, an order its customer. Loading
 * half a million rows through them cost most of a bootstrap (even COPY with triggers on took
 * 139 s for the large demo's workspace). A snapshot is loaded instead with
 * `session_replication_role = replica` — no row triggers, no foreign-key triggers — page by
 * page, and at the end, once:
 *   - every derived value is computed set-wise from its definition (`sync_recompute_derived`:
 *     the same definitions as the triggers of 0011, which a test and the benchmark compare
 *     table by table with a load through the triggers);
 *   - every foreign key of the loaded tables is verified with one anti-join each
 *     (`sync_verify_foreign_keys`).
 * The staging table of 0018 is no longer needed: each page is applied in its own transaction
 * together with the bootstrap's progress, so an interrupted bootstrap resumes after the last
 * applied page.
 *
 * A pulled page (`sync_apply_pulled`, replaced here) writes its rows the same way and then
 * recomputes only what they can affect (`sync_derived_targets`: the products of new ledger rows,
 * the orders of changed lines, the customers of changed orders … taken before and after the
 * write, so a line moved to another order updates both), and verifies the foreign keys of the
 * rows it wrote. Deletes still run with triggers: cascades and their derived effects stay the
 * database's.
 */
export default {
  name: '0024_fast_bootstrap',
  target: 'local',
  sql: /* sql */ `
DROP TABLE sync_bootstrap_stage;

-- Secondary indexes of tables a bootstrap loads from empty: dropped while the snapshot goes in
-- and built once at the end (building an index over loaded rows costs a fraction of
-- maintaining it row by row: the products of the large demo load in 20 s instead of 30 without
-- their twelve lookup and search indexes, rebuild included). Kept here with their definitions
-- so an interrupted bootstrap still rebuilds them.
CREATE TABLE sync_deferred_indexes (
  index_name  TEXT PRIMARY KEY,
  table_name  TEXT NOT NULL,
  definition  TEXT NOT NULL
);

-- Drops the secondary (not primary, not unique) indexes of the synced tables that are empty.
CREATE FUNCTION sync_defer_indexes() RETURNS INTEGER
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  s RECORD;
  i RECORD;
  v_empty BOOLEAN;
  v_n INTEGER := 0;
BEGIN
  FOR s IN SELECT table_name FROM sync_scope WHERE direction = 'both' LOOP
    EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %I)', s.table_name) INTO v_empty;
    CONTINUE WHEN NOT v_empty;
    FOR i IN SELECT c.relname::text AS name, pg_get_indexdef(x.indexrelid) AS def
             FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
             WHERE x.indrelid = format('public.%I', s.table_name)::regclass
               AND NOT x.indisprimary AND NOT x.indisunique
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) LOOP
      INSERT INTO sync_deferred_indexes (index_name, table_name, definition) VALUES (i.name, s.table_name, i.def);
      EXECUTE format('DROP INDEX %I', i.name);
      v_n := v_n + 1;
    END LOOP;
  END LOOP;
  RETURN v_n;
END;
$$;

-- Builds the indexes sync_defer_indexes dropped.
CREATE FUNCTION sync_restore_indexes() RETURNS INTEGER
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  i RECORD;
  v_n INTEGER := 0;
BEGIN
  FOR i IN DELETE FROM sync_deferred_indexes RETURNING * LOOP
    IF to_regclass(format('public.%I', i.index_name)) IS NULL THEN
      EXECUTE i.definition;
      v_n := v_n + 1;
    END IF;
  END LOOP;
  RETURN v_n;
END;
$$;

-- The statement that writes rows as they travel ($1: a JSON array of row images) into a synced
-- table: a new row is inserted, an existing one takes the travelling columns (a ledger row is
-- never rewritten). Push-only columns (password hashes) never arrive: a new row gets ''. A
-- number series never goes back (what document_series_monotonic does when triggers are on).
CREATE FUNCTION sync_upsert_statement(s sync_scope) RETURNS TEXT
LANGUAGE sql STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
  SELECT format('INSERT INTO %I (%s%s) SELECT %s%s FROM jsonb_populate_recordset(NULL::%I, $1) ON CONFLICT (id) %s',
                s.table_name, a.cols, b.push_cols, a.cols, b.push_vals, s.table_name,
                CASE WHEN s.ledger THEN 'DO NOTHING' ELSE 'DO UPDATE SET ' || d.set_list END)
  FROM (SELECT string_agg(format('%I', c), ', ') AS cols FROM unnest(s.columns) c) a,
       (SELECT coalesce(string_agg(format(', %I', c), ''), '') AS push_cols,
               coalesce(string_agg(', ''''', ''), '') AS push_vals FROM unnest(s.push_only) c) b,
       (SELECT string_agg(CASE WHEN s.table_name = 'document_series' AND c = 'next_number'
                               THEN 'next_number = GREATEST(EXCLUDED.next_number, document_series.next_number)'
                               ELSE format('%1$I = EXCLUDED.%1$I', c) END, ', ') AS set_list
        FROM unnest(s.columns) c WHERE c <> 'id') d
$$;

-- Applies one snapshot page of a table (rows as they travel). Local changes not yet pushed keep
-- their values (a re-bootstrap after retention keeps the outbox): then the rows go through
-- sync_apply_pulled, which merges them; otherwise straight in. Runs under replica mode: the
-- caller recomputes derived values and verifies foreign keys when the last page is in.
CREATE FUNCTION sync_bootstrap_page(p_table TEXT, p_rows JSONB) RETURNS INTEGER
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  s sync_scope;
  v_n INTEGER;
BEGIN
  IF current_setting('session_replication_role') <> 'replica' THEN
    RAISE EXCEPTION 'sync_bootstrap_page runs with session_replication_role = replica' USING ERRCODE = '55000';
  END IF;
  SELECT * INTO s FROM sync_scope WHERE table_name = p_table AND direction = 'both';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'not a table a terminal holds: %', p_table USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM sync_outbox o WHERE o.table_name = p_table) THEN
    RETURN sync_apply_pulled(
      (SELECT jsonb_agg(jsonb_build_object('t', p_table, 'id', r ->> 'id', 'op', 'I', 'data', r,
                                           'clock', '00000000000000000000'))
       FROM jsonb_array_elements(p_rows) r), false);
  END IF;
  EXECUTE sync_upsert_statement(s) USING p_rows;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  RETURN v_n;
END;
$$;

-- ' AND <column> = ANY ($n)' from a format with two placeholders, or '' when the format is NULL.
CREATE FUNCTION sync_only(p_format TEXT, p_column TEXT, p_param INTEGER) RETURNS TEXT
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, public, pg_temp
AS $$ SELECT CASE WHEN p_format IS NULL THEN '' ELSE format(p_format, p_column, p_param) END $$;

-- The derived values a set of changed rows can affect, from the rows as they are now: called
-- before changes are applied (old parents: an order line moved to another order) and after
-- (new parents), accumulating into p_into. p_rows: {"table": [ids of changed rows]}.
CREATE FUNCTION sync_derived_targets(p_rows JSONB, p_into JSONB DEFAULT '{}') RETURNS JSONB
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_moves UUID[] := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_rows -> 'inventory_movements', '[]'))::uuid);
  v_pays UUID[] := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_rows -> 'payments', '[]'))::uuid);
  v_allocs UUID[] := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_rows -> 'payment_allocations', '[]'))::uuid);
  v_products UUID[];
  v_items UUID[];
  v_production UUID[];
  v_invoices UUID[];
  v_orders UUID[];
  v_customers UUID[];
  v_dates DATE[];
BEGIN
  v_products := ARRAY(
    SELECT jsonb_array_elements_text(coalesce(p_rows -> 'products', '[]') || coalesce(p_into -> 'products', '[]'))::uuid
    UNION SELECT product_id FROM inventory_movements WHERE id = ANY (v_moves));
  v_items := ARRAY(
    SELECT jsonb_array_elements_text(coalesce(p_rows -> 'order_items', '[]') || coalesce(p_into -> 'order_items', '[]'))::uuid
    UNION SELECT order_item_id FROM inventory_movements WHERE id = ANY (v_moves) AND order_item_id IS NOT NULL);
  v_production := ARRAY(
    SELECT jsonb_array_elements_text(coalesce(p_rows -> 'production_orders', '[]') || coalesce(p_into -> 'production_orders', '[]'))::uuid
    UNION SELECT production_order_id FROM inventory_movements WHERE id = ANY (v_moves) AND production_order_id IS NOT NULL);
  v_invoices := ARRAY(
    SELECT jsonb_array_elements_text(coalesce(p_rows -> 'invoices', '[]') || coalesce(p_into -> 'invoices', '[]'))::uuid
    UNION SELECT invoice_id FROM invoice_items
          WHERE id = ANY (ARRAY(SELECT jsonb_array_elements_text(coalesce(p_rows -> 'invoice_items', '[]'))::uuid))
    UNION SELECT invoice_id FROM payment_allocations WHERE id = ANY (v_allocs) OR payment_id = ANY (v_pays)
    UNION SELECT p.invoice_id FROM payments p
          WHERE p.invoice_id IS NOT NULL
            AND (p.id = ANY (v_pays) OR p.id IN (SELECT payment_id FROM payment_allocations WHERE id = ANY (v_allocs))));
  v_orders := ARRAY(
    SELECT jsonb_array_elements_text(coalesce(p_rows -> 'orders', '[]') || coalesce(p_into -> 'orders', '[]'))::uuid
    UNION SELECT order_id FROM order_items WHERE id = ANY (v_items)
    UNION SELECT order_id FROM invoices WHERE id = ANY (v_invoices) AND order_id IS NOT NULL
    UNION SELECT order_id FROM payments WHERE id = ANY (v_pays) AND order_id IS NOT NULL);
  v_customers := ARRAY(
    SELECT jsonb_array_elements_text(coalesce(p_rows -> 'customers', '[]') || coalesce(p_into -> 'customers', '[]'))::uuid
    UNION SELECT customer_id FROM orders WHERE id = ANY (v_orders) AND customer_id IS NOT NULL
    UNION SELECT customer_id FROM invoices WHERE id = ANY (v_invoices) AND customer_id IS NOT NULL
    UNION SELECT customer_id FROM deals
          WHERE id = ANY (ARRAY(SELECT jsonb_array_elements_text(coalesce(p_rows -> 'deals', '[]'))::uuid)) AND customer_id IS NOT NULL);
  v_dates := ARRAY(
    SELECT jsonb_array_elements_text(coalesce(p_into -> 'dates', '[]'))::date
    UNION SELECT order_date FROM orders WHERE id = ANY (v_orders));
  RETURN jsonb_build_object(
    'products', to_jsonb(v_products), 'order_items', to_jsonb(v_items), 'production_orders', to_jsonb(v_production),
    'deal_products', coalesce(p_rows -> 'deal_products', '[]') || coalesce(p_into -> 'deal_products', '[]'),
    'invoice_items', coalesce(p_rows -> 'invoice_items', '[]') || coalesce(p_into -> 'invoice_items', '[]'),
    'invoices', to_jsonb(v_invoices), 'orders', to_jsonb(v_orders), 'customers', to_jsonb(v_customers),
    'dates', to_jsonb(v_dates));
END;
$$;

-- Derived values from their definitions, set-wise: what the row triggers of 0011 would have
-- left. Everything (p_targets NULL: after a bootstrap), or only the rows sync_derived_targets
-- named (after a pulled page). Only rows whose values differ are written. Runs under replica
-- mode (no updated_at stamps, no guards, no re-derivation by the triggers).
CREATE FUNCTION sync_recompute_derived(p_targets JSONB DEFAULT NULL) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  -- The rows to recompute, per table ($1 … $9 of every statement), when only some are.
  a1 UUID[]; a2 UUID[]; a3 UUID[]; a4 UUID[]; a5 UUID[]; a6 UUID[]; a7 UUID[]; a8 UUID[];
  a9 DATE[];
  -- The filter format when only some rows are recomputed (sync_only), NULL for all of them.
  v_only TEXT;
BEGIN
  IF current_setting('session_replication_role') <> 'replica' THEN
    RAISE EXCEPTION 'sync_recompute_derived runs with session_replication_role = replica' USING ERRCODE = '55000';
  END IF;
  IF p_targets IS NOT NULL THEN
    a1 := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_targets -> 'products', '[]'))::uuid);
    a2 := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_targets -> 'order_items', '[]'))::uuid);
    a3 := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_targets -> 'production_orders', '[]'))::uuid);
    a4 := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_targets -> 'deal_products', '[]'))::uuid);
    a5 := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_targets -> 'invoice_items', '[]'))::uuid);
    a6 := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_targets -> 'invoices', '[]'))::uuid);
    a7 := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_targets -> 'orders', '[]'))::uuid);
    a8 := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_targets -> 'customers', '[]'))::uuid);
    a9 := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_targets -> 'dates', '[]'))::date);
    v_only := ' AND %s = ANY ($%s)';
  END IF;

  -- Balances: the ledger summed per product, workspace and lot.
  IF p_targets IS NULL OR cardinality(a1) > 0 THEN
    EXECUTE 'DELETE FROM stock_balances WHERE true' || sync_only(v_only, 'product_id', 1)
      USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
    EXECUTE $q$
      INSERT INTO stock_balances (organization_id, workspace_id, product_id, lot_id, on_hand, reserved, last_movement_at)
      SELECT min(organization_id::text)::uuid, workspace_id, product_id, lot_id,
             COALESCE(sum(quantity) FILTER (WHERE movement_type NOT IN ('reservation', 'release')), 0),
             COALESCE(sum(quantity) FILTER (WHERE movement_type IN ('reservation', 'release')), 0),
             max(created_at)
      FROM inventory_movements WHERE true $q$ || sync_only(v_only, 'product_id', 1) || $q$
      GROUP BY workspace_id, product_id, lot_id $q$
      USING a1, a2, a3, a4, a5, a6, a7, a8, a9;

    -- Products: totals over their balances.
    EXECUTE $q$
      UPDATE products p SET stock_level = x.on_hand, reserved_quantity = x.reserved
      FROM (SELECT p2.id, COALESCE(sum(b.on_hand), 0) AS on_hand, COALESCE(sum(b.reserved), 0) AS reserved
            FROM products p2 LEFT JOIN stock_balances b ON b.product_id = p2.id
            WHERE true $q$ || sync_only(v_only, 'p2.id', 1) || $q$ GROUP BY p2.id) x
      WHERE x.id = p.id AND (p.stock_level, p.reserved_quantity) IS DISTINCT FROM (x.on_hand, x.reserved) $q$
      USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
  END IF;

  -- Line VAT.
  IF p_targets IS NULL OR cardinality(a4) > 0 THEN
    EXECUTE $q$
      UPDATE deal_products SET tax_amount = line_tax_amount(unit_price, quantity, discount_amount, tax_percent, vat_included)
      WHERE tax_amount IS DISTINCT FROM line_tax_amount(unit_price, quantity, discount_amount, tax_percent, vat_included) $q$
      || sync_only(v_only, 'id', 4) USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
  END IF;
  IF p_targets IS NULL OR cardinality(a5) > 0 THEN
    EXECUTE $q$
      UPDATE invoice_items SET tax_amount = line_tax_amount(unit_price, quantity, discount_amount, tax_percent, vat_included)
      WHERE tax_amount IS DISTINCT FROM line_tax_amount(unit_price, quantity, discount_amount, tax_percent, vat_included) $q$
      || sync_only(v_only, 'id', 5) USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
  END IF;

  -- Order lines: VAT, shipped and returned quantities from the ledger.
  IF p_targets IS NULL OR cardinality(a2) > 0 THEN
    EXECUTE $q$
      UPDATE order_items i SET tax_amount = x.tax_amount, quantity_shipped = x.shipped, quantity_returned = x.returned
      FROM (SELECT i2.id,
                   line_tax_amount(i2.unit_price, i2.quantity_ordered, i2.discount_amount, i2.tax_percent, i2.vat_included) AS tax_amount,
                   COALESCE(m.shipped, 0) AS shipped, COALESCE(m.returned, 0) AS returned
            FROM order_items i2
            LEFT JOIN (SELECT order_item_id,
                              sum(CASE WHEN movement_type IN ('shipment', 'transfer_out') THEN -quantity
                                       WHEN movement_type = 'receipt' THEN quantity END) AS shipped,
                              sum(CASE WHEN movement_type = 'return' THEN quantity END) AS returned
                       FROM inventory_movements WHERE order_item_id IS NOT NULL $q$ || sync_only(v_only, 'order_item_id', 2) || $q$
                       GROUP BY order_item_id) m
              ON m.order_item_id = i2.id
            WHERE true $q$ || sync_only(v_only, 'i2.id', 2) || $q$) x
      WHERE x.id = i.id
        AND (i.tax_amount, i.quantity_shipped, i.quantity_returned) IS DISTINCT FROM (x.tax_amount, x.shipped, x.returned) $q$
      USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
  END IF;

  -- Invoices: totals from their items, paid from payments (as invoice_paid_amount), status by payment.
  IF p_targets IS NULL OR cardinality(a6) > 0 THEN
    EXECUTE $q$
      UPDATE invoices v SET subtotal = x.subtotal, tax_amount = x.tax_amount, paid_amount = x.paid, status = x.status
      FROM (SELECT y.*,
                   CASE WHEN y.old_status IN ('draft', 'cancelled') THEN y.old_status
                        WHEN y.paid > 0 AND y.paid >= y.subtotal + y.tax_amount - y.discount_amount THEN 'paid'
                        WHEN y.paid > 0 THEN 'partial'
                        WHEN y.old_status IN ('partial', 'paid') THEN 'sent'
                        ELSE y.old_status END AS status
            FROM (SELECT v2.id, v2.status AS old_status, v2.discount_amount,
                         COALESCE(it.subtotal, 0) AS subtotal, COALESCE(it.tax_amount, 0) AS tax_amount,
                         COALESCE(al.amount, 0) + COALESCE(dp.amount, 0) AS paid
                  FROM invoices v2
                  LEFT JOIN (SELECT invoice_id, sum(net_amount) AS subtotal, sum(tax_amount) AS tax_amount
                             FROM invoice_items WHERE true $q$ || sync_only(v_only, 'invoice_id', 6) || $q$
                             GROUP BY invoice_id) it ON it.invoice_id = v2.id
                  LEFT JOIN (SELECT a.invoice_id, sum(a.amount) AS amount
                             FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                             WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND p.status = 'completed'
                               $q$ || sync_only(v_only, 'a.invoice_id', 6) || $q$
                             GROUP BY a.invoice_id) al ON al.invoice_id = v2.id
                  LEFT JOIN (SELECT p.invoice_id, sum(p.amount) AS amount
                             FROM payments p
                             WHERE p.invoice_id IS NOT NULL AND p.deleted_at IS NULL AND p.status = 'completed'
                               AND NOT EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.deleted_at IS NULL)
                               $q$ || sync_only(v_only, 'p.invoice_id', 6) || $q$
                             GROUP BY p.invoice_id) dp ON dp.invoice_id = v2.id
                  WHERE true $q$ || sync_only(v_only, 'v2.id', 6) || $q$) y) x
      WHERE x.id = v.id AND (v.subtotal, v.tax_amount, v.paid_amount, v.status) IS DISTINCT FROM
            (x.subtotal, x.tax_amount, x.paid, x.status) $q$
      USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
  END IF;

  -- Orders: totals from their lines, paid from their invoices and direct payments, payment status.
  IF p_targets IS NULL OR cardinality(a7) > 0 THEN
    EXECUTE $q$
      UPDATE orders o SET subtotal = x.subtotal, tax_amount = x.tax_amount, paid_amount = x.paid, payment_status = x.payment_status
      FROM (SELECT y.*,
                   CASE WHEN y.old_status = 'cancelled' THEN y.old_status
                        WHEN y.paid > 0 AND y.paid >= y.subtotal + y.tax_amount + y.shipping_cost - y.discount_amount THEN 'paid'
                        WHEN y.paid > 0 THEN 'partial'
                        WHEN y.old_status IN ('partial', 'paid') THEN 'pending'
                        ELSE y.old_status END AS payment_status
            FROM (SELECT o2.id, o2.payment_status AS old_status, o2.shipping_cost, o2.discount_amount,
                         COALESCE(it.subtotal, 0) AS subtotal, COALESCE(it.tax_amount, 0) AS tax_amount,
                         COALESCE(iv.paid, 0) + COALESCE(dp.amount, 0) AS paid
                  FROM orders o2
                  LEFT JOIN (SELECT order_id, sum(net_amount) AS subtotal, sum(tax_amount) AS tax_amount
                             FROM order_items WHERE true $q$ || sync_only(v_only, 'order_id', 7) || $q$
                             GROUP BY order_id) it ON it.order_id = o2.id
                  LEFT JOIN (SELECT order_id, sum(paid_amount) AS paid FROM invoices
                             WHERE order_id IS NOT NULL AND deleted_at IS NULL AND status <> 'cancelled' AND type <> 'CREDIT_NOTE'
                               $q$ || sync_only(v_only, 'order_id', 7) || $q$
                             GROUP BY order_id) iv ON iv.order_id = o2.id
                  LEFT JOIN (SELECT p.order_id, sum(p.amount) AS amount FROM payments p
                             WHERE p.order_id IS NOT NULL AND p.invoice_id IS NULL AND p.deleted_at IS NULL AND p.status = 'completed'
                               AND NOT EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.deleted_at IS NULL)
                               $q$ || sync_only(v_only, 'p.order_id', 7) || $q$
                             GROUP BY p.order_id) dp ON dp.order_id = o2.id
                  WHERE true $q$ || sync_only(v_only, 'o2.id', 7) || $q$) y) x
      WHERE x.id = o.id
        AND (o.subtotal, o.tax_amount, o.paid_amount, o.payment_status) IS DISTINCT FROM (x.subtotal, x.tax_amount, x.paid, x.payment_status) $q$
      USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
  END IF;

  -- Production orders: output posted to the ledger.
  IF p_targets IS NULL OR cardinality(a3) > 0 THEN
    EXECUTE $q$
      UPDATE production_orders po SET quantity_produced = x.produced
      FROM (SELECT po2.id, COALESCE(sum(m.quantity), 0) AS produced
            FROM production_orders po2
            LEFT JOIN inventory_movements m ON m.production_order_id = po2.id AND m.movement_type = 'production_output'
            WHERE true $q$ || sync_only(v_only, 'po2.id', 3) || $q$
            GROUP BY po2.id) x
      WHERE x.id = po.id AND po.quantity_produced IS DISTINCT FROM x.produced $q$
      USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
  END IF;

  -- Customers: the counters of customer_derived_values.
  IF p_targets IS NULL OR cardinality(a8) > 0 THEN
    EXECUTE $q$
      UPDATE customers c SET order_count = x.order_count, lifetime_value = x.lifetime_value, last_order_date = x.last_order_date,
             deal_count = x.deal_count, balance = x.balance
      FROM (SELECT c2.id, COALESCE(o.order_count, 0) AS order_count, COALESCE(o.lifetime_value, 0) AS lifetime_value,
                   o.last_order_date, COALESCE(d.deal_count, 0) AS deal_count, COALESCE(v.balance, 0) AS balance
            FROM customers c2
            LEFT JOIN (SELECT customer_id,
                              count(*) FILTER (WHERE status <> 'cancelled')::integer AS order_count,
                              COALESCE(sum(total_amount) FILTER (WHERE status IN ('confirmed', 'processing', 'shipped', 'delivered')), 0) AS lifetime_value,
                              max(order_date) FILTER (WHERE status <> 'cancelled') AS last_order_date
                       FROM orders WHERE type = 'SALES' AND deleted_at IS NULL AND customer_id IS NOT NULL
                         $q$ || sync_only(v_only, 'customer_id', 8) || $q$
                       GROUP BY customer_id) o ON o.customer_id = c2.id
            LEFT JOIN (SELECT customer_id, count(*)::integer AS deal_count FROM deals
                       WHERE deleted_at IS NULL AND customer_id IS NOT NULL $q$ || sync_only(v_only, 'customer_id', 8) || $q$
                       GROUP BY customer_id) d ON d.customer_id = c2.id
            LEFT JOIN (SELECT customer_id,
                              sum(CASE WHEN type = 'CREDIT_NOTE' THEN paid_amount - total_amount ELSE total_amount - paid_amount END) AS balance
                       FROM invoices
                       WHERE customer_id IS NOT NULL AND deleted_at IS NULL AND status NOT IN ('draft', 'cancelled') AND type <> 'PROFORMA'
                         $q$ || sync_only(v_only, 'customer_id', 8) || $q$
                       GROUP BY customer_id) v ON v.customer_id = c2.id
            WHERE true $q$ || sync_only(v_only, 'c2.id', 8) || $q$) x
      WHERE x.id = c.id
        AND (c.order_count, c.lifetime_value, c.last_order_date, c.deal_count, c.balance)
            IS DISTINCT FROM (x.order_count, x.lifetime_value, x.last_order_date, x.deal_count, x.balance) $q$
      USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
  END IF;

  -- Daily sales: delivered and completed orders per workspace and day.
  IF p_targets IS NULL OR cardinality(a9) > 0 THEN
    EXECUTE 'DELETE FROM daily_sales WHERE true' || sync_only(v_only, 'sale_date', 9) USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
    EXECUTE $q$
      INSERT INTO daily_sales (organization_id, workspace_id, sale_date, order_count, total_revenue, avg_order_value, unique_customers)
      SELECT organization_id, workspace_id, order_date, count(*), sum(total_amount), avg(total_amount), count(DISTINCT customer_id)
      FROM orders
      WHERE status IN ('delivered', 'completed') AND deleted_at IS NULL $q$ || sync_only(v_only, 'order_date', 9) || $q$
      GROUP BY organization_id, workspace_id, order_date $q$
      USING a1, a2, a3, a4, a5, a6, a7, a8, a9;
  END IF;
END;
$$;

-- Verifies every foreign key of the given tables with one anti-join each (what the constraint
-- triggers would have checked row by row), for all their rows or, with p_rows ({"table": [ids]}),
-- for those rows only. Raises foreign_key_violation naming the constraint.
CREATE FUNCTION sync_verify_foreign_keys(p_tables TEXT[], p_rows JSONB DEFAULT NULL) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  k RECORD;
  v_bad BOOLEAN;
BEGIN
  FOR k IN
    SELECT con.conname, con.conrelid::regclass AS child, con.confrelid::regclass AS parent, cl.relname::text AS child_name,
           (SELECT string_agg(format('c.%I = p.%I', a.attname, b.attname), ' AND ')
              FROM unnest(con.conkey, con.confkey) AS x(ck, pk)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = x.ck
              JOIN pg_attribute b ON b.attrelid = con.confrelid AND b.attnum = x.pk) AS matches,
           (SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ')
              FROM unnest(con.conkey) AS x(ck)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = x.ck) AS present
    FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid
    WHERE con.contype = 'f' AND con.conrelid = ANY (SELECT format('public.%I', t)::regclass FROM unnest(p_tables) t)
  LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s c WHERE %s%s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s))',
                   k.child, k.present, CASE WHEN p_rows IS NULL THEN '' ELSE ' AND c.id = ANY ($1)' END, k.parent, k.matches)
      INTO v_bad
      USING ARRAY(SELECT jsonb_array_elements_text(coalesce(p_rows -> k.child_name, '[]'))::uuid);
    IF v_bad THEN
      RAISE EXCEPTION 'the changes break foreign key % of %', k.conname, k.child USING ERRCODE = 'foreign_key_violation';
    END IF;
  END LOOP;
END;
$$;

-- Applies pulled changes (0018), now with the row triggers off while rows are written: each
-- table's upsert runs under replica mode, then the derived values the page can affect are
-- recomputed set-wise (sync_derived_targets before and after: old and new parents) and the
-- foreign keys of the written rows verified. Deletes keep the triggers (cascades, guards and
-- the derived values they touch). What it does otherwise is unchanged.
CREATE OR REPLACE FUNCTION sync_apply_pulled(p_changes JSONB, p_check BOOLEAN DEFAULT true) RETURNS INTEGER
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  s sync_scope;
  v_up JSONB;
  v_del UUID[];
  v_applied INTEGER := 0;
  v_n INTEGER;
  v_rows JSONB;
  v_targets JSONB;
  v_role TEXT := current_setting('session_replication_role');
BEGIN
  PERFORM set_config('prometric.sync_apply', 'on', true);
  SET CONSTRAINTS ALL DEFERRED;
  SELECT coalesce(jsonb_object_agg(t, ids), '{}') INTO v_rows
  FROM (SELECT c ->> 't' AS t, jsonb_agg(DISTINCT c ->> 'id') AS ids FROM jsonb_array_elements(p_changes) c
        WHERE c ->> 'op' <> 'D' GROUP BY 1) x;
  -- Old parents matter only for rows that name one (an order line's order, an order's customer);
  -- a ledger row is never rewritten.
  IF v_rows ?| ARRAY['order_items', 'invoice_items', 'invoices', 'orders', 'payments', 'payment_allocations', 'deals'] THEN
    v_targets := sync_derived_targets(v_rows - 'inventory_movements' - 'products' - 'customers');
  ELSE
    v_targets := '{}';
  END IF;

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
      PERFORM set_config('session_replication_role', 'replica', true);
      EXECUTE sync_upsert_statement(s) USING v_up;
      GET DIAGNOSTICS v_n = ROW_COUNT;
      PERFORM set_config('session_replication_role', v_role, true);
      v_applied := v_applied + v_n;
    END IF;
  END LOOP;

  IF v_rows <> '{}' THEN
    v_targets := sync_derived_targets(v_rows, v_targets);
    PERFORM set_config('session_replication_role', 'replica', true);
    PERFORM sync_recompute_derived(v_targets);
    PERFORM set_config('session_replication_role', v_role, true);
    -- A bootstrap checks every row once at the end.
    IF p_check THEN
      PERFORM sync_verify_foreign_keys(ARRAY(SELECT jsonb_object_keys(v_rows)), v_rows);
    END IF;
  END IF;

  -- Our clock never runs behind a clock we have seen.
  UPDATE sync_state SET hlc = GREATEST(hlc, coalesce(
    (SELECT max(left(c ->> 'clock', 20)::bigint) FROM jsonb_array_elements(p_changes) c), 0));
  IF p_check THEN
    SET CONSTRAINTS ALL IMMEDIATE;
  END IF;
  PERFORM set_config('prometric.sync_apply', '', true);
  RETURN v_applied;
END;
$$;
`,
} satisfies MigrationSource
