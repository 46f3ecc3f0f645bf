import fs from 'node:fs'
import path from 'node:path'
import log from 'electron-log/node'
import type { Logger } from './logger'

/** How many archived log files are kept beside the current one. */
const KEPT_ARCHIVES = 5

/**
 * A logger writing to `<logsDir>/<name>.log`, rotated at 5 MB into `<name>.1.log` …
 * `<name>.5.log`. electron-log keeps only one archive by itself; a shop-floor PC runs for
 * months, and support needs more than the last few hours.
 */
export function createFileLogger(logsDir: string, name: string): Logger {
  fs.mkdirSync(logsDir, { recursive: true })
  const logger = log.create({ logId: name })
  logger.transports.file.resolvePathFn = () => path.join(logsDir, `${name}.log`)
  logger.transports.file.maxSize = 5 * 1024 * 1024
  logger.transports.file.archiveLogFn = (file) => {
    const current = file.toString()
    const archive = (n: number) => path.join(logsDir, `${name}.${n}.log`)
    fs.rmSync(archive(KEPT_ARCHIVES), { force: true })
    for (let n = KEPT_ARCHIVES - 1; n >= 1; n--) {
      if (fs.existsSync(archive(n))) fs.renameSync(archive(n), archive(n + 1))
    }
    fs.renameSync(current, archive(1))
  }
  logger.transports.console.level = process.env.PROMETRIC_LOG_CONSOLE === '1' ? 'debug' : 'warn'
  return {
    debug: (m, ...d) => logger.debug(m, ...d),
    info: (m, ...d) => logger.info(m, ...d),
    warn: (m, ...d) => logger.warn(m, ...d),
    error: (m, ...d) => logger.error(m, ...d),
  }
}
