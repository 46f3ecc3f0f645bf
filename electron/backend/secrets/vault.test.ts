import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dataKeyName, ensureDataKey, fileVault } from './vault'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-vault-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('file vault', () => {
  it('keeps secrets in owner-only files and makes a data key once per organization', async () => {
    const vault = fileVault(path.join(root, 'secrets'))
    const org = '00000000-0000-0000-0000-000000000001'
    const key = await ensureDataKey(vault, org)
    expect(Buffer.from(key, 'base64')).toHaveLength(32)
    expect(await ensureDataKey(vault, org)).toBe(key)
    expect(await fileVault(path.join(root, 'secrets')).get(dataKeyName(org))).toBe(key)
    const stat = fs.statSync(path.join(root, 'secrets', `${dataKeyName(org)}.secret`))
    expect(stat.mode & 0o777).toBe(0o600)
    expect(fs.statSync(path.join(root, 'secrets')).mode & 0o777).toBe(0o700)
    expect(fs.readdirSync(path.join(root, 'secrets')).some((f) => f.endsWith('.tmp'))).toBe(false)
  })

  it('refuses names that could leave its folder', async () => {
    const vault = fileVault(path.join(root, 'secrets'))
    await expect(vault.set('../escape', 'x')).rejects.toThrow(/invalid secret name/)
    await expect(vault.get('a/b')).rejects.toThrow(/invalid secret name/)
  })
})
