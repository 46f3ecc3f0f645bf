/**
 * Organization (0002): the tenant (organizations), its workspaces (branches, warehouses,
 * divisions), departments and employees. Every business row carries organization_id and,
 * where it belongs to one place, workspace_id.
 */
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import type { Permission } from '../../shared/permissions'
import { createdAt, deletedAt, jsonObject, oneOf, updatedAt } from './helpers'
import { users } from './identity'

/** Tenants: one company, identified by its Kazakhstan BIN. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    name: varchar('name', { length: 255 }).notNull(),
    bin: varchar('bin', { length: 12 }).notNull().unique('organizations_bin_key'),
    legalName: varchar('legal_name', { length: 255 }),
    address: text('address'),
    phone: varchar('phone', { length: 20 }),
    email: varchar('email', { length: 255 }),
    website: varchar('website', { length: 255 }),
    industry: varchar('industry', { length: 100 }),
    employeeCount: integer('employee_count').default(0),
    annualRevenue: numeric('annual_revenue', { precision: 15, scale: 2 }).default('0'),
    taxId: varchar('tax_id', { length: 50 }),
    registrationNumber: varchar('registration_number', { length: 50 }),
    status: varchar('status', { length: 20, enum: ['active', 'inactive', 'suspended'] })
      .notNull()
      .default('active'),
    settings: jsonObject('settings'),
    metadata: jsonObject('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('organizations_status_check', oneOf(t.status)),
    uniqueIndex('idx_organizations_bin')
      .on(t.bin)
      .where(sql`deleted_at IS NULL`),
    index('idx_organizations_status').on(t.status),
    index('idx_organizations_industry').on(t.industry),
    index('idx_organizations_settings').using('gin', t.settings),
  ],
)

/** Places of an organization that keep their own stock and documents. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: varchar('name', { length: 255 }).notNull(),
    description: text('description'),
    type: varchar('type', { length: 50, enum: ['main', 'division', 'project', 'branch'] })
      .notNull()
      .default('main'),
    status: varchar('status', { length: 20, enum: ['active', 'inactive', 'archived'] })
      .notNull()
      .default('active'),
    settings: jsonObject('settings'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('workspaces_type_check', oneOf(t.type)),
    check('workspaces_status_check', oneOf(t.status)),
    index('idx_workspaces_org_id').on(t.organizationId),
    index('idx_workspaces_status').on(t.status),
    index('idx_workspaces_type').on(t.type),
  ],
)

/** Departments, nested through parent_id, each with an optional head employee. */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: varchar('name', { length: 255 }).notNull(),
    code: varchar('code', { length: 50 }),
    description: text('description'),
    // Annotated: departments and employees refer to each other, which TypeScript cannot infer.
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    headId: uuid('head_id').references((): AnyPgColumn => employees.id),
    budget: numeric('budget', { precision: 15, scale: 2 }).default('0'),
    costCenter: varchar('cost_center', { length: 50 }),
    isActive: boolean('is_active').notNull().default(true),
    settings: jsonObject('settings'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    unique('uk_department_code_org').on(t.code, t.organizationId),
    index('idx_departments_org_id').on(t.organizationId),
    index('idx_departments_workspace_id').on(t.workspaceId),
    index('idx_departments_parent_id').on(t.parentId),
    index('idx_departments_head_id').on(t.headId),
    index('idx_departments_is_active').on(t.isActive),
  ],
)

/** A user's membership of an organization: position, department, pay and extra permissions. */
export const employees = pgTable(
  'employees',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    departmentId: uuid('department_id').references(() => departments.id),
    employeeNumber: varchar('employee_number', { length: 50 }).unique('employees_employee_number_key'),
    position: varchar('position', { length: 255 }),
    hireDate: date('hire_date', { mode: 'string' }),
    terminationDate: date('termination_date', { mode: 'string' }),
    salary: numeric('salary', { precision: 12, scale: 2 }),
    currency: varchar('currency', { length: 3 }).notNull().default('KZT'),
    status: varchar('status', { length: 20, enum: ['pending', 'active', 'inactive', 'terminated'] })
      .notNull()
      .default('pending'),
    /** Granted on top of the organization role's defaults (shared/permissions.ts). */
    permissions: text('permissions').array().$type<Permission[]>().default([]),
    settings: jsonObject('settings'),
    /** IIN, passport, contracts: sensitive (employees.readSensitive). */
    documents: jsonObject('documents'),
    emergencyContact: jsonObject('emergency_contact'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('employees_status_check', oneOf(t.status)),
    unique('uk_employee_user_org').on(t.userId, t.organizationId),
    index('idx_employees_user_id').on(t.userId),
    index('idx_employees_org_id').on(t.organizationId),
    index('idx_employees_workspace_id').on(t.workspaceId),
    index('idx_employees_department_id').on(t.departmentId),
    index('idx_employees_status').on(t.status),
    index('idx_employees_employee_number').on(t.employeeNumber),
  ],
)

/** A row of organizations. */
export type Organization = typeof organizations.$inferSelect
/** An organizations row to insert. */
export type NewOrganization = typeof organizations.$inferInsert
/** A row of workspaces. */
export type Workspace = typeof workspaces.$inferSelect
/** A workspaces row to insert. */
export type NewWorkspace = typeof workspaces.$inferInsert
/** A row of departments. */
export type Department = typeof departments.$inferSelect
/** A departments row to insert. */
export type NewDepartment = typeof departments.$inferInsert
/** A row of employees. */
export type Employee = typeof employees.$inferSelect
/** An employees row to insert. */
export type NewEmployee = typeof employees.$inferInsert
