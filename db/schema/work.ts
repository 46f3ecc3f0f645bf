/**
 * Work (0008): projects, tasks and time entries.
 */
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  time,
  unique,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import { customers, deals } from './crm'
import { createdAt, deletedAt, jsonObject, oneOf, updatedAt, wallClock } from './helpers'
import { orders } from './orders'
import { departments, employees, organizations, workspaces } from './organization'

/** Projects that tasks and time entries belong to. */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    code: varchar('code', { length: 50 }).notNull(),
    name: varchar('name', { length: 500 }).notNull(),
    description: text('description'),
    status: varchar('status', { length: 20, enum: ['planning', 'active', 'on_hold', 'completed', 'cancelled'] })
      .notNull()
      .default('planning'),
    priority: varchar('priority', { length: 10, enum: ['low', 'medium', 'high', 'urgent'] })
      .notNull()
      .default('medium'),
    customerId: uuid('customer_id').references(() => customers.id),
    dealId: uuid('deal_id').references(() => deals.id),
    managerId: uuid('manager_id').references(() => employees.id),
    departmentId: uuid('department_id').references(() => departments.id),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    actualEndDate: date('actual_end_date', { mode: 'string' }),
    budget: numeric('budget', { precision: 15, scale: 2 }).default('0'),
    currency: varchar('currency', { length: 3 }).notNull().default('KZT'),
    isBillable: boolean('is_billable').notNull().default(true),
    hourlyRate: numeric('hourly_rate', { precision: 8, scale: 2 }).default('0'),
    tags: text('tags').array().default([]),
    customFields: jsonObject('custom_fields'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('ck_project_dates', sql`end_date IS NULL OR start_date IS NULL OR end_date >= start_date`),
    check('projects_budget_check', sql`budget >= 0`),
    check('projects_priority_check', oneOf(t.priority)),
    check('projects_status_check', oneOf(t.status)),
    unique('uk_project_code_org').on(t.code, t.organizationId),
    index('idx_projects_customer_id').on(t.customerId),
    index('idx_projects_end_date').on(t.endDate),
    index('idx_projects_manager_id').on(t.managerId),
    index('idx_projects_org_id').on(t.organizationId),
    index('idx_projects_status').on(t.status),
    index('idx_projects_tags').using('gin', t.tags),
    index('idx_projects_workspace_id').on(t.workspaceId),
  ],
)

/** Tasks, nested through parent_task_id, related to a project, customer, deal or order. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    title: varchar('title', { length: 500 }).notNull(),
    description: text('description'),
    type: varchar('type', { length: 50 }).notNull().default('general'),
    category: varchar('category', { length: 50 }),
    priority: varchar('priority', { length: 10, enum: ['low', 'medium', 'high', 'urgent'] })
      .notNull()
      .default('medium'),
    status: varchar('status', { length: 20, enum: ['pending', 'in_progress', 'on_hold', 'completed', 'cancelled'] })
      .notNull()
      .default('pending'),
    progressPercent: integer('progress_percent').default(0),
    assignedTo: uuid('assigned_to').references(() => employees.id),
    assignedBy: uuid('assigned_by').references(() => employees.id),
    departmentId: uuid('department_id').references(() => departments.id),
    projectId: uuid('project_id').references(() => projects.id),
    customerId: uuid('customer_id').references(() => customers.id),
    dealId: uuid('deal_id').references(() => deals.id),
    orderId: uuid('order_id').references(() => orders.id),
    /** Any other row the task is about, by table name and id (no foreign key). */
    relatedEntityType: varchar('related_entity_type', { length: 50 }),
    relatedEntityId: uuid('related_entity_id'),
    parentTaskId: uuid('parent_task_id').references((): AnyPgColumn => tasks.id),
    estimatedHours: numeric('estimated_hours', { precision: 6, scale: 2 }).default('0'),
    actualHours: numeric('actual_hours', { precision: 6, scale: 2 }).default('0'),
    billableHours: numeric('billable_hours', { precision: 6, scale: 2 }).default('0'),
    hourlyRate: numeric('hourly_rate', { precision: 8, scale: 2 }).default('0'),
    startDate: date('start_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    completedDate: date('completed_date', { mode: 'string' }),
    tags: text('tags').array().default([]),
    attachments: jsonb('attachments').$type<unknown[]>().default([]),
    customFields: jsonObject('custom_fields'),
    notes: text('notes'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => employees.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('tasks_priority_check', oneOf(t.priority)),
    check('tasks_progress_percent_check', sql`progress_percent >= 0 AND progress_percent <= 100`),
    check('tasks_status_check', oneOf(t.status)),
    index('idx_tasks_assigned_to').on(t.assignedTo),
    index('idx_tasks_customer_id').on(t.customerId),
    index('idx_tasks_department_id').on(t.departmentId),
    index('idx_tasks_due_date').on(t.dueDate),
    index('idx_tasks_org_id').on(t.organizationId),
    index('idx_tasks_priority').on(t.priority),
    index('idx_tasks_status').on(t.status),
    index('idx_tasks_tags').using('gin', t.tags),
    index('idx_tasks_workspace_id').on(t.workspaceId),
  ],
)

/** Time worked by an employee; billable_amount is generated. */
export const timeEntries = pgTable(
  'time_entries',
  {
    id: uuid('id').defaultRandom().primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    entryDate: date('entry_date', { mode: 'string' }).notNull(),
    startTime: time('start_time'),
    endTime: time('end_time'),
    durationHours: numeric('duration_hours', { precision: 6, scale: 2 }).notNull(),
    breakHours: numeric('break_hours', { precision: 6, scale: 2 }).default('0'),
    taskId: uuid('task_id').references(() => tasks.id),
    projectId: uuid('project_id').references(() => projects.id),
    customerId: uuid('customer_id').references(() => customers.id),
    isBillable: boolean('is_billable').notNull().default(true),
    hourlyRate: numeric('hourly_rate', { precision: 8, scale: 2 }).default('0'),
    billableAmount: numeric('billable_amount', { precision: 10, scale: 2 }).generatedAlwaysAs(
      sql`CASE WHEN is_billable THEN duration_hours * hourly_rate ELSE 0 END`,
    ),
    status: varchar('status', { length: 20, enum: ['draft', 'submitted', 'approved', 'rejected', 'billed'] })
      .notNull()
      .default('draft'),
    description: text('description'),
    notes: text('notes'),
    approvedBy: uuid('approved_by').references(() => employees.id),
    approvedAt: wallClock('approved_at'),
    rejectionReason: text('rejection_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    check('time_entries_duration_hours_check', sql`duration_hours >= 0`),
    check('time_entries_status_check', oneOf(t.status)),
    index('idx_time_entries_employee_id').on(t.employeeId),
    index('idx_time_entries_entry_date').on(t.entryDate),
    index('idx_time_entries_org_id').on(t.organizationId),
    index('idx_time_entries_status').on(t.status),
    index('idx_time_entries_task_id').on(t.taskId),
    index('idx_time_entries_workspace_id').on(t.workspaceId),
  ],
)

/** A row of projects. */
export type Project = typeof projects.$inferSelect
/** A projects row to insert. */
export type NewProject = typeof projects.$inferInsert
/** A row of tasks. */
export type Task = typeof tasks.$inferSelect
/** A tasks row to insert. */
export type NewTask = typeof tasks.$inferInsert
/** A row of time_entries. */
export type TimeEntry = typeof timeEntries.$inferSelect
/** A time_entries row to insert. */
export type NewTimeEntry = typeof timeEntries.$inferInsert
