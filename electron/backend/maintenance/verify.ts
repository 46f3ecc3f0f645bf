/**
 * An integrity check of a terminal's database for support staff: every table readable, every
 * foreign key holding (checked by hand, so rows written while triggers were off or constraints
 * deferred are found too), the sync outbox consistent with the sync state, and — when the
 * caller passes one — the write journal beside the database.
 */
import type { PGlite } from '@electric-sql/pglite'

/** What a journal check reports (the shape of sync/journal.ts `verifyJournal`). */
export interface JournalReport {
  ok: boolean
  entries: number
  problems: string[]
}

/** Checks the journal of the data folder; passed by the caller so this module does not depend on it. */
export type JournalCheck = () => Promise<JournalReport>

/** The outcome of {@link verifyTerminalDatabase}. */
export interface VerifyReport {
  ok: boolean
  /** Row count of every table (partitions counted through their parent). */
  tables: Record<string, number>
  foreignKeysChecked: number
  outbox: { rows: number; transactions: number; txSeq: number | null; ackedSeq: number | null }
  /** Null when no journal check was given. */
  journal: JournalReport | null
  problems: string[]
}

interface ForeignKey {
  name: string
  child: string
  parent: string
  child_columns: string[]
  parent_columns: string[]
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * Runs every check and reports all problems found (it does not stop at the first). Read-only:
 * it runs inside a transaction that is rolled back.
 */
export async function verifyTerminalDatabase(db: PGlite, options: { journalCheck?: JournalCheck } = {}): Promise<VerifyReport> {
  const problems: string[] = []
  const tables: Record<string, number> = {}
  let foreignKeysChecked = 0
  let outbox: VerifyReport['outbox'] = { rows: 0, transactions: 0, txSeq: null, ackedSeq: null }

  await db.transaction(async (tx) => {
    // Ordinary and partitioned tables of the schema; partitions are read through their parent.
    const { rows: names } = await tx.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
    )
    for (const { name } of names) {
      try {
        await tx.exec('SAVEPOINT verify_table')
        const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(name)}`)
        tables[name] = rows[0]!.n
        await tx.exec('RELEASE SAVEPOINT verify_table')
      } catch (error) {
        await tx.exec('ROLLBACK TO SAVEPOINT verify_table')
        problems.push(`table ${name} cannot be read: ${(error as Error).message}`)
      }
    }

    // One anti-join per foreign key (MATCH SIMPLE: a row with any key column NULL is not checked).
    // Inherited copies on partitions are skipped: the parent's check covers them.
    const { rows: keys } = await tx.query<ForeignKey>(
      `SELECT con.conname AS name, ch.relname AS child, pa.relname AS parent,
              array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o) AS child_columns,
              array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o) AS parent_columns
       FROM pg_constraint con
       JOIN pg_class ch ON ch.oid = con.conrelid JOIN pg_namespace n ON n.oid = ch.relnamespace
       JOIN pg_class pa ON pa.oid = con.confrelid
       WHERE con.contype = 'f' AND n.nspname = 'public' AND con.conparentid = 0
       ORDER BY ch.relname, con.conname`,
    )
    for (const fk of keys) {
      const notNull = fk.child_columns.map((c) => `c.${ident(c)} IS NOT NULL`).join(' AND ')
      const match = fk.child_columns.map((c, i) => `p.${ident(fk.parent_columns[i]!)} = c.${ident(c)}`).join(' AND ')
      try {
        const { rows } = await tx.query<{ n: number; sample: string | null }>(
          `SELECT count(*)::int AS n, min(${fk.child_columns.map((c) => `c.${ident(c)}::text`).join(` || ',' || `)}) AS sample
           FROM ${ident(fk.child)} c
           WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${ident(fk.parent)} p WHERE ${match})`,
        )
        foreignKeysChecked++
        const { n, sample } = rows[0]!
        if (n > 0)
          problems.push(
            `${n} row(s) of ${fk.child} name a missing ${fk.parent} (${fk.name}: ${fk.child_columns.join(', ')} = ${sample}${n > 1 ? ', …' : ''})`,
          )
      } catch (error) {
        problems.push(`foreign key ${fk.name} of ${fk.child} cannot be checked: ${(error as Error).message}`)
      }
    }

    outbox = await checkOutbox(tx, problems)
    // Nothing above writes, but a rollback makes sure a check never changes the database.
    await tx.rollback()
  })

  let journal: JournalReport | null = null
  if (options.journalCheck) {
    try {
      journal = await options.journalCheck()
    } catch (error) {
      journal = { ok: false, entries: 0, problems: [`the journal cannot be read: ${(error as Error).message}`] }
    }
    problems.push(...journal.problems.map((p) => `journal: ${p}`))
    if (!journal.ok && journal.problems.length === 0) problems.push('journal: not ok')
  }

  return { ok: problems.length === 0, tables, foreignKeysChecked, outbox, journal, problems }
}

type Queryable = Pick<PGlite, 'query'>

/**
 * The outbox holds only transactions this terminal numbered and central has not acknowledged:
 * every tx_seq at most sync_state.tx_seq (the last number handed out) and above acked_seq
 * (acknowledged ones are deleted in the same transaction that records the acknowledgement).
 * A terminal that is not enrolled captures nothing, so its outbox is empty.
 */
async function checkOutbox(tx: Queryable, problems: string[]): Promise<VerifyReport['outbox']> {
  const { rows } = await tx.query<{
    rows: number
    transactions: number
    max_seq: string | null
    min_seq: string | null
    tx_seq: string | null
    acked_seq: string | null
    enrolled: boolean
  }>(
    `SELECT (SELECT count(*)::int FROM sync_outbox) AS rows,
            (SELECT count(DISTINCT tx_seq)::int FROM sync_outbox) AS transactions,
            (SELECT max(tx_seq)::text FROM sync_outbox) AS max_seq,
            (SELECT min(tx_seq)::text FROM sync_outbox) AS min_seq,
            (SELECT tx_seq::text FROM sync_state) AS tx_seq,
            (SELECT acked_seq::text FROM sync_state) AS acked_seq,
            EXISTS (SELECT 1 FROM sync_state) AS enrolled`,
  )
  const r = rows[0]!
  const num = (v: string | null) => (v === null ? null : Number(v))
  const report = { rows: r.rows, transactions: r.transactions, txSeq: num(r.tx_seq), ackedSeq: num(r.acked_seq) }
  if (!r.enrolled) {
    if (r.rows > 0) problems.push(`the outbox holds ${r.rows} change(s) but the terminal is not enrolled`)
    return report
  }
  if (r.max_seq !== null && BigInt(r.max_seq) > BigInt(r.tx_seq!))
    problems.push(`the outbox holds transaction ${r.max_seq}, beyond the last number handed out (${r.tx_seq})`)
  if (BigInt(r.acked_seq!) > BigInt(r.tx_seq!))
    problems.push(`central acknowledged transaction ${r.acked_seq}, beyond the last number handed out (${r.tx_seq})`)
  if (r.min_seq !== null && BigInt(r.min_seq) <= BigInt(r.acked_seq!)) {
    const { rows: stale } = await tx.query<{ n: number }>(
      'SELECT count(DISTINCT tx_seq)::int AS n FROM sync_outbox WHERE tx_seq <= (SELECT acked_seq FROM sync_state)',
    )
    problems.push(
      `the outbox still holds ${stale[0]!.n} transaction(s) central already acknowledged (tx_seq ≤ acked_seq ${r.acked_seq})`,
    )
  }
  return report
}
