import { performance } from 'node:perf_hooks'
import { type CallContext, newConnection } from '../../electron/backend/call-context'
import { startBackend } from '../../electron/backend/start-backend'
import { type Figure, percentile } from '../harness'
import type { WarehouseBench, WarehouseMeasurement } from '../suites/warehouse'

/** The figure's name, as the warehouse issue names it. */
export const POST_RECEIPT_FIGURE = 'warehouse.post_receipt_20_lines_p95_ms'

/** What a measurement needs of the warehouse suite's bench: the open backend and a signed-in call. */
type SignedInBench = Pick<WarehouseBench, 'backend' | 'ctx' | 'organizationId' | 'quick' | 'dataNote'>

/**
 * Posts `runs` goods receipts of `lines` lines through the full RPC path (dispatcher,
 * permission check, zod, one transaction with document, ledger rows, balances and audit) and
 * reports the 95th percentile. Writes only through `receiving.post`, as a clerk would.
 */
export async function postReceipts(bench: SignedInBench, runs: number, lines = 20): Promise<Figure> {
  const { rows } = await bench.backend.db.query<{ id: string }>(
    `SELECT id FROM products WHERE organization_id = $1 AND status = 'ACTIVE' AND deleted_at IS NULL ORDER BY code LIMIT $2`,
    [bench.organizationId, lines],
  )
  if (rows.length < lines) throw new Error(`bench post-receipt: only ${rows.length} active products, ${lines} needed`)
  const input = { lines: rows.map((r, i) => ({ productId: r.id, quantity: String(1 + (i % 5)) })) }
  const post = async () => {
    const started = performance.now()
    const result = await bench.backend.dispatch('receiving.post', input, bench.ctx)
    const ms = performance.now() - started
    if (!result.ok) throw new Error(`bench post-receipt: ${result.error.message}`)
    return ms
  }
  for (let i = 0; i < 5; i++) await post()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) samples.push(await post())
  const round = (v: number) => Math.round(v * 10) / 10
  return {
    name: POST_RECEIPT_FIGURE,
    value: round(percentile(samples, 95)),
    unit: 'ms',
    target: { max: 50 },
    notes: `${runs} receipts of ${lines} lines, median ${round(percentile(samples, 50))} ms; ${bench.dataNote}`,
  }
}

/**
 * The receipt figure in the warehouse suite (`npm run bench -- warehouse`). It posts its
 * receipts into the measured folder through `receiving.post`, as a clerk would: 25 receipts
 * with `--quick`, 105 otherwise.
 */
export const postReceiptMeasurement: WarehouseMeasurement = {
  name: 'post-receipt',
  run: async (bench) => [await postReceipts(bench, bench.quick ? 20 : 100)],
}

/** What {@link measurePostReceipt} needs on its own: a terminal data folder and how much to measure. */
export interface PostReceiptContext {
  /** A terminal data folder; an empty one gets the (small) demo company first. Receipts are posted into it. */
  dataDir: string
  runs?: number
  lines?: number
}

/**
 * The same figure without the suite: opens the folder (making a small demo company in an empty
 * one), signs in as the demo owner through `auth.signIn`, and measures.
 */
export async function measurePostReceipt(ctx: PostReceiptContext): Promise<Figure> {
  const backend = await startBackend({ dataDir: ctx.dataDir })
  try {
    const call: CallContext = { connection: newConnection(), origin: 'cli' }
    const setup = await backend.dispatch('setup.status', {}, call)
    if (setup.ok && (setup.value as { state: string }).state === 'empty') {
      const demo = await backend.dispatch('setup.createDemoCompany', { scale: 'small' }, call)
      if (!demo.ok) throw new Error(`demo company: ${demo.error.message}`)
    }
    const status = await backend.dispatch('auth.status', {}, call)
    const account = status.ok ? (status.value as { demoAccount: { email: string; password: string } | null }).demoAccount : null
    if (!account) throw new Error('measurePostReceipt needs a demo company (its account signs in)')
    const signIn = await backend.dispatch('auth.signIn', account, call)
    if (!signIn.ok) throw new Error(`sign-in: ${signIn.error.message}`)
    return await postReceipts(
      {
        backend,
        ctx: call,
        organizationId: call.connection.session!.organizationId,
        quick: false,
        dataNote: `data folder ${ctx.dataDir}`,
      },
      ctx.runs ?? 50,
      ctx.lines ?? 20,
    )
  } finally {
    await backend.close()
  }
}
