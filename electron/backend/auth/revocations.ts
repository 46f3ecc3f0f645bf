/**
 * People whose access was taken away on this terminal while they may still have a session
 * open in another window. The dispatcher checks every call against it (in memory, no query)
 * and ends such a session; a later successful sign-in (which itself requires an active
 * account) takes the person off the list.
 */
export function createRevocations() {
  const revoked = new Set<string>()
  return {
    /** Ends the person's open sessions on their next call. */
    revoke(userId: string): void {
      revoked.add(userId)
    },
    /** The person may work again (access restored, or they signed in anew). */
    restore(userId: string): void {
      revoked.delete(userId)
    },
    isRevoked(userId: string): boolean {
      return revoked.has(userId)
    },
  }
}

/** The revocation list's type, for dependencies. */
export type Revocations = ReturnType<typeof createRevocations>
