/**
 * The stock ledger on both engines: balances and the seed's stock columns equal the ledger
 * after receipts, shipments, reservations, transfers, fractional quantities and lots; the
 * ledger is append-only; stock columns cannot be written directly.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { engines, type TestDatabase } from './engines'
import { addOrderItem, createOrder, createProduct, createTenant, insert, one, postMovement, type Tenant } from './fixtures'

describe.each(engines)('stock ledger on $name', ({ open }) => {
  let db: TestDatabase
  let t: Tenant
  beforeAll(async () => {
    db = await open()
    t = await createTenant(db.conn)
  })
  afterAll(() => db?.close())

  const product = (id: string) =>
    one<{ stock_level: string; reserved_quantity: string; available_quantity: string }>(
      db.conn,
      'SELECT stock_level, reserved_quantity, available_quantity FROM products WHERE id = $1',
      [id],
    )
  const balances = async (id: string) =>
    (
      await db.conn.query<{ workspace_id: string; lot_id: string | null; on_hand: string; reserved: string; available: string }>(
        'SELECT workspace_id, lot_id, on_hand, reserved, available FROM stock_balances WHERE product_id = $1 ORDER BY workspace_id, lot_id NULLS FIRST',
        [id],
      )
    ).rows
  const ledgerTotals = (id: string) =>
    one<{ on_hand: string; reserved: string }>(
      db.conn,
      `SELECT COALESCE(sum(quantity) FILTER (WHERE movement_type NOT IN ('reservation', 'release')), 0)::numeric(12,3) AS on_hand,
              COALESCE(sum(quantity) FILTER (WHERE movement_type IN ('reservation', 'release')), 0)::numeric(12,3) AS reserved
         FROM inventory_movements WHERE product_id = $1`,
      [id],
    )

  it('keeps stock equal to the ledger through receipts, reservations, shipments and transfers with fractional quantities', async () => {
    const p = await createProduct(db.conn, t, { unit: 'кг' })
    await postMovement(db.conn, t, p, 'receipt', '10.500', { unit_cost: '1200.00' })
    await postMovement(db.conn, t, p, 'reservation', '2.250')
    await postMovement(db.conn, t, p, 'release', '-2.250')
    await postMovement(db.conn, t, p, 'shipment', '-2.250')
    await postMovement(db.conn, t, p, 'reservation', '1.125')
    const transferId = randomUUID()
    await postMovement(db.conn, t, p, 'transfer_out', '-3.000', {
      transfer_id: transferId,
      counterpart_workspace_id: t.workspace2Id,
    })
    // in transit: gone from the first workspace, not yet in the second
    expect((await product(p)).stock_level).toBe('5.250')
    await postMovement(db.conn, t, p, 'transfer_in', '3.000', {
      workspace_id: t.workspace2Id,
      transfer_id: transferId,
      counterpart_workspace_id: t.workspaceId,
    })
    await postMovement(db.conn, t, p, 'adjustment', '-0.001', { reason: 'inventory count' })

    expect(await product(p)).toEqual({ stock_level: '8.249', reserved_quantity: '1.125', available_quantity: '7.124' })
    expect(await balances(p)).toEqual(
      [
        { workspace_id: t.workspaceId, lot_id: null, on_hand: '5.249', reserved: '1.125', available: '4.124' },
        { workspace_id: t.workspace2Id, lot_id: null, on_hand: '3.000', reserved: '0.000', available: '3.000' },
      ].sort((a, b) => a.workspace_id.localeCompare(b.workspace_id)),
    )
    expect(await ledgerTotals(p)).toEqual({ on_hand: '8.249', reserved: '1.125' })
  })

  it('keeps balances per lot (GS1 lot and expiry) and refuses a lot of another product', async () => {
    const p = await createProduct(db.conn, t, { type: 'MATERIAL' })
    const other = await createProduct(db.conn, t)
    const lotA = await insert(db.conn, 'stock_lots', {
      organization_id: t.organizationId,
      product_id: p,
      gtin: '04601234567893',
      lot_number: 'A-2026-01',
      expiry_date: '2027-01-31',
    })
    const lotB = await insert(db.conn, 'stock_lots', {
      organization_id: t.organizationId,
      product_id: p,
      gtin: '04601234567893',
      lot_number: 'B-2026-02',
      expiry_date: '2027-06-30',
    })
    await postMovement(db.conn, t, p, 'receipt', 5, { lot_id: lotA })
    await postMovement(db.conn, t, p, 'receipt', 7, { lot_id: lotB })
    await postMovement(db.conn, t, p, 'receipt', 1) // lot unknown
    await postMovement(db.conn, t, p, 'shipment', -2, {
      lot_id: lotA,
      marking_codes: JSON.stringify([{ '01': '04601234567893', '21': 'sn1', '91': 'EE07', '92': 'c2lnbmF0dXJl' }]),
    })
    const rows = await balances(p)
    expect(rows.map((r) => [r.lot_id, r.on_hand])).toEqual(
      expect.arrayContaining([
        [null, '1.000'],
        [lotA, '3.000'],
        [lotB, '7.000'],
      ]),
    )
    expect((await product(p)).stock_level).toBe('11.000')
    await expect(postMovement(db.conn, t, other, 'receipt', 1, { lot_id: lotA })).rejects.toThrow(/does not belong to product/)
    // the same lot twice for a product is refused
    await expect(
      insert(db.conn, 'stock_lots', { organization_id: t.organizationId, product_id: p, lot_number: 'A-2026-01' }),
    ).rejects.toThrow(/duplicate key|unique/)
  })

  it('refuses quantities whose sign contradicts the movement type', async () => {
    const p = await createProduct(db.conn, t)
    await expect(postMovement(db.conn, t, p, 'receipt', -1)).rejects.toThrow(/ck_inventory_movements_sign/)
    await expect(postMovement(db.conn, t, p, 'shipment', 1)).rejects.toThrow(/ck_inventory_movements_sign/)
    await expect(postMovement(db.conn, t, p, 'release', 1)).rejects.toThrow(/ck_inventory_movements_sign/)
    await expect(postMovement(db.conn, t, p, 'adjustment', 0)).rejects.toThrow(/ck_inventory_movements_sign/)
    await expect(postMovement(db.conn, t, p, 'transfer_out', -1)).rejects.toThrow(/ck_inventory_movements_transfer/)
  })

  it('refuses to update or delete ledger rows', async () => {
    const p = await createProduct(db.conn, t)
    const m = await postMovement(db.conn, t, p, 'receipt', 4)
    await expect(db.conn.query('UPDATE inventory_movements SET quantity = 40 WHERE id = $1', [m])).rejects.toThrow(/append-only/)
    await expect(db.conn.query('DELETE FROM inventory_movements WHERE id = $1', [m])).rejects.toThrow(/append-only/)
    expect((await product(p)).stock_level).toBe('4.000')
  })

  it('refuses direct writes to products.stock_level, reserved_quantity and stock_balances', async () => {
    const p = await createProduct(db.conn, t)
    await postMovement(db.conn, t, p, 'receipt', 3)
    await expect(db.conn.query('UPDATE products SET stock_level = 100 WHERE id = $1', [p])).rejects.toThrow(
      /maintained from inventory_movements/,
    )
    await expect(db.conn.query('UPDATE products SET reserved_quantity = 1 WHERE id = $1', [p])).rejects.toThrow(
      /maintained from inventory_movements/,
    )
    await expect(createProduct(db.conn, t, { stock_level: 5 })).rejects.toThrow(/maintained from inventory_movements/)
    // setting the flag by hand is not enough: the write must come from the ledger trigger
    await expect(
      db.conn.transaction(async (tx) => {
        await tx.exec("SET LOCAL prometric.derived = 'on'")
        await tx.query('UPDATE products SET stock_level = 100 WHERE id = $1', [p])
      }),
    ).rejects.toThrow(/maintained from inventory_movements/)
    await expect(db.conn.query('UPDATE stock_balances SET on_hand = 100 WHERE product_id = $1', [p])).rejects.toThrow(
      /maintained by triggers/,
    )
    await expect(db.conn.query('DELETE FROM stock_balances WHERE product_id = $1', [p])).rejects.toThrow(/maintained by triggers/)
    // other product columns stay editable
    await db.conn.query("UPDATE products SET name = 'Болт М10' WHERE id = $1", [p])
    expect((await product(p)).stock_level).toBe('3.000')
  })

  it('keeps its own stock while pulled changes are applied, and still counts pulled movements', async () => {
    const p = await createProduct(db.conn, t)
    await postMovement(db.conn, t, p, 'receipt', 6)
    await db.conn.transaction(async (tx) => {
      await tx.exec("SET LOCAL prometric.sync_apply = 'on'")
      // a pulled product row carries another replica's (stale) stock: ignored, not an error
      await tx.query("UPDATE products SET stock_level = 999, name = 'Болт М8 оцинк.' WHERE id = $1", [p])
      await postMovement(tx, t, p, 'shipment', -1)
    })
    const row = await one<{ stock_level: string; name: string }>(
      db.conn,
      'SELECT stock_level, name FROM products WHERE id = $1',
      [p],
    )
    expect(row).toEqual({ stock_level: '5.000', name: 'Болт М8 оцинк.' })
  })

  it('counts movements that arrive before their product (deferred constraints during sync)', async () => {
    const productId = randomUUID()
    await db.conn.transaction(async (tx) => {
      await tx.exec("SET CONSTRAINTS ALL DEFERRED; SET LOCAL prometric.sync_apply = 'on'")
      await postMovement(tx, t, productId, 'receipt', '2.5')
      await insert(tx, 'products', {
        id: productId,
        organization_id: t.organizationId,
        workspace_id: t.workspaceId,
        code: `SYNC-${productId}`,
        name: 'Синхр.',
        stock_level: 77, // another replica's derived value: replaced by the ledger's
      })
    })
    expect((await product(productId)).stock_level).toBe('2.500')
  })

  it('derives order_items.quantity_shipped / quantity_returned and production quantity_produced from the ledger', async () => {
    const p = await createProduct(db.conn, t, { type: 'MANUFACTURED' })
    const order = await createOrder(db.conn, t)
    const item = await addOrderItem(db.conn, order, p, { quantity_ordered: '5', quantity_shipped: '99' })
    expect((await one(db.conn, 'SELECT quantity_shipped FROM order_items WHERE id = $1', [item])).quantity_shipped).toBe('0.000')
    await postMovement(db.conn, t, p, 'production_output', '4.5', {
      production_order_id: await insert(db.conn, 'production_orders', {
        organization_id: t.organizationId,
        workspace_id: t.workspaceId,
        product_id: p,
        quantity_to_produce: '4.5',
        created_by: t.employeeId,
      }),
    })
    const po = await one<{ id: string; quantity_produced: string }>(
      db.conn,
      'SELECT id, quantity_produced FROM production_orders WHERE product_id = $1',
      [p],
    )
    expect(po.quantity_produced).toBe('4.500')
    await postMovement(db.conn, t, p, 'shipment', '-3', { order_id: order, order_item_id: item })
    await postMovement(db.conn, t, p, 'shipment', '-1.5', { order_id: order, order_item_id: item })
    await postMovement(db.conn, t, p, 'return', '0.5', { order_id: order, order_item_id: item })
    expect(await one(db.conn, 'SELECT quantity_shipped, quantity_returned FROM order_items WHERE id = $1', [item])).toEqual({
      quantity_shipped: '4.500',
      quantity_returned: '0.500',
    })
    // a write of the derived column is recomputed away
    await db.conn.query('UPDATE order_items SET quantity_shipped = 0 WHERE id = $1', [item])
    expect((await one(db.conn, 'SELECT quantity_shipped FROM order_items WHERE id = $1', [item])).quantity_shipped).toBe('4.500')
    expect((await product(p)).stock_level).toBe('0.500')
  })
})
