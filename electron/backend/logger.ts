/** What the backend logs through; files in the app, silence or memory in tests. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void
  info(message: string, ...details: unknown[]): void
  warn(message: string, ...details: unknown[]): void
  error(message: string, ...details: unknown[]): void
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

/** A logger that keeps lines in memory, for tests that assert what was logged. */
export function memoryLogger(): Logger & { lines: { level: string; message: string; details: unknown[] }[] } {
  const lines: { level: string; message: string; details: unknown[] }[] = []
  const at =
    (level: string) =>
    (message: string, ...details: unknown[]) => {
      lines.push({ level, message, details })
    }
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
