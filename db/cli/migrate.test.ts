import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { migrations } from '../migrations'
import { openCentral } from '../test/engines'
import { runMigrateCommand } from './migrate'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-migrate-cli-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('npm run db:migrate', () => {
  it('migrates a fresh PostgreSQL 14 database by URL, then finds nothing to do', async () => {
    const central = await openCentral({ migrated: false })
    try {
      const server = inject('centralServer')
      const url = `postgres://${server.user}:${server.password}@${server.host}:${server.port}/${central.database}`
      const first = await runMigrateCommand(['--url', url])
      expect(first).toMatchObject({ code: 0, err: [] })
      const centralVersion = Math.max(...migrations.filter((m) => m.target !== 'local').map((m) => Number(m.name.slice(0, 4))))
      expect(first.out.at(-1)).toBe(`Schema version: ${centralVersion}`)
      const applied = await central.conn.query<{ n: string }>('SELECT count(*)::text AS n FROM schema_migrations')
      expect(applied.rows[0]?.n).toBe(String(migrations.filter((m) => m.target !== 'local').length))
      const tables = await central.conn.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('products','orders','inventory_movements','audit_logs')`,
      )
      expect(tables.rows[0]?.n).toBe('4')
      expect(await runMigrateCommand(['--url', url])).toMatchObject({ code: 0, out: ['Nothing to apply.', expect.any(String)] })
    } finally {
      await central.close()
    }
  })

  it('migrates a terminal data folder', async () => {
    const dir = path.join(root, 'terminal')
    const outcome = await runMigrateCommand(['--dir', dir])
    expect(outcome.code).toBe(0)
    expect(outcome.out[0]).toMatch(/^Applied \d+ migration/)
    expect((await runMigrateCommand(['--dir', dir])).out[0]).toBe('Nothing to apply.')
  })

  it('says clearly what is wrong with the arguments or the target', async () => {
    expect(await runMigrateCommand([])).toMatchObject({
      code: 2,
      err: [expect.stringContaining('exactly one of --url or --dir'), expect.any(String)],
    })
    expect(await runMigrateCommand(['--url', 'x', '--dir', 'y'])).toMatchObject({ code: 2 })
    expect(await runMigrateCommand(['--bogus'])).toMatchObject({ code: 2 })
    const unreachable = await runMigrateCommand(['--url', 'postgres://nobody:x@127.0.0.1:1/none'])
    expect(unreachable).toMatchObject({ code: 1, err: [expect.stringContaining('cannot connect')] })
  })
})
