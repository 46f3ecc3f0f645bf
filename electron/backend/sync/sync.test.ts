import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type SyncRig, createSyncRig } from './test-support'

describe('sync between terminals and central', () => {
  let rig: SyncRig
  beforeEach(async () => {
    rig = await createSyncRig()
  })
  afterEach(async () => {
    await rig.close()
  })

  it('bootstraps a terminal with its organization and carries a product to a second terminal', async () => {
    const a = await rig.terminal()
    const b = await rig.terminal()
    const org = await a.db.query<{ name: string }>('SELECT name FROM organizations')
    expect(org.rows).toHaveLength(1)
    const id = randomUUID()
    await a.db.query(
      `INSERT INTO products (id, organization_id, workspace_id, code, name) VALUES ($1, $2, $3, 'P-1', 'Болт М8')`,
      [id, rig.tenant.organizationId, rig.tenant.workspaceId],
    )
    const cycleA = await a.engine.syncOnce()
    expect(cycleA.pushed).toBe(1)
    await b.engine.syncOnce()
    const got = await b.db.query<{ name: string }>('SELECT name FROM products WHERE id = $1', [id])
    expect(got.rows[0]?.name).toBe('Болт М8')
  })
})
