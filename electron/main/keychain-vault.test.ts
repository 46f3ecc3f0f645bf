import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type SafeStorageLike, keychainVault } from './keychain-vault'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-keychain-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

/** A stand-in keychain: reversible, but never the plain text on disk. */
function fakeSafeStorage(backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']>, available = true): SafeStorageLike {
  return {
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (s) => Buffer.from(`wrapped:${Buffer.from(s).toString('base64')}`),
    decryptStringAsync: async (b) => ({
      result: Buffer.from(b.toString().slice('wrapped:'.length), 'base64').toString(),
      shouldReEncrypt: false,
    }),
  } as SafeStorageLike
}

describe('desktop secret vault', () => {
  it('wraps secrets with the OS keychain and never writes them in clear', async () => {
    const dir = path.join(root, 'keychain')
    const vault = await keychainVault(dir, fakeSafeStorage('gnome_libsecret'), 'linux')
    expect(vault.protection).toBe('os-keychain')
    await vault.set('org-data-key-x', 'top-secret-key')
    expect(fs.readFileSync(path.join(dir, 'org-data-key-x.bin'), 'utf8')).not.toContain('top-secret-key')
    expect(await vault.get('org-data-key-x')).toBe('top-secret-key')
    expect(await vault.get('missing')).toBeNull()
  })

  it('falls back to owner-only files, and says so, where the keychain is plain text', async () => {
    const vault = await keychainVault(path.join(root, 'basic'), fakeSafeStorage('basic_text'), 'linux')
    expect(vault.protection).toBe('file')
    const unavailable = await keychainVault(path.join(root, 'none'), fakeSafeStorage('unknown', false), 'win32')
    expect(unavailable.protection).toBe('file')
  })
})
