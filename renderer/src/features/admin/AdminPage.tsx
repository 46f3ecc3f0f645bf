import { Alert, Stack, Tabs, Title } from '@mantine/core'
import { IconHistory, IconLock, IconUsers } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../auth/auth-store'
import { AuditPage } from '../audit/AuditPage'
import { PeoplePage } from '../people/PeoplePage'

/** Administration: the audit trail now; users, employees and workspaces join it. */
export function AdminPage() {
  const { t } = useTranslation()
  const permissions = useAuth((s) => s.status?.user?.permissions ?? [])
  const canReadAudit = permissions.includes('audit.read')
  const canManageUsers = permissions.includes('users.manage')
  return (
    <Stack>
      <Title order={2}>{t('nav.admin')}</Title>
      <Tabs defaultValue={canManageUsers ? 'people' : 'audit'}>
        <Tabs.List>
          <Tabs.Tab value="people" leftSection={<IconUsers size={18} />} data-testid="tab-people">
            {t('people.title')}
          </Tabs.Tab>
          <Tabs.Tab value="audit" leftSection={<IconHistory size={18} />} data-testid="tab-audit">
            {t('audit.title')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="people" pt="md">
          {canManageUsers ? (
            <PeoplePage />
          ) : (
            <Alert icon={<IconLock />} color="gray">
              {t('people.forbidden')}
            </Alert>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          {canReadAudit ? (
            <AuditPage />
          ) : (
            <Alert icon={<IconLock />} color="gray">
              {t('audit.forbidden')}
            </Alert>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
