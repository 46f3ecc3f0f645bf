/**
 * The terminal itself (0014, 0015; local only, never synced): which company it holds and how,
 * and who may sign in here offline.
 */
import { boolean, check, integer, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { createdAt, oneOf, updatedAt, wallClock } from './helpers'
import { users } from './identity'
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

/** Verifiers of people who signed in on this terminal before (0015, local only). */
export const localCredentials = pgTable('local_credentials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  verifier: text('verifier').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

/** Failed sign-ins per typed email, for lockout with back-off (0015, local only). */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    emailKey: varchar('email_key', { length: 255 }).primaryKey(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: wallClock('locked_until'),
    lastFailureAt: wallClock('last_failure_at'),
  },
  (t) => [check('sign_in_throttle_failures_check', sql`${t.failures} >= 0`)],
)
