/**
 * The scope map: for every table, who holds it and which way it travels. Capture (terminal
 * triggers), the changelog (central triggers), push, pull, bootstrap and the tenant checks all
 * read the same declaration; migration 0016 writes it into `sync_scope` so the SQL side reads it
 * too, and a test keeps the two equal.
 */

/**
 * - `organization_row`: the organization itself (its id is the tenant).
 * - `organization`: organization-wide master data, held by every terminal of the organization.
 * - `workspace`: documents of one workspace, held by that workspace's terminals.
 * - `organization_child` / `workspace_child`: lines scoped through their parent row.
 * - `users`: people employed by the organization (no tenant column: scoped through employees).
 * - `settings`: settings of the organization or one of its workspaces.
 * - `log`: logs a terminal pushes; a row without a tenant is the pushing terminal's.
 */
export type SyncScopeKind =
  'organization_row' | 'organization' | 'workspace' | 'organization_child' | 'workspace_child' | 'users' | 'settings' | 'log'

/** Both ways (terminal ⇄ central), or push only (logs a terminal writes and never reads back). */
export type SyncDirection = 'both' | 'push'

/** One synced table. */
export interface SyncTable {
  table: string
  scope: SyncScopeKind
  direction: SyncDirection
  /** For child scopes: the parent table and the column naming the parent row. */
  parent?: { table: string; column: string }
  /** Insert-only ledgers: never updated nor deleted, so they never conflict. */
  ledger?: boolean
  /**
   * Columns maintained by triggers on every replica (totals, counters, stock): never captured,
   * never sent. Generated columns are left out automatically.
   */
  derived?: readonly string[]
  /** Columns a terminal pushes but central never sends to terminals (password hashes). */
  pushOnly?: readonly string[]
}

/**
 * Synced tables in apply order: a parent comes before the tables that refer to it, so a page
 * or a pushed transaction applied in this order satisfies most foreign keys at once (the rest
 * are deferred to commit).
 */
export const syncTables: readonly SyncTable[] = [
  { table: 'organizations', scope: 'organization_row', direction: 'both' },
  { table: 'workspaces', scope: 'organization', direction: 'both' },
  {
    table: 'users',
    scope: 'users',
    direction: 'both',
    // Kept at head office from the LOGIN audit rows terminals push (the seed's intent).
    derived: ['last_login_at', 'last_ip', 'user_agent', 'session_id'],
    pushOnly: ['password_hash'],
  },
  { table: 'departments', scope: 'organization', direction: 'both' },
  { table: 'employees', scope: 'organization', direction: 'both' },
  { table: 'app_settings', scope: 'settings', direction: 'both' },
  { table: 'document_series', scope: 'organization', direction: 'both' },
  { table: 'product_categories', scope: 'organization', direction: 'both' },
  { table: 'suppliers', scope: 'organization', direction: 'both' },
  {
    table: 'customers',
    scope: 'organization',
    direction: 'both',
    derived: ['order_count', 'lifetime_value', 'last_order_date', 'deal_count', 'balance'],
  },
  {
    table: 'customer_contacts',
    scope: 'organization_child',
    direction: 'both',
    parent: { table: 'customers', column: 'customer_id' },
  },
  {
    table: 'customer_addresses',
    scope: 'organization_child',
    direction: 'both',
    parent: { table: 'customers', column: 'customer_id' },
  },
  { table: 'products', scope: 'organization', direction: 'both', derived: ['stock_level', 'reserved_quantity'] },
  { table: 'stock_lots', scope: 'organization', direction: 'both' },
  { table: 'bills_of_materials', scope: 'organization', direction: 'both' },
  {
    table: 'bom_components',
    scope: 'organization_child',
    direction: 'both',
    parent: { table: 'bills_of_materials', column: 'bom_id' },
  },
  { table: 'projects', scope: 'workspace', direction: 'both' },
  { table: 'deals', scope: 'workspace', direction: 'both' },
  {
    table: 'deal_products',
    scope: 'workspace_child',
    direction: 'both',
    parent: { table: 'deals', column: 'deal_id' },
    derived: ['tax_amount'],
  },
  { table: 'deal_activities', scope: 'workspace_child', direction: 'both', parent: { table: 'deals', column: 'deal_id' } },
  { table: 'orders', scope: 'workspace', direction: 'both', derived: ['subtotal', 'tax_amount', 'paid_amount'] },
  {
    table: 'order_items',
    scope: 'workspace_child',
    direction: 'both',
    parent: { table: 'orders', column: 'order_id' },
    derived: ['tax_amount', 'quantity_shipped', 'quantity_returned'],
  },
  { table: 'production_orders', scope: 'workspace', direction: 'both', derived: ['quantity_produced'] },
  { table: 'invoices', scope: 'workspace', direction: 'both', derived: ['subtotal', 'tax_amount', 'paid_amount'] },
  {
    table: 'invoice_items',
    scope: 'workspace_child',
    direction: 'both',
    parent: { table: 'invoices', column: 'invoice_id' },
    derived: ['tax_amount'],
  },
  { table: 'payments', scope: 'workspace', direction: 'both' },
  { table: 'payment_allocations', scope: 'workspace', direction: 'both' },
  { table: 'inventory_movements', scope: 'workspace', direction: 'both', ledger: true },
  { table: 'tasks', scope: 'workspace', direction: 'both' },
  { table: 'time_entries', scope: 'workspace', direction: 'both' },
  { table: 'audit_logs', scope: 'log', direction: 'push', ledger: true },
  { table: 'system_logs', scope: 'log', direction: 'push', ledger: true },
  { table: 'stock_counts', scope: 'workspace', direction: 'both' },
  {
    table: 'stock_count_lines',
    scope: 'workspace_child',
    direction: 'both',
    parent: { table: 'stock_counts', column: 'stock_count_id' },
  },
  // Organization-wide: the destination workspace's terminals must see what is in transit to them.
  { table: 'stock_transfers', scope: 'organization', direction: 'both' },
  {
    table: 'stock_transfer_lines',
    scope: 'organization_child',
    direction: 'both',
    parent: { table: 'stock_transfers', column: 'stock_transfer_id' },
  },
  // Warehouse documents (0022); their stock is in inventory_movements.
  { table: 'goods_receipts', scope: 'workspace', direction: 'both' },
  {
    table: 'goods_receipt_lines',
    scope: 'workspace_child',
    direction: 'both',
    parent: { table: 'goods_receipts', column: 'receipt_id' },
  },
  { table: 'shipments', scope: 'workspace', direction: 'both' },
  { table: 'shipment_lines', scope: 'workspace_child', direction: 'both', parent: { table: 'shipments', column: 'shipment_id' } },
]

/**
 * Tables that never travel, with the reason: a test checks that every table of the schema is
 * either synced or listed here, so a new table cannot be forgotten.
 */
export const localOnlyTables: Readonly<Record<string, string>> = {
  schema_migrations: 'each database records its own migrations',
  terminal_state: 'the terminal’s own identity',
  local_credentials: 'sign-in verifiers of people who signed in on this terminal',
  sign_in_throttle: 'failed sign-ins on this terminal',
  email_verifications: 'codes are issued and used on the replica that holds the person’s session',
  stock_balances: 'maintained from the ledger by triggers on every replica',
  daily_sales: 'maintained from orders by triggers on every replica',
  tax_rates: 'reference data shipped with the migrations',
}

/** The synced table named `table`, or undefined. */
export function syncTable(table: string): SyncTable | undefined {
  return syncTables.find((t) => t.table === table)
}
