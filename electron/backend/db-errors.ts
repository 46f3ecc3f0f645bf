import type { PGlite } from '@electric-sql/pglite'
import { RpcFailure } from '../../shared/contract'
import type { Locale } from '../../shared/locale'

/** The fields PostgreSQL (and PGlite) put on an error; all optional. */
interface PgErrorFields {
  code?: string
  constraint?: string
  column?: string
  table?: string
  detail?: string
}

/** Which columns each named constraint covers, read once from the catalog at start-up. */
export type ConstraintColumns = ReadonlyMap<string, readonly string[]>

/**
 * Reads every constraint's columns (CHECK, UNIQUE, FOREIGN KEY…), so a violation can name the
 * field even when PostgreSQL reports only the constraint (a CHECK never reports its column).
 */
export async function loadConstraintColumns(db: Pick<PGlite, 'query'>): Promise<ConstraintColumns> {
  const { rows } = await db.query<{ name: string; columns: string[] }>(`
    SELECT c.conname AS name, array_agg(a.attname::text ORDER BY k.ord) AS columns
    FROM pg_constraint c
    JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = 'public'
    CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
    GROUP BY c.conname`)
  return new Map(rows.map((r) => [r.name, r.columns]))
}

function isPgError(error: unknown): error is Error & PgErrorFields {
  return error instanceof Error && /^[0-9A-Z]{5}$/.test((error as PgErrorFields).code ?? '')
}

/** `Key (organization_id, code)=(…, A-1) already exists.` → `['organization_id', 'code']`. */
function keyColumns(detail: string | undefined): string[] {
  const match = detail?.match(/^Key \(([^)]+)\)=/)
  return match?.[1] ? match[1].split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : []
}

/** The tenant columns are never what a person got wrong. */
const scopeColumns = new Set(['organization_id', 'workspace_id'])

function fieldsOf(error: PgErrorFields, constraints?: ConstraintColumns): string[] {
  if (error.column) return [error.column]
  const fromKey = keyColumns(error.detail)
  const fromConstraint = error.constraint ? (constraints?.get(error.constraint) ?? []) : []
  const known = fromKey.length > 0 ? fromKey : fromConstraint
  const meaningful = known.filter((c) => !scopeColumns.has(c))
  return meaningful.length > 0 ? meaningful : [...known]
}

type Kind = 'duplicate' | 'reference' | 'required' | 'invalid'

const wording: Record<Locale, Record<Kind, (fields: string) => string>> = {
  ru: {
    duplicate: (f) => `Значение поля ${f} уже используется`,
    reference: (f) => `Поле ${f} ссылается на запись, которой нет или которая используется`,
    required: (f) => `Заполните поле ${f}`,
    invalid: (f) => `Недопустимое значение поля ${f}`,
  },
  kk: {
    duplicate: (f) => `${f} өрісінің мәні бұрыннан пайдаланылуда`,
    reference: (f) => `${f} өрісі жоқ немесе пайдаланылып жатқан жазбаға сілтейді`,
    required: (f) => `${f} өрісін толтырыңыз`,
    invalid: (f) => `${f} өрісінің мәні рұқсат етілмеген`,
  },
  en: {
    duplicate: (f) => `The value of ${f} is already used`,
    reference: (f) => `${f} refers to a record that does not exist or is in use`,
    required: (f) => `${f} is required`,
    invalid: (f) => `The value of ${f} is not allowed`,
  },
}

const kindOf: Record<string, { kind: Kind; code: 'CONFLICT' | 'VALIDATION' }> = {
  '23505': { kind: 'duplicate', code: 'CONFLICT' }, // unique_violation
  '23503': { kind: 'reference', code: 'CONFLICT' }, // foreign_key_violation
  '23502': { kind: 'required', code: 'VALIDATION' }, // not_null_violation
  '23514': { kind: 'invalid', code: 'VALIDATION' }, // check_violation
  '22001': { kind: 'invalid', code: 'VALIDATION' }, // string_data_right_truncation
  '22003': { kind: 'invalid', code: 'VALIDATION' }, // numeric_value_out_of_range
  '22P02': { kind: 'invalid', code: 'VALIDATION' }, // invalid_text_representation
  '22007': { kind: 'invalid', code: 'VALIDATION' }, // invalid_datetime_format
  '22008': { kind: 'invalid', code: 'VALIDATION' }, // datetime_field_overflow
}

/**
 * Turns a constraint violation into a typed failure naming the field, in the caller's
 * language, so a person never sees SQL text. A `RAISE EXCEPTION` from our own triggers
 * (P0001) carries a message written for people and is passed on. Returns null for errors that
 * are not a person's doing: they stay INTERNAL and are logged.
 */
export function databaseErrorToFailure(
  error: unknown,
  locale: Locale = 'ru',
  constraints?: ConstraintColumns,
): RpcFailure | null {
  if (!isPgError(error)) return null
  const path = fieldsOf(error, constraints)
  if (error.code === 'P0001') {
    return new RpcFailure('VALIDATION', error.message, [{ path, message: error.message, code: error.code }])
  }
  const mapped = error.code ? kindOf[error.code] : undefined
  if (!mapped) return null
  const message = wording[locale][mapped.kind](path.length > 0 ? path.map((p) => `«${p}»`).join(', ') : '—')
  return new RpcFailure(mapped.code, message, [{ path, message, code: error.code }])
}
