import { z } from 'zod'

/**
 * The few, stable error codes a call can answer with. The renderer maps each to a message;
 * new codes are a contract change, so keep this list short.
 */
export const errorCodes = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED', 'OFFLINE', 'INTERNAL'] as const

/** One of {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[number]

/** One problem with the input: the field path (as zod reports it) and what is wrong. */
export const issueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string().optional(),
})

/** One problem with the input of a call. */
export type Issue = z.infer<typeof issueSchema>

/** The error half of a result envelope: never a stack trace, never raw SQL. */
export const rpcErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  issues: z.array(issueSchema).optional(),
})

/** The error half of a result envelope. */
export type RpcError = z.infer<typeof rpcErrorSchema>

/**
 * What every call answers. Nothing throws across the process boundary: errors thrown through
 * Electron's `invoke` lose everything but their message, so failures travel as data.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: RpcError }

/** A successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** A failed result with a stable code and a message a person can read. */
export function fail(code: ErrorCode, message: string, issues?: Issue[]): Result<never> {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } }
}

/**
 * An error a handler throws to answer with a specific code; the dispatcher turns it into a
 * failed envelope. Anything else thrown becomes `INTERNAL`.
 */
export class RpcFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message)
    this.name = 'RpcFailure'
  }
}
