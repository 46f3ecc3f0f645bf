import { sql } from 'drizzle-orm'
import type { Locale } from '../../../shared/locale'
import type { Session } from '../call-context'
import type { DbOrTx, Orm, Tx } from '../data/orm'
import type { Write } from '../data/write'
import type { DomainHandlers } from '../dispatcher'
import { employeeOf, firstOf, issueDocumentNumber, productByCode, productsByIds, rowsOf, sqlList } from './common'
import { stockRefusal, word } from './messages'

type CountStatus = 'open' | 'counting' | 'submitted' | 'approved' | 'cancelled'

interface CountRow {
  id: string
  count_number: string
  scope: 'workspace' | 'category' | 'products'
  status: CountStatus
  workspace_id: string
}

/**
 * The count, locked for the rest of the transaction (two clerks scanning into one count, or a
 * manager approving while a scan arrives, are serialised), if it is one of this workspace's.
 */
async function lockedCount(tx: Tx, session: Session, locale: Locale, countId: string): Promise<CountRow> {
  const count = await firstOf<CountRow>(
    tx,
    sql`SELECT id, count_number, scope, status, workspace_id FROM stock_counts
        WHERE id = ${countId} AND organization_id = ${session.organizationId} AND workspace_id = ${session.workspaceId}
        FOR UPDATE`,
  )
  if (!count) throw stockRefusal('NOT_FOUND', locale, ['countId'], 'countNotFound')
  return count
}

/** Refuses an action the count's state does not allow. */
function requireStatus(count: CountRow, locale: Locale, allowed: readonly CountStatus[], action: string): void {
  if (!allowed.includes(count.status))
    throw stockRefusal('CONFLICT', locale, ['countId'], 'countWrongStatus', {
      number: count.count_number,
      status: word(locale, count.status),
      action: word(locale, action),
    })
}

/**
 * On-hand quantity of a product in the count's workspace, over all its lots, read now: a line
 * keeps it from its first count, so ledger rows that arrive afterwards (by sync, or posted
 * while counting goes on) move the stock but not this line's variance.
 */
const bookNow = (workspaceId: string, productId: ReturnType<typeof sql> | string) =>
  sql`(SELECT COALESCE(sum(b.on_hand), 0) FROM stock_balances b WHERE b.workspace_id = ${workspaceId} AND b.product_id = ${productId})`

/** Moves an open count to "counting" on its first counted item. */
async function startCounting(tx: Tx, count: CountRow): Promise<void> {
  if (count.status === 'open') await tx.execute(sql`UPDATE stock_counts SET status = 'counting' WHERE id = ${count.id}`)
}

/** Counts of this workspace; scanning, correction, "not found", submission, approval. */
export function stockCountHandlers(deps: {
  orm: Orm
  write: Write
}): DomainHandlers<
  | 'stock.categories.list'
  | 'stock.counts.list'
  | 'stock.counts.create'
  | 'stock.counts.get'
  | 'stock.counts.scan'
  | 'stock.counts.setQuantity'
  | 'stock.counts.markNotFound'
  | 'stock.counts.submit'
  | 'stock.counts.approve'
  | 'stock.counts.cancel'
