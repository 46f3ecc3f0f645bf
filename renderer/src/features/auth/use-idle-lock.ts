import { useEffect } from 'react'
import { useRpc } from '../../app/rpc-context'
import { useAuth } from './auth-store'

const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

/**
 * Locks the screen after the organization's inactivity time. The backend enforces the same
 * limit on its own; this only shows the lock screen when it happens, instead of on the next
 * click.
 */
export function useIdleLock(): void {
  const rpc = useRpc()
  const minutes = useAuth((s) => s.status?.lockAfterMinutes ?? 15)
  const signedIn = useAuth((s) => Boolean(s.status?.user) && !s.status?.locked)
  const lockRequested = useAuth((s) => s.lockRequested)

  useEffect(() => {
    if (!signedIn) return
    let timer = setTimeout(() => void lockRequested(rpc), minutes * 60_000)
    const reset = () => {
      clearTimeout(timer)
      timer = setTimeout(() => void lockRequested(rpc), minutes * 60_000)
    }
    for (const name of activityEvents) window.addEventListener(name, reset, { passive: true })
    return () => {
      clearTimeout(timer)
      for (const name of activityEvents) window.removeEventListener(name, reset)
    }
  }, [rpc, minutes, signedIn, lockRequested])
}
