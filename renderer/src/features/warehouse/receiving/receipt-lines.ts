import Decimal from 'decimal.js'

/** How a received line compares with its order line. */
export type Variance =
  | { kind: 'exact' }
  | { kind: 'under'; missing: string }
  | { kind: 'over'; extra: string }
  /** Received without an order, or a product the order does not have. */
  | { kind: 'unordered' }

/**
 * Over- or under-delivery of one line: what the order asked for against what arrived before and
 * what is being received now. Decimal arithmetic: quantities are strings, never floats.
 */
export function lineVariance(ordered: string | null, receivedBefore: string, receivingNow: string): Variance {
  if (ordered === null) return { kind: 'unordered' }
  const total = new Decimal(receivedBefore || '0').plus(decimalOrZero(receivingNow))
  const diff = total.minus(ordered)
  if (diff.isZero()) return { kind: 'exact' }
  return diff.isNegative() ? { kind: 'under', missing: diff.negated().toFixed() } : { kind: 'over', extra: diff.toFixed() }
}

/** A typed quantity as a decimal, or zero while it is not a number yet. */
export function decimalOrZero(text: string): Decimal {
  try {
    return new Decimal(text.replace(',', '.').trim() || '0')
  } catch {
    return new Decimal(0)
  }
}

/** Adds `step` to a typed quantity (a scan adds one, or the count a GS1 code carries). */
export function increment(text: string, step: Decimal.Value = 1): string {
  return decimalOrZero(text).plus(step).toFixed()
}

/**
 * What is being received now per order line, over all screen lines that fill it (one line per
 * lot): an order line's over- or under-delivery counts every lot received against it.
 */
export function receivingByOrderLine(lines: readonly { orderItemId: string | null; quantity: string }[]): Map<string, string> {
  const totals = new Map<string, Decimal>()
  for (const l of lines) {
    if (!l.orderItemId) continue
    totals.set(l.orderItemId, (totals.get(l.orderItemId) ?? new Decimal(0)).plus(decimalOrZero(l.quantity)))
  }
  return new Map([...totals].map(([k, v]) => [k, v.toFixed()]))
}
