import { z } from 'zod'
import { emailField } from './fields'

/** Keys of the organization's settings in app_settings. */
export const settingKeys = {
  lockAfterMinutes: 'security.lock_after_minutes',
  smtp: 'mail.smtp',
} as const

/** Inactivity before a session locks: bounds and the value used until an administrator sets one. */
export const lockAfterMinutesRange = { min: 1, max: 240, default: 15 } as const

/** The inactivity limit as an input field. */
export const lockAfterMinutesField = z.number().int().min(lockAfterMinutesRange.min).max(lockAfterMinutesRange.max)

/**
 * The SMTP server as stored in app_settings. The password is not here: it lives in the
 * backend's secret vault and never enters the database.
 */
export const smtpSettings = z.object({
  host: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[A-Za-z0-9.-]+$/),
  port: z.number().int().min(1).max(65535),
  /** TLS from the first byte (usually port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean(),
  /** Sign-in name at the server; empty when the server takes mail without signing in. */
  user: z.string().trim().max(255),
  /** The sender's address. */
  from: emailField,
})

/** SMTP settings as stored. */
export type SmtpSettings = z.infer<typeof smtpSettings>

/** Why email cannot be sent; null when it can. */
export const mailUnavailableReasons = ['notConfigured', 'passwordMissing'] as const

/** `mail.status`: can the terminal send email, and if not, why. */
export const mailStatusOutput = z.object({
  available: z.boolean(),
  reason: z.enum(mailUnavailableReasons).nullable(),
})

/** Methods of the organization's settings and of sending email. */
export const settingsMethods = {
  'settings.get': {
    input: z.object({}).strict(),
    output: z.object({
      lockAfterMinutes: z.number().int(),
      smtp: smtpSettings.extend({ from: z.string(), passwordSet: z.boolean() }).nullable(),
    }),
    access: 'settings.manage',
  },
  'settings.security.update': {
    input: z.object({ lockAfterMinutes: lockAfterMinutesField }).strict(),
    output: z.null(),
    access: 'settings.manage',
  },
  /** Saves the SMTP server. `password` left out keeps the stored one; an empty one removes it. */
  'settings.smtp.update': {
    input: smtpSettings.extend({ password: z.string().max(500).optional() }).strict(),
    output: z.null(),
    access: 'settings.manage',
  },
  /** Turns email off: the server settings and the stored password are removed. */
  'settings.smtp.clear': {
    input: z.object({}).strict(),
    output: z.null(),
    access: 'settings.manage',
  },
  /** Sends a test email with the saved settings. */
  'settings.smtp.test': {
    input: z.object({ to: emailField }).strict(),
    output: z.object({ sentTo: z.string() }),
    access: 'settings.manage',
  },
  /** Whether email can be sent, for every screen that offers to send something. */
  'mail.status': {
    input: z.object({}).strict(),
    output: mailStatusOutput,
    access: 'session',
  },
  /** Issues a password reset code and sends it to the person's email instead of showing it. */
  'users.emailResetCode': {
    input: z.object({ userId: z.uuid() }).strict(),
    output: z.object({ sentTo: z.string(), expiresAt: z.string() }),
    access: 'users.manage',
  },
} as const
