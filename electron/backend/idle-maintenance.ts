import type { Logger } from './logger'

/** Runs a maintenance task (VACUUM ANALYZE) once the terminal has been idle long enough. */
export interface IdleMaintenance {
  /** Call on every request: postpones maintenance while people work. */
  touch(): void
  /** When maintenance last finished, if ever. */
  lastRunAt(): Date | null
  /** Runs it now, waiting for it (tests, support CLI). */
  runNow(): Promise<void>
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>
}

/** How idle maintenance is timed. */
export interface IdleMaintenanceOptions {
  /** Quiet time before maintenance starts. */
  idleMs: number
  /** How often idleness is checked. */
  checkEveryMs: number
  /** Minimum time between two runs. */
  minGapMs: number
}

/** Defaults for a shop-floor terminal: after 5 idle minutes, at most every 6 hours. */
export const defaultMaintenanceTiming: IdleMaintenanceOptions = {
  idleMs: 5 * 60_000,
  checkEveryMs: 60_000,
  minGapMs: 6 * 3_600_000,
}

/**
 * PGlite never vacuums by itself (there is no autovacuum worker in a single-user WASM build),
 * so dead rows and stale planner statistics would pile up on a terminal that runs for months.
 * This runs the task only when nobody is using the terminal, and never twice at once.
 */
export function startIdleMaintenance(
  task: () => Promise<void>,
  logger: Logger,
  timing: IdleMaintenanceOptions = defaultMaintenanceTiming,
  now: () => number = Date.now,
): IdleMaintenance {
  let lastActivity = now()
  let lastRun: Date | null = null
  let running: Promise<void> | null = null

  const run = (): Promise<void> => {
    if (running) return running
    const started = now()
    running = task()
      .then(() => {
        lastRun = new Date(now())
        logger.info(`idle maintenance finished in ${now() - started} ms`)
      })
      .catch((error: unknown) => logger.warn('idle maintenance failed', error))
      .finally(() => {
        running = null
      })
    return running
  }

  const timer = setInterval(() => {
    const idleFor = now() - lastActivity
    const sinceRun = lastRun ? now() - lastRun.getTime() : Number.POSITIVE_INFINITY
    if (idleFor >= timing.idleMs && sinceRun >= timing.minGapMs) void run()
  }, timing.checkEveryMs)
  timer.unref()

  return {
    touch() {
      lastActivity = now()
    },
    lastRunAt: () => lastRun,
    runNow: run,
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}
