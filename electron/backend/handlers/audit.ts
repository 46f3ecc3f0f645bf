import { type SQL, and, desc, eq, gte, lt, or, sql } from 'drizzle-orm'
import type { Orm } from '../data/orm'
import { schema } from '../data/orm'
import type { DomainHandlers } from '../dispatcher'

/** Handlers of the audit trail: read-only, within the caller's organization. */
export function auditHandlers(deps: { orm: Orm }): DomainHandlers<'audit.list'> {
  return {
    'audit.list': async (input, ctx) => {
      const session = ctx.connection.session!
      const a = schema.auditLogs
      const filters: (SQL | undefined)[] = [
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
  }
}
