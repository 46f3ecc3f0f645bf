import { Alert, Center } from '@mantine/core'
import { IconKey } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'

/** Web mode opened without its access key: say where to get it. */
export function NoTokenPage() {
  const { t } = useTranslation()
  return (
    <Center h="100vh" p="lg">
      <Alert icon={<IconKey />} title={t('errors.noTokenTitle')} color="orange" maw={560} data-testid="no-token">
        {t('errors.noToken')}
      </Alert>
    </Center>
  )
}
