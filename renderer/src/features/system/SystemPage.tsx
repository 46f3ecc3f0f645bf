import { Badge, Button, Card, CopyButton, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconCopy, IconRefresh } from '@tabler/icons-react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBytes, formatDateTime, formatMoney, formatNumber } from '../../../../shared/format'
import { useRpc } from '../../app/rpc-context'
import { useLocale } from '../../app/use-locale'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useSystemStore } from './system-store'

/** The About / System page: the backend's real figures, for support calls. */
export function SystemPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const rpc = useRpc()
  const info = useSystemStore((s) => s.info)
  const health = useSystemStore((s) => s.health)
  const error = useSystemStore((s) => s.error)
  const loading = useSystemStore((s) => s.loading)
  const refreshRequested = useSystemStore((s) => s.refreshRequested)
  const load = () => void refreshRequested(rpc)

  useEffect(() => {
    void refreshRequested(rpc)
  }, [rpc, refreshRequested])

  const rows: [string, string, string][] = info
    ? [
        ['app-version', t('system.appVersion'), info.appVersion],
        ['schema-version', t('system.schemaVersion'), String(info.schemaVersion)],
        ['data-dir', t('system.dataDir'), info.dataDir ?? t('system.inMemory')],
        ['pglite-version', t('system.pgliteVersion'), info.pgliteVersion],
        ['postgres-version', t('system.postgresVersion'), info.postgresVersion],
        ['database-size', t('system.databaseSize'), formatBytes(info.databaseSizeBytes, locale)],
        ['node-version', t('system.nodeVersion'), info.nodeVersion],
        ['platform', t('system.platform'), info.platform],
        ['started-at', t('system.startedAt'), formatDateTime(info.startedAt, locale)],
      ]
    : []
  const report = rows.map(([, label, value]) => `${label}: ${value}`).join('\n')

  return (
    <Stack gap="lg" maw={900}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('system.title')}</Title>
          <Text c="dimmed">{t('system.subtitle')}</Text>
        </div>
        <Group>
          <CopyButton value={report}>
            {({ copied, copy }) => (
              <Button variant="default" leftSection={<IconCopy size={18} />} onClick={copy} disabled={!info}>
                {copied ? t('system.copied') : t('system.copy')}
              </Button>
            )}
          </CopyButton>
          <Button leftSection={<IconRefresh size={18} />} onClick={load} loading={loading}>
            {t('system.refresh')}
          </Button>
        </Group>
      </Group>

      {error && <ErrorAlert error={error} onRetry={load} />}
      {!info && !error && loading && (
        <Group>
          <Loader size="sm" />
          <Text>{t('system.loading')}</Text>
        </Group>
      )}

      {info && (
        <Card withBorder padding="md">
          <Table variant="vertical" layout="fixed" data-testid="system-info">
            <Table.Tbody>
              {rows.map(([id, label, value]) => (
                <Table.Tr key={id}>
                  <Table.Th w={280}>{label}</Table.Th>
                  <Table.Td data-testid={`info-${id}`} style={{ wordBreak: 'break-all' }}>
                    {value}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}

      {health && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('system.health')}
            </Text>
            <Badge data-testid="health-status" size="lg" color={health.status === 'ok' ? 'green' : 'orange'} mt={4}>
              {health.status === 'ok' ? t('system.healthOk') : t('system.healthDegraded')}
            </Badge>
            <Text size="sm" mt="sm">
              {t('system.dbLatency')}: {formatNumber(health.database.latencyMs, locale, 2)} {t('units.ms')}
            </Text>
            <Text size="sm">
              {t('system.uptime')}: {formatNumber(health.uptimeSeconds, locale, 0)} {t('units.seconds')}
            </Text>
            <Text size="sm">
              {t('system.lastMaintenance')}:{' '}
              {health.lastMaintenanceAt ? formatDateTime(health.lastMaintenanceAt, locale) : t('system.never')}
            </Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('system.example')}
            </Text>
            <Text size="sm" mt={4} data-testid="example-money">
              {t('system.exampleMoney')}: {formatMoney('1250000.50', locale)}
            </Text>
            <Text size="sm" data-testid="example-date">
              {t('system.exampleDate')}: {formatDateTime(new Date(), locale)}
            </Text>
          </Card>
        </SimpleGrid>
      )}
    </Stack>
  )
}
