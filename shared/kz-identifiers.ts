/**
 * Kazakhstan's identification numbers: IIN (people) and BIN (organizations). Both are 12
 * digits whose last digit is a check digit computed with two weight sequences (mod 11).
 */

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]

/**
 * The check digit for the first 11 digits, or null when the number cannot carry one (both
 * passes give 10: such serials are never issued).
 */
export function kzCheckDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) return null
  const digits = [...first11].map(Number)
  const pass = (weights: number[]) => digits.reduce((sum, d, i) => sum + d * (weights[i] as number), 0) % 11
  const first = pass(FIRST_WEIGHTS)
  if (first !== 10) return first
  const second = pass(SECOND_WEIGHTS)
  return second === 10 ? null : second
}

/** Why a BIN or IIN is not valid, for a message that names the problem. */
export type KzIdProblem = 'format' | 'checksum' | 'date' | 'kind'

/** The result of checking a BIN or IIN. */
export type KzIdCheck = { valid: true } | { valid: false; problem: KzIdProblem }

function checksumOk(id: string): boolean {
  return kzCheckDigit(id.slice(0, 11)) === Number(id[11])
}

/**
 * Checks an IIN: 12 digits, a real birth date in the first six, a century-and-sex digit 1–6
 * in the seventh, and the check digit.
 */
export function checkIin(iin: string): KzIdCheck {
  if (!/^\d{12}$/.test(iin)) return { valid: false, problem: 'format' }
  const centuryDigit = Number(iin[6])
  if (centuryDigit < 1 || centuryDigit > 6) return { valid: false, problem: 'kind' }
  const century = [1800, 1900, 2000][Math.floor((centuryDigit - 1) / 2)] as number
  const year = century + Number(iin.slice(0, 2))
  const month = Number(iin.slice(2, 4))
  const day = Number(iin.slice(4, 6))
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { valid: false, problem: 'date' }
  }
  return checksumOk(iin) ? { valid: true } : { valid: false, problem: 'checksum' }
}

/**
 * Checks a BIN: 12 digits, year and month of registration in the first four, an entity kind
 * 4–6 (resident legal entity, non-resident, individual entrepreneur in partnership) in the
 * fifth, and the check digit.
 */
export function checkBin(bin: string): KzIdCheck {
  if (!/^\d{12}$/.test(bin)) return { valid: false, problem: 'format' }
  const month = Number(bin.slice(2, 4))
  if (month < 1 || month > 12) return { valid: false, problem: 'date' }
  if (!['4', '5', '6'].includes(bin[4] as string)) return { valid: false, problem: 'kind' }
  return checksumOk(bin) ? { valid: true } : { valid: false, problem: 'checksum' }
}

/** True for a valid IIN. */
export const isValidIin = (iin: string): boolean => checkIin(iin).valid

/** True for a valid BIN. */
export const isValidBin = (bin: string): boolean => checkBin(bin).valid

/**
 * Completes 11 digits into a valid 12-digit number, or null when no check digit exists for
 * them (the caller picks another serial). Used by the demo-data generator and by tests.
 */
export function withCheckDigit(first11: string): string | null {
  const check = kzCheckDigit(first11)
  return check === null ? null : `${first11}${check}`
}
