/**
 * Kazakhstan identifiers for the demo company, always valid and never repeated: IIN of people
 * (birth date and sex agree with the digits), BIN of organizations, EAN-13 barcodes, IBAN and
 * the banks' BIK. Check digits come from shared/ — the same code the app validates with.
 */
import { withGtinCheckDigit } from '../../shared/gtin'
import { withCheckDigit } from '../../shared/kz-identifiers'
import { type Day, dayOf, isoOf } from './calendar'
import type { Rng } from './random'

/** Person's sex as the IIN encodes it. */
export type Sex = 'male' | 'female'

/** Hands out identifiers of one kind, each at most once. */
export class IdentifierPool {
  private readonly issued = new Set<string>()

  /** Whether this value was handed out already. */
  has(value: string): boolean {
    return this.issued.has(value)
  }

  /** Takes the first candidate not handed out yet, trying up to `tries` candidates. */
  take(candidate: () => string | null, tries = 1000): string {
    for (let i = 0; i < tries; i++) {
      const value = candidate()
      if (value !== null && !this.issued.has(value)) {
        this.issued.add(value)
        return value
      }
    }
    throw new Error('IdentifierPool: no free identifier found')
  }
}

/**
 * An IIN: YYMMDD of birth, a century-and-sex digit (3/4 born in the 1900s, 5/6 in the 2000s,
 * odd for men), a 4-digit serial and the check digit.
 */
export function newIin(pool: IdentifierPool, rng: Rng, birth: Day, sex: Sex): string {
  const iso = isoOf(birth)
  const yymmdd = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`
  const century = Number(iso.slice(0, 4)) >= 2000 ? 5 : 3
  const centuryAndSex = century + (sex === 'female' ? 1 : 0)
  return pool.take(() => withCheckDigit(`${yymmdd}${centuryAndSex}${String(rng.int(0, 9999)).padStart(4, '0')}`))
}

/**
 * A BIN of a resident legal entity: YYMM of registration, 4 (resident legal entity), 0 (head
 * office), a 5-digit serial and the check digit.
 */
export function newBin(pool: IdentifierPool, rng: Rng, registered: Day): string {
  const iso = isoOf(registered)
  const yymm = `${iso.slice(2, 4)}${iso.slice(5, 7)}`
  return pool.take(() => withCheckDigit(`${yymm}40${String(rng.int(0, 99999)).padStart(5, '0')}`))
}

const FIRST_REGISTRATION = dayOf('1995-01-01')
const LAST_REGISTRATION = dayOf('2022-12-31')

/** A registration date for a company founded between 1995 and 2022. */
export function registrationDay(rng: Rng): Day {
  return rng.int(FIRST_REGISTRATION, LAST_REGISTRATION)
}

/**
 * An EAN-13: a GS1 country prefix (487 is Kazakhstan), a 4-digit company number, a 5-digit item
 * reference and the check digit. Callers give each company its own item counter, so barcodes
 * never repeat.
 */
export function ean13(countryPrefix: string, company: number, item: number): string {
  if (item > 99_999) throw new Error('ean13: a 4-digit company number has room for 100 000 items')
  return withGtinCheckDigit(`${countryPrefix}${String(company).padStart(4, '0')}${String(item).padStart(5, '0')}`)
}

/** A Kazakhstan bank: name, BIK (SWIFT) and the 3-digit bank code inside its IBANs. */
export interface KzBank {
  name: string
  bik: string
  ibanCode: string
}

/** Banks the demo's companies keep accounts in. */
export const KZ_BANKS: readonly KzBank[] = [
  { name: 'АО «Народный сберегательный банк Казахстана»', bik: 'HSBKKZKX', ibanCode: '601' },
  { name: 'АО «Kaspi Bank»', bik: 'CASPKZKA', ibanCode: '722' },
  { name: 'АО «Банк ЦентрКредит»', bik: 'KCJBKZKX', ibanCode: '856' },
  { name: 'АО «ForteBank»', bik: 'IRTYKZKA', ibanCode: '965' },
  { name: 'АО «First Heartland Jusan Bank»', bik: 'TSESKZKA', ibanCode: '998' },
  { name: 'АО «Bank RBK»', bik: 'KINCKZKA', ibanCode: '821' },
  { name: 'АО «Евразийский банк»', bik: 'EURIKZKA', ibanCode: '948' },
]

/** mod 97 of a long digit string (ISO 7064, as IBAN uses). */
function mod97(digits: string): number {
  let rest = 0
  for (let i = 0; i < digits.length; i += 7) rest = Number(`${rest}${digits.slice(i, i + 7)}`) % 97
  return rest
}

/** A KZ IBAN (20 characters) with correct check digits for an account at the bank. */
export function newIban(rng: Rng, bank: KzBank): string {
  const account = Array.from({ length: 13 }, () => rng.int(0, 9)).join('')
  const bban = `${bank.ibanCode}${account}`
  // K = 20, Z = 35; the country code and 00 go to the end for the check
  const check = 98 - mod97(`${bban}203500`)
  return `KZ${String(check).padStart(2, '0')}${bban}`
}

/** True when an IBAN's check digits are right (tests, and a guard on newIban). */
export function isValidIban(iban: string): boolean {
  const moved = `${iban.slice(4)}${iban.slice(0, 4)}`
  const digits = [...moved].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('')
  return mod97(digits) === 1
}
