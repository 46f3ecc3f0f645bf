import type { MigrationSource } from '../migrator'

/**
 * Catalog search and paging (the warehouse's catalog screen, 100 000 products):
 *  - fuzzy name search: a GIN trigram index on products.name, used by `<%` / `%>`
 *    (word_similarity). The `%` operator (similarity_op) hangs PGlite 0.5's backend, so the
 *    app never uses it; `<%` reaches the same index;
 *  - exact barcode look-up in any GTIN form (EAN-8, UPC-A, EAN-13, GTIN-14 with leading
 *    zeros): the barcode left-padded to 14 digits, per organization;
 *  - keyset paging by code in byte order (COLLATE "C" on both engines, so the page order does
 *    not depend on central's collation): (organization_id, code);
 *  - a product's stock ledger newest first: (product_id, created_at, id).
 * Indexes only: nothing synced changes, no data moves.
 */
export default {
  name: '0023_catalog_search',
  target: 'both',
  sql: /* sql */ `
CREATE INDEX idx_products_name_trgm ON products USING gin (name gin_trgm_ops);
CREATE INDEX idx_products_org_gtin ON products (organization_id, (lpad(barcode, 14, '0'))) WHERE barcode IS NOT NULL;
CREATE INDEX idx_products_org_code ON products (organization_id, code COLLATE "C");
CREATE INDEX idx_products_org_sku ON products (organization_id, sku) WHERE sku IS NOT NULL;
CREATE INDEX idx_inventory_movements_product_created ON inventory_movements (product_id, created_at, id);
`,
} satisfies MigrationSource
