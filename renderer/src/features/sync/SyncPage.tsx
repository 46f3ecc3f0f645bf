import { Alert, Badge, Button, Card, Code, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MethodOutput, RpcError } from '../../../../shared/contract'
import { formatDateTime } from '../../../../shared/format'
import { useRpc } from '../../app/rpc-context'
import { useLocale } from '../../app/use-locale'
import { ErrorAlert } from '../../components/ErrorAlert'
import { almatyTime } from '../../components/almaty-time'
import { useAuth } from '../auth/auth-store'
import { HeadOfficePanel } from './HeadOfficePanel'
import { useSync } from './sync-store'

type Quarantined = MethodOutput<'sync.quarantine.list'>[number]

/** Logs travel with a transaction but are not what a person corrects. */
const LOG_TABLES = new Set(['audit_logs', 'system_logs'])

function show(value: unknown): string {
  if (value === null || value === undefined) return '—'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Which fields of a refused change a person can correct: what it carried, the named ones first. */
function editableFields(tx: Quarantined, change: Quarantined['changes'][number]): string[] {
  const keys = Object.keys(change.data ?? {}).filter(
    (k) => !['id', 'organization_id', 'workspace_id', 'created_at', 'updated_at'].includes(k),
  )
  return [
    ...keys.filter((k) => tx.fields.includes(k)),
    ...keys.filter((k) => !tx.fields.includes(k) && typeof change.data?.[k] !== 'object'),
  ]
}

/**
 * Fixing a refused transaction: its values with the field the refusal names highlighted; sending
 * commits them as a new transaction that replaces the refused one.
 */
function FixModal({ tx, onClose }: { tx: Quarantined; onClose: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const retrySubmitted = useSync((s) => s.retrySubmitted)
  const [changes, setChanges] = useState(tx.changes)
  const [error, setError] = useState<RpcError | null>(null)
  const edit = (i: number, key: string, value: string) =>
    setChanges((cs) => cs.map((c, j) => (j === i ? { ...c, data: { ...c.data, [key]: value } } : c)))
  return (
    <Modal opened onClose={onClose} title={t('sync.fixTitle', { seq: tx.txSeq })} size="lg" data-testid="fix-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void retrySubmitted(rpc, { txSeq: tx.txSeq, changes }).then((err) => (err ? setError(err) : onClose()))
        }}
      >
        <Stack>
          {error && <ErrorAlert error={error} />}
          <Text size="sm">{tx.detail}</Text>
          {changes.map((change, i) =>
            change.op === 'D' || LOG_TABLES.has(change.t) ? null : (
              <Card key={`${change.t}-${change.id}-${i}`} withBorder>
                <Text fw={600} size="sm">
                  {t(`sync.op.${change.op}`)} · <Code>{change.t}</Code>
                </Text>
                {editableFields(tx, change).map((key, n) => (
                  <TextInput
                    key={key}
                    label={key}
                    autoFocus={n === 0 && i === 0}
                    value={show(change.data?.[key] ?? '')}
                    onChange={(e) => edit(i, key, e.currentTarget.value)}
                    error={tx.fields.includes(key) && changes[i] === tx.changes[i] ? t('sync.fixThis') : undefined}
                    data-testid={`fix-${change.t}-${key}`}
                  />
                ))}
              </Card>
            ),
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('setup.cancel')}
            </Button>
            <Button type="submit" data-testid="fix-submit">
              {t('sync.fixAction')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** The Sync page: state, "sync now", transactions head office refused, and conflicts. */
export function SyncPage() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const status = useSync((s) => s.status)
  const quarantine = useSync((s) => s.quarantine)
  const conflicts = useSync((s) => s.conflicts)
  const error = useSync((s) => s.error)
  const syncing = useSync((s) => s.syncing)
  const lastCycle = useSync((s) => s.lastCycle)
  const statusRequested = useSync((s) => s.statusRequested)
  const listsRequested = useSync((s) => s.listsRequested)
  const syncRequested = useSync((s) => s.syncRequested)
  const discardChosen = useSync((s) => s.discardChosen)
  const conflictResolved = useSync((s) => s.conflictResolved)
  const [fixing, setFixing] = useState<Quarantined | null>(null)
  const [discarding, setDiscarding] = useState<Quarantined | null>(null)
  // Everyone sees the state; resolving refused changes and conflicts is for sync.manage.
  const permissions = useAuth((s) => s.status?.user?.permissions ?? [])
  const canManage = permissions.includes('sync.manage')
  const canAdminister = permissions.includes('org.manage')

  useEffect(() => {
    void statusRequested(rpc)
    if (!canManage) return
    void listsRequested(rpc)
    return rpc.on('data.changed', () => void listsRequested(rpc))
  }, [rpc, statusRequested, listsRequested, canManage])

  if (status && !status.enrolled) {
    return (
      <Stack>
        <Title order={3}>{t('nav.sync')}</Title>
        <Alert data-testid="sync-standalone">{t('sync.standalone')}</Alert>
      </Stack>
    )
  }
  const when = (v: string | null) => (v ? formatDateTime(almatyTime(v), locale) : t('sync.never'))

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('nav.sync')}</Title>
        <Button
          leftSection={<IconRefresh size={18} />}
          loading={syncing}
          onClick={() => void syncRequested(rpc)}
          data-testid="sync-now"
        >
          {t('sync.now')}
        </Button>
      </Group>
      {error && <ErrorAlert error={error} />}
      {status && (
        <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="sync-status">
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('sync.stateLabel')}
            </Text>
            <Text fw={700} data-testid="sync-state">
              {t(`sync.state.${status.state}`)}
            </Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('sync.pending')}
            </Text>
            <Text fw={700} data-testid="sync-pending-count">
              {status.pending}
            </Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('sync.lastSync')}
            </Text>
            <Text fw={700}>{when(status.lastSyncAt)}</Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('sync.quarantined')}
            </Text>
            <Text fw={700} c={status.quarantined > 0 ? 'red' : undefined}>
              {status.quarantined}
            </Text>
          </Card>
        </SimpleGrid>
      )}
      {status?.lastError && status.state !== 'idle' && (
        <Alert color="orange" title={t('sync.lastError')}>
          {status.lastError}
        </Alert>
      )}
      {lastCycle && (
        <Text size="sm" c="dimmed" data-testid="sync-last-cycle">
          {t('sync.cycleDone', lastCycle)}
        </Text>
      )}

      {!canManage && status && status.quarantined + status.conflicts > 0 && (
        <Alert color="orange" data-testid="sync-ask-manager">
          {t('sync.askManager', { count: status.quarantined + status.conflicts })}
        </Alert>
      )}
      {canManage && (
        <>
          <Title order={4}>{t('sync.quarantineTitle')}</Title>
          {quarantine.length === 0 ? (
            <Text c="dimmed">{t('sync.quarantineEmpty')}</Text>
          ) : (
            <Table striped data-testid="quarantine-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('sync.reason')}</Table.Th>
                  <Table.Th>{t('sync.changes')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {quarantine.map((tx) => (
                  <Table.Tr key={tx.txSeq} data-testid="quarantine-row">
                    <Table.Td>{tx.txSeq}</Table.Td>
                    <Table.Td>
                      <Badge color={tx.reason === 'depends' ? 'gray' : 'red'} variant="light">
                        {t(`sync.reasons.${tx.reason}`, { defaultValue: tx.reason })}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {tx.reason === 'depends' ? t('sync.dependsOn', { seq: tx.causedBy ?? '?' }) : tx.detail}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {tx.changes
                        .filter((c) => !LOG_TABLES.has(c.t))
                        .slice(0, 5)
                        .map((c, i) => (
                          <Text key={i} size="sm">
                            {t(`sync.op.${c.op}`)} <Code>{c.t}</Code> {show(c.data?.code ?? c.data?.name ?? c.id.slice(0, 8))}
                          </Text>
                        ))}
                      {tx.changes.length > 5 && <Text size="xs">+{tx.changes.length - 5}</Text>}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {tx.reason !== 'depends' && (
                          <Button size="xs" onClick={() => setFixing(tx)} data-testid="quarantine-fix">
                            {t('sync.fix')}
                          </Button>
                        )}
                        <Button
                          size="xs"
                          color="red"
                          variant="light"
                          onClick={() => setDiscarding(tx)}
                          data-testid="quarantine-discard"
                        >
                          {tx.fields.length > 0 ? t('sync.useTheirs') : t('sync.discard')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}

          <Title order={4}>{t('sync.conflictsTitle')}</Title>
          {conflicts.length === 0 ? (
            <Text c="dimmed">{t('sync.conflictsEmpty')}</Text>
          ) : (
            <Table striped data-testid="conflicts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sync.where')}</Table.Th>
                  <Table.Th>{t('sync.theirs')}</Table.Th>
                  <Table.Th>{t('sync.mine')}</Table.Th>
                  <Table.Th>{t('sync.when')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {conflicts.map((c) => (
                  <Table.Tr key={c.id} data-testid="conflict-row">
                    <Table.Td>
                      <Code>{c.table}</Code>.<Code>{c.column}</Code>
                    </Table.Td>
                    <Table.Td>{show(c.keptValue)}</Table.Td>
                    <Table.Td>{show(c.lostValue)}</Table.Td>
                    <Table.Td>{formatDateTime(c.detectedAt, locale)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => void conflictResolved(rpc, c.id, 'keepTheirs')}>
                          {t('sync.keepTheirs')}
                        </Button>
                        <Button
                          size="xs"
                          onClick={() => void conflictResolved(rpc, c.id, 'restoreMine')}
                          data-testid="restore-mine"
                        >
                          {t('sync.restoreMine')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      {canAdminister && status?.state !== 'offline' && <HeadOfficePanel />}
      {fixing && <FixModal tx={fixing} onClose={() => setFixing(null)} />}
      <Modal opened={discarding !== null} onClose={() => setDiscarding(null)} title={t('sync.discardTitle')}>
        <Stack>
          <Text>{t('sync.discardText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDiscarding(null)}>
              {t('setup.cancel')}
            </Button>
            <Button
              color="red"
              data-testid="discard-confirm"
              onClick={() => {
                const tx = discarding!
                setDiscarding(null)
                void discardChosen(rpc, tx.txSeq)
              }}
            >
              {t('sync.discard')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
