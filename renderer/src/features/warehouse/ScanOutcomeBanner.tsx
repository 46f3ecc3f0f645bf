import { Alert } from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'

/** What a scan did, as receiving and picking report it (a message key under warehouse.documents.scan). */
export interface ScanOutcomeView {
  tone: 'ok' | 'warn' | 'error'
  message: string
  params?: Record<string, string>
}

const look = {
  ok: { color: 'green', icon: <IconCheck /> },
  warn: { color: 'yellow', icon: <IconAlertTriangle /> },
  error: { color: 'red', icon: <IconX /> },
} as const

/** A large coloured line under the scan field: readable from a step away, with gloves on. */
export function ScanOutcomeBanner({ outcome }: { outcome: ScanOutcomeView | null }) {
  const { t } = useTranslation()
  if (!outcome) return null
  const { color, icon } = look[outcome.tone]
  return (
    <Alert
      color={color}
      icon={icon}
      variant="filled"
      fz="lg"
      role={outcome.tone === 'error' ? 'alert' : 'status'}
      data-testid="scan-outcome"
      data-tone={outcome.tone}
    >
      {t(`warehouse.documents.scan.${outcome.message}`, outcome.params)}
    </Alert>
  )
}
