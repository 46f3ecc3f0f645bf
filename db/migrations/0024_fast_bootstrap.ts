import type { MigrationSource } from '../migrator'

/**
 * A bootstrap that loads the snapshot without row triggers (terminal only).
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
 */
export default {
  name: '0024_fast_bootstrap',
  target: 'local',
  sql: /* sql */ `
DROP TABLE sync_bootstrap_stage;

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
  v_cols TEXT;
  v_push_cols TEXT;
  v_push_vals TEXT;
  v_set TEXT;
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
  v_cols := (SELECT string_agg(format('%I', c), ', ') FROM unnest(s.columns) c);
  v_push_cols := (SELECT string_agg(format(', %I', c), '') FROM unnest(s.push_only) c);
  v_push_vals := (SELECT string_agg(', ''''', '') FROM unnest(s.push_only) c);
  v_set := (SELECT string_agg(format('%1$I = EXCLUDED.%1$I', c), ', ') FROM unnest(s.columns) c WHERE c <> 'id');
  EXECUTE format('INSERT INTO %I (%s%s) SELECT %s%s FROM jsonb_populate_recordset(NULL::%I, $1) ON CONFLICT (id) %s',
                 s.table_name, v_cols, coalesce(v_push_cols, ''), v_cols, coalesce(v_push_vals, ''), s.table_name,
                 CASE WHEN s.ledger THEN 'DO NOTHING' ELSE 'DO UPDATE SET ' || v_set END)
    USING p_rows;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  RETURN v_n;
END;
$$;

-- Every derived value of the terminal's tables from its definition, set-wise: what the row
-- triggers of 0011 would have left after loading the same rows. Only rows whose values differ
-- are written. Runs under replica mode (no updated_at stamps, no guards, no re-derivation).
CREATE FUNCTION sync_recompute_derived() RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF current_setting('session_replication_role') <> 'replica' THEN
    RAISE EXCEPTION 'sync_recompute_derived runs with session_replication_role = replica' USING ERRCODE = '55000';
  END IF;

  -- Balances: the ledger summed per product, workspace and lot.
  DELETE FROM stock_balances;
  INSERT INTO stock_balances (organization_id, workspace_id, product_id, lot_id, on_hand, reserved, last_movement_at)
  SELECT min(organization_id::text)::uuid, workspace_id, product_id, lot_id,
         COALESCE(sum(quantity) FILTER (WHERE movement_type NOT IN ('reservation', 'release')), 0),
         COALESCE(sum(quantity) FILTER (WHERE movement_type IN ('reservation', 'release')), 0),
         max(created_at)
  FROM inventory_movements
  GROUP BY workspace_id, product_id, lot_id;

  -- Products: totals over their balances.
  UPDATE products p SET stock_level = x.on_hand, reserved_quantity = x.reserved
  FROM (SELECT p2.id, COALESCE(sum(b.on_hand), 0) AS on_hand, COALESCE(sum(b.reserved), 0) AS reserved
        FROM products p2 LEFT JOIN stock_balances b ON b.product_id = p2.id GROUP BY p2.id) x
  WHERE x.id = p.id AND (p.stock_level, p.reserved_quantity) IS DISTINCT FROM (x.on_hand, x.reserved);

  -- Line VAT.
  UPDATE deal_products SET tax_amount = line_tax_amount(unit_price, quantity, discount_amount, tax_percent, vat_included)
  WHERE tax_amount IS DISTINCT FROM line_tax_amount(unit_price, quantity, discount_amount, tax_percent, vat_included);
  UPDATE invoice_items SET tax_amount = line_tax_amount(unit_price, quantity, discount_amount, tax_percent, vat_included)
  WHERE tax_amount IS DISTINCT FROM line_tax_amount(unit_price, quantity, discount_amount, tax_percent, vat_included);

  -- Order lines: VAT, shipped and returned quantities from the ledger.
  UPDATE order_items i SET tax_amount = x.tax_amount, quantity_shipped = x.shipped, quantity_returned = x.returned
  FROM (SELECT i2.id,
               line_tax_amount(i2.unit_price, i2.quantity_ordered, i2.discount_amount, i2.tax_percent, i2.vat_included) AS tax_amount,
               COALESCE(m.shipped, 0) AS shipped, COALESCE(m.returned, 0) AS returned
        FROM order_items i2
        LEFT JOIN (SELECT order_item_id,
                          sum(CASE WHEN movement_type IN ('shipment', 'transfer_out') THEN -quantity
                                   WHEN movement_type = 'receipt' THEN quantity END) AS shipped,
                          sum(CASE WHEN movement_type = 'return' THEN quantity END) AS returned
                   FROM inventory_movements WHERE order_item_id IS NOT NULL GROUP BY order_item_id) m
          ON m.order_item_id = i2.id) x
  WHERE x.id = i.id
    AND (i.tax_amount, i.quantity_shipped, i.quantity_returned) IS DISTINCT FROM (x.tax_amount, x.shipped, x.returned);

  -- Invoices: totals from their items, paid from payments (invoice_paid_amount), status by payment.
  UPDATE invoices v SET subtotal = x.subtotal, tax_amount = x.tax_amount, paid_amount = x.paid,
         status = CASE WHEN v.status IN ('draft', 'cancelled') THEN v.status
                       WHEN x.paid > 0 AND x.paid >= x.subtotal + x.tax_amount - v.discount_amount THEN 'paid'
                       WHEN x.paid > 0 THEN 'partial'
                       WHEN v.status IN ('partial', 'paid') THEN 'sent'
                       ELSE v.status END
  FROM (SELECT v2.id, COALESCE(it.subtotal, 0) AS subtotal, COALESCE(it.tax_amount, 0) AS tax_amount,
               COALESCE(al.amount, 0) + COALESCE(dp.amount, 0) AS paid
        FROM invoices v2
        LEFT JOIN (SELECT invoice_id, sum(net_amount) AS subtotal, sum(tax_amount) AS tax_amount
                   FROM invoice_items GROUP BY invoice_id) it ON it.invoice_id = v2.id
        LEFT JOIN (SELECT a.invoice_id, sum(a.amount) AS amount
                   FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                   WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND p.status = 'completed'
                   GROUP BY a.invoice_id) al ON al.invoice_id = v2.id
        LEFT JOIN (SELECT p.invoice_id, sum(p.amount) AS amount
                   FROM payments p
                   WHERE p.invoice_id IS NOT NULL AND p.deleted_at IS NULL AND p.status = 'completed'
                     AND NOT EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.deleted_at IS NULL)
                   GROUP BY p.invoice_id) dp ON dp.invoice_id = v2.id) x
  WHERE x.id = v.id AND (v.subtotal, v.tax_amount, v.paid_amount, v.status) IS DISTINCT FROM
        (x.subtotal, x.tax_amount, x.paid,
         CASE WHEN v.status IN ('draft', 'cancelled') THEN v.status
              WHEN x.paid > 0 AND x.paid >= x.subtotal + x.tax_amount - v.discount_amount THEN 'paid'
              WHEN x.paid > 0 THEN 'partial'
              WHEN v.status IN ('partial', 'paid') THEN 'sent'
              ELSE v.status END);

  -- Orders: totals from their lines, paid from their invoices and direct payments, payment status.
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
                         FROM order_items GROUP BY order_id) it ON it.order_id = o2.id
              LEFT JOIN (SELECT order_id, sum(paid_amount) AS paid FROM invoices
                         WHERE order_id IS NOT NULL AND deleted_at IS NULL AND status <> 'cancelled' AND type <> 'CREDIT_NOTE'
                         GROUP BY order_id) iv ON iv.order_id = o2.id
              LEFT JOIN (SELECT p.order_id, sum(p.amount) AS amount FROM payments p
                         WHERE p.order_id IS NOT NULL AND p.invoice_id IS NULL AND p.deleted_at IS NULL AND p.status = 'completed'
                           AND NOT EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.deleted_at IS NULL)
                         GROUP BY p.order_id) dp ON dp.order_id = o2.id) y) x
  WHERE x.id = o.id
    AND (o.subtotal, o.tax_amount, o.paid_amount, o.payment_status) IS DISTINCT FROM (x.subtotal, x.tax_amount, x.paid, x.payment_status);

  -- Production orders: output posted to the ledger.
  UPDATE production_orders po SET quantity_produced = x.produced
  FROM (SELECT po2.id, COALESCE(sum(m.quantity), 0) AS produced
        FROM production_orders po2
        LEFT JOIN inventory_movements m ON m.production_order_id = po2.id AND m.movement_type = 'production_output'
        GROUP BY po2.id) x
  WHERE x.id = po.id AND po.quantity_produced IS DISTINCT FROM x.produced;

  -- Customers: the counters of customer_derived_values.
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
                   GROUP BY customer_id) o ON o.customer_id = c2.id
        LEFT JOIN (SELECT customer_id, count(*)::integer AS deal_count FROM deals
                   WHERE deleted_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id) d ON d.customer_id = c2.id
        LEFT JOIN (SELECT customer_id,
                          sum(CASE WHEN type = 'CREDIT_NOTE' THEN paid_amount - total_amount ELSE total_amount - paid_amount END) AS balance
                   FROM invoices
                   WHERE customer_id IS NOT NULL AND deleted_at IS NULL AND status NOT IN ('draft', 'cancelled') AND type <> 'PROFORMA'
                   GROUP BY customer_id) v ON v.customer_id = c2.id) x
  WHERE x.id = c.id
    AND (c.order_count, c.lifetime_value, c.last_order_date, c.deal_count, c.balance)
        IS DISTINCT FROM (x.order_count, x.lifetime_value, x.last_order_date, x.deal_count, x.balance);

  -- Daily sales: delivered and completed orders per workspace and day.
  DELETE FROM daily_sales;
  INSERT INTO daily_sales (organization_id, workspace_id, sale_date, order_count, total_revenue, avg_order_value, unique_customers)
  SELECT organization_id, workspace_id, order_date, count(*), sum(total_amount), avg(total_amount), count(DISTINCT customer_id)
  FROM orders
  WHERE status IN ('delivered', 'completed') AND deleted_at IS NULL
  GROUP BY organization_id, workspace_id, order_date;
END;
$$;

-- Verifies every foreign key of the given tables with one anti-join each (what the constraint
-- triggers would have checked row by row). Raises foreign_key_violation naming the constraint.
CREATE FUNCTION sync_verify_foreign_keys(p_tables TEXT[]) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  k RECORD;
  v_bad BOOLEAN;
BEGIN
  FOR k IN
    SELECT con.conname, con.conrelid::regclass AS child, con.confrelid::regclass AS parent,
           (SELECT string_agg(format('c.%I = p.%I', a.attname, b.attname), ' AND ')
              FROM unnest(con.conkey, con.confkey) AS x(ck, pk)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = x.ck
              JOIN pg_attribute b ON b.attrelid = con.confrelid AND b.attnum = x.pk) AS matches,
           (SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ')
              FROM unnest(con.conkey) AS x(ck)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = x.ck) AS present
    FROM pg_constraint con
    WHERE con.contype = 'f' AND con.conrelid = ANY (SELECT format('public.%I', t)::regclass FROM unnest(p_tables) t)
  LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s))',
                   k.child, k.present, k.parent, k.matches) INTO v_bad;
    IF v_bad THEN
      RAISE EXCEPTION 'the snapshot breaks foreign key % of %', k.conname, k.child USING ERRCODE = 'foreign_key_violation';
    END IF;
  END LOOP;
END;
$$;
`,
} satisfies MigrationSource
