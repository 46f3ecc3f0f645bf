import { describe, expect, it, vi } from 'vitest'
import { IPC_INVOKE } from './ipc-channels'
import { registerRpcRelay } from './rpc-relay'
import { hardenWebContents, isAppUrl, isTrustedSender, mainWindowOptions } from './window-security'

const appUrl = 'file:///opt/prometric/resources/app.asar/out/renderer/index.html'

describe('window options', () => {
  it('isolate, sandbox and strip Node from the renderer', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: true,
    })
  })
})

describe('sender check', () => {
  it('trusts only our page’s main frame', () => {
    expect(isTrustedSender({ url: `${appUrl}#/system`, parent: null }, appUrl)).toBe(true)
    expect(isTrustedSender({ url: appUrl, parent: {} as never }, appUrl)).toBe(false) // a sub-frame
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, appUrl)).toBe(false)
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', parent: null }, appUrl)).toBe(false)
    expect(isTrustedSender(null, appUrl)).toBe(false)
  })

  it('accepts the dev server’s origin in development only by exact origin', () => {
    expect(isAppUrl('http://localhost:5173/#/warehouse', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('not a url', 'http://localhost:5173')).toBe(false)
  })
})

describe('web contents hardening', () => {
  function fakeContents() {
    const handlers = new Map<string, (event: { preventDefault(): void }, url?: string) => void>()
    let openHandler: ((d: { url: string }) => { action: string }) | null = null
    return {
      contents: {
        setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
        on: (name: string, h: (event: { preventDefault(): void }, url?: string) => void) => handlers.set(name, h),
      },
      open: (url: string) => openHandler?.({ url }),
      fire(name: string, url?: string) {
        const event = { preventDefault: vi.fn() }
        handlers.get(name)?.(event, url)
        return event.preventDefault.mock.calls.length > 0
      },
    }
  }

  it('denies new windows and hands https links to the OS browser', () => {
    const fake = fakeContents()
    const openExternal = vi.fn()
    hardenWebContents(fake.contents as never, appUrl, openExternal)
    expect(fake.open('https://egov.kz/')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://egov.kz/')
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)
  })

  it('blocks navigation and redirects away from the app, and webviews', () => {
    const fake = fakeContents()
    hardenWebContents(fake.contents as never, appUrl, vi.fn())
    expect(fake.fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(fake.fire('will-navigate', `${appUrl}#/system`)).toBe(false)
    expect(fake.fire('will-redirect', 'http://127.0.0.1:9/')).toBe(true)
    expect(fake.fire('will-attach-webview')).toBe(true)
  })
})

describe('RPC relay', () => {
  function setup() {
    let handler: ((event: unknown, method: unknown, input: unknown) => unknown) | null = null
    const ipcMain = { handle: vi.fn((channel: string, h: typeof handler) => (handler = h)) }
    const target = { invoke: vi.fn(async () => ({ ok: true as const, value: 'answer' })) }
    const log = { warn: vi.fn() }
    registerRpcRelay(ipcMain as never, target, appUrl, log)
    return { ipcMain, target, log, call: (event: unknown, method: unknown, input: unknown) => handler?.(event, method, input) }
  }

  it('forwards calls from our main frame with the window as the connection', async () => {
    const { ipcMain, target, call } = setup()
    expect(ipcMain.handle).toHaveBeenCalledWith(IPC_INVOKE, expect.any(Function))
    const event = { senderFrame: { url: appUrl, parent: null }, sender: { id: 7 } }
    expect(await call(event, 'system.info', {})).toEqual({ ok: true, value: 'answer' })
    expect(target.invoke).toHaveBeenCalledWith(7, 'system.info', {})
  })

  it('refuses calls from a foreign frame before anything reaches the backend', async () => {
    const { target, log, call } = setup()
    const event = { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 7 } }
    expect(await call(event, 'system.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(target.invoke).not.toHaveBeenCalled()
    expect(log.warn).toHaveBeenCalled()
  })

  it('passes a non-string method as empty (the backend answers NOT_FOUND)', async () => {
    const { target, call } = setup()
    await call({ senderFrame: { url: appUrl, parent: null }, sender: { id: 1 } }, { toString: () => 'x' }, {})
    expect(target.invoke).toHaveBeenCalledWith(1, '', {})
  })
})
