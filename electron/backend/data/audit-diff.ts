/** A row as audited: column names (snake_case, as in the database) to JSON values. */
export type AuditRow = Record<string, unknown>

/** Columns that change on every write and say nothing about what a person did. */
const noise = new Set(['updated_at'])

/**
 * Secrets and ciphertext never go into the audit trail, only the fact that they changed
 * (employees.documents holds the encrypted IIN and passport).
 */
const hidden = new Set(['password_hash', 'encrypted_ssn', 'documents'])

function comparable(value: unknown): string {
  return JSON.stringify(value ?? null)
}

function redact(row: AuditRow | null): AuditRow | null {
  if (!row) return null
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, hidden.has(k) && v != null ? '[hidden]' : v]))
}

/**
 * What an audit row records for a create, update or delete: the old values, the new values
 * and the changes `{ column: { from, to } }`, with secrets replaced and pure-noise columns left
 * out of the changes. An update that changed nothing returns null: no audit row is written.
 */
export function auditValues(
  oldRow: AuditRow | null,
  newRow: AuditRow | null,
): { oldValues: AuditRow | null; newValues: AuditRow | null; changes: AuditRow } | null {
  const changes: AuditRow = {}
  const keys = new Set([...Object.keys(oldRow ?? {}), ...Object.keys(newRow ?? {})])
  for (const key of keys) {
    if (noise.has(key)) continue
    const from = oldRow?.[key]
    const to = newRow?.[key]
    if (oldRow && newRow && comparable(from) === comparable(to)) continue
    changes[key] = hidden.has(key)
      ? { from: from == null ? null : '[hidden]', to: to == null ? null : '[hidden]' }
      : { from: from ?? null, to: to ?? null }
  }
  if (oldRow && newRow && Object.keys(changes).length === 0) return null
  return { oldValues: redact(oldRow), newValues: redact(newRow), changes }
}

/** A drizzle row (camelCase keys) as an audit row (the database's snake_case column names). */
export function auditable(row: Record<string, unknown>): AuditRow {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]))
}
