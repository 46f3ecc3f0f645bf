/**
 * The stock ledger of the demo: every receipt, shipment, reservation, transfer, production
 * consumption and output as a row of inventory_movements — the only way stock comes to be;
 * products.stock_level and stock_balances follow from these rows by trigger. Before anything is
 * written the whole ledger is replayed here in time order: lots are picked first-expiry-first-out
 * and no site ever ships what it does not have.
 */
import { type DemoWriter, type Row, chunks } from './bulk'
import { type Day, isoOf, timestampOf } from './calendar'
import type { Product } from './catalog'
import type { Supplier } from './crm'
import type { Order, OrderLine } from './orders'
import type { Employee, OrganizationPlan, SiteKey } from './organization'
import type { Rng } from './random'

/** inventory_movements.movement_type values the demo posts. */
export type MovementType =
  | 'receipt'
  | 'shipment'
  | 'reservation'
  | 'release'
  | 'transfer_out'
  | 'transfer_in'
  | 'production_consumption'
  | 'production_output'
  | 'return'

/** A lot of a medical product: lot number, production and expiry dates. */
export interface Lot {
  id: string
  product: Product
  supplier: Supplier | null
  lotNumber: string
  productionDay: Day
  expiryDay: Day
  receivedDay: Day
}

/** A production order, as far as the ledger needs it (the full plan is in supply.ts). */
export interface LedgerProductionOrder {
  id: string
}

/** One planned ledger row. */
export interface Movement {
  id: string
  site: SiteKey
  product: Product
  type: MovementType
  /** Signed change, as the ledger's sign convention wants it. */
  quantity: number
  day: Day
  hour: number
  minute: number
  unitCost: number | null
  order: Order | null
  line: OrderLine | null
  production: LedgerProductionOrder | null
  transferId: string | null
  counterpart: SiteKey | null
  lot: Lot | null
  markingCodes: Record<string, string>[]
  reason: string | null
  by: Employee
}

/** Rounds a quantity to the ledger's precision (DECIMAL(12,3)). */
export function round3(q: number): number {
  return Math.round(q * 1000) / 1000
}

const EPSILON = 1e-6

function chronological(a: Movement, b: Movement): number {
  return a.day - b.day || a.hour - b.hour || a.minute - b.minute || order(a) - order(b)
}

