import type { MigrationSource } from '../migrator'

/**
 * The seed's views, materialized view, encryption functions and business-rule triggers.
 */
export default {
  name: '0010_views_functions_seed_triggers',
  target: 'both',
  sql: /* sql */ `
-- Data encryption (seed). SECURITY DEFINER as in the seed, with a pinned search_path so a
-- caller cannot substitute its own pgp_sym_encrypt through a schema earlier in its path.
ALTER TABLE users ADD COLUMN encrypted_ssn BYTEA;

CREATE FUNCTION encrypt_sensitive_data(data TEXT)
RETURNS BYTEA
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  RETURN pgp_sym_encrypt(data, current_setting('app.encryption_key'));
END;
$$;

CREATE FUNCTION decrypt_sensitive_data(data BYTEA)
RETURNS TEXT
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  RETURN pgp_sym_decrypt(data, current_setting('app.encryption_key'));
END;
$$;

-- Customer summary. The seed joined deals and orders side by side, so a customer with 2 deals
-- and 3 orders got 6 joined rows and SUM(o.total_amount) counted every order twice. Same
-- columns; deals and orders are aggregated separately before the join.
CREATE VIEW customer_summary AS
SELECT
  c.id,
  c.name,
  c.type,
  c.status,
  c.email,
  c.phone,
  c.lifetime_value,
  c.credit_limit,
  c.balance,
  c.last_order_date,
  COALESCE(d.deal_count, 0) AS deal_count,
  COALESCE(o.order_count, 0) AS order_count,
  COALESCE(o.total_orders_value, 0) AS total_orders_value,
  COALESCE(o.avg_order_value, 0) AS avg_order_value,
  c.created_at,
  c.updated_at
FROM customers c
LEFT JOIN (
  SELECT customer_id, COUNT(*) AS deal_count
  FROM deals
  WHERE deleted_at IS NULL
  GROUP BY customer_id
) d ON d.customer_id = c.id
LEFT JOIN (
  SELECT customer_id,
         COUNT(*) AS order_count,
         SUM(total_amount) AS total_orders_value,
         AVG(total_amount) AS avg_order_value
  FROM orders
  WHERE deleted_at IS NULL
  GROUP BY customer_id
) o ON o.customer_id = c.id
WHERE c.deleted_at IS NULL;

CREATE VIEW sales_pipeline AS
SELECT
  d.stage,
  COUNT(*) as deal_count,
  SUM(d.value) as total_value,
  AVG(d.value) as avg_deal_value,
  AVG(d.probability) as avg_probability,
  SUM(d.value * d.probability / 100) as weighted_value,
  COUNT(CASE WHEN d.expected_close_date <= CURRENT_DATE + INTERVAL '30 days'
        THEN 1 END) as closing_this_month
FROM deals d
WHERE d.deleted_at IS NULL
  AND d.stage NOT IN ('WON', 'LOST')
GROUP BY d.stage
ORDER BY
  CASE d.stage
    WHEN 'LEAD' THEN 1
    WHEN 'QUALIFIED' THEN 2
    WHEN 'PROPOSAL' THEN 3
    WHEN 'NEGOTIATION' THEN 4
    WHEN 'CLOSING' THEN 5
  END;

CREATE VIEW inventory_status AS
SELECT
  p.id,
  p.code,
  p.name,
  p.type,
  p.status,
  p.stock_level,
  p.reserved_quantity,
  p.available_quantity,
  p.min_stock_level,
  p.reorder_point,
  CASE
    WHEN p.stock_level <= 0 THEN 'OUT_OF_STOCK'
    WHEN p.stock_level <= p.min_stock_level THEN 'LOW_STOCK'
    WHEN p.stock_level <= p.reorder_point THEN 'REORDER_NEEDED'
    ELSE 'IN_STOCK'
  END as inventory_status,
  p.price,
  p.cost,
  (p.price - p.cost) as margin,
  CASE WHEN p.cost > 0 THEN ((p.price - p.cost) / p.cost * 100) ELSE 0 END as margin_percent,
  p.stock_level * p.cost as inventory_value
FROM products p
WHERE p.deleted_at IS NULL
  AND p.track_inventory = true;

-- Kept as the seed defines it (all tenants, refreshed by a job on central). It cannot carry
-- row-level security, so central does not grant it to the app role (0012); terminals and the
-- app read the trigger-maintained, per-workspace daily_sales table (0011) instead.
CREATE MATERIALIZED VIEW daily_sales_summary AS
SELECT
  DATE(order_date) as sale_date,
  COUNT(*) as order_count,
  SUM(total_amount) as total_revenue,
  AVG(total_amount) as avg_order_value,
  COUNT(DISTINCT customer_id) as unique_customers
FROM orders
WHERE status IN ('delivered', 'completed')
  AND deleted_at IS NULL
GROUP BY DATE(order_date)
ORDER BY sale_date DESC;

CREATE INDEX idx_daily_sales_date ON daily_sales_summary (sale_date);

-- Ensure deal probability matches stage (seed). While pulled changes are applied the
-- writer's values stand: they already passed this rule on the replica that wrote them.
CREATE FUNCTION validate_deal_probability()
RETURNS TRIGGER
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF prometric_sync_applying() THEN
    RETURN NEW;
  END IF;

  -- Stage-based probability validation
  IF NEW.stage = 'LEAD' AND NEW.probability > 20 THEN
    NEW.probability = 20;
  ELSIF NEW.stage = 'QUALIFIED' AND NEW.probability > 40 THEN
    NEW.probability = 40;
  ELSIF NEW.stage = 'PROPOSAL' AND NEW.probability > 60 THEN
    NEW.probability = 60;
  ELSIF NEW.stage = 'NEGOTIATION' AND NEW.probability > 80 THEN
    NEW.probability = 80;
  ELSIF NEW.stage = 'WON' THEN
    NEW.probability = 100;
  ELSIF NEW.stage = 'LOST' THEN
    NEW.probability = 0;
  END IF;

  RETURN NEW;
END;
$$;

CREATE TRIGGER trigger_validate_deal_probability
  BEFORE INSERT OR UPDATE ON deals
  FOR EACH ROW EXECUTE FUNCTION validate_deal_probability();

-- Prevent deletion of products in use (seed).
CREATE FUNCTION prevent_product_deletion()
RETURNS TRIGGER
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM deal_products WHERE product_id = OLD.id
    UNION ALL
    SELECT 1 FROM order_items WHERE product_id = OLD.id
    UNION ALL
    SELECT 1 FROM invoice_items WHERE product_id = OLD.id
  ) THEN
    RAISE EXCEPTION 'Cannot delete product that is referenced in deals, orders, or invoices';
  END IF;

  RETURN OLD;
END;
$$;

CREATE TRIGGER prevent_product_deletion_trigger
  BEFORE DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION prevent_product_deletion();
`,
} satisfies MigrationSource
