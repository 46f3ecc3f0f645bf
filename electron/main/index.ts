import { BrowserWindow, Menu, app, dialog, ipcMain, safeStorage, session, shell, utilityProcess } from 'electron'
import log from 'electron-log/main'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BackendHost } from './backend-host'
import { IPC_EVENT } from './ipc-channels'
import { keychainVault } from './keychain-vault'
import { registerRpcRelay } from './rpc-relay'
import { hardenWebContents, mainWindowOptions } from './window-security'

const here = path.dirname(fileURLToPath(import.meta.url))

// One terminal, one window set: a second launch focuses the first instead of opening the same
// data folder twice.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void runApp()
}

/** `--data-dir <folder>` on the command line, else the per-user folder. */
function dataDirFromArgs(argv: string[]): string {
  const i = argv.indexOf('--data-dir')
  const given = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length)
  return path.resolve(given ?? path.join(app.getPath('userData'), 'terminal'))
}

async function runApp() {
  const logsDir = path.join(app.getPath('userData'), 'logs')
  log.transports.file.resolvePathFn = () => path.join(logsDir, 'main.log')
  log.transports.file.maxSize = 5 * 1024 * 1024
  log.errorHandler.startCatching({ showDialog: false })

  const rendererUrl = process.env.ELECTRON_RENDERER_URL
  const appUrl = !app.isPackaged && rendererUrl ? rendererUrl : `file://${path.join(here, '../renderer/index.html')}`
  const windows = new Set<BrowserWindow>()

  await app.whenReady()
  const vault = await keychainVault(path.join(app.getPath('userData'), 'secrets'), safeStorage)
  if (vault.protection === 'file') log.warn('OS keychain unavailable: secrets are protected by file permissions only')
  const host = new BackendHost({
    vault,
    fork: () => utilityProcess.fork(path.join(here, 'backend.js'), [], { serviceName: 'Prometric backend', stdio: 'inherit' }),
    start: {
      type: 'start',
      dataDir: dataDirFromArgs(process.argv),
      logsDir,
      appVersion: app.getVersion(),
      vaultProtection: vault.protection,
      // Packaged: electron-builder's extraResources; in development: the project's folder.
      resourcesDir: app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources'),
    },
    onEvent: (connectionId, name, payload) => {
      for (const win of windows) {
        if (win.isDestroyed()) continue
        if (connectionId === -1 || win.webContents.id === connectionId) win.webContents.send(IPC_EVENT, name, payload)
      }
    },
    onFatal: (code, message) => {
      log.error(`backend fatal ${code}: ${message}`)
      dialog.showErrorBox('Prometric ERP', message)
      if (code !== 'CRASH_LOOP') app.quit()
    },
    log,
  })

  registerRpcRelay(ipcMain, host, appUrl, log)

  Menu.setApplicationMenu(null)
  // Nothing in the app needs the camera, microphone, notifications or geolocation.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  host.start()

  const openWindow = () => {
    const win = new BrowserWindow(mainWindowOptions(path.join(here, '../preload/index.cjs')))
    windows.add(win)
    const connectionId = win.webContents.id
    hardenWebContents(win.webContents, appUrl, (url) => void shell.openExternal(url))
    win.once('ready-to-show', () => win.show())
    win.on('closed', () => {
      windows.delete(win)
      host.disconnect(connectionId)
    })
    void win.loadURL(appUrl)
    return win
  }

  app.on('second-instance', () => {
    const [win] = windows
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  app.on('activate', () => {
    if (windows.size === 0) openWindow()
  })
  app.on('window-all-closed', () => app.quit())
  let quitting = false
  app.on('before-quit', (event) => {
    if (quitting) return
    event.preventDefault()
    quitting = true
    void host.stop().finally(() => app.quit())
  })
  openWindow()
}
