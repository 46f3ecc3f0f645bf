import type { PGlite } from '@electric-sql/pglite'
import { RpcFailure } from '../../../shared/contract'
import { pgliteConnection } from '../../../db/connection'
import { generateDemoCompany } from '../../../db/demo/generate-demo-company'
import type { DomainHandlers } from '../dispatcher'
import type { EventBus } from '../event-bus'

/** What the setup handlers use. */
export interface SetupDeps {
  db: PGlite
  events: Pick<EventBus, 'emit'>
}

interface TerminalRow {
  mode: 'demo' | 'standalone' | 'enrolled'
  name: string
}

/** Handlers of first-run setup: is there a company, and making the demo company. */
export function setupHandlers(deps: SetupDeps): DomainHandlers<'setup.status' | 'setup.createDemoCompany'> {
  return {
    'setup.status': async () => {
      const { rows } = await deps.db.query<TerminalRow>(
        `SELECT t.mode, o.name FROM terminal_state t JOIN organizations o ON o.id = t.organization_id`,
      )
      const row = rows[0]
      return row
        ? { state: 'ready', mode: row.mode, organizationName: row.name }
        : { state: 'empty', mode: null, organizationName: null }
    },

    'setup.createDemoCompany': async ({ scale }) => {
      // One transaction: the check, the company and the terminal's mode commit together, so a
      // second window clicking at the same moment waits and then finds the company there.
      const summary = await pgliteConnection(deps.db).transaction(async (tx) => {
        const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations')
        if ((rows[0]?.n ?? 0) > 0) throw new RpcFailure('CONFLICT', 'This terminal already has a company.')
        const created = await generateDemoCompany(tx, {
          scale,
          onProgress: (p) => deps.events.emit('task.progress', { task: 'demo-company', ...p }),
        })
        await tx.query(`INSERT INTO terminal_state (mode, organization_id, workspace_id) VALUES ('demo', $1, $2)`, [
          created.organizationId,
          created.workspaceIds[0],
        ])
        return created
      })
      deps.events.emit('data.changed', { tables: Object.keys(summary.counts) })
      return { organizationName: summary.organizationName, ownerEmail: summary.ownerEmail, counts: summary.counts }
    },
  }
}
