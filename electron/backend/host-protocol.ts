/** The messages between the Electron main process and the backend running in its utility process. */
import type { ServerFrame } from '../../shared/rpc-protocol'

/** Messages from the main process to the backend utility process. */
export type ToBackend =
  | {
      type: 'start'
      dataDir: string
      logsDir: string
      appVersion: string
      vaultProtection: 'os-keychain' | 'file'
      /** The app's resources folder (the RDS CA bundle). */
      resourcesDir?: string
    }
  | { type: 'vault.reply'; id: number; value?: string | null; error?: string }
  | { type: 'frame'; connectionId: number; frame: unknown }
  | { type: 'disconnect'; connectionId: number }
  | { type: 'shutdown' }

/** Messages from the backend utility process to the main process. */
export type FromBackend =
  | { type: 'ready' }
  | { type: 'fatal'; code: 'LOCKED' | 'NOT_WRITABLE' | 'START_FAILED'; message: string }
  | { type: 'frame'; connectionId: number; frame: ServerFrame }
  | { type: 'closed' }
  /** The backend asks the main process for a secret (main holds the OS keychain). */
  | { type: 'vault'; id: number; op: 'get' | 'set'; name: string; value?: string }
