/**
 * Where the stock comes from. Working back from what was shipped, reserved and consumed, as a
 * planner would: finished products sold in Almaty and Astana are transferred from Karaganda;
 * Karaganda makes them (and their semi-finished parts) on production orders that consume their
 * BOMs; everything bought is ordered from its supplier per quarter, with some margin, and
 * received before it is needed. Every unit on the ledger is explained by a document.
 */
import {
  DEMO_TODAY,
  type Day,
  HISTORY_START,
  halfYearOf,
  nextWorkingDay,
  previousWorkingDay,
  quarterOf,
  yearOf,
} from './calendar'
import type { CatalogPlan, Product } from './catalog'
import type { Supplier } from './crm'
import { type Lot, type Movement, type MovementType, round3 } from './ledger'
import type { Order, OrderLine } from './orders'
import { type Employee, type OrganizationPlan, type SiteKey, staffOf } from './organization'
import { type VatRates, priceIndex, purchasePrice, tiyn } from './pricing'
import { type Bom, type BomPlan, bomOn } from './production'
import type { Rng } from './random'
import { reserving, shipped } from './sales'

/** production_orders.status values. */
export type ProductionStatus = 'pending' | 'scheduled' | 'in_progress' | 'completed' | 'cancelled' | 'on_hold'

/** A production order in Karaganda. */
export interface ProductionOrder {
  id: string
  product: Product
  bom: Bom
  quantity: number
  status: ProductionStatus
  priority: 'low' | 'normal' | 'high' | 'urgent'
  createdDay: Day
  plannedStart: Day
  plannedEnd: Day
  actualStart: Day | null
  actualEnd: Day | null
  due: Day
  /** The sales order it was made for, when it was made to order. */
  order: Order | null
  /** Output posted so far (completed: all of it; in progress: part). */
  output: number
  outputDay: Day | null
  team: Employee[]
  line: string
  createdBy: Employee
  qcPassed: boolean | null
  notes: string | null
}

/** Everything the supply plan adds. */
export interface SupplyPlan {
  purchaseOrders: Order[]
  productionOrders: ProductionOrder[]
  movements: Movement[]
  lots: Lot[]
}

/** What the supply planner works with. */
export interface SupplyContext {
  rng: Rng
  ids: Rng
  org: OrganizationPlan
  catalog: CatalogPlan
  boms: BomPlan
  suppliers: readonly Supplier[]
  vat: VatRates
}

interface Need {
  site: SiteKey
  product: Product
  quantity: number
  day: Day
  order: Order | null
}

interface Bucket {
  site: SiteKey
  product: Product
  quantity: number
  firstDay: Day
  orders: Set<Order>
}

/** How far ahead one supply covers: the period needs are summed over. */
type Period = (day: Day) => number

/** Needs summed per site, product and period: one supply covers each, before its first day. */
function buckets(needs: readonly Need[], periodOf: Period): Bucket[] {
  const map = new Map<string, Bucket>()
  for (const n of needs) {
    const period = periodOf(n.day)
    const key = `${n.site}|${n.product.id}|${period}`
    const b = map.get(key)
    if (b) {
      b.quantity = round3(b.quantity + n.quantity)
      b.firstDay = Math.min(b.firstDay, n.day)
      if (n.order) b.orders.add(n.order)
    } else {
      map.set(key, {
        site: n.site,
        product: n.product,
        quantity: n.quantity,
        firstDay: n.day,
        orders: new Set(n.order ? [n.order] : []),
      })
    }
  }
  return [...map.values()]
}

/** Rounds up to a multiple of a step (a pack, a production lot). */
function roundUp(quantity: number, step: number): number {
  return round3(Math.ceil(round3(quantity / step)) * step)
}

const LINES = ['Линия 1 — резка и гибка', 'Линия 2 — сварка', 'Линия 3 — порошковая покраска', 'Сборочный участок'] as const
const MAX_PO_LINES = 25

const made = (p: Product) => p.kind === 'finished' || p.kind === 'subassembly'

/** A production lot: whole pieces, cheap items in fives. */
function productionLot(p: Product, quantity: number): number {
  return roundUp(quantity, p.price < 30_000 && quantity > 2 ? 5 : 1)
}

