/**
 * Property: whatever three terminals and head office do — offline edits of the same and of
 * different columns, stock movements, colliding product codes — and in whatever order they
 * sync, with connections dropping before or after central commits, all replicas end identical,
 * stock equals the ledger everywhere, and every write is either in the final data, overwritten
 * by a later write, in the conflict log or in a quarantine.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CentralUnreachableError } from './central-client'
import { type SyncRig, type TestTerminal, createSyncRig, faultyCentral, tableRows } from './test-support'

type Op =
  | { kind: 'create'; t: number; code: number }
  | { kind: 'edit'; t: number; p: number; column: 'name' | 'description' | 'price'; value: number }
  | { kind: 'move'; t: number; p: number; quantity: number }
  | { kind: 'office'; p: number; value: number }
  | { kind: 'sync'; t: number; fault: 'before' | 'after' | null }

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), t: fc.nat(2), code: fc.nat(6) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      t: fc.nat(2),
      p: fc.nat(20),
      column: fc.constantFrom('name' as const, 'description' as const, 'price' as const),
      value: fc.nat(999),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      t: fc.nat(2),
      p: fc.nat(20),
      quantity: fc.integer({ min: -50, max: 50 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('office' as const), p: fc.nat(20), value: fc.nat(999) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      t: fc.nat(2),
      fault: fc.constantFrom(null, null, 'before' as const, 'after' as const),
    }),
  },
)

describe('convergence under random operations and sync interleavings (fast-check)', () => {
  let rig: SyncRig
  let terminals: TestTerminal[]
  const links = [faultyCentral(), faultyCentral(), faultyCentral()]
  beforeAll(async () => {
    rig = await createSyncRig()
    terminals = []
    for (const link of links) terminals.push(await rig.terminal({ connect: link.connect }))
  })
  afterAll(async () => {
    await rig.close()
  })

  it('ends with identical replicas and no lost write', async () => {
    let round = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        round++
        const products: { id: string; known: Set<number> }[] = [] // which terminals have it
        const writes: { id: string; column: string; value: string; order: number }[] = []
        let order = 0
        const productOn = (t: number, p: number) => {
          const candidates = products.filter((x) => x.known.has(t))
          return candidates.length === 0 ? null : candidates[p % candidates.length]!
        }
        for (const o of ops) {
          order++
          if (o.kind === 'create') {
            const id = randomUUID()
            await terminals[o.t]!.db.query(
              `INSERT INTO products (id, organization_id, workspace_id, code, name, price) VALUES ($1, $2, $3, $4, 'товар', 100)`,
              [id, rig.tenant.organizationId, rig.tenant.workspaceId, `R${round}-${o.code}`],
            ).then(
              () => products.push({ id, known: new Set([o.t]) }),
              () => undefined, // the same code on this terminal already: refused locally, nothing written
            )
          } else if (o.kind === 'edit') {
            const p = productOn(o.t, o.p)
            if (!p) continue
            const value = o.column === 'price' ? `${o.value}.00` : `${o.column}-${o.t}-${o.value}`
            await terminals[o.t]!.db.query(`UPDATE products SET ${o.column} = $1 WHERE id = $2`, [value, p.id])
            writes.push({ id: p.id, column: o.column, value, order })
          } else if (o.kind === 'move') {
            const p = productOn(o.t, o.p)
            if (!p || o.quantity === 0) continue
            await terminals[o.t]!.db.query(
              `INSERT INTO inventory_movements (id, organization_id, workspace_id, product_id, movement_type, quantity)
               VALUES ($1, $2, $3, $4, $5, $6)`,
              [
                randomUUID(),
                rig.tenant.organizationId,
                rig.tenant.workspaceId,
                p.id,
                o.quantity > 0 ? 'receipt' : 'shipment',
                o.quantity,
              ],
            )
          } else if (o.kind === 'office') {
            const known = products.filter((x) => x.known.size > 0)
            const p = known[o.p % Math.max(known.length, 1)]
            if (!p) continue
            const value = `office-${o.value}`
            const r = await rig.central.conn.query<{ id: string }>('UPDATE products SET name = $1 WHERE id = $2 RETURNING id', [
              value,
              p.id,
            ])
            if (r.rows.length > 0) writes.push({ id: p.id, column: 'name', value, order })
          } else {
            if (o.fault) links[o.t]!.link.plan.push(o.fault)
            await terminals[o.t]!.engine.syncOnce().catch((error: unknown) => {
              if (!(error instanceof CentralUnreachableError)) throw error
            })
            links[o.t]!.link.plan.length = 0
            // What central has, this terminal has now too.
            const here = await terminals[o.t]!.db.query<{ id: string }>('SELECT id FROM products')
            const ids = new Set(here.rows.map((r) => r.id))
            for (const p of products) if (ids.has(p.id)) p.known.add(o.t)
          }
        }
        // Settle: everyone syncs until nothing is left to push or pull.
        for (let pass = 0; pass < 3; pass++) for (const t of terminals) await t.engine.syncOnce()
        const where = `workspace_id = '${rig.tenant.workspaceId}'`
        for (const table of ['products', 'inventory_movements', 'stock_balances']) {
          const expected = await tableRows(rig.central.conn, table, where)
          for (const t of terminals) expect(await tableRows(t.db, table, where), table).toEqual(expected)
          for (const t of terminals) expect((await t.db.query('SELECT 1 FROM sync_outbox')).rows).toEqual([])
        }
        const ledger = await rig.central.conn.query<{ ok: boolean }>(
          `SELECT bool_and(p.stock_level = coalesce((SELECT sum(m.quantity) FROM inventory_movements m
             WHERE m.product_id = p.id AND m.movement_type NOT IN ('reservation', 'release')), 0)) AS ok FROM products p`,
        )
        expect(ledger.rows[0]!.ok ?? true).toBe(true)
        // No write vanished: it is the final value, or a later write to the same column exists,
        // or it lost a conflict (logged), or its transaction waits in a quarantine.
        for (const w of writes) {
          const final = await rig.central.conn.query<{ v: string | null }>(
            `SELECT ${w.column}::text AS v FROM products WHERE id = $1`,
            [w.id],
          )
          if (final.rows[0]?.v === w.value) continue
          if (writes.some((x) => x.id === w.id && x.column === w.column && x.order > w.order)) continue
          const logged = await rig.central.conn.query(
            `SELECT 1 FROM sync_conflicts WHERE row_id = $1 AND column_name = $2 AND lost_value #>> '{}' IN ($3, $4)`,
            [w.id, w.column, w.value, String(Number(w.value))],
          )
          if (logged.rows.length > 0) continue
          let quarantined = false
          for (const t of terminals) {
            const q = await t.db.query(`SELECT 1 FROM sync_quarantine WHERE changes::text LIKE $1`, [`%${w.id}%`])
            if (q.rows.length > 0) quarantined = true
          }
          expect(quarantined, `write ${JSON.stringify(w)} is lost`).toBe(true)
        }
      }),
      { numRuns: 25, seed: 20261125, endOnFailure: true },
    )
  })
})
