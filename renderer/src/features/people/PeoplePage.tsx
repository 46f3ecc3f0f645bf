import { Badge, Button, Code, Modal, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconKey, IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../../shared/format'
import { useRpc } from '../../app/rpc-context'
import { useLocale } from '../../app/use-locale'
import { ErrorAlert } from '../../components/ErrorAlert'
import { almatyTime } from '../../components/almaty-time'
import { usePeople } from './people-store'

/** The organization's people: who they are, their role and status, and a reset code on request. */
export function PeoplePage() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const people = usePeople((s) => s.people)
  const error = usePeople((s) => s.error)
  const issued = usePeople((s) => s.issued)
  const searchChanged = usePeople((s) => s.searchChanged)
  const resetCodeRequested = usePeople((s) => s.resetCodeRequested)
  const codeDismissed = usePeople((s) => s.codeDismissed)
  const [search, setSearch] = useState('')

  useEffect(() => {
    void searchChanged(rpc, search.trim())
  }, [rpc, searchChanged, search])

  return (
    <Stack>
      <TextInput
        leftSection={<IconSearch size={18} />}
        placeholder={t('people.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={420}
      />
      {error && <ErrorAlert error={error} />}
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
          {people.map((p) => (
            <Table.Tr key={p.employeeId} data-testid="person-row">
              <Table.Td>
                {p.fullName}
                {p.position && (
                  <Text size="xs" c="dimmed">
                    {p.position}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{p.email}</Table.Td>
              <Table.Td>{t(`roles.${p.role}`)}</Table.Td>
              <Table.Td>{p.workspaceName}</Table.Td>
              <Table.Td>
                <Badge color={p.userStatus === 'active' && p.employeeStatus === 'active' ? 'green' : 'gray'} variant="light">
                  {p.userStatus === 'active' && p.employeeStatus === 'active' ? t('people.active') : t('people.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td>{p.lastLoginAt ? formatDateTime(almatyTime(p.lastLoginAt), locale) : '—'}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconKey size={16} />}
                  onClick={() => void resetCodeRequested(rpc, p)}
                >
                  {t('people.resetCode')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={issued !== null} onClose={codeDismissed} title={t('people.resetCode')}>
        {issued && (
          <Stack data-testid="reset-code">
            <Text>{t('people.codeFor', { name: issued.fullName, email: issued.email })}</Text>
            <Code fz={28} ta="center" p="md" data-testid="reset-code-value">
              {issued.code}
            </Code>
            <Text size="sm" c="dimmed">
              {t('people.codeValidUntil', { time: formatDateTime(almatyTime(issued.expiresAt), locale) })}
            </Text>
          </Stack>
        )}
      </Modal>
    </Stack>
  )
}
