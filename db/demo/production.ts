/**
 * Production in Karaganda: bills of materials on two levels (finished product → semi-finished
 * product → material), one default BOM per product (some with an archived earlier version or a
 * draft of the next), costs rolled up from the components, and production orders in every
 * status with their consumption and output on the stock ledger.
 */
import { type DemoWriter, type Row, chunks } from './bulk'
import { type Day, HISTORY_START, isoOf, timestampOf } from './calendar'
import { type CatalogPlan, type Product, listPrice } from './catalog'
import type { OrganizationPlan } from './organization'
import { type Rng, SkewedPicker } from './random'
import type { ProductionOrder } from './supply'

/** One line of a BOM. */
export interface BomLine {
  id: string
  product: Product
  /** Per unit of the BOM's product. */
  quantity: number
  scrap: number
}

/** A bill of materials version of a manufactured product. */
export interface Bom {
  id: string
  product: Product
  version: string
  status: 'draft' | 'active' | 'archived'
  isDefault: boolean
  lines: BomLine[]
  materialCost: number
  laborCost: number
  overheadCost: number
  validFrom: Day
  validTo: Day | null
}

/** All BOMs and each manufactured product's default one. */
export interface BomPlan {
  boms: Bom[]
  defaultOf: Map<string, Bom>
  /** The version a product's default BOM replaced, where there is one. */
  replacedOf: Map<string, Bom>
}

/** The BOM a production order started on a day works to: the approved version valid that day. */
export function bomOn(plan: BomPlan, product: Product, day: Day): Bom {
  const current = plan.defaultOf.get(product.id)
  if (!current) throw new Error(`${product.name} has no BOM`)
  if (day >= current.validFrom) return current
  return plan.replacedOf.get(product.id) ?? current
}

// KZT per hour of shop-floor work, and overhead on labour and materials.
const LABOUR_RATE = 4_500
const OVERHEAD_ON_LABOUR = 0.25
const OVERHEAD_ON_MATERIAL = 0.05

/** How much of a component one unit takes: whole pieces, or kg/m/l to the gram. */
function componentQuantity(rng: Rng, unit: string, low: number, high: number): number {
  if (unit === 'шт' || unit === 'пара' || unit === 'упак') {
    return Math.max(low < 1 ? 0.001 : 1, low < 1 ? Math.round(rng.real(low, high) * 1000) / 1000 : rng.int(low, high))
  }
  return Math.max(0.001, Math.round(rng.real(low, high) * 20) / 20)
}

