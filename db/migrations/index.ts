import type { MigrationSource } from '../migrator'

/** All migrations in order. */
export const migrations: MigrationSource[] = []
