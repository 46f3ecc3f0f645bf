import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CallContext, newConnection } from './call-context'
import { DataFolderLockedError, DataFolderNotWritableError } from './data-folder-lock'
import { memoryLogger } from './logger'
import { type Backend, startBackend } from './start-backend'

const ctx: CallContext = { connection: { ...newConnection(), locale: 'en' }, origin: 'test' }

describe('backend dispatch over in-memory PGlite', () => {
  let backend: Backend
  const logger = memoryLogger()

  beforeAll(async () => {
    backend = await startBackend({ logger, appVersion: '9.9.9-test' })
  })
  afterAll(async () => {
    await backend.close()
  })

  it('answers system.info with real figures from the database', async () => {
    const result = await backend.dispatch('system.info', {}, ctx)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({ appVersion: '9.9.9-test', dataDir: null, pgliteVersion: '0.5.16' })
    const value = result.value as { postgresVersion: string; databaseSizeBytes: number }
    expect(value.postgresVersion).toMatch(/^18\./)
    expect(value.databaseSizeBytes).toBeGreaterThan(1_000_000)
  })

  it('answers system.health', async () => {
    const result = await backend.dispatch('system.health', {}, ctx)
    expect(result).toMatchObject({ ok: true, value: { status: 'ok', database: { ok: true } } })
  })

  it('rejects bad input with VALIDATION and the field path', async () => {
    const result = await backend.dispatch('system.info', { verbose: true }, ctx)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('VALIDATION')
    expect(result.error.issues?.[0]).toMatchObject({ code: 'unrecognized_keys' })
    expect(result.error.message).toContain('verbose')
  })

  it('words validation messages in the caller’s language', async () => {
    const ru: CallContext = { connection: newConnection(), origin: 'test' }
    expect(await backend.dispatch('system.setLocale', { locale: 'kk' }, ru)).toEqual({ ok: true, value: null })
    const kk = await backend.dispatch('system.info', { extra: 1 }, ru)
    expect(kk).toMatchObject({ ok: false, error: { issues: [{ message: 'Белгісіз өрістер: extra' }] } })
    expect(await backend.dispatch('system.setLocale', { locale: 'ru' }, ru)).toMatchObject({ ok: true })
    const result = await backend.dispatch('system.info', 'not an object', ru)
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    if (result.ok) return
    expect(result.error.issues?.[0]?.message).toMatch(/[а-яА-Я]/)
  })

  it.each(['system.nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'system.info.extra'])(
    'rejects the unknown method %j with NOT_FOUND',
    async (method) => {
      const result = await backend.dispatch(method, {}, ctx)
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    },
  )

  it('rejects a method name that is not a string', async () => {
    const result = await backend.dispatch(42 as unknown as string, {}, ctx)
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('backend on a data folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-backend-'))
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

  it('keeps committed data across close and reopen, and refuses a second open', async () => {
    const dataDir = path.join(root, 'terminal')
    const first = await startBackend({ dataDir })
    await first.db.exec('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$still here$$)')
    await expect(startBackend({ dataDir })).rejects.toBeInstanceOf(DataFolderLockedError)
    // The refused second open must not have damaged anything.
    expect((await first.db.query<{ v: string }>('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }])
    await first.close()
    await first.close() // idempotent

    const second = await startBackend({ dataDir })
    expect((await second.db.query<{ v: string }>('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }])
    const info = await second.dispatch('system.info', {}, ctx)
    expect(info).toMatchObject({ ok: true, value: { dataDir } })
    await second.close()
  })

  it('answers OFFLINE once closing', async () => {
    const backend = await startBackend({ dataDir: path.join(root, 'closing') })
    await backend.close()
    expect(await backend.dispatch('system.health', {}, ctx)).toMatchObject({ ok: false, error: { code: 'OFFLINE' } })
  })

  it('reports a data folder that cannot be written', async () => {
    const file = path.join(root, 'a-file')
    fs.writeFileSync(file, 'x')
    await expect(startBackend({ dataDir: path.join(file, 'data') })).rejects.toBeInstanceOf(DataFolderNotWritableError)
  })
})
