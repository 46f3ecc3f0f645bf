/**
 * GTIN check digits (EAN-13, EAN-8, UPC-A, GTIN-14): weights 3 and 1 alternating from the
 * right, the check digit making the sum a multiple of 10.
 */

/** The check digit for a GTIN body (all digits but the last). */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Error('A GTIN body is digits only')
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i])
    sum += digit * (i % 2 === 0 ? 3 : 1)
  }
  return (10 - (sum % 10)) % 10
}

/** Barcode symbologies whose numbers carry a GTIN check digit. */
export type GtinKind = 'EAN-8' | 'UPC-A' | 'EAN-13' | 'GTIN-14'

const kindByLength: Record<number, GtinKind> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13', 14: 'GTIN-14' }

/** The kind of a well-formed GTIN with a correct check digit, or null. */
export function gtinKind(code: string): GtinKind | null {
  const kind = kindByLength[code.length]
  if (!kind || !/^\d+$/.test(code)) return null
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1)) ? kind : null
}

/** True for a valid EAN-8, UPC-A, EAN-13 or GTIN-14. */
export const isValidGtin = (code: string): boolean => gtinKind(code) !== null

/** Completes a body into a full GTIN by appending its check digit. */
export function withGtinCheckDigit(body: string): string {
  return `${body}${gtinCheckDigit(body)}`
}
