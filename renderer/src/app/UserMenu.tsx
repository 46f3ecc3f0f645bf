import { Avatar, Button, Menu, Text } from '@mantine/core'
import { IconLock, IconLogout, IconUserShare } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../features/auth/auth-store'
import { useRpc } from './rpc-context'

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join('')
}

/** Who is signed in, with lock, switch person and sign out. */
export function UserMenu() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const user = useAuth((s) => s.status?.user ?? null)
  const lockRequested = useAuth((s) => s.lockRequested)
  const signOutRequested = useAuth((s) => s.signOutRequested)
  if (!user) return null
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<Avatar size="sm">{initials(user.fullName)}</Avatar>} data-testid="user-menu">
          <Text size="sm" visibleFrom="lg">
            {user.fullName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.email} · {t(`roles.${user.role}`)}
        </Menu.Label>
        <Menu.Item leftSection={<IconLock size={18} />} onClick={() => void lockRequested(rpc)} data-testid="lock-now">
          {t('auth.lockNow')}
        </Menu.Item>
        <Menu.Item leftSection={<IconUserShare size={18} />} onClick={() => void signOutRequested(rpc)}>
          {t('auth.switchPerson')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={18} />} onClick={() => void signOutRequested(rpc)} data-testid="sign-out">
          {t('auth.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
