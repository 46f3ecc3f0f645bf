/**
 * Sales and purchase orders as the generator plans them, and how they are written: headers
 * numbered from each site's ORDER series in date order, then their lines. Totals, paid amounts,
 * shipped quantities and customer counters are left to the triggers.
 */
import { type DemoWriter, type Row } from './bulk'
import { type Day, isoOf, timestampOf } from './calendar'
import type { Product } from './catalog'
import { type Customer, type PaymentTerms, type Supplier, billingAddressOf, shippingAddressOf } from './crm'
import type { Deal } from './deals'
import { addressText } from './geography'
import type { Employee, OrganizationPlan, SiteKey } from './organization'

/** orders.status values. */
export type OrderStatus = 'pending' | 'confirmed' | 'processing' | 'shipped' | 'delivered' | 'cancelled' | 'returned'

/** A line of an order. */
export interface OrderLine {
  id: string
  product: Product
  quantity: number
  unitPrice: number
  unitCost: number
  discountPercent: number
  discountAmount: number
  taxPercent: number
  vatIncluded: boolean
  /** Quantity the customer sent back (returned orders). */
  returned: number
}

/** A sales or purchase order. */
export interface Order {
  id: string
  type: 'SALES' | 'PURCHASE'
  site: SiteKey
  day: Day
  status: OrderStatus
  priority: 'low' | 'normal' | 'high' | 'urgent'
  customer: Customer | null
  supplier: Supplier | null
  deal: Deal | null
  lines: OrderLine[]
  createdBy: Employee
  approvedBy: Employee | null
  requiredDay: Day | null
  shippedDay: Day | null
  deliveredDay: Day | null
  returnDay: Day | null
  /** A sale at the Astana shop's till: paid on the spot, no invoice. */
  retail: boolean
  paymentTerms: PaymentTerms
  /** payment_status as the app sets it; paid/partial are the triggers'. */
  paymentStatus: 'pending' | 'overdue' | 'cancelled'
  notes: string | null
}

const CARRIERS = ['Собственный транспорт', 'ТОО «KazLogistics»', 'Деловые Линии', 'СДЭК', 'Казпочта'] as const

function orderRow(org: OrganizationPlan, o: Order): Row {
  const created = timestampOf(o.day, o.retail ? 11 + (o.lines.length % 8) : 10)
  const sales = o.type === 'SALES'
  const site = org.sites[o.site]
  const carrier = o.shippedDay !== null && sales && !o.retail ? CARRIERS[o.lines.length % CARRIERS.length] : null
  return {
    id: o.id,
    organization_id: org.id,
    workspace_id: site.id,
    type: o.type,
    category: sales ? (o.retail ? 'retail' : 'wholesale') : 'replenishment',
    customer_id: o.customer?.id ?? null,
    supplier_id: o.supplier?.id ?? null,
    deal_id: o.deal?.id ?? null,
    status: o.status,
    priority: o.priority,
    discount_amount: 0,
    shipping_cost: 0,
    currency: 'KZT',
    payment_status: o.paymentStatus,
    payment_terms: o.paymentTerms,
    order_date: isoOf(o.day),
    required_date: o.requiredDay === null ? null : isoOf(o.requiredDay),
    promised_date: o.requiredDay === null ? null : isoOf(o.requiredDay),
    shipped_date: o.shippedDay === null ? null : isoOf(o.shippedDay),
    delivered_date: o.deliveredDay === null ? null : isoOf(o.deliveredDay),
    shipping_method: o.retail ? 'Самовывоз' : sales ? 'Доставка' : 'Доставка поставщика',
    carrier,
    tracking_number:
      carrier && carrier !== 'Собственный транспорт' ? `KZ${o.id.replace(/-/g, '').slice(0, 10).toUpperCase()}` : null,
    shipping_address: sales && o.customer && !o.retail ? shippingAddressOf(o.customer) : { line1: addressText(site.address) },
    billing_address: sales && o.customer ? billingAddressOf(o.customer) : null,
    notes: o.notes,
    tags: o.deal ? ['из сделки'] : [],
    created_by: o.createdBy.id,
    approved_by: o.approvedBy?.id ?? null,
    approved_at: o.approvedBy ? timestampOf(o.day, 12) : null,
    created_at: created,
    updated_at: created,
  }
}

function itemRow(o: Order, l: OrderLine): Row {
  const created = timestampOf(o.day, 10)
  return {
    id: l.id,
    order_id: o.id,
    product_id: l.product.id,
    product_code: l.product.code,
    product_name: l.product.name,
    quantity_ordered: l.quantity,
    unit_price: l.unitPrice,
    unit_cost: l.unitCost,
    discount_percent: l.discountPercent,
    discount_amount: l.discountAmount,
    tax_percent: l.taxPercent,
    vat_included: l.vatIncluded,
    requires_production: l.product.kind === 'finished',
    created_at: created,
    updated_at: created,
  }
}

/**
 * Writes orders site by site in date order, so each site's numbers follow its calendar:
 * a batch of headers (numbered by next_document_number), then their lines.
 */
export async function writeOrders(w: DemoWriter, org: OrganizationPlan, orders: readonly Order[]): Promise<void> {
  const totalLines = orders.reduce((n, o) => n + o.lines.length, 0)
  let done = 0
  w.progress('orders', 0, totalLines)
  for (const key of Object.keys(org.sites) as SiteKey[]) {
    const site = org.sites[key]
    const mine = orders.filter((o) => o.site === key).sort((a, b) => a.day - b.day || a.id.localeCompare(b.id))
    let i = 0
    while (i < mine.length) {
      const batch: Order[] = []
      let lines = 0
      while (i < mine.length && (batch.length === 0 || lines + (mine[i] as Order).lines.length <= w.batchRows)) {
        const o = mine[i++] as Order
        batch.push(o)
        lines += o.lines.length
      }
      await w.inWorkspace(site.id, (tx) =>
        w.insertDocuments(
          tx,
          {
            table: 'orders',
            rows: batch.map((o) => orderRow(org, o)),
            options: { computed: { order_number: `next_document_number($2::uuid, 'ORDER', $3)` }, params: [org.id, site.prefix] },
          },
          { table: 'order_items', rows: batch.flatMap((o) => o.lines.map((l) => itemRow(o, l))) },
        ),
      )
      done += lines
      w.progress('orders', done, totalLines)
    }
  }
}
