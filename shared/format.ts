import type { Locale } from './locale'

/** BCP 47 tags for Intl: the app's languages as used in Kazakhstan. */
const intlTag: Record<Locale, string> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-KZ' }

/** The business time zone (UTC+5 for the whole country since 2024-03-01). */
export const BUSINESS_TIME_ZONE = 'Asia/Almaty'

/**
 * Formats an amount of tenge. Amounts travel as decimal strings and are handed to Intl as
 * strings, so 0.1 + 0.2 never shows up as 0.30000000000000004.
 */
export function formatMoney(amount: string, locale: Locale, currency = 'KZT'): string {
  return new Intl.NumberFormat(intlTag[locale], { style: 'currency', currency, minimumFractionDigits: 2 }).format(
    amount as unknown as number, // Intl.NumberFormat v3 takes decimal strings exactly
  )
}

/** Formats a date and time in Kazakhstan's time zone. */
export function formatDateTime(iso: string | Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: BUSINESS_TIME_ZONE,
  }).format(typeof iso === 'string' ? new Date(iso) : iso)
}

/** Formats a byte count with the largest fitting unit. */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return new Intl.NumberFormat(intlTag[locale], {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value)
}

/** Formats a plain number (quantities, durations). */
export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 3): string {
  return new Intl.NumberFormat(intlTag[locale], { maximumFractionDigits }).format(value)
}
