import { contextBridge, ipcRenderer } from 'electron'
import { IPC_EVENT, IPC_INVOKE } from '../main/ipc-channels'

/**
 * The whole bridge: two narrow functions. A generic `ipcRenderer` exposure would let any
 * script in the page reach any channel; these reach exactly the RPC relay and its events.
 */
const bridge = {
  invoke(method: string, input: unknown): Promise<unknown> {
    return ipcRenderer.invoke(IPC_INVOKE, String(method), input)
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    const name = String(event)
    const listener = (_: Electron.IpcRendererEvent, eventName: string, payload: unknown) => {
      if (eventName === name) callback(payload)
    }
    ipcRenderer.on(IPC_EVENT, listener)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, listener)
    }
  },
}

contextBridge.exposeInMainWorld('prometric', bridge)
