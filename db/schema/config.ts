/**
 * Configuration (0009, 0011): email verification codes, application settings and document
 * number series.
 */
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core'
import { createdAt, oneOf, updatedAt, wallClock, type JsonObject } from './helpers'
import { users } from './identity'
import { organizations, workspaces } from './organization'

/** One-time codes sent by email (registration, password reset, email change). */
export const emailVerifications = pgTable(
  'email_verifications',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    email: varchar('email', { length: 255 }).notNull(),
    code: varchar('code', { length: 10 }).notNull(),
    userId: uuid('user_id').references(() => users.id),
    type: varchar('type', { length: 20, enum: ['registration', 'password_reset', 'email_change'] })
      .notNull()
      .default('registration'),
    isUsed: boolean('is_used').notNull().default(false),
    usedAt: wallClock('used_at'),
    expiresAt: wallClock('expires_at')
      .notNull()
      .default(sql`CURRENT_TIMESTAMP + INTERVAL '24 hours'`),
    createdAt: createdAt(),
  },
  (t) => [
    check('email_verifications_type_check', oneOf(t.type)),
    index('idx_email_verifications_code').on(t.code),
    index('idx_email_verifications_email').on(t.email),
    index('idx_email_verifications_expires_at').on(t.expiresAt),
    index('idx_email_verifications_user_id').on(t.userId),
  ],
)

/** Settings: global (no organization), per organization or per workspace; one row per key and scope. */
export const appSettings = pgTable(
  'app_settings',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    workspaceId: uuid('workspace_id').references(() => workspaces.id),
    key: varchar('key', { length: 255 }).notNull(),
    category: varchar('category', { length: 100 }).notNull().default('general'),
    /** Any JSON value; data_type says which kind. */
    value: jsonb('value').notNull(),
    dataType: varchar('data_type', { length: 20, enum: ['string', 'number', 'boolean', 'object', 'array'] })
      .notNull()
      .default('string'),
    description: text('description'),
    isSecret: boolean('is_secret').notNull().default(false),
    isReadonly: boolean('is_readonly').notNull().default(false),
    validationRules: jsonb('validation_rules').$type<JsonObject>(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('app_settings_data_type_check', oneOf(t.dataType)),
    // The seed's constraint lets NULL scopes repeat; the index below closes that (NULLS NOT
    // DISTINCT needs PostgreSQL 15, central runs 14).
    unique('uk_settings_key_scope').on(t.key, t.organizationId, t.workspaceId),
    index('idx_app_settings_category').on(t.category),
    index('idx_app_settings_key').on(t.key),
    index('idx_app_settings_org_workspace').on(t.organizationId, t.workspaceId),
    uniqueIndex('uk_app_settings_key_scope_nulls').on(
      t.key,
      sql`COALESCE(organization_id, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`COALESCE(workspace_id, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
)

/**
 * Number series per terminal or head office (`T07-ORD-000123`), taken with
 * next_document_number(); next_number never moves back.
 */
export const documentSeries = pgTable(
  'document_series',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id').references(() => workspaces.id),
    ownerType: varchar('owner_type', { length: 20, enum: ['terminal', 'head_office'] })
      .notNull()
      .default('terminal'),
    /** The terminal id given at enrolment; NULL for head office. */
    ownerId: varchar('owner_id', { length: 100 }),
    documentType: varchar('document_type', {
      length: 20,
      enum: ['ORDER', 'INVOICE', 'PAYMENT', 'DEAL', 'PRODUCTION', 'CUSTOMER', 'EMPLOYEE', 'STOCK_COUNT', 'RECEIPT', 'SHIPMENT'],
    }).notNull(),
    prefix: varchar('prefix', { length: 20 }).notNull(),
    // bigint read as a JS number: a series would need 2^53 documents to lose precision.
    nextNumber: bigint('next_number', { mode: 'number' }).notNull().default(1),
    numberWidth: smallint('number_width').notNull().default(6),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('document_series_document_type_check', oneOf(t.documentType)),
    check('document_series_next_number_check', sql`next_number >= 1`),
    check('document_series_number_width_check', sql`number_width BETWEEN 1 AND 18`),
    check('document_series_owner_type_check', oneOf(t.ownerType)),
    check('document_series_prefix_check', sql`prefix ~ '^[A-Z0-9]{1,10}$'`),
    unique('uk_document_series').on(t.organizationId, t.documentType, t.prefix),
    index('idx_document_series_owner').on(t.ownerType, t.ownerId),
  ],
)

/** A row of email_verifications. */
export type EmailVerification = typeof emailVerifications.$inferSelect
/** An email_verifications row to insert. */
export type NewEmailVerification = typeof emailVerifications.$inferInsert
/** A row of app_settings. */
export type AppSetting = typeof appSettings.$inferSelect
/** An app_settings row to insert. */
export type NewAppSetting = typeof appSettings.$inferInsert
/** A row of document_series. */
export type DocumentSeries = typeof documentSeries.$inferSelect
/** A document_series row to insert. */
export type NewDocumentSeries = typeof documentSeries.$inferInsert
