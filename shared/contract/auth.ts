import { z } from 'zod'
import { organizationRoles } from '../permissions'
import { newPasswordField } from './fields'

/** The signed-in person as the app shows them. */
export const signedInUser = z.object({
  userId: z.string(),
  email: z.string(),
  fullName: z.string(),
  role: z.enum(organizationRoles),
  organizationName: z.string(),
  workspaceName: z.string(),
  permissions: z.array(z.string()),
})

/** `auth.status`: who is signed in on this window, and whether the session is locked. */
export const authStatusOutput = z.object({
  user: signedInUser.nullable(),
  locked: z.boolean(),
  /** Minutes of inactivity before the session locks. */
  lockAfterMinutes: z.number().int().positive(),
  /** On a demo company, the account to try the app with. */
  demoAccount: z.object({ email: z.string(), password: z.string() }).nullable(),
})

const password = z.string().min(1).max(200)

/** Methods of sign-in and sessions. */
export const authMethods = {
  'auth.status': { input: z.object({}).strict(), output: authStatusOutput, access: 'public' },
  'auth.signIn': {
    input: z.object({ email: z.string().trim().toLowerCase().pipe(z.email()), password }).strict(),
    output: signedInUser,
    access: 'public',
  },
  // Public: switching person from a locked screen is one action.
  'auth.signOut': { input: z.object({}).strict(), output: z.null(), access: 'public' },
  /** Locks the session now (the person steps away); the same person unlocks with the password. */
  'auth.lock': { input: z.object({}).strict(), output: z.null(), access: 'session' },
  'auth.unlock': { input: z.object({ password }).strict(), output: signedInUser, access: 'public' },
} as const

/** Methods of password reset by one-time codes (email_verifications). */
export const passwordResetMethods = {
  /** An administrator issues a reset code for a person and tells it to them. */
  'users.issueResetCode': {
    input: z.object({ userId: z.uuid() }).strict(),
    output: z.object({ code: z.string(), expiresAt: z.string() }),
    access: 'users.manage',
  },
  /** The person sets a new password with the code. */
  'auth.resetPassword': {
    input: z
      .object({
        email: z.string().trim().toLowerCase().pipe(z.email()),
        code: z.string().trim().min(6).max(10),
        newPassword: newPasswordField,
      })
      .strict(),
    output: z.null(),
    access: 'public',
  },
} as const
