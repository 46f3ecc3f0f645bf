/**
 * Sales: what each site sells (its assortment, best sellers first), wholesale orders of
 * companies in Almaty and Karaganda, the Astana shop's sales to people (VAT-inclusive prices,
 * paid at the till), orders from won deals, and the open and cancelled orders of the last days.
 * An order's status follows from its dates: shipped once its shipping day has passed.
 */
import { DEMO_TODAY, type Day, DayPicker, SALES_START, nextWorkingDay } from './calendar'
import type { CatalogPlan, Product } from './catalog'
import { type CrmPlan, type Customer, noteActivity } from './crm'
import type { Deal } from './deals'
import type { Order, OrderLine, OrderStatus } from './orders'
import { type Employee, type OrganizationPlan, type SiteKey, staffOf } from './organization'
import { type VatRates, priceIndex, retailPrice, tiyn, wholesalePrice } from './pricing'
import { type Rng, SkewedPicker } from './random'

/** Who buys: a company (wholesale, net prices) or a person in the shop (prices with VAT). */
export type Buyer = 'company' | 'person'

interface Shelf {
  products: Product[]
  picker: SkewedPicker
}

function shelf(rng: Rng, products: Product[]): Shelf {
  const ranked = rng.shuffle(products.filter((p) => p.status !== 'INACTIVE'))
  return { products: ranked, picker: new SkewedPicker(Math.max(1, ranked.length), 1, 15) }
}

/** What each site sells, with its best sellers. */
export class Assortment {
  private readonly goods: Record<SiteKey, Shelf>
  private readonly services: Record<SiteKey, Shelf>

  constructor(rng: Rng, catalog: CatalogPlan) {
    const of = (test: (p: Product) => boolean) => catalog.products.filter(test)
    const service = (codes: readonly string[]) => of((p) => p.kind === 'service' && codes.includes(p.leaf.code))
    this.goods = {
      almaty: shelf(
        rng,
        of((p) => p.kind === 'goods' || p.kind === 'finished'),
      ),
      karaganda: shelf(
        rng,
        of((p) => p.kind === 'finished' || p.kind === 'subassembly'),
      ),
      astana: shelf(
        rng,
        of((p) => (p.kind === 'goods' && p.leaf.retail === true) || (p.kind === 'finished' && p.leaf.code === 'FG-FURN')),
      ),
    }
    this.services = {
      almaty: shelf(rng, service(['SRV-DELIV', 'SRV-MOUNT'])),
      karaganda: shelf(rng, service(['SRV-DELIV', 'SRV-MOUNT', 'SRV-PAINT'])),
      astana: shelf(rng, service(['SRV-DELIV'])),
    }
  }

  /** A product the site sells on that day (services now and then for companies), or null. */
  pick(rng: Rng, site: SiteKey, day: Day, buyer: Buyer): Product | null {
    const from = buyer === 'company' && rng.chance(0.06) ? this.services[site] : this.goods[site]
    if (from.products.length === 0) return null
    for (let tries = 0; tries < 12; tries++) {
      const p = from.products[from.picker.draw(rng)] as Product
      if (p.salesFrom <= day && (p.availableTo === null || day <= p.availableTo)) return p
    }
    return null
  }
}

/** How much of a product goes on a line: whole pieces, or kg/m/l in halves. */
export function lineQuantity(rng: Rng, p: Product, buyer: Buyer): number {
  if (p.kind === 'service') return 1
  const retail = buyer === 'person'
  if (p.unit === 'шт' || p.unit === 'пара' || p.unit === 'упак') {
    if (p.kind === 'finished') return retail ? 1 : rng.int(1, 12)
    if (p.price < 100) return retail ? rng.int(5, 40) : rng.int(5, 60) * 10
    if (p.price < 1_000) return retail ? rng.int(1, 10) : rng.int(2, 80)
    if (p.price < 20_000) return retail ? rng.int(1, 4) : rng.int(1, 24)
    return retail ? 1 : rng.int(1, 5)
  }
  return retail ? Math.round(rng.real(1, 30)) : Math.round(rng.real(5, 250) * 2) / 2
}