/**
 * Production orders that are not (yet) finished: in progress (materials issued, part of the
 * output reported), scheduled, pending, on hold, cancelled.
 */
export function planOpenProduction(ctx: SupplyContext, count: number): ProductionOrder[] {
  const { rng, ids, org, catalog, boms } = ctx
  const candidates = catalog.products.filter((p) => made(p) && p.status === 'ACTIVE')
  const workers = staffOf(org, ['production'])
  const planners = staffOf(org, ['production']).filter((e) => e.role === 'manager')
  const out: ProductionOrder[] = []
  for (let i = 0; i < count; i++) {
    const product = rng.pick(candidates)
    const status = rng.weighted<ProductionStatus>([
      ['in_progress', 35],
      ['scheduled', 25],
      ['pending', 15],
      ['on_hold', 10],
      ['cancelled', 15],
    ])
    const quantity = productionLot(product, rng.int(3, 40))
    let createdDay: Day
    let plannedStart: Day
    let actualStart: Day | null = null
    let output = 0
    let outputDay: Day | null = null
    let notes: string | null = null
    if (status === 'in_progress') {
      actualStart = previousWorkingDay(DEMO_TODAY - rng.int(1, 5))
      plannedStart = actualStart
      createdDay = actualStart - rng.int(2, 10)
      if (actualStart < DEMO_TODAY - 1 && quantity >= 2) {
        output = Math.max(1, Math.floor(quantity * rng.real(0.3, 0.7)))
        outputDay = previousWorkingDay(DEMO_TODAY - 1)
      }
    } else if (status === 'scheduled') {
      createdDay = DEMO_TODAY - rng.int(1, 10)
      plannedStart = nextWorkingDay(DEMO_TODAY + rng.int(1, 20))
    } else if (status === 'pending') {
      createdDay = DEMO_TODAY - rng.int(0, 5)
      plannedStart = nextWorkingDay(DEMO_TODAY + rng.int(5, 30))
    } else if (status === 'on_hold') {
      createdDay = DEMO_TODAY - rng.int(10, 40)
      plannedStart = nextWorkingDay(DEMO_TODAY - rng.int(3, 9))
      notes = 'Приостановлен: ожидание комплектующих от поставщика'
    } else {
      plannedStart = nextWorkingDay(rng.int(HISTORY_START + 30, DEMO_TODAY - 20))
      createdDay = plannedStart - rng.int(3, 15)
      notes = rng.pick(['Отменён: заказ клиента отменён', 'Отменён: заменён другим заказом', 'Отменён: изменение спецификации'])
    }
    const duration = productionDays(product, quantity)
    out.push({
      id: ids.uuid(),
      product,
      bom: bomOn(boms, product, actualStart ?? plannedStart),
      quantity,
      status,
      priority: rng.weighted([
        ['normal', 70],
        ['high', 20],
        ['urgent', 5],
        ['low', 5],
      ] as const),
      createdDay,
      plannedStart,
      plannedEnd: nextWorkingDay(plannedStart + duration - 1),
      actualStart,
      actualEnd: null,
      due: nextWorkingDay(plannedStart + duration + rng.int(1, 5)),
      order: null,
      output,
      outputDay,
      team: rng.sample(workers, rng.int(2, 4)),
      line: rng.pick(LINES),
      createdBy: rng.pick(planners.length > 0 ? planners : workers),
      qcPassed: null,
      notes,
    })
  }
  return out
}

/** Working days a lot takes: a crew of three, eight hours a day. */
function productionDays(p: Product, quantity: number): number {
  return Math.max(1, Math.min(6, Math.ceil((quantity * p.productionMinutes) / (3 * 8 * 60))))
}

/**
 * Plans purchases, production and transfers for the sales orders and open production orders,
 * and the ledger rows of all of them (sales shipments, reservations and returns included).
 */