> {
  return {
    'stock.categories.list': async (_input, ctx) => {
      const session = ctx.connection.session!
      const rows = await rowsOf<{ id: string; name: string; parent_id: string | null }>(
        deps.orm,
        sql`SELECT id, name, parent_id FROM product_categories
            WHERE organization_id = ${session.organizationId} AND deleted_at IS NULL`,
      )
      // PGlite has no ICU: sorted in the person's language here, not in SQL.
      const collator = new Intl.Collator(ctx.connection.locale)
      return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id })).sort((a, b) => collator.compare(a.name, b.name))
    },

    'stock.counts.list': async (_input, ctx) => {
      const session = ctx.connection.session!
      const rows = await rowsOf<SummaryRow>(
        deps.orm,
        sql`${summarySelect} WHERE c.organization_id = ${session.organizationId}
        AND c.workspace_id = ${session.workspaceId} ORDER BY c.created_at DESC, c.id LIMIT 200`,
      )
      return rows.map(summaryOf)
    },

    'stock.counts.create': async ({ scope, categoryId, productIds, notes }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const org = session.organizationId
        let items: string[] = []
        if (scope === 'category') {
          if (!categoryId) throw stockRefusal('VALIDATION', locale, ['categoryId'], 'categoryRequired')
          const category = await firstOf<{ id: string }>(
            tx,
            sql`SELECT id FROM product_categories WHERE id = ${categoryId} AND organization_id = ${org}`,
          )
          if (!category) throw stockRefusal('NOT_FOUND', locale, ['categoryId'], 'categoryNotFound')
          // The category and everything under it.
          const rows = await rowsOf<{ id: string }>(
            tx,
            sql`WITH RECURSIVE tree AS (
                  SELECT id FROM product_categories WHERE id = ${categoryId}
                  UNION SELECT c.id FROM product_categories c JOIN tree t ON c.parent_id = t.id WHERE c.organization_id = ${org})
                SELECT p.id FROM products p JOIN tree t ON t.id = p.category_id
                WHERE p.organization_id = ${org} AND p.deleted_at IS NULL AND p.track_inventory
                ORDER BY p.id`,
          )
          items = rows.map((r) => r.id)
          if (items.length === 0) throw stockRefusal('VALIDATION', locale, ['categoryId'], 'emptyScope')
        } else if (scope === 'products') {
          if (productIds.length === 0) throw stockRefusal('VALIDATION', locale, ['productIds'], 'productsRequired')
          const found = await productsByIds(tx, org, productIds)
          productIds.forEach((id, index) => {
            if (!found.has(id))
              throw stockRefusal('NOT_FOUND', locale, ['productIds', index], 'productUnknown', { line: index + 1 })
          })
          items = [...new Set(productIds)]
        }
        const countNumber = await issueDocumentNumber(tx, org, session.workspaceId, 'STOCK_COUNT')
        const createdBy = await employeeOf(tx, session)
        const count = await firstOf<{ id: string }>(
          tx,
          sql`INSERT INTO stock_counts (organization_id, workspace_id, count_number, scope, category_id, notes, created_by)
              VALUES (${org}, ${session.workspaceId}, ${countNumber}, ${scope}, ${scope === 'category' ? categoryId : null},
                      ${notes}, ${createdBy})
              RETURNING id`,
        )
        // Lines of a category or list count exist from the start, so what was not counted shows.
        for (let i = 0; i < items.length; i += 1000) {
          const chunk = items.slice(i, i + 1000)
          await tx.execute(sql`INSERT INTO stock_count_lines (stock_count_id, product_id)
            SELECT ${count!.id}, id FROM products WHERE id IN (${sqlList(chunk)})`)
        }
        await audit({
          entityType: 'stock_count',
          entityId: count!.id,
          action: 'CREATE',
          after: { count_number: countNumber, scope, category_id: categoryId, lines: items.length },
        })
        touched('stock_counts', 'stock_count_lines')
        return { countId: count!.id, countNumber }
      })
    },

    'stock.counts.get': async ({ countId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return countDetail(deps.orm, session, locale, countId)
    },

    'stock.counts.scan': async ({ countId, code, quantity }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, touched }) => {
        const count = await lockedCount(tx, session, locale, countId)
        requireStatus(count, locale, ['open', 'counting'], 'scan')
        const product = await productByCode(tx, session.organizationId, code)
        if (!product) throw stockRefusal('NOT_FOUND', locale, ['code'], 'productNotFound', { code })
        const countedBy = await employeeOf(tx, session)
        let line = await firstOf<{ id: string }>(
          tx,
          sql`SELECT id FROM stock_count_lines WHERE stock_count_id = ${count.id} AND product_id = ${product.id} AND lot_id IS NULL`,
        )
        if (!line) {
          if (count.scope !== 'workspace')
            throw stockRefusal('CONFLICT', locale, ['code'], 'notInCount', { name: product.name, number: count.count_number })
          line = await firstOf<{ id: string }>(
            tx,
            sql`INSERT INTO stock_count_lines (stock_count_id, product_id) VALUES (${count.id}, ${product.id}) RETURNING id`,
          )
        }
        const after = await firstOf<{ counted_quantity: string }>(
          tx,
          sql`UPDATE stock_count_lines SET
                counted_quantity = CASE WHEN not_found THEN 0 ELSE counted_quantity END + ${quantity}::numeric,
                not_found = false,
                book_quantity = COALESCE(book_quantity, ${bookNow(count.workspace_id, product.id)}),
                counted_at = CURRENT_TIMESTAMP,
                counted_by = ${countedBy}
              WHERE id = ${line!.id}
              RETURNING counted_quantity::text AS counted_quantity`,
        )
        await startCounting(tx, count)
        touched('stock_count_lines', 'stock_counts')
        return { lineId: line!.id, code: product.code, name: product.name, countedQuantity: after!.counted_quantity }
      })
    },

    'stock.counts.setQuantity': async ({ countId, lineId, quantity }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const count = await lockedCount(tx, session, locale, countId)
        requireStatus(count, locale, ['open', 'counting'], 'scan')
        const countedBy = await employeeOf(tx, session)
        const before = await firstOf<{ counted_quantity: string }>(
          tx,
          sql`SELECT counted_quantity::text AS counted_quantity FROM stock_count_lines WHERE id = ${lineId} AND stock_count_id = ${count.id}`,
        )
        if (!before) throw stockRefusal('NOT_FOUND', locale, ['lineId'], 'countLineNotFound')
        await tx.execute(sql`UPDATE stock_count_lines l SET
            counted_quantity = ${quantity}::numeric, not_found = false,
            book_quantity = COALESCE(l.book_quantity, ${bookNow(count.workspace_id, sql`l.product_id`)}),
            counted_at = CURRENT_TIMESTAMP, counted_by = ${countedBy}
          WHERE l.id = ${lineId}`)
        await startCounting(tx, count)
        // A correction is a deliberate change of what was counted: audited with both values.
        await audit({
          entityType: 'stock_count_line',
          entityId: lineId,
          action: 'UPDATE',
          before: { counted_quantity: before.counted_quantity },
          after: { counted_quantity: quantity },
        })
        touched('stock_count_lines', 'stock_counts')
        return null
      })
    },

    'stock.counts.markNotFound': async ({ countId, lineIds }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, touched }) => {
        const count = await lockedCount(tx, session, locale, countId)
        requireStatus(count, locale, ['open', 'counting'], 'scan')
        const countedBy = await employeeOf(tx, session)
        const updated = await rowsOf<{ id: string }>(
          tx,
          sql`UPDATE stock_count_lines l SET counted_quantity = 0, not_found = true,
                book_quantity = COALESCE(l.book_quantity, ${bookNow(count.workspace_id, sql`l.product_id`)}),
                counted_at = CURRENT_TIMESTAMP, counted_by = ${countedBy}
              WHERE l.stock_count_id = ${count.id} AND l.id IN (${sqlList(lineIds)})
              RETURNING l.id`,
        )
        const known = new Set(updated.map((r) => r.id))
        const missing = lineIds.findIndex((id) => !known.has(id))
        if (missing >= 0) throw stockRefusal('NOT_FOUND', locale, ['lineIds', missing], 'countLineNotFound')
        await startCounting(tx, count)
        touched('stock_count_lines', 'stock_counts')
        return null
      })
    },

    'stock.counts.submit': async ({ countId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const count = await lockedCount(tx, session, locale, countId)
        requireStatus(count, locale, ['open', 'counting'], 'submit')
        const state = await firstOf<{ counted: number; uncounted: number; first_uncounted: string | null }>(
          tx,
          sql`SELECT count(*) FILTER (WHERE l.counted_at IS NOT NULL)::int AS counted,
                     count(*) FILTER (WHERE l.counted_at IS NULL)::int AS uncounted,
                     (SELECT p.name FROM stock_count_lines u JOIN products p ON p.id = u.product_id
                      WHERE u.stock_count_id = ${count.id} AND u.counted_at IS NULL ORDER BY p.code LIMIT 1) AS first_uncounted
              FROM stock_count_lines l WHERE l.stock_count_id = ${count.id}`,
        )
        // An item of a list or category that nobody counted is not silently zero: the clerk
        // counts it or confirms "not found".
        if (state!.uncounted > 0)
          throw stockRefusal('CONFLICT', locale, ['countId'], 'uncountedLines', {
            count: state!.uncounted,
            name: state!.first_uncounted ?? '',
          })
        if (state!.counted === 0) throw stockRefusal('CONFLICT', locale, ['countId'], 'nothingCounted')
        const by = await employeeOf(tx, session)
        await tx.execute(
          sql`UPDATE stock_counts SET status = 'submitted', submitted_by = ${by}, submitted_at = CURRENT_TIMESTAMP WHERE id = ${count.id}`,
        )
        await audit({
          entityType: 'stock_count',
          entityId: count.id,
          action: 'UPDATE',
          before: { status: count.status },
          after: { status: 'submitted' },
        })
        touched('stock_counts')
        return null
      })
    },

    'stock.counts.approve': async ({ countId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        // The row lock and the status check make a second approval (another window, a double
        // click) a refusal instead of a second set of adjustments.
        const count = await lockedCount(tx, session, locale, countId)
        requireStatus(count, locale, ['submitted'], 'approve')
        const by = await employeeOf(tx, session)
        await tx.execute(sql`UPDATE stock_count_lines l SET unit_cost = p.cost FROM products p
          WHERE p.id = l.product_id AND l.stock_count_id = ${count.id}`)
        // Variance = counted − book at the moment of counting; posted as a signed adjustment
        // valued at the product's cost (valuation method product_cost).
        const posted = await rowsOf<{ id: string }>(
          tx,
          sql`INSERT INTO inventory_movements (organization_id, workspace_id, product_id, lot_id, movement_type, quantity, unit_cost,
                                               reason, notes, created_by)
              SELECT ${session.organizationId}, ${count.workspace_id}, l.product_id, l.lot_id, 'adjustment',
                     l.counted_quantity - l.book_quantity, l.unit_cost,
                     ${`stock count ${count.count_number}`}, l.id::text, ${by}
              FROM stock_count_lines l
              WHERE l.stock_count_id = ${count.id} AND l.counted_at IS NOT NULL AND l.counted_quantity <> l.book_quantity
              ORDER BY l.id
              RETURNING id`,
        )
        await tx.execute(
          sql`UPDATE stock_counts SET status = 'approved', approved_by = ${by}, approved_at = CURRENT_TIMESTAMP WHERE id = ${count.id}`,
        )
        await audit({
          entityType: 'stock_count',
          entityId: count.id,
          action: 'UPDATE',
          before: { status: 'submitted' },
          after: { status: 'approved' },
          metadata: { adjustments: posted.length },
        })
        touched('stock_counts', 'stock_count_lines', 'inventory_movements', 'stock_balances', 'products')
        return { movements: posted.length }
      })
    },

    'stock.counts.cancel': async ({ countId }, ctx) => {
      const session = ctx.connection.session!
      const locale = ctx.connection.locale
      return deps.write(ctx, session, async ({ tx, audit, touched }) => {
        const count = await lockedCount(tx, session, locale, countId)
        requireStatus(count, locale, ['open', 'counting', 'submitted'], 'cancel')
        const by = await employeeOf(tx, session)
        await tx.execute(
          sql`UPDATE stock_counts SET status = 'cancelled', cancelled_by = ${by}, cancelled_at = CURRENT_TIMESTAMP WHERE id = ${count.id}`,
        )
        await audit({
          entityType: 'stock_count',
          entityId: count.id,
          action: 'UPDATE',
          before: { status: count.status },
          after: { status: 'cancelled' },
        })
        touched('stock_counts')
        return null
      })
    },
  }
}

