import { performance } from 'node:perf_hooks'
import { newConnection, type CallContext } from '../../electron/backend/call-context'
import { startBackend } from '../../electron/backend/start-backend'
import { type Figure, percentile } from '../harness'

/** What {@link measurePostReceipt} needs: a terminal data folder, and how much to measure. */
export interface PostReceiptContext {
  /** A terminal data folder; an empty one gets the (small) demo company first. Receipts are posted into it. */
  dataDir: string
  /** Measured receipts (after a few unmeasured warm-up posts). */
  runs?: number
  /** Lines per receipt. */
  lines?: number
}

/** The figure's name, as the warehouse issue names it. */
export const POST_RECEIPT_FIGURE = 'warehouse.post_receipt_20_lines_p95_ms'

/**
 * Posts a goods receipt of 20 lines through the full RPC path — the dispatcher with a signed-in
 * session (demo owner), zod parsing, permission check, one transaction with the document, its
 * ledger rows, balances and audit — `runs` times on a data folder, and reports the 95th
 * percentile. Register it in the warehouse suite as `figures.push(await measurePostReceipt({ dataDir, runs }))`.
 */
export async function measurePostReceipt(ctx: PostReceiptContext): Promise<Figure> {
  const runs = ctx.runs ?? 50
  const lineCount = ctx.lines ?? 20
  const backend = await startBackend({ dataDir: ctx.dataDir })
  try {
    const call: CallContext = { connection: newConnection(), origin: 'desktop' }
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

    const session = call.connection.session!
    const { rows } = await backend.db.query<{ id: string }>(
      `SELECT id FROM products WHERE organization_id = $1 AND status = 'ACTIVE' AND deleted_at IS NULL
       ORDER BY code LIMIT $2`,
      [session.organizationId, lineCount],
    )
    if (rows.length < lineCount) throw new Error(`only ${rows.length} active products, ${lineCount} needed`)
    const input = { lines: rows.map((r, i) => ({ productId: r.id, quantity: String(1 + (i % 5)), lotNumber: null })) }

    const post = async () => {
      const started = performance.now()
      const result = await backend.dispatch('receiving.post', input, call)
      const ms = performance.now() - started
      if (!result.ok) throw new Error(`receiving.post: ${result.error.message}`)
      return ms
    }
    for (let i = 0; i < 5; i++) await post()
    const samples: number[] = []
    for (let i = 0; i < runs; i++) samples.push(await post())
    return {
      name: POST_RECEIPT_FIGURE,
      value: Math.round(percentile(samples, 95) * 10) / 10,
      unit: 'ms',
      target: { max: 50 },
      notes: `${runs} receipts of ${lineCount} lines on ${ctx.dataDir} (median ${Math.round(percentile(samples, 50) * 10) / 10} ms)`,
    }
  } finally {
    await backend.close()
  }
}