export function planSupply(ctx: SupplyContext, sales: readonly Order[], openProduction: readonly ProductionOrder[]): SupplyPlan {
  const { rng, ids, org, boms } = ctx
  const movements: Movement[] = []
  const needs: Need[] = []
  const staff: Record<SiteKey, Employee[]> = {
    almaty: staffOf(org, ['warehouse']),
    karaganda: staffOf(org, ['production', 'quality']),
    astana: staffOf(org, ['shop']),
  }
  const move = (
    site: SiteKey,
    product: Product,
    type: MovementType,
    quantity: number,
    day: Day,
    hour: number,
    extra: Partial<Movement> = {},
  ): void => {
    movements.push({
      id: '',
      site,
      product,
      type,
      quantity: round3(quantity),
      day,
      hour,
      minute: rng.int(0, 59),
      unitCost: tiyn(product.cost * priceIndex(day)),
      order: null,
      line: null,
      production: null,
      transferId: null,
      counterpart: null,
      lot: null,
      markingCodes: [],
      reason: null,
      by: rng.pick(staff[site]),
      ...extra,
    })
  }

  // What left or was promised to customers.
  for (const o of sales) {
    for (const l of o.lines) {
      if (!l.product.tracked) continue
      if (shipped(o.status) && o.shippedDay !== null) {
        needs.push({ site: o.site, product: l.product, quantity: l.quantity, day: o.shippedDay, order: o })
        move(o.site, l.product, 'shipment', -l.quantity, o.shippedDay, o.retail ? rng.int(10, 19) : 14, {
          order: o,
          line: l,
          unitCost: l.unitCost,
        })
        if (o.returnDay !== null && l.returned > 0) {
          move(o.site, l.product, 'return', l.returned, o.returnDay, 15, {
            order: o,
            line: l,
            unitCost: l.unitCost,
            reason: rng.pick([
              'Возврат покупателя: брак',
              'Возврат покупателя: не подошёл размер',
              'Возврат: повреждение при доставке',
            ]),
          })
        }
      } else if (reserving(o.status)) {
        needs.push({ site: o.site, product: l.product, quantity: l.quantity, day: o.day, order: o })
        move(o.site, l.product, 'reservation', l.quantity, o.day, 12, {
          order: o,
          line: l,
          unitCost: null,
          reason: 'Резерв под заказ клиента',
        })
      }
    }
  }

  const productionOrders: ProductionOrder[] = []
  const produce = (p: ProductionOrder) => {
    if (p.actualStart !== null) {
      for (const bl of p.bom.lines) {
        const q = Math.max(0.001, round3(p.quantity * bl.quantity * (1 + bl.scrap)))
        needs.push({ site: 'karaganda', product: bl.product, quantity: q, day: p.actualStart, order: null })
        move('karaganda', bl.product, 'production_consumption', -q, p.actualStart, 8, {
          production: p,
          reason: 'Списание в производство',
        })
      }
    }
    if (p.output > 0 && p.outputDay !== null) {
      move('karaganda', p.product, 'production_output', p.output, p.outputDay, 18, {
        production: p,
        unitCost: tiyn((p.bom.materialCost + p.bom.laborCost + p.bom.overheadCost) * priceIndex(p.outputDay)),
        reason: 'Выпуск продукции',
      })
    }
    productionOrders.push(p)
  }
  for (const p of openProduction) produce(p)

  // Finished products sold away from the plant travel from Karaganda.
  const transferIds = new Map<string, string>()
  const remote = needs.filter((n) => n.site !== 'karaganda' && made(n.product))
  for (const b of buckets(remote, quarterOf)) {
    const quantity = roundUp(b.quantity * rng.real(1, 1.25), 1)
    const inDay = previousWorkingDay(b.firstDay - 1)
    const outDay = previousWorkingDay(inDay - rng.int(1, 2))
    const key = `${b.site}|${outDay}`
    const transferId = transferIds.get(key) ?? ids.uuid()
    transferIds.set(key, transferId)
    move('karaganda', b.product, 'transfer_out', -quantity, outDay, 9, {
      transferId,
      counterpart: b.site,
      reason: 'Перемещение на склад филиала',
    })
    move(b.site, b.product, 'transfer_in', quantity, inDay, 17, {
      transferId,
      counterpart: 'karaganda',
      reason: 'Поступление с завода',
    })
    needs.push({ site: 'karaganda', product: b.product, quantity, day: outDay, order: null })
  }

  // Karaganda makes finished products, then the semi-finished parts they (and sales) consumed.
  const planners = staffOf(org, ['production']).filter((e) => e.role === 'manager')
  const workers = staffOf(org, ['production'])
  for (const kind of ['finished', 'subassembly'] as const) {
    const local = needs.filter((n) => n.site === 'karaganda' && n.product.kind === kind)
    // the plant makes a product in one or two large lots a year
    for (const b of buckets(local, yearOf)) {
      const quantity = productionLot(b.product, b.quantity * rng.real(1, 1.2))
      const end = previousWorkingDay(b.firstDay - 1)
      const start = Math.min(end, previousWorkingDay(end - productionDays(b.product, quantity) + 1))
      const single = b.orders.size === 1 ? ([...b.orders][0] as Order) : null
      produce({
        id: ids.uuid(),
        product: b.product,
        bom: bomOn(boms, b.product, start),
        quantity,
        status: 'completed',
        priority: single ? 'high' : 'normal',
        createdDay: previousWorkingDay(start - rng.int(2, 7)),
        plannedStart: start,
        plannedEnd: end,
        actualStart: start,
        actualEnd: end,
        due: b.firstDay,
        order: single && single.type === 'SALES' && single.site === 'karaganda' ? single : null,
        output: quantity,
        outputDay: end,
        team: rng.sample(workers, rng.int(2, 4)),
        line: rng.pick(LINES),
        createdBy: rng.pick(planners.length > 0 ? planners : workers),
        qcPassed: rng.chance(0.97),
        notes: single ? 'Под заказ клиента' : 'Пополнение складского запаса',
      })
    }
  }

  // Everything bought: per supplier, site and quarter, received before it is needed.
  const bought = needs.filter((n) => n.product.kind === 'goods' || n.product.kind === 'material')
  const groups = new Map<
    string,
    { supplier: Supplier; site: SiteKey; lines: { product: Product; quantity: number; receipt: Day }[] }
  >()
  // the Almaty warehouse and the shop restock per quarter, the plant buys materials per half-year
  const boughtBuckets = [
    ...buckets(
      bought.filter((n) => n.site !== 'karaganda'),
      quarterOf,
    ),
    ...buckets(
      bought.filter((n) => n.site === 'karaganda'),
      halfYearOf,
    ),
  ]
  for (const b of boughtBuckets) {
    const supplier = ctx.suppliers[b.product.supplier]
    if (!supplier) throw new Error(`${b.product.name} has no supplier`)
    const receipt = Math.max(HISTORY_START + 1, previousWorkingDay(b.firstDay - rng.int(1, 4)))
    const quantity = roundUp(b.quantity * rng.real(1.1, 1.5), b.product.pack)
    const key = `${supplier.id}|${b.site}|${b.site === 'karaganda' ? halfYearOf(receipt) : quarterOf(receipt)}`
    const group = groups.get(key) ?? { supplier, site: b.site, lines: [] }
    group.lines.push({ product: b.product, quantity, receipt })
    groups.set(key, group)
  }
  const purchaseOrders: Order[] = []
  const lots: Lot[] = []
  const buyers = staffOf(org, ['purchasing'])
  for (const group of groups.values()) {
    const sorted = group.lines.sort((a, b) => a.receipt - b.receipt)
    for (let i = 0; i < sorted.length; i += MAX_PO_LINES) {
      const chunk = sorted.slice(i, i + MAX_PO_LINES)
      let receipt = (chunk[0] as (typeof chunk)[number]).receipt
      const earliest = Math.max(HISTORY_START, ...chunk.map((l) => l.product.availableFrom))
      const day = Math.max(earliest, previousWorkingDay(receipt - group.supplier.leadTimeDays))
      if (day >= receipt) receipt = nextWorkingDay(day + 1)
      const po = newPurchaseOrder(ctx, group.supplier, group.site, day, rng.pick(buyers))
      po.lines = chunk.map((l) => purchaseLine(ctx, l.product, l.quantity, day))
      po.status = 'delivered'
      po.shippedDay = Math.max(day, previousWorkingDay(receipt - 1))
      po.deliveredDay = receipt
      po.requiredDay = receipt
      for (const l of po.lines) {
        let lot: Lot | null = null
        if (l.product.lotTracked) {
          lot = {
            id: ids.uuid(),
            product: l.product,
            supplier: group.supplier,
            lotNumber: `L${String(receipt % 100000).padStart(5, '0')}${rng.int(100, 999)}`,
            productionDay: receipt - rng.int(30, 200),
            expiryDay: receipt + rng.int(365, 1100),
            receivedDay: receipt,
          }
          lots.push(lot)
        }
        move(group.site, l.product, 'receipt', l.quantity, receipt, 10, {
          order: po,
          line: l,
          unitCost: l.unitPrice,
          lot,
          reason: 'Поступление от поставщика',
        })
      }
      purchaseOrders.push(po)
    }
  }
  return { purchaseOrders, productionOrders, movements, lots }
}

