import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Where the terminal keeps secrets (organization data keys, the terminal's sync secret).
 * Never the database, never a plain file when the OS keychain is there.
 */
export interface SecretVault {
  get(name: string): Promise<string | null>
  set(name: string, value: string): Promise<void>
  /** How the secrets are protected at rest, so the app can warn when it is only a file. */
  readonly protection: 'os-keychain' | 'file'
}

const safeName = (name: string) => {
  if (!/^[a-z0-9-]{1,100}$/.test(name)) throw new Error(`invalid secret name: ${name}`)
  return name
}

/**
 * Secrets as owner-only files (0600 in a 0700 folder). Used in web mode, and in the desktop
 * app where the OS keychain is missing (Electron's safeStorage falls back to plain text): then
 * only the file permissions protect the key, and the app says so.
 */
export function fileVault(dir: string): SecretVault {
  return {
    protection: 'file',
    async get(name) {
      try {
        return (await fs.promises.readFile(path.join(dir, `${safeName(name)}.secret`), 'utf8')).trim()
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async set(name, value) {
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 })
      const file = path.join(dir, `${safeName(name)}.secret`)
      const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`
      // Write aside, fsync, then rename: a crash never leaves half a key.
      const handle = await fs.promises.open(temp, 'w', 0o600)
      try {
        await handle.writeFile(value)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await fs.promises.rename(temp, file)
    },
  }
}

/** A vault in memory (tests, and a demo company in an in-memory backend). */
export function memoryVault(): SecretVault {
  const values = new Map<string, string>()
  return {
    protection: 'file',
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => {
      values.set(name, value)
    },
  }
}

/** The vault name of an organization's data key. */
export const dataKeyName = (organizationId: string) => `org-data-key-${organizationId}`

/**
 * The organization's data key: the one key its sensitive fields are encrypted under on every
 * replica. Central issues it at enrollment; a standalone or demo company makes its own here.
 */
export async function ensureDataKey(vault: SecretVault, organizationId: string): Promise<string> {
  const existing = await vault.get(dataKeyName(organizationId))
  if (existing) return existing
  const key = randomBytes(32).toString('base64')
  await vault.set(dataKeyName(organizationId), key)
  return key
}
