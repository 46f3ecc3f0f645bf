import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import type { MethodOutput } from '../../../shared/contract'
import { wouldCreateCycle } from '../../../shared/category-tree'
import type { Locale } from '../../../shared/locale'
import type { Product, ProductCategory } from '../../../db/schema'
import { auditable } from '../data/audit-diff'
import { browseProducts, fuzzySearchProducts, lookupProduct, productWithBarcode } from '../data/catalog'
import { type NameVocabulary, searchAlternatives } from '../data/name-words'
import { type DbOrTx, type Orm, type Tx, schema } from '../data/orm'
import { defined } from '../data/organization-scope'
import type { Write } from '../data/write'
import type { DomainHandlers } from '../dispatcher'
import { catalogRefusal } from './catalog-messages'

/** A live product of the organization, or NOT_FOUND on `field`. */
async function productIn(
  db: DbOrTx,
  locale: Locale,
  organizationId: string,
  productId: string,
  field = 'productId',
): Promise<Product> {
  const [row] = await db
    .select()
    .from(schema.products)
    .where(
      and(
        eq(schema.products.id, productId),
        eq(schema.products.organizationId, organizationId),
        isNull(schema.products.deletedAt),
      ),
    )
  if (!row) throw catalogRefusal('NOT_FOUND', locale, field, 'productNotFound')
  return row
}

/** A live category of the organization, or NOT_FOUND on `field`. */
async function categoryIn(
  db: DbOrTx,
  locale: Locale,
  organizationId: string,
  categoryId: string,
  field = 'categoryId',
): Promise<ProductCategory> {
  const [row] = await db
    .select()
    .from(schema.productCategories)
    .where(
      and(
        eq(schema.productCategories.id, categoryId),
        eq(schema.productCategories.organizationId, organizationId),
        isNull(schema.productCategories.deletedAt),
      ),
    )
  if (!row) throw catalogRefusal('NOT_FOUND', locale, field, 'categoryNotFound')
  return row
}

/** A category a product may be put in: live and active. */
async function activeCategoryIn(db: DbOrTx, locale: Locale, organizationId: string, categoryId: string) {
  const category = await categoryIn(db, locale, organizationId, categoryId)
  if (!category.isActive) throw catalogRefusal('CONFLICT', locale, 'categoryId', 'categoryInactive', { name: category.name })
  return category
}

/**
 * Product codes are unique per organization, deleted products included (the seed's
 * constraint); checked first so the refusal names the product that has it.
 */
async function refuseTakenCode(tx: Tx, locale: Locale, organizationId: string, code: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: schema.products.id, name: schema.products.name })
    .from(schema.products)
    .where(
      and(
        eq(schema.products.organizationId, organizationId),
        eq(schema.products.code, code),
        exceptId ? ne(schema.products.id, exceptId) : undefined,
      ),
    )
  if (taken) throw catalogRefusal('CONFLICT', locale, 'code', 'productCodeTaken', { code, name: taken.name })
}

/** One barcode, one product, in any GTIN form (a UPC-A and its EAN-13 with a leading 0 are the same item). */
async function refuseTakenBarcode(tx: Tx, locale: Locale, organizationId: string, barcode: string, exceptId?: string) {
  const taken = await productWithBarcode(tx, organizationId, barcode, exceptId)
  if (taken) throw catalogRefusal('CONFLICT', locale, 'barcode', 'barcodeTaken', { barcode, name: taken.name, code: taken.code })
}

/** The VAT rate of a tax category in force today (Asia/Almaty: the session's time zone), or VALIDATION on taxCategory. */
async function vatRateToday(tx: Tx, locale: Locale, category: string): Promise<string> {
  const result = await tx.execute<{ rate: string | null }>(sql`SELECT vat_rate_on(${category}, CURRENT_DATE)::text AS rate`)
  const rate = result.rows[0]?.rate
  if (rate === null || rate === undefined)
    throw catalogRefusal('VALIDATION', locale, 'taxCategory', 'vatRateMissing', { category })
  return rate
}

/** True when anything refers to the product: ledger rows, order lines, BOMs (as product or component). */
async function productInUse(tx: Tx, productId: string): Promise<boolean> {
  const result = await tx.execute<{ used: boolean }>(sql`SELECT
    EXISTS (SELECT 1 FROM inventory_movements WHERE product_id = ${productId})
    OR EXISTS (SELECT 1 FROM order_items WHERE product_id = ${productId})
    OR EXISTS (SELECT 1 FROM bills_of_materials WHERE product_id = ${productId})
    OR EXISTS (SELECT 1 FROM bom_components WHERE component_id = ${productId} OR substitute_component_id = ${productId})
    OR EXISTS (SELECT 1 FROM deal_products WHERE product_id = ${productId})
    OR EXISTS (SELECT 1 FROM production_orders WHERE product_id = ${productId}) AS used`)
  return result.rows[0]?.used ?? true
}

