import type { ServerFrame } from '../../shared/rpc-protocol'
import { type Channel, openChannel } from './channel'
import { DataFolderLockedError, DataFolderNotWritableError, ensureWritableFolder } from './data-folder-lock'
import { createFileLogger } from './file-logger'
import type { FromBackend, ToBackend } from './host-protocol'
import type { Logger } from './logger'
import type { SecretVault } from './secrets/vault'
import { type Backend, startBackend } from './start-backend'

/** The part of Electron's `process.parentPort` we use; typed here so this file never imports electron. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: ToBackend }) => void): void
  postMessage(message: FromBackend): void
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
if (!parentPort) throw new Error('utility-entry must run inside an Electron utility process')
const port: ParentPort = parentPort

let backend: Backend | null = null
let nextVaultRequest = 1
const vaultRequests = new Map<number, { resolve: (v: string | null) => void; reject: (e: Error) => void }>()

/** Secrets live with the main process, which holds the OS keychain; ask it over the port. */
function parentVault(protection: SecretVault['protection']): SecretVault {
  const ask = (op: 'get' | 'set', name: string, value?: string) =>
    new Promise<string | null>((resolve, reject) => {
      const id = nextVaultRequest++
      vaultRequests.set(id, { resolve, reject })
      send({ type: 'vault', id, op, name, value })
    })
  return {
    protection,
    get: (name) => ask('get', name),
    set: async (name, value) => {
      await ask('set', name, value)
    },
  }
}
let logger: Logger | null = null
const channels = new Map<number, Channel>()

function send(message: FromBackend) {
  port.postMessage(message)
}

async function start(message: Extract<ToBackend, { type: 'start' }>) {
  try {
    ensureWritableFolder(message.dataDir)
    logger = createFileLogger(message.logsDir, 'backend')
    backend = await startBackend({
      dataDir: message.dataDir,
      logger,
      appVersion: message.appVersion,
      vault: parentVault(message.vaultProtection),
      resourcesDir: message.resourcesDir,
    })
    send({ type: 'ready' })
  } catch (error) {
    const code =
      error instanceof DataFolderLockedError
        ? 'LOCKED'
        : error instanceof DataFolderNotWritableError
          ? 'NOT_WRITABLE'
          : 'START_FAILED'
    logger?.error('backend failed to start', error)
    send({ type: 'fatal', code, message: error instanceof Error ? error.message : String(error) })
  }
}

function channelFor(connectionId: number): Channel | null {
  if (!backend) return null
  let channel = channels.get(connectionId)
  if (!channel) {
    channel = openChannel(backend, (frame: ServerFrame) => send({ type: 'frame', connectionId, frame }), 'desktop')
    channels.set(connectionId, channel)
  }
  return channel
}

port.on('message', ({ data }) => {
  switch (data.type) {
    case 'start':
      void start(data)
      break
    case 'vault.reply': {
      const waiting = vaultRequests.get(data.id)
      vaultRequests.delete(data.id)
      if (data.error) waiting?.reject(new Error(data.error))
      else waiting?.resolve(data.value ?? null)
      break
    }
    case 'frame':
      channelFor(data.connectionId)?.receive(data.frame)
      break
    case 'disconnect':
      channels.get(data.connectionId)?.close()
      channels.delete(data.connectionId)
      break
    case 'shutdown':
      void (async () => {
        for (const channel of channels.values()) channel.close()
        await backend?.close()
        send({ type: 'closed' })
        process.exit(0)
      })()
      break
  }
})

// An error nobody caught: log it and let the process die. The main process restarts the
// backend; committed data is safe in the database, and half-done work was never committed.
process.on('uncaughtException', (error) => {
  logger?.error('uncaught exception in backend', error)
  process.exit(70)
})
process.on('unhandledRejection', (reason) => {
  logger?.error('unhandled rejection in backend', reason)
  process.exit(70)
})
