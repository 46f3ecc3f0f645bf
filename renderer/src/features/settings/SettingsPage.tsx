import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconMailCheck, IconMailOff } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { lockAfterMinutesRange } from '../../../../shared/contract'
import { useRpc } from '../../app/rpc-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { fieldError } from '../../components/field-errors'
import { useAuth } from '../auth/auth-store'
import { type OrganizationSettings, useSettings } from './settings-store'

/** The organization's settings: how soon an idle session locks, and the SMTP server for codes by email. */
export function SettingsPage() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const settings = useSettings((s) => s.settings)
  const error = useSettings((s) => s.error)
  const refreshed = useSettings((s) => s.refreshed)

  useEffect(() => {
    void refreshed(rpc)
  }, [rpc, refreshed])

  if (error) return <ErrorAlert error={error} onRetry={() => void refreshed(rpc)} />
  if (!settings) return <Text c="dimmed">{t('system.loading')}</Text>
  return (
    <Stack maw={720}>
      {/* Keyed by the saved values, so a save or a reload shows what is stored now. */}
      <LockSettings key={settings.lockAfterMinutes} minutes={settings.lockAfterMinutes} />
      <SmtpSettings key={JSON.stringify(settings.smtp)} smtp={settings.smtp} />
    </Stack>
  )
}

function LockSettings({ minutes }: { minutes: number }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const error = useSettings((s) => s.errors.security ?? null)
  const busy = useSettings((s) => s.busy === 'security')
  const lockSubmitted = useSettings((s) => s.lockSubmitted)
  const statusRequested = useAuth((s) => s.statusRequested)
  const [value, setValue] = useState<number | string>(minutes)

  return (
    <Paper withBorder p="md">
      <form
        data-testid="lock-settings"
        onSubmit={(e) => {
          e.preventDefault()
          void lockSubmitted(rpc, Number(value)).then(async (done) => {
            if (!done) return
            notifications.show({ color: 'green', message: t('common.saved') })
            // This window's own idle timer follows the new limit at once.
            await statusRequested(rpc)
          })
        }}
      >
        <Stack>
          <Title order={4}>{t('settings.security')}</Title>
          <Group align="flex-end">
            <NumberInput
              label={t('settings.lockAfter')}
              description={t('settings.lockAfterHint', { min: lockAfterMinutesRange.min, max: lockAfterMinutesRange.max })}
              min={lockAfterMinutesRange.min}
              max={lockAfterMinutesRange.max}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              value={value}
              onChange={setValue}
              error={fieldError(error, 'lockAfterMinutes')}
              w={360}
              data-testid="lock-minutes"
            />
            <Button type="submit" loading={busy} data-testid="lock-submit">
              {t('common.save')}
            </Button>
          </Group>
          {error && !fieldError(error, 'lockAfterMinutes') && <ErrorAlert error={error} />}
        </Stack>
      </form>
    </Paper>
  )
}

