/**
 * Prices and VAT on the demo's documents. The VAT rate of a line is the database's own rule,
 * vat_rate_on(tax category, date) over tax_rates — read once for every day of the history,
 * so the generator applies exactly what the app will (12% until 2025-12-31, 16% from
 * 2026-01-01, medical 5% in 2026). List prices went up twice over the history.
 */
import type { SqlConnection } from '../connection'
import { DEMO_TODAY, type Day, HISTORY_START, dayOf, isoOf } from './calendar'
import type { Product } from './catalog'

/** VAT rates by tax category and day, as vat_rate_on() gives them. */
export class VatRates {
  private constructor(private readonly rates: Map<string, number | null>) {}

  /** Reads vat_rate_on() for every day of the demo's history and every tax category. */
  static async load(conn: SqlConnection): Promise<VatRates> {
    const { rows } = await conn.query<{ day: string; category: string; rate: string | null }>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day, c AS category, vat_rate_on(c, d::date)::text AS rate
         FROM generate_series($1::date, $2::date, interval '1 day') AS d,
              unnest(ARRAY['standard', 'medical', 'exempt']) AS c`,
      [isoOf(HISTORY_START - 400), isoOf(DEMO_TODAY + 120)],
    )
    return new VatRates(new Map(rows.map((r) => [`${r.category}|${r.day}`, r.rate === null ? null : Number(r.rate)])))
  }

  /** The rate on a day, or null where the database defines none (medical goods before 2026). */
  on(category: string, day: Day): number | null {
    const rate = this.rates.get(`${category}|${isoOf(day)}`)
    if (rate === undefined) throw new Error(`No VAT rate looked up for ${category} on ${isoOf(day)}`)
    return rate
  }

  /**
   * The rate of a document line. The generator never sells or buys a product on a day its
   * category has no rate (medical supplies start in 2026), so a missing rate is a bug here.
   */
  lineRate(product: Product, day: Day): number {
    const rate = this.on(product.taxCategory, day)
    if (rate === null)
      throw new Error(
        `vat_rate_on('${product.taxCategory}', ${isoOf(day)}) is NULL: ${product.name} cannot be on a line that day`,
      )
    return rate
  }
}

const FIRST_INCREASE = dayOf('2025-07-01')
const SECOND_INCREASE = dayOf('2026-01-01')

/** Share of today's list price that applied on a day (prices rose mid-2025 and with the 2026 Tax Code). */
export function priceIndex(day: Day): number {
  return day < FIRST_INCREASE ? 0.9 : day < SECOND_INCREASE ? 0.95 : 1
}

/** Rounds to tiyn. */
export function tiyn(value: number): number {
  return Math.round(value * 100) / 100
}

/** The net price a company pays on a day. */
export function wholesalePrice(product: Product, day: Day): number {
  return tiyn(product.price * priceIndex(day))
}

/** The shop's price with VAT on a day, rounded to whole tenge (tens above 1 000 ₸), as on a price tag. */
export function retailPrice(product: Product, day: Day, vatPercent: number): number {
  const gross = product.price * priceIndex(day) * 1.08 * (1 + vatPercent / 100)
  return gross < 1000 ? Math.max(1, Math.round(gross)) : Math.round(gross / 10) * 10
}

/** What the company pays its supplier (net) on a day. */
export function purchasePrice(product: Product, day: Day): number {
  return tiyn(product.cost * priceIndex(day))
}
