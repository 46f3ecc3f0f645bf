import { Alert, Stack, Tabs, Title } from '@mantine/core'
import { IconHistory, IconLock } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../auth/auth-store'
import { AuditPage } from '../audit/AuditPage'

/** Administration: the audit trail now; users, employees and workspaces join it. */
export function AdminPage() {
  const { t } = useTranslation()
  const permissions = useAuth((s) => s.status?.user?.permissions ?? [])
  const canReadAudit = permissions.includes('audit.read')
  return (
    <Stack>
      <Title order={2}>{t('nav.admin')}</Title>
      <Tabs defaultValue="audit">
        <Tabs.List>
          <Tabs.Tab value="audit" leftSection={<IconHistory size={18} />} data-testid="tab-audit">
            {t('audit.title')}
          </Tabs.Tab>
        </Tabs.List>
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
