import { Button, EmptyState, Stack, Title } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useNavigation } from '../../app/navigation-store'
import type { ModuleId } from '../../app/modules'
import { moduleIcons } from '../../app/module-icons'

/**
 * A module that is not built yet says so plainly, with what it will hold, instead of showing
 * fake screens.
 */
export function ModulePage({ module }: { module: Exclude<ModuleId, 'system' | 'admin' | 'sync' | 'warehouse'> }) {
  const { t } = useTranslation()
  const moduleChosen = useNavigation((s) => s.moduleChosen)
  const Icon = moduleIcons[module]
  return (
    <Stack gap="lg">
      <Title order={2}>{t(`nav.${module}`)}</Title>
      <EmptyState
        data-testid="module-empty-state"
        icon={<Icon size={36} />}
        variant="light"
        title={t('modules.notYet')}
        description={
          <>
            {t(`modules.${module}`)}
            <br />
            {t('modules.meanwhile')}
          </>
        }
      >
        <Button mt="md" variant="light" leftSection={<IconInfoCircle size={18} />} onClick={() => moduleChosen('system')}>
          {t('modules.openSystem')}
        </Button>
      </EmptyState>
    </Stack>
  )
}
