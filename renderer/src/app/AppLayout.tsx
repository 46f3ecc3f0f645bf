import {
  ActionIcon,
  AppShell,
  Badge,
  Burger,
  Group,
  NavLink,
  SegmentedControl,
  Text,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { IconMoon, IconPlugConnected, IconPlugConnectedX, IconSun } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Locale, locales } from '../../../shared/locale'
import { AdminPage } from '../features/admin/AdminPage'
import { ModulePage } from '../features/modules/ModulePage'
import { useSetup } from '../features/setup/setup-store'
import { SyncIndicator } from '../features/sync/SyncIndicator'
import { SyncPage } from '../features/sync/SyncPage'
import { SystemPage } from '../features/system/SystemPage'
import { WarehousePage } from '../features/warehouse/WarehousePage'
import { rememberLocale } from '../i18n'
import { moduleIcons } from './module-icons'
import { UserMenu } from './UserMenu'
import { moduleIds } from './modules'
import { useNavigation } from './navigation-store'
import { useRpc } from './rpc-context'
import { useLocale } from './use-locale'

const localeLabels: Record<Locale, string> = { ru: 'РУС', kk: 'ҚАЗ', en: 'ENG' }

/** The frame of the app: header, module navigation, and the current module. */
export function AppLayout() {
  const { t, i18n } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const [navOpened, { toggle: toggleNav }] = useDisclosure()
  const module = useNavigation((s) => s.module)
  const moduleChosen = useNavigation((s) => s.moduleChosen)
  const { setColorScheme } = useMantineColorScheme()
  const scheme = useComputedColorScheme('light')
  const [connected, setConnected] = useState(true)
  const mode = useSetup((s) => s.status?.mode ?? null)
  const organizationName = useSetup((s) => s.status?.organizationName ?? null)

  useEffect(() => rpc.onConnectionChange(setConnected), [rpc])
  useEffect(
    () =>
      rpc.on('system.notice', (notice) =>
        notifications.show({
          color: notice.level === 'error' ? 'red' : notice.level === 'warning' ? 'orange' : 'blue',
          message: i18n.exists(`notices.${notice.code}`) ? t(`notices.${notice.code}`) : notice.message,
          autoClose: notice.level === 'info' ? 5000 : false,
        }),
      ),
    [rpc, t, i18n],
  )
  // The backend words its messages in the person's language too.
  useEffect(() => {
    void rpc.call('system.setLocale', { locale })
  }, [rpc, locale, connected])

  const changeLocale = (value: string) => {
    const next = value as Locale
    rememberLocale(next)
    document.documentElement.lang = next
    void i18n.changeLanguage(next)
  }

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNav')} />
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="md">
              {organizationName ?? t('app.tagline')}
            </Text>
            {mode === 'demo' && (
              <Badge color="orange" variant="light" data-testid="demo-badge">
                {t('setup.demoBadge')}
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SyncIndicator />
            <Tooltip label={connected ? t('header.connected') : t('header.disconnected')}>
              <span
                data-testid="connection-state"
                data-connected={connected}
                aria-label={connected ? t('header.connected') : t('header.disconnected')}
              >
                {connected ? (
                  <IconPlugConnected color="var(--mantine-color-green-6)" />
                ) : (
                  <IconPlugConnectedX color="var(--mantine-color-red-6)" />
                )}
              </span>
            </Tooltip>
            <SegmentedControl
              aria-label={t('header.language')}
              data-testid="language-switch"
              value={locale}
              onChange={changeLocale}
              data={locales.map((l) => ({ value: l, label: localeLabels[l] }))}
            />
            <UserMenu />
            <Tooltip label={scheme === 'dark' ? t('header.light') : t('header.dark')}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={t('header.colorScheme')}
                data-testid="color-scheme-toggle"
                onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
              >
                {scheme === 'dark' ? <IconSun size={20} /> : <IconMoon size={20} />}
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        {moduleIds.map((id) => {
          const Icon = moduleIcons[id]
          return (
            <NavLink
              key={id}
              component="button"
              data-testid={`nav-${id}`}
              active={module === id}
              label={t(`nav.${id}`)}
              leftSection={<Icon size={22} />}
              onClick={() => {
                moduleChosen(id)
                if (navOpened) toggleNav()
              }}
              styles={{ root: { borderRadius: 'var(--mantine-radius-md)', minHeight: 48 } }}
            />
          )
        })}
      </AppShell.Navbar>

      <AppShell.Main id="main">
        {module === 'system' ? (
          <SystemPage />
        ) : module === 'admin' ? (
          <AdminPage />
        ) : module === 'sync' ? (
          <SyncPage />
        ) : module === 'warehouse' ? (
          <WarehousePage />
        ) : (
          <ModulePage module={module} />
        )}
      </AppShell.Main>
    </AppShell>
  )
}
