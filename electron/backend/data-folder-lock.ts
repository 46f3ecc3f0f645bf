import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Name of the lock file inside a data folder. */
export const LOCK_FILE_NAME = 'prometric.lock'

/** What a lock file records about its owner. */
export interface LockOwner {
  pid: number
  hostname: string
  startedAt: string
}

/**
 * Another live process holds the data folder. PGlite neither locks its folder nor refuses a
 * second process, and two processes writing one folder corrupt it, so we refuse instead.
 */
export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Prometric process ` +
        `(pid ${owner.pid} on ${owner.hostname}, since ${owner.startedAt}). ` +
        'Close that window or use another --data-dir.',
    )
    this.name = 'DataFolderLockedError'
  }
}

/** The data folder cannot be created or written (permissions, read-only medium, full disk). */
export class DataFolderNotWritableError extends Error {
  constructor(
    readonly dataDir: string,
    cause: unknown,
  ) {
    super(
      `The data folder ${dataDir} cannot be written: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'Choose a folder you can write to (--data-dir).',
      { cause },
    )
    this.name = 'DataFolderNotWritableError'
  }
}

/** Creates a folder if needed and checks it can be written; throws {@link DataFolderNotWritableError}. */
export function ensureWritableFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true })
    fs.accessSync(dir, fs.constants.W_OK)
  } catch (error) {
    throw new DataFolderNotWritableError(dir, error)
  }
}

/** A held lock; `release()` is idempotent. */
export interface DataFolderLock {
  readonly file: string
  release(): void
}

/** Lock files this process holds: a second open in the same process is refused too. */
const heldInThisProcess = new Set<string>()

/** True when a process with this pid exists on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string') {
      return { pid: parsed.pid, hostname: parsed.hostname, startedAt: String(parsed.startedAt ?? '') }
    }
    return null
  } catch {
    return null // half-written or unreadable: treated as stale below
  }
}

/**
 * Takes an exclusive lock on a data folder for this process, creating the folder if needed.
 *
 * The lock is a file created with `O_EXCL` that names its owner. A lock whose owner process is
 * gone (same host, pid not alive) or whose file is unreadable is stale: a crashed backend must
 * not keep the terminal from starting again, so it is taken over. A lock from another host
 * (a folder on a network share) is never taken over automatically.
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const file = path.join(path.resolve(dataDir), LOCK_FILE_NAME)
  ensureWritableFolder(dataDir)
  const me: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() }
  if (heldInThisProcess.has(file)) throw new DataFolderLockedError(dataDir, readOwner(file) ?? me)

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600)
      try {
        fs.writeSync(fd, JSON.stringify(me))
        fs.fsyncSync(fd)
      } finally {
        fs.closeSync(fd)
      }
      let released = false
      heldInThisProcess.add(file)
      return {
        file,
        release() {
          if (released) return
          released = true
          heldInThisProcess.delete(file)
          // Only remove the file if it is still ours (never another process's fresh lock).
          if (readOwner(file)?.pid === me.pid) fs.rmSync(file, { force: true })
        },
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'EEXIST') throw new DataFolderNotWritableError(dataDir, error)
    }
    const owner = readOwner(file)
    const stale = owner === null || (owner.hostname === me.hostname && (owner.pid === me.pid || !isProcessAlive(owner.pid)))
    if (!stale) throw new DataFolderLockedError(dataDir, owner)
    fs.rmSync(file, { force: true })
  }
  throw new DataFolderNotWritableError(dataDir, new Error('the lock file keeps reappearing'))
}
