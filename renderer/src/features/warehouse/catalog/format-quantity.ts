import type { Locale } from '../../../../../shared/locale'

const tags: Record<Locale, string> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-KZ' }

/**
 * Formats a quantity that travels as a decimal string ('12.500' → '12,5'). The string goes to
 * Intl as is (NumberFormat v3 takes decimal strings exactly), never through a float.
 */
export function formatQuantity(quantity: string, locale: Locale): string {
  return new Intl.NumberFormat(tags[locale], { maximumFractionDigits: 3 }).format(quantity as unknown as number)
}