interface SummaryRow {
  id: string
  count_number: string
  scope: 'workspace' | 'category' | 'products'
  category_name: string | null
  status: CountStatus
  line_count: number
  counted_count: number
  created_at: string
  created_by_name: string | null
  approved_at: string | null
}

const summarySelect = sql`SELECT c.id, c.count_number, c.scope, pc.name AS category_name, c.status,
    (SELECT count(*)::int FROM stock_count_lines l WHERE l.stock_count_id = c.id) AS line_count,
    (SELECT count(*)::int FROM stock_count_lines l WHERE l.stock_count_id = c.id AND l.counted_at IS NOT NULL) AS counted_count,
    c.created_at::text AS created_at, NULLIF(trim(concat_ws(' ', u.last_name, u.first_name)), '') AS created_by_name,
    c.approved_at::text AS approved_at
  FROM stock_counts c
  LEFT JOIN product_categories pc ON pc.id = c.category_id
  LEFT JOIN employees e ON e.id = c.created_by
  LEFT JOIN users u ON u.id = e.user_id`

function summaryOf(r: SummaryRow) {
  return {
    id: r.id,
    countNumber: r.count_number,
    scope: r.scope,
    categoryName: r.category_name,
    status: r.status,
    lineCount: r.line_count,
    countedCount: r.counted_count,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    approvedAt: r.approved_at,
  }
}

