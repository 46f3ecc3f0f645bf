import { Alert, Button, Divider, Drawer, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { IconLock } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { employeeStatuses } from '../../../../shared/contract'
import { type OrganizationRole, organizationRoles } from '../../../../shared/permissions'
import { useRpc } from '../../app/rpc-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { fieldError } from '../../components/field-errors'
import { useAuth } from '../auth/auth-store'
import { departmentTree, useOrganization } from '../organization/organization-store'
import { type Person, usePeople } from './people-store'

/** Roles the current person may hand out: only an owner makes owners (the backend holds the same rule). */
function useRoleOptions() {
  const { t } = useTranslation()
  const myRole = useAuth((s) => s.status?.user?.role)
  return organizationRoles.filter((r) => r !== 'owner' || myRole === 'owner').map((r) => ({ value: r, label: t(`roles.${r}`) }))
}

/** Active workspaces, and departments indented by depth, as select options. */
function usePlaceOptions() {
  const { t } = useTranslation()
  const workspaces = useOrganization((s) => s.workspaces)
  const departments = useOrganization((s) => s.departments)
  return {
    workspaces: workspaces.filter((w) => w.status === 'active').map((w) => ({ value: w.id, label: w.name })),
    departments: [
      { value: '', label: t('people.noDepartment') },
      ...departmentTree(departments).map((d) => ({ value: d.id, label: `${'· '.repeat(d.level)}${d.name}` })),
    ],
  }
}

/** Form errors that belong to no field (a refusal, a conflict) are shown above the form. */
function FormAlert({ fields }: { fields: string[] }) {
  const error = usePeople((s) => s.formError)
  if (!error) return null
  const underFields = error.issues?.length && error.issues.every((i) => fields.includes(i.path.join('.')))
  return underFields ? null : <ErrorAlert error={error} />
}

const createFields = ['email', 'firstName', 'lastName', 'phone', 'role', 'workspaceId', 'departmentId', 'position']

/** A new person: their account and their place in the organization; a first-password code follows. */
export function NewPersonModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const error = usePeople((s) => s.formError)
  const saving = usePeople((s) => s.saving)
  const personSubmitted = usePeople((s) => s.personSubmitted)
  const myWorkspace = useAuth((s) => s.status?.user?.workspaceName)
  const roles = useRoleOptions()
  const places = usePlaceOptions()
  const defaultWorkspace = places.workspaces.find((w) => w.label === myWorkspace)?.value ?? places.workspaces[0]?.value ?? ''
  const [form, setForm] = useState({
    email: '',
    firstName: '',
    lastName: '',
    phone: '',
    role: 'employee' as OrganizationRole,
    workspaceId: '',
    departmentId: '',
    position: '',
  })
  const patch = (p: Partial<typeof form>) => setForm((f) => ({ ...f, ...p }))
  const err = (path: string) => fieldError(error, path)

  return (
    <Modal opened={opened} onClose={onClose} title={t('people.createTitle')} size="lg">
      <form
        data-testid="new-person-form"
        onSubmit={(e) => {
          e.preventDefault()
          void personSubmitted(rpc, {
            ...form,
            workspaceId: form.workspaceId || defaultWorkspace,
            departmentId: form.departmentId || null,
          }).then((done) => done && onClose())
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('people.createHint')}
          </Text>
          <FormAlert fields={createFields} />
          <SimpleGrid cols={2}>
            <TextInput
              label={t('people.lastName')}
              required
              autoFocus
              value={form.lastName}
              onChange={(e) => patch({ lastName: e.currentTarget.value })}
              error={err('lastName')}
              data-testid="person-last-name"
            />
            <TextInput
              label={t('people.firstName')}
              required
              value={form.firstName}
              onChange={(e) => patch({ firstName: e.currentTarget.value })}
              error={err('firstName')}
              data-testid="person-first-name"
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <TextInput
              label={t('auth.email')}
              type="email"
              required
              value={form.email}
              onChange={(e) => patch({ email: e.currentTarget.value })}
              error={err('email')}
              data-testid="person-email"
            />
            <TextInput
              label={t('people.phone')}
              value={form.phone}
              onChange={(e) => patch({ phone: e.currentTarget.value })}
              error={err('phone')}
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <Select
              label={t('people.role')}
              data={roles}
              value={form.role}
              onChange={(v) => patch({ role: (v as OrganizationRole | null) ?? 'employee' })}
              allowDeselect={false}
              error={err('role')}
              data-testid="person-role"
            />
            <TextInput
              label={t('people.position')}
              value={form.position}
              onChange={(e) => patch({ position: e.currentTarget.value })}
              error={err('position')}
              data-testid="person-position"
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <Select
              label={t('people.workspace')}
              required
              data={places.workspaces}
              value={form.workspaceId || defaultWorkspace || null}
              onChange={(v) => patch({ workspaceId: v ?? '' })}
              allowDeselect={false}
              error={err('workspaceId')}
              data-testid="person-workspace"
            />
            <Select
              label={t('people.department')}
              data={places.departments}
              value={form.departmentId}
              onChange={(v) => patch({ departmentId: v ?? '' })}
              searchable
              error={err('departmentId')}
              data-testid="person-department"
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="person-submit">
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/**
 * Editing a person: the account (users.manage) and the employment (employees.manage), each
 * saved on its own, because they are two permissions and two audited changes.
 */
export function EditPersonDrawer({ person, onClose }: { person: Person | null; onClose: () => void }) {
  return (
    <Drawer opened={person !== null} onClose={onClose} position="right" size="lg" title={person?.fullName}>
      {person && <EditPersonForms key={person.employeeId} person={person} onClose={onClose} />}
    </Drawer>
  )
}

function EditPersonForms({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const error = usePeople((s) => s.formError)
  const saving = usePeople((s) => s.saving)
  const accountSubmitted = usePeople((s) => s.accountSubmitted)
  const employmentSubmitted = usePeople((s) => s.employmentSubmitted)
  const permissions = useAuth((s) => s.status?.user?.permissions ?? [])
  const roles = useRoleOptions()
  const places = usePlaceOptions()
  const [account, setAccount] = useState({
    email: person.email,
    firstName: person.firstName,
    lastName: person.lastName,
    phone: person.phone ?? '',
    role: person.role,
  })
  const [employment, setEmployment] = useState({
    workspaceId: person.workspaceId,
    departmentId: person.departmentId ?? '',
    position: person.position ?? '',
    employeeNumber: person.employeeNumber ?? '',
    hireDate: person.hireDate ?? '',
    status: person.employeeStatus as (typeof employeeStatuses)[number],
  })
  const err = (path: string) => fieldError(error, path)
  // The person's current workspace stays selectable even if it was closed since.
  const workspaceOptions = places.workspaces.some((w) => w.value === person.workspaceId)
    ? places.workspaces
    : [...places.workspaces, { value: person.workspaceId, label: person.workspaceName }]

  return (
    <Stack>
      <FormAlert fields={[...createFields, 'employeeNumber', 'hireDate', 'status']} />
      <Divider label={t('people.account')} labelPosition="left" />
      {permissions.includes('users.manage') ? (
        <form
          data-testid="account-form"
          onSubmit={(e) => {
            e.preventDefault()
            void accountSubmitted(rpc, { userId: person.userId, ...account }).then((done) => done && onClose())
          }}
        >
          <Stack>
            <SimpleGrid cols={2}>
              <TextInput
                label={t('people.lastName')}
                required
                value={account.lastName}
                onChange={(e) => setAccount({ ...account, lastName: e.currentTarget.value })}
                error={err('lastName')}
              />
              <TextInput
                label={t('people.firstName')}
                required
                value={account.firstName}
                onChange={(e) => setAccount({ ...account, firstName: e.currentTarget.value })}
                error={err('firstName')}
              />
            </SimpleGrid>
            <TextInput
              label={t('auth.email')}
              type="email"
              required
              value={account.email}
              onChange={(e) => setAccount({ ...account, email: e.currentTarget.value })}
              error={err('email')}
            />
            <SimpleGrid cols={2}>
              <TextInput
                label={t('people.phone')}
                value={account.phone}
                onChange={(e) => setAccount({ ...account, phone: e.currentTarget.value })}
                error={err('phone')}
              />
              <Select
                label={t('people.role')}
                data={
                  roles.some((r) => r.value === account.role)
                    ? roles
                    : [...roles, { value: account.role, label: t(`roles.${account.role}`) }]
                }
                value={account.role}
                onChange={(v) => setAccount({ ...account, role: (v as OrganizationRole | null) ?? account.role })}
                allowDeselect={false}
                error={err('role')}
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button type="submit" loading={saving} data-testid="account-submit">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Alert icon={<IconLock />} color="gray">
          {t('people.forbidden')}
        </Alert>
      )}
      <Divider label={t('people.employment')} labelPosition="left" />
      {permissions.includes('employees.manage') ? (
        <form
          data-testid="employment-form"
          onSubmit={(e) => {
            e.preventDefault()
            void employmentSubmitted(rpc, {
              employeeId: person.employeeId,
              ...employment,
              departmentId: employment.departmentId || null,
              hireDate: employment.hireDate || null,
            }).then((done) => done && onClose())
          }}
        >
          <Stack>
            <SimpleGrid cols={2}>
              <Select
                label={t('people.workspace')}
                data={workspaceOptions}
                value={employment.workspaceId}
                onChange={(v) => setEmployment({ ...employment, workspaceId: v ?? employment.workspaceId })}
                allowDeselect={false}
                error={err('workspaceId')}
              />
              <Select
                label={t('people.department')}
                data={places.departments}
                value={employment.departmentId}
                onChange={(v) => setEmployment({ ...employment, departmentId: v ?? '' })}
                searchable
                error={err('departmentId')}
              />
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <TextInput
                label={t('people.position')}
                value={employment.position}
                onChange={(e) => setEmployment({ ...employment, position: e.currentTarget.value })}
                error={err('position')}
              />
              <TextInput
                label={t('people.employeeNumber')}
                value={employment.employeeNumber}
                onChange={(e) => setEmployment({ ...employment, employeeNumber: e.currentTarget.value })}
                error={err('employeeNumber')}
              />
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <TextInput
                label={t('people.hireDate')}
                type="date"
                value={employment.hireDate}
                onChange={(e) => setEmployment({ ...employment, hireDate: e.currentTarget.value })}
                error={err('hireDate')}
              />
              <Select
                label={t('people.employeeStatus')}
                data={employeeStatuses.map((s) => ({ value: s, label: t(`people.employeeStatuses.${s}`) }))}
                value={employment.status}
                onChange={(v) =>
                  setEmployment({ ...employment, status: (v as (typeof employeeStatuses)[number] | null) ?? employment.status })
                }
                allowDeselect={false}
                error={err('status')}
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button type="submit" loading={saving} data-testid="employment-submit">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Alert icon={<IconLock />} color="gray">
          {t('people.employmentForbidden')}
        </Alert>
      )}
    </Stack>
  )
}
