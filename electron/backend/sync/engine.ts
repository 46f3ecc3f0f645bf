/**
 * The sync engine of one terminal: enrollment and bootstrap, push of the outbox, pull of the
 * changelog, and the schedule that runs them. Local work goes through PGlite in short
 * transactions (a pull page, a push acknowledgement), so the UI is never blocked for long.
 */
import fs from 'node:fs'
import type { PGlite, Transaction } from '@electric-sql/pglite'
import { syncTable, syncTables } from '../../../db/sync/scope'
import type { EventBus } from '../event-bus'
import type { Logger } from '../logger'
import { type SecretVault, dataKeyName } from '../secrets/vault'
import type { OutboxJournal } from './journal'
import {
  type CentralApi,
  CentralAuthError,
  CentralUnreachableError,
  type PushResult,
  type TerminalCredentials,
  type WireChange,
  type WireTransaction,
} from './central-client'

/** Vault entries of an enrolled terminal. */
export const SYNC_SECRET = 'sync-terminal-secret'
export const SYNC_CENTRAL_URL = 'sync-central-url'

/** Sizes that keep each local transaction short (about 100 ms of PGlite work). */
export const SYNC_LIMITS = {
  pullPageRows: 500,
  pushBatchRows: 2_000,
  pushChunkRows: 5_000,
  snapshotPageRows: 2_000,
}

/** What the sync engine reports (the status bar and the Sync page). */
export interface SyncStatus {
  enrolled: boolean
  state: 'offline' | 'idle' | 'syncing' | 'error' | 'standalone'
  pending: number
  quarantined: number
  conflicts: number
  lastSyncAt: string | null
  lastError: string | null
  cursor: number
  terminalId: string | null
  centralUrl: string | null
}

/** The outcome of one full cycle. */
export interface SyncCycle {
  pushed: number
  rejected: number
  pulled: number
  /** True when nothing was left to push or pull. */
  drained: boolean
}

/** Raised for conditions a person must act on (update the app, re-enroll, fix the clock). */
export class SyncStoppedError extends Error {
  override name = 'SyncStoppedError'
  constructor(
    readonly reason: 'schema_too_old' | 'duplicate_terminal' | 'revoked' | 'not_enrolled',
    message: string,
  ) {
    super(message)
  }
}

export interface SyncEngineDeps {
  db: PGlite
  vault: SecretVault
  events?: EventBus
  logger: Logger
  /** Opens a client for a central URL (a fake in tests). */
  connect: (url: string) => CentralApi
  schemaVersion: number
  now?: () => number
  /** The outbox journal, trimmed as central acknowledges. */
  journal?: OutboxJournal
  /**
   * Where the terminal's identity (not its secret) is kept beside the database, so a database
   * that was lost or would not open can be rebuilt from head office.
   */
  identityFile?: string
}

/** Who this terminal is, kept outside the database (the secret stays in the vault). */
export interface TerminalIdentity {
  terminalId: string
  centralUrl: string
  organizationId: string
  workspaceId: string
  numberPrefix: string
}

interface StateRow {
  terminal_id: string
  central_url: string
  organization_id: string
  workspace_id: string
  pull_cursor: string
  last_sync_at: string | null
  last_error: string | null
  bootstrap: BootstrapProgress | null
}

interface BootstrapProgress {
  position: number
  table: string
  after: string | null
  page: number
  fetched: number
}

/** The public face of the engine. */
export interface SyncEngine {
  /** Exchanges an enrollment code, loads the snapshot, and leaves the terminal enrolled. */
  enroll(input: {
    centralUrl: string
    code: string
    terminalUrl?: string
  }): Promise<{ organizationId: string; workspaceId: string }>
  /** One full cycle: push everything, then pull everything. */
  syncOnce(): Promise<SyncCycle>
  status(): Promise<SyncStatus>
  /** Checks a password at head office; null when central cannot be reached. */
  verifyPasswordOnline(email: string, password: string): Promise<{ ok: boolean; userId?: string } | null>
  /** Starts syncing on a schedule (at once, then periodically; backoff with jitter on failure). */
  start(options?: { intervalMs?: number }): void
  /** Asks for a cycle now (after a local write, or the person's "sync now"). */
  kick(): void
  stop(): Promise<void>
  /** Drops a quarantined transaction and re-fetches the rows it touched from central. */
  discard(txSeq: number): Promise<void>
  /**
   * Rebuilds a lost database of an enrolled terminal from head office: the identity from beside
   * the database, the secret from the vault, the snapshot from central. The caller replays the
   * journal afterwards.
   */
  rebuild(identity: TerminalIdentity, ackedMark: number): Promise<void>
  /** Runs one call to head office with this terminal's credentials (administration pages). */
  withCentral<T>(fn: (api: CentralApi, creds: TerminalCredentials) => Promise<T>): Promise<T>
}