/** A priced line for a product on a day. */
export function saleLine(
  rng: Rng,
  ids: Rng,
  vat: VatRates,
  p: Product,
  day: Day,
  buyer: Buyer,
  quantity: number,
  discountPercent: number,
): OrderLine {
  const taxPercent = vat.lineRate(p, day)
  const retail = buyer === 'person'
  const unitPrice = retail ? retailPrice(p, day, taxPercent) : wholesalePrice(p, day)
  return {
    id: ids.uuid(),
    product: p,
    quantity,
    unitPrice,
    unitCost: tiyn(p.cost * priceIndex(day)),
    discountPercent,
    discountAmount: discountPercent === 0 ? 0 : Math.round(unitPrice * quantity * discountPercent) / 100,
    taxPercent,
    vatIncluded: retail,
    returned: 0,
  }
}

const LINES_PER_ORDER = [
  [1, 12],
  [2, 14],
  [3, 14],
  [4, 12],
  [5, 10],
  [6, 8],
  [7, 7],
  [8, 6],
  [10, 6],
  [12, 5],
  [15, 4],
  [20, 2],
] as const

/** The people who take orders at each site. */
export function salesStaff(org: OrganizationPlan): Record<SiteKey, Employee[]> {
  return { almaty: staffOf(org, ['sales']), karaganda: staffOf(org, ['plantSales']), astana: staffOf(org, ['shop']) }
}

function discountFor(rng: Rng, c: Customer): number {
  if (c.segment === 'Крупный бизнес') return rng.pick([3, 5, 7, 10])
  if (c.segment === 'Средний бизнес') return rng.pick([0, 0, 3, 5])
  return rng.chance(0.1) ? 3 : 0
}

/** Sets dates and status of a sales order from its order day: shipped once shipping day has passed. */
function settle(rng: Rng, o: Order, leadDays: number): void {
  if (o.retail) {
    o.shippedDay = o.day
    o.deliveredDay = o.day
    o.status = 'delivered'
  } else {
    const ship = nextWorkingDay(o.day + leadDays)
    const deliver = nextWorkingDay(ship + rng.int(0, 3))
    o.requiredDay = nextWorkingDay(o.day + leadDays + rng.int(1, 5))
    if (ship > DEMO_TODAY) {
      o.status = DEMO_TODAY - o.day <= 2 ? 'confirmed' : 'processing'
    } else if (deliver > DEMO_TODAY) {
      o.status = 'shipped'
      o.shippedDay = ship
    } else {
      o.status = 'delivered'
      o.shippedDay = ship
      o.deliveredDay = deliver
    }
  }
  // a few deliveries come back: a wrong size, a dented door
  const settled = o.deliveredDay
  if (settled !== null && settled + 20 <= DEMO_TODAY && rng.chance(o.retail ? 0.015 : 0.025)) {
    o.status = 'returned'
    o.returnDay = nextWorkingDay(settled + rng.int(3, 20))
    const takeBack = rng.sample(
      // medicines and medical products are not taken back (and have no lot to return to)
      o.lines.filter((l) => l.product.kind !== 'service' && !l.product.lotTracked),
      rng.int(1, 2),
    )
    for (const l of takeBack) {
      l.returned = Number.isInteger(l.quantity)
        ? rng.int(1, l.quantity)
        : Math.max(0.5, Math.round(l.quantity * rng.real(0.2, 1) * 2) / 2)
    }
    if (takeBack.length === 0) o.status = 'delivered'
  }
}

