import type { Result } from '../../shared/contract'
import type { ServerFrame } from '../../shared/rpc-protocol'
import type { FromBackend, ToBackend } from '../backend/host-protocol'
import type { SecretVault } from '../backend/secrets/vault'

/** The part of Electron's UtilityProcess we use (a fake in tests). */
export interface UtilityProcessLike {
  postMessage(message: ToBackend): void
  on(event: 'message', listener: (message: FromBackend) => void): this
  on(event: 'exit', listener: (code: number) => void): this
  kill(): boolean
}

/** What the host needs from its surroundings. */
export interface BackendHostDeps {
  fork(): UtilityProcessLike
  start: Extract<ToBackend, { type: 'start' }>
  /** Called with every event frame for a connection (a window); -1 means every window. */
  onEvent(connectionId: number, name: string, payload: unknown): void
  /** The backend could not start at all (folder locked, not writable): nothing to retry. */
  onFatal(code: string, message: string): void
  log: { info(m: string): void; warn(m: string): void; error(m: string, ...d: unknown[]): void }
  /** Secrets the backend asks for; kept here, with the OS keychain. */
  vault?: SecretVault
  /** Delay before restart attempt n (1-based); injectable for tests. */
  restartDelayMs?: (attempt: number) => number
  /** Timers; injectable for tests. */
  setTimeout?: (fn: () => void, ms: number) => unknown
}

/** Crashes within this window count towards giving up. */
const CRASH_WINDOW_MS = 60_000
/** More crashes than this in the window and the host stops restarting. */
const MAX_CRASHES_IN_WINDOW = 5

const restartingError = (message: string): Result<never> => ({ ok: false, error: { code: 'OFFLINE', message } })

/**
 * Runs the backend in a utility process and relays calls to it, so a long query or a sync
 * apply never freezes a window. If the process dies, pending calls are answered `OFFLINE`,
 * windows are told, and a fresh backend starts on the same data folder: committed data is in
 * the database, and its stale lock is recognised and taken over.
 */
export class BackendHost {
  private child: UtilityProcessLike | null = null
  private ready: Promise<void> | null = null
  private readyResolve: (() => void) | null = null
  private nextId = 1
  private readonly pending = new Map<number, { connectionId: number; resolve: (r: Result<unknown>) => void }>()
  private crashes: number[] = []
  private stopping = false
  private failed: string | null = null

  constructor(private readonly deps: BackendHostDeps) {}

  /** Starts the backend process. */
  start(): void {
    this.expectReady()
    const child = this.deps.fork()
    this.child = child
    child.on('message', (message) => this.onMessage(message))
    child.on('exit', (code) => this.onExit(child, code))
    child.postMessage(this.deps.start)
  }

  /** Calls a method for one window; always answers with an envelope. */
  async invoke(connectionId: number, method: string, input: unknown): Promise<Result<unknown>> {
    if (this.failed) return restartingError(this.failed)
    await this.ready
    const child = this.child
    if (!child || this.failed) return restartingError(this.failed ?? 'The terminal backend is not running.')
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, { connectionId, resolve })
      child.postMessage({ type: 'frame', connectionId, frame: { type: 'call', id, method, input } })
    })
  }

  /** A window closed: its connection state (session) is dropped in the backend. */
  disconnect(connectionId: number): void {
    this.child?.postMessage({ type: 'disconnect', connectionId })
  }

  /** Asks the backend to checkpoint and close, waiting at most `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true
    const child = this.child
    if (!child) return
    await new Promise<void>((resolve) => {
      const timer = (this.deps.setTimeout ?? setTimeout)(() => {
        child.kill()
        resolve()
      }, timeoutMs)
      child.on('exit', () => {
        clearTimeout(timer as ReturnType<typeof setTimeout>)
        resolve()
      })
      child.postMessage({ type: 'shutdown' })
    })
  }

  private onMessage(message: FromBackend) {
    switch (message.type) {
      case 'ready':
        this.deps.log.info('backend ready')
        this.readyResolve?.()
        this.readyResolve = null
        break
      case 'fatal':
        this.failed = message.message
        this.readyResolve?.()
        this.readyResolve = null
        this.deps.onFatal(message.code, message.message)
        break
      case 'frame':
        this.onFrame(message.connectionId, message.frame)
        break
      case 'closed':
        break
      case 'vault':
        void this.answerVault(message)
        break
    }
  }

  private onFrame(connectionId: number, frame: ServerFrame) {
    if (frame.type === 'event') {
      this.deps.onEvent(connectionId, frame.name, frame.payload)
      return
    }
    const waiting = this.pending.get(frame.id)
    if (!waiting) return
    this.pending.delete(frame.id)
    waiting.resolve(frame.result as Result<unknown>)
  }

  private onExit(child: UtilityProcessLike, code: number) {
    if (child !== this.child) return
    this.child = null
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id)
      waiting.resolve(restartingError('The terminal backend restarted while this was running. Check the result and try again.'))
    }
    if (this.stopping || this.failed) return
    const now = Date.now()
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now]
    this.deps.log.error(`backend exited unexpectedly with code ${code}`)
    if (this.crashes.length > MAX_CRASHES_IN_WINDOW) {
      this.failed = 'The terminal backend keeps failing. The details are in the log; restart the app.'
      this.deps.onFatal('CRASH_LOOP', this.failed)
      return
    }
    this.broadcastNotice(
      'warning',
      'BACKEND_RESTARTED',
      'The terminal backend stopped unexpectedly and was restarted. Your saved work is safe.',
    )
    const delay = (this.deps.restartDelayMs ?? ((n) => Math.min(10_000, 250 * 2 ** (n - 1))))(this.crashes.length)
    this.expectReady()
    ;(this.deps.setTimeout ?? setTimeout)(() => this.start(), delay)
  }

  private async answerVault(request: Extract<FromBackend, { type: 'vault' }>) {
    const reply = (r: Omit<Extract<ToBackend, { type: 'vault.reply' }>, 'type' | 'id'>) =>
      this.child?.postMessage({ type: 'vault.reply', id: request.id, ...r })
    const vault = this.deps.vault
    if (!vault) return reply({ error: 'no secret vault in this process' })
    try {
      if (request.op === 'get') reply({ value: await vault.get(request.name) })
      else {
        await vault.set(request.name, request.value ?? '')
        reply({ value: null })
      }
    } catch (error) {
      this.deps.log.error(`secret vault ${request.op} failed`, error)
      reply({ error: 'The secret store is not available.' })
    }
  }

  /** Calls arriving from now on wait for the next 'ready' (one promise per start, not per attempt). */
  private expectReady() {
    if (!this.readyResolve) this.ready = new Promise((resolve) => (this.readyResolve = resolve))
  }

  /** Connection id -1 means every window. */
  private broadcastNotice(level: 'info' | 'warning' | 'error', code: string, message: string) {
    this.deps.onEvent(-1, 'system.notice', { level, code, message })
  }
}