const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * Plans the BOMs and prices manufactured products from them (semi-finished first, their cost
 * goes into the finished products').
 */
export function planBoms(rng: Rng, ids: Rng, catalog: CatalogPlan): BomPlan {
  const boms: Bom[] = []
  const defaultOf = new Map<string, Bom>()
  const replacedOf = new Map<string, Bom>()
  const made = [
    ...catalog.products.filter((p) => p.kind === 'subassembly'),
    ...catalog.products.filter((p) => p.kind === 'finished'),
  ]
  // A plant works with a limited range: most BOMs share the same popular sheets, profiles,
  // paints and fasteners, so components are drawn best-used first.
  const ranges = new Map<string, { products: Product[]; picker: SkewedPicker }>()
  const rangeOf = (leaf: string) => {
    let range = ranges.get(leaf)
    if (!range) {
      const products = rng.shuffle((catalog.byLeaf.get(leaf) ?? []).filter((c) => c.status === 'ACTIVE'))
      range = { products, picker: new SkewedPicker(Math.max(1, products.length), 1.1, 3) }
      ranges.set(leaf, range)
    }
    return range
  }
  for (const product of made) {
    const lines: BomLine[] = []
    for (const spec of product.leaf.components ?? []) {
      const range = rangeOf(spec.leaf)
      const count = Math.min(rng.int(spec.items[0], spec.items[1]), range.products.length)
      const chosen = new Set<Product>()
      for (let tries = 0; chosen.size < count && tries < count * 10; tries++)
        chosen.add(range.products[range.picker.draw(rng)] as Product)
      for (const component of chosen) {
        lines.push({
          id: ids.uuid(),
          product: component,
          quantity: componentQuantity(rng, component.unit, spec.quantity[0], spec.quantity[1]),
          scrap: component.kind === 'material' ? Math.round(rng.real(0.01, 0.06) * 1000) / 1000 : 0,
        })
      }
    }
    if (lines.length === 0) throw new Error(`No components for ${product.name}: the catalog is too small`)
    const materialCost = round2(lines.reduce((sum, l) => sum + l.product.cost * l.quantity * (1 + l.scrap), 0))
    const laborCost = round2((product.productionMinutes / 60) * LABOUR_RATE)
    const overheadCost = round2(laborCost * OVERHEAD_ON_LABOUR + materialCost * OVERHEAD_ON_MATERIAL)
    product.cost = round2(materialCost + laborCost + overheadCost)
    product.price = listPrice(product.cost * rng.real(1.35, 1.65))

    const history = rng.weighted<'single' | 'revised' | 'draft'>([
      ['single', 85],
      ['revised', 10],
      ['draft', 5],
    ])
    const base = { product, materialCost, laborCost, overheadCost }
    if (history === 'revised') {
      // an earlier version with more scrap, replaced during 2025
      const revisedOn = rng.int(HISTORY_START + 60, HISTORY_START + 300)
      const replaced: Bom = {
        ...base,
        id: ids.uuid(),
        version: '1.0',
        status: 'archived',
        isDefault: false,
        lines: lines.map((l) => ({ ...l, id: ids.uuid(), scrap: Math.round((l.scrap + 0.02) * 1000) / 1000 })),
        validFrom: HISTORY_START - 200,
        validTo: revisedOn - 1,
      }
      boms.push(replaced)
      replacedOf.set(product.id, replaced)
      const current: Bom = {
        ...base,
        id: ids.uuid(),
        version: '1.1',
        status: 'active',
        isDefault: true,
        lines,
        validFrom: revisedOn,
        validTo: null,
      }
      boms.push(current)
      defaultOf.set(product.id, current)
    } else {
      const current: Bom = {
        ...base,
        id: ids.uuid(),
        version: '1.0',
        status: 'active',
        isDefault: true,
        lines,
        validFrom: HISTORY_START - 200,
        validTo: null,
      }
      boms.push(current)
      defaultOf.set(product.id, current)
      if (history === 'draft') {
        boms.push({
          ...base,
          id: ids.uuid(),
          version: '2.0',
          status: 'draft',
          isDefault: false,
          lines: lines.slice(0, Math.max(1, lines.length - 1)).map((l) => ({ ...l, id: ids.uuid() })),
          validFrom: HISTORY_START + 600,
          validTo: null,
        })
      }
    }
  }
  return { boms, defaultOf, replacedOf }
}

/** Writes BOMs and their lines (organization-wide master data, made in Karaganda). */
export async function writeBoms(w: DemoWriter, org: OrganizationPlan, plan: BomPlan): Promise<void> {
  const head = org.departments.production.headId
  const site = org.sites.karaganda.id
  const total = plan.boms.length
  let done = 0
  w.progress('bills of materials', 0, total)
  for (const batch of chunks(plan.boms, Math.max(1, Math.floor(w.batchRows / 5)))) {
    await w.inWorkspace(null, async (tx) => {
      await w.insert(
        tx,
        'bills_of_materials',
        batch.map((b) => ({
          id: b.id,
          organization_id: org.id,
          workspace_id: site,
          product_id: b.product.id,
          version: b.version,
          name: `${b.product.name} — спецификация ${b.version}`,
          description: b.status === 'draft' ? 'Проект новой спецификации: меньше комплектующих' : null,
          quantity: 1,
          unit: b.product.unit,
          status: b.status,
          is_default: b.isDefault,
          lead_time_days: b.product.leadTimeDays,
          setup_time_minutes: 15 + (b.product.productionMinutes % 45),
          production_time_minutes: b.product.productionMinutes,
          material_cost: b.materialCost,
          labor_cost: b.laborCost,
          overhead_cost: b.overheadCost,
          valid_from: isoOf(b.validFrom),
          valid_to: b.validTo === null ? null : isoOf(b.validTo),
          created_by: head,
          approved_by: b.status === 'draft' ? null : head,
          approved_at: b.status === 'draft' ? null : timestampOf(b.validFrom, 11),
          created_at: timestampOf(Math.min(b.validFrom, HISTORY_START - 5), 11),
          updated_at: timestampOf(Math.min(b.validFrom, HISTORY_START - 5), 11),
        })),
      )
      const lines: Row[] = batch.flatMap((b) =>
        b.lines.map((l, i) => ({
          id: l.id,
          bom_id: b.id,
          component_id: l.product.id,
          sequence_number: i + 1,
          quantity_per_unit: l.quantity,
          unit: l.product.unit,
          scrap_factor: l.scrap,
          operation_sequence: (i + 1) * 10,
          operation_notes:
            l.product.kind === 'subassembly' ? 'Сборка' : l.product.kind === 'material' ? 'Заготовка' : 'Комплектация',
          unit_cost: l.product.cost,
        })),
      )
      await w.insert(tx, 'bom_components', lines)
    })
    done += batch.length
    w.progress('bills of materials', done, total)
  }
}

/** Writes production orders (numbered from Karaganda's PRODUCTION series in start order). */
export async function writeProductionOrders(
  w: DemoWriter,
  org: OrganizationPlan,
  orders: readonly ProductionOrder[],
): Promise<void> {
  const site = org.sites.karaganda
  const sorted = orders.slice().sort((a, b) => a.createdDay - b.createdDay || a.plannedStart - b.plannedStart)
  let done = 0
  w.progress('production orders', 0, sorted.length)
  for (const batch of chunks(sorted, w.batchRows)) {
    await w.inWorkspace(site.id, (tx) =>
      w.insert(
        tx,
        'production_orders',
        batch.map((p) => productionRow(org, p)),
        { computed: { production_number: `next_document_number($2::uuid, 'PRODUCTION', $3)` }, params: [org.id, site.prefix] },
      ),
    )
    done += batch.length
    w.progress('production orders', done, sorted.length)
  }
}

function productionRow(org: OrganizationPlan, p: ProductionOrder): Row {
  const unit = p.bom.materialCost + p.bom.laborCost + p.bom.overheadCost
  const estimated = round2(unit * p.quantity)
  const done = p.status === 'completed'
  const spent = done ? 1 + ((p.id.charCodeAt(0) % 13) - 4) / 100 : p.status === 'in_progress' ? 0.5 : 0
  const created = timestampOf(p.createdDay, 9)
  return {
    id: p.id,
    organization_id: org.id,
    workspace_id: org.sites.karaganda.id,
    order_id: p.order?.id ?? null,
    product_id: p.product.id,
    bom_id: p.bom.id,
    quantity_to_produce: p.quantity,
    quantity_completed: done ? p.quantity : p.output,
    quantity_scrapped: 0,
    status: p.status,
    priority: p.priority,
    planned_start_date: timestampOf(p.plannedStart, 8),
    planned_end_date: timestampOf(p.plannedEnd, 18),
    actual_start_date: p.actualStart === null ? null : timestampOf(p.actualStart, 8),
    actual_end_date: p.actualEnd === null ? null : timestampOf(p.actualEnd, 18),
    due_date: timestampOf(p.due, 18),
    production_line: p.line,
    work_center: p.line.startsWith('Сбор') ? 'ЦЕХ-2' : 'ЦЕХ-1',
    shift: 'дневная',
    assigned_team: p.team.map((e) => e.id),
    estimated_cost: estimated,
    actual_cost: round2(estimated * spent),
    material_cost: round2(p.bom.materialCost * p.quantity * spent),
    labor_cost: round2(p.bom.laborCost * p.quantity * spent),
    overhead_cost: round2(p.bom.overheadCost * p.quantity * spent),
    quality_standard: p.product.leaf.code === 'FG-CAB' ? 'ГОСТ IEC 61439-1-2013' : 'ГОСТ 23118-2019',
    qc_required: true,
    qc_passed: p.qcPassed,
    qc_notes: p.qcPassed === false ? 'Дефект покрытия, партия перекрашена' : null,
    notes: p.notes,
    instructions: `Изготовить по спецификации ${p.bom.version}`,
    created_by: p.createdBy.id,
    created_at: created,
    updated_at: created,
  }
}
