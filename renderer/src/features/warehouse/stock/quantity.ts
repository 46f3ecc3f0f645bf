import type { Locale } from '../../../../../shared/locale'

const tags: Record<Locale, string> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-KZ' }

/**
 * Formats a quantity that travels as a decimal string ("12.500" → "12,5"). The string goes to
 * Intl as it is (Intl.NumberFormat v3 formats decimal strings exactly), never through a float.
 */
export function formatQuantity(quantity: string, locale: Locale): string {
  return new Intl.NumberFormat(tags[locale], { maximumFractionDigits: 3 }).format(quantity as unknown as number)
}

/** A signed variance: "+1", "−2,5", "0". */
export function formatVariance(variance: string, locale: Locale): string {
  const text = formatQuantity(variance.replace(/^-/, ''), locale)
  if (/^-/.test(variance) && /[1-9]/.test(variance)) return `−${text}`
  return /[1-9]/.test(variance) ? `+${text}` : text
}
