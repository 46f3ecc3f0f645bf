import { Badge, Group, Tooltip, UnstyledButton } from '@mantine/core'
import { IconCloudCheck, IconCloudOff, IconCloudX, IconRefresh } from '@tabler/icons-react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigation } from '../../app/navigation-store'
import { useRpc } from '../../app/rpc-context'
import { formatDateTime } from '../../../../shared/format'
import { useLocale } from '../../app/use-locale'
import { almatyTime } from '../../components/almaty-time'
import { useSync } from './sync-store'

/**
 * The header's sync state on an enrolled terminal: online or offline, syncing, pending changes
 * and the last successful sync; a click opens the Sync page.
 */
export function SyncIndicator() {
  const { t } = useTranslation()
  const locale = useLocale()
  const rpc = useRpc()
  const status = useSync((s) => s.status)
  const statusRequested = useSync((s) => s.statusRequested)
  const statusReported = useSync((s) => s.statusReported)
  const moduleChosen = useNavigation((s) => s.moduleChosen)

  useEffect(() => {
    void statusRequested(rpc)
    return rpc.on('sync.status', statusReported)
  }, [rpc, statusRequested, statusReported])

  if (!status?.enrolled) return null
  const Icon =
    status.state === 'offline'
      ? IconCloudOff
      : status.state === 'error'
        ? IconCloudX
        : status.state === 'syncing'
          ? IconRefresh
          : IconCloudCheck
  const color = status.state === 'offline' ? 'gray' : status.state === 'error' ? 'red' : 'green'
  const last = status.lastSyncAt ? formatDateTime(almatyTime(status.lastSyncAt), locale) : t('sync.never')
  return (
    <Tooltip label={t('sync.tooltip', { state: t(`sync.state.${status.state}`), last })}>
      <UnstyledButton
        onClick={() => moduleChosen('sync')}
        data-testid="sync-indicator"
        data-state={status.state}
        aria-label={t('nav.sync')}
      >
        <Group gap={4} wrap="nowrap">
          <Icon color={`var(--mantine-color-${color}-6)`} />
          {status.pending > 0 && (
            <Badge size="sm" variant="light" color="blue" data-testid="sync-pending">
              {status.pending}
            </Badge>
          )}
          {status.quarantined > 0 && (
            <Badge size="sm" variant="filled" color="red">
              {status.quarantined}
            </Badge>
          )}
        </Group>
      </UnstyledButton>
    </Tooltip>
  )
}
