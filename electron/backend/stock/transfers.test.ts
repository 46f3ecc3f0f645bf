import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Tenant } from '../../../db/test/fixtures'
import type { Backend } from '../start-backend'
import { as, call, onHand, stockBackend, stockedProduct } from './test-support'

// Transfers between the tenant's two workspaces through the real dispatcher on PGlite: the
// TRANSFER order and its transfer_out rows at the source, the manifest, transfer_in rows at
// the destination, and the states in between.
let backend: Backend
let tenant: Tenant
let bolt: string
let nut: string

beforeAll(async () => {
  ;({ backend, tenant } = await stockBackend())
  bolt = await stockedProduct(backend, tenant, { name: 'Болт М8', barcode: '4601234567893', cost: '120.50', onHand: '10' })
  nut = await stockedProduct(backend, tenant, { name: 'Гайка М8', cost: '15.00', onHand: '2.5' })
})
afterAll(async () => backend.close())

const source = () => as(tenant, 'employee')
const destination = () => as(tenant, 'employee', 'ru', tenant.workspace2Id)

async function ledgerOf(transferId: string) {
  return (
    await backend.db.query<{
      workspace_id: string
      product_id: string
      movement_type: string
      quantity: string
      counterpart: string
    }>(
      `SELECT m.workspace_id, m.product_id, m.movement_type, m.quantity::text AS quantity, m.counterpart_workspace_id AS counterpart
       FROM inventory_movements m WHERE m.transfer_id = $1 ORDER BY m.movement_type DESC, m.quantity`,
      [transferId],
    )
  ).rows
}

describe('a transfer from one workspace to another', () => {
  let transferId: string
  let orderId: string

  it('is created as a draft TRANSFER order with its manifest, numbered from the ORDER series', async () => {
    const created = await call(
      backend,
      'stock.transfers.create',
      {
        destinationWorkspaceId: tenant.workspace2Id,
        lines: [
          { productId: bolt, quantity: '4' },
          { productId: nut, quantity: '1,5' },
        ],
      },
      source(),
    )
    ;({ transferId, orderId } = created)
    expect(created.number).toMatch(/-ORD-000001$/)
    const { rows } = await backend.db.query<{ type: string; status: string; workspace_id: string }>(
      'SELECT type, status, workspace_id FROM orders WHERE id = $1',
      [orderId],
    )
    expect(rows).toEqual([{ type: 'TRANSFER', status: 'pending', workspace_id: tenant.workspaceId }])
    const detail = await call(backend, 'stock.transfers.get', { transferId }, source())
    expect(detail).toMatchObject({ status: 'draft', direction: 'outgoing', lineCount: 2 })
    expect(detail.lines.map((l) => l.quantity)).toEqual(['4.000', '1.500'])
    // The destination does not see drafts.
    expect(await call(backend, 'stock.transfers.list', {}, destination())).toEqual([])
  })

  it('cannot be received before it is shipped', async () => {
    const early = await backend.dispatch('stock.transfers.receive', { transferId }, destination())
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('черновик') } })
  })

  it('is shipped only from its source, posting transfer_out rows; the goods are then in transit', async () => {
    const elsewhere = await backend.dispatch('stock.transfers.ship', { transferId }, destination())
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Алматы') } })
    await call(backend, 'stock.transfers.ship', { transferId }, source())
    expect(await ledgerOf(transferId)).toEqual([
      {
        workspace_id: tenant.workspaceId,
        product_id: bolt,
        movement_type: 'transfer_out',
        quantity: '-4.000',
        counterpart: tenant.workspace2Id,
      },
      {
        workspace_id: tenant.workspaceId,
        product_id: nut,
        movement_type: 'transfer_out',
        quantity: '-1.500',
        counterpart: tenant.workspace2Id,
      },
    ])
    expect(await onHand(backend, bolt, tenant.workspaceId)).toBe('6.000')
    expect(await onHand(backend, bolt, tenant.workspace2Id)).toBe('0.000')
    const { rows } = await backend.db.query<{ status: string; shipped: string }>(
      `SELECT o.status, (SELECT sum(quantity_shipped)::text FROM order_items WHERE order_id = o.id) AS shipped FROM orders o WHERE o.id = $1`,
      [orderId],
    )
    expect(rows).toEqual([{ status: 'shipped', shipped: '5.500' }])
    const again = await backend.dispatch('stock.transfers.ship', { transferId }, source())
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const inbound = await call(backend, 'stock.transfers.list', {}, destination())
    expect(inbound).toEqual([expect.objectContaining({ id: transferId, direction: 'inbound', status: 'in_transit' })])
  })

  it('is received at the destination with transfer_in rows there, a short line as counted', async () => {
    const detail = await call(backend, 'stock.transfers.get', { transferId }, destination())
    const nutLine = detail.lines.find((l) => l.productId === nut)!
    const negative = await backend.dispatch(
      'stock.transfers.receive',
      { transferId, lines: [{ lineId: nutLine.id, quantity: '-1' }] },
      destination(),
    )
    expect(negative).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: ['lines', 0, 'quantity'] }] } })
    await call(backend, 'stock.transfers.receive', { transferId, lines: [{ lineId: nutLine.id, quantity: '1' }] }, destination())
    expect((await ledgerOf(transferId)).filter((m) => m.movement_type === 'transfer_in')).toEqual([
      {
        workspace_id: tenant.workspace2Id,
        product_id: nut,
        movement_type: 'transfer_in',
        quantity: '1.000',
        counterpart: tenant.workspaceId,
      },
      {
        workspace_id: tenant.workspace2Id,
        product_id: bolt,
        movement_type: 'transfer_in',
        quantity: '4.000',
        counterpart: tenant.workspaceId,
      },
    ])
    expect(await onHand(backend, bolt, tenant.workspace2Id)).toBe('4.000')
    expect(await onHand(backend, nut, tenant.workspace2Id)).toBe('1.000')
    const after = await call(backend, 'stock.transfers.get', { transferId }, destination())
    expect(after.status).toBe('received')
    expect(after.lines.map((l) => l.quantityReceived)).toEqual(['4.000', '1.000'])
    const twice = await backend.dispatch('stock.transfers.receive', { transferId }, destination())
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})

