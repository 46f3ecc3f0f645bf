import { Center, Loader } from '@mantine/core'
import { useEffect } from 'react'
import { ErrorAlert } from '../components/ErrorAlert'
import { useSetup } from '../features/setup/setup-store'
import { WelcomePage } from '../features/setup/WelcomePage'
import { AppLayout } from './AppLayout'
import { useRpc } from './rpc-context'

/** Chooses between first-run setup and the app, from what the backend says about this terminal. */
export function AppRoot() {
  const rpc = useRpc()
  const status = useSetup((s) => s.status)
  const error = useSetup((s) => s.error)
  const statusRequested = useSetup((s) => s.statusRequested)

  useEffect(() => {
    void statusRequested(rpc)
  }, [rpc, statusRequested])

  if (!status) {
    return <Center h="100vh">{error ? <ErrorAlert error={error} onRetry={() => void statusRequested(rpc)} /> : <Loader />}</Center>
  }
  return status.state === 'empty' ? <WelcomePage /> : <AppLayout />
}
