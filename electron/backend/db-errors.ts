import type { Issue } from '../../shared/contract'
import { RpcFailure } from '../../shared/contract'

/** The fields PostgreSQL (and PGlite) put on an error; all optional. */
interface PgErrorFields {
  code?: string
  constraint?: string
  column?: string
  table?: string
  detail?: string
}

function isPgError(error: unknown): error is Error & PgErrorFields {
  return (
    error instanceof Error &&
    typeof (error as PgErrorFields).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as PgErrorFields).code ?? '')
  )
}

/** `Key (code)=(A-1) already exists.` → `code`. */
function keyColumns(detail: string | undefined): string[] {
  const match = detail?.match(/^Key \(([^)]+)\)=/)
  return match?.[1] ? match[1].split(',').map((c) => c.trim()) : []
}

function fieldOf(error: PgErrorFields): string[] {
  if (error.column) return [error.column]
  const keys = keyColumns(error.detail).filter((c) => c !== 'organization_id' && c !== 'workspace_id')
  if (keys.length > 0) return keys
  return error.constraint ? [error.constraint] : []
}

/**
 * Turns a constraint violation into a typed failure naming the field, so a person never sees
 * SQL text. Returns null for errors that are not a person's doing (they stay INTERNAL).
 */
export function databaseErrorToFailure(error: unknown): RpcFailure | null {
  if (!isPgError(error)) return null
  const path = fieldOf(error)
  const issue = (message: string): Issue[] => [{ path, message, code: error.code }]
  switch (error.code) {
    case '23505': // unique_violation
      return new RpcFailure('CONFLICT', `The value of ${path.join(', ') || 'a field'} is already used.`, issue('already used'))
    case '23503': // foreign_key_violation
      return new RpcFailure(
        'CONFLICT',
        `${path.join(', ') || 'A reference'} points to a record that does not exist or is still in use.`,
        issue('reference'),
      )
    case '23502': // not_null_violation
      return new RpcFailure('VALIDATION', `${path.join(', ')} is required.`, issue('required'))
    case '23514': // check_violation
    case '22001': // string_data_right_truncation
    case '22003': // numeric_value_out_of_range
    case '22P02': // invalid_text_representation
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return new RpcFailure('VALIDATION', `${path.join(', ') || 'A value'} is not allowed.`, issue('not allowed'))
    case 'P0001': // raise_exception from our triggers: their message is written for people
      return new RpcFailure('VALIDATION', error.message, [{ path, message: error.message, code: error.code }])
    default:
      return null
  }
}
