import { type SQL, sql } from 'drizzle-orm'
import type { ProductListRow, lookupMatches, productStatuses, productTypes, stockStatuses } from '../../../shared/contract'
import type { DbOrTx } from './orm'

/** How close a name must come to a search (word_similarity); 0.3 lets one or two typos through. */
export const FUZZY_THRESHOLD = 0.3

/** A close match (a typo at most): searched first, so good matches are never crowded out. */
export const CLOSE_THRESHOLD = 0.5

/**
 * At most this many matches are ranked per pass. A common word matches thousands of names in a
 * large catalog; checking each costs ~20 µs in PGlite, so the scan stops here and the best of
 * these are shown (a longer search narrows them).
 */
export const FUZZY_CANDIDATES = 500

/** The columns of a list row, from products `p` and their category `c`. */
const listColumns = sql`
  p.id, p.code, p.name, p.sku, p.barcode,
  p.category_id AS "categoryId", c.name AS "categoryName",
  p.type, p.status, p.unit, p.price::text AS price, p.currency,
  p.stock_level::text AS "onHand", p.reserved_quantity::text AS reserved, p.available_quantity::text AS available,
  CASE
    WHEN NOT p.track_inventory THEN 'NOT_TRACKED'
    WHEN p.stock_level <= 0 THEN 'OUT_OF_STOCK'
    WHEN p.stock_level <= p.min_stock_level THEN 'LOW_STOCK'
    WHEN p.stock_level <= p.reorder_point THEN 'REORDER_NEEDED'
    ELSE 'IN_STOCK'
  END AS "stockStatus"`

const fromProducts = sql`FROM products p LEFT JOIN product_categories c ON c.id = p.category_id`

/** Filters of the catalog list. */
export interface CatalogFilters {
  categoryId?: string
  type?: (typeof productTypes)[number]
  status?: (typeof productStatuses)[number]
  stockStatus?: (typeof stockStatuses)[number]
}

/** The seed's inventory_status rule as a condition (tracked products only, as the view). */
function stockCondition(status: (typeof stockStatuses)[number]): SQL {
  switch (status) {
    case 'OUT_OF_STOCK':
      return sql`p.track_inventory AND p.stock_level <= 0`
    case 'LOW_STOCK':
      return sql`p.track_inventory AND p.stock_level > 0 AND p.stock_level <= p.min_stock_level`
    case 'REORDER_NEEDED':
      return sql`p.track_inventory AND p.stock_level > 0 AND p.stock_level > p.min_stock_level AND p.stock_level <= p.reorder_point`
    case 'IN_STOCK':
      return sql`p.track_inventory AND p.stock_level > 0 AND p.stock_level > p.min_stock_level AND p.stock_level > p.reorder_point`
  }
}

/**
 * The organization's live products matching the filters (a category includes its
 * sub-categories). `organizationIndexed: false` compares the organization as text, so the
 * planner cannot pick the organization's index: on a terminal that index selects the whole
 * catalog, and a fuzzy search must go through the trigram index instead.
 */
function filterConditions(organizationId: string, filters: CatalogFilters, organizationIndexed = true): SQL {
  const parts: SQL[] = [
    organizationIndexed ? sql`p.organization_id = ${organizationId}` : sql`p.organization_id::text = ${organizationId}`,
    sql`p.deleted_at IS NULL`,
  ]
  if (filters.categoryId)
    // UNION (not UNION ALL): a cycle in stored data ends the walk instead of looping.
    parts.push(sql`p.category_id IN (
      WITH RECURSIVE sub AS (
        SELECT id FROM product_categories WHERE id = ${filters.categoryId} AND organization_id = ${organizationId}
        UNION
        SELECT k.id FROM product_categories k JOIN sub ON k.parent_id = sub.id
      ) SELECT id FROM sub)`)
  if (filters.type) parts.push(sql`p.type = ${filters.type}`)
  if (filters.status) parts.push(sql`p.status = ${filters.status}`)
  if (filters.stockStatus) parts.push(stockCondition(filters.stockStatus))
  return sql.join(parts, sql` AND `)
}

