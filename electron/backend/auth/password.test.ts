import bcrypt from 'bcryptjs'
import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password'

describe('password verifiers', () => {
  it('hashes with Argon2id and verifies, with a fresh salt each time', async () => {
    const a = await hashPassword('Qwerty-123')
    const b = await hashPassword('Qwerty-123')
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('Qwerty-123', a)).toEqual({ ok: true, needsUpgrade: false })
    expect(await verifyPassword('qwerty-123', a)).toEqual({ ok: false, needsUpgrade: false })
  })

  it('treats Cyrillic and Kazakh passwords the same however they were typed (NFC)', async () => {
    const composed = 'Қайың-Ёлка-2026'.normalize('NFC') // й and Ё decompose in NFD
    const decomposed = composed.normalize('NFD')
    expect(decomposed).not.toBe(composed)
    const hash = await hashPassword(decomposed)
    expect((await verifyPassword(composed, hash)).ok).toBe(true)
  })

  it('accepts bcrypt hashes from head office and asks for an upgrade', async () => {
    const legacy = await bcrypt.hash('Пароль-1', 8)
    expect(await verifyPassword('Пароль-1', legacy)).toEqual({ ok: true, needsUpgrade: true })
    expect(await verifyPassword('Пароль-2', legacy)).toEqual({ ok: false, needsUpgrade: false })
  })

  it('never matches an unknown or broken hash', async () => {
    expect(await verifyPassword('x', '')).toEqual({ ok: false, needsUpgrade: false })
    expect(await verifyPassword('x', 'plain-text-password')).toEqual({ ok: false, needsUpgrade: false })
    expect(await verifyPassword('x', '$argon2id$v=19$garbage')).toEqual({ ok: false, needsUpgrade: false })
  })
})
