/**
 * Identity (0002): the people who sign in. Their place in an organization is an employee
 * (organization.ts).
 */
import { check, index, inet, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core'
import { organizationRoles } from '../../shared/permissions'
import { bytea, createdAt, deletedAt, oneOf, updatedAt, wallClock } from './helpers'

/** Sign-in accounts. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    email: varchar('email', { length: 255 }).notNull().unique('users_email_key'),
    passwordHash: varchar('password_hash', { length: 255 }).notNull(),
    firstName: varchar('first_name', { length: 100 }).notNull().default(''),
    lastName: varchar('last_name', { length: 100 }).notNull().default(''),
    phone: varchar('phone', { length: 20 }),
    organizationRole: varchar('organization_role', { length: 20, enum: organizationRoles }).notNull().default('employee'),
    status: varchar('status', { length: 20, enum: ['pending', 'active', 'inactive', 'suspended'] })
      .notNull()
      .default('pending'),
    registrationStatus: varchar('registration_status', {
      length: 20,
      enum: ['email_pending', 'email_verified', 'onboarding_pending', 'completed'],
    })
      .notNull()
      .default('email_pending'),
    lastLoginAt: wallClock('last_login_at'),
    lastIp: inet('last_ip'),
    userAgent: text('user_agent'),
    sessionId: varchar('session_id', { length: 255 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
    /** pgp_sym_encrypt output (0010); written and read through encrypt/decrypt_sensitive_data(). */
    encryptedSsn: bytea('encrypted_ssn'),
  },
  (t) => [
    check('users_organization_role_check', oneOf(t.organizationRole)),
    check('users_status_check', oneOf(t.status)),
    check('users_registration_status_check', oneOf(t.registrationStatus)),
    index('idx_users_email').on(t.email),
    index('idx_users_status').on(t.status),
    index('idx_users_org_role').on(t.organizationRole),
    index('idx_users_created_at').on(t.createdAt),
  ],
)

/** A row of users. */
export type User = typeof users.$inferSelect
/** A users row to insert. */
export type NewUser = typeof users.$inferInsert
