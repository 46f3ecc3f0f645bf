import type { z } from 'zod'
import {
  type MethodName,
  type MethodOutput,
  type ParsedInput,
  type Result,
  RpcFailure,
  fail,
  isMethodName,
  methods,
  ok,
} from '../../shared/contract'
import { validationErrorMap } from '../../shared/validation-locale'
import type { CallContext, Session } from './call-context'
import { type ConstraintColumns, databaseErrorToFailure } from './db-errors'
import type { Logger } from './logger'
import { message } from './messages'

/** A handler gets input already parsed by its zod schema and the caller's context. */
export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: CallContext) => Promise<MethodOutput<M>>

/**
 * Exactly one handler per method of the contract: a handler map is declared
 * `satisfies HandlerMap`, so a missing or an extra handler does not compile.
 */
export type HandlerMap = { [M in MethodName]: Handler<M> }

/** The handlers of some methods (one domain's part of the map). */
export type DomainHandlers<M extends MethodName> = { [K in M]: Handler<K> }

/** Calls a method by name with untrusted input; always answers with an envelope. */
export type Dispatch = (method: string, input: unknown, ctx: CallContext) => Promise<Result<unknown>>

function toIssues(error: z.ZodError) {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
    code: i.code,
  }))
}

/** How sessions behave; the lock time comes from the organization's settings. */
export interface SessionPolicy {
  /** Inactivity after which a session locks. Asked on every call: answer from memory. */
  lockAfterMs(session: Session): number
  now(): number
  /** True when the person's access was taken away since the session began (suspended). */
  isRevoked?(session: Session): boolean
}

const defaultPolicy: SessionPolicy = { lockAfterMs: () => 15 * 60_000, now: Date.now }

function authorize(method: MethodName, ctx: CallContext, policy: SessionPolicy): Result<never> | null {
  const access = methods[method].access
  if (access === 'public') return null
  const connection = ctx.connection
  const session = connection.session
  if (!session) return fail('UNAUTHENTICATED', message(ctx.connection.locale, 'signInFirst'))
  if (policy.isRevoked?.(session)) {
    // Suspended while signed in elsewhere: the session ends here, not at the next sign-in.
    connection.session = null
    connection.lockedAt = null
    return fail('UNAUTHENTICATED', message(ctx.connection.locale, 'accountInactive'))
  }
  const now = policy.now()
  // Inactivity is judged here, on the next call, so a locked screen cannot be skipped by a
  // renderer that never showed it.
  if (connection.lockedAt === null && now - connection.lastActivityAt > policy.lockAfterMs(session)) connection.lockedAt = now
  if (connection.lockedAt !== null) return fail('UNAUTHENTICATED', message(ctx.connection.locale, 'sessionLocked'))
  connection.lastActivityAt = now
  if (access === 'session') return null
  if (!session.permissions.has(access))
    return fail('FORBIDDEN', message(ctx.connection.locale, 'forbidden', { permission: access }))
  return null
}

/**
 * Builds the one entry point every transport uses. It checks the method name against the
 * contract (own keys only: `__proto__` is not a method), the caller's access, parses the input
 * with zod in the caller's language, runs the handler and maps what it throws to a stable
 * code. An `INTERNAL` is logged with its stack here and shown as a short message.
 */
export function createDispatcher(
  handlers: HandlerMap,
  logger: Logger,
  /** The constraint catalog, read on the first database error (not at start-up: it is not needed before). */
  constraints?: () => Promise<ConstraintColumns>,
  policy: SessionPolicy = defaultPolicy,
): Dispatch {
  return async (method, input, ctx) => {
    if (!isMethodName(method))
      return fail('NOT_FOUND', message(ctx.connection.locale, 'unknownMethod', { method: String(method).slice(0, 80) }))
    const denied = authorize(method, ctx, policy)
    if (denied) return denied
    const spec = methods[method]
    const parsed = spec.input.safeParse(input ?? {}, { error: validationErrorMap(ctx.connection.locale) })
    if (!parsed.success) {
      const issues = toIssues(parsed.error)
      return fail('VALIDATION', issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; '), issues)
    }
    try {
      const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>
      const value = await handler(parsed.data, ctx)
      return ok(spec.output.parse(value))
    } catch (error) {
      if (error instanceof RpcFailure) return fail(error.code, error.message, error.issues)
      const catalog = await constraints?.().catch(() => undefined)
      const mapped = databaseErrorToFailure(error, ctx.connection.locale, catalog)
      if (mapped) return fail(mapped.code, mapped.message, mapped.issues)
      logger.error(`${method} failed`, error instanceof Error ? (error.stack ?? error.message) : error)
      return fail('INTERNAL', message(ctx.connection.locale, 'internal'))
    }
  }
}
