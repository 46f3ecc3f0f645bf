import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createOrm } from '../data/orm'
import { createWriter } from '../data/write'
import { journalPath, openJournal, readJournal, reconcileJournal, verifyJournal } from './journal'
import { type SyncRig, createSyncRig, tableRows } from './test-support'

const entry = (txSeq: number) => ({
  txSeq,
  hlc: String(1_700_000_000_000 * 65536 + txSeq),
  changes: [{ t: 'products', id: randomUUID(), op: 'U' as const, data: { name: `n${txSeq}` } }],
})

describe('outbox journal file', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-journal-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('appends, reads back, and trims what central acknowledged, keeping the high-water mark', async () => {
    const journal = openJournal(dir)
    for (const seq of [1, 2, 3]) journal.append(entry(seq))
    expect(journal.read().entries.map((e) => e.txSeq)).toEqual([1, 2, 3])
    journal.trim(2)
    expect(journal.read()).toMatchObject({ entries: [{ txSeq: 3 }], problems: [], ackedMark: 2 })
    expect(await verifyJournal(dir)).toEqual({ ok: true, entries: 1, problems: [] })
    if (process.platform !== 'win32') expect(fs.statSync(journalPath(dir)).mode & 0o077).toBe(0)
  })

  it('ignores a torn last line (the write never returned) but reports a damaged line in the middle', async () => {
    const journal = openJournal(dir)
    journal.append(entry(1))
    journal.append(entry(2))
    fs.appendFileSync(journalPath(dir), '0123abc {"txSeq":3') // power cut during the append
    expect(readJournal(journalPath(dir))).toMatchObject({ problems: [] })
    expect(readJournal(journalPath(dir)).entries).toHaveLength(2)
    const lines = fs.readFileSync(journalPath(dir), 'utf8').split('\n')
    lines[0] = lines[0]!.replace('"n1"', '"nX"') // tampered
    fs.writeFileSync(journalPath(dir), lines.join('\n'))
    const verdict = await verifyJournal(dir)
    expect(verdict.ok).toBe(false)
    expect(verdict.problems[0]).toMatch(/line 1: checksum mismatch/)
  })
})

describe('journal reconciliation on a terminal', () => {
  let rig: SyncRig
  let dir: string
  beforeEach(async () => {
    rig = await createSyncRig()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-journal-'))
  })
  afterEach(async () => {
    await rig.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('puts back a committed transaction the database lost, which then reaches head office once', async () => {
    const a = await rig.terminal()
    const journal = openJournal(dir)
    const id = randomUUID()
    // A business write: committed, captured, journaled (what the writer does).
    const captured = await a.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO products (id, organization_id, workspace_id, code, name) VALUES ($1, $2, $3, 'J-1', 'Шайба')`, [
        id,
        rig.tenant.organizationId,
        rig.tenant.workspaceId,
      ])
      return (await tx.query<{ c: ReturnType<typeof entry> }>('SELECT sync_current_capture() AS c')).rows[0]!.c
    })
    journal.append(captured)
    // The power goes before PGlite wrote it: the row and its outbox entry are gone.
    await a.db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('prometric.sync_apply', 'on', true)`)
      await tx.query('DELETE FROM products WHERE id = $1', [id])
      await tx.query('DELETE FROM sync_outbox')
      await tx.query('UPDATE sync_state SET tx_seq = tx_seq - 1')
    })
    const result = await reconcileJournal(a.db, journal)
    expect(result.replayed).toEqual([captured.txSeq])
    expect((await a.db.query<{ name: string }>('SELECT name FROM products WHERE id = $1', [id])).rows).toEqual([
      { name: 'Шайба' },
    ])
    // A new transaction does not reuse the replayed number.
    await a.db.query(`UPDATE products SET name = 'Шайба 8' WHERE id = $1`, [id])
    const seqs = await a.db.query<{ s: string }>('SELECT DISTINCT tx_seq::text AS s FROM sync_outbox ORDER BY 1')
    expect(seqs.rows.map((r) => Number(r.s))).toEqual([captured.txSeq, captured.txSeq + 1])
    // Reconciling again changes nothing.
    expect((await reconcileJournal(a.db, journal)).replayed).toEqual([])
    const cycle = await a.engine.syncOnce()
    expect(cycle.pushed).toBe(2)
    const where = `organization_id = '${rig.tenant.organizationId}'`
    expect(await tableRows(a.db, 'products', where)).toEqual(await tableRows(rig.central.conn, 'products', where))
  })

  it('journals a write nobody is signed in for (a password reset by code) like any other', async () => {
    const a = await rig.terminal()
    const journal = openJournal(dir)
    const events = { emit: vi.fn() }
    const write = createWriter(createOrm(a.db), events, async () => null, journal)
    await write.unattended(['users'], (tx) =>
      tx.execute(sql`UPDATE users SET password_hash = 'x' WHERE id = ${rig.tenant.userId}`),
    )
    const entries = readJournal(journalPath(dir)).entries
    expect(entries.flatMap((e) => e.changes.map((c) => [c.t, c.id, Object.keys(c.data ?? {})]))).toEqual([
      ['users', rig.tenant.userId, ['updated_at', 'password_hash']],
    ])
    expect(events.emit).toHaveBeenCalledWith('data.changed', { tables: ['users'] })
  })
})
