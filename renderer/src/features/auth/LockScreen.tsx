import { Button, Card, Center, Group, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { IconLock, IconUserShare } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useRpc } from '../../app/rpc-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useAuth } from './auth-store'

/** The locked screen: the same person unlocks with the password; anyone may switch person. */
export function LockScreen() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const user = useAuth((s) => s.status?.user ?? null)
  const error = useAuth((s) => s.error)
  const busy = useAuth((s) => s.busy)
  const unlockSubmitted = useAuth((s) => s.unlockSubmitted)
  const signOutRequested = useAuth((s) => s.signOutRequested)
  const [password, setPassword] = useState('')

  return (
    <Center mih="100vh" p="lg">
      <Card withBorder padding="xl" w={440} data-testid="lock-screen">
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void unlockSubmitted(rpc, password).then(() => setPassword(''))
          }}
        >
          <Stack>
            <Group>
              <IconLock size={32} />
              <Title order={2}>{t('auth.lockedTitle')}</Title>
            </Group>
            <Text>{t('auth.lockedText', { name: user?.fullName ?? '' })}</Text>
            {error && <ErrorAlert error={error} />}
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              autoFocus
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              data-testid="unlock-password"
            />
            <Button type="submit" size="lg" loading={busy} data-testid="unlock-submit">
              {t('auth.unlock')}
            </Button>
            <Button
              variant="subtle"
              leftSection={<IconUserShare />}
              onClick={() => void signOutRequested(rpc)}
              data-testid="switch-person"
            >
              {t('auth.switchPerson')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Center>
  )
}
