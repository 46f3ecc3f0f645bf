import { useTranslation } from 'react-i18next'
import { type Locale, toLocale } from '../../../shared/locale'

/** The current UI language as one of ours. */
export function useLocale(): Locale {
  const { i18n } = useTranslation()
  return toLocale(i18n.language)
}
