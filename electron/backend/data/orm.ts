import type { PGlite } from '@electric-sql/pglite'
import { type PgliteDatabase, drizzle } from 'drizzle-orm/pglite'
import * as schema from '../../../db/schema'

/** The typed database of the terminal. */
export type Orm = PgliteDatabase<typeof schema>

/** A transaction of {@link Orm}. */
export type Tx = Parameters<Parameters<Orm['transaction']>[0]>[0]

/**
 * A database handle or a transaction: data-access functions take this as their first argument
 * and never reach for a global handle (PGlite has one connection: a query on the global handle
 * inside a transaction would wait for ever).
 */
export type DbOrTx = Orm | Tx

/** Wraps the backend's PGlite with the typed schema. */
export function createOrm(db: PGlite): Orm {
  return drizzle(db, { schema })
}

export { schema }