/**
 * A page of the catalog in code order (byte order, COLLATE "C": stable and the same on both
 * engines; names are not paged on, PGlite has no ICU). Reads one row more than asked to know
 * whether another page follows.
 */
export async function browseProducts(
  db: DbOrTx,
  organizationId: string,
  filters: CatalogFilters,
  after: string | undefined,
  limit: number,
): Promise<{ rows: ProductListRow[]; nextCursor: { code: string } | null }> {
  const keyset = after === undefined ? sql`` : sql`AND p.code COLLATE "C" > ${after}`
  const result = await db.execute<ProductListRow>(sql`
    SELECT ${listColumns} ${fromProducts}
    WHERE ${filterConditions(organizationId, filters)} ${keyset}
    ORDER BY p.organization_id, p.code COLLATE "C"
    LIMIT ${limit + 1}`)
  const rows = result.rows.slice(0, limit)
  return { rows, nextCursor: result.rows.length > limit ? { code: rows.at(-1)!.code } : null }
}

/**
 * The best fuzzy matches of a name search: `<%` (word_similarity above the threshold, served
 * by the trigram index) ranked by word_similarity, shorter names first among equals. One pass
 * at the loose threshold ranks every match when there are at most {@link FUZZY_CANDIDATES};
 * when there are more (a common word in a large catalog), close matches are searched too and
 * put first, so a scan stopped early never hides them. The `%` operator is avoided: it hangs
 * PGlite 0.5 (see migration 0023). The threshold is set for this transaction only.
 */
