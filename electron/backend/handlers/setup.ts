import type { PGlite } from '@electric-sql/pglite'
import { RpcFailure } from '../../../shared/contract'
import { pgliteConnection } from '../../../db/connection'
import type { DomainHandlers } from '../dispatcher'
import { hashPassword } from '../auth/password'
import { installDemoCompany } from '../demo-terminal'
import type { Session } from '../call-context'
import type { Orm } from '../data/orm'
import { schema } from '../data/orm'
import { auditable } from '../data/audit-diff'
import { writeAudit } from '../data/write'
import type { EventBus } from '../event-bus'
import { message } from '../messages'
import { type SecretVault, ensureDataKey } from '../secrets/vault'
import { type SyncEngine, SyncStoppedError } from '../sync/engine'
import { syncFailure } from './sync'

/** What the setup handlers use. */
export interface SetupDeps {
  db: PGlite
  orm: Orm
  vault: SecretVault
  events: Pick<EventBus, 'emit'>
  /** The sync engine, for "Connect to head office". */
  sync: Pick<SyncEngine, 'enroll' | 'start'>
}

interface TerminalRow {
  mode: 'demo' | 'standalone' | 'enrolled'
  name: string
}

/** Handlers of first-run setup: is there a company, and making the demo company. */
export function setupHandlers(
  deps: SetupDeps,
): DomainHandlers<'setup.status' | 'setup.createDemoCompany' | 'setup.createStandaloneCompany' | 'setup.connectToHeadOffice'> {
  return {
    'setup.connectToHeadOffice': async ({ centralUrl, code }, ctx) => {
      const { rows } = await deps.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM organizations)::int + (SELECT count(*) FROM terminal_state)::int AS n`,
      )
      if ((rows[0]?.n ?? 0) > 0) {
        // An enrollment interrupted during the download left its organizations behind without a
        // terminal_state row: that one may resume.
        const resuming = await deps.db.query('SELECT 1 FROM sync_state')
        if (resuming.rows.length === 0) throw new RpcFailure('CONFLICT', message(ctx.connection.locale, 'companyExists'))
      }
      let enrolled: { organizationId: string }
      try {
        enrolled = await deps.sync.enroll({ centralUrl, code })
      } catch (error) {
        if (error instanceof SyncStoppedError && /code/.test(error.message)) {
          throw new RpcFailure('UNAUTHENTICATED', message(ctx.connection.locale, 'enrollmentCodeInvalid'), [
            { path: ['code'], message: message(ctx.connection.locale, 'enrollmentCodeInvalid') },
          ])
        }
        return syncFailure(error, ctx.connection.locale)
      }
      deps.sync.start()
      const org = await deps.db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [enrolled.organizationId])
      return { organizationName: org.rows[0]?.name ?? '' }
    },
    'setup.createStandaloneCompany': async ({ organization, workspaceName, owner }, ctx) => {
      const passwordHash = await hashPassword(owner.password)
      const created = await deps.orm.transaction(async (tx) => {
        if ((await tx.$count(schema.organizations)) > 0)
          throw new RpcFailure('CONFLICT', message(ctx.connection.locale, 'companyExists'))
        const [org] = await tx
          .insert(schema.organizations)
          .values({ name: organization.name, bin: organization.bin, address: organization.address, phone: organization.phone })
          .returning()
        const [user] = await tx
          .insert(schema.users)
          .values({
            email: owner.email,
            passwordHash,
            firstName: owner.firstName,
            lastName: owner.lastName,
            organizationRole: 'owner',
            status: 'active',
            registrationStatus: 'completed',
          })
          .returning()
        const [workspace] = await tx
          .insert(schema.workspaces)
          .values({ organizationId: org!.id, name: workspaceName, type: 'main', createdBy: user!.id })
          .returning()
        const [employee] = await tx
          .insert(schema.employees)
          .values({
            userId: user!.id,
            organizationId: org!.id,
            workspaceId: workspace!.id,
            status: 'active',
            position: 'Владелец',
          })
          .returning()
        await tx.insert(schema.terminalState).values({ mode: 'standalone', organizationId: org!.id, workspaceId: workspace!.id })
        // The owner made all of it: the audit trail starts with these four rows.
        const session: Session = {
          sessionId: 'setup',
          userId: user!.id,
          email: owner.email,
          organizationId: org!.id,
          workspaceId: workspace!.id,
          role: 'owner',
          permissions: new Set(),
        }
        for (const [entityType, row] of [
          ['organization', org],
          ['workspace', workspace],
          ['user', user],
          ['employee', employee],
        ] as const) {
          await writeAudit(tx, session, ctx.origin, { entityType, entityId: row!.id, action: 'CREATE', after: auditable(row!) })
        }
        return { organizationName: org!.name, ownerEmail: user!.email, organizationId: org!.id }
      })
      // A company of its own makes its own data key (an enrolled one gets it from central).
      await ensureDataKey(deps.vault, created.organizationId)
      deps.events.emit('data.changed', { tables: ['organizations', 'workspaces', 'users', 'employees', 'audit_logs'] })
      return { organizationName: created.organizationName, ownerEmail: created.ownerEmail }
    },

    'setup.status': async () => {
      const { rows } = await deps.db.query<TerminalRow>(
        `SELECT t.mode, o.name FROM terminal_state t JOIN organizations o ON o.id = t.organization_id`,
      )
      const row = rows[0]
      return row
        ? { state: 'ready', mode: row.mode, organizationName: row.name }
        : { state: 'empty', mode: null, organizationName: null }
    },

    'setup.createDemoCompany': async ({ scale }, ctx) => {
      // One transaction: the check, the company and the terminal's mode commit together, so a
      // second window clicking at the same moment waits and then finds the company there.
      const summary = await pgliteConnection(deps.db).transaction(async (tx) => {
        const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations')
        if ((rows[0]?.n ?? 0) > 0) throw new RpcFailure('CONFLICT', message(ctx.connection.locale, 'companyExists'))
        return installDemoCompany(tx, {
          target: 'local',
          scale,
          onProgress: (p) => deps.events.emit('task.progress', { task: 'demo-company', ...p }),
          dataKey: (organizationId) => ensureDataKey(deps.vault, organizationId),
        })
      })
      deps.events.emit('data.changed', { tables: Object.keys(summary.counts) })
      return { organizationName: summary.organizationName, ownerEmail: summary.ownerEmail, counts: summary.counts }
    },
  }
}
