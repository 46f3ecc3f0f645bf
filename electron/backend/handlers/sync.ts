import type { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { RpcFailure } from '../../../shared/contract'
import { syncTable } from '../../../db/sync/scope'
import type { Write } from '../data/write'
import type { ConstraintColumns } from '../db-errors'
import type { DomainHandlers } from '../dispatcher'
import { message } from '../messages'
import { CentralAuthError, CentralUnreachableError } from '../sync/central-client'
import { type SyncEngine, SyncStoppedError } from '../sync/engine'

type SyncMethods =
  | 'sync.status'
  | 'sync.now'
  | 'sync.quarantine.list'
  | 'sync.quarantine.discard'
  | 'sync.quarantine.retry'
  | 'sync.conflicts.list'
  | 'sync.conflicts.resolve'
  | 'sync.admin.terminals'
  | 'sync.admin.createTerminal'
  | 'sync.admin.revokeTerminal'
  | 'sync.admin.quarantine'

/** Turns the engine's failures into typed answers in the caller's language. */
export function syncFailure(error: unknown, locale: Parameters<typeof message>[0]): never {
  if (error instanceof SyncStoppedError) {
    if (error.reason === 'not_enrolled') throw new RpcFailure('CONFLICT', message(locale, 'notEnrolled'))
    throw new RpcFailure('CONFLICT', message(locale, 'syncStopped', { detail: error.message }))
  }
  if (error instanceof CentralUnreachableError)
    throw new RpcFailure('OFFLINE', message(locale, 'centralUnreachable', { detail: error.message }))
  if (error instanceof CentralAuthError) throw new RpcFailure('UNAUTHENTICATED', message(locale, 'enrollmentCodeInvalid'))
  throw error
}

/** Handlers of the Sync page and the status bar. */
export function syncHandlers(deps: {
  db: PGlite
  engine: SyncEngine
  write: Write
  /** The constraint catalog (constraint → columns), to name the field a refusal is about. */
  constraints: () => Promise<ConstraintColumns>
}): DomainHandlers<SyncMethods> {
  const { db, engine } = deps
  return {
    'sync.status': async () => {
      const s = await engine.status()
      return {
        enrolled: s.enrolled,
        state: s.state,
        pending: s.pending,
        quarantined: s.quarantined,
        conflicts: s.conflicts,
        lastSyncAt: s.lastSyncAt,
        lastError: s.lastError,
      }
    },
    'sync.now': async (_input, ctx) => {
      try {
        const cycle = await engine.syncOnce()
        return { pushed: cycle.pushed, pulled: cycle.pulled, rejected: cycle.rejected }
      } catch (error) {
        return syncFailure(error, ctx.connection.locale)
      }
    },
    'sync.quarantine.list': async () => {
      const { rows } = await db.query<{
        tx_seq: string
        reason: string
        detail: string | null
        caused_by: string | null
        quarantined_at: string
        changes: { t: string; id: string; op: 'I' | 'U' | 'D'; data: Record<string, unknown> | null }[]
      }>(
        'SELECT tx_seq::text, reason, detail, caused_by::text, quarantined_at::text, changes FROM sync_quarantine ORDER BY tx_seq',
      )
      const catalog = await deps.constraints().catch(() => new Map<string, readonly string[]>())
      const scope = new Set(['organization_id', 'workspace_id'])
      return rows.map((r) => ({
        fields: [...(catalog.get(/constraint "([^"]+)"/.exec(r.detail ?? '')?.[1] ?? '') ?? [])].filter((c) => !scope.has(c)),
        txSeq: Number(r.tx_seq),
        reason: r.reason,
        detail: r.detail,
        causedBy: r.caused_by === null ? null : Number(r.caused_by),
        quarantinedAt: r.quarantined_at,
        changes: r.changes,
      }))
    },
    'sync.quarantine.discard': async ({ txSeq }, ctx) => {
      const exists = await db.query('SELECT 1 FROM sync_quarantine WHERE tx_seq = $1', [txSeq])
      if (exists.rows.length === 0) throw new RpcFailure('NOT_FOUND', message(ctx.connection.locale, 'notFound'))
      try {
        await engine.discard(txSeq)
      } catch (error) {
        return syncFailure(error, ctx.connection.locale)
      }
      return { discarded: true }
    },
    'sync.quarantine.retry': async ({ txSeq, changes }, ctx) => {
      const session = ctx.connection.session!
      const exists = await db.query('SELECT 1 FROM sync_quarantine WHERE tx_seq = $1', [txSeq])
      if (exists.rows.length === 0) throw new RpcFailure('NOT_FOUND', message(ctx.connection.locale, 'notFound'))
      // The corrected changes become a new local transaction (captured, journaled, audited);
      // the refused one and those that built on it leave the quarantine in the same commit.
      // Logs of the refused attempt are history, not data to re-send: the retry writes its own.
      const data = changes.filter((c) => syncTable(c.t)?.direction === 'both')
      await deps.write(ctx, session, async ({ tx, audit, touched }) => {
        await tx.execute(sql`SELECT sync_apply_row_changes(${JSON.stringify(data)}::jsonb)`)
        await tx.execute(sql`WITH RECURSIVE chain AS (
            SELECT tx_seq FROM sync_quarantine WHERE tx_seq = ${txSeq}
            UNION SELECT q.tx_seq FROM sync_quarantine q JOIN chain c ON q.caused_by = c.tx_seq)
          DELETE FROM sync_quarantine WHERE tx_seq IN (SELECT tx_seq FROM chain)`)
        for (const c of data) {
          await audit({
            entityType: c.t,
            entityId: c.id,
            action: c.op === 'I' ? 'CREATE' : c.op === 'U' ? 'UPDATE' : 'DELETE',
            after: c.data ?? null,
            reason: `retry of refused transaction ${txSeq}`,
          })
        }
        touched(...new Set(data.map((c) => c.t)))
      })
      engine.kick()
      return { retried: true }
    },
    'sync.admin.terminals': async (_input, ctx) => {
      const rows = await engine
        .withCentral((api, creds) => api.admin.terminals(creds))
        .catch((e: unknown) => syncFailure(e, ctx.connection.locale))
      return rows.map((r) => ({ ...r, pending: Number(r.pending ?? 0), quarantined: Number(r.quarantined ?? 0) })) as never
    },
    'sync.admin.createTerminal': async (input, ctx) => {
      try {
        return await engine.withCentral((api, creds) => api.admin.createTerminal(creds, input))
      } catch (error) {
        const code = (error as { code?: string }).code
        if (code === '23505')
          throw new RpcFailure('CONFLICT', message(ctx.connection.locale, 'prefixTaken'), [
            { path: ['numberPrefix'], message: message(ctx.connection.locale, 'prefixTaken') },
          ])
        if (code === '23503')
          throw new RpcFailure('NOT_FOUND', message(ctx.connection.locale, 'notFound'), [
            { path: ['workspaceId'], message: message(ctx.connection.locale, 'notFound') },
          ])
        return syncFailure(error, ctx.connection.locale)
      }
    },
    'sync.admin.revokeTerminal': async ({ terminalId }, ctx) => {
      try {
        return { revoked: await engine.withCentral((api, creds) => api.admin.revokeTerminal(creds, terminalId)) }
      } catch (error) {
        if ((error as { code?: string }).code === '22023')
          throw new RpcFailure('CONFLICT', message(ctx.connection.locale, 'cannotRevokeSelf'))
        return syncFailure(error, ctx.connection.locale)
      }
    },
    'sync.admin.quarantine': async (_input, ctx) => {
      const rows = await engine
        .withCentral((api, creds) => api.admin.quarantine(creds))
        .catch((e: unknown) => syncFailure(e, ctx.connection.locale))
      return rows.map((r) => ({ ...r, seq: Number(r.seq), changes: Number(r.changes) })) as never
    },
    'sync.conflicts.list': async ({ includeResolved }) => {
      const { rows } = await db.query<{
        id: string
        table_name: string
        row_id: string
        column_name: string
        kept_value: unknown
        lost_value: unknown
        detected_at: string
      }>(
        `SELECT id, table_name, row_id, column_name, kept_value, lost_value, detected_at::text FROM sync_conflicts
         WHERE $1 OR resolved_at IS NULL ORDER BY detected_at DESC LIMIT 500`,
        [includeResolved],
      )
      return rows.map((r) => ({
        id: r.id,
        table: r.table_name,
        rowId: r.row_id,
        column: r.column_name,
        keptValue: r.kept_value,
        lostValue: r.lost_value,
        detectedAt: r.detected_at,
      }))
    },
    'sync.conflicts.resolve': async ({ id, choice }, ctx) => {
      const session = ctx.connection.session!
      const { rows } = await db.query<{ table_name: string; row_id: string; column_name: string; lost_value: unknown }>(
        'SELECT table_name, row_id, column_name, lost_value FROM sync_conflicts WHERE id = $1 AND resolved_at IS NULL',
        [id],
      )
      const conflict = rows[0]
      if (!conflict) throw new RpcFailure('NOT_FOUND', message(ctx.connection.locale, 'notFound'))
      await deps.write(ctx, session, async ({ tx, audit, touched }) => {
        if (choice === 'restoreMine') {
          // Written again as a new change: it now carries a later clock, so it wins everywhere.
          const change = [
            { t: conflict.table_name, id: conflict.row_id, op: 'U', data: { [conflict.column_name]: conflict.lost_value } },
          ]
          await tx.execute(sql`SELECT sync_apply_row_changes(${JSON.stringify(change)}::jsonb)`)
          await audit({
            entityType: conflict.table_name,
            entityId: conflict.row_id,
            action: 'UPDATE',
            after: { [conflict.column_name]: conflict.lost_value as string },
            reason: 'restored a value that lost a sync conflict',
          })
          touched(conflict.table_name)
        }
        await tx.execute(sql`UPDATE sync_conflicts SET resolved_at = now() WHERE id = ${id}`)
      })
      if (choice === 'restoreMine') engine.kick()
      return { resolved: true }
    },
  }
}
