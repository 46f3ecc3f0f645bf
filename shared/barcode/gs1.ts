/**
 * GS1 element strings as a keyboard-wedge scanner delivers them from GS1-128, GS1 DataMatrix,
 * GS1 QR and GS1 DataBar, and the classification of any scan (plain GTIN, GS1, SSCC, text).
 *
 * A wedge types the symbol's data: optionally an AIM symbology identifier first (`]C1`,
 * `]d2`, `]Q3`, `]e0`), then application identifiers (AIs) with their values. FNC1 between a
 * variable-length value and the next AI arrives as ASCII 29 (GS) — or, on wedges that cannot
 * type it, as a substitute string configured on the scanner (e.g. `~` or a function key that
 * the renderer maps back). Kazakhstan's product marking codes are GS1 DataMatrix:
 * `01<GTIN-14>21<serial>GS91<key>GS92<crypto>` or the short `01<GTIN-14>21<serial>GS93<crypto>`.
 */
import { gtinCheckDigit, gtinKind, type GtinKind } from '../gtin'

/** The group separator (ASCII 29) that stands for FNC1 inside a GS1 element string. */
export const GS = '\u001d'

/** AIM symbology identifiers whose data is a GS1 element string. */
const gs1SymbologyIds = new Set([']C1', ']d2', ']Q3', ']e0', ']J1'])

/** The kinds of problem a GS1 element string can have; the UI words each one. */
export const gs1ErrorCodes = [
  /** Nothing after the symbology identifier. */
  'empty',
  /** The digits at `position` are not an application identifier we know. */
  'unknownAi',
  /** The element ends before its fixed length is complete. */
  'truncated',
  /** A variable-length value is longer than its AI allows (often: the scanner dropped GS). */
  'tooLong',
  /** A variable-length element with no value. */
  'emptyValue',
  /** A character that the AI does not allow (letters in a numeric AI, outside GS1's set 82). */
  'invalidCharacters',
  /** A GTIN or SSCC with a wrong check digit. */
  'checkDigit',
  /** A YYMMDD value that is not a date. */
  'invalidDate',
  /** A measure AI (31nn–36nn) with more than 5 decimals. */
  'invalidDecimals',
  /** The same AI twice with different values. */
  'conflictingAi',
] as const

/** One of {@link gs1ErrorCodes}. */
export type Gs1ErrorCode = (typeof gs1ErrorCodes)[number]

/**
 * What is wrong and where: the AI concerned (null when the AI itself cannot be read) and the
 * index in the element string (after any symbology identifier, GS counted as one character)
 * where that element starts.
 */
export interface Gs1ParseError {
  code: Gs1ErrorCode
  ai: string | null
  position: number
}

/** One element of a GS1 element string: the AI, its value, and where it starts. */
export interface Gs1Element {
  ai: string
  value: string
  position: number
}

/** A parsed GS1 element string. */
export interface Gs1Parsed {
  /** The AIM symbology identifier the scanner sent (`]d2`), or null. */
  symbologyId: string | null
  /** The element string without the identifier, FNC1 as GS (ASCII 29): what a movement records. */
  data: string
  elements: Gs1Element[]
}

/** How to read a scan. */
export interface Gs1Options {
  /**
   * The string the wedge types instead of GS (configured on the scanner), e.g. `~` or `<GS>`.
   * Each occurrence is read as GS.
   */
  gsSubstitute?: string
  /**
   * The day the two-digit years of dates are read against (GS1 General Specifications 7.12:
   * within 49 years ahead, otherwise the past century). Defaults to today.
   */
  today?: Date
}

type Charset = 'numeric' | 'cset82'

interface AiSpec {
  charset: Charset
  /** Fixed length of the value; otherwise `max` applies and the value ends at GS or the end. */
  length?: number
  max?: number
  /** One of the AIs whose length GS1 predefines: the next AI follows without FNC1. */
  predefined?: boolean
  gtinCheck?: boolean
  date?: boolean
  /** Measures: the AI's 4th digit tells the decimals. */
  decimals?: boolean
}

const fixed = (length: number, extra: Partial<AiSpec> = {}): AiSpec => ({ charset: 'numeric', length, ...extra })
const variable = (max: number, charset: Charset = 'cset82'): AiSpec => ({ charset, max })

/**
 * The AIs we read. GS1 AIs are prefix-free, so a 2-digit key never shadows a 3- or 4-digit one.
 * The 2-digit prefixes with predefined length (00–04, 11–20, 31–36, 41) need no FNC1 after them.
 */
