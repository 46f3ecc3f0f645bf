/**
 * The outbox journal. PGlite on Node does not fsync (electric-sql/pglite#1107), so a committed
 * local transaction could vanish with a power cut. Every transaction that captured changes is
 * therefore also appended to this file — checksummed, fsync'd — before the write returns to the
 * person, and kept until central acknowledges it. On start the journal is reconciled with the
 * outbox: what the database lost is replayed.
 *
 * Format: one line per transaction, `<sha-256 of the JSON, hex> <JSON>\n`. A torn last line
 * (the power went during the append) is ignored; a bad line elsewhere is reported.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { WireChange } from './central-client'

/** One journaled local transaction. */
export interface JournalEntry {
  txSeq: number
  hlc: string
  changes: WireChange[]
}

/** The journal's file inside a data folder. */
export function journalPath(dataDir: string): string {
  return path.join(dataDir, 'journal', 'outbox.journal')
}

const checksum = (json: string) => createHash('sha256').update(json, 'utf8').digest('hex')

function fsyncDir(dir: string): void {
  // Makes a rename or a new file durable (a directory entry is data too). Not possible on Windows.
  if (process.platform === 'win32') return
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** What reading the journal found. */
export interface JournalRead {
  entries: JournalEntry[]
  problems: string[]
  /** The highest transaction number central had acknowledged at the last trim (0 when none). */
  ackedMark: number
}

const markPath = (file: string) => `${file}.mark`

function writeDurably(file: string, text: string): void {
  const next = `${file}.next`
  const fd = fs.openSync(next, 'w', 0o600)
  try {
    fs.writeSync(fd, text)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(next, file)
  fsyncDir(path.dirname(file))
}

/** Reads and checks every line; never throws for a damaged file. */
export function readJournal(file: string): JournalRead {
  const ackedMark = fs.existsSync(markPath(file)) ? Number(fs.readFileSync(markPath(file), 'utf8').trim()) || 0 : 0
  if (!fs.existsSync(file)) return { entries: [], problems: [], ackedMark }
  const text = fs.readFileSync(file, 'utf8')
  const lines = text.split('\n')
  const endsCleanly = text.endsWith('\n') || text.length === 0
  const entries: JournalEntry[] = []
  const problems: string[] = []
  lines.forEach((line, i) => {
    if (line === '') return
    const isLast = i === lines.length - 1
    const space = line.indexOf(' ')
    const json = line.slice(space + 1)
    if (space !== 64 || checksum(json) !== line.slice(0, 64)) {
      // An append cut short by a crash leaves a partial last line: expected, and harmless,
      // because the write it belonged to never returned.
      if (!(isLast && !endsCleanly)) problems.push(`line ${i + 1}: checksum mismatch`)
      return
    }
    entries.push(JSON.parse(json) as JournalEntry)
  })
  return { entries, problems, ackedMark }
}

/** The journal of one data folder. */
export interface OutboxJournal {
  /** Appends one transaction and fsyncs before returning. */
  append(entry: JournalEntry): void
  /** Drops the transactions central acknowledged (seq ≤ ackedSeq), atomically. */
  trim(ackedSeq: number): void
  read(): JournalRead
}

/** Opens (creating if needed) the journal of `dataDir`. */
export function openJournal(dataDir: string): OutboxJournal {
  const file = journalPath(dataDir)
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  return {
    append(entry) {
      const json = JSON.stringify(entry)
      const fd = fs.openSync(file, 'a', 0o600)
      try {
        fs.writeSync(fd, `${checksum(json)} ${json}\n`)
        fs.fsyncSync(fd)
      } finally {
        fs.closeSync(fd)
      }
    },
    trim(ackedSeq) {
      const { entries, ackedMark } = readJournal(file)
      // The mark survives a database that lost its own record of the acknowledgement, so
      // transaction numbers never restart below what central has seen.
      if (ackedSeq > ackedMark) writeDurably(markPath(file), String(ackedSeq))
      const keep = entries.filter((e) => e.txSeq > ackedSeq)
      if (keep.length === entries.length) return
      writeDurably(
        file,
        keep
          .map((e) => {
            const json = JSON.stringify(e)
            return `${checksum(json)} ${json}\n`
          })
          .join(''),
      )
    },
    read: () => readJournal(file),
  }
}

/** Checks a data folder's journal (the support CLI's `verify`). */
export async function verifyJournal(dataDir: string): Promise<{ ok: boolean; entries: number; problems: string[] }> {
  const { entries, problems } = readJournal(journalPath(dataDir))
  const seqs = entries.map((e) => e.txSeq)
  for (let i = 1; i < seqs.length; i++) {
    if (seqs[i]! <= seqs[i - 1]!) problems.push(`transaction ${seqs[i]} is out of order`)
  }
  return { ok: problems.length === 0, entries: entries.length, problems }
}

/** What `reconcileJournal` did. */
export interface Reconciled {
  /** Transactions put back from the journal because the database had lost them. */
  replayed: number[]
  problems: string[]
}

interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>
  transaction<T>(fn: (tx: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> }) => Promise<T>): Promise<T>
}

/**
 * On start: every journaled transaction newer than central's acknowledgement that is neither in
 * the outbox nor in the quarantine was lost by the database — it is replayed, in order. Then the
 * journal is trimmed to what is still unacknowledged.
 */
export async function reconcileJournal(db: Queryable, journal: OutboxJournal): Promise<Reconciled> {
  const { entries, problems, ackedMark } = journal.read()
  const state = (await db.query<{ acked: string }>('SELECT acked_seq::text AS acked FROM sync_state')).rows[0]
  if (!state) return { replayed: [], problems }
  const acked = Math.max(Number(state.acked), ackedMark)
  if (ackedMark > Number(state.acked)) {
    await db.query('UPDATE sync_state SET acked_seq = $1, tx_seq = GREATEST(tx_seq, $1)', [ackedMark])
  }
  const known = new Set(
    (
      await db.query<{ s: string }>(
        'SELECT DISTINCT tx_seq::text AS s FROM sync_outbox UNION SELECT tx_seq::text FROM sync_quarantine',
      )
    ).rows.map((r) => Number(r.s)),
  )
  const replayed: number[] = []
  for (const entry of entries) {
    if (entry.txSeq <= acked || known.has(entry.txSeq)) continue
    await db.transaction(async (tx) => {
      await tx.query('SELECT sync_replay_local($1, $2, $3::jsonb)', [entry.txSeq, entry.hlc, JSON.stringify(entry.changes)])
    })
    replayed.push(entry.txSeq)
  }
  journal.trim(acked)
  return { replayed, problems }
}
