/**
 * The catalog: a category tree (group → category → leaf), products of every kind with codes
 * unique in the organization, SKUs, EAN-13 barcodes (GS1 prefix 487 is Kazakhstan; imported
 * goods carry Russia's 460–469 or China's 690–695), units, KZT prices and tax categories.
 */
import { type DemoWriter, type Row } from './bulk'
import { type Day, HISTORY_START, VAT_2026, dayOf, timestampOf } from './calendar'
import { CATEGORY_TREE, LEAVES, type LeafTemplate, PRODUCT_TYPE, type ProductKind, variantOf } from './catalog-templates'
import { ean13 } from './identifiers'
import type { OrganizationPlan } from './organization'
import type { Rng } from './random'
import type { ScaleProfile } from './scale'

/** A product category (a node of the tree). */
export interface Category {
  id: string
  code: string
  name: string
  parentId: string | null
  sortOrder: number
}

/** A product of the demo catalog. */
export interface Product {
  id: string
  code: string
  sku: string
  name: string
  kind: ProductKind
  leaf: LeafTemplate
  categoryId: string
  unit: string
  /** Current list price, KZT net of VAT. */
  price: number
  /** Current purchase or production cost, KZT. */
  cost: number
  taxCategory: 'standard' | 'medical'
  barcode: string | null
  status: 'ACTIVE' | 'INACTIVE' | 'DISCONTINUED'
  specs: Record<string, string>
  weight: number | null
  /** Bought or made from this day on (medical supplies are a line of 2026). */
  availableFrom: Day
  /** Sold from this day on: once the first deliveries are in. */
  salesFrom: Day
  /** Not sold or bought after this day (discontinued products). */
  availableTo: Day | null
  /** Stock is kept (not services). */
  tracked: boolean
  /** Lot and expiry are recorded (medical supplies). */
  lotTracked: boolean
  /** Purchases come in multiples of this. */
  pack: number
  /** Index of the supplier in the supplier list (bought products), set by the CRM plan. */
  supplier: number
  leadTimeDays: number
  productionMinutes: number
}

/** The catalog plan. */
export interface CatalogPlan {
  categories: Category[]
  products: Product[]
  byId: Map<string, Product>
  /** Products of each leaf category, in catalog order. */
  byLeaf: Map<string, Product[]>
}

const CODE_PREFIX: Record<ProductKind, string> = {
  material: 'MT',
  goods: 'TV',
  subassembly: 'PF',
  finished: 'GP',
  service: 'US',
}

// GS1 company numbers: each leaf's goods come from a few manufacturers; own products use one.
const OWN_GS1_COMPANY = 9001
const MANUFACTURERS_PER_LEAF = 12

/** A list price that looks like one: tiyn for small items, whole tenge, tens, hundreds. */
export function listPrice(value: number): number {
  if (value < 100) return Math.max(0.5, Math.round(value * 10) / 10)
  if (value < 1000) return Math.round(value)
  if (value < 10_000) return Math.round(value / 10) * 10
  return Math.round(value / 100) * 100
}

const MEDICAL_LINE_START = VAT_2026
const DISCONTINUED_AFTER = dayOf('2025-09-30')

