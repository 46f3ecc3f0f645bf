import { type RpcClient, createRpcClient } from './client'
import { desktopBridge, ipcTransport } from './transport'
import { wsTransport } from './ws-transport'

const TOKEN_KEY = 'prometric.webToken'

/** Why the app could not reach a backend at start-up. */
export type ConnectFailure = { reason: 'no-token' }

/**
 * Picks the transport once at start-up: the desktop bridge if the preload exposed it,
 * otherwise web mode's socket. The web token arrives in the URL fragment (never sent to the
 * server) and moves to sessionStorage so a reload keeps working and the address bar is clean.
 */
export function connectToBackend(
  location: Location = window.location,
  storage: Storage = window.sessionStorage,
): RpcClient | ConnectFailure {
  const bridge = desktopBridge()
  if (bridge) return createRpcClient(ipcTransport(bridge))

  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash)
    window.history.replaceState(null, '', `${location.pathname}${location.search}#/`)
  }
  const token = fromHash ?? storage.getItem(TOKEN_KEY)
  if (!token) return { reason: 'no-token' }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return createRpcClient(wsTransport({ url: `${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}` }))
}
