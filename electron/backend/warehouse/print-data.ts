import Decimal from 'decimal.js'
import { sql } from 'drizzle-orm'
import type { Locale } from '../../../shared/locale'
import type { Session } from '../call-context'
import type { DbOrTx } from '../data/orm'
import { quantityText, rowsOf, warehouseRefusal } from './documents'

/**
 * What the printed warehouse documents say, loaded from the database: a goods receipt, a pick
 * list and a waybill, shaped as shared/printing.ts describes them (goodsReceiptSchema,
 * pickListSchema, waybillSchema) so the PDF renderers can take them as they are. VAT comes
 * from tax_rates by the document's date (vat_rate_on), money is decimal throughout.
 */

/** A priced line's VAT and amount: `vatIncluded` says whether `gross` already holds the VAT. */
export function priceLine(
  base: Decimal,
  ratePercent: Decimal,
  vatIncluded: boolean,
): { net: Decimal; vat: Decimal; amount: Decimal } {
  const a = base.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
  if (ratePercent.isZero()) return { net: a, vat: new Decimal(0), amount: a }
  const vat = vatIncluded
    ? a.times(ratePercent).dividedBy(ratePercent.plus(100)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    : a.times(ratePercent).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
  const net = vatIncluded ? a.minus(vat) : a
  return { net, vat, amount: net.plus(vat) }
}

const money = (d: Decimal) => d.toFixed(2)

function totalsOf(lines: { net: Decimal; vat: Decimal }[]) {
  const net = lines.reduce((s, l) => s.plus(l.net), new Decimal(0))
  const vat = lines.reduce((s, l) => s.plus(l.vat), new Decimal(0))
  return { net: money(net), vat: money(vat), total: money(net.plus(vat)) }
}

/** The organization as a document names it. */
async function organizationParty(db: DbOrTx, organizationId: string) {
  const [org] = await rowsOf<{ name: string; bin: string | null; address: string | null }>(
    db,
    sql`SELECT name, bin, address::text AS address FROM organizations WHERE id = ${organizationId}`,
  )
  return { name: org?.name ?? '—', ...(org?.bin ? { bin: org.bin } : {}), ...(org?.address ? { address: org.address } : {}) }
}

/** The person's name for "received by" / "released by". */
async function personName(db: DbOrTx, employeeId: string | null): Promise<string | undefined> {
  if (!employeeId) return undefined
  const [row] = await rowsOf<{ name: string }>(
    db,
    sql`SELECT trim(coalesce(u.last_name, '') || ' ' || coalesce(u.first_name, '')) AS name
        FROM employees e JOIN users u ON u.id = e.user_id WHERE e.id = ${employeeId}`,
  )
  return row?.name || undefined
}

/** A goods receipt as printed: lines with ordered and received quantities, prices and VAT of the receipt date. */
export async function goodsReceiptDocument(db: DbOrTx, locale: Locale, session: Session, receiptId: string) {
  const [head] = await rowsOf<{
    receipt_number: string
    receipt_date: string
    workspace: string
    supplier: string | null
    supplier_bin: string | null
    order_number: string | null
    supplier_document: string | null
    created_by: string
  }>(
    db,
    sql`SELECT r.receipt_number, r.receipt_date::text AS receipt_date, w.name AS workspace, s.name AS supplier,
               s.bin AS supplier_bin, o.order_number, r.supplier_document, r.created_by
        FROM goods_receipts r JOIN workspaces w ON w.id = r.workspace_id
        LEFT JOIN suppliers s ON s.id = r.supplier_id LEFT JOIN orders o ON o.id = r.order_id
        WHERE r.id = ${receiptId} AND r.organization_id = ${session.organizationId} AND r.workspace_id = ${session.workspaceId}`,
  )
  if (!head) throw warehouseRefusal('NOT_FOUND', locale, ['receiptId'], 'documentNotFound')
  const lines = await rowsOf<{
    line_number: number
    code: string
    name: string
    unit: string
    ordered: string | null
    quantity: string
    unit_cost: string | null
    rate: string | null
    lot_number: string | null
    expiry_date: string | null
  }>(
    db,
    sql`SELECT l.line_number, p.code, p.name, p.unit, i.quantity_ordered::text AS ordered, l.quantity::text AS quantity,
               l.unit_cost::text AS unit_cost, vat_rate_on(p.tax_category, ${head.receipt_date}::date)::text AS rate,
               s.lot_number, s.expiry_date::text AS expiry_date
        FROM goods_receipt_lines l JOIN products p ON p.id = l.product_id
        LEFT JOIN order_items i ON i.id = l.order_item_id LEFT JOIN stock_lots s ON s.id = l.lot_id
        WHERE l.receipt_id = ${receiptId} ORDER BY l.line_number`,
  )
  const priced = lines.map((l) => {
    const price = new Decimal(l.unit_cost ?? '0')
    const rate = new Decimal(l.rate ?? '0')
    return { l, price, rate, ...priceLine(price.times(l.quantity), rate, false) }
  })
  const receivedBy = await personName(db, head.created_by)
  return {
    number: head.receipt_number,
    date: head.receipt_date,
    workspace: head.workspace,
    ...(head.supplier ? { supplier: { name: head.supplier, ...(head.supplier_bin ? { bin: head.supplier_bin } : {}) } } : {}),
    ...(head.order_number ? { orderNumber: head.order_number } : {}),
    ...(head.supplier_document ? { supplierDocument: head.supplier_document } : {}),
    currency: 'KZT',
    lines: priced.map(({ l, price, rate, vat, amount }) => ({
      lineNo: l.line_number,
      code: l.code,
      name: l.name,
      unit: l.unit,
      ...(l.ordered ? { ordered: quantityText(l.ordered) } : {}),
      received: quantityText(l.quantity),
      price: money(price),
      vatRate: rate.toFixed(),
      vatAmount: money(vat),
      amount: money(amount),
      ...(l.lot_number ? { lot: l.lot_number } : {}),
      ...(l.expiry_date ? { expiry: l.expiry_date } : {}),
    })),
    totals: totalsOf(priced),
    ...(receivedBy ? { receivedBy } : {}),
  }
}

/** The pick list of a sales order: what is still to pick per line, with barcodes to scan. */
export async function pickListDocument(db: DbOrTx, locale: Locale, session: Session, orderId: string) {
  const [head] = await rowsOf<{ order_number: string | null; workspace: string; customer: string | null; today: string }>(
    db,
    sql`SELECT o.order_number, w.name AS workspace, c.name AS customer, CURRENT_DATE::text AS today
        FROM orders o JOIN workspaces w ON w.id = o.workspace_id LEFT JOIN customers c ON c.id = o.customer_id
        WHERE o.id = ${orderId} AND o.organization_id = ${session.organizationId} AND o.workspace_id = ${session.workspaceId}
          AND o.type = 'SALES' AND o.deleted_at IS NULL`,
  )
  if (!head) throw warehouseRefusal('NOT_FOUND', locale, ['orderId'], 'orderNotFound')
  const lines = await rowsOf<{ code: string; name: string; unit: string; barcode: string | null; left: string }>(
    db,
    sql`SELECT p.code, p.name, p.unit, p.barcode, (i.quantity_ordered - i.quantity_shipped)::text AS left
        FROM order_items i JOIN products p ON p.id = i.product_id
        WHERE i.order_id = ${orderId} AND i.quantity_ordered > i.quantity_shipped ORDER BY p.code, i.id`,
  )
  return {
    number: head.order_number ?? orderId.slice(0, 8),
    date: head.today,
    workspace: head.workspace,
    ...(head.customer ? { customer: head.customer } : {}),
    ...(head.order_number ? { orderNumber: head.order_number } : {}),
    lines: lines.map((l, i) => ({
      lineNo: i + 1,
      code: l.code,
      name: l.name,
      unit: l.unit,
      quantity: quantityText(l.left),
      ...(l.barcode ? { barcode: l.barcode } : {}),
    })),
  }
}

/** The waybill of one shipment: the order lines' prices for the shipped quantities, VAT of the shipment date. */
export async function waybillDocument(db: DbOrTx, locale: Locale, session: Session, shipmentId: string) {
  const [head] = await rowsOf<{
    shipment_number: string
    shipment_date: string
    carrier: string | null
    tracking_number: string | null
    order_number: string | null
    customer: string | null
    customer_bin: string | null
    created_by: string
  }>(
    db,
    sql`SELECT s.shipment_number, s.shipment_date::text AS shipment_date, s.carrier, s.tracking_number, o.order_number,
               c.name AS customer, c.bin AS customer_bin, s.created_by
        FROM shipments s JOIN orders o ON o.id = s.order_id LEFT JOIN customers c ON c.id = o.customer_id
        WHERE s.id = ${shipmentId} AND s.organization_id = ${session.organizationId} AND s.workspace_id = ${session.workspaceId}`,
  )
  if (!head) throw warehouseRefusal('NOT_FOUND', locale, ['shipmentId'], 'documentNotFound')
  const lines = await rowsOf<{
    line_number: number
    code: string
    name: string
    unit: string
    quantity: string
    ordered: string
    unit_price: string
    discount_amount: string
    vat_included: boolean
    rate: string | null
  }>(
    db,
    sql`SELECT l.line_number, p.code, p.name, p.unit, l.quantity::text AS quantity, i.quantity_ordered::text AS ordered,
               i.unit_price::text AS unit_price, i.discount_amount::text AS discount_amount, i.vat_included,
               vat_rate_on(p.tax_category, ${head.shipment_date}::date)::text AS rate
        FROM shipment_lines l JOIN order_items i ON i.id = l.order_item_id JOIN products p ON p.id = l.product_id
        WHERE l.shipment_id = ${shipmentId} ORDER BY l.line_number`,
  )
  const priced = lines.map((l) => {
    // The line's discount is shared out over what is shipped.
    const discount = new Decimal(l.discount_amount).times(l.quantity).dividedBy(l.ordered)
    const base = new Decimal(l.unit_price).times(l.quantity).minus(discount)
    const rate = new Decimal(l.rate ?? '0')
    return { l, rate, ...priceLine(base, rate, l.vat_included) }
  })
  const releasedBy = await personName(db, head.created_by)
  return {
    number: head.shipment_number,
    date: head.shipment_date,
    shipper: await organizationParty(db, session.organizationId),
    consignee: { name: head.customer ?? '—', ...(head.customer_bin ? { bin: head.customer_bin } : {}) },
    ...(head.carrier ? { carrier: head.carrier } : {}),
    ...(head.tracking_number ? { trackingNumber: head.tracking_number } : {}),
    ...(head.order_number ? { orderNumber: head.order_number } : {}),
    currency: 'KZT',
    lines: priced.map(({ l, rate, net, vat, amount }) => ({
      lineNo: l.line_number,
      code: l.code,
      name: l.name,
      unit: l.unit,
      quantity: quantityText(l.quantity),
      price: money(net.dividedBy(l.quantity).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)),
      vatRate: rate.toFixed(),
      vatAmount: money(vat),
      amount: money(amount),
    })),
    totals: totalsOf(priced),
    ...(releasedBy ? { releasedBy } : {}),
  }
}
