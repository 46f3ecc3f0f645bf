/**
 * The terminal itself (0014, local only): which company it holds and how. Never synced.
 */
import { boolean, check, pgTable, uuid, varchar } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { createdAt, oneOf, updatedAt } from './helpers'
import { organizations, workspaces } from './organization'

/** How a terminal holds its company. */
export const terminalModes = ['demo', 'standalone', 'enrolled'] as const

/** The terminal's one row: its mode, organization and workspace. */
export const terminalState = pgTable(
  'terminal_state',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    mode: varchar('mode', { length: 20, enum: terminalModes }).notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('terminal_state_singleton_check', sql`${t.singleton}`), check('terminal_state_mode_check', oneOf(t.mode))],
)

/** The terminal's row as read. */
export type TerminalState = typeof terminalState.$inferSelect