/** A new purchase order from a supplier for a site. */
export function newPurchaseOrder(ctx: SupplyContext, supplier: Supplier, site: SiteKey, day: Day, buyer: Employee): Order {
  const head = ctx.org.employees.find((e) => e.id === ctx.org.departments.purchasing.headId) ?? null
  return {
    id: ctx.ids.uuid(),
    type: 'PURCHASE',
    site,
    day,
    status: 'pending',
    priority: 'normal',
    customer: null,
    supplier,
    deal: null,
    lines: [],
    createdBy: buyer,
    approvedBy: head,
    requiredDay: null,
    shippedDay: null,
    deliveredDay: null,
    returnDay: null,
    retail: false,
    paymentTerms: supplier.paymentTerms,
    paymentStatus: 'pending',
    notes: `Поставщик ${supplier.name}`,
  }
}

/** A purchase line at the supplier's price on the order day, with that day's VAT. */
export function purchaseLine(ctx: SupplyContext, product: Product, quantity: number, day: Day): OrderLine {
  const unitPrice = purchasePrice(product, day)
  return {
    id: ctx.ids.uuid(),
    product,
    quantity,
    unitPrice,
    unitCost: unitPrice,
    discountPercent: 0,
    discountAmount: 0,
    taxPercent: ctx.vat.lineRate(product, day),
    vatIncluded: false,
    returned: 0,
  }
}

