import type { BrowserWindowConstructorOptions, WebContents, WebFrameMain } from 'electron'

/**
 * Options of every app window: the renderer is a web page with no Node, isolated from the
 * preload, sandboxed, and unable to open other windows or run insecure content.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Prometric ERP',
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // The built-in PDF viewer (the only plugin Electron has): printing loads the PDFs the app
      // makes into a hidden frame and opens the print dialog from it.
      plugins: true,
    },
  }
}

/**
 * Is this URL one of our own pages? In a packaged app the renderer is a file inside the app;
 * under `electron-vite dev` it is the dev server's origin.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url)
    const app = new URL(appUrl)
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname
    return target.origin === app.origin
  } catch {
    return false
  }
}

/**
 * Only our own page's main frame may call the backend. A sub-frame (an embedded PDF viewer,
 * say) or a page that navigated elsewhere is refused before any handler runs.
 */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined, appUrl: string): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, appUrl)
}

/**
 * Locks a window's web contents down: no new windows, no navigation away from the app, no
 * webviews. Links meant for the outside world are handed to the caller (the OS browser).
 */
export function hardenWebContents(
  contents: Pick<WebContents, 'setWindowOpenHandler' | 'on'>,
  appUrl: string,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//i.test(url)) openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