function SmtpSettings({ smtp }: { smtp: OrganizationSettings['smtp'] }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const error = useSettings((s) => s.errors.smtp ?? null)
  const testError = useSettings((s) => s.errors.test ?? null)
  const busy = useSettings((s) => s.busy)
  const testSentTo = useSettings((s) => s.testSentTo)
  const smtpSubmitted = useSettings((s) => s.smtpSubmitted)
  const smtpCleared = useSettings((s) => s.smtpCleared)
  const testRequested = useSettings((s) => s.testRequested)
  const myEmail = useAuth((s) => s.status?.user?.email ?? '')
  const [form, setForm] = useState({
    host: smtp?.host ?? '',
    port: (smtp?.port ?? 587) as number | string,
    secure: smtp?.secure ?? false,
    user: smtp?.user ?? '',
    from: smtp?.from ?? '',
    password: '',
  })
  const [testTo, setTestTo] = useState(myEmail)
  const patch = (p: Partial<typeof form>) => setForm((f) => ({ ...f, ...p }))
  const err = (path: string) => fieldError(error, path)
  const fields = ['host', 'port', 'secure', 'user', 'from', 'password']
  const general = error && !(error.issues?.length && error.issues.every((i) => fields.includes(i.path.join('.'))))

  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={4}>{t('settings.mail')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.mailHint')}
        </Text>
        {!smtp && (
          <Alert color="gray" icon={<IconMailOff />} data-testid="mail-not-configured">
            {t('settings.notConfigured')}
          </Alert>
        )}
        <form
          data-testid="smtp-settings"
          onSubmit={(e) => {
            e.preventDefault()
            void smtpSubmitted(rpc, {
              host: form.host,
              port: Number(form.port),
              secure: form.secure,
              user: form.user,
              from: form.from,
              // Empty keeps the stored password; turning email off removes it.
              password: form.password ? form.password : undefined,
            }).then((done) => done && notifications.show({ color: 'green', message: t('common.saved') }))
          }}
        >
          <Stack>
            {general && <ErrorAlert error={error} />}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('settings.host')}
                required
                value={form.host}
                onChange={(e) => patch({ host: e.currentTarget.value })}
                error={err('host')}
                placeholder="smtp.example.kz"
                style={{ gridColumn: 'span 2' }}
                data-testid="smtp-host"
              />
              <NumberInput
                label={t('settings.port')}
                required
                min={1}
                max={65535}
                allowDecimal={false}
                value={form.port}
                onChange={(v) => patch({ port: v })}
                error={err('port')}
                data-testid="smtp-port"
              />
            </SimpleGrid>
            <Checkbox
              label={t('settings.secure')}
              checked={form.secure}
              onChange={(e) => patch({ secure: e.currentTarget.checked })}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('settings.user')}
                description={t('settings.userHint')}
                value={form.user}
                onChange={(e) => patch({ user: e.currentTarget.value })}
                error={err('user')}
                autoComplete="off"
                data-testid="smtp-user"
              />
              <PasswordInput
                label={t('settings.password')}
                description={smtp?.passwordSet ? t('settings.passwordKept') : t('settings.passwordVault')}
                value={form.password}
                onChange={(e) => patch({ password: e.currentTarget.value })}
                error={err('password')}
                autoComplete="new-password"
                data-testid="smtp-password"
              />
            </SimpleGrid>
            <TextInput
              label={t('settings.from')}
              required
              type="email"
              value={form.from}
              onChange={(e) => patch({ from: e.currentTarget.value })}
              error={err('from')}
              data-testid="smtp-from"
            />
            <Group justify="space-between">
              <Group>
                {smtp && (
                  <Button
                    variant="subtle"
                    color="red"
                    loading={busy === 'smtp'}
                    onClick={() =>
                      void smtpCleared(rpc).then((done) => done && notifications.show({ message: t('settings.mailOff') }))
                    }
                    data-testid="smtp-clear"
                  >
                    {t('settings.clear')}
                  </Button>
                )}
              </Group>
              <Button type="submit" loading={busy === 'smtp'} data-testid="smtp-submit">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
        {smtp && (
          <>
            <Divider />
            <form
              onSubmit={(e) => {
                e.preventDefault()
                void testRequested(rpc, testTo)
              }}
            >
              <Group align="flex-end">
                <TextInput
                  label={t('settings.testTo')}
                  type="email"
                  required
                  value={testTo}
                  onChange={(e) => setTestTo(e.currentTarget.value)}
                  error={fieldError(testError, 'to')}
                  w={320}
                  data-testid="smtp-test-to"
                />
                <Button
                  type="submit"
                  variant="light"
                  leftSection={<IconMailCheck size={18} />}
                  loading={busy === 'test'}
                  data-testid="smtp-test"
                >
                  {t('settings.sendTest')}
                </Button>
              </Group>
            </form>
            {testError && !fieldError(testError, 'to') && <ErrorAlert error={testError} />}
            {testSentTo && (
              <Alert color="green" data-testid="smtp-test-sent">
                {t('settings.testSent', { email: testSentTo })}
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Paper>
  )
}
