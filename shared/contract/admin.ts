import { z } from 'zod'
import { organizationRoles } from '../permissions'
import { emailField, nameField } from './fields'

/**
 * Optional text a form may clear: trimmed, and an empty field means "none" (null), so a
 * cleared input really clears the column instead of storing ''.
 */
const clearable = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v ? v : null))

const phoneField = z
  .string()
  .trim()
  .regex(/^(\+?[0-9 ()-]{7,20})?$/)
  .nullable()
  .transform((v) => (v ? v : null))

/** The kinds of workspace the seed knows. */
export const workspaceTypes = ['main', 'division', 'project', 'branch'] as const

/** The states of a workspace. */
export const workspaceStatuses = ['active', 'inactive', 'archived'] as const

/** What an administrator may set an account to: working, or suspended (cannot sign in). */
export const userStatusChoices = ['active', 'suspended'] as const

/** Employment states an administrator may set. */
export const employeeStatuses = ['pending', 'active', 'inactive', 'terminated'] as const

/** One department as the tree shows it; the renderer builds the tree from parentId. */
export const departmentRow = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  description: z.string().nullable(),
  parentId: z.string().nullable(),
  headId: z.string().nullable(),
  headName: z.string().nullable(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  employeeCount: z.number().int().nonnegative(),
})

/** One workspace of the organization. */
export const workspaceRow = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: z.enum(workspaceTypes),
  status: z.enum(workspaceStatuses),
  employeeCount: z.number().int().nonnegative(),
  /** The workspace this terminal works in: it cannot be closed from here. */
  isTerminalWorkspace: z.boolean(),
})

const departmentFields = {
  name: z.string().trim().min(1).max(255),
  code: clearable(50).optional(),
  description: clearable(1000).optional(),
  parentId: z.uuid().nullable().optional(),
  headId: z.uuid().nullable().optional(),
  workspaceId: z.uuid().optional(),
}

/**
 * Administration of the organization: accounts, employment, departments and workspaces. Each
 * write declares the permission it needs; the lists of departments and workspaces need only a
 * session, because every form that picks a department or a workspace shows them.
 */
export const adminMethods = {
  /**
   * A new person: the sign-in account and its employee record in one go (a user belongs to an
   * organization only through an employee), with a one-time code to set the first password.
   */
  'admin.users.create': {
    input: z
      .object({
        email: emailField,
        firstName: nameField,
        lastName: nameField,
        phone: phoneField.optional(),
        role: z.enum(organizationRoles).default('employee'),
        workspaceId: z.uuid(),
        departmentId: z.uuid().nullable().optional(),
        position: clearable(255).optional(),
      })
      .strict(),
    output: z.object({ userId: z.string(), employeeId: z.string(), code: z.string(), expiresAt: z.string() }),
    access: 'users.manage',
  },
  'admin.users.update': {
    input: z
      .object({
        userId: z.uuid(),
        email: emailField.optional(),
        firstName: nameField.optional(),
        lastName: nameField.optional(),
        phone: phoneField.optional(),
        role: z.enum(organizationRoles).optional(),
      })
      .strict(),
    output: z.null(),
    access: 'users.manage',
  },
  /** Suspends an account (it can no longer sign in) or makes it active again. */
  'admin.users.setStatus': {
    input: z.object({ userId: z.uuid(), status: z.enum(userStatusChoices) }).strict(),
    output: z.null(),
    access: 'users.manage',
  },
  /** Employment: workspace, department, position, number, hire date and status. */
  'admin.employees.update': {
    input: z
      .object({
        employeeId: z.uuid(),
        workspaceId: z.uuid().optional(),
        departmentId: z.uuid().nullable().optional(),
        position: clearable(255).optional(),
        employeeNumber: clearable(50).optional(),
        hireDate: z.iso.date().nullable().optional(),
        status: z.enum(employeeStatuses).optional(),
      })
      .strict(),
    output: z.null(),
    access: 'employees.manage',
  },
  'admin.departments.list': {
    input: z.object({}).strict(),
    output: z.array(departmentRow),
    access: 'session',
  },
  'admin.departments.create': {
    input: z.object(departmentFields).strict(),
    output: z.object({ departmentId: z.string() }),
    access: 'org.manage',
  },
  /** Renames, moves (parentId), changes the head or the workspace of a department. */
  'admin.departments.update': {
    input: z.object({ departmentId: z.uuid(), ...departmentFields, name: departmentFields.name.optional() }).strict(),
    output: z.null(),
    access: 'org.manage',
  },
  /** Deletes a department that has no sub-departments and no employees left. */
  'admin.departments.delete': {
    input: z.object({ departmentId: z.uuid() }).strict(),
    output: z.null(),
    access: 'org.manage',
  },
  'admin.workspaces.list': {
    input: z.object({}).strict(),
    output: z.array(workspaceRow),
    access: 'session',
  },
  'admin.workspaces.create': {
    input: z
      .object({
        name: z.string().trim().min(1).max(255),
        type: z.enum(workspaceTypes).default('branch'),
        description: clearable(1000).optional(),
      })
      .strict(),
    output: z.object({ workspaceId: z.string() }),
    access: 'org.manage',
  },
  'admin.workspaces.update': {
    input: z
      .object({
        workspaceId: z.uuid(),
        name: z.string().trim().min(1).max(255).optional(),
        type: z.enum(workspaceTypes).optional(),
        description: clearable(1000).optional(),
        status: z.enum(workspaceStatuses).optional(),
      })
      .strict(),
    output: z.null(),
    access: 'org.manage',
  },
} as const
