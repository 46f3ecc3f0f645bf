import { sql } from 'drizzle-orm'
import type { CallContext, Session } from '../call-context'
import type { EventBus } from '../event-bus'
import type { JournalEntry } from '../sync/journal'
import { type AuditRow, auditValues } from './audit-diff'
import { type Orm, type Tx, schema } from './orm'

/** One change to audit: which entity, what kind, and its row before and after. */
export interface AuditedChange {
  entityType: string
  entityId: string
  action: 'CREATE' | 'UPDATE' | 'DELETE' | 'LOGIN' | 'LOGOUT' | 'EXPORT' | 'IMPORT'
  before?: AuditRow | null
  after?: AuditRow | null
  reason?: string
  metadata?: AuditRow
}

/** What a business action gets inside its transaction. */
export interface WriteScope {
  tx: Tx
  session: Session
  /** Records an audit row in the same transaction. */
  audit(change: AuditedChange): Promise<void>
  /** Names a table this action wrote, so open views of it refresh after commit. */
  touched(...tables: string[]): void
}

/** Where a write came from, as the audit trail's `source` says it. */
const sourceOf: Record<CallContext['origin'], string> = { desktop: 'desktop', web: 'desktop', cli: 'system', test: 'system' }

/**
 * Sets the transaction-local context every trigger and policy reads, and the organization's
 * data key for encrypt/decrypt_sensitive_data: set per transaction (`set_config(…, true)`),
 * it never outlives the transaction and is never stored in the database.
 */
async function setTransactionContext(tx: Tx, session: Session, dataKey: string | null): Promise<void> {
  await tx.execute(sql`SELECT
    set_config('app.organization_id', ${session.organizationId}, true),
    set_config('app.workspace_id', ${session.workspaceId}, true),
    set_config('app.user_id', ${session.userId}, true),
    set_config('app.encryption_key', ${dataKey ?? ''}, true)`)
}

/** Receives the changes a committed transaction captured for sync (the journal, then a sync kick). */
export interface CapturedChangesSink {
  append(entry: JournalEntry): void
}

/** The changes the current transaction captured for sync, or null (nothing, or not enrolled). */
async function currentCapture(tx: Tx): Promise<JournalEntry | null> {
  const result = await tx.execute<{ c: JournalEntry | null }>(sql`SELECT sync_current_capture() AS c`)
  return result.rows[0]?.c ?? null
}

/** Gives the data key of an organization, if this terminal has it. */
export type DataKeyLookup = (organizationId: string) => Promise<string | null>

/** Writes one audit row inside the caller's transaction. */
export async function writeAudit(
  tx: Tx,
  session: Session,
  origin: CallContext['origin'],
  change: AuditedChange,
): Promise<boolean> {
  const values =
    change.action === 'CREATE' || change.action === 'UPDATE' || change.action === 'DELETE'
      ? auditValues(change.before ?? null, change.after ?? null)
      : { oldValues: change.before ?? null, newValues: change.after ?? null, changes: {} }
  if (!values) return false
  await tx.insert(schema.auditLogs).values({
    organizationId: session.organizationId,
    workspaceId: session.workspaceId,
    entityType: change.entityType,
    entityId: change.entityId,
    action: change.action,
    userId: session.userId,
    userEmail: session.email,
    sessionId: session.sessionId,
    oldValues: values.oldValues,
    newValues: values.newValues,
    changes: values.changes,
    source: sourceOf[origin],
    reason: change.reason ?? null,
    metadata: change.metadata ?? {},
  })
  return true
}

/**
 * Runs one business action as one transaction: the session's tenant in the transaction's
 * settings, its audit rows beside its data, and a `data.changed` event only after commit. If
 * anything throws, nothing of it remains.
 */
export function createWriter(
  orm: Orm,
  events: Pick<EventBus, 'emit'>,
  dataKeyOf: DataKeyLookup = async () => null,
  /** On an enrolled terminal: where captured changes are journaled (fsync'd) before the write returns. */
  captured?: CapturedChangesSink,
) {
  /** One transaction whose captured changes are journaled after commit, before it returns. */
  async function journaled<T>(action: (tx: Tx) => Promise<T>): Promise<T> {
    let journalEntry: JournalEntry | null = null
    const result = await orm.transaction(async (tx) => {
      const value = await action(tx)
      journalEntry = captured ? await currentCapture(tx) : null
      return value
    })
    // After commit, before returning: PGlite has not fsync'd the commit, the journal has.
    if (journalEntry) captured!.append(journalEntry)
    return result
  }

  async function write<T>(ctx: CallContext, session: Session, action: (scope: WriteScope) => Promise<T>): Promise<T> {
    const tables = new Set<string>()
    const dataKey = await dataKeyOf(session.organizationId)
    const result = await journaled(async (tx) => {
      await setTransactionContext(tx, session, dataKey)
      const scope: WriteScope = {
        tx,
        session,
        audit: async (change) => {
          if (await writeAudit(tx, session, ctx.origin, change)) tables.add('audit_logs')
        },
        touched: (...names) => names.forEach((n) => tables.add(n)),
      }
      return action(scope)
    })
    if (tables.size > 0) events.emit('data.changed', { tables: [...tables].sort() })
    return result
  }

  /**
   * A transaction nobody is signed in for (a password reset by code): no tenant settings and no
   * audit row, but journaled like every other write, so an enrolled terminal cannot lose it.
   */
  async function unattended<T>(tables: string[], action: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await journaled(action)
    if (tables.length > 0) events.emit('data.changed', { tables: [...tables].sort() })
    return result
  }

  return Object.assign(write, { unattended })
}

/** The writer's type, for handler dependencies. */
export type Write = ReturnType<typeof createWriter>
