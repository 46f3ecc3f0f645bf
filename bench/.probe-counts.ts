import pg from 'pg'
const port = Number(process.argv[2])
const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'prometric-bench', database: 'bench_boot' })
await c.connect()
const ws = process.argv[3]
const { rows } = await c.query(`SELECT table_name, scope FROM sync_scope WHERE direction='both' ORDER BY apply_order`)
for (const r of rows) {
  const has = (await c.query(`SELECT count(*)::int n FROM information_schema.columns WHERE table_name=$1 AND column_name='workspace_id'`, [r.table_name])).rows[0].n
  const q = has ? `SELECT count(*)::int n, count(*) FILTER (WHERE workspace_id = '${ws}')::int w FROM ${r.table_name}` : `SELECT count(*)::int n FROM ${r.table_name}`
  console.log(r.table_name, r.scope, JSON.stringify((await c.query(q)).rows[0]))
}
await c.end()
