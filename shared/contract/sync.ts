import { z } from 'zod'

/** The sync engine's state as the status bar and the Sync page show it. */
export const syncStatusOutput = z.object({
  enrolled: z.boolean(),
  state: z.enum(['offline', 'idle', 'syncing', 'error', 'standalone']),
  pending: z.number().int().nonnegative(),
  quarantined: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
})

/** One change of a quarantined transaction (table, row, operation, the values it carried). */
export const quarantinedChange = z.object({
  t: z.string(),
  id: z.string(),
  op: z.enum(['I', 'U', 'D']),
  data: z.record(z.string(), z.unknown()).nullable(),
})

/** A local transaction head office refused, with its reason. */
export const quarantinedTransaction = z.object({
  txSeq: z.number().int(),
  reason: z.string(),
  detail: z.string().nullable(),
  causedBy: z.number().int().nullable(),
  quarantinedAt: z.string(),
  changes: z.array(quarantinedChange),
  /** The columns the refusal names (a duplicate code, a failed check), to highlight when fixing. */
  fields: z.array(z.string()),
})

/** A concurrent value that lost to a later one. */
export const syncConflict = z.object({
  id: z.uuid(),
  table: z.string(),
  rowId: z.string(),
  column: z.string(),
  keptValue: z.unknown(),
  lostValue: z.unknown(),
  detectedAt: z.string(),
})

/** Address of head office as a PostgreSQL URL (with the sync login). */
export const centralUrlField = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v)
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '' && u.pathname.length > 1
    } catch {
      return false
    }
  }, 'postgres://user:password@host:5432/database')

/** The one-time code head office gives for this terminal (12 letters and digits, dashes and spaces allowed). */
export const enrollmentCodeField = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{12}$/))

/** A terminal of the organization, as head office knows it. */
export const headOfficeTerminal = z.object({
  id: z.uuid(),
  name: z.string(),
  workspaceId: z.uuid(),
  workspaceName: z.string(),
  numberPrefix: z.string(),
  enrolledAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastPushAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  pending: z.number().int(),
  quarantined: z.number().int(),
  awaitingEnrollment: z.boolean(),
  self: z.boolean(),
})

/** Methods of sync. */
export const syncMethods = {
  'sync.status': { input: z.object({}).strict(), output: syncStatusOutput, access: 'session' },
  /** Runs a cycle now (push, then pull) and answers when it is done. */
  'sync.now': {
    input: z.object({}).strict(),
    output: z.object({ pushed: z.number().int(), pulled: z.number().int(), rejected: z.number().int() }),
    access: 'session',
  },
  'sync.quarantine.list': {
    input: z.object({}).strict(),
    output: z.array(quarantinedTransaction),
    access: 'sync.manage',
  },
  /** Drops a refused transaction (and those that built on it); the rows are head office's again. */
  'sync.quarantine.discard': {
    input: z.object({ txSeq: z.number().int().positive() }).strict(),
    output: z.object({ discarded: z.boolean() }),
    access: 'sync.manage',
  },
  /**
   * Fixes a refused transaction: its changes with corrected values, committed as a new local
   * transaction that replaces it (and the ones that built on it).
   */
  'sync.quarantine.retry': {
    input: z.object({ txSeq: z.number().int().positive(), changes: z.array(quarantinedChange).min(1).max(10_000) }).strict(),
    output: z.object({ retried: z.boolean() }),
    access: 'sync.manage',
  },
  'sync.conflicts.list': {
    input: z.object({ includeResolved: z.boolean().default(false) }).strict(),
    output: z.array(syncConflict),
    access: 'sync.manage',
  },
  /** "Keep theirs" marks the conflict resolved; "restore mine" writes the lost value again. */
  'sync.conflicts.resolve': {
    input: z.object({ id: z.uuid(), choice: z.enum(['keepTheirs', 'restoreMine']) }).strict(),
    output: z.object({ resolved: z.boolean() }),
    access: 'sync.manage',
  },
  /** Head office: the organization's terminals with their last sync, pending and refused counts. */
  'sync.admin.terminals': { input: z.object({}).strict(), output: z.array(headOfficeTerminal), access: 'org.manage' },
  /** Head office: a new terminal for a workspace, and its one-time enrollment code. */
  'sync.admin.createTerminal': {
    input: z
      .object({
        workspaceId: z.uuid(),
        name: z.string().trim().min(1).max(255),
        numberPrefix: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z0-9]{1,10}$/),
      })
      .strict(),
    output: z.object({ terminalId: z.uuid(), enrollmentCode: z.string() }),
    access: 'org.manage',
  },
  'sync.admin.revokeTerminal': {
    input: z.object({ terminalId: z.uuid() }).strict(),
    output: z.object({ revoked: z.boolean() }),
    access: 'org.manage',
  },
  /** Head office: transactions refused from any terminal of the organization. */
  'sync.admin.quarantine': {
    input: z.object({}).strict(),
    output: z.array(
      z.object({
        terminalId: z.uuid(),
        terminalName: z.string(),
        seq: z.number().int(),
        reason: z.string(),
        detail: z.string().nullable(),
        receivedAt: z.string(),
        changes: z.number().int(),
      }),
    ),
    access: 'org.manage',
  },
} as const
