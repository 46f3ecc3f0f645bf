/**
 * The database keeps TIMESTAMP columns as Asia/Almaty wall-clock time without an offset
 * (`2026-11-25 03:09:12.345`); this gives the instant, for Intl to format in any locale.
 */
export function almatyTime(wallClock: string): string {
  return `${wallClock.replace(' ', 'T')}+05:00`
}
