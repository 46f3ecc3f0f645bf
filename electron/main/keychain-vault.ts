import fs from 'node:fs'
import path from 'node:path'
import type { SafeStorage } from 'electron'
import { type SecretVault, fileVault } from '../backend/secrets/vault'

/** The part of Electron's safeStorage used here (a fake in tests). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>

/**
 * Secrets wrapped by the OS keychain (DPAPI on Windows, libsecret/kwallet on Linux) through
 * Electron's async safeStorage API, as files in the user-data folder. Where the keychain falls
 * back to plain text (a Linux without a keyring), wrapping would only pretend: the secrets then
 * go to owner-only files, and `protection` says `file` so the app can warn.
 */
export async function keychainVault(
  dir: string,
  safeStorage: SafeStorageLike,
  platform = process.platform,
): Promise<SecretVault> {
  const plainText = platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())
  if (plainText || !(await safeStorage.isAsyncEncryptionAvailable())) return fileVault(path.join(dir, 'plain'))

  const fileOf = (name: string) => {
    if (!/^[a-z0-9-]{1,100}$/.test(name)) throw new Error(`invalid secret name: ${name}`)
    return path.join(dir, `${name}.bin`)
  }
  const vault: SecretVault = {
    protection: 'os-keychain',
    async get(name) {
      let wrapped: Buffer
      try {
        wrapped = await fs.promises.readFile(fileOf(name))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(wrapped)
      if (shouldReEncrypt) await vault.set(name, result)
      return result
    },
    async set(name, value) {
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 })
      const file = fileOf(name)
      const temp = `${file}.tmp`
      await fs.promises.writeFile(temp, await safeStorage.encryptStringAsync(value), { mode: 0o600 })
      await fs.promises.rename(temp, file)
    },
  }
  return vault
}
