import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CentralDatabase, openCentral } from '../../../db/test/engines'
import { hashForHeadOffice, verifyPassword } from './password'

describe('the hash a terminal gives head office', () => {
  let central: CentralDatabase
  beforeAll(async () => {
    central = await openCentral()
  })
  afterAll(async () => {
    await central.close()
  })

  it('is checked by PostgreSQL 14 pgcrypto crypt() and by the terminal, for Cyrillic passwords too', async () => {
    for (const password of ['Astana-2026', 'Құпия-сөз-2026']) {
      const hash = await hashForHeadOffice(password)
      expect(hash.startsWith('$2a$10$')).toBe(true)
      const { rows } = await central.conn.query<{ ok: boolean; wrong: boolean }>(
        'SELECT crypt($1, $2) = $2 AS ok, crypt($3, $2) = $2 AS wrong',
        [password.normalize('NFC'), hash, 'something-else'],
      )
      expect(rows[0]).toEqual({ ok: true, wrong: false })
      expect((await verifyPassword(password, hash)).ok).toBe(true)
    }
  })
})
