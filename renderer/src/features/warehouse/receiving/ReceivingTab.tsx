import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** Scaffold: replaced by the real screen in this branch before it lands. */
export function ReceivingTab() {
  const { t } = useTranslation()
  return <Text c="dimmed">{t('modules.notYet')}</Text>
}
