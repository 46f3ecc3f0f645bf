/**
 * The terminal's side of the wire: calls to central's sync API (SQL functions executed by a
 * low-privilege login role) over node-postgres. Nothing here touches the local database.
 */
import pg from 'pg'
import { SESSION_TIME_ZONE } from '../../../db/connection'

/** One change as it travels: table, row id, operation and the travelling columns. */
export interface WireChange {
  t: string
  id: string
  op: 'I' | 'U' | 'D'
  data: Record<string, unknown> | null
}

/** One local transaction as pushed. */
export interface WireTransaction {
  seq: number
  hlc: string
  changes: WireChange[]
  /** The schema version the transaction was captured under. */
  schemaVersion?: number
}

/** A change from central's changelog. */
export interface PulledChange extends WireChange {
  pos: number
  clock: string
  origin: string | null
}

/** What central says after a push. */
export interface PushResult {
  acked?: number
  rejected?: { seq: number; reason: string; detail?: string; causedBy?: number | null }[]
  conflicts?: {
    table: string
    id: string
    column: string
    kept: unknown
    lost: unknown
    keptClock: string
    lostClock: string
  }[]
  error?: 'clock_ahead' | 'schema_too_old' | 'duplicate_terminal'
  minSchemaVersion?: number
  centralTime: number
}

/** One page of the changelog. */
export interface PullResult {
  /**
   * The page's changes as JSON text (an array of {@link PulledChange}): they go straight into
   * the local database, so they are not parsed here.
   */
  changes: string
  /** How many changes, and of which tables (for the change events). */
  count: number
  tables: string[]
  cursor?: number
  more?: boolean
  error?: 'schema_too_old' | 'bootstrap_required'
  minSchemaVersion?: number
  centralTime: number
}

/** What enrollment returns. */
export interface Enrollment {
  terminalId: string
  secret: string
  organizationId: string
  workspaceId: string
  numberPrefix: string
  name: string
  /** The organization's data key (sensitive fields are encrypted under it everywhere). */
  dataKey: string
  centralTime: number
}

/** The terminal's credentials for every call. */
export interface TerminalCredentials {
  terminalId: string
  secret: string
}

/** Central's sync API as the engine uses it. */
export interface CentralApi {
  enroll(code: string, schemaVersion: number): Promise<Enrollment>
  push(
    creds: TerminalCredentials,
    batch: { schemaVersion: number; pending: number; transactions: WireTransaction[] },
  ): Promise<PushResult>
  pushChunk(
    creds: TerminalCredentials,
    chunk: { seq: number; hlc: string; part: number; changes: WireChange[]; last: boolean; schemaVersion: number },
  ): Promise<PushResult | { staged: number }>
  pull(creds: TerminalCredentials, cursor: number, maxRows: number, schemaVersion: number): Promise<PullResult>
  snapshotPosition(creds: TerminalCredentials): Promise<number>
  /**
   * One page of the snapshot of a table, rows ordered by id after `after`. The rows stay JSON
   * text (they go straight into the local database; parsing them here would cost more than
   * loading them): `count` and `last` (the last row's id) page on.
   */
  snapshotPage(
    creds: TerminalCredentials,
    table: string,
    after: string | null,
    limit: number,
  ): Promise<{ rows: string; count: number; last: string | null }>
  fetchRows(creds: TerminalCredentials, table: string, ids: string[]): Promise<Record<string, unknown>[]>
  /** Checks a person's password at head office (online sign-in). */
  verifyPassword(
    creds: TerminalCredentials,
    email: string,
    password: string,
  ): Promise<{ ok: boolean; userId?: string; status?: string }>
  /** Head-office administration of the calling terminal's organization. */
  admin: {
    terminals(creds: TerminalCredentials): Promise<Record<string, unknown>[]>
    createTerminal(
      creds: TerminalCredentials,
      t: { workspaceId: string; name: string; numberPrefix: string },
    ): Promise<{ terminalId: string; enrollmentCode: string }>
    revokeTerminal(creds: TerminalCredentials, terminalId: string): Promise<boolean>
    quarantine(creds: TerminalCredentials): Promise<Record<string, unknown>[]>
  }
  close(): Promise<void>
}

/** Central could not be reached or the connection broke: the engine retries later. */
export class CentralUnreachableError extends Error {
  override name = 'CentralUnreachableError'
}

/** Central refused the terminal's credentials or enrollment code. */
export class CentralAuthError extends Error {
  override name = 'CentralAuthError'
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])

/**
 * TLS settings for a central URL: none on loopback (trying it on one machine), otherwise TLS
 * with the server's certificate verified against the given CA bundle (the RDS bundle the app
 * ships) — never `rejectUnauthorized: false`.
 */
export function tlsFor(url: string, caBundle: string | undefined): pg.ClientConfig['ssl'] {
  const host = new URL(url).hostname
  if (LOOPBACK.has(host)) return false
  return { rejectUnauthorized: true, ...(caBundle ? { ca: caBundle } : {}), servername: host }
}

