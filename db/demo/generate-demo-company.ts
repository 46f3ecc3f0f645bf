/**
 * Creates a demo company: one organization marked as a demo (it never syncs) with its sites,
 * people, catalog, BOMs, customers, suppliers, deals, orders, production, stock ledger,
 * invoices, payments, projects and time — realistic Kazakhstan data written through the same
 * rules the app uses (every trigger fires; stock, totals and counters are the triggers' work).
 *
 * Everything is planned first, in memory and deterministically from the seed, then written in
 * set-wise batches. `small` runs in one transaction: it is there completely or not at all.
 * `large` commits batch by batch (one transaction would hold hundreds of thousands of trigger
 * updates); until its last step the organization's settings say
 * `demoGeneration.status = "generating"`, so an interrupted run is recognisable, never mistaken
 * for a complete company.
 */
import type { SqlConnection } from '../connection'
import { type DemoProgress, DemoWriter, rowSecurityApplies } from './bulk'
import { type BomPlan, planBoms, writeBoms, writeProductionOrders } from './production'
import { DEMO_TODAY } from './calendar'
import { type CatalogPlan, planCatalog, writeCatalog } from './catalog'
import { type CrmPlan, planCustomers, planSuppliers, writeCrm } from './crm'
import { type Deal, planDeals, writeDeals } from './deals'
import { type FinancePlan, planFinance, writeInvoices, writePayments } from './finance'
import { type Movement, numberMovements, replayLedger, writeLedger } from './ledger'
import type { Order } from './orders'
import { writeOrders } from './orders'
import {
  DEMO_GENERATOR_VERSION,
  type DemoSettings,
  type OrganizationPlan,
  planOrganization,
  writeOrganization,
} from './organization'
import { VatRates } from './pricing'
import { Rng } from './random'
import { Assortment, noteCustomerOrders, planQuietSalesOrders, planSalesOrders, salesContext } from './sales'
import { type DemoScale, SCALES, type ScaleProfile, productCount } from './scale'
import { type SupplyContext, type SupplyPlan, planOpenProduction, planOpenPurchases, planSupply } from './supply'
import { type WorkPlan, planWork, writeWork } from './work'

export type { DemoProgress } from './bulk'
export type { DemoScale } from './scale'

/** The seed used when none is given: the same demo company on every terminal. */
export const DEFAULT_DEMO_SEED = 2026

/** What to generate. */
export interface DemoCompanyOptions {
  scale: DemoScale
  /** Same seed, same company (in an empty database). */
  seed?: number
  /** Called after every batch: the step, rows done and rows in the step. */
  onProgress?: (p: DemoProgress) => void
}

/** What was generated. */
export interface DemoCompanySummary {
  organizationId: string
  organizationName: string
  /** The sites, in the order Almaty (main warehouse), Karaganda (production), Astana (shop). */
  workspaceIds: string[]
  workspaces: { id: string; name: string }[]
  /** The owner's login e-mail; demo users have no password (the app signs the owner in). */
  ownerEmail: string
  scale: DemoScale
  seed: number
  /** Rows per table, including the trigger-maintained stock_balances and daily_sales. */
  counts: Record<string, number>
  /** Milliseconds per step, planning included. */
  timings: { step: string; ms: number }[]
}

/** An option the generator cannot work with. */
export class DemoOptionsError extends Error {
  override name = 'DemoOptionsError'
}

const lineCount = (orders: readonly Order[]) => orders.reduce((n, o) => n + o.lines.length, 0)