function newSalesOrder(
  ids: Rng,
  org: OrganizationPlan,
  site: SiteKey,
  day: Day,
  customer: Customer,
  createdBy: Employee,
  retail: boolean,
  priority: Order['priority'],
): Order {
  return {
    id: ids.uuid(),
    type: 'SALES',
    site,
    day,
    status: 'pending',
    priority,
    customer,
    supplier: null,
    deal: null,
    lines: [],
    createdBy,
    approvedBy: retail
      ? null
      : (org.employees.find(
          (e) => e.id === org.departments[site === 'almaty' ? 'sales' : site === 'karaganda' ? 'plantSales' : 'shop'].headId,
        ) ?? null),
    requiredDay: null,
    shippedDay: null,
    deliveredDay: null,
    returnDay: null,
    retail,
    paymentTerms: retail ? 'PREPAYMENT' : customer.paymentTerms,
    paymentStatus: 'pending',
    notes: null,
  }
}

/** The sales context every order draw needs. */
export interface SalesContext {
  rng: Rng
  ids: Rng
  org: OrganizationPlan
  crm: CrmPlan
  assortment: Assortment
  vat: VatRates
  staff: Record<SiteKey, Employee[]>
  wholesaleDays: DayPicker
  shopDays: DayPicker
}

/** Builds the context of the sales plan. */
export function salesContext(
  rng: Rng,
  ids: Rng,
  org: OrganizationPlan,
  crm: CrmPlan,
  assortment: Assortment,
  vat: VatRates,
): SalesContext {
  return {
    rng,
    ids,
    org,
    crm,
    assortment,
    vat,
    staff: salesStaff(org),
    wholesaleDays: new DayPicker(SALES_START, DEMO_TODAY),
    shopDays: new DayPicker(SALES_START, DEMO_TODAY, true),
  }
}

/** Where a new order comes from: a company at one of the sites, or a person in the shop. */
function drawChannel(rng: Rng): { site: SiteKey; retail: boolean } {
  return rng.weighted([
    [{ site: 'almaty' as SiteKey, retail: false }, 42],
    [{ site: 'karaganda' as SiteKey, retail: false }, 20],
    [{ site: 'astana' as SiteKey, retail: false }, 5],
    [{ site: 'astana' as SiteKey, retail: true }, 33],
  ])
}

/** Fills an order with `count` distinct lines; returns false when nothing could be found. */
function fillLines(ctx: SalesContext, o: Order, count: number, buyer: Buyer, discount: number): boolean {
  const seen = new Set<string>()
  for (let tries = 0; tries < count * 3 && o.lines.length < count; tries++) {
    const p = ctx.assortment.pick(ctx.rng, o.site, o.day, buyer)
    if (!p || seen.has(p.id)) continue
    seen.add(p.id)
    o.lines.push(
      saleLine(ctx.rng, ctx.ids, ctx.vat, p, o.day, buyer, lineQuantity(ctx.rng, p, buyer), p.kind === 'service' ? 0 : discount),
    )
  }
  return o.lines.length > 0
}

/**
 * Plans orders that move stock (shipped, delivered, returned, and reserved ones) until they
 * hold `lineBudget` lines; orders of won deals come first. The last order is cut to fit.
 */
