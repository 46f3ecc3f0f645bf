import { Alert, Stack, Tabs, Title } from '@mantine/core'
import { IconBuildingWarehouse, IconHistory, IconLock, IconSettings, IconSitemap, IconUsers } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../auth/auth-store'
import { AuditPage } from '../audit/AuditPage'
import { DepartmentsPage } from '../organization/DepartmentsPage'
import { WorkspacesPage } from '../organization/WorkspacesPage'
import { PeoplePage } from '../people/PeoplePage'
import { SettingsPage } from '../settings/SettingsPage'

/** A tab's content, or why this person cannot see it. */
function Guarded({ allowed, reason, children }: { allowed: boolean; reason: string; children: ReactNode }) {
  return allowed ? (
    children
  ) : (
    <Alert icon={<IconLock />} color="gray">
      {reason}
    </Alert>
  )
}

/**
 * Administration: people (accounts and employment), departments, workspaces, the
 * organization's settings and the audit trail. Tabs follow the person's permissions; the
 * backend checks them again on every call.
 */
export function AdminPage() {
  const { t } = useTranslation()
  const permissions = useAuth((s) => s.status?.user?.permissions ?? [])
  const can = (permission: string) => permissions.includes(permission)
  return (
    <Stack>
      <Title order={2}>{t('nav.admin')}</Title>
      {/* Panels mount when opened, so each tab reads its data when it is looked at. */}
      <Tabs defaultValue={can('users.manage') ? 'people' : 'departments'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="people" leftSection={<IconUsers size={18} />} data-testid="tab-people">
            {t('people.title')}
          </Tabs.Tab>
          <Tabs.Tab value="departments" leftSection={<IconSitemap size={18} />} data-testid="tab-departments">
            {t('departments.title')}
          </Tabs.Tab>
          <Tabs.Tab value="workspaces" leftSection={<IconBuildingWarehouse size={18} />} data-testid="tab-workspaces">
            {t('workspaces.title')}
          </Tabs.Tab>
          <Tabs.Tab value="settings" leftSection={<IconSettings size={18} />} data-testid="tab-settings">
            {t('settings.title')}
          </Tabs.Tab>
          <Tabs.Tab value="audit" leftSection={<IconHistory size={18} />} data-testid="tab-audit">
            {t('audit.title')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="people" pt="md">
          <Guarded allowed={can('users.manage')} reason={t('people.forbidden')}>
            <PeoplePage />
          </Guarded>
        </Tabs.Panel>
        <Tabs.Panel value="departments" pt="md">
          <DepartmentsPage canManage={can('org.manage')} />
        </Tabs.Panel>
        <Tabs.Panel value="workspaces" pt="md">
          <WorkspacesPage canManage={can('org.manage')} />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <Guarded allowed={can('settings.manage')} reason={t('settings.forbidden')}>
            <SettingsPage />
          </Guarded>
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <Guarded allowed={can('audit.read')} reason={t('audit.forbidden')}>
            <AuditPage />
          </Guarded>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
