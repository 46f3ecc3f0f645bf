/** The languages of the app; Russian first. */
export const locales = ['ru', 'kk', 'en'] as const

/** One of {@link locales}. */
export type Locale = (typeof locales)[number]

/** The language used when nothing else is known. */
export const defaultLocale: Locale = 'ru'

/** Narrows an unknown value to a locale, falling back to Russian. */
export function toLocale(value: unknown): Locale {
  return (locales as readonly unknown[]).includes(value) ? (value as Locale) : defaultLocale
}