/**
 * Purchase orders that have not arrived: new ones, confirmed by the supplier, or on their way.
 * They hold exactly `lineBudget` lines.
 */
export function planOpenPurchases(ctx: SupplyContext, lineBudget: number): Order[] {
  const { rng, org, catalog } = ctx
  const bySupplier = new Map<number, Product[]>()
  for (const p of catalog.products) {
    if (p.supplier < 0 || p.status !== 'ACTIVE') continue
    const list = bySupplier.get(p.supplier)
    if (list) list.push(p)
    else bySupplier.set(p.supplier, [p])
  }
  const suppliers = [...bySupplier.keys()]
  const buyers = staffOf(org, ['purchasing'])
  const orders: Order[] = []
  let lines = 0
  while (lines < lineBudget && suppliers.length > 0) {
    const index = rng.pick(suppliers)
    const supplier = ctx.suppliers[index] as Supplier
    const site = rng.weighted<SiteKey>([
      ['almaty', 50],
      ['karaganda', 35],
      ['astana', 15],
    ])
    const status = rng.weighted([
      ['pending', 35],
      ['confirmed', 40],
      ['shipped', 25],
    ] as const)
    const day = previousWorkingDay(DEMO_TODAY - (status === 'pending' ? rng.int(0, 3) : rng.int(2, 25)))
    const products = (bySupplier.get(index) as Product[]).filter((p) => p.availableFrom <= day)
    if (products.length === 0) continue
    const po = newPurchaseOrder(ctx, supplier, site, day, rng.pick(buyers))
    const count = Math.min(lineBudget - lines, rng.int(1, 12), products.length)
    po.lines = rng.sample(products, count).map((p) => purchaseLine(ctx, p, p.pack * rng.int(2, 10), day))
    po.status = status
    po.approvedBy = status === 'pending' ? null : po.approvedBy
    po.requiredDay = nextWorkingDay(day + supplier.leadTimeDays)
    po.shippedDay = status === 'shipped' ? Math.min(DEMO_TODAY, nextWorkingDay(day + 1)) : null
    orders.push(po)
    lines += po.lines.length
  }
  return orders
}
