import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLocalDatabase, pgliteConnection } from '../../db/connection'
import { migrate } from '../../db/migrator'
import { type ConstraintColumns, databaseErrorToFailure, loadConstraintColumns } from './db-errors'

// Real constraint violations from the migrated schema must reach people as typed errors that
// name the field, never as SQL text.
let db: PGlite
let constraints: ConstraintColumns
const org = '00000000-0000-0000-0000-0000000000a1'

beforeAll(async () => {
  db = await openLocalDatabase()
  await migrate(pgliteConnection(db), { target: 'local' })
  constraints = await loadConstraintColumns(db)
  await db.query(`INSERT INTO organizations (id, name, bin) VALUES ($1, 'ТОО «Альфа»', '150340001235')`, [org])
  await db.query(
    `INSERT INTO workspaces (id, organization_id, name) VALUES ('00000000-0000-0000-0000-0000000000b1', $1, 'Склад')`,
    [org],
  )
})
afterAll(async () => db.close())

async function failureOf(sql: string, params: unknown[] = [], locale: 'ru' | 'en' = 'en') {
  try {
    await db.query(sql, params)
  } catch (error) {
    return databaseErrorToFailure(error, locale, constraints)
  }
  throw new Error('the statement should have failed')
}

describe('constraint violations as typed errors', () => {
  it('a duplicate unique value is a CONFLICT naming the field', async () => {
    const failure = await failureOf(`INSERT INTO organizations (name, bin) VALUES ('Другая', '150340001235')`)
    expect(failure).toMatchObject({ code: 'CONFLICT', issues: [{ path: ['bin'] }] })
    expect(failure?.message).toBe('The value of «bin» is already used')
    expect(failure?.message).not.toMatch(/violates|constraint|INSERT/)
  })

  it('a CHECK violation is VALIDATION naming the column (looked up from the catalog)', async () => {
    const failure = await failureOf(`UPDATE organizations SET status = 'bogus' WHERE id = $1`, [org], 'ru')
    expect(failure).toMatchObject({ code: 'VALIDATION', issues: [{ path: ['status'] }] })
    expect(failure?.message).toBe('Недопустимое значение поля «status»')
  })

  it('a missing required value is VALIDATION naming the column', async () => {
    const failure = await failureOf(`INSERT INTO organizations (bin) VALUES ('150340001236')`)
    expect(failure).toMatchObject({ code: 'VALIDATION', issues: [{ path: ['name'] }] })
  })

  it('a reference to a missing record is a CONFLICT naming the reference', async () => {
    const failure = await failureOf(`INSERT INTO workspaces (organization_id, name) VALUES ($1, 'x')`, [
      '00000000-0000-0000-0000-000000000999',
    ])
    expect(failure).toMatchObject({ code: 'CONFLICT', issues: [{ path: ['organization_id'] }] })
  })

  it('a message raised by our own triggers is passed on as written', async () => {
    const failure = await failureOf(`DO $$ BEGIN RAISE EXCEPTION 'Нельзя удалить товар: он используется в заказах'; END $$`)
    expect(failure).toMatchObject({ code: 'VALIDATION', message: 'Нельзя удалить товар: он используется в заказах' })
  })

  it('errors that are not a person’s doing stay unmapped (INTERNAL)', async () => {
    let error: unknown
    try {
      await db.query('SELECT * FROM no_such_table')
    } catch (e) {
      error = e
    }
    expect(databaseErrorToFailure(error, 'en', constraints)).toBeNull()
    expect(databaseErrorToFailure(new Error('plain'), 'en', constraints)).toBeNull()
  })
})
