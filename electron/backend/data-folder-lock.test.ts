import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DataFolderLockedError, LOCK_FILE_NAME, isProcessAlive, lockDataFolder } from './data-folder-lock'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-lock-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

/** Starts another Node process that holds a lock file naming itself, and waits until it does. */
async function holdInOtherProcess(dataDir: string) {
  fs.mkdirSync(dataDir, { recursive: true })
  const script = `
    const fs = require('node:fs'); const os = require('node:os');
    fs.writeFileSync(${JSON.stringify(path.join(dataDir, LOCK_FILE_NAME))},
      JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() }), { flag: 'wx' });
    process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
  return child
}

describe('data folder lock', () => {
  it('refuses a folder held by another live process, with a message naming it', async () => {
    const dataDir = path.join(root, 'held')
    const child = await holdInOtherProcess(dataDir)
    try {
      expect(() => lockDataFolder(dataDir)).toThrow(DataFolderLockedError)
      expect(() => lockDataFolder(dataDir)).toThrow(new RegExp(`pid ${child.pid}`))
    } finally {
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
    }
    // The holder crashed: its lock is stale now and is taken over.
    expect(isProcessAlive(child.pid ?? -1)).toBe(false)
    const lock = lockDataFolder(dataDir)
    lock.release()
    expect(fs.existsSync(lock.file)).toBe(false)
  })

  it('takes over a lock file that is unreadable (crash while writing it)', () => {
    const dataDir = path.join(root, 'garbage')
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(path.join(dataDir, LOCK_FILE_NAME), '{"pid":')
    const lock = lockDataFolder(dataDir)
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid })
    lock.release()
  })

  it('never takes over a lock from another host', () => {
    const dataDir = path.join(root, 'other-host')
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(path.join(dataDir, LOCK_FILE_NAME), JSON.stringify({ pid: 1, hostname: 'warehouse-pc-2', startedAt: 'x' }))
    expect(() => lockDataFolder(dataDir)).toThrow(/warehouse-pc-2/)
  })

  it('refuses a second lock in the same process and releases only its own file', () => {
    const dataDir = path.join(root, 'same-process')
    const lock = lockDataFolder(dataDir)
    expect(() => lockDataFolder(dataDir)).toThrow(DataFolderLockedError)
    lock.release()
    lock.release()
    const again = lockDataFolder(dataDir)
    again.release()
  })
})
