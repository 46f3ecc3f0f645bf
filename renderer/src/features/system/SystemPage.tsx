import { Alert, Badge, Button, Card, CopyButton, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconCopy, IconRefresh } from '@tabler/icons-react'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MethodOutput, RpcError } from '../../../../shared/contract'
import { formatBytes, formatDateTime, formatMoney, formatNumber } from '../../../../shared/format'
import { useRpc } from '../../app/rpc-context'
import { useLocale } from '../../app/use-locale'
import { ErrorAlert } from '../../components/ErrorAlert'

type Info = MethodOutput<'system.info'>
type Health = MethodOutput<'system.health'>

/** The About / System page: the backend's real figures, for support calls. */
export function SystemPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const rpc = useRpc()
  const [info, setInfo] = useState<Info | null>(null)
  const [health, setHealth] = useState<Health | null>(null)
  const [error, setError] = useState<RpcError | null>(null)
  const [loading, setLoading] = useState(false)

  const load = useCallback(async () => {
    setLoading(true)
    const [i, h] = await Promise.all([rpc.call('system.info', {}), rpc.call('system.health', {})])
    setLoading(false)
    if (!i.ok) return setError(i.error)
    if (!h.ok) return setError(h.error)
    setError(null)
    setInfo(i.value)
    setHealth(h.value)
  }, [rpc])

  useEffect(() => {
    void load()
  }, [load])

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
          <Button leftSection={<IconRefresh size={18} />} onClick={() => void load()} loading={loading}>
            {t('system.refresh')}
          </Button>
        </Group>
      </Group>

      {error && <ErrorAlert error={error} onRetry={() => void load()} />}
      {!info && !error && (
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
      {!info && error === null && loading === false && <Alert>{t('system.loading')}</Alert>}
    </Stack>
  )
}
