import { Alert, Button, Card, Center, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconFlask, IconLogin } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useRpc } from '../../app/rpc-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useAuth } from './auth-store'
import { ResetPasswordForm } from './ResetPasswordForm'

/** Sign-in: email and password, Enter submits; on a demo company the demo account is shown. */
export function SignInPage() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const status = useAuth((s) => s.status)
  const error = useAuth((s) => s.error)
  const busy = useAuth((s) => s.busy)
  const signInSubmitted = useAuth((s) => s.signInSubmitted)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const demo = status?.demoAccount ?? null
  const [resetting, setResetting] = useState(false)
  const [passwordChanged, setPasswordChanged] = useState(false)

  if (resetting) {
    return (
      <Center mih="100vh" p="lg">
        <Card withBorder padding="xl" w={440}>
          <ResetPasswordForm
            onCancel={() => setResetting(false)}
            onDone={(resetEmail) => {
              setEmail(resetEmail)
              setPassword('')
              setPasswordChanged(true)
              setResetting(false)
            }}
          />
        </Card>
      </Center>
    )
  }

  return (
    <Center mih="100vh" p="lg">
      <Card withBorder padding="xl" w={440}>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void signInSubmitted(rpc, email, password)
          }}
        >
          <Stack>
            <Title order={2}>{t('auth.signInTitle')}</Title>
            {demo && (
              <Alert icon={<IconFlask />} color="orange" data-testid="demo-account">
                <Text size="sm">{t('auth.demoHint')}</Text>
                <Text size="sm" ff="monospace">
                  {demo.email} / {demo.password}
                </Text>
                <Button
                  mt="xs"
                  size="xs"
                  variant="light"
                  color="orange"
                  onClick={() => {
                    setEmail(demo.email)
                    setPassword(demo.password)
                  }}
                >
                  {t('auth.useDemo')}
                </Button>
              </Alert>
            )}
            {passwordChanged && <Alert color="green">{t('auth.passwordChanged')}</Alert>}
            {error && <ErrorAlert error={error} />}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              autoFocus
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              data-testid="sign-in-email"
            />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              data-testid="sign-in-password"
            />
            <Button type="submit" size="lg" loading={busy} leftSection={<IconLogin />} data-testid="sign-in-submit">
              {t('auth.signIn')}
            </Button>
            <Button variant="subtle" onClick={() => setResetting(true)} data-testid="have-reset-code">
              {t('auth.haveResetCode')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Center>
  )
}