const aiTable: Record<string, AiSpec> = {
  '00': fixed(18, { predefined: true, gtinCheck: true }),
  '01': fixed(14, { predefined: true, gtinCheck: true }),
  '02': fixed(14, { predefined: true, gtinCheck: true }),
  '03': fixed(14, { predefined: true }),
  '10': variable(20),
  '11': fixed(6, { predefined: true, date: true }),
  '12': fixed(6, { predefined: true, date: true }),
  '13': fixed(6, { predefined: true, date: true }),
  '15': fixed(6, { predefined: true, date: true }),
  '16': fixed(6, { predefined: true, date: true }),
  '17': fixed(6, { predefined: true, date: true }),
  '20': fixed(2, { predefined: true }),
  '21': variable(20),
  '22': variable(20),
  '240': variable(30),
  '241': variable(30),
  '250': variable(30),
  '251': variable(30),
  '30': variable(8, 'numeric'),
  '37': variable(8, 'numeric'),
  '400': variable(30),
  '401': variable(30),
  '402': fixed(17, { gtinCheck: true }),
  '403': variable(30),
  '420': variable(20),
  '422': fixed(3),
  '7003': fixed(10),
  '8005': fixed(6),
  '90': variable(30),
  '91': variable(90),
  '92': variable(90),
  '93': variable(90),
  '94': variable(90),
  '95': variable(90),
  '96': variable(90),
  '97': variable(90),
  '98': variable(90),
  '99': variable(90),
}
for (let n = 410; n <= 417; n++) aiTable[String(n)] = fixed(13, { predefined: true, gtinCheck: true })

/** 31nn–36nn: measures, 6 digits, the 4th digit of the AI is the number of decimals. */
const measureSpec: AiSpec = fixed(6, { predefined: true, decimals: true })

function specFor(data: string, at: number): { ai: string; spec: AiSpec } | null {
  for (const len of [2, 3, 4]) {
    const ai = data.slice(at, at + len)
    if (ai.length < len || !/^\d+$/.test(ai)) return null
    if (aiTable[ai]) return { ai, spec: aiTable[ai] }
    if (len === 4 && /^3[1-6]\d\d$/.test(ai)) return { ai, spec: measureSpec }
  }
  return null
}

// GS1 character set 82: what alphanumeric AIs may hold (General Specifications 7.11, figure 7.11-1).
const cset82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/

/** Strips an AIM symbology identifier: `]` + a letter + a modifier character. */
export function splitSymbologyId(raw: string): { symbologyId: string | null; rest: string } {
  const match = /^\][A-Za-z][0-9A-Za-z]/.exec(raw)
  return match ? { symbologyId: match[0], rest: raw.slice(3) } : { symbologyId: null, rest: raw }
}

/** Reads every occurrence of the wedge's GS substitute as GS. */
export function restoreGs(text: string, gsSubstitute?: string): string {
  return gsSubstitute ? text.split(gsSubstitute).join(GS) : text
}

/**
 * The human-readable form `(01)04601234567893(10)ABC`: the brackets delimit every element,
 * so each variable value gets its GS. Returns null when the text is not in that form.
 */
function fromBracketed(text: string): string | null {
  if (!/^(\(\d{2,4}\)[^()]*)+$/.test(text)) return null
  const parts = [...text.matchAll(/\((\d{2,4})\)([^()]*)/g)]
  return parts
    .map(([, ai = '', value = ''], i) => {
      const spec = specFor(ai, 0)
      const last = i === parts.length - 1
      return `${ai}${value}${last || spec?.spec.predefined ? '' : GS}`
    })
    .join('')
}

function stripLeadingGs(text: string): string {
  let start = 0
  while (text[start] === GS) start++
  return text.slice(start)
}

type ParseResult = { ok: true; value: Gs1Parsed } | { ok: false; error: Gs1ParseError }

/**
 * Parses a GS1 element string as typed by a wedge: optional symbology identifier, optional
 * leading FNC1, AIs with fixed or GS-terminated values, or the bracketed human-readable form.
 * Checks check digits, dates, lengths and characters; the first problem is returned, naming
 * the AI and its position.
 */
