/**
 * Sync (0016 on both engines; 0018 on terminals only): the scope map, the terminal's sync state,
 * its outbox of captured changes, refused transactions, conflicts, the staged snapshot and the
 * schema version of an outbox older than a migration. Central's own sync tables (0017) are not
 * described here: only SQL functions touch them. BIGINT counters and clocks are bigints (an HLC
 * exceeds a float's exact range).
 */
import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core'
import { wallClock } from './helpers'

/** Which tables travel, how they are scoped to a tenant, in which order, with which columns. */
export const syncScope = pgTable(
  'sync_scope',
  {
    tableName: text('table_name').primaryKey(),
    applyOrder: integer('apply_order').notNull(),
    scope: text('scope').notNull(),
    direction: text('direction').notNull(),
    parentTable: text('parent_table'),
    parentColumn: text('parent_column'),
    ledger: boolean('ledger').notNull().default(false),
    derived: text('derived')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    pushOnly: text('push_only')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    columns: text('columns')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    keyColumns: text('key_columns')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    unique('sync_scope_apply_order_key').on(t.applyOrder),
    check(
      'sync_scope_scope_check',
      sql`${t.scope} IN ('organization_row', 'organization', 'workspace', 'organization_child', 'workspace_child', 'users', 'settings', 'log')`,
    ),
    check('sync_scope_direction_check', sql`${t.direction} IN ('both', 'push')`),
    check(
      'sync_scope_check',
      sql`(${t.scope} IN ('organization_child', 'workspace_child')) = (${t.parentTable} IS NOT NULL AND ${t.parentColumn} IS NOT NULL)`,
    ),
  ],
)

/** The enrolled terminal's one row: identity, counters, clock, cursor and last outcome. */
export const syncState = pgTable(
  'sync_state',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    terminalId: uuid('terminal_id').notNull(),
    centralUrl: text('central_url').notNull(),
    organizationId: uuid('organization_id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    numberPrefix: varchar('number_prefix', { length: 20 }).notNull(),
    txSeq: bigint('tx_seq', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    hlc: bigint('hlc', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    clockOffsetMs: bigint('clock_offset_ms', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    pullCursor: bigint('pull_cursor', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    ackedSeq: bigint('acked_seq', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    bootstrap: jsonb('bootstrap'),
    schemaVersion: integer('schema_version'),
    lastPushAt: wallClock('last_push_at'),
    lastPullAt: wallClock('last_pull_at'),
    lastSyncAt: wallClock('last_sync_at'),
    lastError: text('last_error'),
    enrolledAt: wallClock('enrolled_at')
      .notNull()
      .default(sql`CURRENT_TIMESTAMP`),
  },
  (t) => [check('sync_state_singleton_check', sql`${t.singleton}`)],
)

/** Captured changes waiting for head office, in capture order. */
export const syncOutbox = pgTable(
  'sync_outbox',
  {
    seq: bigserial('seq', { mode: 'bigint' }).primaryKey(),
    txSeq: bigint('tx_seq', { mode: 'bigint' }).notNull(),
    hlc: bigint('hlc', { mode: 'bigint' }).notNull(),
    tableName: text('table_name').notNull(),
    rowId: uuid('row_id').notNull(),
    op: char('op', { length: 1 }).notNull(),
    data: jsonb('data'),
    createdAt: wallClock('created_at')
      .notNull()
      .default(sql`CURRENT_TIMESTAMP`),
  },
  (t) => [
    check('sync_outbox_op_check', sql`${t.op} IN ('I', 'U', 'D')`),
    index('idx_sync_outbox_tx').on(t.txSeq),
    index('idx_sync_outbox_row').on(t.tableName, t.rowId),
  ],
)

/** Outbox transactions captured under an older schema version (before a local migration). */
export const syncOutboxVersion = pgTable('sync_outbox_version', {
  txSeqUpto: bigint('tx_seq_upto', { mode: 'bigint' }).primaryKey(),
  schemaVersion: integer('schema_version').notNull(),
})

/** Transactions head office refused, with those that depended on them. */
export const syncQuarantine = pgTable('sync_quarantine', {
  txSeq: bigint('tx_seq', { mode: 'bigint' }).primaryKey(),
  hlc: bigint('hlc', { mode: 'bigint' }).notNull(),
  reason: text('reason').notNull(),
  detail: text('detail'),
  causedBy: bigint('caused_by', { mode: 'bigint' }),
  changes: jsonb('changes').notNull(),
  quarantinedAt: wallClock('quarantined_at')
    .notNull()
    .default(sql`CURRENT_TIMESTAMP`),
})

/** Lookup indexes dropped while a bootstrap loads their empty tables, built again at its end. */
export const syncDeferredIndexes = pgTable('sync_deferred_indexes', {
  indexName: text('index_name').primaryKey(),
  tableName: text('table_name').notNull(),
  definition: text('definition').notNull(),
})

/** Concurrent values that lost, as head office reported them. */
export const syncConflicts = pgTable('sync_conflicts', {
  id: uuid('id').primaryKey(),
  tableName: text('table_name').notNull(),
  rowId: uuid('row_id').notNull(),
  columnName: text('column_name').notNull(),
  keptValue: jsonb('kept_value'),
  lostValue: jsonb('lost_value'),
  keptHlc: bigint('kept_hlc', { mode: 'bigint' }),
  lostHlc: bigint('lost_hlc', { mode: 'bigint' }),
  lostTerminalId: uuid('lost_terminal_id'),
  detectedAt: wallClock('detected_at').notNull(),
  resolvedAt: wallClock('resolved_at'),
})
