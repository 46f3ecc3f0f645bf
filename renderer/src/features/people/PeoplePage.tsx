import { ActionIcon, Badge, Button, Code, Group, Menu, Modal, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core'
import {
  IconDots,
  IconKey,
  IconMail,
  IconPencil,
  IconPlayerPlay,
  IconPlayerPause,
  IconPlus,
  IconSearch,
} from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../../shared/format'
import { useRpc } from '../../app/rpc-context'
import { useLocale } from '../../app/use-locale'
import { ErrorAlert } from '../../components/ErrorAlert'
import { almatyTime } from '../../components/almaty-time'
import { useAuth } from '../auth/auth-store'
import { useOrganization } from '../organization/organization-store'
import { EditPersonDrawer, NewPersonModal } from './PersonForms'
import { type Person, usePeople } from './people-store'

/**
 * The organization's people: who they are, their role and status; new people, editing,
 * suspending access, and reset codes shown or sent by email.
 */
export function PeoplePage() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const people = usePeople((s) => s.people)
  const loaded = usePeople((s) => s.loaded)
  const error = usePeople((s) => s.error)
  const issued = usePeople((s) => s.issued)
  const emailed = usePeople((s) => s.emailed)
  const mail = usePeople((s) => s.mail)
  const searchChanged = usePeople((s) => s.searchChanged)
  const mailStatusRequested = usePeople((s) => s.mailStatusRequested)
  const resetCodeRequested = usePeople((s) => s.resetCodeRequested)
  const resetCodeEmailRequested = usePeople((s) => s.resetCodeEmailRequested)
  const accessToggled = usePeople((s) => s.accessToggled)
  const codeDismissed = usePeople((s) => s.codeDismissed)
  const formReset = usePeople((s) => s.formReset)
  const organizationRefreshed = useOrganization((s) => s.refreshed)
  const me = useAuth((s) => s.status?.user?.userId)
  const [search, setSearch] = useState('')
  const [creating, setCreating] = useState(false)
  const [editing, setEditing] = useState<Person | null>(null)

  useEffect(() => {
    void searchChanged(rpc, search.trim())
  }, [rpc, searchChanged, search])

  useEffect(() => {
    void mailStatusRequested(rpc)
    void organizationRefreshed(rpc)
  }, [rpc, mailStatusRequested, organizationRefreshed])

  const mailReason = mail && !mail.available && mail.reason ? t(`people.mailUnavailable.${mail.reason}`) : null

  return (
    <Stack>
      <Group justify="space-between">
        <TextInput
          leftSection={<IconSearch size={18} />}
          placeholder={t('people.search')}
          aria-label={t('people.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={420}
        />
        <Button
          leftSection={<IconPlus size={18} />}
          onClick={() => {
            formReset()
            setCreating(true)
          }}
          data-testid="add-person"
        >
          {t('people.add')}
        </Button>
      </Group>
      {error && <ErrorAlert error={error} />}
      {loaded && people.length === 0 && !error ? (
        <Text c="dimmed" data-testid="people-empty">
          {search.trim() ? t('people.emptySearch') : t('people.empty')}
        </Text>
      ) : (
        <Table striped highlightOnHover data-testid="people-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('people.name')}</Table.Th>
              <Table.Th>{t('auth.email')}</Table.Th>
              <Table.Th>{t('people.role')}</Table.Th>
              <Table.Th>{t('people.workspace')}</Table.Th>
              <Table.Th>{t('people.status')}</Table.Th>
              <Table.Th>{t('people.lastLogin')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((p) => {
              const active = p.userStatus === 'active' && p.employeeStatus === 'active'
              return (
                <Table.Tr key={p.employeeId} data-testid="person-row">
                  <Table.Td>
                    {p.fullName}
                    {(p.position || p.departmentName) && (
                      <Text size="xs" c="dimmed">
                        {[p.position, p.departmentName].filter(Boolean).join(' · ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{p.email}</Table.Td>
                  <Table.Td>{t(`roles.${p.role}`)}</Table.Td>
                  <Table.Td>{p.workspaceName}</Table.Td>
                  <Table.Td>
                    <Badge color={active ? 'green' : 'gray'} variant="light">
                      {p.userStatus === 'suspended' ? t('people.suspended') : active ? t('people.active') : t('people.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{p.lastLoginAt ? formatDateTime(almatyTime(p.lastLoginAt), locale) : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="flex-end">
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button size="xs" variant="light" leftSection={<IconKey size={16} />} data-testid="reset-code-menu">
                            {t('people.resetCode')}
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item
                            leftSection={<IconKey size={16} />}
                            onClick={() => void resetCodeRequested(rpc, p)}
                            data-testid="show-reset-code"
                          >
                            {t('people.showCode')}
                          </Menu.Item>
                          <Menu.Item
                            leftSection={<IconMail size={16} />}
                            disabled={!mail?.available}
                            onClick={() => void resetCodeEmailRequested(rpc, p)}
                            data-testid="email-reset-code"
                          >
                            {t('people.emailCode')}
                            {mailReason && (
                              <Text size="xs" c="dimmed" maw={260} data-testid="mail-unavailable">
                                {mailReason}
                              </Text>
                            )}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Tooltip label={t('people.actions', { name: p.fullName })}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={t('people.actions', { name: p.fullName })}
                              data-testid="person-actions"
                            >
                              <IconDots size={18} />
                            </ActionIcon>
                          </Tooltip>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item
                            leftSection={<IconPencil size={16} />}
                            onClick={() => {
                              formReset()
                              setEditing(p)
                            }}
                            data-testid="edit-person"
                          >
                            {t('common.edit')}
                          </Menu.Item>
                          {p.userId !== me && (
                            <Menu.Item
                              leftSection={
                                p.userStatus === 'active' ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />
                              }
                              color={p.userStatus === 'active' ? 'red' : undefined}
                              onClick={() => void accessToggled(rpc, p)}
                              data-testid="toggle-access"
                            >
                              {p.userStatus === 'active' ? t('people.suspend') : t('people.activate')}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      )}
      <NewPersonModal key={String(creating)} opened={creating} onClose={() => setCreating(false)} />
      <EditPersonDrawer person={editing} onClose={() => setEditing(null)} />
      <Modal opened={issued !== null || emailed !== null} onClose={codeDismissed} title={t('people.resetCode')}>
        {issued && (
          <Stack data-testid="reset-code">
            <Text>
              {issued.isNew
                ? t('people.firstCodeFor', { name: issued.fullName, email: issued.email })
                : t('people.codeFor', { name: issued.fullName, email: issued.email })}
            </Text>
            <Code fz={28} ta="center" p="md" data-testid="reset-code-value">
              {issued.code}
            </Code>
            <Text size="sm" c="dimmed">
              {t('people.codeValidUntil', { time: formatDateTime(almatyTime(issued.expiresAt), locale) })}
            </Text>
          </Stack>
        )}
        {emailed && (
          <Text data-testid="reset-code-emailed">
            {t('people.codeSent', { email: emailed.sentTo, time: formatDateTime(almatyTime(emailed.expiresAt), locale) })}
          </Text>
        )}
      </Modal>
    </Stack>
  )
}
