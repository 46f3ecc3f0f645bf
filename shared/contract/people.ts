import { z } from 'zod'
import { organizationRoles } from '../permissions'

/** One person of the organization as the administration page lists them. */
export const personRow = z.object({
  userId: z.string(),
  employeeId: z.string(),
  fullName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  role: z.enum(organizationRoles),
  userStatus: z.string(),
  employeeStatus: z.string(),
  position: z.string().nullable(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  employeeNumber: z.string().nullable(),
  hireDate: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
})

/** Methods of people administration. */
export const peopleMethods = {
  'people.list': {
    input: z.object({ search: z.string().trim().max(100).optional() }).strict(),
    output: z.array(personRow),
    access: 'users.manage',
  },
} as const
