import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addOrderItem, createOrder, createProduct } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { memoryLogger } from '../logger'
import { memoryVault } from '../secrets/vault'
import { type Backend, startBackend } from '../start-backend'
import { type SyncRig, createSyncRig } from '../sync/test-support'

// A receipt and a shipment posted on an enrolled terminal reach head office whole: documents,
// lines, ledger rows and the order's status, numbered under the terminal's own prefix.
describe('warehouse documents on an enrolled terminal', () => {
  let rig: SyncRig
  let dir: string
  let backend: Backend | undefined
  beforeEach(async () => {
    rig = await createSyncRig()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-wh-sync-'))
  })
  afterEach(async () => {
    await backend?.close()
    await rig.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('pushes a goods receipt and a shipment that head office accepts', async () => {
    const central = rig.central.conn
    await central.query(
      `UPDATE users SET email = 'owner@example.kz', password_hash = crypt('Owner-2026', gen_salt('bf', 6)), status = 'active',
         organization_role = 'owner' WHERE id = $1`,
      [rig.tenant.userId],
    )
    const product = await createProduct(central, rig.tenant, { name: 'Болт М8', barcode: '4870001000018' })
    const order = await createOrder(central, rig.tenant, { type: 'SALES', order_number: 'HO-ORD-1' })
    const item = await addOrderItem(central, order, product, { quantity_ordered: '2' })
    const { rows } = await central.query<{ enrollment_code: string }>(
      `SELECT enrollment_code FROM sync_create_terminal($1, $2, 'Склад', 'WH7')`,
      [rig.tenant.organizationId, rig.tenant.workspaceId],
    )
    const logger = memoryLogger()
    backend = await startBackend({ dataDir: dir, vault: memoryVault(), logger, syncIntervalMs: 3_600_000 })
    const ctx: CallContext = { connection: newConnection(), origin: 'test' }
    const call = (method: string, input: unknown) => backend!.dispatch(method as never, input, ctx)
    expect(
      await call('setup.connectToHeadOffice', { centralUrl: rig.central.syncUrl, code: rows[0]!.enrollment_code }),
    ).toMatchObject({
      ok: true,
    })
    expect(await call('auth.signIn', { email: 'owner@example.kz', password: 'Owner-2026' })).toMatchObject({ ok: true })

    expect(await call('receiving.post', { lines: [{ productId: product, quantity: '5', lotNumber: 'L-7' }] })).toMatchObject({
      ok: true,
      value: { receiptNumber: 'WH7-GRN-000001' },
    })
    expect(await call('shipping.confirm', { orderId: order })).toMatchObject({ ok: true })
    expect(
      await call('shipping.ship', { orderId: order, trackingNumber: 'KZ777', lines: [{ orderItemId: item, quantity: '2' }] }),
    ).toMatchObject({ ok: true, value: { shipmentNumber: 'WH7-SHP-000001', status: 'shipped' } })

    const cycle = await call('sync.now', {})
    expect(cycle, JSON.stringify(logger.lines.filter((l) => l.level === 'error'))).toMatchObject({
      ok: true,
      value: { rejected: 0 },
    })

    const one = async (sql: string) => (await central.query<Record<string, unknown>>(sql, [rig.tenant.organizationId])).rows
    expect(
      await one(
        `SELECT r.receipt_number, l.quantity::text, s.lot_number FROM goods_receipts r JOIN goods_receipt_lines l ON l.receipt_id = r.id
         JOIN stock_lots s ON s.id = l.lot_id WHERE r.organization_id = $1`,
      ),
    ).toEqual([{ receipt_number: 'WH7-GRN-000001', quantity: '5.000', lot_number: 'L-7' }])
    expect(
      await one(
        `SELECT s.shipment_number, s.tracking_number, l.quantity::text FROM shipments s JOIN shipment_lines l ON l.shipment_id = s.id
         WHERE s.organization_id = $1`,
      ),
    ).toEqual([{ shipment_number: 'WH7-SHP-000001', tracking_number: 'KZ777', quantity: '2.000' }])
    expect(
      await one(
        `SELECT sum(on_hand)::text AS on_hand, sum(reserved)::text AS reserved FROM stock_balances WHERE organization_id = $1`,
      ),
    ).toEqual([{ on_hand: '3.000', reserved: '0.000' }])
    expect(await one(`SELECT status FROM orders WHERE organization_id = $1 AND order_number = 'HO-ORD-1'`)).toEqual([
      { status: 'shipped' },
    ])
  })
})