/** Plans categories and products; manufactured products get their price from their BOM later. */
export function planCatalog(rng: Rng, ids: Rng, profile: ScaleProfile): CatalogPlan {
  const categories: Category[] = []
  const leafCategory = new Map<string, string>()
  CATEGORY_TREE.forEach(([groupCode, groupName, children], g) => {
    const groupId = ids.uuid()
    categories.push({ id: groupId, code: groupCode, name: groupName, parentId: null, sortOrder: (g + 1) * 10 })
    children.forEach(([code, name, leaves], c) => {
      const id = ids.uuid()
      categories.push({ id, code, name, parentId: groupId, sortOrder: (c + 1) * 10 })
      leaves.forEach((leafCode, l) => {
        const leaf = LEAVES.find((x) => x.code === leafCode)
        if (!leaf) throw new Error(`Category tree names an unknown leaf ${leafCode}`)
        const leafId = ids.uuid()
        categories.push({ id: leafId, code: leaf.code, name: leaf.name, parentId: id, sortOrder: (l + 1) * 10 })
        leafCategory.set(leaf.code, leafId)
      })
    })
  })

  const products: Product[] = []
  const byLeaf = new Map<string, Product[]>()
  let ownItem = 0
  const kinds: ProductKind[] = ['material', 'goods', 'subassembly', 'finished', 'service']
  for (const kind of kinds) {
    const leaves = LEAVES.filter((l) => l.kind === kind)
    const counts = apportion(
      profile.products[kind],
      leaves.map((l) => l.share),
    )
    let ofKind = 0
    leaves.forEach((leaf, li) => {
      const n = counts[li] as number
      const list: Product[] = []
      const leafIndex = LEAVES.indexOf(leaf)
      // spread the leaf's products over its combinations rather than taking the first n
      const combos = leaf.axes.reduce((k, a) => k * a.values.length, 1)
      const stride = n < combos ? coprimeStride(combos, rng) : 1
      for (let i = 0; i < n; i++) {
        const variantIndex = n < combos ? (i * stride) % combos : i
        const variant = variantOf(leaf, variantIndex)
        const kindSeq = ++ofKind
        let price = 0
        let cost = 0
        if (kind === 'goods' || kind === 'service') {
          price = listPrice(leaf.basePrice * variant.factor * rng.real(0.92, 1.08))
          cost = Math.round(price * rng.real(kind === 'service' ? 0.4 : 0.6, kind === 'service' ? 0.6 : 0.78) * 100) / 100
        } else if (kind === 'material') {
          cost = Math.round(leaf.basePrice * variant.factor * rng.real(0.92, 1.08) * 100) / 100
          price = listPrice(cost * 1.25)
        }
        let barcode: string | null = null
        if (kind === 'subassembly' || kind === 'finished') {
          barcode = ean13('487', OWN_GS1_COMPANY, ownItem++)
        } else if (kind !== 'service') {
          const maker = i % MANUFACTURERS_PER_LEAF
          const country = maker < 8 ? '487' : maker < 10 ? `46${maker}` : `69${maker - 10}`
          barcode = ean13(country, 1000 + leafIndex * MANUFACTURERS_PER_LEAF + maker, Math.floor(i / MANUFACTURERS_PER_LEAF))
        }
        const medical = leaf.taxCategory === 'medical'
        const status = rng.weighted<Product['status']>([
          ['ACTIVE', 96],
          ['INACTIVE', 2.5],
          ['DISCONTINUED', 1.5],
        ])
        const product: Product = {
          id: ids.uuid(),
          code: `${CODE_PREFIX[kind]}-${String(kindSeq).padStart(6, '0')}`,
          sku: `${leaf.code}-${String(i + 1).padStart(5, '0')}`,
          name: variant.name,
          kind,
          leaf,
          categoryId: leafCategory.get(leaf.code) as string,
          unit: leaf.unit,
          price,
          cost,
          taxCategory: medical ? 'medical' : 'standard',
          barcode,
          status,
          specs: variant.specs,
          weight: leaf.weight ? Math.round(leaf.weight * Math.sqrt(variant.factor) * 10) / 10 : null,
          availableFrom: medical ? MEDICAL_LINE_START : HISTORY_START,
          salesFrom: medical ? MEDICAL_LINE_START + 18 : HISTORY_START,
          availableTo: status === 'DISCONTINUED' ? DISCONTINUED_AFTER : null,
          tracked: kind !== 'service',
          lotTracked: medical,
          pack: leaf.pack ?? 1,
          supplier: -1,
          leadTimeDays: kind === 'finished' || kind === 'subassembly' ? rng.int(2, 7) : rng.int(3, 21),
          productionMinutes: kind === 'finished' ? rng.int(40, 480) : kind === 'subassembly' ? rng.int(10, 120) : 0,
        }
        list.push(product)
        products.push(product)
      }
      byLeaf.set(leaf.code, list)
    })
  }
  return { categories, products, byId: new Map(products.map((p) => [p.id, p])), byLeaf }
}