export function parseGs1(raw: string, options: Gs1Options = {}): ParseResult {
  const { symbologyId, rest } = splitSymbologyId(raw)
  let data = restoreGs(rest, options.gsSubstitute)
  // Some wedges transmit the leading FNC1 (the one that marks GS1) as GS; it carries no data.
  data = stripLeadingGs(data)
  // Scanners configured with a suffix may add CR/LF; they are never part of GS1 data.
  data = data.replace(/[\r\n]+$/, '')
  data = fromBracketed(data) ?? data
  const failure = (code: Gs1ErrorCode, ai: string | null, position: number): ParseResult => ({
    ok: false,
    error: { code, ai, position },
  })
  if (data.length === 0) return failure('empty', null, 0)

  const elements: Gs1Element[] = []
  let at = 0
  while (at < data.length) {
    if (data[at] === GS) {
      at++ // a doubled or trailing separator is harmless
      continue
    }
    const position = at
    const found = specFor(data, at)
    if (!found) return failure('unknownAi', null, position)
    const { ai, spec } = found
    const start = at + ai.length
    let value: string
    if (spec.length !== undefined) {
      value = data.slice(start, start + spec.length)
      if (value.length < spec.length || value.includes(GS)) return failure('truncated', ai, position)
      at = start + spec.length
    } else {
      const end = data.indexOf(GS, start)
      value = data.slice(start, end === -1 ? data.length : end)
      if (value.length === 0) return failure('emptyValue', ai, position)
      if (value.length > (spec.max ?? 0)) return failure('tooLong', ai, position)
      at = end === -1 ? data.length : end + 1
    }
    if (spec.charset === 'numeric' ? !/^\d+$/.test(value) : !cset82.test(value)) {
      return failure('invalidCharacters', ai, position)
    }
    if (spec.gtinCheck && gtinCheckDigit(value.slice(0, -1)) !== Number(value.at(-1))) {
      return failure('checkDigit', ai, position)
    }
    if (spec.date && gs1Date(value, options.today ?? new Date()) === null) {
      return failure('invalidDate', ai, position)
    }
    if (spec.decimals && Number(ai[3]) > 5) return failure('invalidDecimals', ai, position)
    const earlier = elements.find((e) => e.ai === ai)
    if (earlier && earlier.value !== value) return failure('conflictingAi', ai, position)
    if (!earlier) elements.push({ ai, value, position })
  }
  return { ok: true, value: { symbologyId, data, elements } }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * A GS1 YYMMDD date as ISO `YYYY-MM-DD`, or null when it is not a date. The century follows
 * GS1's rule (General Specifications 7.12): a year up to 49 years ahead of today's is this
 * century, further ahead is the last one, more than 50 years back is the next one. Day 00
 * means the last day of the month.
 */
export function gs1Date(yymmdd: string, today: Date = new Date()): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null
  const yy = Number(yymmdd.slice(0, 2))
  const month = Number(yymmdd.slice(2, 4))
  let day = Number(yymmdd.slice(4, 6))
  const current = today.getUTCFullYear()
  const diff = yy - (current % 100)
  let century = current - (current % 100)
  if (diff >= 51) century -= 100
  else if (diff <= -50) century += 100
  const year = century + yy
  if (month < 1 || month > 12) return null
  const last = daysInMonth(year, month)
  if (day === 0) day = last
  if (day > last) return null
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** A measure value (31nn–36nn) as a decimal string: `001250` with 3 decimals is `1.250`. */
export function gs1Measure(ai: string, value: string): string {
  const decimals = Number(ai[3])
  const digits = value.replace(/^0+(?=\d)/, '')
  if (decimals === 0) return digits
  const padded = digits.padStart(decimals + 1, '0')
  return `${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`
}

/** A GTIN of any length (8, 12, 13 or 14 digits) as GTIN-14: left-padded with zeros. */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, '0')
}

/**
 * The forms one GTIN-14 can be printed in, longest first: GTIN-14 itself, then EAN-13,
 * UPC-A and EAN-8 where its leading zeros allow. A catalog stores the printed form, so a
 * lookup tries each.
 */
export function gtinForms(gtin14: string): string[] {
  const forms = [gtin14]
  for (const length of [13, 12, 8]) {
    if (/^0+$/.test(gtin14.slice(0, 14 - length))) forms.push(gtin14.slice(14 - length))
  }
  return forms
}

/** What the GS1 elements of a scan say, by meaning. */
export interface Gs1Fields {
  /** AI 01, as GTIN-14. */
  gtin?: string
  /** AI 02: the GTIN of the trade items a logistic unit contains. */
  contentGtin?: string
  /** AI 00. */
  sscc?: string
  /** AI 10: batch or lot. */
  lot?: string
  /** AI 21. */
  serial?: string
  /** AI 11, ISO date. */
  productionDate?: string
  /** AI 13, ISO date. */
  packagingDate?: string
  /** AI 15, ISO date. */
  bestBefore?: string
  /** AI 17, ISO date. */
  expiry?: string
  /** AI 30 (variable count) or, failing it, AI 37 (count of trade items in a logistic unit). */
  quantity?: number
  /** AI 310n, kilograms as a decimal string. */
  netWeightKg?: string
  /**
   * The whole element string (FNC1 as GS) when it is a serialized item with a verification
   * tail (AI 01 + 21 + 92 or 93): Kazakhstan's product marking code, kept whole for the
   * movement record.
   */
  markingCode?: string
}

