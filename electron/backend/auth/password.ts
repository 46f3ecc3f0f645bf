import bcrypt from 'bcryptjs'
import { argon2Verify, argon2id } from 'hash-wasm'
import { randomBytes } from 'node:crypto'

/**
 * Argon2id parameters: OWASP's minimum (19 MiB, 2 passes, 1 lane). A sign-in on a shop-floor
 * PC must stay well under a second, and the verifier never leaves the terminal.
 */
const ARGON2 = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const

/** Hashes a password as an Argon2id PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). */
export async function hashPassword(password: string): Promise<string> {
  return argon2id({ ...ARGON2, password: password.normalize('NFC'), salt: randomBytes(16), outputType: 'encoded' })
}

/**
 * The hash head office keeps for a person whose password was set on a terminal: bcrypt, which
 * head office checks with pgcrypto's crypt() (online sign-in on any terminal). Written with the
 * `$2a$` prefix pgcrypto knows; for passwords under 72 bytes `$2a$` and `$2b$` are the same.
 */
export async function hashForHeadOffice(password: string): Promise<string> {
  const hash = await bcrypt.hash(password.normalize('NFC'), 10)
  return hash.replace(/^\$2b\$/, '$2a$')
}

/** The outcome of checking a password against a stored hash. */
export interface PasswordCheck {
  ok: boolean
  /** The stored hash is of an older kind (bcrypt from head office) or weaker parameters: re-hash it. */
  needsUpgrade: boolean
}

function argon2ParamsAreCurrent(hash: string): boolean {
  return hash.includes(`m=${ARGON2.memorySize},t=${ARGON2.iterations},p=${ARGON2.parallelism}`)
}

/**
 * Checks a password against an Argon2id or bcrypt hash. bcrypt hashes come from head office's
 * older accounts; they are accepted and reported for upgrade. Anything else never matches.
 */
export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const normalized = password.normalize('NFC')
  if (stored.startsWith('$argon2id$')) {
    const ok = await argon2Verify({ password: normalized, hash: stored }).catch(() => false)
    return { ok, needsUpgrade: ok && !argon2ParamsAreCurrent(stored) }
  }
  if (/^\$2[aby]\$\d\d\$/.test(stored)) {
    const ok = await bcrypt.compare(normalized, stored).catch(() => false)
    return { ok, needsUpgrade: ok }
  }
  return { ok: false, needsUpgrade: false }
}
