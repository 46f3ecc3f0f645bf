/**
 * Audit and logs (0009): the audit trail and technical logs.
 */
import { sql } from 'drizzle-orm'
import { bigserial, check, index, inet, integer, jsonb, pgTable, primaryKey, text, uuid, varchar } from 'drizzle-orm/pg-core'
import { jsonObject, oneOf, wallClock, type JsonObject } from './helpers'
import { users } from './identity'
import { organizations, workspaces } from './organization'

/**
 * Who changed what. Partitioned by month on "timestamp" (audit_logs_yYYYYmMM and a default
 * partition, made by ensure_audit_partitions()); hence the key (id, timestamp).
 */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: uuid('id').defaultRandom().notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    workspaceId: uuid('workspace_id').references(() => workspaces.id),
    entityType: varchar('entity_type', { length: 100 }).notNull(),
    entityId: uuid('entity_id').notNull(),
    action: varchar('action', {
      length: 50,
      enum: ['CREATE', 'UPDATE', 'DELETE', 'LOGIN', 'LOGOUT', 'EXPORT', 'IMPORT'],
    }).notNull(),
    userId: uuid('user_id').references(() => users.id),
    userEmail: varchar('user_email', { length: 255 }),
    sessionId: varchar('session_id', { length: 255 }),
    ipAddress: inet('ip_address'),
    userAgent: text('user_agent'),
    requestPath: varchar('request_path', { length: 500 }),
    httpMethod: varchar('http_method', { length: 10 }),
    oldValues: jsonb('old_values').$type<JsonObject>(),
    newValues: jsonb('new_values').$type<JsonObject>(),
    changes: jsonb('changes').$type<JsonObject>(),
    /** web, api, system, sync… (free text). */
    source: varchar('source', { length: 50 }).default('web'),
    reason: text('reason'),
    metadata: jsonObject('metadata'),
    timestamp: wallClock('timestamp')
      .notNull()
      .default(sql`CURRENT_TIMESTAMP`),
    durationMs: integer('duration_ms'),
  },
  (t) => [
    check('audit_logs_action_check', oneOf(t.action)),
    primaryKey({ name: 'audit_logs_pkey', columns: [t.id, t.timestamp] }),
    index('idx_audit_logs_action').on(t.action),
    index('idx_audit_logs_entity').on(t.entityType, t.entityId),
    index('idx_audit_logs_org_workspace').on(t.organizationId, t.workspaceId),
    index('idx_audit_logs_timestamp').on(t.timestamp),
    index('idx_audit_logs_user_id').on(t.userId),
  ],
)

/** Technical log lines; context ids are plain values, not foreign keys, so logs outlive rows. */
export const systemLogs = pgTable(
  'system_logs',
  {
    // A JS number holds ids up to 2^53, far beyond what a log table reaches before it is pruned.
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    level: varchar('level', { length: 10, enum: ['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] }).notNull(),
    message: text('message').notNull(),
    loggerName: varchar('logger_name', { length: 255 }),
    organizationId: uuid('organization_id'),
    workspaceId: uuid('workspace_id'),
    userId: uuid('user_id'),
    sessionId: varchar('session_id', { length: 255 }),
    requestId: varchar('request_id', { length: 255 }),
    errorCode: varchar('error_code', { length: 50 }),
    stackTrace: text('stack_trace'),
    metadata: jsonObject('metadata'),
    tags: text('tags').array().default([]),
    timestamp: wallClock('timestamp')
      .notNull()
      .default(sql`CURRENT_TIMESTAMP`),
    durationMs: integer('duration_ms'),
  },
  (t) => [
    check('system_logs_level_check', oneOf(t.level)),
    index('idx_system_logs_error_code').on(t.errorCode),
    index('idx_system_logs_level').on(t.level),
    index('idx_system_logs_logger').on(t.loggerName),
    index('idx_system_logs_timestamp').on(t.timestamp),
    index('idx_system_logs_user_id').on(t.userId),
  ],
)

/** A row of audit_logs. */
export type AuditLog = typeof auditLogs.$inferSelect
/** An audit_logs row to insert. */
export type NewAuditLog = typeof auditLogs.$inferInsert
/** A row of system_logs. */
export type SystemLog = typeof systemLogs.$inferSelect
/** A system_logs row to insert. */
export type NewSystemLog = typeof systemLogs.$inferInsert
