/**
 * How big a demo company is. `small` is what the app's "create a demo company" button and the
 * tests make (a few seconds on PGlite); `large` is the benchmark company: exactly 100 000
 * products, 20 000 customers and 200 000 order lines.
 */
import type { ProductKind } from './catalog-templates'

/** The two sizes the CLI and the app know. */
export type DemoScale = 'small' | 'large'

/** Sizes of everything the generator makes. */
export interface ScaleProfile {
  scale: DemoScale
  /** Products of each kind; they add up to the product count. */
  products: Record<ProductKind, number>
  customers: number
  /** Share of customers that are companies (the rest are people). */
  companyShare: number
  suppliers: number
  employees: number
  deals: number
  /** Order lines (sales and purchase), exactly. */
  orderLines: number
  /** Production orders that are not yet finished (planned, on hold, in progress, cancelled). */
  openProductionOrders: number
  projects: number
  /** Tasks outside projects (follow-ups on customers, deals and orders). */
  looseTasks: number
  /** Rows per INSERT statement. */
  batchRows: number
}

/** The profiles by name. */
export const SCALES: Record<DemoScale, ScaleProfile> = {
  small: {
    scale: 'small',
    products: { material: 70, goods: 160, subassembly: 30, finished: 50, service: 12 },
    customers: 100,
    companyShare: 0.7,
    suppliers: 16,
    employees: 22,
    deals: 45,
    orderLines: 1000,
    openProductionOrders: 8,
    projects: 4,
    looseTasks: 25,
    batchRows: 2000,
  },
  large: {
    scale: 'large',
    products: { material: 22_000, goods: 67_500, subassembly: 2_500, finished: 6_000, service: 2_000 },
    customers: 20_000,
    companyShare: 0.6,
    suppliers: 600,
    employees: 160,
    deals: 6_000,
    orderLines: 200_000,
    openProductionOrders: 400,
    projects: 120,
    looseTasks: 2_500,
    // smaller transactions keep the row versions of often-refreshed rows (a best-selling
    // product, a key account) short-lived: measured faster than 4 000
    batchRows: 1000,
  },
}

/** Total products of a profile. */
export function productCount(profile: ScaleProfile): number {
  return Object.values(profile.products).reduce((a, b) => a + b, 0)
}