function classify(error: unknown): Error {
  const code = (error as { code?: string }).code
  if (code === '28000' || code === '28P01') return new CentralAuthError((error as Error).message)
  if (
    code === undefined ||
    /^(08|57P)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH'].includes(code)
  ) {
    return new CentralUnreachableError((error as Error).message)
  }
  return error as Error
}

/**
 * A client for one central URL (`postgres://sync-login:password@host:5432/db`). One pooled
 * connection at most: the engine makes one call at a time.
 */
export function connectCentral(url: string, options: { caBundle?: string; connectTimeoutMs?: number } = {}): CentralApi {
  const pool = new pg.Pool({
    connectionString: url,
    ssl: tlsFor(url, options.caBundle),
    max: 1,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    // A call that hangs (a half-open connection) is given up rather than blocking sync for ever.
    query_timeout: 120_000,
    options: `-c TimeZone=${SESSION_TIME_ZONE}`,
  })
  // A dropped idle connection must not crash the backend; the next call reconnects.
  pool.on('error', () => undefined)
  const callRow = async <T extends object>(sql: string, params: unknown[]): Promise<T> => {
    try {
      const { rows } = await pool.query<T>(sql, params)
      return rows[0]!
    } catch (error) {
      throw classify(error)
    }
  }
  const call = async <T>(sql: string, params: unknown[]): Promise<T> => (await callRow<{ r: T }>(sql, params)).r
  const json = (v: unknown) => JSON.stringify(v)
  return {
    enroll: (code, schemaVersion) => call<Enrollment>('SELECT sync_enroll($1, $2) AS r', [code, schemaVersion]),
    push: (c, batch) => call<PushResult>('SELECT sync_push($1, $2, $3::jsonb) AS r', [c.terminalId, c.secret, json(batch)]),
    pushChunk: (c, k) =>
      call('SELECT sync_push_chunk($1, $2, $3, $4, $5, $6::jsonb, $7, $8) AS r', [
        c.terminalId,
        c.secret,
        k.seq,
        k.hlc,
        k.part,
        json(k.changes),
        k.last,
        k.schemaVersion,
      ]),
    pull: (c, cursor, maxRows, schemaVersion) =>
      callRow<PullResult>(
        `SELECT coalesce(p -> 'changes', '[]')::text AS changes, jsonb_array_length(coalesce(p -> 'changes', '[]')) AS count,
                ARRAY(SELECT DISTINCT c ->> 't' FROM jsonb_array_elements(coalesce(p -> 'changes', '[]')) c) AS tables,
                (p ->> 'cursor')::bigint AS cursor, (p ->> 'more')::boolean AS more, p ->> 'error' AS error,
                (p ->> 'minSchemaVersion')::int AS "minSchemaVersion", (p ->> 'centralTime')::bigint AS "centralTime"
         FROM sync_pull($1, $2, $3, $4, $5) AS p`,
        [c.terminalId, c.secret, cursor, maxRows, schemaVersion],
      ).then((r) => ({
        ...r,
        count: Number(r.count),
        cursor: r.cursor === null || r.cursor === undefined ? undefined : Number(r.cursor),
        centralTime: Number(r.centralTime),
        error: r.error ?? undefined,
        more: r.more ?? undefined,
      })),
    snapshotPosition: async (c) =>
      Number(await call<string>('SELECT sync_snapshot_position($1, $2) AS r', [c.terminalId, c.secret])),
    snapshotPage: async (c, table, after, limit) => {
      const page = await callRow<{ rows: string; count: number; last: string | null }>(
        'SELECT rows, count, last FROM sync_snapshot_rows($1, $2, $3, $4, $5)',
        [c.terminalId, c.secret, table, after, limit],
      )
      return { rows: page.rows, count: Number(page.count), last: page.last }
    },
    fetchRows: (c, table, ids) =>
      call('SELECT sync_fetch_rows($1, $2, $3, $4::uuid[]) AS r', [c.terminalId, c.secret, table, ids]),
    verifyPassword: (c, email, password) =>
      call('SELECT sync_verify_password($1, $2, $3, $4) AS r', [c.terminalId, c.secret, email, password]),
    admin: {
      terminals: (c) => call('SELECT sync_admin_terminals($1, $2) AS r', [c.terminalId, c.secret]),
      createTerminal: (c, t) =>
        call('SELECT sync_admin_create_terminal($1, $2, $3, $4, $5) AS r', [
          c.terminalId,
          c.secret,
          t.workspaceId,
          t.name,
          t.numberPrefix,
        ]),
      revokeTerminal: (c, id) => call('SELECT sync_admin_revoke_terminal($1, $2, $3) AS r', [c.terminalId, c.secret, id]),
      quarantine: (c) => call('SELECT sync_admin_quarantine($1, $2) AS r', [c.terminalId, c.secret]),
    },
    close: () => pool.end(),
  }
}
