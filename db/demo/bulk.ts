/**
 * Set-wise writes for the demo generator: thousands of rows per INSERT through
 * jsonb_populate_recordset (the table's own column types, so no type list to keep in step
 * with the migrations), every trigger firing as it does for the app, and the session's tenant
 * set per transaction as the API layer sets it (on central, row-level security applies).
 */
import type { SqlConnection } from '../connection'

/** A row to insert: column → value (JSON-serialisable; arrays and objects for array/jsonb columns). */
export type Row = Record<string, unknown>

/** Progress of one step of the generation. */
export interface DemoProgress {
  step: string
  done: number
  total: number
}

/** Options of one bulk insert. */
export interface InsertOptions {
  /**
   * Columns computed by SQL per row instead of taken from the JSON: column → expression over
   * `r.<column>` and the extra parameters $2, $3… (e.g. a document number from its series).
   */
  computed?: Record<string, string>
  /** Values of $2, $3… used by the computed expressions. */
  params?: unknown[]
}

/**
 * Inserts rows into a table in one statement, in the rows' order (so numbers taken from a
 * series follow that order). All rows must have the same keys.
 */
export async function insertRows(
  conn: SqlConnection,
  table: string,
  rows: readonly Row[],
  options: InsertOptions = {},
): Promise<void> {
  const first = rows[0]
  if (!first) return
  const computed = options.computed ?? {}
  const columns = Object.keys(first).filter((c) => !(c in computed))
  const targets = [...columns, ...Object.keys(computed)]
  const values = [...columns.map((c) => `r.${c}`), ...Object.values(computed)]
  await conn.query(
    `INSERT INTO ${table} (${targets.join(', ')})
     SELECT ${values.join(', ')}
       FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) WITH ORDINALITY AS r
      ORDER BY r.ordinality`,
    [JSON.stringify(rows), ...(options.params ?? [])],
  )
}

/** Splits a list into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

// Tables that triggers write when rows of a table are inserted.
const FILLED_BY_TRIGGERS: Record<string, readonly string[]> = {
  inventory_movements: ['stock_balances'],
  orders: ['daily_sales'],
}

/**
 * Where the generator writes: one connection, the tenant it writes for, the progress callback
 * and the row counts so far.
 */
export class DemoWriter {
  /** Rows inserted per table. */
  readonly counts: Record<string, number> = {}

  /**
   * Write a document's lines before its header (see insertDocuments). Only where row-level
   * security does not apply: on central a line is visible only through its header.
   */
  linesFirst = false

  constructor(
    readonly conn: SqlConnection,
    readonly organizationId: string,
    readonly userId: string,
    readonly batchRows: number,
    private readonly onProgress: (p: DemoProgress) => void = () => undefined,
  ) {}

  /**
   * Inserts documents and their lines. A header's totals are derived from its lines by trigger,
   * and every line written after its header makes the trigger derive them again. So where it
   * may, the writer does what the sync engine does when a page arrives in any order: foreign
   * keys deferred to the commit, lines first, then headers, whose triggers derive each total
   * once — the same triggers and the same results, a fraction of the work.
   */
  async insertDocuments(
    tx: SqlConnection,
    header: { table: string; rows: readonly Row[]; options?: InsertOptions },
    lines: { table: string; rows: readonly Row[] },
  ): Promise<void> {
    if (this.linesFirst) {
      await tx.exec('SET CONSTRAINTS ALL DEFERRED')
      await this.insert(tx, lines.table, lines.rows)
      await this.insert(tx, header.table, header.rows, header.options)
    } else {
      await this.insert(tx, header.table, header.rows, header.options)
      await this.insert(tx, lines.table, lines.rows)
    }
  }

