import { Badge, Button, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../../shared/format'
import { useRpc } from '../../app/rpc-context'
import { useLocale } from '../../app/use-locale'
import { ErrorAlert } from '../../components/ErrorAlert'
import { almatyTime } from '../../components/almaty-time'
import { useAudit } from './audit-store'

const actions = ['CREATE', 'UPDATE', 'DELETE', 'LOGIN', 'LOGOUT', 'EXPORT', 'IMPORT'] as const
const actionColor: Record<string, string> = { CREATE: 'green', UPDATE: 'blue', DELETE: 'red', LOGIN: 'gray', LOGOUT: 'gray' }

function show(value: unknown): string {
  if (value === null || value === undefined) return '—'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** One change as a diff: field, old value struck through, new value. */
function ChangeList({ changes }: { changes: Record<string, unknown> | null }) {
  const entries = Object.entries(changes ?? {})
  if (entries.length === 0) return <Text c="dimmed">—</Text>
  return (
    <Stack gap={2}>
      {entries.map(([field, change]) => {
        const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown }
        return (
          <Text key={field} size="sm">
            <Code>{field}</Code>{' '}
            <Text span td="line-through" c="red.7">
              {show(from)}
            </Text>{' '}
            →{' '}
            <Text span c="green.8">
              {show(to)}
            </Text>
          </Text>
        )
      })}
    </Stack>
  )
}

/** The audit trail: who changed what and when, filtered by entity, person, action and time. */
export function AuditPage() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const entries = useAudit((s) => s.entries)
  const next = useAudit((s) => s.next)
  const error = useAudit((s) => s.error)
  const loading = useAudit((s) => s.loading)
  const filtersChanged = useAudit((s) => s.filtersChanged)
  const moreRequested = useAudit((s) => s.moreRequested)
  const exportRequested = useAudit((s) => s.exportRequested)
  const exporting = useAudit((s) => s.exporting)
  const [entityType, setEntityType] = useState('')
  const [userEmail, setUserEmail] = useState('')
  const [action, setAction] = useState<string | null>(null)
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')

  useEffect(() => {
    void filtersChanged(rpc, {
      entityType: entityType.trim() || undefined,
      userEmail: userEmail.trim() || undefined,
      action: (action as (typeof actions)[number] | null) ?? undefined,
      from: from || undefined,
      to: to || undefined,
    })
  }, [rpc, filtersChanged, entityType, userEmail, action, from, to])

  return (
    <Stack>
      <Title order={3}>{t('audit.title')}</Title>
      <Group align="flex-end">
        <TextInput
          label={t('audit.entity')}
          value={entityType}
          onChange={(e) => setEntityType(e.currentTarget.value)}
          w={180}
          data-testid="audit-entity"
        />
        <TextInput label={t('audit.user')} value={userEmail} onChange={(e) => setUserEmail(e.currentTarget.value)} w={220} />
        <Select
          label={t('audit.action')}
          data={actions.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
          value={action}
          onChange={setAction}
          clearable
          w={180}
          data-testid="audit-action"
        />
        <TextInput label={t('audit.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label={t('audit.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Button variant="default" loading={exporting} onClick={() => void exportRequested(rpc)} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </Group>
      {error && <ErrorAlert error={error} />}
      <Table striped highlightOnHover data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={180}>{t('audit.when')}</Table.Th>
            <Table.Th w={130}>{t('audit.action')}</Table.Th>
            <Table.Th w={180}>{t('audit.entity')}</Table.Th>
            <Table.Th w={220}>{t('audit.user')}</Table.Th>
            <Table.Th>{t('audit.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={`${e.id}-${e.timestamp}`} data-testid="audit-row">
              <Table.Td>{formatDateTime(almatyTime(e.timestamp), locale)}</Table.Td>
              <Table.Td>
                <Badge color={actionColor[e.action] ?? 'gray'} variant="light">
                  {t(`audit.actions.${e.action}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{e.entityType}</Table.Td>
              <Table.Td>{e.userEmail ?? '—'}</Table.Td>
              <Table.Td>
                <ChangeList changes={e.changes} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {entries.length === 0 && !loading && <Text c="dimmed">{t('audit.empty')}</Text>}
      {next && (
        <Button variant="default" loading={loading} onClick={() => void moreRequested(rpc)}>
          {t('audit.more')}
        </Button>
      )}
    </Stack>
  )
}
