import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { DataFolderLockedError, DataFolderNotWritableError, ensureWritableFolder } from '../data-folder-lock'
import { defaultUserDataDir } from '../default-paths'
import { createFileLogger } from '../file-logger'
import { startBackend, DatabaseRebuildError } from '../start-backend'
import { startWebServer } from './web-server'

/**
 * `npm run web`: the same backend as the desktop app, under plain Node, with the renderer served
 * on 127.0.0.1. For machines where the desktop shell cannot run, and for end-to-end tests.
 */
async function main(): Promise<number> {
  let args
  try {
    args = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string', default: '5183' },
        'static-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values
  } catch (error) {
    console.error(`prometric web: ${(error as Error).message}. Try --help.`)
    return 2
  }
  if (args.help) {
    console.log('Usage: npm run web -- [--data-dir <folder>] [--port <port, 0 = any free>]')
    return 0
  }
  const port = Number(args.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`prometric web: --port must be a whole number from 0 to 65535, not "${args.port}".`)
    return 2
  }
  const dataDir = path.resolve(args['data-dir'] ?? path.join(defaultUserDataDir(), 'web'))
  const here = path.dirname(fileURLToPath(import.meta.url))
  const staticDir = path.resolve(args['static-dir'] ?? path.join(here, '..', 'renderer'))
  let backend
  let logger
  try {
    ensureWritableFolder(dataDir)
    logger = createFileLogger(path.join(dataDir, 'logs'), 'backend')
    backend = await startBackend({ dataDir, logger, resourcesDir: path.resolve(here, '..', '..', 'resources') })
  } catch (error) {
    if (
      error instanceof DataFolderLockedError ||
      error instanceof DataFolderNotWritableError ||
      error instanceof DatabaseRebuildError
    ) {
      console.error(`prometric web: ${error.message}`)
      return 1
    }
    throw error
  }

  const token = randomBytes(24).toString('base64url')
  let server
  try {
    server = await startWebServer({ backend, staticDir, port, token, logger })
  } catch (error) {
    await backend.close()
    const code = (error as NodeJS.ErrnoException).code
    console.error(
      code === 'EADDRINUSE'
        ? `prometric web: port ${port} is in use. Choose another with --port, or --port 0 for any free one.`
        : `prometric web: cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`,
    )
    return 1
  }

  // An error nobody caught: log it, tell the open pages, and stop cleanly. Committed data is
  // safe; the state of anything half-done is unknown, so carrying on would be a guess.
  const crashed = new Promise<void>((resolve) => {
    process.once('uncaughtException', (error) => {
      logger.error('uncaught exception in web mode', error)
      console.error(`prometric web: internal error, stopping (see ${path.join(dataDir, 'logs', 'backend.log')}).`)
      backend.events.emit('system.notice', {
        level: 'error',
        code: 'BACKEND_FAILED',
        message: 'The terminal stopped after an internal error. Start it again.',
      })
      resolve()
    })
  })
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection in web mode', reason))

  console.log(`Prometric ERP (web mode) is running.\n  Data folder: ${dataDir}\n  Open: ${server.url}`)
  logger.info(`web mode listening on port ${server.port}`)

  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  const crashedFirst = await Promise.race([stopped.then(() => false), crashed.then(() => true)])
  await server.close()
  await backend.close()
  return crashedFirst ? 70 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('prometric web: failed to start:', error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