describe('what a transfer refuses', () => {
  it('more than is available at the source, naming the line; nothing is posted', async () => {
    const { transferId } = await call(
      backend,
      'stock.transfers.create',
      {
        destinationWorkspaceId: tenant.workspace2Id,
        lines: [
          { productId: bolt, quantity: '1' },
          { productId: nut, quantity: '5' },
        ],
      },
      source(),
    )
    const refused = await backend.dispatch('stock.transfers.ship', { transferId }, as(tenant, 'employee', 'en'))
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Line 2: “Гайка М8” — 1.000 available, 5.000 needed',
        issues: [{ path: ['lines', 1, 'quantity'] }],
      },
    })
    expect(await ledgerOf(transferId)).toEqual([])
    await call(backend, 'stock.transfers.cancel', { transferId }, source())
    const ship = await backend.dispatch('stock.transfers.ship', { transferId }, source())
    expect(ship).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('an inactive product, the same workspace, a zero quantity and a product twice', async () => {
    const old = await stockedProduct(backend, tenant, { name: 'Старый болт', status: 'DISCONTINUED', onHand: '1' })
    const cases = [
      [
        { destinationWorkspaceId: tenant.workspace2Id, lines: [{ productId: old, quantity: '1' }] },
        ['lines', 0, 'productId'],
        'не активен',
      ],
      [
        { destinationWorkspaceId: tenant.workspaceId, lines: [{ productId: bolt, quantity: '1' }] },
        ['destinationWorkspaceId'],
        'совпадает',
      ],
      [
        { destinationWorkspaceId: tenant.workspace2Id, lines: [{ productId: bolt, quantity: '0' }] },
        ['lines', 0, 'quantity'],
        'больше нуля',
      ],
      [
        {
          destinationWorkspaceId: tenant.workspace2Id,
          lines: [
            { productId: bolt, quantity: '1' },
            { productId: bolt, quantity: '2' },
          ],
        },
        ['lines', 1, 'productId'],
        'уже есть в строке 1',
      ],
    ] as const
    for (const [input, path, text] of cases) {
      const result = await backend.dispatch('stock.transfers.create', input, source())
      expect(result).toMatchObject({
        ok: false,
        error: { issues: [expect.objectContaining({ path, message: expect.stringContaining(text) })] },
      })
    }
  })
})
