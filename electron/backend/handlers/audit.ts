import { type SQL, and, desc, eq, gte, lt, or, sql } from 'drizzle-orm'
import type { Orm } from '../data/orm'
import { schema } from '../data/orm'
import type { ParsedInput } from '../../../shared/contract'
import type { Session } from '../call-context'
import type { Write } from '../data/write'
import type { DomainHandlers } from '../dispatcher'

const EXPORT_LIMIT = 50_000

/** One CSV cell (RFC 4180); a text a spreadsheet would run as a formula is made plain text. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

type AuditFilters = Omit<ParsedInput<'audit.list'>, 'limit' | 'after'> & Partial<Pick<ParsedInput<'audit.list'>, 'after'>>

function auditFilters(session: Session, input: AuditFilters): (SQL | undefined)[] {
  const a = schema.auditLogs
  return [
    eq(a.organizationId, session.organizationId),
    input.entityType ? eq(a.entityType, input.entityType) : undefined,
    input.entityId ? eq(a.entityId, input.entityId) : undefined,
    input.userEmail ? eq(sql`lower(${a.userEmail})`, input.userEmail.trim().toLowerCase()) : undefined,
    input.action ? eq(a.action, input.action) : undefined,
    input.from ? gte(a.timestamp, input.from) : undefined,
    input.to ? lt(a.timestamp, sql`(${input.to}::date + 1)::timestamp`) : undefined,
    // Newest first; the next page continues strictly after the last row shown.
    input.after
      ? or(lt(a.timestamp, input.after.timestamp), and(eq(a.timestamp, input.after.timestamp), lt(a.id, input.after.id)))
      : undefined,
  ]
}

/** Handlers of the audit trail, within the caller's organization: reading it, and exporting it. */
export function auditHandlers(deps: { orm: Orm; write: Write }): DomainHandlers<'audit.list' | 'audit.export'> {
  const a = schema.auditLogs
  return {
    'audit.list': async (input, ctx) => {
      const filters = auditFilters(ctx.connection.session!, input)
      const rows = await deps.orm
        .select({
          id: a.id,
          timestamp: a.timestamp,
          entityType: a.entityType,
          entityId: a.entityId,
          action: a.action,
          userEmail: a.userEmail,
          source: a.source,
          changes: a.changes,
        })
        .from(a)
        .where(and(...filters))
        .orderBy(desc(a.timestamp), desc(a.id))
        .limit(input.limit + 1)
      const page = rows.slice(0, input.limit)
      const last = page.at(-1)
      return {
        entries: page,
        next: rows.length > input.limit && last ? { timestamp: last.timestamp, id: last.id } : null,
      }
    },
    'audit.export': async (input, ctx) => {
      const session = ctx.connection.session!
      const rows = await deps.orm
        .select({
          timestamp: a.timestamp,
          action: a.action,
          entityType: a.entityType,
          entityId: a.entityId,
          userEmail: a.userEmail,
          source: a.source,
          changes: a.changes,
        })
        .from(a)
        .where(and(...auditFilters(session, input)))
        .orderBy(desc(a.timestamp), desc(a.id))
        .limit(EXPORT_LIMIT + 1)
      const exported = rows.slice(0, EXPORT_LIMIT)
      const header = ['timestamp', 'action', 'entity_type', 'entity_id', 'user_email', 'source', 'changes']
      const lines = exported.map((r) =>
        [r.timestamp, r.action, r.entityType, r.entityId, r.userEmail, r.source, r.changes].map(csvCell).join(','),
      )
      // A BOM so spreadsheet programs read the Cyrillic as UTF-8; CRLF as RFC 4180 says.
      const csv = `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`
      await deps.write(ctx, session, async ({ audit }) => {
        await audit({
          entityType: 'audit_logs',
          entityId: session.organizationId,
          action: 'EXPORT',
          metadata: { rows: exported.length, filters: input },
        })
      })
      return {
        fileName: `audit-${new Date().toISOString().slice(0, 10)}.csv`,
        csv,
        rows: exported.length,
        truncated: rows.length > EXPORT_LIMIT,
      }
    },
  }
}
