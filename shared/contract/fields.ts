import { z } from 'zod'
import { isValidBin, isValidIin } from '../kz-identifiers'

/**
 * Field schemas with Kazakhstan's rules. Custom checks carry a `rule` parameter instead of a
 * fixed message, so the backend words the message in the caller's language
 * (shared/validation-locale.ts).
 */
export const binField = z
  .string()
  .trim()
  .refine((v) => isValidBin(v), { params: { rule: 'bin' } })

/** An IIN with its check digit and birth date. */
export const iinField = z
  .string()
  .trim()
  .refine((v) => isValidIin(v), { params: { rule: 'iin' } })

/** A new password: long enough to resist guessing on a shared shop-floor PC. */
export const newPasswordField = z
  .string()
  .min(8)
  .max(200)
  .refine((v) => /\p{L}/u.test(v) && /\d/.test(v), { params: { rule: 'password' } })

/** An email, trimmed and lower-cased so one person has one address. */
export const emailField = z.string().trim().toLowerCase().pipe(z.email())

/** A person's name part. */
export const nameField = z.string().trim().min(1).max(100)
