/**
 * The drizzle-orm description of the database that db/migrations builds, one file per domain,
 * re-exported here so that `drizzle(pglite, { schema })` sees every table and view.
 *
 * The SQL migrations are the source of truth and the only way the schema changes: these
 * definitions describe the result for typed queries and are held to it by
 * schema-parity.test.ts. Never generate migrations from them (drizzle-kit generate / push):
 * they cannot say everything the SQL says, namely
 *  - DEFERRABLE foreign keys (every key is; sync applies rows in any order);
 *  - audit_logs being partitioned by month, and its partitions;
 *  - triggers (updated_at, derived columns, guards, the append-only ledger), functions,
 *    row-level security and grants (central);
 *  - the SQL of the views (declared `.existing()`: drizzle reads them, never creates them);
 *  - daily_sales_summary, left out on purpose: the app reads the daily_sales table.
 *
 * Conventions: numerics are strings (money and quantities never pass through a float);
 * TIMESTAMP and DATE are strings (Asia/Almaty wall clock, see helpers.ts); SQL in checks,
 * index predicates and generated columns is written as in the migrations, with bare column
 * names. Derived columns (totals, stock, customer counters) are recomputed by triggers:
 * whatever is written into them is replaced.
 */
export * from './identity'
export * from './organization'
export * from './catalog'
export * from './crm'
export * from './orders'
export * from './production'
export * from './finance'
export * from './work'
export * from './audit'
export * from './config'
export * from './inventory'
export * from './stock-control'
export * from './terminal'
export * from './sync'
export * from './warehouse-documents'
