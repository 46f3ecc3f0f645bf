import os from 'node:os'
import path from 'node:path'

/** The folder name of our per-user data, the same one Electron's `userData` uses. */
export const APP_FOLDER = 'Prometric ERP'

/**
 * Per-user data folder when no --data-dir is given, matching where Electron keeps the
 * desktop app's data, so web mode and the desktop app can be pointed at each other's folder.
 */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER)
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_FOLDER)
}
