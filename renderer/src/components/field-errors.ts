import type { RpcError } from '../../../shared/contract'

/**
 * The message for one form field from a failed call's issues, matched by the field's path
 * (`organization.bin`), so the error stands under the field a person has to fix.
 */
export function fieldError(error: RpcError | null, path: string): string | undefined {
  return error?.issues?.find((issue) => issue.path.join('.') === path)?.message
}
