import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { openLocalDatabase, pgliteConnection } from '../connection'
import { migrate } from '../migrator'
import { openCentral } from '../test/engines'
import { silentLogger } from '../../electron/backend/logger'
import { memoryVault } from '../../electron/backend/secrets/vault'
import { connectCentral } from '../../electron/backend/sync/central-client'
import { createSyncEngine } from '../../electron/backend/sync/engine'
import { SCHEMA_VERSION } from '../../electron/backend/sync/test-support'
import { issueTerminal, runCentralCommand, setUpCentralDatabase, terminalUrl } from './central'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-central-cli-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/

/** Roles belong to the whole test server: each test names its own. */
const uniqueRole = () => `prometric_terminal_${randomBytes(4).toString('hex')}`

describe('npm run central: setting up a central database', () => {
  it('migrates, writes the demo company once, creates the terminal login and a code a terminal enrolls with', async () => {
    const central = await openCentral({ migrated: false })
    const server = inject('centralServer')
    const role = uniqueRole()
    const password = randomBytes(12).toString('hex')
    const local = await openLocalDatabase()
    try {
      const setup = await setUpCentralDatabase(central.conn, { terminalRole: role, terminalPassword: password })
      expect(setup).toMatchObject({ demoCreated: true, ownerEmail: expect.stringContaining('@'), terminal: { prefix: 'T1' } })
      expect(setup.terminal.enrollmentCode).toMatch(CODE)
      const ws = await central.conn.query<{ type: string; demo: string }>(
        `SELECT w.type, o.settings ->> 'demo' AS demo FROM workspaces w JOIN organizations o ON o.id = w.organization_id WHERE w.id = $1`,
        [setup.terminal.workspaceId],
      )
      expect(ws.rows).toEqual([{ type: 'main', demo: 'true' }])
      // The login is a member of prometric_sync and nothing else, and cannot read a table.
      const member = await central.conn.query<{ roles: string[]; super: boolean; login: boolean }>(
        `SELECT array(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid) AS roles,
                r.rolsuper AS super, r.rolcanlogin AS login
         FROM pg_roles r WHERE r.rolname = $1`,
        [role],
      )
      expect(member.rows).toEqual([{ roles: ['prometric_sync'], super: false, login: true }])
      const url = terminalUrl({ role, password, host: server.host, port: server.port, database: central.database })
      const asTerminal = new pg.Client({ connectionString: url })
      await asTerminal.connect()
      await expect(asTerminal.query('SELECT 1 FROM products LIMIT 1')).rejects.toThrow(/permission denied/)
      await asTerminal.end()

      // Started again: no second company; the terminal nobody enrolled gets a fresh code.
      const again = await setUpCentralDatabase(central.conn, { terminalRole: role, terminalPassword: password })
      expect(again).toMatchObject({
        demoCreated: false,
        ownerEmail: null,
        terminal: { terminalId: setup.terminal.terminalId, prefix: 'T1' },
      })
      expect(again.terminal.enrollmentCode).not.toBe(setup.terminal.enrollmentCode)
      expect((await central.conn.query('SELECT 1 FROM organizations')).rows).toHaveLength(1)

      // The old code died with the reissue; the new one enrolls a real terminal through the login.
      await migrate(pgliteConnection(local), { target: 'local' })
      const engine = createSyncEngine({
        db: local,
        vault: memoryVault(),
        logger: silentLogger,
        connect: (u) => connectCentral(u),
        schemaVersion: SCHEMA_VERSION,
      })
      await expect(engine.enroll({ centralUrl: url, code: setup.terminal.enrollmentCode })).rejects.toThrow(
        /unknown, used or expired/,
      )
      const enrolled = await engine.enroll({ centralUrl: url, code: again.terminal.enrollmentCode })
      expect(enrolled).toEqual({ organizationId: again.terminal.organizationId, workspaceId: again.terminal.workspaceId })
      expect((await local.query('SELECT 1 FROM workspaces')).rows.length).toBeGreaterThan(0)
      await engine.stop()

      // That terminal is taken now: the next code is for a new one with the next prefix.
      const next = await issueTerminal(central.conn)
      expect(next).toMatchObject({ prefix: 'T2', workspaceId: setup.terminal.workspaceId })
      expect(next.terminalId).not.toBe(setup.terminal.terminalId)
    } finally {
      await local.close()
      await central.close()
    }
  })

  it('enroll-code prints a code for a chosen or the main workspace, and says clearly what is wrong', async () => {
    const central = await openCentral()
    const server = inject('centralServer')
    try {
      const ownerUrl = `postgres://${server.user}:${server.password}@${server.host}:${server.port}/${central.database}`
      expect(await runCentralCommand(['enroll-code', '--url', ownerUrl])).toMatchObject({
        code: 1,
        err: ['central: the database has no organization with a workspace yet.'],
      })
      await setUpCentralDatabase(central.conn, { terminalRole: uniqueRole(), terminalPassword: 'x'.repeat(16) })
      const { rows } = await central.conn.query<{ id: string; name: string }>(
        `SELECT id, name FROM workspaces WHERE type = 'branch' LIMIT 1`,
      )
      const branch = rows[0]!
      const chosen = await runCentralCommand(['enroll-code', '--url', ownerUrl, '--workspace', branch.id])
      expect(chosen).toMatchObject({ code: 0, err: [] })
      expect(chosen.out[0]).toMatch(
        new RegExp(`^Enrollment code: ${CODE.source.slice(1, -1)} {2}\\(terminal T2, workspace «${branch.name}»`),
      )
      const terminals = await central.conn.query<{ workspace_id: string }>(
        'SELECT workspace_id FROM sync_terminals ORDER BY number_prefix',
      )
      expect(terminals.rows.map((t) => t.workspace_id)).toContain(branch.id)

      // The nightly work: partitions ahead, changelog past retention purged, summary refreshed.
      const changelog = async () =>
        (await central.conn.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_changelog')).rows[0]!.n
      expect(await changelog()).toBeGreaterThan(0)
      await central.conn.query(`UPDATE sync_transactions SET committed_at = now() - interval '100 days'`)
      const maintained = await runCentralCommand(['maintain', '--url', ownerUrl])
      expect(maintained).toMatchObject({ code: 0, err: [] })
      expect(JSON.parse(maintained.out[0]!)).toMatchObject({
        auditPartitionsCreated: expect.any(Number),
        changelogPurgedThrough: expect.any(Number),
      })
      expect((await central.conn.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_changelog')).rows[0]!.n).toBe(0)

      const unknown = '00000000-0000-4000-8000-000000000000'
      const cases: [string[], number, RegExp][] = [
        [
          ['enroll-code', '--url', ownerUrl, '--workspace', unknown],
          1,
          /^central: unknown workspace 0{8}-.*; the workspaces are: /,
        ],
        [['enroll-code', '--url', ownerUrl, '--workspace', 'main'], 1, /workspace id \(a UUID\), not "main"/],
        [['enroll-code', '--url', 'not a url'], 2, /--url is a postgres:\/\/ URL/],
        [['enroll-code', '--url', 'http://example.kz/db'], 2, /not a http one/],
        [['enroll-code', '--url', 'postgres://nobody:x@127.0.0.1:1/none'], 1, /cannot connect to 127\.0\.0\.1:1: /],
        [['enroll-code', '--data', path.join(root, 'none')], 1, /no local central in .*none: start one with npm run central/],
        [['enroll-code', '--port', '5'], 2, /--port does not apply/],
        [['start'], 2, /unknown subcommand "start"; there are enroll-code and maintain/],
        [['maintain', '--workspace', unknown], 2, /maintain takes --url or --data only/],
        [['--port', 'many'], 2, /--port is a whole number/],
        [['--workspace', unknown], 2, /--workspace applies to enroll-code and maintain only/],
        [['--colour'], 2, /Unknown option/],
      ]
      for (const [argv, code, message] of cases) {
        const outcome = await runCentralCommand(argv)
        expect(outcome.code, argv.join(' ')).toBe(code)
        expect(outcome.err[0], argv.join(' ')).toMatch(message)
      }
      const migrated = await openCentral({ migrated: false })
      try {
        const bare = `postgres://${server.user}:${server.password}@${server.host}:${server.port}/${migrated.database}`
        expect(await runCentralCommand(['enroll-code', '--url', bare])).toMatchObject({
          code: 1,
          err: [expect.stringContaining('has no sync schema: migrate it first')],
        })
      } finally {
        await migrated.close()
      }
    } finally {
      await central.close()
    }
  })

  it('refuses a port that is in use, or a folder PostgreSQL cannot reach, before starting anything', async () => {
    const busy = net.createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const port = (busy.address() as net.AddressInfo).port
    try {
      const dataDir = path.join(root, 'busy')
      const outcome = await runCentralCommand(['--data', dataDir, '--port', String(port)])
      expect(outcome).toMatchObject({
        code: 1,
        err: [`central: port ${port} is in use (another central or PostgreSQL?): choose another with --port.`],
      })
      expect(outcome.server).toBeUndefined()
      expect(fs.existsSync(dataDir)).toBe(false)
    } finally {
      busy.close()
    }
    // Only as root does PostgreSQL run as another user (postgres) that must enter the folder.
    if (process.getuid?.() === 0) {
      const hidden = await runCentralCommand(['--data', path.join(root, 'hidden', 'central'), '--port', '0'])
      expect(hidden).toMatchObject({
        code: 1,
        err: [expect.stringMatching(/^central: PostgreSQL runs as the user postgres, which cannot enter /)],
      })
    }
  })
})

describe('npm run central: the real local server', () => {
  it('starts PostgreSQL 14 in its data folder, finds it for enroll-code, stops, and keeps its data for the next start', async () => {
    // PostgreSQL runs as the user postgres when the tests run as root: it must reach the folder.
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-central-real-'))
    fs.chmodSync(parent, 0o777)
    const dataDir = path.join(parent, 'central')
    const first = await runCentralCommand(['--data', dataDir, '--port', '0'])
    expect(first.err).toEqual([])
    const server = first.server!
    try {
      const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, 'central-credentials.json'), 'utf8'))
      expect(fs.statSync(path.join(dataDir, 'central-credentials.json')).mode & 0o777).toBe(0o600)
      expect(server.terminalUrl).toBe(
        `postgres://prometric_terminal:${credentials.terminalPassword}@127.0.0.1:${server.port}/prometric`,
      )
      // The terminal password appears in the URL lines only; the owner's never.
      const printed = first.out.join('\n')
      expect(printed).toContain(`Central URL for terminals: ${server.terminalUrl}`)
      expect(first.out.filter((l) => l.includes(credentials.terminalPassword)).every((l) => l.includes(server.terminalUrl))).toBe(
        true,
      )
      expect(printed).not.toContain(credentials.ownerPassword)
      expect(printed).toContain(`--code ${server.setup.terminal.enrollmentCode}`)
      expect(server.setup).toMatchObject({ demoCreated: true, terminal: { prefix: 'T1' } })

      const more = await runCentralCommand(['enroll-code', '--data', dataDir])
      expect(more).toMatchObject({
        code: 0,
        out: [expect.stringMatching(/terminal T1, workspace/), `Central URL for terminals: ${server.terminalUrl}`],
      })
      const asTerminal = new pg.Client({ connectionString: server.terminalUrl })
      await asTerminal.connect()
      await expect(asTerminal.query('SELECT 1 FROM sync_terminals')).rejects.toThrow(/permission denied/)
      await asTerminal.end()
    } finally {
      await server.stop()
    }
    expect(await runCentralCommand(['enroll-code', '--data', dataDir])).toMatchObject({
      code: 1,
      err: [expect.stringContaining('is npm run central running?')],
    })
    const second = await runCentralCommand(['--data', dataDir, '--port', '0'])
    try {
      expect(second.err).toEqual([])
      expect(second.server!.setup).toMatchObject({ demoCreated: false, terminal: { prefix: 'T1' } })
    } finally {
      await second.server?.stop()
      fs.rmSync(parent, { recursive: true, force: true })
    }
  }, 120_000)
})