type Detail = MethodOutput<'catalog.products.get'>

/**
 * Handlers of the product catalog: the list with search and filters, the scanner look-up, the
 * product card's sections, product and category edits. Every id in the input is looked up
 * within the caller's organization before use; every change is one audited transaction.
 */
export function catalogHandlers(deps: {
  orm: Orm
  write: Write
  /** The catalog's name words, for typo-tolerant search by words (absent: whole names by trigrams). */
  vocabulary?: NameVocabulary
}): DomainHandlers<
  | 'catalog.products.list'
  | 'catalog.lookup'
  | 'catalog.products.get'
  | 'catalog.products.movements'
  | 'catalog.products.demand'
  | 'catalog.products.boms'
  | 'catalog.products.create'
  | 'catalog.products.update'
  | 'catalog.products.delete'
  | 'catalog.products.assignBarcode'
  | 'catalog.taxRates.current'
  | 'catalog.categories.list'
  | 'catalog.categories.create'
  | 'catalog.categories.update'
> {
  const { orm, write } = deps
  /** A write that may change product names: the search vocabulary is refreshed after it. */
  const writeNames = async <T>(...[ctx, session, action]: Parameters<typeof write<T>>): Promise<T> => {
    const result = await write(ctx, session, action)
    deps.vocabulary?.invalidate()
    return result
  }
  return {
    'catalog.products.list': async ({ search, after, limit, ...filters }, ctx) => {
      const org = ctx.connection.session!.organizationId
      if (search) {
        // A scanned or typed exact code wins over any fuzzy match and ignores the filters: a
        // clerk who scans a product wants that product.
        const exact = await lookupProduct(orm, org, search)
        if (exact) return { rows: [exact.product], nextCursor: null, mode: 'exact', exactId: exact.product.id }
        const alternatives = deps.vocabulary ? searchAlternatives(search, await deps.vocabulary.words(org)) : null
        const rows = await fuzzySearchProducts(orm, org, filters, search, limit, alternatives)
        return { rows, nextCursor: null, mode: 'fuzzy', exactId: null }
      }
      const page = await browseProducts(orm, org, filters, after?.code, limit)
      return { ...page, mode: 'browse', exactId: null }
    },

    'catalog.lookup': async ({ code }, ctx) => {
      const found = await lookupProduct(orm, ctx.connection.session!.organizationId, code.replace(/\s+/g, ''))
      return found ?? { product: null, matchedBy: null }
    },

    'catalog.products.get': async ({ productId }, ctx) => {
      const org = ctx.connection.session!.organizationId
      const locale = ctx.connection.locale
      const product = await productIn(orm, locale, org, productId)
      const head = await orm.execute<Omit<Detail, 'stock' | 'hasLedger'> & { hasLedger: boolean }>(sql`
        SELECT p.id, p.code, p.name, p.sku, p.barcode, p.category_id AS "categoryId", c.name AS "categoryName",
          p.type, p.status, p.unit, p.price::text AS price, p.currency, p.cost::text AS cost,
          p.stock_level::text AS "onHand", p.reserved_quantity::text AS reserved, p.available_quantity::text AS available,
          CASE WHEN NOT p.track_inventory THEN 'NOT_TRACKED' WHEN p.stock_level <= 0 THEN 'OUT_OF_STOCK'
            WHEN p.stock_level <= p.min_stock_level THEN 'LOW_STOCK' WHEN p.stock_level <= p.reorder_point THEN 'REORDER_NEEDED'
            ELSE 'IN_STOCK' END AS "stockStatus",
          p.description, p.vat_rate::text AS "vatRate", p.vat_included AS "vatIncluded", p.tax_category AS "taxCategory",
          p.track_inventory AS "trackInventory", p.min_stock_level AS "minStockLevel", p.reorder_point AS "reorderPoint",
          p.created_at::text AS "createdAt", p.updated_at::text AS "updatedAt",
          EXISTS (SELECT 1 FROM inventory_movements m WHERE m.product_id = p.id) AS "hasLedger"
        FROM products p LEFT JOIN product_categories c ON c.id = p.category_id
        WHERE p.id = ${product.id}`)
      const stock = await orm.execute<Detail['stock'][number]>(sql`
        SELECT b.workspace_id AS "workspaceId", w.name AS "workspaceName",
          sum(b.on_hand)::text AS "onHand", sum(b.reserved)::text AS reserved, sum(b.available)::text AS available,
          max(b.last_movement_at)::text AS "lastMovementAt"
        FROM stock_balances b JOIN workspaces w ON w.id = b.workspace_id
        WHERE b.product_id = ${product.id} AND b.organization_id = ${org}
        GROUP BY b.workspace_id, w.name
        ORDER BY w.name`)
      return { ...head.rows[0]!, stock: stock.rows }
    },

    'catalog.products.movements': async ({ productId, before, limit }, ctx) => {
      const org = ctx.connection.session!.organizationId
      await productIn(orm, ctx.connection.locale, org, productId)
      const keyset = before ? sql`AND (m.created_at, m.id) < (${before.createdAt}::timestamp, ${before.id}::uuid)` : sql``
      const result = await orm.execute<MethodOutput<'catalog.products.movements'>['rows'][number]>(sql`
        SELECT m.id, m.created_at::text AS "createdAt", m.movement_type AS "movementType", m.quantity::text AS quantity,
          w.name AS "workspaceName", l.lot_number AS "lotNumber", o.order_number AS "orderNumber", m.reason
        FROM inventory_movements m
        JOIN workspaces w ON w.id = m.workspace_id
        LEFT JOIN stock_lots l ON l.id = m.lot_id
        LEFT JOIN orders o ON o.id = m.order_id
        WHERE m.product_id = ${productId} AND m.organization_id = ${org} ${keyset}
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT ${limit + 1}`)
      const rows = result.rows.slice(0, limit)
      const last = rows.at(-1)
      return { rows, nextCursor: result.rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null }
    },

    'catalog.products.demand': async ({ productId }, ctx) => {
      const org = ctx.connection.session!.organizationId
      await productIn(orm, ctx.connection.locale, org, productId)
      type Demand = MethodOutput<'catalog.products.demand'>
      const openOrders = await orm.execute<Demand['openOrders'][number]>(sql`
        SELECT o.id AS "orderId", o.order_number AS "orderNumber", o.type, o.status, o.order_date::text AS "orderDate",
          COALESCE(cu.company_name, cu.name, s.name) AS counterparty,
          sum(i.quantity_ordered)::text AS "quantityOrdered", sum(i.quantity_shipped)::text AS "quantityShipped"
        FROM order_items i
        JOIN orders o ON o.id = i.order_id
        LEFT JOIN customers cu ON cu.id = o.customer_id
        LEFT JOIN suppliers s ON s.id = o.supplier_id
        WHERE i.product_id = ${productId} AND o.organization_id = ${org} AND o.deleted_at IS NULL
          AND o.status NOT IN ('delivered', 'cancelled', 'returned')
        GROUP BY o.id, cu.company_name, cu.name, s.name
        ORDER BY o.order_date DESC, o.id DESC
        LIMIT 200`)
      const reservations = await orm.execute<Demand['reservations'][number]>(sql`
        SELECT m.order_id AS "orderId", o.order_number AS "orderNumber", w.name AS "workspaceName",
          sum(m.quantity)::text AS reserved, max(m.created_at)::text AS "lastAt"
        FROM inventory_movements m
        JOIN workspaces w ON w.id = m.workspace_id
        LEFT JOIN orders o ON o.id = m.order_id
        WHERE m.product_id = ${productId} AND m.organization_id = ${org} AND m.movement_type IN ('reservation', 'release')
        GROUP BY m.order_id, o.order_number, w.name
        HAVING sum(m.quantity) <> 0
        ORDER BY max(m.created_at) DESC
        LIMIT 200`)
      return { openOrders: openOrders.rows, reservations: reservations.rows }
    },

    'catalog.products.boms': async ({ productId }, ctx) => {
      const org = ctx.connection.session!.organizationId
      await productIn(orm, ctx.connection.locale, org, productId)
      type Boms = MethodOutput<'catalog.products.boms'>
      const own = await orm.execute<Boms['own'][number]>(sql`
        SELECT b.id AS "bomId", b.name, b.version, b.status, b.is_default AS "isDefault", b.quantity::text AS quantity, b.unit,
          (SELECT count(*)::int FROM bom_components k WHERE k.bom_id = b.id) AS "componentCount"
        FROM bills_of_materials b
        WHERE b.product_id = ${productId} AND b.organization_id = ${org} AND b.deleted_at IS NULL
        ORDER BY b.is_default DESC, b.version DESC`)
      const usedIn = await orm.execute<Boms['usedIn'][number]>(sql`
        SELECT b.id AS "bomId", b.name, b.version, b.status, p.id AS "productId", p.code AS "productCode", p.name AS "productName",
          k.quantity_per_unit::text AS "quantityPerUnit", k.unit, (k.component_id <> ${productId}) AS "asSubstitute"
        FROM bom_components k
        JOIN bills_of_materials b ON b.id = k.bom_id
        JOIN products p ON p.id = b.product_id
        WHERE (k.component_id = ${productId} OR k.substitute_component_id = ${productId})
          AND b.organization_id = ${org} AND b.deleted_at IS NULL
        ORDER BY p.code COLLATE "C", b.version DESC
        LIMIT 500`)
      return { own: own.rows, usedIn: usedIn.rows }
    },

    'catalog.products.create': async (input, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return writeNames(ctx, session, async ({ tx, audit, touched }) => {
        const org = session.organizationId
        if (input.categoryId) await activeCategoryIn(tx, locale, org, input.categoryId)
        await refuseTakenCode(tx, locale, org, input.code)
        if (input.barcode) await refuseTakenBarcode(tx, locale, org, input.barcode)
        const vatRate = await vatRateToday(tx, locale, input.taxCategory)
        const [row] = await tx
          .insert(schema.products)
          .values({
            organizationId: org,
            workspaceId: session.workspaceId,
            code: input.code,
            name: input.name,
            description: input.description ?? null,
            type: input.type,
            categoryId: input.categoryId ?? null,
            unit: input.unit,
            status: input.status,
            price: input.price,
            cost: input.cost,
            taxCategory: input.taxCategory,
            vatRate,
            vatIncluded: input.vatIncluded,
            vatExempt: input.taxCategory === 'exempt',
            barcode: input.barcode ?? null,
            sku: input.sku ?? null,
            trackInventory: input.type === 'SERVICE' || input.type === 'DIGITAL' ? false : input.trackInventory,
            minStockLevel: input.minStockLevel,
            reorderPoint: input.reorderPoint,
          })
          .returning()
        await audit({ entityType: 'product', entityId: row!.id, action: 'CREATE', after: auditable(row!) })
        touched('products')
        return { productId: row!.id }
      })
    },

    'catalog.products.update': async ({ productId, ...fields }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return writeNames(ctx, session, async ({ tx, audit, touched }) => {
        const org = session.organizationId
        const before = await productIn(tx, locale, org, productId)
        if (fields.categoryId && fields.categoryId !== before.categoryId)
          await activeCategoryIn(tx, locale, org, fields.categoryId)
        if (fields.code && fields.code !== before.code) await refuseTakenCode(tx, locale, org, fields.code, productId)
        if (fields.barcode && fields.barcode !== before.barcode)
          await refuseTakenBarcode(tx, locale, org, fields.barcode, productId)
        const vatRate = fields.taxCategory ? await vatRateToday(tx, locale, fields.taxCategory) : undefined
        const patch = defined({
          code: fields.code,
          name: fields.name,
          description: fields.description,
          type: fields.type,
          categoryId: fields.categoryId,
          unit: fields.unit,
          status: fields.status,
          price: fields.price,
          cost: fields.cost,
          taxCategory: fields.taxCategory,
          vatRate,
          vatExempt: fields.taxCategory ? fields.taxCategory === 'exempt' : undefined,
          vatIncluded: fields.vatIncluded,
          barcode: fields.barcode,
          sku: fields.sku,
          trackInventory: fields.trackInventory,
          minStockLevel: fields.minStockLevel,
          reorderPoint: fields.reorderPoint,
        })
        if (Object.keys(patch).length === 0) return null
        const [after] = await tx.update(schema.products).set(patch).where(eq(schema.products.id, productId)).returning()
        await audit({
          entityType: 'product',
          entityId: productId,
          action: 'UPDATE',
          before: auditable(before),
          after: auditable(after!),
        })
        touched('products')
        return null
      })
    },

    'catalog.products.delete': async ({ productId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return writeNames(ctx, session, async ({ tx, audit, touched }) => {
        const product = await productIn(tx, locale, session.organizationId, productId)
        if (await productInUse(tx, productId))
          throw catalogRefusal('CONFLICT', locale, 'productId', 'productInUse', { name: product.name })
        // Soft delete: the code stays taken (the seed's unique constraint covers deleted rows),
        // the barcode is released for another product.
        await tx
          .update(schema.products)
          .set({ deletedAt: sql`CURRENT_TIMESTAMP`, barcode: null })
          .where(eq(schema.products.id, productId))
        await audit({ entityType: 'product', entityId: productId, action: 'DELETE', before: auditable(product) })
        touched('products')
        return null
      })
    },

    'catalog.products.assignBarcode': async ({ productId, barcode }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return write(ctx, session, async ({ tx, audit, touched }) => {
        const before = await productIn(tx, locale, session.organizationId, productId)
        await refuseTakenBarcode(tx, locale, session.organizationId, barcode, productId)
        const [after] = await tx.update(schema.products).set({ barcode }).where(eq(schema.products.id, productId)).returning()
        await audit({
          entityType: 'product',
          entityId: productId,
          action: 'UPDATE',
          before: auditable(before),
          after: auditable(after!),
          reason: 'barcode assigned from a scan',
        })
        touched('products')
        return null
      })
    },

    'catalog.taxRates.current': async () => {
      const result = await orm.execute<MethodOutput<'catalog.taxRates.current'>[number]>(sql`
        SELECT DISTINCT ON (t.tax_category) t.tax_category AS "taxCategory", t.rate::text AS rate, t.valid_from::text AS "validFrom"
        FROM tax_rates t
        WHERE t.country = 'KZ' AND t.tax_type = 'VAT' AND t.valid_from <= CURRENT_DATE AND (t.valid_to IS NULL OR t.valid_to >= CURRENT_DATE)
        ORDER BY t.tax_category, t.valid_from DESC`)
      return result.rows
    },

    'catalog.categories.list': async (_input, ctx) => {
      const org = ctx.connection.session!.organizationId
      const result = await orm.execute<MethodOutput<'catalog.categories.list'>[number]>(sql`
        SELECT c.id, c.name, c.code, c.description, c.parent_id AS "parentId", c.is_active AS "isActive",
          COALESCE(c.sort_order, 0) AS "sortOrder", COALESCE(n.count, 0)::int AS "productCount"
        FROM product_categories c
        LEFT JOIN (SELECT category_id, count(*) AS count FROM products
                   WHERE organization_id = ${org} AND deleted_at IS NULL GROUP BY category_id) n ON n.category_id = c.id
        WHERE c.organization_id = ${org} AND c.deleted_at IS NULL`)
      const collator = new Intl.Collator(ctx.connection.locale)
      return result.rows.sort((a, b) => a.sortOrder - b.sortOrder || collator.compare(a.name, b.name))
    },

    'catalog.categories.create': async (input, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return write(ctx, session, async ({ tx, audit, touched }) => {
        if (input.parentId) await categoryIn(tx, locale, session.organizationId, input.parentId, 'parentId')
        const [row] = await tx
          .insert(schema.productCategories)
          .values({
            organizationId: session.organizationId,
            workspaceId: session.workspaceId,
            name: input.name,
            code: input.code ?? null,
            description: input.description ?? null,
            parentId: input.parentId ?? null,
          })
          .returning()
        await audit({ entityType: 'product_category', entityId: row!.id, action: 'CREATE', after: auditable(row!) })
        touched('product_categories')
        return { categoryId: row!.id }
      })
    },

    'catalog.categories.update': async ({ categoryId, ...fields }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return write(ctx, session, async ({ tx, audit, touched }) => {
        const org = session.organizationId
        const before = await categoryIn(tx, locale, org, categoryId)
        if (fields.parentId) {
          await categoryIn(tx, locale, org, fields.parentId, 'parentId')
          const nodes = await tx
            .select({ id: schema.productCategories.id, parentId: schema.productCategories.parentId })
            .from(schema.productCategories)
            .where(eq(schema.productCategories.organizationId, org))
          if (wouldCreateCycle(nodes, categoryId, fields.parentId))
            throw catalogRefusal('CONFLICT', locale, 'parentId', 'categoryCycle', { name: before.name })
        }
        const patch = defined({
          name: fields.name,
          code: fields.code,
          description: fields.description,
          parentId: fields.parentId,
          isActive: fields.isActive,
        })
        if (Object.keys(patch).length === 0) return null
        const [after] = await tx
          .update(schema.productCategories)
          .set(patch)
          .where(eq(schema.productCategories.id, categoryId))
          .returning()
        await audit({
          entityType: 'product_category',
          entityId: categoryId,
          action: 'UPDATE',
          before: auditable(before),
          after: auditable(after!),
        })
        touched('product_categories')
        return null
      })
    },
  }
}
