import type { z } from 'zod'
import { adminMethods } from './admin'
import { auditMethods } from './audit'
import { authMethods, passwordResetMethods } from './auth'
import { catalogMethods } from './catalog'
import { peopleMethods } from './people'
import { printMethods } from './print'
import { settingsMethods } from './settings'
import { stockMethods } from './stock'
import { setupMethods } from './setup'
import { syncMethods } from './sync'
import { systemMethods } from './system'
import { warehouseDocumentMethods } from './warehouse-documents'

export * from './result'
export * from './events'
export * from './admin'
export * from './audit'
export * from './auth'
export * from './catalog'
export * from './people'
export * from './print'
export * from './settings'
export * from './stock'
export * from './setup'
export * from './sync'
export * from './system'
export * from './warehouse-documents'

/**
 * Who may call a method. `public` needs no session (system health, sign-in); any other value
 * is a permission name that the backend checks for the caller's session.
 */
export type MethodAccess = 'public' | 'session' | `${string}.${string}`

/** The shape of one method's declaration. */
export interface MethodSpec {
  input: z.ZodType
  output: z.ZodType
  access: MethodAccess
}

/**
 * Every RPC method `domain.verb`, with zod schemas for input and output. Domains declare their
 * maps beside their schemas; this union is the single source for the client's types and the
 * backend's handler map.
 */
export const methods = {
  ...systemMethods,
  ...setupMethods,
  ...authMethods,
  ...passwordResetMethods,
  ...peopleMethods,
  ...auditMethods,
  ...syncMethods,
  ...adminMethods,
  ...settingsMethods,
  ...warehouseDocumentMethods,
  ...catalogMethods,
  ...stockMethods,
  ...printMethods,
} as const satisfies Record<string, MethodSpec>

/** Names of all methods. */
export type MethodName = keyof typeof methods

/** Input type of a method (what the caller sends, before defaults are applied). */
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>

/** Parsed input type of a method (what the handler receives). */
export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>

/** Output type of a method. */
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>

/**
 * Checks that a name is one of ours. `Object.hasOwn` and not `in`: `__proto__`, `constructor`
 * and friends must not resolve to anything.
 */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name)
}