/**
 * A count with its lines. Blind while counting: book quantities and variances are withheld
 * until the count is submitted, so the clerk counts what is there, not what should be.
 */
async function countDetail(db: DbOrTx, session: Session, locale: Locale, countId: string) {
  const header = await firstOf<SummaryRow>(
    db,
    sql`${summarySelect} WHERE c.id = ${countId} AND c.organization_id = ${session.organizationId}
      AND c.workspace_id = ${session.workspaceId}`,
  )
  if (!header) throw stockRefusal('NOT_FOUND', locale, ['countId'], 'countNotFound')
  const reveal = header.status === 'submitted' || header.status === 'approved'
  const lines = await rowsOf<{
    id: string
    product_id: string
    code: string
    name: string
    unit: string
    counted_quantity: string
    counted: boolean
    not_found: boolean
    counted_at: string | null
    book_quantity: string | null
    variance: string | null
    unit_cost: string | null
    variance_value: string | null
  }>(
    db,
    sql`SELECT l.id, l.product_id, p.code, p.name, p.unit, l.counted_quantity::text AS counted_quantity,
               l.counted_at IS NOT NULL AS counted, l.not_found, l.counted_at::text AS counted_at,
               l.book_quantity::text AS book_quantity, (l.counted_quantity - l.book_quantity)::text AS variance,
               COALESCE(l.unit_cost, p.cost)::text AS unit_cost,
               round((l.counted_quantity - l.book_quantity) * COALESCE(l.unit_cost, p.cost), 2)::text AS variance_value
        FROM stock_count_lines l JOIN products p ON p.id = l.product_id
        WHERE l.stock_count_id = ${countId}
        ORDER BY l.counted_at DESC NULLS LAST, p.code, l.id`,
  )
  const totals = reveal
    ? await firstOf<{ surplus: string; shortage: string; net: string; lines: number }>(
        db,
        sql`SELECT COALESCE(sum(v) FILTER (WHERE v > 0), 0)::text AS surplus, COALESCE(-sum(v) FILTER (WHERE v < 0), 0)::text AS shortage,
                   COALESCE(sum(v), 0)::text AS net, count(*) FILTER (WHERE v <> 0)::int AS lines
            FROM (SELECT round((l.counted_quantity - l.book_quantity) * COALESCE(l.unit_cost, p.cost), 2) AS v
                  FROM stock_count_lines l JOIN products p ON p.id = l.product_id
                  WHERE l.stock_count_id = ${countId} AND l.counted_at IS NOT NULL) x`,
      )
    : undefined
  return {
    ...summaryOf(header),
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.product_id,
      code: l.code,
      name: l.name,
      unit: l.unit,
      countedQuantity: l.counted_quantity,
      counted: l.counted,
      notFound: l.not_found,
      countedAt: l.counted_at,
      bookQuantity: reveal ? l.book_quantity : null,
      variance: reveal ? l.variance : null,
      unitCost: reveal ? l.unit_cost : null,
      varianceValue: reveal ? l.variance_value : null,
    })),
    totals: totals
      ? { surplusValue: totals.surplus, shortageValue: totals.shortage, netValue: totals.net, linesWithVariance: totals.lines }
      : null,
  }
}
