import { Alert, Button, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useRpc } from '../../app/rpc-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { fieldError } from '../../components/field-errors'
import { useSetup } from './setup-store'

/**
 * "Connect to head office": the address head office gave (a PostgreSQL URL with the terminals'
 * login) and the one-time enrollment code. While the company's data downloads, a progress bar;
 * an interrupted download resumes when the form is sent again.
 */
export function ConnectHeadOfficeForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const error = useSetup((s) => s.connectError)
  const connecting = useSetup((s) => s.connecting)
  const progress = useSetup((s) => s.connectProgress)
  const connectSubmitted = useSetup((s) => s.connectSubmitted)
  const [centralUrl, setCentralUrl] = useState('')
  const [code, setCode] = useState('')
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0
  const stepLabel = progress ? t(`sync.step.${progress.step.split(':')[0]}`, { table: progress.step.split(':')[1] ?? '' }) : ''

  return (
    <Modal
      opened={opened}
      onClose={connecting ? () => undefined : onClose}
      title={t('setup.connectTitle')}
      size="lg"
      data-testid="connect-form"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void connectSubmitted(rpc, { centralUrl, code })
        }}
      >
        <Stack>
          {error && !error.issues?.length && <ErrorAlert error={error} />}
          <TextInput
            label={t('setup.centralUrl')}
            description={t('setup.centralUrlHint')}
            placeholder="postgres://terminal:••••@erp.example.kz:5432/prometric"
            required
            autoFocus
            value={centralUrl}
            onChange={(e) => setCentralUrl(e.currentTarget.value)}
            error={fieldError(error, 'centralUrl')}
            disabled={connecting}
            data-testid="central-url"
          />
          <TextInput
            label={t('setup.enrollmentCode')}
            description={t('setup.enrollmentCodeHint')}
            placeholder="XXXX-XXXX-XXXX"
            required
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
            error={fieldError(error, 'code')}
            disabled={connecting}
            data-testid="enrollment-code"
            styles={{ input: { fontFamily: 'monospace', letterSpacing: 2 } }}
          />
          {connecting && (
            <Stack gap={4} data-testid="connect-progress">
              <Progress value={percent} animated size="lg" />
              <Text size="sm">{progress ? `${stepLabel} · ${percent}%` : t('setup.connecting')}</Text>
            </Stack>
          )}
          <Alert variant="light" color="gray">
            {t('setup.connectNote')}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={connecting}>
              {t('setup.cancel')}
            </Button>
            <Button type="submit" loading={connecting} data-testid="connect-submit">
              {t('setup.connectAction')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
