import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPencil, IconPlus } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { workspaceStatuses, workspaceTypes } from '../../../../shared/contract'
import { useRpc } from '../../app/rpc-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { fieldError } from '../../components/field-errors'
import { type Workspace, useOrganization } from './organization-store'

const statusColor: Record<Workspace['status'], string> = { active: 'green', inactive: 'gray', archived: 'gray' }

/** The organization's workspaces (warehouses, branches): list, create, rename, change type or close. */
export function WorkspacesPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const workspaces = useOrganization((s) => s.workspaces)
  const loaded = useOrganization((s) => s.loaded)
  const error = useOrganization((s) => s.error)
  const refreshed = useOrganization((s) => s.refreshed)
  const formReset = useOrganization((s) => s.formReset)
  const [editing, setEditing] = useState<Workspace | 'new' | null>(null)

  useEffect(() => {
    void refreshed(rpc)
  }, [rpc, refreshed])

  const open = (next: Workspace | 'new') => {
    formReset()
    setEditing(next)
  }

  return (
    <Stack>
      {canManage && (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={18} />} onClick={() => open('new')} data-testid="add-workspace">
            {t('workspaces.add')}
          </Button>
        </Group>
      )}
      {error && <ErrorAlert error={error} onRetry={() => void refreshed(rpc)} />}
      {loaded && workspaces.length === 0 && !error ? (
        <Text c="dimmed">{t('workspaces.empty')}</Text>
      ) : (
        <Table striped highlightOnHover data-testid="workspaces-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('workspaces.name')}</Table.Th>
              <Table.Th>{t('workspaces.type')}</Table.Th>
              <Table.Th>{t('workspaces.status')}</Table.Th>
              <Table.Th>{t('workspaces.employees')}</Table.Th>
              {canManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {workspaces.map((w) => (
              <Table.Tr key={w.id} data-testid="workspace-row">
                <Table.Td>
                  <Group gap="xs">
                    <Text>{w.name}</Text>
                    {w.isTerminalWorkspace && (
                      <Badge variant="light" size="sm">
                        {t('workspaces.thisTerminal')}
                      </Badge>
                    )}
                  </Group>
                  {w.description && (
                    <Text size="xs" c="dimmed">
                      {w.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`workspaces.types.${w.type}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={statusColor[w.status]}>
                    {t(`workspaces.statuses.${w.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{w.employeeCount}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Group justify="flex-end">
                      <Tooltip label={t('common.edit')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`${t('common.edit')}: ${w.name}`}
                          onClick={() => open(w)}
                          data-testid="edit-workspace"
                        >
                          <IconPencil size={18} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <WorkspaceForm workspace={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  )
}

function WorkspaceForm({ workspace, onClose }: { workspace: Workspace | null; onClose: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const error = useOrganization((s) => s.formError)
  const saving = useOrganization((s) => s.saving)
  const workspaceSubmitted = useOrganization((s) => s.workspaceSubmitted)
  const [form, setForm] = useState({
    name: workspace?.name ?? '',
    type: workspace?.type ?? ('branch' as Workspace['type']),
    description: workspace?.description ?? '',
    status: workspace?.status ?? ('active' as Workspace['status']),
  })
  const err = (path: string) => fieldError(error, path)
  const fields = ['name', 'type', 'description', 'status']
  const general = error && !(error.issues?.length && error.issues.every((i) => fields.includes(i.path.join('.'))))

  return (
    <Modal
      opened
      onClose={onClose}
      title={workspace ? t('workspaces.editTitle', { name: workspace.name }) : t('workspaces.createTitle')}
    >
      <form
        data-testid="workspace-form"
        onSubmit={(e) => {
          e.preventDefault()
          void workspaceSubmitted(rpc, workspace?.id ?? null, {
            name: form.name,
            type: form.type,
            description: form.description,
            status: workspace ? form.status : undefined,
          }).then((done) => {
            if (!done) return
            notifications.show({ color: 'green', message: t('common.saved') })
            onClose()
          })
        }}
      >
        <Stack>
          {general && <ErrorAlert error={error} />}
          <TextInput
            label={t('workspaces.name')}
            required
            autoFocus
            value={form.name}
            onChange={(e) => {
              const name = e.currentTarget.value
              setForm((f) => ({ ...f, name }))
            }}
            error={err('name')}
            data-testid="workspace-name-input"
          />
          <SimpleGrid cols={workspace ? 2 : 1}>
            <Select
              label={t('workspaces.type')}
              data={workspaceTypes.map((v) => ({ value: v, label: t(`workspaces.types.${v}`) }))}
              value={form.type}
              onChange={(v) => setForm((f) => ({ ...f, type: (v as Workspace['type'] | null) ?? f.type }))}
              allowDeselect={false}
              error={err('type')}
            />
            {workspace && (
              <Select
                label={t('workspaces.status')}
                data={workspaceStatuses.map((v) => ({ value: v, label: t(`workspaces.statuses.${v}`) }))}
                value={form.status}
                onChange={(v) => setForm((f) => ({ ...f, status: (v as Workspace['status'] | null) ?? f.status }))}
                allowDeselect={false}
                error={err('status')}
                data-testid="workspace-status"
              />
            )}
          </SimpleGrid>
          <Textarea
            label={t('workspaces.description')}
            value={form.description}
            onChange={(e) => {
              const description = e.currentTarget.value
              setForm((f) => ({ ...f, description }))
            }}
            error={err('description')}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="workspace-submit">
              {workspace ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