/** Generates a demo company into a migrated database (terminal PGlite or central PostgreSQL). */
export async function generateDemoCompany(conn: SqlConnection, options: DemoCompanyOptions): Promise<DemoCompanySummary> {
  const profile = SCALES[options.scale]
  if (!profile) throw new DemoOptionsError(`Unknown scale "${String(options.scale)}": use small or large`)
  const seed = options.seed ?? DEFAULT_DEMO_SEED
  if (!Number.isSafeInteger(seed) || seed < 0) throw new DemoOptionsError(`The seed must be a whole number ≥ 0, got ${seed}`)
  const progress = options.onProgress ?? (() => undefined)
  const timings: { step: string; ms: number }[] = []
  let clock = performance.now()
  const lap = (step: string) => {
    const now = performance.now()
    timings.push({ step, ms: Math.round(now - clock) })
    clock = now
  }

  // Plan -------------------------------------------------------------------------------------
  progress({ step: 'planning', done: 0, total: 1 })
  const { rows } = await conn.query<{ n: string }>('SELECT count(*)::text AS n FROM organizations')
  // a second demo in the same database gets its own BIN, numbers and e-mail addresses
  const instance = Number(rows[0]?.n ?? 0)
  const vat = await VatRates.load(conn)
  const linesFirst = !(await rowSecurityApplies(conn))
  const plan = planDemoCompany(profile, seed, instance, vat)
  const { org, catalog, boms, crm, deals, orders, supply, movements, finance, work } = plan
  lap('planning')
  progress({ step: 'planning', done: 1, total: 1 })

  // Write ------------------------------------------------------------------------------------
  const settings: DemoSettings = {
    demo: true,
    sync: { enabled: false },
    demoGeneration: { seed, scale: profile.scale, status: 'generating', version: DEMO_GENERATOR_VERSION },
  }
  const write = async (target: SqlConnection): Promise<DemoWriter> => {
    const w = new DemoWriter(target, org.id, org.owner.userId, profile.batchRows, progress)
    w.linesFirst = linesFirst
    w.vacuum = options.scale === 'large'
    await writeOrganization(w, org, settings)
    lap('organization')
    await writeCatalog(w, org, catalog, (category) => vat.on(category, DEMO_TODAY) ?? 0)
    await writeBoms(w, org, boms)
    await w.analyze(['product_categories', 'products', 'bills_of_materials', 'bom_components'])
    lap('catalog and BOMs')
    await writeCrm(w, org, crm, new Set(deals.map((d) => d.customer.id)))
    await w.analyze(['suppliers', 'customers', 'customer_contacts', 'customer_addresses'])
    lap('customers and suppliers')
    await writeDeals(w, org, deals)
    await w.analyze(['deals', 'deal_products', 'deal_activities'])
    lap('deals')
    await writeOrders(w, org, orders)
    await w.analyze(['orders', 'order_items', 'daily_sales', 'customers'])
    lap('orders')
    await writeProductionOrders(w, org, supply.productionOrders)
    await w.analyze(['production_orders'])
    lap('production orders')
    await writeLedger(w, org, supply.lots, movements)
    await w.analyze(['stock_lots', 'inventory_movements', 'stock_balances', 'products', 'order_items', 'production_orders'])
    lap('stock movements')
    await writeInvoices(w, org, finance)
    await w.analyze(['invoices', 'invoice_items', 'orders', 'customers'])
    lap('invoices')
    await writePayments(w, org, finance)
    await w.analyze(['payments', 'payment_allocations', 'invoices', 'orders', 'customers'])
    lap('payments')
    await writeWork(w, org, work)
    await w.analyze(['projects', 'tasks', 'time_entries'])
    lap('projects and time')
    await w.inWorkspace(null, (tx) =>
      tx.query(`UPDATE organizations SET settings = jsonb_set(settings, '{demoGeneration,status}', '"complete"') WHERE id = $1`, [
        org.id,
      ]),
    )
    return w
  }
  const w = options.scale === 'small' ? await conn.transaction(write) : await write(conn)

  const counts: Record<string, number> = { ...w.counts }
  const reader = new DemoWriter(conn, org.id, org.owner.userId, profile.batchRows)
  for (const table of ['stock_balances', 'daily_sales']) {
    let n = 0
    for (const site of Object.values(org.sites)) {
      n += await reader.inWorkspace(site.id, async (tx) => {
        const r = await tx.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM ${table} WHERE organization_id = $1 AND workspace_id = $2`,
          [org.id, site.id],
        )
        return Number(r.rows[0]?.n ?? 0)
      })
    }
    counts[table] = n
  }
  const sites = [org.sites.almaty, org.sites.karaganda, org.sites.astana]
  return {
    organizationId: org.id,
    organizationName: org.name,
    workspaceIds: sites.map((s) => s.id),
    workspaces: sites.map((s) => ({ id: s.id, name: s.name })),
    ownerEmail: org.owner.email,
    scale: profile.scale,
    seed,
    counts,
    timings,
  }
}

/** Everything the generator will write, planned in memory. */
export interface DemoCompanyPlan {
  org: OrganizationPlan
  catalog: CatalogPlan
  boms: BomPlan
  crm: CrmPlan
  deals: Deal[]
  /** Sales and purchase orders: exactly the profile's order lines. */
  orders: Order[]
  supply: SupplyPlan
  /** The stock ledger in time order, lots picked. */
  movements: Movement[]
  finance: FinancePlan
  work: WorkPlan
}

/**
 * Plans a demo company (no database access: VAT rates are passed in). `instance` is the number
 * of organizations already in the database, so a second demo does not collide with the first.
 */
export function planDemoCompany(profile: ScaleProfile, seed: number, instance: number, vat: VatRates): DemoCompanyPlan {
  const root = new Rng(`prometric-demo:${seed}`)
  const ids = new Rng(`prometric-demo-ids:${seed}:${instance}`)

  const org = planOrganization(root.fork('organization'), ids, profile, instance)
  const catalog = planCatalog(root.fork('catalog'), ids, profile)
  if (catalog.products.length !== productCount(profile)) throw new Error('catalog plan missed its product count')
  const boms = planBoms(root.fork('boms'), ids, catalog)
  const suppliers = planSuppliers(root.fork('suppliers'), ids, profile, org, catalog)
  const crm = planCustomers(root.fork('customers'), ids, profile, org)
  crm.suppliers = suppliers
  const assortment = new Assortment(root.fork('assortment'), catalog)
  const deals = planDeals(root.fork('deals'), ids, profile, org, crm, assortment, vat)
  const supplyContext = (name: string): SupplyContext => ({ rng: root.fork(name), ids, org, catalog, boms, suppliers, vat })
  const openProduction = planOpenProduction(supplyContext('open-production'), profile.openProductionOrders)

  // Orders that move stock, and the purchases and production behind them, take most of the
  // lines; the ratio of purchase to sales lines depends on the catalog, so it is measured and
  // the sales budget adjusted until both fit, leaving room for open and cancelled orders.
  const target = profile.orderLines
  let budget = Math.round(target * 0.45)
  let core: Order[] = []
  let supply: SupplyPlan | null = null
  for (let attempt = 0; attempt < 8; attempt++) {
    core = planSalesOrders(salesContext(root.fork('sales'), ids, org, crm, assortment, vat), deals, budget)
    supply = planSupply(supplyContext('supply'), core, openProduction)
    const used = lineCount(core) + lineCount(supply.purchaseOrders)
    if (used <= target * 0.95 && used >= target * 0.8) break
    const ratio = lineCount(supply.purchaseOrders) / Math.max(1, lineCount(core))
    budget = Math.max(1, Math.floor((target * 0.88) / (1 + ratio)))
  }
  if (!supply) throw new Error('no supply plan')
  let rest = target - lineCount(core) - lineCount(supply.purchaseOrders)
  if (rest < 0) throw new Error(`Demo plan does not fit ${target} order lines (${target - rest})`)
  const quietSales = planQuietSalesOrders(
    salesContext(root.fork('quiet-sales'), ids, org, crm, assortment, vat),
    Math.round(rest * 0.6),
  )
  rest -= lineCount(quietSales)
  const openPurchases = planOpenPurchases(supplyContext('open-purchases'), rest)
  rest -= lineCount(openPurchases)
  if (rest > 0)
    quietSales.push(...planQuietSalesOrders(salesContext(root.fork('quiet-sales-rest'), ids, org, crm, assortment, vat), rest))
  const sales = [...core, ...quietSales]
  const orders = [...sales, ...supply.purchaseOrders, ...openPurchases]
  if (lineCount(orders) !== target) throw new Error(`Demo plan has ${lineCount(orders)} order lines, not ${target}`)
  noteCustomerOrders(sales)
  const finance = planFinance(root.fork('finance'), ids, org, sales)
  const work = planWork(root.fork('work'), ids, profile, org, deals, sales, finance.invoices)
  const movements = replayLedger(root.fork('ledger'), supply.movements)
  numberMovements(ids, movements)
  return { org, catalog, boms, crm, deals, orders, supply, movements, finance, work }
}
