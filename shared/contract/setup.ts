import { z } from 'zod'
import { binField, emailField, nameField, newPasswordField } from './fields'
import { centralUrlField, enrollmentCodeField } from './sync'

/** How this terminal holds its company: a demo, a company of its own, or enrolled with head office. */
export const terminalModes = ['demo', 'standalone', 'enrolled'] as const

/** `setup.status`: is there a company on this terminal yet? */
export const setupStatusOutput = z.object({
  state: z.enum(['empty', 'ready']),
  mode: z.enum(terminalModes).nullable(),
  organizationName: z.string().nullable(),
})

/** `setup.createDemoCompany`: what was created. */
export const demoCompanyOutput = z.object({
  organizationName: z.string(),
  ownerEmail: z.string(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
})

/** `setup.createStandaloneCompany`: the organization, its main workspace and its owner. */
export const standaloneCompanyInput = z
  .object({
    organization: z
      .object({
        name: z.string().trim().min(2).max(255),
        bin: binField,
        address: z.string().trim().max(500).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9 ()-]{7,20}$/)
          .optional(),
      })
      .strict(),
    workspaceName: z.string().trim().min(1).max(255),
    owner: z.object({ firstName: nameField, lastName: nameField, email: emailField, password: newPasswordField }).strict(),
  })
  .strict()

/** Methods of first-run setup. */
export const setupMethods = {
  'setup.status': { input: z.object({}).strict(), output: setupStatusOutput, access: 'public' },
  /** Fills an empty terminal with a demo company that never syncs. Refused once a company exists. */
  'setup.createDemoCompany': {
    input: z.object({ scale: z.literal('small').default('small') }).strict(),
    output: demoCompanyOutput,
    access: 'public',
  },
  /** Makes this terminal the home of a company of its own, which never syncs. Refused once a company exists. */
  'setup.createStandaloneCompany': {
    input: standaloneCompanyInput,
    output: z.object({ organizationName: z.string(), ownerEmail: z.string() }),
    access: 'public',
  },
  /**
   * Enrolls this empty terminal with head office (address and one-time code), loads its
   * organization's data and leaves it ready for the first sign-in. Progress arrives as
   * `task.progress` events of the task `bootstrap`.
   */
  'setup.connectToHeadOffice': {
    input: z.object({ centralUrl: centralUrlField, code: enrollmentCodeField }).strict(),
    output: z.object({ organizationName: z.string() }),
    access: 'public',
  },
} as const
