/**
 * Column builders and SQL fragments shared by the domain files of the drizzle schema. The SQL
 * in db/migrations is the source of truth; these only describe it (schema-parity.test.ts holds
 * them to it).
 */
import { sql, type SQL } from 'drizzle-orm'
import { customType, jsonb, timestamp, type PgColumn } from 'drizzle-orm/pg-core'

/**
 * A `TIMESTAMP` (without time zone) column. The database holds Asia/Almaty wall-clock time
 * (every session runs with that TimeZone), so values travel as the strings PostgreSQL prints,
 * `2026-03-01 14:05:00.123456`: drizzle's Date mode would read them as UTC and shift them by
 * five hours.
 */
export const wallClock = (name: string) => timestamp(name, { mode: 'string' })

/** `created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP`, as on every business table. */
export const createdAt = () =>
  wallClock('created_at')
    .notNull()
    .default(sql`CURRENT_TIMESTAMP`)

/**
 * `updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP`. Stamped by the set_updated_at
 * trigger (which keeps a pulled value while syncing), so application code never sets it.
 */
export const updatedAt = () =>
  wallClock('updated_at')
    .notNull()
    .default(sql`CURRENT_TIMESTAMP`)

/** `deleted_at TIMESTAMP`: soft delete; NULL while the row is live. */
export const deletedAt = () => wallClock('deleted_at')

/** A jsonb object with open keys: settings, metadata, custom fields, specifications. */
export type JsonObject = Record<string, unknown>

/** `JSONB DEFAULT '{}'::jsonb` holding a JsonObject, the migrations' usual open-ended column. */
export const jsonObject = (name: string) => jsonb(name).$type<JsonObject>().default({})

/**
 * `BYTEA` (drizzle-orm 0.45 has no builder for it). Both drivers hand it over as bytes:
 * PGlite as a Uint8Array, node-postgres as a Buffer (a Uint8Array too).
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
})

/**
 * The CHECK of a varchar column limited to its `enum` values: `status IN ('a', 'b')`, written
 * as the migrations write it, so the TypeScript union and the constraint come from one list.
 */
export function oneOf(column: PgColumn): SQL {
  // In the extra-config callback drizzle hands over copies of the columns whose enumValues
  // field is left unset at run time; their (protected) builder config still holds the list.
  const values = column.enumValues ?? (column as unknown as { config: { enumValues?: string[] } }).config.enumValues
  if (!values?.length) throw new Error(`Column ${column.name} has no enum values to check`)
  return sql.raw(`${column.name} IN (${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`)
}
