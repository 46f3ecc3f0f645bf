import { z } from 'zod'

const auditActions = ['CREATE', 'UPDATE', 'DELETE', 'LOGIN', 'LOGOUT', 'EXPORT', 'IMPORT'] as const

/** One audit row as the audit page shows it. */
export const auditEntry = z.object({
  id: z.string(),
  timestamp: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.enum(auditActions),
  userEmail: z.string().nullable(),
  source: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
})

/** Where the next page starts: the last row's time and id (never a text key). */
const cursor = z.object({ timestamp: z.string(), id: z.uuid() })

/** The filters of the audit page (also what an export takes). */
const auditFilters = {
  entityType: z.string().max(100).optional(),
  entityId: z.uuid().optional(),
  userEmail: z.string().max(255).optional(),
  action: z.enum(auditActions).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
}

/** Methods of the audit trail. */
export const auditMethods = {
  /** The filtered trail as a CSV file (newest first, at most 50,000 rows); recorded as EXPORT. */
  'audit.export': {
    input: z.object(auditFilters).strict(),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int(), truncated: z.boolean() }),
    access: 'audit.read',
  },
  'audit.list': {
    input: z
      .object({
        entityType: z.string().max(100).optional(),
        entityId: z.uuid().optional(),
        userEmail: z.string().max(255).optional(),
        action: z.enum(auditActions).optional(),
        from: z.iso.date().optional(),
        to: z.iso.date().optional(),
        limit: z.number().int().min(1).max(200).default(50),
        after: cursor.optional(),
      })
      .strict(),
    output: z.object({ entries: z.array(auditEntry), next: cursor.nullable() }),
    access: 'audit.read',
  },
} as const
