import { Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RpcError } from '../../../../shared/contract'
import { useRpc } from '../../app/rpc-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { fieldError } from '../../components/field-errors'

/** Sets a new password with the one-time code an administrator gave. */
export function ResetPasswordForm({ onDone, onCancel }: { onDone: (email: string) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const [email, setEmail] = useState('')
  const [code, setCode] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [error, setError] = useState<RpcError | null>(null)
  const [busy, setBusy] = useState(false)

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        setBusy(true)
        void rpc.call('auth.resetPassword', { email, code, newPassword }).then((result) => {
          setBusy(false)
          if (result.ok) onDone(email)
          else setError(result.error)
        })
      }}
    >
      <Stack>
        <Title order={2}>{t('auth.resetTitle')}</Title>
        {error && !error.issues?.length && <ErrorAlert error={error} />}
        <TextInput
          label={t('auth.email')}
          type="email"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError(error, 'email')}
        />
        <TextInput
          label={t('auth.resetCode')}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
          error={fieldError(error, 'code')}
          data-testid="reset-code-input"
        />
        <PasswordInput
          label={t('auth.newPassword')}
          description={t('setup.passwordRule')}
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={fieldError(error, 'newPassword')}
        />
        <Button type="submit" size="lg" loading={busy}>
          {t('auth.resetAction')}
        </Button>
        <Button variant="subtle" onClick={onCancel}>
          {t('setup.cancel')}
        </Button>
      </Stack>
    </form>
  )
}
