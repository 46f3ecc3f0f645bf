import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { type Locale, defaultLocale, locales, toLocale } from '../../../shared/locale'
import { en } from './locales/en'
import { kk } from './locales/kk'
import { ru } from './locales/ru'

const STORAGE_KEY = 'prometric.locale'

/** BCP 47 tags for Intl: the languages as used in Kazakhstan. */
export const intlLocale: Record<Locale, string> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-KZ' }

/** The language a person chose before, or Russian. */
export function rememberedLocale(storage: Pick<Storage, 'getItem'> = window.localStorage): Locale {
  try {
    return toLocale(storage.getItem(STORAGE_KEY))
  } catch {
    return defaultLocale
  }
}

/** Remembers the chosen language for the next start. */
export function rememberLocale(locale: Locale, storage: Pick<Storage, 'setItem'> = window.localStorage): void {
  try {
    storage.setItem(STORAGE_KEY, locale)
  } catch {
    // Storage can be full or disabled; the choice then lasts for this session only.
  }
}

/** Sets up i18next with all three languages bundled (the terminal works offline). */
export async function initI18n(locale: Locale): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { ru: { translation: ru }, kk: { translation: kk }, en: { translation: en } },
    lng: locale,
    fallbackLng: defaultLocale,
    supportedLngs: [...locales],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  })
  document.documentElement.lang = locale
  return i18next
}
