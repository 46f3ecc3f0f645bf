import type { PGlite } from '@electric-sql/pglite'
import type { Logger } from './logger'

function describe(details: unknown[]): { stack: string | null; metadata: Record<string, unknown> } {
  const error = details.find((d): d is Error => d instanceof Error)
  const rest = details.filter((d) => !(d instanceof Error)).map((d) => (typeof d === 'string' ? d : String(d)))
  return {
    stack: error?.stack ?? (typeof details[0] === 'string' ? details[0] : null),
    metadata: rest.length ? { details: rest } : {},
  }
}

/**
 * Copies warnings and errors into `system_logs`, where head office can see them once the
 * terminal syncs, besides the log file. Best effort: a failing insert never throws into the
 * code that logged, and never logs itself again.
 */
export function withSystemLogs(logger: Logger, db: Pick<PGlite, 'query' | 'closed'>, loggerName = 'backend'): Logger {
  const record = (level: 'WARN' | 'ERROR', message: string, details: unknown[]) => {
    if (db.closed) return
    const { stack, metadata } = describe(details)
    db.query(`INSERT INTO system_logs (level, message, logger_name, stack_trace, metadata) VALUES ($1, $2, $3, $4, $5)`, [
      level,
      message.slice(0, 10_000),
      loggerName,
      stack,
      JSON.stringify(metadata),
    ]).catch(() => undefined)
  }
  return {
    debug: logger.debug,
    info: logger.info,
    warn(message, ...details) {
      logger.warn(message, ...details)
      record('WARN', message, details)
    },
    error(message, ...details) {
      logger.error(message, ...details)
      record('ERROR', message, details)
    },
  }
}
