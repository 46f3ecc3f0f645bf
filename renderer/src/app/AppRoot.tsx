import { Center, Loader } from '@mantine/core'
import { useEffect } from 'react'
import { ErrorAlert } from '../components/ErrorAlert'
import { useAuth } from '../features/auth/auth-store'
import { LockScreen } from '../features/auth/LockScreen'
import { SignInPage } from '../features/auth/SignInPage'
import { useIdleLock } from '../features/auth/use-idle-lock'
import { useSetup } from '../features/setup/setup-store'
import { WelcomePage } from '../features/setup/WelcomePage'
import { AppLayout } from './AppLayout'
import { useRpc } from './rpc-context'

/**
 * Chooses what this window shows from what the backend says: first-run setup on an empty
 * terminal, sign-in, the lock screen, or the app.
 */
export function AppRoot() {
  const rpc = useRpc()
  const setup = useSetup((s) => s.status)
  const setupError = useSetup((s) => s.error)
  const statusRequested = useSetup((s) => s.statusRequested)
  const auth = useAuth((s) => s.status)
  const authStatusRequested = useAuth((s) => s.statusRequested)
  useIdleLock()

  useEffect(() => {
    void statusRequested(rpc)
  }, [rpc, statusRequested])
  useEffect(() => {
    if (setup?.state === 'ready') void authStatusRequested(rpc)
  }, [rpc, setup?.state, authStatusRequested])
  // A call refused for want of a session (locked here or signed out) brings up the right screen.
  useEffect(() => rpc.onUnauthenticated(() => void authStatusRequested(rpc)), [rpc, authStatusRequested])

  if (!setup) {
    return (
      <Center h="100vh">
        {setupError ? <ErrorAlert error={setupError} onRetry={() => void statusRequested(rpc)} /> : <Loader />}
      </Center>
    )
  }
  if (setup.state === 'empty') return <WelcomePage />
  if (!auth) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    )
  }
  if (!auth.user) return <SignInPage />
  if (auth.locked) return <LockScreen />
  return <AppLayout />
}