export function planSalesOrders(ctx: SalesContext, deals: readonly Deal[], lineBudget: number): Order[] {
  const { rng, ids, org } = ctx
  const orders: Order[] = []
  let lines = 0
  for (const deal of deals) {
    if (deal.stage !== 'WON') continue
    const day = Math.min(DEMO_TODAY, nextWorkingDay(Math.max(SALES_START, deal.closeDay + rng.int(0, 3))))
    const o = newSalesOrder(ids, org, deal.site, day, deal.customer, deal.assignedTo, false, rng.chance(0.3) ? 'high' : 'normal')
    o.deal = deal
    o.notes = `По сделке «${deal.title}»`
    o.lines = deal.lines.map((l) => saleLine(rng, ids, ctx.vat, l.product, day, 'company', l.quantity, l.discountPercent))
    settle(rng, o, deal.lines.some((l) => l.product.kind === 'finished') ? rng.int(3, 10) : rng.int(0, 3))
    orders.push(o)
    lines += o.lines.length
  }
  while (lines < lineBudget) {
    const { site, retail } = drawChannel(rng)
    const day = retail ? ctx.shopDays.draw(rng) : ctx.wholesaleDays.draw(rng)
    const customer = retail ? ctx.crm.pickPerson(rng) : ctx.crm.pickCompany(rng)
    const createdBy =
      !retail && customer.site === site && ctx.staff[site].includes(customer.assignedTo)
        ? customer.assignedTo
        : rng.pick(ctx.staff[site])
    const priority = rng.weighted<Order['priority']>([
      ['normal', 80],
      ['high', 12],
      ['urgent', 3],
      ['low', 5],
    ])
    const o = newSalesOrder(ids, org, site, day, customer, createdBy, retail, priority)
    const wanted = retail ? rng.weighted([[1, 45], [2, 30], [3, 15], [4, 10]] as const) : rng.weighted(LINES_PER_ORDER) // prettier-ignore
    if (
      !fillLines(
        ctx,
        o,
        Math.min(wanted, lineBudget - lines),
        retail ? 'person' : 'company',
        retail ? 0 : discountFor(rng, customer),
      )
    )
      continue
    settle(rng, o, o.lines.some((l) => l.product.kind === 'finished') ? rng.int(2, 8) : rng.int(0, 3))
    orders.push(o)
    lines += o.lines.length
  }
  return orders
}

/**
 * Plans orders that do not move stock: cancelled ones over the whole history and new ones of
 * the last days still waiting for confirmation, until they hold exactly `lineBudget` lines.
 */
export function planQuietSalesOrders(ctx: SalesContext, lineBudget: number): Order[] {
  const { rng, ids, org } = ctx
  const orders: Order[] = []
  let lines = 0
  while (lines < lineBudget) {
    const { site, retail } = drawChannel(rng)
    if (retail) continue // the shop sells at the till: nothing waits or gets cancelled there
    const pending = rng.chance(0.45)
    const day = pending ? nextWorkingDay(DEMO_TODAY - rng.int(1, 10)) : ctx.wholesaleDays.draw(rng)
    if (day > DEMO_TODAY) continue
    const customer = ctx.crm.pickCompany(rng)
    const o = newSalesOrder(ids, org, site, day, customer, rng.pick(ctx.staff[site]), false, 'normal')
    const wanted = rng.weighted(LINES_PER_ORDER)
    if (!fillLines(ctx, o, Math.min(wanted, lineBudget - lines), 'company', discountFor(rng, customer))) continue
    o.status = pending ? 'pending' : 'cancelled'
    o.approvedBy = null
    o.paymentStatus = pending ? 'pending' : 'cancelled'
    o.notes = pending ? 'Ожидает подтверждения клиента' : rng.pick(['Клиент отказался', 'Дубль заказа', 'Не согласовали сроки'])
    orders.push(o)
    lines += o.lines.length
  }
  return orders
}

/** Records on each customer what the planned orders say about them. */
export function noteCustomerOrders(orders: readonly Order[]): void {
  for (const o of orders) {
    if (o.type !== 'SALES' || !o.customer) continue
    noteActivity(o.customer, o.day)
    if (o.status === 'cancelled') continue
    const a = o.customer.activity
    a.orders++
    a.revenue += o.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0)
    if (a.lastOrder === null || o.day > a.lastOrder) a.lastOrder = o.day
  }
}

/** True for statuses whose goods have left the warehouse. */
export function shipped(status: OrderStatus): boolean {
  return status === 'shipped' || status === 'delivered' || status === 'returned'
}

/** True for statuses that hold stock for the customer (reserved, not yet shipped). */
export function reserving(status: OrderStatus): boolean {
  return status === 'confirmed' || status === 'processing'
}