/** Splits a whole number by weights (largest remainders), so the parts add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (total * w) / sum)
  const parts = exact.map(Math.floor)
  let left = total - parts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left <= 0) break
    parts[i] = (parts[i] as number) + 1
    left--
  }
  return parts
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/** A step coprime with n, so i × step mod n visits every combination once. */
function coprimeStride(n: number, rng: Rng): number {
  for (let tries = 0; tries < 100; tries++) {
    const s = rng.int(Math.max(1, Math.floor(n / 3)), Math.max(1, n - 1))
    if (gcd(s, n) === 1) return s
  }
  return 1
}

/** Writes the category tree (parents first) and the products. */
export async function writeCatalog(
  w: DemoWriter,
  org: OrganizationPlan,
  catalog: CatalogPlan,
  vatRateToday: (category: string) => number,
): Promise<void> {
  const createdAt = timestampOf(HISTORY_START - 5, 10)
  const author = org.departments.purchasing.headId
  const categoryRows: Row[] = catalog.categories.map((c) => ({
    id: c.id,
    organization_id: org.id,
    workspace_id: org.sites.almaty.id,
    name: c.name,
    code: c.code,
    parent_id: c.parentId,
    sort_order: c.sortOrder,
    is_active: true,
    created_at: createdAt,
    updated_at: createdAt,
  }))
  await w.inWorkspace(null, (tx) => w.insert(tx, 'product_categories', categoryRows))

  const productRows: Row[] = catalog.products.map((p) => {
    const made = p.kind === 'finished' || p.kind === 'subassembly'
    const site = made ? org.sites.karaganda.id : org.sites.almaty.id
    const created = timestampOf(Math.max(HISTORY_START - 5, p.availableFrom - 20), 10)
    return {
      id: p.id,
      organization_id: org.id,
      workspace_id: site,
      code: p.code,
      name: p.name,
      description: description(p),
      type: PRODUCT_TYPE[p.kind],
      category_id: p.categoryId,
      unit: p.unit,
      status: p.status,
      price: p.price,
      cost: p.cost,
      currency: 'KZT',
      markup_percent: p.cost > 0 ? Math.min(999.99, Math.round((p.price / p.cost - 1) * 10_000) / 100) : 0,
      vat_rate: vatRateToday(p.taxCategory),
      vat_included: false,
      vat_exempt: false,
      tax_category: p.taxCategory,
      track_inventory: p.tracked,
      min_stock_level: p.tracked ? p.pack : 0,
      max_stock_level: p.tracked ? p.pack * 20 : 0,
      reorder_point: p.tracked ? p.pack * 3 : 0,
      reorder_quantity: p.tracked ? p.pack * 10 : 0,
      weight: p.weight,
      dimensions: p.specs['Размер'] ? { text: p.specs['Размер'], unit: 'мм' } : null,
      color: p.specs['Цвет'] ?? null,
      barcode: p.barcode,
      sku: p.sku,
      lead_time_days: p.leadTimeDays,
      production_time: p.productionMinutes,
      requires_production: made,
      specifications: p.specs,
      custom_fields: p.lotTracked ? { marking: 'lot_and_expiry' } : {},
      tags: tags(p),
      created_by: author,
      created_at: created,
      updated_at: created,
    }
  })
  await w.insertInBatches('products', 'products', productRows, () => null)
}

function description(p: Product): string | null {
  if (p.kind === 'finished') return `${p.name}. Собственное производство, Караганда. Гарантия 24 месяца.`
  if (p.kind === 'subassembly') return 'Полуфабрикат собственного производства для сборки готовых изделий.'
  if (p.lotTracked) return 'Медицинское изделие: учёт по сериям и срокам годности.'
  return null
}

function tags(p: Product): string[] {
  const t: string[] = []
  if (p.kind === 'finished' || p.kind === 'subassembly') t.push('собственное производство')
  if (p.leaf.retail) t.push('розница')
  if (p.taxCategory === 'medical') t.push('медицина')
  if (p.barcode?.startsWith('487')) t.push('сделано в Казахстане')
  return t
}
