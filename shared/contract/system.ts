import { z } from 'zod'
import { locales } from '../locale'

/** `system.info`: what a support person asks for first. */
export const systemInfoOutput = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  dataDir: z.string().nullable(),
  pgliteVersion: z.string(),
  postgresVersion: z.string(),
  databaseSizeBytes: z.number().int().nonnegative(),
  nodeVersion: z.string(),
  platform: z.string(),
  startedAt: z.string(),
})

/** `system.health`: is the backend able to answer and write? */
export const systemHealthOutput = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ ok: z.boolean(), latencyMs: z.number().nonnegative() }),
  lastMaintenanceAt: z.string().nullable(),
  uptimeSeconds: z.number().nonnegative(),
})

/** Methods of the `system` domain. */
export const systemMethods = {
  'system.info': { input: z.object({}).strict(), output: systemInfoOutput, access: 'public' },
  'system.health': { input: z.object({}).strict(), output: systemHealthOutput, access: 'public' },
  /** The language this connection's messages are worded in. */
  'system.setLocale': { input: z.object({ locale: z.enum(locales) }).strict(), output: z.null(), access: 'public' },
} as const
