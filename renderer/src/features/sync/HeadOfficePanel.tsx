import { Alert, Badge, Button, Code, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MethodOutput, RpcError } from '../../../../shared/contract'
import { formatDateTime } from '../../../../shared/format'
import { useRpc } from '../../app/rpc-context'
import { useLocale } from '../../app/use-locale'
import { ErrorAlert } from '../../components/ErrorAlert'
import { fieldError } from '../../components/field-errors'
import { useHeadOffice } from './head-office-store'

type Terminal = MethodOutput<'sync.admin.terminals'>[number]

/**
 * Head office, for organization admins (online): the organization's terminals with their last
 * sync, pending and refused counts; a new terminal and its enrollment code; revoking one; and
 * what head office refused from any terminal.
 */
export function HeadOfficePanel() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const terminals = useHeadOffice((s) => s.terminals)
  const refused = useHeadOffice((s) => s.refused)
  const error = useHeadOffice((s) => s.error)
  const listsRequested = useHeadOffice((s) => s.listsRequested)
  const revokeChosen = useHeadOffice((s) => s.revokeChosen)
  const [creating, setCreating] = useState(false)
  const [revoking, setRevoking] = useState<Terminal | null>(null)
  useEffect(() => {
    void listsRequested(rpc)
  }, [rpc, listsRequested])
  const load = () => listsRequested(rpc)
  const when = (v: string | null) => (v ? formatDateTime(v, locale) : '—')

  return (
    <Stack data-testid="head-office">
      <Group justify="space-between">
        <Title order={4}>{t('headOffice.terminals')}</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-terminal">
          {t('headOffice.newTerminal')}
        </Button>
      </Group>
      {error && <ErrorAlert error={error} />}
      <Table striped data-testid="terminals-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('headOffice.name')}</Table.Th>
            <Table.Th>{t('headOffice.workspace')}</Table.Th>
            <Table.Th>{t('headOffice.prefix')}</Table.Th>
            <Table.Th>{t('headOffice.lastSync')}</Table.Th>
            <Table.Th>{t('sync.pending')}</Table.Th>
            <Table.Th>{t('sync.quarantined')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {terminals.map((term) => (
            <Table.Tr key={term.id} data-testid="terminal-row">
              <Table.Td>
                {term.name} {term.self && <Badge variant="light">{t('headOffice.thisOne')}</Badge>}
                {term.revokedAt && <Badge color="red">{t('headOffice.revoked')}</Badge>}
                {term.awaitingEnrollment && <Badge color="gray">{t('headOffice.awaiting')}</Badge>}
              </Table.Td>
              <Table.Td>{term.workspaceName}</Table.Td>
              <Table.Td>
                <Code>{term.numberPrefix}</Code>
              </Table.Td>
              <Table.Td>{when(term.lastPushAt ?? term.lastPullAt)}</Table.Td>
              <Table.Td>{term.pending}</Table.Td>
              <Table.Td c={term.quarantined > 0 ? 'red' : undefined}>{term.quarantined}</Table.Td>
              <Table.Td>
                {!term.self && !term.revokedAt && (
                  <Button size="xs" color="red" variant="light" onClick={() => setRevoking(term)} data-testid="revoke-terminal">
                    {t('headOffice.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4}>{t('headOffice.refused')}</Title>
      {refused.length === 0 ? (
        <Text c="dimmed">{t('sync.quarantineEmpty')}</Text>
      ) : (
        <Table striped>
          <Table.Tbody>
            {refused.map((r) => (
              <Table.Tr key={`${r.terminalId}-${r.seq}`}>
                <Table.Td>{r.terminalName}</Table.Td>
                <Table.Td>#{r.seq}</Table.Td>
                <Table.Td>{t(`sync.reasons.${r.reason}`, { defaultValue: r.reason })}</Table.Td>
                <Table.Td>
                  <Text size="xs">{r.detail}</Text>
                </Table.Td>
                <Table.Td>{when(r.receivedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <NewTerminalModal onClose={() => (setCreating(false), void load())} />}
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('headOffice.revokeTitle')}>
        <Stack>
          <Text>{t('headOffice.revokeText', { name: revoking?.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('setup.cancel')}
            </Button>
            <Button
              color="red"
              data-testid="revoke-confirm"
              onClick={() => {
                const target = revoking!
                setRevoking(null)
                void revokeChosen(rpc, target.id)
              }}
            >
              {t('headOffice.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}

/** A new terminal: workspace, name and its number prefix; answers with the enrollment code. */
function NewTerminalModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const [workspaces, setWorkspaces] = useState<{ value: string; label: string }[]>([])
  const [workspaceId, setWorkspaceId] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [numberPrefix, setPrefix] = useState('')
  const [error, setError] = useState<RpcError | null>(null)
  const [code, setCode] = useState<string | null>(null)
  useEffect(() => {
    void rpc.call('admin.workspaces.list', {}).then((r) => {
      if (r.ok) setWorkspaces(r.value.map((w) => ({ value: w.id, label: w.name })))
    })
  }, [rpc])
  return (
    <Modal opened onClose={onClose} title={t('headOffice.newTerminal')} data-testid="new-terminal-form">
      {code ? (
        <Stack>
          <Alert color="green">{t('headOffice.codeText')}</Alert>
          <Code block fz="xl" ta="center" data-testid="new-terminal-code">
            {code.replace(/(.{4})(?=.)/g, '$1-')}
          </Code>
          <Button onClick={onClose}>{t('headOffice.done')}</Button>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void rpc
              .call('sync.admin.createTerminal', { workspaceId: workspaceId ?? '', name, numberPrefix })
              .then((r) => (r.ok ? setCode(r.value.enrollmentCode) : setError(r.error)))
          }}
        >
          <Stack>
            {error && !error.issues?.length && <ErrorAlert error={error} />}
            <Select
              label={t('headOffice.workspace')}
              data={workspaces}
              value={workspaceId}
              onChange={setWorkspaceId}
              required
              error={fieldError(error, 'workspaceId')}
              data-testid="new-terminal-workspace"
            />
            <TextInput
              label={t('headOffice.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              error={fieldError(error, 'name')}
              data-testid="new-terminal-name"
            />
            <TextInput
              label={t('headOffice.prefix')}
              description={t('headOffice.prefixHint')}
              value={numberPrefix}
              maxLength={10}
              onChange={(e) => setPrefix(e.currentTarget.value.toUpperCase())}
              required
              error={fieldError(error, 'numberPrefix')}
              data-testid="new-terminal-prefix"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('setup.cancel')}
              </Button>
              <Button type="submit" data-testid="new-terminal-submit">
                {t('headOffice.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
