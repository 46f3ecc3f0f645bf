import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runSeedCommand } from '../../db/cli/seed'
import { type CallContext, newConnection } from '../../electron/backend/call-context'
import { DEMO_PASSWORD } from '../../electron/backend/demo-terminal'
import { type Backend, startBackend } from '../../electron/backend/start-backend'
import type { Figure, Suite } from '../harness'
import { lookupsMeasurement } from '../warehouse/lookups'
import { postReceiptMeasurement } from '../warehouse/post-receipt'

/**
 * What a warehouse measurement gets: the backend open on the data folder (as the app opens it)
 * and a call context signed in as the organization's owner, so every call goes through the
 * full RPC path (dispatcher, permission check, zod, handler) like the app's.
 */
export interface WarehouseBench {
  backend: Backend
  /** A signed-in connection (the owner of the data folder's organization). */
  ctx: CallContext
  organizationId: string
  workspaceId: string
  /** Fewer repetitions (`--quick`). */
  quick: boolean
  /** What the figures were measured on, for their notes. */
  dataNote: string
}

/**
 * One group of warehouse figures. Another area adds its own (e.g. receipts:
 * `warehouse.post_receipt_20_lines_p95_ms`) as `bench/warehouse/<area>.ts` exporting a
 * `WarehouseMeasurement`, listed in {@link warehouseMeasurements}. A measurement may write only
 * through the app's own calls (`backend.dispatch`), never straight into the folder.
 */
export interface WarehouseMeasurement {
  name: string
  run(bench: WarehouseBench): Promise<Figure[]>
}

/** The measurements the suite runs, in order. */
export const warehouseMeasurements: WarehouseMeasurement[] = [lookupsMeasurement, postReceiptMeasurement]

/** Signs in as the organization's owner with the demo password (a seeded demo folder). */
async function signIn(backend: Backend): Promise<{ ctx: CallContext; organizationId: string; workspaceId: string }> {
  const { rows } = await backend.db.query<{ email: string }>(
    `SELECT email FROM users WHERE organization_role = 'owner' AND deleted_at IS NULL ORDER BY created_at LIMIT 1`,
  )
  const email = rows[0]?.email
  if (!email) throw new Error('bench warehouse: the data folder has no owner account (seed a demo company first)')
  const ctx: CallContext = { connection: newConnection(), origin: 'cli' }
  const result = await backend.dispatch('auth.signIn', { email, password: DEMO_PASSWORD }, ctx)
  if (!result.ok)
    throw new Error(`bench warehouse: cannot sign in as ${email}: ${result.error.message} (a demo folder is expected)`)
  const session = ctx.connection.session
  if (!session) throw new Error('bench warehouse: signed in but no session')
  return { ctx, organizationId: session.organizationId, workspaceId: session.workspaceId }
}

/**
 * Catalog look-ups on a terminal's data folder: `--dir` (the lead's large demo, 100 000
 * products) or a fresh small demo made in a temporary folder. The folder is opened as the app
 * opens it (its lock taken, so a folder another process has open is refused, and pending
 * migrations applied as the app would). Only the receipt figure writes, through `receiving.post`
 * as a clerk would (105 goods receipts, 25 with `--quick`).
 */
export const warehouseSuite: Suite = {
  name: 'warehouse',
  description:
    'Warehouse: barcode look-up, fuzzy product search, the first catalog page and posting a 20-line goods receipt through the full RPC path',
  async run({ dataDir, quick = false }) {
    let dir = dataDir
    let dataNote = `data folder ${dataDir}`
    let cleanup = false
    if (!dir) {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-bench-warehouse-'))
      cleanup = true
      const seeded = await runSeedCommand(['--scale', 'small', '--dir', dir])
      if (seeded.code !== 0) throw new Error(`bench warehouse: seeding a small demo failed: ${seeded.err.join(' ')}`)
      dataNote = 'a fresh small demo (pass --dir <folder> to measure the large one)'
    }
    // No idle maintenance while measuring: a VACUUM in the middle would be measured too.
    const backend = await startBackend({
      dataDir: dir,
      maintenance: { idleMs: 24 * 3600_000, checkEveryMs: 3600_000, minGapMs: 24 * 3600_000 },
    })
    try {
      const { ctx, organizationId, workspaceId } = await signIn(backend)
      const { rows } = await backend.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM products WHERE organization_id = $1',
        [organizationId],
      )
      dataNote += `, ${rows[0]?.n ?? 0} products`
      const figures: Figure[] = []
      for (const measurement of warehouseMeasurements) {
        console.log(`  · ${measurement.name}`)
        figures.push(...(await measurement.run({ backend, ctx, organizationId, workspaceId, quick, dataNote })))
      }
      return figures
    } finally {
      await backend.close()
      if (cleanup) fs.rmSync(dir, { recursive: true, force: true })
    }
  },
}