/** What a scan is. */
export type ScanClassification =
  | {
      kind: 'gtin'
      /** GTIN-14. */
      gtin: string
      /** The digits as printed under the bars (EAN-13, EAN-8, UPC-A or GTIN-14). */
      printed: string
      symbology: GtinKind
    }
  | ({ kind: 'gs1'; symbologyId: string | null; data: string; elements: Gs1Element[] } & Gs1Fields)
  | { kind: 'sscc'; sscc: string; symbologyId: string | null; elements: Gs1Element[] }
  /** Looked like GS1 but is not valid: the UI names the element from `error`. */
  | { kind: 'invalid'; raw: string; error: Gs1ParseError }
  /** A product code, SKU or any other plain code (Code 128, Code 39, QR with text). */
  | { kind: 'text'; code: string }

/** The meaningful fields of parsed GS1 elements. */
export function gs1Fields(parsed: Gs1Parsed, today: Date = new Date()): Gs1Fields {
  const out: Gs1Fields = {}
  const value = (ai: string) => parsed.elements.find((e) => e.ai === ai)?.value
  const date = (ai: string) => {
    const v = value(ai)
    return v === undefined ? undefined : (gs1Date(v, today) ?? undefined)
  }
  const set = <K extends keyof Gs1Fields>(key: K, v: Gs1Fields[K] | undefined) => {
    if (v !== undefined) out[key] = v
  }
  set('gtin', value('01'))
  set('contentGtin', value('02'))
  set('sscc', value('00'))
  set('lot', value('10'))
  set('serial', value('21'))
  set('productionDate', date('11'))
  set('packagingDate', date('13'))
  set('bestBefore', date('15'))
  set('expiry', date('17'))
  const count = value('30') ?? value('37')
  set('quantity', count === undefined ? undefined : Number(count))
  const weight = parsed.elements.find((e) => /^310\d$/.test(e.ai))
  set('netWeightKg', weight ? gs1Measure(weight.ai, weight.value) : undefined)
  if (out.gtin && out.serial && (value('92') !== undefined || value('93') !== undefined)) out.markingCode = parsed.data
  return out
}

/**
 * Decides whether a scan is GS1 without a symbology identifier: a GS inside, the bracketed
 * form, AI 01 (or 00) followed by another AI we know, or AI 01 alone with a valid GTIN. A
 * wrong check digit inside such a string is then reported, not taken for a product code.
 */
function looksLikeGs1(text: string): boolean {
  if (/^\(\d{2,4}\)/.test(text)) return true
  if (text.includes(GS) && /^\d{2}/.test(text)) return true
  if (/^01\d{14}$/.test(text)) return gtinKind(text.slice(2)) !== null
  if (/^01\d{14}./.test(text)) return specFor(text, 16) !== null
  if (/^00\d{18}$/.test(text)) return gtinCheckDigit(text.slice(2, 19)) === Number(text[19])
  if (/^00\d{18}./.test(text)) return specFor(text, 20) !== null
  return false
}

/**
 * Classifies what a scanner (or a person) typed: a plain GTIN (EAN-8, UPC-A, EAN-13, GTIN-14
 * with a valid check digit), a GS1 element string (its fields by meaning), an SSCC alone, a
 * GS1-looking string with a problem, or plain text (a product code).
 */
export function classifyScan(raw: string, options: Gs1Options = {}): ScanClassification {
  const { symbologyId, rest } = splitSymbologyId(raw)
  const text = restoreGs(rest, options.gsSubstitute).replace(/[\r\n]+$/, '')
  const isGs1 = (symbologyId !== null && gs1SymbologyIds.has(symbologyId)) || looksLikeGs1(stripLeadingGs(text))
  if (isGs1) {
    const parsed = parseGs1(raw, options)
    if (!parsed.ok) return { kind: 'invalid', raw, error: parsed.error }
    const { elements } = parsed.value
    const [only] = elements
    if (elements.length === 1 && only?.ai === '00') {
      return { kind: 'sscc', sscc: only.value, symbologyId: parsed.value.symbologyId, elements }
    }
    return { kind: 'gs1', ...parsed.value, ...gs1Fields(parsed.value, options.today) }
  }
  const code = text.trim()
  const symbology = gtinKind(code)
  if (symbology) return { kind: 'gtin', gtin: toGtin14(code), printed: code, symbology }
  return { kind: 'text', code }
}