export async function fuzzySearchProducts(
  db: DbOrTx,
  organizationId: string,
  filters: CatalogFilters,
  search: string,
  limit: number,
  /** For each search word, the name words it may stand for (name-words.ts); null: compare whole names. */
  alternatives: string[][] | null = null,
): Promise<ProductListRow[]> {
  if (alternatives) {
    const byWords = await db.execute<ProductListRow & { candidates: number }>(
      fuzzySearchQuery(organizationId, filters, search, limit, alternatives),
    )
    if (byWords.rows.length > 0) return byWords.rows.map(({ candidates: _candidates, ...row }) => row)
  }
  return db.transaction(async (tx) => {
    const pass = async (threshold: number) => {
      await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`)
      const result = await tx.execute<ProductListRow & { candidates: number }>(
        fuzzySearchQuery(organizationId, filters, search, limit),
      )
      return {
        rows: result.rows.map(({ candidates: _candidates, ...row }) => row),
        capped: (result.rows[0]?.candidates ?? 0) >= FUZZY_CANDIDATES,
      }
    }
    const loose = await pass(FUZZY_THRESHOLD)
    if (!loose.capped) return loose.rows
    const close = await pass(CLOSE_THRESHOLD)
    const seen = new Set(close.rows.map((r) => r.id))
    return [...close.rows, ...loose.rows.filter((r) => !seen.has(r.id))].slice(0, limit)
  })
}

/**
 * The fuzzy search's statement (exported so a test can read its plan). The candidates are
 * found through the trigram index and the scan stops after {@link FUZZY_CANDIDATES}; only
 * those are ranked, and only the page's rows are joined and shaped. Each row also carries the
 * number of candidates, so the caller knows whether the scan was stopped. The organization is
 * compared so that its btree index is not chosen over the trigram index.
 */
export function fuzzySearchQuery(
  organizationId: string,
  filters: CatalogFilters,
  search: string,
  limit: number,
  alternatives: string[][] | null = null,
): SQL {
  // Names with, for every search word, one of the words it may stand for (the GIN index on
  // name_words), or else names whose trigrams come close enough to the search.
  const matches = alternatives
    ? sql.join(
        alternatives.map((words) => sql`p.name_words && ${`{${words.map((w) => `"${w}"`).join(',')}}`}::text[]`),
        sql` AND `,
      )
    : sql`${search} <% p.name`
  return sql`
    WITH cand AS (
      SELECT p.id, p.name, p.code FROM products p
      WHERE ${filterConditions(organizationId, filters, false)} AND ${matches}
      LIMIT ${FUZZY_CANDIDATES}
    ), top AS (
      SELECT cand.id, word_similarity(${search}, cand.name) AS score, length(cand.name) AS len
      FROM cand
      ORDER BY score DESC, len, cand.code COLLATE "C"
      LIMIT ${limit}
    )
    SELECT ${listColumns}, (SELECT count(*)::int FROM cand) AS candidates
    FROM top
    JOIN products p ON p.id = top.id
    LEFT JOIN product_categories c ON c.id = p.category_id
    ORDER BY top.score DESC, top.len, p.code COLLATE "C"`
}

/** The barcode as a 14-digit GTIN key (UPC-A, EAN-13 and GTIN-14 with leading zeros are one item), or null for non-GTIN text. */
export function gtinKey(code: string): string | null {
  return /^\d{8,14}$/.test(code) ? code.padStart(14, '0') : null
}

/**
 * The product a code names: a barcode (any GTIN form), else a SKU, else a product code. A scan
 * is nearly always a barcode, so that is one small statement on its own index; SKU and code
 * follow only when it finds nothing. Among several matches (a code typed on two terminals
 * offline, until head office settles it) an active product and then the lowest code wins.
 */
export async function lookupProduct(
  db: DbOrTx,
  organizationId: string,
  code: string,
): Promise<{ product: ProductListRow; matchedBy: (typeof lookupMatches)[number] } | null> {
  const gtin = gtinKey(code)
  if (gtin) {
    const byBarcode = await db.execute<ProductListRow>(sql`
      SELECT ${listColumns} ${fromProducts}
      WHERE p.organization_id = ${organizationId} AND p.deleted_at IS NULL
        AND p.barcode IS NOT NULL AND lpad(p.barcode, 14, '0') = ${gtin}
      ORDER BY p.status, p.code COLLATE "C"
      LIMIT 1`)
    if (byBarcode.rows[0]) return { product: byBarcode.rows[0], matchedBy: 'barcode' }
  }
  const result = await db.execute<ProductListRow & { matchedBy: 'sku' | 'code' }>(sql`
    SELECT ${listColumns}, CASE WHEN p.sku = ${code} THEN 'sku' ELSE 'code' END AS "matchedBy"
    ${fromProducts}
    WHERE p.organization_id = ${organizationId} AND p.deleted_at IS NULL
      AND ((p.sku IS NOT NULL AND p.sku = ${code}) OR p.code COLLATE "C" = ${code})
    ORDER BY CASE WHEN p.sku = ${code} THEN 0 ELSE 1 END, p.status, p.code COLLATE "C"
    LIMIT 1`)
  const row = result.rows[0]
  if (!row) return null
  const { matchedBy, ...product } = row
  return { product, matchedBy }
}

/** Another live product of the organization with this barcode in any GTIN form, if any. */
export async function productWithBarcode(
  db: DbOrTx,
  organizationId: string,
  barcode: string,
  exceptId?: string,
): Promise<{ id: string; code: string; name: string } | null> {
  const result = await db.execute<{ id: string; code: string; name: string }>(sql`
    SELECT p.id, p.code, p.name FROM products p
    WHERE p.organization_id = ${organizationId} AND p.deleted_at IS NULL AND p.barcode IS NOT NULL
      AND lpad(p.barcode, 14, '0') = ${barcode.padStart(14, '0')}
      ${exceptId ? sql`AND p.id <> ${exceptId}` : sql``}
    LIMIT 1`)
  return result.rows[0] ?? null
}
