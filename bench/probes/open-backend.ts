// Run in its own process by the system suite: opens a data folder with the real backend and
// prints the time to the first answered query and the resident memory afterwards.
import { newConnection } from '../../electron/backend/call-context'
import { startBackend } from '../../electron/backend/start-backend'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: open-backend <data-dir>')
const started = performance.now()
const backend = await startBackend({ dataDir })
// The first query a window sends on start is the health check.
const health = await backend.dispatch('system.health', {}, { connection: newConnection(), origin: 'cli' })
if (!health.ok) throw new Error(health.error.message)
const openMs = performance.now() - started
// The seed's three views, once the schema has them: reading them is part of the figure.
const { rows } = await backend.db.query<{ name: string }>(
  "SELECT table_name AS name FROM information_schema.views WHERE table_schema = 'public' AND table_name IN ('customer_summary','sales_pipeline','inventory_status')",
)
for (const view of rows) await backend.db.query(`SELECT * FROM ${view.name}`)
const rssMb = process.memoryUsage().rss / 1024 / 1024
await backend.close()
console.log(JSON.stringify({ openMs: Math.round(openMs), rssMb: Math.round(rssMb) }))
