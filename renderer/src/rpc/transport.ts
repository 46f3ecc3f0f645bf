import type { Result } from '../../../shared/contract'

/**
 * How the renderer reaches the backend. The app gets one of these at start-up (Electron's
 * bridge or web mode's WebSocket) and never knows which.
 */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Result<unknown>>
  on(event: string, callback: (payload: unknown) => void): () => void
  /** Connection state changes (web mode can lose its socket; the desktop bridge cannot). */
  onConnectionChange?(callback: (connected: boolean) => void): () => void
}

/** The two functions the desktop preload exposes as `window.prometric`. */
export interface DesktopBridge {
  invoke(method: string, input: unknown): Promise<unknown>
  on(event: string, callback: (payload: unknown) => void): () => void
}

/** The desktop bridge, if this page runs inside the Electron shell. */
export function desktopBridge(): DesktopBridge | null {
  const candidate = (globalThis as { prometric?: DesktopBridge }).prometric
  return candidate && typeof candidate.invoke === 'function' ? candidate : null
}

/** Wraps the desktop bridge as a transport. */
export function ipcTransport(bridge: DesktopBridge): Transport {
  return {
    invoke: async (method, input) => (await bridge.invoke(method, input)) as Result<unknown>,
    on: (event, callback) => bridge.on(event, callback),
  }
}
