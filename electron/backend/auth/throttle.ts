/** Failed attempts that are free before lockout starts. */
export const FREE_ATTEMPTS = 5
/** The first lockout; each further failure doubles it. */
const FIRST_LOCK_MS = 30_000
/** The longest lockout. */
const MAX_LOCK_MS = 15 * 60_000

/**
 * How long sign-in stays locked after `failures` consecutive failures: nothing for the first
 * five (people mistype, gloves slip), then 30 s doubling up to 15 minutes. Slow enough to stop
 * guessing, short enough that a clerk is never locked out for a shift.
 */
export function lockoutMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_ATTEMPTS))
}

/** The key a typed email is throttled under, whether or not such an account exists. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase().normalize('NFC')
}