  /**
   * Runs `fn` in a transaction (a savepoint when the whole generation runs in one) with the
   * session's organization, workspace and user set for it, as the API layer does per request.
   */
  async inWorkspace<T>(workspaceId: string | null, fn: (tx: SqlConnection) => Promise<T>): Promise<T> {
    return this.conn.transaction(async (tx) => {
      await tx.query(
        `SELECT set_config('app.organization_id', $1, true), set_config('app.workspace_id', $2, true),
                set_config('app.user_id', $3, true)`,
        [this.organizationId, workspaceId ?? '', this.userId],
      )
      return fn(tx)
    })
  }

  /** Inserts rows and counts them. */
  async insert(tx: SqlConnection, table: string, rows: readonly Row[], options?: InsertOptions): Promise<void> {
    if (rows.length === 0) return
    await insertRows(tx, table, rows, options)
    const count = (this.counts[table] ?? 0) + rows.length
    this.counts[table] = count
    await this.keepStatisticsFresh(tx, table, count)
  }

  private readonly analyzedAt = new Map<string, number>()

  /**
   * PGlite has no autovacuum, so nothing refreshes the planner's statistics while a table
   * grows. The plans that trigger functions cache (plpgsql keeps a generic plan for the
   * session) were made when the tables were empty — sequential scans — and each derived-value
   * refresh would read the whole table. So a table is analyzed whenever it has doubled since
   * it last was (as autovacuum would), together with the tables its triggers fill; ANALYZE
   * also makes the cached plans be made again.
   */
  private async keepStatisticsFresh(tx: SqlConnection, table: string, count: number): Promise<void> {
    const last = this.analyzedAt.get(table) ?? 0
    if (count < 500 || count < last * 2) return
    this.analyzedAt.set(table, count)
    await tx.exec([table, ...(FILLED_BY_TRIGGERS[table] ?? [])].map((t) => `ANALYZE ${t};`).join('\n'))
  }

  /**
   * Refreshes the planner's statistics of tables a step has filled. PGlite has no autovacuum:
   * without this, the plans cached inside trigger functions keep the sequential scans chosen
   * while the tables were empty, and every derived-value refresh gets slower as rows arrive.
   */
  async analyze(tables: readonly string[]): Promise<void> {
    // VACUUM cannot run inside a transaction (small runs in one); it also clears the dead row
    // versions the triggers' refreshes leave behind, which later refreshes would wade through.
    // (one statement per call: a multi-statement script is one implicit transaction)
    for (const table of tables) await this.conn.exec(`${this.vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${table}`)
  }

  /** Whether analyze() may also VACUUM (only outside a transaction). */
  vacuum = false

  /** Reports progress of a step. */
  progress(step: string, done: number, total: number): void {
    this.onProgress({ step, done, total })
  }

  /**
   * Inserts rows of one table in batches, grouped by workspace, each batch in its own
   * transaction, reporting progress after each.
   */
  async insertInBatches(
    step: string,
    table: string,
    rows: readonly Row[],
    workspaceOf: (row: Row) => string | null,
    options: (workspaceId: string | null) => InsertOptions = () => ({}),
  ): Promise<void> {
    const groups = groupBy(rows, workspaceOf)
    let done = 0
    this.progress(step, 0, rows.length)
    for (const [workspaceId, group] of groups) {
      for (const batch of chunks(group, this.batchRows)) {
        await this.inWorkspace(workspaceId, (tx) => this.insert(tx, table, batch, options(workspaceId)))
        done += batch.length
        this.progress(step, done, rows.length)
      }
    }
  }
}

/** True when row-level security filters this session (central, not as a superuser or BYPASSRLS role). */
export async function rowSecurityApplies(conn: SqlConnection): Promise<boolean> {
  const { rows } = await conn.query<{ applies: boolean }>(
    `SELECT c.relrowsecurity AND NOT r.rolsuper AND NOT r.rolbypassrls AS applies
       FROM pg_class c, pg_roles r
      WHERE c.oid = 'public.orders'::regclass AND r.rolname = current_user`,
  )
  return rows[0]?.applies ?? true
}

/** Groups items by a key, keeping first-seen key order and the items' order. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}
