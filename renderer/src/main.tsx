import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppRoot } from './app/AppRoot'
import { NoTokenPage } from './app/NoTokenPage'
import { RpcProvider } from './app/rpc-context'
import { theme } from './app/theme'
import { initI18n, rememberedLocale } from './i18n'
import { connectToBackend } from './rpc/connect'

const colorSchemeManager = localStorageColorSchemeManager({ key: 'prometric.colorScheme' })

async function boot() {
  await initI18n(rememberedLocale())
  const connection = connectToBackend()
  const root = createRoot(document.getElementById('root') as HTMLElement)
  root.render(
    <StrictMode>
      <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="light">
        <Notifications position="top-right" />
        {'reason' in connection ? (
          <NoTokenPage />
        ) : (
          <RpcProvider value={connection}>
            <AppRoot />
          </RpcProvider>
        )}
      </MantineProvider>
    </StrictMode>,
  )
}

void boot()