// At the same minute stock arrives before it leaves.
function order(m: Movement): number {
  return m.quantity > 0 && m.type !== 'reservation' ? 0 : 1
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** A Data Matrix code of one unit as Kazakhstan's marking scans it (GS1 AIs 01, 21, 91, 92). */
function markingCode(rng: Rng, gtin13: string): Record<string, string> {
  const serial = Array.from({ length: 13 }, () => B64[rng.int(0, 61)]).join('')
  const crypto = Array.from({ length: 44 }, () => B64[rng.int(0, 63)]).join('')
  return { '01': `0${gtin13}`, '21': serial, '91': 'EE07', '92': crypto }
}

/**
 * Replays the ledger in time order. Shipments and reservations of lot-tracked products take
 * lots first-expiry-first-out (split over several lots when needed); marking codes are scanned
 * for units sold one by one in the shop. Throws when stock would go negative anywhere: the
 * supply plan is then wrong, and a demo must not show what a terminal would refuse.
 */
export function replayLedger(rng: Rng, movements: Movement[]): Movement[] {
  const sorted = movements.slice().sort(chronological)
  const onHand = new Map<string, number>()
  const reserved = new Map<string, number>()
  const lotsAt = new Map<string, Lot[]>()
  const out: Movement[] = []
  const key = (site: SiteKey, product: Product, lot: Lot | null) => `${site}|${product.id}|${lot?.id ?? ''}`
  const add = (m: Movement) => {
    const k = key(m.site, m.product, m.lot)
    if (m.type === 'reservation' || m.type === 'release') {
      reserved.set(k, round3((reserved.get(k) ?? 0) + m.quantity))
    } else {
      const after = round3((onHand.get(k) ?? 0) + m.quantity)
      if (after < -EPSILON) {
        throw new Error(
          `Demo ledger would go negative: ${m.type} of ${-m.quantity} ${m.product.unit} «${m.product.name}» at ${m.site} on ${isoOf(m.day)} leaves ${after}`,
        )
      }
      onHand.set(k, after)
    }
    out.push(m)
  }
  for (const m of sorted) {
    if (m.product.lotTracked && m.type === 'receipt' && m.lot) {
      const lk = `${m.site}|${m.product.id}`
      lotsAt.set(
        lk,
        [...(lotsAt.get(lk) ?? []), m.lot].sort((a, b) => a.expiryDay - b.expiryDay),
      )
    }
    if (!(m.product.lotTracked && m.lot === null && (m.type === 'shipment' || m.type === 'reservation'))) {
      add(m)
      continue
    }
    let rest = Math.abs(m.quantity)
    for (const lot of lotsAt.get(`${m.site}|${m.product.id}`) ?? []) {
      if (rest <= EPSILON) break
      const k = key(m.site, m.product, lot)
      const free = round3((onHand.get(k) ?? 0) - (reserved.get(k) ?? 0))
      if (free <= EPSILON) continue
      const take = round3(Math.min(free, rest))
      rest = round3(rest - take)
      const sign = m.type === 'shipment' ? -1 : 1
      const codes =
        m.type === 'shipment' && m.order?.retail && m.product.barcode && Number.isInteger(take) && take <= 5
          ? Array.from({ length: take }, () => markingCode(rng, m.product.barcode as string))
          : []
      add({ ...m, quantity: sign * take, lot, markingCodes: codes })
    }
    if (rest > EPSILON) {
      throw new Error(`Demo ledger: no lot of «${m.product.name}» at ${m.site} on ${isoOf(m.day)} for ${rest} ${m.product.unit}`)
    }
  }
  return out
}

/** Gives the movements their ids in time order, so a seed fixes them. */
export function numberMovements(ids: Rng, movements: Movement[]): void {
  for (const m of movements) m.id = ids.uuid()
}

/** Writes the lots, then the ledger site by site in time order. */
export async function writeLedger(
  w: DemoWriter,
  org: OrganizationPlan,
  lots: readonly Lot[],
  movements: readonly Movement[],
): Promise<void> {
  w.progress('stock lots', 0, lots.length)
  for (const batch of chunks(lots, w.batchRows)) {
    await w.inWorkspace(null, (tx) =>
      w.insert(
        tx,
        'stock_lots',
        batch.map((l) => ({
          id: l.id,
          organization_id: org.id,
          product_id: l.product.id,
          gtin: l.product.barcode,
          lot_number: l.lotNumber,
          production_date: isoOf(l.productionDay),
          expiry_date: isoOf(l.expiryDay),
          supplier_id: l.supplier?.id ?? null,
          created_by: org.departments.warehouse.headId,
          created_at: timestampOf(l.receivedDay, 10),
          updated_at: timestampOf(l.receivedDay, 10),
        })),
      ),
    )
  }
  w.progress('stock lots', lots.length, lots.length)

  let done = 0
  w.progress('stock movements', 0, movements.length)
  for (const site of Object.keys(org.sites) as SiteKey[]) {
    const mine = movements.filter((m) => m.site === site)
    for (const batch of chunks(mine, w.batchRows)) {
      await w.inWorkspace(org.sites[site].id, (tx) =>
        w.insert(
          tx,
          'inventory_movements',
          batch.map((m) => movementRow(org, m)),
        ),
      )
      done += batch.length
      w.progress('stock movements', done, movements.length)
    }
  }
}

function movementRow(org: OrganizationPlan, m: Movement): Row {
  return {
    id: m.id,
    organization_id: org.id,
    workspace_id: org.sites[m.site].id,
    product_id: m.product.id,
    lot_id: m.lot?.id ?? null,
    movement_type: m.type,
    quantity: round3(m.quantity),
    unit_cost: m.unitCost,
    order_id: m.order?.id ?? null,
    order_item_id: m.line?.id ?? null,
    production_order_id: m.production?.id ?? null,
    transfer_id: m.transferId,
    counterpart_workspace_id: m.counterpart ? org.sites[m.counterpart].id : null,
    marking_codes: m.markingCodes,
    reason: m.reason,
    created_by: m.by.id,
    created_at: timestampOf(m.day, m.hour, m.minute),
  }
}
