import type { MethodName, MethodOutput, Result } from '../../../shared/contract'
import type { Locale } from '../../../shared/locale'
import type { OrganizationRole } from '../../../shared/permissions'
import { pgliteConnection } from '../../../db/connection'
import { type Tenant, createProduct, createTenant, postMovement } from '../../../db/test/fixtures'
import { type CallContext, newConnection } from '../call-context'
import { type Backend, startBackend } from '../start-backend'
import { sessionOf } from '../test-support'

/** A backend with one tenant (two workspaces) for the stock area's integration tests. */
export async function stockBackend(): Promise<{ backend: Backend; tenant: Tenant }> {
  const backend = await startBackend()
  const tenant = await createTenant(pgliteConnection(backend.db))
  return { backend, tenant }
}

/** A call context of the tenant's person in a role, in a workspace (the first by default). */
export function as(
  tenant: Tenant,
  role: OrganizationRole = 'manager',
  locale: Locale = 'ru',
  workspaceId = tenant.workspaceId,
): CallContext {
  return { connection: { ...newConnection(), locale, session: { ...sessionOf(tenant, role), workspaceId } }, origin: 'test' }
}

/** The value of a successful call; a failure fails the test with its message. */
export function valueOf<M extends MethodName>(result: Result<unknown>): MethodOutput<M> {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as MethodOutput<M>
}

/** Calls a method and returns its value. */
export async function call<M extends MethodName>(
  backend: Backend,
  method: M,
  input: unknown,
  ctx: CallContext,
): Promise<MethodOutput<M>> {
  return valueOf<M>(await backend.dispatch(method, input, ctx))
}

/** A product with a barcode and cost, and optionally stock received into a workspace. */
export async function stockedProduct(
  backend: Backend,
  tenant: Tenant,
  values: Record<string, unknown> & { onHand?: string; workspaceId?: string },
): Promise<string> {
  const { onHand, workspaceId, ...columns } = values
  const conn = pgliteConnection(backend.db)
  const id = await createProduct(conn, tenant, columns)
  if (onHand) await postMovement(conn, tenant, id, 'receipt', onHand, { workspace_id: workspaceId ?? tenant.workspaceId })
  return id
}

/** On-hand quantity of a product in a workspace, from the balances the ledger maintains. */
export async function onHand(backend: Backend, productId: string, workspaceId: string): Promise<string> {
  const { rows } = await backend.db.query<{ q: string }>(
    `SELECT COALESCE(sum(on_hand), 0::numeric(12,3))::text AS q FROM stock_balances WHERE product_id = $1 AND workspace_id = $2`,
    [productId, workspaceId],
  )
  return rows[0]!.q
}
