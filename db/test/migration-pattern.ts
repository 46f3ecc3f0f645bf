/**
 * The pattern for testing a risky migration N: migrate to N−1, insert rows as the old schema
 * had them, migrate to N, assert what became of them. Use it for every migration that moves
 * or reinterprets data.
 */
import { expect } from 'vitest'
import type { SqlConnection } from '../connection'
import { migrate, type DatabaseTarget } from '../migrator'
import { migrations } from '../migrations/index'

export interface MigrationScenario<State> {
  target: DatabaseTarget
  /** the migration under test (its NNNN number) */
  version: number
  /** runs on the schema at version − 1; returns what `after` needs (ids, expected values) */
  before(conn: SqlConnection): Promise<State>
  /** runs once `version` is applied */
  after(conn: SqlConnection, state: State): Promise<void>
}

/** Runs a scenario on an empty database (the connection must not be migrated yet). */
export async function runMigrationScenario<State>(conn: SqlConnection, scenario: MigrationScenario<State>): Promise<void> {
  await migrate(conn, { target: scenario.target, upTo: scenario.version - 1 })
  const state = await scenario.before(conn)
  const result = await migrate(conn, { target: scenario.target, upTo: scenario.version })
  const name = migrations.find((m) => m.name.startsWith(String(scenario.version).padStart(4, '0') + '_'))?.name
  expect(result.applied).toEqual([name])
  await scenario.after(conn, state)
}
