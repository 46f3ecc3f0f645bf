import { z } from 'zod'

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

/** Methods of first-run setup. */
export const setupMethods = {
  'setup.status': { input: z.object({}).strict(), output: setupStatusOutput, access: 'public' },
  /** Fills an empty terminal with a demo company that never syncs. Refused once a company exists. */
  'setup.createDemoCompany': {
    input: z.object({ scale: z.literal('small').default('small') }).strict(),
    output: demoCompanyOutput,
    access: 'public',
  },
} as const
