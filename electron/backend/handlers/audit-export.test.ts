import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, createTenant } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { sessionOf } from '../test-support'
import { csvCell } from './audit'
import { type Backend, startBackend } from '../start-backend'

let backend: Backend
let a: Tenant
let b: Tenant
const as = (tenant: Tenant, role: 'owner' | 'employee' = 'owner'): CallContext => ({
  connection: { ...newConnection(), locale: 'en', session: sessionOf(tenant, role, `${role}@example.kz`) },
  origin: 'test',
})

beforeAll(async () => {
  backend = await startBackend()
  const conn = pgliteConnection(backend.db)
  a = await createTenant(conn, 'ТОО А')
  b = await createTenant(conn, 'ТОО Б')
  for (const [t, name] of [
    [a, 'Цех "Север", 1'],
    [b, 'Чужой цех'],
  ] as const) {
    expect(await backend.dispatch('admin.departments.create', { name }, as(t))).toMatchObject({ ok: true })
  }
  expect(await backend.dispatch('admin.departments.create', { name: '=HYPERLINK("x")' }, as(a))).toMatchObject({ ok: true })
})
afterAll(async () => backend.close())

describe('audit.export', () => {
  it('gives the organization’s filtered trail as CSV, quoted and safe for spreadsheets, and records the EXPORT', async () => {
    const result = await backend.dispatch('audit.export', { action: 'CREATE', entityType: 'department' }, as(a))
    if (!result.ok) throw new Error(result.error.message)
    const { csv, rows, truncated } = result.value as { csv: string; rows: number; truncated: boolean }
    expect(rows).toBe(2)
    expect(truncated).toBe(false)
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe('timestamp,action,entity_type,entity_id,user_email,source,changes')
    expect(lines).toHaveLength(3)
    // The change as JSON in one quoted cell (its quotes doubled), and nothing of the other organization.
    expect(csv).toContain('""name"":{""to"":""Цех \\""Север\\"", 1""')
    expect(csv).not.toContain('Чужой цех')
    const exports = await backend.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_logs WHERE action = 'EXPORT' AND organization_id = $1`,
      [a.organizationId],
    )
    expect(exports.rows[0]!.n).toBe(1)
  })

  it('writes cells a spreadsheet would run as a formula as plain text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('-1+2')).toBe("'-1+2")
    expect(csvCell('Алматы; склад')).toBe('"Алматы; склад"')
    expect(csvCell(null)).toBe('')
  })

  it('is refused without audit.read', async () => {
    expect(await backend.dispatch('audit.export', {}, as(a, 'employee'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})
