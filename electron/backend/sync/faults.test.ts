/**
 * Faults: the connection to head office cut at random points of push and pull (a loopback TCP
 * proxy), and the terminal process killed (SIGKILL) while it pushes or applies pages. Nothing
 * is lost, nothing is duplicated, and the replicas converge.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runTerminalCommand } from '../cli/terminal'
import { connectCentral } from './central-client'
import { type SyncRig, createSyncRig, tableRows } from './test-support'

/** A TCP proxy to central that can cut every connection after some number of bytes. */
async function cuttingProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>()
  let budget = Infinity
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host)
    sockets.add(client).add(upstream)
    const relay = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk: Buffer) => {
        budget -= chunk.length
        if (budget <= 0) {
          client.destroy()
          upstream.destroy()
          return
        }
        to.write(chunk)
      })
    relay(client, upstream)
    relay(upstream, client)
    const close = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', close).on('close', close)
    upstream.on('error', close).on('close', close)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    port,
    /** Cuts the connections once `bytes` more have passed (Infinity: healthy). */
    cutAfter(bytes: number) {
      budget = bytes
    },
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** A small deterministic PRNG (mulberry32), so the cut points are the same on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('sync under faults', () => {
  let rig: SyncRig
  beforeEach(async () => {
    rig = await createSyncRig()
  })
  afterEach(async () => {
    await rig.close()
  })

  it('survives connections cut at random points of push and pull', async () => {
    const url = new URL(rig.central.syncUrl)
    const proxy = await cuttingProxy({ host: url.hostname, port: Number(url.port) })
    try {
      const via = new URL(rig.central.syncUrl)
      via.port = String(proxy.port)
      // Enrolled through the proxy: every later call crosses it.
      const a = await rig.terminal({ connect: (u) => (void u, connectCentralVia(via.toString())) })
      const b = await rig.terminal()
      const random = prng(7)
      const product = randomUUID()
      await a.db.query(
        `INSERT INTO products (id, organization_id, workspace_id, code, name) VALUES ($1, $2, $3, 'F-1', 'Гвоздь')`,
        [product, rig.tenant.organizationId, rig.tenant.workspaceId],
      )
      let movements = 0
      for (let round = 0; round < 12; round++) {
        for (let i = 0; i < 5; i++) {
          await a.db.query(
            `INSERT INTO inventory_movements (id, organization_id, workspace_id, product_id, movement_type, quantity)
             VALUES ($1, $2, $3, $4, 'receipt', 1)`,
            [randomUUID(), rig.tenant.organizationId, rig.tenant.workspaceId, product],
          )
          movements++
        }
        // Head office writes too, so pulls have pages to cut.
        await rig.central.conn.query(
          `INSERT INTO customers (id, organization_id, workspace_id, name) SELECT gen_random_uuid(), $1, $2, 'Клиент ' || g
           FROM generate_series(1, 40) g`,
          [rig.tenant.organizationId, rig.tenant.workspaceId],
        )
        proxy.cutAfter(Math.floor(random() * 60_000))
        await a.engine.syncOnce().catch((error: Error) => expect(error.name).toBe('CentralUnreachableError'))
      }
      proxy.cutAfter(Infinity)
      await a.engine.syncOnce()
      await b.engine.syncOnce()
      const count = await rig.central.conn.query<{ n: number }>('SELECT count(*)::int AS n FROM inventory_movements')
      expect(count.rows[0]!.n).toBe(movements)
      for (const table of ['products', 'inventory_movements', 'stock_balances', 'customers']) {
        const where = `organization_id = '${rig.tenant.organizationId}'`
        const expected = await tableRows(rig.central.conn, table, where)
        expect(await tableRows(a.db, table, where), table).toEqual(expected)
        expect(await tableRows(b.db, table, where), table).toEqual(expected)
      }
    } finally {
      await proxy.close()
    }
  })

  it('loses and duplicates nothing when the terminal process is killed while pushing and pulling', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-kill-'))
    try {
      const { rows } = await rig.central.conn.query<{ enrollment_code: string }>(
        `SELECT enrollment_code FROM sync_create_terminal($1, $2, 'Убиваемый', 'KILL')`,
        [rig.tenant.organizationId, rig.tenant.workspaceId],
      )
      const run = (args: string[]) => runTerminalCommand([...args, '--data-dir', dir])
      expect((await run(['enroll', '--central', rig.central.syncUrl, '--code', rows[0]!.enrollment_code])).code).toBe(0)
      const product = randomUUID()
      const sql = (statement: string) => run(['sql', statement])
      expect(
        (
          await sql(
            `INSERT INTO products (id, organization_id, workspace_id, code, name) VALUES ('${product}', '${rig.tenant.organizationId}', '${rig.tenant.workspaceId}', 'K-1', 'Шуруп')`,
          )
        ).code,
      ).toBe(0)
      const random = prng(11)
      let movements = 0
      for (let round = 0; round < 3; round++) {
        // Work waiting to be pushed, and pages waiting to be pulled.
        const values = Array.from({ length: 200 }, () => {
          movements++
          return `('${randomUUID()}', '${rig.tenant.organizationId}', '${rig.tenant.workspaceId}', '${product}', 'receipt', 1)`
        })
        expect(
          (
            await sql(
              `INSERT INTO inventory_movements (id, organization_id, workspace_id, product_id, movement_type, quantity) VALUES ${values.join(', ')}`,
            )
          ).code,
        ).toBe(0)
        await rig.central.conn.query(
          `INSERT INTO customers (id, organization_id, workspace_id, name) SELECT gen_random_uuid(), $1, $2, 'К ' || g
           FROM generate_series(1, 1500) g`,
          [rig.tenant.organizationId, rig.tenant.workspaceId],
        )
        // The support CLI's sync in its own process, killed after a random moment.
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'electron/backend/cli/terminal.ts', 'sync', '--data-dir', dir],
          {
            stdio: 'ignore',
          },
        )
        await new Promise((resolve) => setTimeout(resolve, 1500 + Math.floor(random() * 2500)))
        child.kill('SIGKILL')
        await new Promise((resolve) => child.once('exit', resolve))
        // The lock file of the killed process names a dead pid: the next run takes it over.
      }
      const final = await run(['sync'])
      expect(final.code, [...final.out, ...final.err].join('\n')).toBe(0)
      const count = await rig.central.conn.query<{ n: number }>('SELECT count(*)::int AS n FROM inventory_movements')
      expect(count.rows[0]!.n).toBe(movements)
      const verified = await run(['verify'])
      expect(verified.code, [...verified.out, ...verified.err].join('\n')).toBe(0)
      const local = await run(['sql', `SELECT count(*)::int AS n FROM customers`])
      const central = await rig.central.conn.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')
      expect(JSON.parse(local.out.join('\n'))).toEqual([{ n: central.rows[0]!.n }])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})

function connectCentralVia(url: string) {
  return connectCentral(url, { connectTimeoutMs: 2000 })
}
