import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PGlite } from '@electric-sql/pglite'
import { memoryLogger } from './logger'
import { withSystemLogs } from './system-log-sink'
import { migratedTerminal } from './test-support'

let db: PGlite
beforeAll(async () => {
  ;({ db } = await migratedTerminal())
})
afterAll(async () => db.close())

describe('system_logs', () => {
  it('receives warnings and errors with their stack, besides the file log; info stays in the file', async () => {
    const file = memoryLogger()
    const logger = withSystemLogs(file, db)
    logger.info('routine')
    logger.warn('disk almost full', 'C:')
    logger.error('system.info failed', new Error('boom'))
    await expect
      .poll(async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM system_logs')).rows[0]?.n)
      .toBe(2)
    const { rows } = await db.query<{ level: string; message: string; stack_trace: string | null }>(
      'SELECT level, message, stack_trace FROM system_logs ORDER BY id',
    )
    expect(rows[0]).toMatchObject({ level: 'WARN', message: 'disk almost full' })
    expect(rows[1]).toMatchObject({ level: 'ERROR', message: 'system.info failed' })
    expect(rows[1]?.stack_trace).toContain('Error: boom')
    expect(file.lines.map((l) => l.level)).toEqual(['info', 'warn', 'error'])
  })
})
