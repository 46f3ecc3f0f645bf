import {
  ActionIcon,
  Badge,
  Box,
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
import { IconChevronRight, IconPencil, IconPlus, IconSubtask, IconTrash } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RpcError } from '../../../../shared/contract'
import { useRpc } from '../../app/rpc-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { fieldError } from '../../components/field-errors'
import type { Person } from '../people/people-store'
import { type Department, departmentAndDescendants, departmentTree, useOrganization } from './organization-store'

/** What the department form is doing: a new department (maybe under a parent) or editing one. */
type Editing = { mode: 'create'; parentId: string | null } | { mode: 'edit'; department: Department }

const formFields = ['name', 'code', 'parentId', 'headId', 'workspaceId', 'description']

function FormError({ error }: { error: RpcError | null }) {
  if (!error) return null
  const underFields = error.issues?.length && error.issues.every((i) => formFields.includes(i.path.join('.')))
  return underFields ? null : <ErrorAlert error={error} />
}

/**
 * The organization's departments as a tree (indented rows in tree order, so every action is a
 * button reachable with Tab), with heads, workspaces and head counts; create, rename, move and
 * delete. The backend refuses cycles and deleting a department that is still in use.
 */
export function DepartmentsPage({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const departments = useOrganization((s) => s.departments)
  const loaded = useOrganization((s) => s.loaded)
  const error = useOrganization((s) => s.error)
  const refreshed = useOrganization((s) => s.refreshed)
  const formReset = useOrganization((s) => s.formReset)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [deleting, setDeleting] = useState<Department | null>(null)

  useEffect(() => {
    void refreshed(rpc)
  }, [rpc, refreshed])

  const open = (next: Editing) => {
    formReset()
    setEditing(next)
  }
  const tree = departmentTree(departments)

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('departments.hint')}
        </Text>
        {canManage && (
          <Button
            leftSection={<IconPlus size={18} />}
            onClick={() => open({ mode: 'create', parentId: null })}
            data-testid="add-department"
          >
            {t('departments.add')}
          </Button>
        )}
      </Group>
      {error && <ErrorAlert error={error} onRetry={() => void refreshed(rpc)} />}
      {loaded && tree.length === 0 && !error ? (
        <Text c="dimmed" data-testid="departments-empty">
          {t('departments.empty')}
        </Text>
      ) : (
        <Table highlightOnHover data-testid="departments-tree" aria-label={t('departments.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('departments.name')}</Table.Th>
              <Table.Th>{t('departments.head')}</Table.Th>
              <Table.Th>{t('departments.workspace')}</Table.Th>
              <Table.Th>{t('departments.employees')}</Table.Th>
              {canManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tree.map((d) => (
              <Table.Tr key={d.id} data-testid="department-row" aria-level={d.level + 1}>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" pl={d.level * 24}>
                    <Box w={18} c="dimmed" aria-hidden>
                      {d.level > 0 && <IconChevronRight size={14} />}
                    </Box>
                    <Text fw={d.level === 0 ? 600 : 400} data-testid="department-name">
                      {d.name}
                    </Text>
                    {d.code && (
                      <Badge variant="light" color="gray" size="sm">
                        {d.code}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td data-testid="department-head">
                  {d.headName ?? <Text c="dimmed">{t('departments.noHead')}</Text>}
                </Table.Td>
                <Table.Td>{d.workspaceName}</Table.Td>
                <Table.Td>{d.employeeCount}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label={t('departments.addChild')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`${t('departments.addChild')}: ${d.name}`}
                          onClick={() => open({ mode: 'create', parentId: d.id })}
                          data-testid="add-child-department"
                        >
                          <IconSubtask size={18} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('common.edit')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`${t('common.edit')}: ${d.name}`}
                          onClick={() => open({ mode: 'edit', department: d })}
                          data-testid="edit-department"
                        >
                          <IconPencil size={18} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('common.delete')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`${t('common.delete')}: ${d.name}`}
                          onClick={() => {
                            formReset()
                            setDeleting(d)
                          }}
                          data-testid="delete-department"
                        >
                          <IconTrash size={18} />
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
      {editing && <DepartmentForm editing={editing} onClose={() => setEditing(null)} />}
      <DeleteDepartment department={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  )
}

function DepartmentForm({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const departments = useOrganization((s) => s.departments)
  const workspaces = useOrganization((s) => s.workspaces)
  const error = useOrganization((s) => s.formError)
  const saving = useOrganization((s) => s.saving)
  const departmentSubmitted = useOrganization((s) => s.departmentSubmitted)
  const [people, setPeople] = useState<Person[]>([])
  const [peopleError, setPeopleError] = useState(false)
  const current = editing.mode === 'edit' ? editing.department : null
  const [form, setForm] = useState({
    name: current?.name ?? '',
    code: current?.code ?? '',
    description: current?.description ?? '',
    parentId: current ? (current.parentId ?? '') : ((editing.mode === 'create' ? editing.parentId : null) ?? ''),
    headId: current?.headId ?? '',
    workspaceId: current?.workspaceId ?? '',
  })
  const patch = (p: Partial<typeof form>) => setForm((f) => ({ ...f, ...p }))
  const err = (path: string) => fieldError(error, path)

  useEffect(() => {
    // Heads are chosen among the organization's people (their list needs users.manage).
    let live = true
    void rpc.call('people.list', {}).then((result) => {
      if (!live) return
      setPeople(result.ok ? result.value : [])
      setPeopleError(!result.ok)
    })
    return () => {
      live = false
    }
  }, [rpc])

  // A department cannot move under itself or its own sub-departments (the backend refuses it too).
  const excluded = current ? departmentAndDescendants(departments, current.id) : new Set<string>()
  const parents = [
    { value: '', label: t('departments.noParent') },
    ...departmentTree(departments)
      .filter((d) => !excluded.has(d.id))
      .map((d) => ({ value: d.id, label: `${'· '.repeat(d.level)}${d.name}` })),
  ]
  const heads = [
    { value: '', label: t('departments.noHead') },
    ...people.map((p) => ({ value: p.employeeId, label: `${p.fullName} (${p.email})` })),
  ]
  if (current?.headId && !heads.some((h) => h.value === current.headId))
    heads.push({ value: current.headId, label: current.headName ?? current.headId })
  const workspaceOptions = [
    { value: '', label: t('departments.workspaceAuto') },
    ...workspaces
      .filter((w) => w.status === 'active' || w.id === current?.workspaceId)
      .map((w) => ({ value: w.id, label: w.name })),
  ]

  return (
    <Modal
      opened
      onClose={onClose}
      title={current ? t('departments.editTitle', { name: current.name }) : t('departments.createTitle')}
      size="lg"
    >
      <form
        data-testid="department-form"
        onSubmit={(e) => {
          e.preventDefault()
          void departmentSubmitted(rpc, current?.id ?? null, {
            name: form.name,
            code: form.code,
            description: form.description,
            parentId: form.parentId || null,
            headId: form.headId || null,
            workspaceId: form.workspaceId || undefined,
          }).then((done) => {
            if (!done) return
            notifications.show({ color: 'green', message: t('common.saved') })
            onClose()
          })
        }}
      >
        <Stack>
          <FormError error={error} />
          <SimpleGrid cols={2}>
            <TextInput
              label={t('departments.name')}
              required
              autoFocus
              value={form.name}
              onChange={(e) => patch({ name: e.currentTarget.value })}
              error={err('name')}
              data-testid="department-name-input"
            />
            <TextInput
              label={t('departments.code')}
              value={form.code}
              onChange={(e) => patch({ code: e.currentTarget.value })}
              error={err('code')}
              data-testid="department-code-input"
            />
          </SimpleGrid>
          <Select
            label={t('departments.parent')}
            data={parents}
            value={form.parentId}
            onChange={(v) => patch({ parentId: v ?? '' })}
            searchable
            error={err('parentId')}
            data-testid="department-parent"
          />
          <Select
            label={t('departments.head')}
            data={heads}
            value={form.headId}
            onChange={(v) => patch({ headId: v ?? '' })}
            searchable
            error={err('headId')}
            description={peopleError ? t('departments.headsUnavailable') : undefined}
            data-testid="department-head-select"
          />
          <Select
            label={t('departments.workspace')}
            data={workspaceOptions}
            value={form.workspaceId}
            onChange={(v) => patch({ workspaceId: v ?? '' })}
            error={err('workspaceId')}
          />
          <Textarea
            label={t('departments.description')}
            value={form.description}
            onChange={(e) => patch({ description: e.currentTarget.value })}
            error={err('description')}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="department-submit">
              {current ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function DeleteDepartment({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const error = useOrganization((s) => s.formError)
  const saving = useOrganization((s) => s.saving)
  const departmentDeleted = useOrganization((s) => s.departmentDeleted)
  return (
    <Modal opened={department !== null} onClose={onClose} title={t('departments.deleteTitle', { name: department?.name ?? '' })}>
      <Stack data-testid="delete-department-dialog">
        {error ? <ErrorAlert error={error} /> : <Text>{t('departments.deleteText')}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={saving}
            disabled={error !== null}
            onClick={() =>
              department &&
              void departmentDeleted(rpc, department.id).then((done) => {
                if (!done) return
                notifications.show({ color: 'green', message: t('departments.deleted') })
                onClose()
              })
            }
            data-testid="confirm-delete-department"
          >
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