/** Writes the identity file durably (it is what makes a rebuild possible). */
export function writeIdentity(file: string, identity: TerminalIdentity): void {
  const next = `${file}.next`
  fs.writeFileSync(next, JSON.stringify(identity, null, 2), { mode: 0o600 })
  const fd = fs.openSync(next, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(next, file)
}

/** Reads the identity file, or null when there is none (never enrolled). */
export function readIdentity(file: string): TerminalIdentity | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TerminalIdentity
  } catch {
    return null
  }
}

function hlcOf(clock: string): string {
  return clock.slice(0, 20).replace(/^0+(?=\d)/, '')
}

/** Creates the engine; nothing runs until `enroll`, `syncOnce` or `start` is called. */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { db, vault, logger } = deps
  const now = deps.now ?? Date.now
  let central: CentralApi | null = null
  let centralFor: string | null = null
  let running: Promise<SyncCycle> | null = null
  let timer: NodeJS.Timeout | null = null
  let stopped = true
  let failures = 0
  let state: SyncStatus['state'] = 'idle'
  let intervalMs = 30_000

  const readState = async (): Promise<StateRow | null> =>
    (
      await db.query<StateRow>(
        'SELECT terminal_id, central_url, organization_id, workspace_id, pull_cursor::text, last_sync_at::text, last_error, bootstrap FROM sync_state',
      )
    ).rows[0] ?? null

  const clientFor = async (): Promise<{ api: CentralApi; creds: TerminalCredentials; state: StateRow }> => {
    const row = await readState()
    if (!row) throw new SyncStoppedError('not_enrolled', 'This terminal is not enrolled with head office.')
    const [secret, url] = await Promise.all([vault.get(SYNC_SECRET), vault.get(SYNC_CENTRAL_URL)])
    if (!secret || !url)
      throw new SyncStoppedError('not_enrolled', 'The terminal’s sync credentials are missing: enroll it again.')
    if (!central || centralFor !== url) {
      await central?.close().catch(() => undefined)
      central = deps.connect(url)
      centralFor = url
    }
    return { api: central, creds: { terminalId: row.terminal_id, secret }, state: row }
  }

  const emitStatus = async () => {
    if (!deps.events) return
    const s = await status().catch(() => null)
    if (s) deps.events.emit('sync.status', { state: s.state, pending: s.pending, lastSyncAt: s.lastSyncAt })
  }

  /** Keeps our HLC near central's time; warns when the PC clock is off by more than 2 minutes. */
  const learnCentralTime = async (centralTime: number) => {
    const offset = centralTime - now()
    if (Math.abs(offset) > 120_000) {
      await db.query('UPDATE sync_state SET clock_offset_ms = $1', [offset])
      deps.events?.emit('system.notice', {
        level: 'warning',
        code: 'clock',
        message: `The computer's clock is off by ${Math.round(offset / 60_000)} min compared to head office.`,
      })
    } else {
      await db.query('UPDATE sync_state SET clock_offset_ms = 0 WHERE clock_offset_ms <> 0')
    }
  }

  // ---------------------------------------------------------------------------------------
  // Push
  // ---------------------------------------------------------------------------------------

  interface OutboxTx {
    seq: number
    hlc: string
    changes: WireChange[]
    schemaVersion: number
  }

  const readOutbox = async (maxRows: number): Promise<OutboxTx[]> => {
    // A transaction too large for one call comes alone (it travels in chunks): the batch stops
    // before it, so it is never sent whole with others.
    const { rows } = await db.query<{ tx_seq: string; hlc: string; changes: WireChange[]; n: number }>(
      `WITH txs AS (
         SELECT tx_seq, count(*) AS n, sum(count(*)) OVER (ORDER BY tx_seq) AS running,
                row_number() OVER (ORDER BY tx_seq) AS k
         FROM sync_outbox GROUP BY tx_seq),
       large AS (SELECT min(tx_seq) AS tx_seq FROM txs WHERE n > $2 AND k > 1)
       SELECT o.tx_seq::text, max(o.hlc)::text AS hlc,
              jsonb_agg(jsonb_build_object('t', o.table_name, 'id', o.row_id, 'op', o.op, 'data', o.data) ORDER BY o.seq) AS changes,
              count(*)::int AS n
       FROM sync_outbox o JOIN txs ON txs.tx_seq = o.tx_seq
       WHERE txs.running - txs.n < $1 AND txs.tx_seq < coalesce((SELECT tx_seq FROM large), 9223372036854775807)
       GROUP BY o.tx_seq ORDER BY o.tx_seq`,
      [maxRows, SYNC_LIMITS.pushChunkRows],
    )
    const versions = (
      await db.query<{ upto: string; v: number }>(
        'SELECT tx_seq_upto::text AS upto, schema_version AS v FROM sync_outbox_version ORDER BY 1',
      )
    ).rows
    // The version a transaction was captured under: the first versioned range that holds it.
    const versionOf = (seq: number) => versions.find((v) => seq <= Number(v.upto))?.v ?? deps.schemaVersion
    return rows.map((r) => ({
      seq: Number(r.tx_seq),
      hlc: r.hlc,
      changes: r.changes,
      schemaVersion: versionOf(Number(r.tx_seq)),
    }))
  }

  /** Row keys and inserted ids of quarantined transactions (→ their tx): what later ones may depend on. */
  const quarantinedKeys = async () => {
    const { rows } = await db.query<{ k: string; inserted: boolean; id: string; tx_seq: string }>(
      `SELECT (c ->> 't') || ':' || (c ->> 'id') AS k, c ->> 'op' = 'I' AS inserted, c ->> 'id' AS id, q.tx_seq::text
       FROM sync_quarantine q CROSS JOIN LATERAL jsonb_array_elements(q.changes) c`,
    )
    return {
      rows: new Map(rows.map((r) => [r.k, Number(r.tx_seq)])),
      ids: new Map(rows.filter((r) => r.inserted).map((r) => [r.id, Number(r.tx_seq)])),
    }
  }

  /** The quarantined transaction `tx` builds on (touches its rows or names a row it inserted), if any. */
  const dependency = (tx: OutboxTx, keys: Awaited<ReturnType<typeof quarantinedKeys>>): number | null => {
    for (const c of tx.changes) {
      const direct = keys.rows.get(`${c.t}:${c.id}`)
      if (direct !== undefined) return direct
      for (const v of Object.values(c.data ?? {})) {
        const named = typeof v === 'string' ? keys.ids.get(v) : undefined
        if (named !== undefined) return named
      }
    }
    return null
  }

  /** Moves transactions into the local quarantine (they leave the outbox). */
  const quarantine = async (
    tx: Transaction,
    items: { seq: number; reason: string; detail?: string | null; causedBy?: number | null }[],
  ) => {
    for (const item of items) {
      await tx.query(
        `INSERT INTO sync_quarantine (tx_seq, hlc, reason, detail, caused_by, changes)
         SELECT $1, max(hlc), $2, $3, $4,
                jsonb_agg(jsonb_build_object('t', table_name, 'id', row_id, 'op', op, 'data', data) ORDER BY seq)
         FROM sync_outbox WHERE tx_seq = $1 HAVING count(*) > 0
         ON CONFLICT (tx_seq) DO NOTHING`,
        [item.seq, item.reason, item.detail ?? null, item.causedBy ?? null],
      )
      await tx.query('DELETE FROM sync_outbox WHERE tx_seq = $1', [item.seq])
    }
  }

  const restampAfterClockFix = async (centralTime: number) => {
    const offset = centralTime - now()
    await db.transaction(async (tx) => {
      await tx.query('UPDATE sync_state SET clock_offset_ms = $1', [offset])
      // The refused clocks never reached anyone: give the pending transactions fresh ones, in order.
      await tx.query(
        `WITH base AS (SELECT (($1::bigint) * 65536) AS b),
              r AS (SELECT tx_seq, row_number() OVER (ORDER BY tx_seq) AS rn FROM (SELECT DISTINCT tx_seq FROM sync_outbox) d)
         UPDATE sync_outbox o SET hlc = base.b + r.rn FROM r, base WHERE o.tx_seq = r.tx_seq`,
        [centralTime],
      )
      await tx.query(`UPDATE sync_state SET hlc = ($1::bigint) * 65536 + (SELECT count(DISTINCT tx_seq) FROM sync_outbox) + 1`, [
        centralTime,
      ])
    })
    deps.events?.emit('system.notice', {
      level: 'warning',
      code: 'clock',
      message: `The computer's clock is ahead of head office by ${Math.round(-offset / 60_000)} min: set the correct time.`,
    })
  }

  const handlePushErrors = (result: PushResult) => {
    if (result.error === 'schema_too_old')
      throw new SyncStoppedError('schema_too_old', 'Head office needs a newer version of the app: update this terminal.')
    if (result.error === 'duplicate_terminal')
      throw new SyncStoppedError(
        'duplicate_terminal',
        'Another computer is using this terminal’s identity (a copied data folder): enroll this terminal again.',
      )
  }

  const acknowledge = async (result: PushResult, sent: OutboxTx[]) => {
    const acked = result.acked ?? 0
    await db.transaction(async (tx) => {
      await quarantine(tx, result.rejected ?? [])
      await tx.query('DELETE FROM sync_outbox WHERE tx_seq <= $1', [acked])
      for (const c of result.conflicts ?? []) {
        await tx.query(
          `INSERT INTO sync_conflicts (id, table_name, row_id, column_name, kept_value, lost_value, kept_hlc, lost_hlc,
                                       lost_terminal_id, detected_at)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, (SELECT terminal_id FROM sync_state), now())`,
          [
            c.table,
            c.id,
            c.column,
            JSON.stringify(c.kept ?? null),
            JSON.stringify(c.lost ?? null),
            hlcOf(c.keptClock),
            hlcOf(c.lostClock),
          ],
        )
      }
      await tx.query('UPDATE sync_state SET acked_seq = greatest(acked_seq, $1), last_push_at = now()', [acked])
      await tx.query('DELETE FROM sync_outbox_version WHERE tx_seq_upto <= $1', [acked])
    })
    // Only after the local commit: if we die before it, the journal still has them.
    deps.journal?.trim(acked)
    return sent.filter((t) => t.seq <= acked).length
  }

  /**
   * Puts the rows of refused transactions back to head office's state (a row head office does
   * not have is removed), so the local database agrees with central again and pulls cannot clash
   * with refused rows. What the person entered stays in the quarantine, to fix or discard.
   */
  const revertToCentral = async (api: CentralApi, creds: TerminalCredentials, changes: WireChange[], cause: number | null) => {
    const byTable = new Map<string, Set<string>>()
    for (const c of changes) {
      if (syncTable(c.t)?.direction !== 'both') continue
      byTable.set(c.t, (byTable.get(c.t) ?? new Set()).add(c.id))
    }
    if (byTable.size === 0) return
    const page: (WireChange & { clock: string })[] = []
    for (const [table, idSet] of byTable) {
      const ids = [...idSet]
      const images = await api.fetchRows(creds, table, ids)
      const found = new Set(images.map((r) => String(r.id)))
      for (const id of ids) if (!found.has(id)) page.push({ t: table, id, op: 'D', data: null, clock: '0' })
      for (const r of images) page.push({ t: table, id: String(r.id), op: 'U', data: r, clock: '0' })
    }
    await db.transaction(async (tx) => {
      // Later local transactions that touch these rows build on the refused ones: they join
      // them in the quarantine rather than being pushed (or lost).
      const later = await tx.query<{ tx_seq: string }>(
        `SELECT DISTINCT o.tx_seq::text FROM sync_outbox o JOIN jsonb_array_elements($1::jsonb) c
           ON o.table_name = c ->> 't' AND o.row_id = (c ->> 'id')::uuid`,
        [JSON.stringify(page)],
      )
      await quarantine(
        tx,
        later.rows.map((r) => ({
          seq: Number(r.tx_seq),
          reason: 'depends',
          detail: 'depends on a refused transaction',
          causedBy: cause,
        })),
      )
      await tx.query(`SELECT set_config('prometric.sync_revert', 'on', true)`)
      await tx.query('SELECT sync_apply_pulled($1::jsonb)', [JSON.stringify(page)])
    })
    deps.events?.emit('data.changed', { tables: [...byTable.keys()], origin: 'sync' })
  }

  const pushAll = async (api: CentralApi, creds: TerminalCredentials): Promise<{ pushed: number; rejected: number }> => {
    let pushed = 0
    let rejected = 0
    for (let round = 0; round < 10_000; round++) {
      const batch = await readOutbox(SYNC_LIMITS.pushBatchRows)
      if (batch.length === 0) break
      // Transactions that build on a quarantined one stay here with it: sending them would only
      // be refused.
      const keys = await quarantinedKeys()
      const blocked = keys.rows.size === 0 ? [] : batch.map((t) => ({ t, on: dependency(t, keys) })).filter((b) => b.on !== null)
      if (blocked.length > 0) {
        await db.transaction((tx) =>
          quarantine(
            tx,
            blocked.map((b) => ({ seq: b.t.seq, reason: 'depends', detail: 'depends on a refused transaction', causedBy: b.on })),
          ),
        )
        rejected += blocked.length
        await revertToCentral(
          api,
          creds,
          blocked.flatMap((b) => b.t.changes),
          blocked[0]!.on,
        )
        continue
      }
      const pending = Number(
        (await db.query<{ n: number }>('SELECT count(DISTINCT tx_seq)::int AS n FROM sync_outbox')).rows[0]?.n ?? 0,
      )
      const first = batch[0]!
      let result: PushResult
      if (first.changes.length > SYNC_LIMITS.pushChunkRows) {
        // A large transaction (an import) travels in chunks that central stages and commits as one.
        const parts = Math.ceil(first.changes.length / SYNC_LIMITS.pushChunkRows)
        let last: unknown = null
        for (let part = 0; part < parts; part++) {
          last = await api.pushChunk(creds, {
            seq: first.seq,
            hlc: first.hlc,
            part,
            changes: first.changes.slice(part * SYNC_LIMITS.pushChunkRows, (part + 1) * SYNC_LIMITS.pushChunkRows),
            last: part === parts - 1,
            schemaVersion: deps.schemaVersion,
          })
        }
        result = last as PushResult
        batch.length = 1
      } else {
        const sent: WireTransaction[] = batch.map((t) => ({
          seq: t.seq,
          hlc: t.hlc,
          changes: t.changes,
          schemaVersion: t.schemaVersion,
        }))
        result = await api.push(creds, { schemaVersion: deps.schemaVersion, pending, transactions: sent })
      }
      handlePushErrors(result)
      if (result.error === 'clock_ahead') {
        if (round > 0 && failures > 3) throw new Error('head office keeps refusing our clock')
        await restampAfterClockFix(result.centralTime)
        continue
      }
      await learnCentralTime(result.centralTime)
      const done = await acknowledge(result, batch)
      const refused = new Set((result.rejected ?? []).map((r) => r.seq))
      if (refused.size > 0)
        await revertToCentral(
          api,
          creds,
          batch.filter((t) => refused.has(t.seq)).flatMap((t) => t.changes),
          Math.min(...refused),
        )
      rejected += result.rejected?.length ?? 0
      pushed += done - (result.rejected?.length ?? 0)
      if (done === 0) break
    }
    return { pushed, rejected }
  }

  // ---------------------------------------------------------------------------------------
  // Pull
  // ---------------------------------------------------------------------------------------

  const pullAll = async (api: CentralApi, creds: TerminalCredentials, from: number): Promise<number> => {
    let cursor = from
    let pulled = 0
    for (;;) {
      const page = await api.pull(creds, cursor, SYNC_LIMITS.pullPageRows, deps.schemaVersion)
      if (page.error === 'schema_too_old')
        throw new SyncStoppedError('schema_too_old', 'Head office needs a newer version of the app: update this terminal.')
      if (page.error === 'bootstrap_required') {
        logger.warn('changelog purged past our cursor: loading a fresh snapshot (the outbox is kept)')
        await bootstrap(api, creds)
        cursor = Number((await readState())?.pull_cursor ?? 0)
        continue
      }
      const next = page.cursor ?? cursor
      await db.transaction(async (tx) => {
        if (page.count > 0) await tx.query('SELECT sync_apply_pulled($1::jsonb)', [page.changes])
        await tx.query('UPDATE sync_state SET pull_cursor = $1, last_pull_at = now()', [next])
      })
      if (page.count > 0) deps.events?.emit('data.changed', { tables: page.tables, origin: 'sync' })
      pulled += page.count
      cursor = next
      if (!page.more) {
        await learnCentralTime(page.centralTime)
        return pulled
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Bootstrap
  // ---------------------------------------------------------------------------------------

  const bootstrapTables = syncTables.filter((t) => t.direction === 'both').map((t) => t.table)

  const bootstrap = async (api: CentralApi, creds: TerminalCredentials): Promise<void> => {
    let progress = (await readState())?.bootstrap ?? null
    if (!progress) {
      progress = { position: await api.snapshotPosition(creds), table: bootstrapTables[0]!, after: null, page: 0, fetched: 0 }
      const started = progress
      await db.transaction(async (tx) => {
        // Tables loaded from empty get their lookup indexes built once, at the end.
        await tx.query('SELECT sync_defer_indexes()')
        await tx.query('UPDATE sync_state SET bootstrap = $1', [JSON.stringify(started)])
      })
    }
    const report = (step: string, done: number, total: number) =>
      deps.events?.emit('task.progress', { task: 'bootstrap', step, done, total })
    // 1. Load page by page, each page applied with the progress in one local transaction, so an
    //    interrupted bootstrap resumes after the last page it applied. Row triggers and
    //    foreign-key triggers are off while loading (replica mode, migration 0024): derived
    //    values are computed set-wise and foreign keys verified once, at the end.
    // The next page is fetched while this one is applied: head office and the local database
    // work at the same time.
    type Page = Awaited<ReturnType<CentralApi['snapshotPage']>>
    const fetchPage = (at: BootstrapProgress): Promise<Page> | null =>
      at.table ? api.snapshotPage(creds, at.table, at.after, SYNC_LIMITS.snapshotPageRows) : null
    const following = (at: BootstrapProgress, page: Page): BootstrapProgress => {
      const i = bootstrapTables.indexOf(at.table)
      return page.count < SYNC_LIMITS.snapshotPageRows
        ? { ...at, table: bootstrapTables[i + 1] ?? '', after: null, page: at.page + 1, fetched: at.fetched + page.count }
        : { ...at, after: page.last, page: at.page + 1, fetched: at.fetched + page.count }
    }
    let pending = fetchPage(progress)
    // A failed prefetch is reported by the await that uses it, not as an unhandled rejection.
    pending?.catch(() => undefined)
    while (pending) {
      const page = await pending
      const table = progress.table
      const next = following(progress, page)
      pending = fetchPage(next)
      pending?.catch(() => undefined)
      await db.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica')
        if (page.count > 0) await tx.query('SELECT sync_bootstrap_page($1, $2::jsonb)', [table, page.rows])
        await tx.query('UPDATE sync_state SET bootstrap = $1', [JSON.stringify(next)])
      })
      progress = next
      report(`download:${table}`, bootstrapTables.indexOf(table) + 1, bootstrapTables.length + 3)
    }
    // 2. Finish in one transaction: derived values from their definitions, every foreign key
    //    of the loaded tables checked, then the terminal follows the changelog from the
    //    snapshot's position.
    // Derived values first: rewriting a product's stock while its dozen lookup indexes exist
    // would update every one of them; the indexes are then built over the final rows.
    const phases = ['derived', 'indexes', 'checks'] as const
    const total = bootstrapTables.length + phases.length
    await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL session_replication_role = replica')
      const phase = async (n: number, run: () => Promise<unknown>) => {
        report(phases[n]!, bootstrapTables.length + n, total)
        await run()
        report(phases[n]!, bootstrapTables.length + n + 1, total)
      }
      await phase(0, () => tx.query('SELECT sync_recompute_derived()'))
      await phase(1, () => tx.query('SELECT sync_restore_indexes()'))
      await phase(2, () => tx.query('SELECT sync_verify_foreign_keys($1::text[])', [bootstrapTables]))
      await tx.query('UPDATE sync_state SET bootstrap = NULL, pull_cursor = $1', [progress!.position])
    })
    deps.events?.emit('data.changed', { tables: bootstrapTables, origin: 'sync' })
  }

  /** Loads the snapshot, records the terminal's company and follows the changelog once. */
  const finishEnrollment = async (api: CentralApi, creds: TerminalCredentials, organizationId: string, workspaceId: string) => {
    await bootstrap(api, creds)
    await db.query(
      `INSERT INTO terminal_state (mode, organization_id, workspace_id) VALUES ('enrolled', $1, $2)
       ON CONFLICT (singleton) DO UPDATE SET mode = 'enrolled', organization_id = $1, workspace_id = $2`,
      [organizationId, workspaceId],
    )
    await pullAll(api, creds, Number((await readState())?.pull_cursor ?? 0))
    await db.query('UPDATE sync_state SET last_sync_at = now()')
  }

  // ---------------------------------------------------------------------------------------
  // Cycle, schedule, status
  // ---------------------------------------------------------------------------------------

  const cycle = async (): Promise<SyncCycle> => {
    const { api, creds, state: row } = await clientFor()
    state = 'syncing'
    void emitStatus()
    try {
      if (row.bootstrap) await bootstrap(api, creds)
      const { pushed, rejected } = await pushAll(api, creds)
      const from = Number((await readState())?.pull_cursor ?? 0)
      const pulled = await pullAll(api, creds, from)
      const left = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_outbox')).rows[0]?.n ?? 0)
      await db.query('UPDATE sync_state SET last_sync_at = now(), last_error = NULL')
      state = 'idle'
      failures = 0
      return { pushed, rejected, pulled, drained: left === 0 }
    } catch (error) {
      state = error instanceof CentralUnreachableError ? 'offline' : 'error'
      const message = error instanceof Error ? error.message : String(error)
      await db.query('UPDATE sync_state SET last_error = $1', [message.slice(0, 1000)]).catch(() => undefined)
      if (error instanceof CentralAuthError)
        throw new SyncStoppedError('revoked', 'Head office no longer accepts this terminal: enroll it again.')
      throw error
    } finally {
      void emitStatus()
    }
  }

  const syncOnce = (): Promise<SyncCycle> => {
    // One cycle at a time; a second caller waits for the running one and then runs its own, so
    // a write made during a cycle is never left behind.
    const previous = running ?? Promise.resolve(null)
    const mine = previous.catch(() => null).then(() => cycle())
    running = mine
    void mine
      .finally(() => {
        if (running === mine) running = null
      })
      .catch(() => undefined)
    return mine
  }

  const schedule = (delay: number) => {
    if (stopped) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      syncOnce()
        .then(() => schedule(intervalMs))
        .catch((error: unknown) => {
          if (error instanceof SyncStoppedError) {
            logger.error(`sync stopped: ${error.message}`)
            deps.events?.emit('system.notice', { level: 'error', code: `sync.${error.reason}`, message: error.message })
            return
          }
          failures++
          // Exponential backoff with full jitter, capped at 10 minutes.
          const backoff = Math.min(600_000, 2_000 * 2 ** Math.min(failures, 9))
          if (!(error instanceof CentralUnreachableError)) logger.warn('sync failed', error)
          schedule(Math.round(backoff / 2 + Math.random() * (backoff / 2)))
        })
    }, delay)
    timer.unref?.()
  }

  async function status(): Promise<SyncStatus> {
    const row = await readState()
    const counts = (
      await db.query<{ pending: number; quarantined: number; conflicts: number }>(
        `SELECT (SELECT count(DISTINCT tx_seq)::int FROM sync_outbox) AS pending,
                (SELECT count(*)::int FROM sync_quarantine) AS quarantined,
                (SELECT count(*)::int FROM sync_conflicts WHERE resolved_at IS NULL) AS conflicts`,
      )
    ).rows[0]!
    return {
      enrolled: row !== null,
      state: row ? state : 'standalone',
      pending: counts.pending,
      quarantined: counts.quarantined,
      conflicts: counts.conflicts,
      lastSyncAt: row?.last_sync_at ?? null,
      lastError: row?.last_error ?? null,
      cursor: Number(row?.pull_cursor ?? 0),
      terminalId: row?.terminal_id ?? null,
      centralUrl: row?.central_url ?? null,
    }
  }

  return {
    async enroll({ centralUrl, code }) {
      const existing = await readState()
      if (existing) {
        const held = await db.query('SELECT 1 FROM terminal_state')
        if (held.rows.length > 0) throw new SyncStoppedError('not_enrolled', 'This terminal is already enrolled.')
        // An enrollment interrupted while loading the snapshot resumes with the credentials it got.
        const { api, creds } = await clientFor()
        await finishEnrollment(api, creds, existing.organization_id, existing.workspace_id)
        return { organizationId: existing.organization_id, workspaceId: existing.workspace_id }
      }
      const api = deps.connect(centralUrl)
      try {
        const enrollment = await api.enroll(code, deps.schemaVersion)
        // The secret and the URL (it holds the sync login's password) go to the OS keychain.
        await vault.set(SYNC_SECRET, enrollment.secret)
        await vault.set(SYNC_CENTRAL_URL, centralUrl)
        await vault.set(dataKeyName(enrollment.organizationId), enrollment.dataKey)
        const safeUrl = new URL(centralUrl)
        safeUrl.password = ''
        await db.query(
          `INSERT INTO sync_state (terminal_id, central_url, organization_id, workspace_id, number_prefix, clock_offset_ms)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            enrollment.terminalId,
            safeUrl.toString(),
            enrollment.organizationId,
            enrollment.workspaceId,
            enrollment.numberPrefix,
            Math.abs(enrollment.centralTime - now()) > 120_000 ? enrollment.centralTime - now() : 0,
          ],
        )
        if (deps.identityFile) {
          const identity: TerminalIdentity = {
            terminalId: enrollment.terminalId,
            centralUrl: safeUrl.toString(),
            organizationId: enrollment.organizationId,
            workspaceId: enrollment.workspaceId,
            numberPrefix: enrollment.numberPrefix,
          }
          writeIdentity(deps.identityFile, identity)
        }
        central = api
        centralFor = centralUrl
        const creds = { terminalId: enrollment.terminalId, secret: enrollment.secret }
        await finishEnrollment(api, creds, enrollment.organizationId, enrollment.workspaceId)
        return { organizationId: enrollment.organizationId, workspaceId: enrollment.workspaceId }
      } catch (error) {
        if (central !== api) await api.close().catch(() => undefined)
        if (error instanceof CentralAuthError)
          throw new SyncStoppedError('not_enrolled', 'The enrollment code is unknown, used or expired.')
        throw error
      }
    },
    async rebuild(identity, ackedMark) {
      if (!(await readState())) {
        await db.query(
          `INSERT INTO sync_state (terminal_id, central_url, organization_id, workspace_id, number_prefix, tx_seq, acked_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $6)`,
          [
            identity.terminalId,
            identity.centralUrl,
            identity.organizationId,
            identity.workspaceId,
            identity.numberPrefix,
            ackedMark,
          ],
        )
      }
      const { api, creds } = await clientFor()
      await finishEnrollment(api, creds, identity.organizationId, identity.workspaceId)
    },
    async withCentral(fn) {
      const { api, creds } = await clientFor()
      return fn(api, creds)
    },
    syncOnce,
    status,
    async verifyPasswordOnline(email, password) {
      // Known to be offline: sign in against the local verifier at once (no connect timeout to
      // wait through at the scanner), and look for head office again.
      if (state === 'offline') {
        this.kick()
        return null
      }
      try {
        const { api, creds } = await clientFor()
        return await api.verifyPassword(creds, email, password)
      } catch (error) {
        if (error instanceof CentralUnreachableError) return null
        throw error
      }
    },
    start(options) {
      intervalMs = options?.intervalMs ?? intervalMs
      stopped = false
      schedule(0)
    },
    kick() {
      if (!stopped) schedule(500)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = null
      await running?.catch(() => undefined)
      await central?.close().catch(() => undefined)
      central = null
      centralFor = null
    },
    async discard(txSeq) {
      const { api, creds } = await clientFor()
      // The transaction and every one quarantined because of it.
      const { rows } = await db.query<{ tx_seq: string; changes: WireChange[] }>(
        `WITH RECURSIVE chain AS (
           SELECT tx_seq FROM sync_quarantine WHERE tx_seq = $1
           UNION SELECT q.tx_seq FROM sync_quarantine q JOIN chain c ON q.caused_by = c.tx_seq)
         SELECT q.tx_seq::text, q.changes FROM sync_quarantine q JOIN chain USING (tx_seq)`,
        [txSeq],
      )
      if (rows.length === 0) return
      await db.query('DELETE FROM sync_quarantine WHERE tx_seq = ANY ($1::bigint[])', [rows.map((r) => Number(r.tx_seq))])
      // Normally already done when they were quarantined; again in case that was interrupted.
      await revertToCentral(
        api,
        creds,
        rows.flatMap((r) => r.changes),
        null,
      )
    },
  }
}
