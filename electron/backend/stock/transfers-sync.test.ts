import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type MethodName, type ParsedInput, methods } from '../../../shared/contract'
import type { CallContext } from '../call-context'
import { newConnection } from '../call-context'
import { createOrm } from '../data/orm'
import { createWriter } from '../data/write'
import { type SyncRig, type TestTerminal, createSyncRig } from '../sync/test-support'
import { sessionOf } from '../test-support'
import { stockHandlers } from '.'

// A transfer between two enrolled terminals of different workspaces, through central
// (PostgreSQL 14): the source ships, the destination sees the manifest after a pull, receives
// into its own workspace, and central accepts every transaction (nothing refused).
let rig: SyncRig
beforeEach(async () => {
  rig = await createSyncRig()
})
afterEach(async () => rig.close())

/** The stock handlers running on a terminal's own database, as its backend runs them. */
function handlersOn(terminal: TestTerminal) {
  const orm = createOrm(terminal.db)
  const handlers = stockHandlers({ orm, write: createWriter(orm, { emit: () => undefined }) })
  return async <M extends MethodName & keyof typeof handlers>(method: M, input: unknown, workspaceId: string) => {
    const ctx: CallContext = {
      connection: { ...newConnection(), session: { ...sessionOf(rig.tenant, 'manager'), workspaceId } },
      origin: 'test',
    }
    const handler = handlers[method] as (input: ParsedInput<M>, ctx: CallContext) => Promise<unknown>
    return handler(methods[method].input.parse(input) as ParsedInput<M>, ctx)
  }
}

describe('a transfer between two enrolled terminals', () => {
  it('ships at the source, is received at the destination, and every replica agrees', async () => {
    const { tenant } = rig
    const source = await rig.terminal({ workspaceId: tenant.workspaceId })
    const destination = await rig.terminal({ workspaceId: tenant.workspace2Id })
    const product = randomUUID()
    await source.db.query(
      `INSERT INTO products (id, organization_id, workspace_id, code, name, cost) VALUES ($1, $2, $3, 'B-8', 'Болт М8', 120.50)`,
      [product, tenant.organizationId, tenant.workspaceId],
    )
    await source.db.query(
      `INSERT INTO inventory_movements (organization_id, workspace_id, product_id, movement_type, quantity)
       VALUES ($1, $2, $3, 'receipt', 10)`,
      [tenant.organizationId, tenant.workspaceId, product],
    )
    await source.engine.syncOnce()
    await destination.engine.syncOnce()

    const atSource = handlersOn(source)
    const atDestination = handlersOn(destination)
    const { transferId } = (await atSource(
      'stock.transfers.create',
      { destinationWorkspaceId: tenant.workspace2Id, lines: [{ productId: product, quantity: '4' }] },
      tenant.workspaceId,
    )) as { transferId: string }
    await atSource('stock.transfers.ship', { transferId }, tenant.workspaceId)
    // The source's terminal holds only its own workspace: it cannot receive for the destination.
    await expect(atSource('stock.transfers.receive', { transferId }, tenant.workspaceId)).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect(await source.engine.syncOnce()).toMatchObject({ rejected: 0 })

    // The destination pulls the manifest (organization-wide), not the source's order.
    await destination.engine.syncOnce()
    const inbound = (await atDestination('stock.transfers.list', {}, tenant.workspace2Id)) as { id: string; status: string }[]
    expect(inbound).toEqual([expect.objectContaining({ id: transferId, status: 'in_transit', direction: 'inbound' })])
    const orders = await destination.db.query('SELECT 1 FROM orders WHERE type = $1', ['TRANSFER'])
    expect(orders.rows).toEqual([])

    await atDestination('stock.transfers.receive', { transferId }, tenant.workspace2Id)
    expect(await destination.engine.syncOnce()).toMatchObject({ rejected: 0 })
    await source.engine.syncOnce()

    const ledger = await rig.central.conn.query<{ workspace_id: string; movement_type: string; quantity: string }>(
      `SELECT workspace_id, movement_type, quantity::text AS quantity FROM inventory_movements WHERE transfer_id = $1 ORDER BY quantity`,
      [transferId],
    )
    expect(ledger.rows).toEqual([
      { workspace_id: tenant.workspaceId, movement_type: 'transfer_out', quantity: '-4.000' },
      { workspace_id: tenant.workspace2Id, movement_type: 'transfer_in', quantity: '4.000' },
    ])
    for (const db of [rig.central.conn, source.db, destination.db]) {
      const { rows } = await db.query<{ status: string }>('SELECT status FROM stock_transfers WHERE id = $1', [transferId])
      expect(rows).toEqual([{ status: 'received' }])
    }
    const balances = await rig.central.conn.query<{ workspace_id: string; on_hand: string }>(
      'SELECT workspace_id, on_hand::text AS on_hand FROM stock_balances WHERE product_id = $1 ORDER BY on_hand',
      [product],
    )
    expect(balances.rows).toEqual([
      { workspace_id: tenant.workspace2Id, on_hand: '4.000' },
      { workspace_id: tenant.workspaceId, on_hand: '6.000' },
    ])
  })
})
