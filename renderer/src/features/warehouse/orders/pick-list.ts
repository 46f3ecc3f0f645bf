import Decimal from 'decimal.js'
import type { MethodOutput } from '../../../../../shared/contract'
import { decimalOrZero } from '../receiving/receipt-lines'

/** One line of a sales order as the pick list shows it. */
export type OrderLine = MethodOutput<'shipping.order'>['lines'][number]

/** What may still be picked on a line now: left to ship, and no more than is reserved for it. */
export function pickable(line: OrderLine): Decimal {
  const left = new Decimal(line.ordered).minus(line.shipped)
  return Decimal.max(Decimal.min(left, line.reserved), 0)
}

/** What a pick scan did. */
export type PickResult =
  | { kind: 'picked'; orderItemId: string; quantity: string; complete: boolean }
  | { kind: 'wrongProduct' }
  | { kind: 'tooMany'; orderItemId: string; limit: string }

/**
 * Confirms one scanned unit against the pick list: the first line of that product (by barcode,
 * GTIN-14 form or code) that still has something to pick takes it. A product not on the order is
 * a wrong pick; one more than the line may ship is refused, and the picked quantity stays.
 */
export function pickScan(
  lines: readonly OrderLine[],
  picks: Readonly<Record<string, string>>,
  code: string,
  step = 1,
): PickResult {
  const matches = lines.filter((l) => sameCode(l, code))
  if (matches.length === 0) return { kind: 'wrongProduct' }
  for (const line of matches) {
    const after = decimalOrZero(picks[line.orderItemId] ?? '0').plus(step)
    const limit = pickable(line)
    if (after.lte(limit))
      return { kind: 'picked', orderItemId: line.orderItemId, quantity: after.toFixed(), complete: after.eq(limit) }
  }
  const last = matches[matches.length - 1]!
  return { kind: 'tooMany', orderItemId: last.orderItemId, limit: pickable(last).toFixed() }
}

/** True when a scanned code names the line's product: its barcode (also as GTIN-14) or its code. */
function sameCode(line: OrderLine, code: string): boolean {
  if (line.code === code) return true
  if (!line.barcode) return false
  return line.barcode === code || line.barcode.padStart(14, '0') === code.padStart(14, '0')
}

/** True when every line with something to pick has been picked in full. */
export function allPicked(lines: readonly OrderLine[], picks: Readonly<Record<string, string>>): boolean {
  return lines.every((l) => decimalOrZero(picks[l.orderItemId] ?? '0').eq(pickable(l)))
}
