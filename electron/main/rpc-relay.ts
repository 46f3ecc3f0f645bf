import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Result } from '../../shared/contract'
import { IPC_INVOKE } from './ipc-channels'
import { isTrustedSender } from './window-security'

/** What the relay forwards calls to (the backend host). */
export interface CallTarget {
  invoke(connectionId: number, method: string, input: unknown): Promise<Result<unknown>>
}

/**
 * Registers the one IPC handler of the app. Each call is checked before it reaches the
 * backend: it must come from our own page's main frame; the method name must be a string.
 * The window's webContents id is the connection, so sessions stay per window.
 */
export function registerRpcRelay(
  ipcMain: Pick<IpcMain, 'handle'>,
  target: CallTarget,
  appUrl: string,
  log: { warn(message: string): void },
): void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, appUrl)) {
      log.warn(`refused IPC from untrusted frame ${event.senderFrame?.url ?? '(gone)'}`)
      const refused: Result<never> = {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the app itself.' },
      }
      return refused
    }
    return target.invoke(event.sender.id, typeof method === 'string' ? method : '', input)
  })
}
