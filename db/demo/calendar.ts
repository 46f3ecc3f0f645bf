/**
 * The demo company's calendar: a fixed history (not the machine's clock, so a seed gives the
 * same company on any day) that spans the VAT change of 2026-01-01, with Kazakhstan's public
 * holidays and a business that grows over time.
 */
import type { Rng } from './random'

/** A date as whole days since 1970-01-01 (UTC): cheap to compare and add. */
export type Day = number

const MS_PER_DAY = 86_400_000

/** Days of an ISO date (YYYY-MM-DD). */
export function dayOf(iso: string): Day {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY)
}

/** The ISO date (YYYY-MM-DD) of a day. */
export function isoOf(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** A TIMESTAMP literal (wall clock of Asia/Almaty, as every session uses) at a time of day. */
export function timestampOf(day: Day, hour: number, minute = 0): string {
  return `${isoOf(day)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: Day): number {
  return (new Date(day * MS_PER_DAY).getUTCDay() + 6) % 7
}

/** A running half-year number (year × 2 + half), to bucket the plant's demand. */
export function halfYearOf(day: Day): number {
  const d = new Date(day * MS_PER_DAY)
  return d.getUTCFullYear() * 2 + Math.floor(d.getUTCMonth() / 6)
}

/** The calendar year of a day. */
export function yearOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear()
}

/** A running quarter number (year × 4 + quarter), to bucket demand. */
export function quarterOf(day: Day): number {
  const d = new Date(day * MS_PER_DAY)
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3)
}

/** The first purchases: the company starts keeping its books here. */
export const HISTORY_START: Day = dayOf('2025-01-06')
/** The first sales: seven weeks after the books open, so the first goods have been bought and made. */
export const SALES_START: Day = dayOf('2025-02-24')
/** "Today" in the demo company: recent orders are still open, older ones delivered and paid. */
export const DEMO_TODAY: Day = dayOf('2026-11-20')
/** The day the 2026 Tax Code (VAT 16%) took effect. */
export const VAT_2026: Day = dayOf('2026-01-01')

// Public holidays (days off) of Kazakhstan in the demo's years, month-day.
const HOLIDAYS = new Set([
  '01-01',
  '01-02',
  '03-08',
  '03-21',
  '03-22',
  '03-23',
  '05-01',
  '05-07',
  '05-09',
  '07-06',
  '08-30',
  '10-25',
  '12-16',
])

/** False on Sundays and public holidays; offices are also closed on Saturdays. */
export function isWorkingDay(day: Day, worksSaturday = false): boolean {
  const wd = weekdayOf(day)
  if (wd === 6 || (wd === 5 && !worksSaturday)) return false
  return !HOLIDAYS.has(isoOf(day).slice(5))
}

/** The same day or the next working day. */
export function nextWorkingDay(day: Day, worksSaturday = false): Day {
  let d = day
  while (!isWorkingDay(d, worksSaturday)) d++
  return d
}

/** The same day or the previous working day. */
export function previousWorkingDay(day: Day, worksSaturday = false): Day {
  let d = day
  while (!isWorkingDay(d, worksSaturday)) d--
  return d
}

/**
 * Draws business days between two days: working days only, and more of them later in the
 * period (the business grows about 60% over the history), like a real order book.
 */
export class DayPicker {
  private readonly days: Day[] = []
  private readonly cumulative: number[] = []

  constructor(from: Day, to: Day, worksSaturday = false, growth = 0.6) {
    let sum = 0
    for (let d = from; d <= to; d++) {
      if (!isWorkingDay(d, worksSaturday)) continue
      // a busier end of quarter, a quieter first half of January and of summer
      const month = Number(isoOf(d).slice(5, 7))
      const season = month === 1 ? 0.7 : month === 7 || month === 8 ? 0.85 : month % 3 === 0 ? 1.15 : 1
      sum += (1 + (growth * (d - from)) / Math.max(1, to - from)) * season
      this.days.push(d)
      this.cumulative.push(sum)
    }
    if (this.days.length === 0) throw new Error('DayPicker: no working day in the period')
  }

  /** A working day of the period. */
  draw(rng: Rng): Day {
    const x = rng.next() * (this.cumulative.at(-1) as number)
    let lo = 0
    let hi = this.days.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.cumulative[mid] as number) > x) hi = mid
      else lo = mid + 1
    }
    return this.days[lo] as Day
  }
}
