import { sql } from 'drizzle-orm'
import { type InventoryStatus, inventoryStatuses } from '../../../shared/contract'
import type { Orm } from '../data/orm'
import type { Write } from '../data/write'
import type { DomainHandlers } from '../dispatcher'
import { employeeOf, firstOf, issueDocumentNumber, productByCode, productsByIds, rowsOf } from './common'
import { stockRefusal } from './messages'

/** Worst first: the screen opens on what needs attention. Numeric keys only (no text paging). */
const statusRank = sql`CASE v.inventory_status WHEN 'OUT_OF_STOCK' THEN 0 WHEN 'LOW_STOCK' THEN 1 WHEN 'REORDER_NEEDED' THEN 2 ELSE 3 END`

/** "Болт" finds "болт м8": a case-insensitive substring of the code, name, barcode or SKU. */
function searchPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * The stock status screen over the seed's inventory_status view, and reorder: products at or
 * below their reorder point, turned into draft purchase orders per supplier.
 */
export function stockStatusHandlers(deps: {
  orm: Orm
  write: Write
}): DomainHandlers<
  'stock.status.list' | 'stock.reorder.suggestions' | 'stock.reorder.createPurchaseOrders' | 'stock.products.lookup'
> {
  return {
    'stock.status.list': async ({ status, search, offset, limit }, ctx) => {
      const session = ctx.connection.session!
      const pattern = search ? searchPattern(search) : null
      // The view spans every organization of the database; the products join keeps ours.
      const scoped = sql`FROM inventory_status v JOIN products p ON p.id = v.id
        WHERE p.organization_id = ${session.organizationId}
          AND (${pattern}::text IS NULL OR v.code ILIKE ${pattern} OR v.name ILIKE ${pattern}
               OR p.barcode ILIKE ${pattern} OR p.sku ILIKE ${pattern})`
      const groups = await rowsOf<{ status: InventoryStatus; n: number; value: string }>(
        deps.orm,
        sql`SELECT v.inventory_status AS status, count(*)::int AS n, round(COALESCE(sum(v.inventory_value), 0), 2)::text AS value
            ${scoped} GROUP BY v.inventory_status`,
      )
      const byStatus = Object.fromEntries(inventoryStatuses.map((s) => [s, 0])) as Record<InventoryStatus, number>
      for (const g of groups) byStatus[g.status] = g.n
      const chosen = groups.filter((g) => status === null || g.status === status)
      const totals = await firstOf<{ value: string }>(
        deps.orm,
        sql`SELECT round(COALESCE(sum(v.inventory_value), 0), 2)::text AS value ${scoped}
            AND (${status}::text IS NULL OR v.inventory_status = ${status})`,
      )
      const rows = await rowsOf<{
        id: string
        code: string
        name: string
        unit: string
        stock_level: string
        workspace_stock: string
        reserved_quantity: string
        available_quantity: string
        min_stock_level: number
        reorder_point: number
        inventory_status: InventoryStatus
        cost: string
        inventory_value: string
      }>(
        deps.orm,
        // The page first, then this workspace's stock for its rows only (100k products).
        sql`WITH page AS (
              SELECT v.id, v.code, v.name, p.unit, v.stock_level, v.reserved_quantity, v.available_quantity,
                     v.min_stock_level, v.reorder_point, v.inventory_status, v.cost, v.inventory_value, ${statusRank} AS rank
              ${scoped} AND (${status}::text IS NULL OR v.inventory_status = ${status})
              ORDER BY ${statusRank}, v.inventory_value DESC, v.id
              LIMIT ${limit} OFFSET ${offset})
            SELECT page.id, page.code, page.name, page.unit, page.stock_level::text AS stock_level,
                   (SELECT COALESCE(sum(b.on_hand), 0::numeric(12,3)) FROM stock_balances b
                    WHERE b.product_id = page.id AND b.workspace_id = ${session.workspaceId})::text AS workspace_stock,
                   page.reserved_quantity::text AS reserved_quantity, page.available_quantity::text AS available_quantity,
                   page.min_stock_level, page.reorder_point, page.inventory_status, page.cost::text AS cost,
                   round(page.inventory_value, 2)::text AS inventory_value
            FROM page ORDER BY page.rank, page.inventory_value DESC, page.id`,
      )
      return {
        rows: rows.map((r) => ({
          id: r.id,
          code: r.code,
          name: r.name,
          unit: r.unit,
          stockLevel: r.stock_level,
          workspaceStock: r.workspace_stock,
          reservedQuantity: r.reserved_quantity,
          availableQuantity: r.available_quantity,
          minStockLevel: r.min_stock_level,
          reorderPoint: r.reorder_point,
          status: r.inventory_status,
          cost: r.cost,
          inventoryValue: r.inventory_value,
        })),
        total: chosen.reduce((sum, g) => sum + g.n, 0),
        inventoryValue: totals?.value ?? '0',
        byStatus,
      }
    },

    'stock.reorder.suggestions': async ({ offset, limit }, ctx) => {
      const session = ctx.connection.session!
      const due = sql`FROM products p
        WHERE p.organization_id = ${session.organizationId} AND p.deleted_at IS NULL AND p.track_inventory
          AND p.status = 'ACTIVE' AND p.type NOT IN ('SERVICE', 'DIGITAL') AND p.stock_level <= p.reorder_point`
      const total = await firstOf<{ n: number }>(deps.orm, sql`SELECT count(*)::int AS n ${due}`)
      // Suppliers are looked up for the page only: the large demo has 100k products.
      const rows = await rowsOf<{
        id: string
        code: string
        name: string
        unit: string
        stock_level: string
        reorder_point: number
        reorder_quantity: number
        cost: string
        supplier_id: string | null
        supplier_name: string | null
      }>(
        deps.orm,
        sql`WITH page AS (
              SELECT p.id, p.code, p.name, p.unit, p.stock_level, p.reorder_point, p.reorder_quantity, p.cost ${due}
              ORDER BY (p.stock_level - p.reorder_point), p.id LIMIT ${limit} OFFSET ${offset})
            SELECT page.id, page.code, page.name, page.unit, page.stock_level::text AS stock_level, page.reorder_point,
                   page.reorder_quantity, page.cost::text AS cost, s.id AS supplier_id, s.name AS supplier_name
            FROM page
            LEFT JOIN LATERAL (${usualSupplier(sql`page.id`, session.organizationId)}) us ON true
            LEFT JOIN suppliers s ON s.id = us.supplier_id
            ORDER BY (page.stock_level - page.reorder_point), page.id`,
      )
      return {
        total: total?.n ?? 0,
        rows: rows.map((r) => ({
          productId: r.id,
          code: r.code,
          name: r.name,
          unit: r.unit,
          stockLevel: r.stock_level,
          reorderPoint: r.reorder_point,
          reorderQuantity: r.reorder_quantity,
          cost: r.cost,
          supplierId: r.supplier_id,
          supplierName: r.supplier_name,
        })),
      }
    },

    'stock.reorder.createPurchaseOrders': async ({ productIds }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const products = await productsByIds(tx, session.organizationId, productIds)
        const suppliers = await rowsOf<{ product_id: string; supplier_id: string | null; supplier_name: string | null }>(
          tx,
          sql`SELECT p.id AS product_id, s.id AS supplier_id, s.name AS supplier_name
              FROM products p
              LEFT JOIN LATERAL (${usualSupplier(sql`p.id`, session.organizationId)}) us ON true
              LEFT JOIN suppliers s ON s.id = us.supplier_id
              WHERE p.organization_id = ${session.organizationId} AND p.id IN (${sql.join(
                productIds.map((id) => sql`${id}`),
                sql`, `,
              )})`,
        )
        const supplierOf = new Map(suppliers.map((s) => [s.product_id, s]))
        // One order per supplier (products without a known supplier together), lines in the
        // order the person chose them.
        const groups = new Map<string, { supplierId: string | null; supplierName: string | null; productIds: string[] }>()
        productIds.forEach((id, index) => {
          const product = products.get(id)
          const path = ['productIds', index]
          if (!product) throw stockRefusal('NOT_FOUND', locale, path, 'productUnknown', { line: index + 1 })
          if (product.status !== 'ACTIVE')
            throw stockRefusal('VALIDATION', locale, path, 'productInactive', { line: index + 1, name: product.name })
          const supplier = supplierOf.get(id)
          const key = supplier?.supplier_id ?? ''
          const group = groups.get(key) ?? {
            supplierId: supplier?.supplier_id ?? null,
            supplierName: supplier?.supplier_name ?? null,
            productIds: [],
          }
          if (!group.productIds.includes(id)) group.productIds.push(id)
          groups.set(key, group)
        })
        const createdBy = await employeeOf(tx, session)
        const orders = []
        for (const group of groups.values()) {
          const orderNumber = await issueDocumentNumber(tx, session.organizationId, session.workspaceId, 'ORDER')
          const order = await firstOf<{ id: string }>(
            tx,
            sql`INSERT INTO orders (organization_id, workspace_id, order_number, type, status, supplier_id, created_by, notes)
                VALUES (${session.organizationId}, ${session.workspaceId}, ${orderNumber}, 'PURCHASE', 'pending',
                        ${group.supplierId}, ${createdBy}, 'reorder')
                RETURNING id`,
          )
          for (const id of group.productIds) {
            const p = products.get(id)!
            await tx.execute(sql`
              INSERT INTO order_items (order_id, product_id, product_code, product_name, quantity_ordered, unit_price, unit_cost,
                                       tax_percent, vat_included)
              SELECT ${order!.id}, p.id, p.code, p.name, GREATEST(p.reorder_quantity, 1), p.cost, p.cost, p.vat_rate, false
              FROM products p WHERE p.id = ${p.id}`)
          }
          await audit({
            entityType: 'order',
            entityId: order!.id,
            action: 'CREATE',
            after: { order_number: orderNumber, type: 'PURCHASE', status: 'pending', supplier_id: group.supplierId },
            reason: 'reorder',
          })
          orders.push({ orderId: order!.id, orderNumber, supplierName: group.supplierName, lines: group.productIds.length })
        }
        touched('orders', 'order_items')
        return { orders }
      })
    },

    'stock.products.lookup': async ({ code }, ctx) => {
      const session = ctx.connection.session!
      const product = await productByCode(deps.orm, session.organizationId, code)
      if (!product) throw stockRefusal('NOT_FOUND', ctx.connection.locale, ['code'], 'productNotFound', { code })
      return { productId: product.id, code: product.code, name: product.name, unit: product.unit, barcode: product.barcode }
    },
  }
}

/**
 * The supplier a product usually comes from: that of its latest purchase order, else of its
 * latest lot with a supplier. Products carry no supplier column in the seed.
 */
function usualSupplier(productId: ReturnType<typeof sql>, organizationId: string) {
  return sql`SELECT COALESCE(
      (SELECT o.supplier_id FROM order_items i JOIN orders o ON o.id = i.order_id
       WHERE i.product_id = ${productId} AND o.organization_id = ${organizationId} AND o.type = 'PURCHASE'
         AND o.supplier_id IS NOT NULL AND o.deleted_at IS NULL
       ORDER BY o.order_date DESC, o.created_at DESC LIMIT 1),
      (SELECT l.supplier_id FROM stock_lots l
       WHERE l.product_id = ${productId} AND l.supplier_id IS NOT NULL ORDER BY l.created_at DESC LIMIT 1)) AS supplier_id`
}
