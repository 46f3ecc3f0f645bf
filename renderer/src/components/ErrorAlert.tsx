import { Alert, Button, List, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { RpcError } from '../../../shared/contract'

/**
 * Shows a failed call the way a person can act on it: what kind of problem (by code, in their
 * language), the fields concerned, and a retry where it makes sense. Never a stack trace.
 */
export function ErrorAlert({ error, onRetry }: { error: RpcError; onRetry?: () => void }) {
  const { t } = useTranslation()
  // An issue that only repeats the message (a refusal naming one field) is not listed twice.
  const issues = error.issues?.filter((issue) => issue.message !== error.message) ?? []
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t(`errors.${error.code}`)} role="alert">
      {error.code !== 'INTERNAL' && <Text size="sm">{error.message}</Text>}
      {issues.length > 0 && (
        <List size="sm" mt="xs">
          {issues.map((issue, i) => (
            <List.Item key={i}>
              {issue.path.length > 0 && <strong>{issue.path.join('.')}: </strong>}
              {issue.message}
            </List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Button mt="sm" size="xs" variant="white" color="red" onClick={onRetry}>
          {t('errors.tryAgain')}
        </Button>
      )}
    </Alert>
  )
}
