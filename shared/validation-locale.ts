import { z } from 'zod'
import type { Locale } from './locale'

type ErrorMap = z.core.$ZodErrorMap

/**
 * Kazakh messages for the validation problems people actually meet. zod ships Russian and
 * English but not Kazakh; anything not covered here falls back to Russian, which every
 * Kazakh-speaking clerk also reads.
 */
const kazakh: ErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? 'Міндетті өріс' : 'Мән түрі дұрыс емес'
    case 'too_small':
      return issue.origin === 'string'
        ? `Кемінде ${String(issue.minimum)} таңба болуы керек`
        : `Мән ${String(issue.minimum)} мәнінен кем болмауы керек`
    case 'too_big':
      return issue.origin === 'string'
        ? `Ең көбі ${String(issue.maximum)} таңба болуы керек`
        : `Мән ${String(issue.maximum)} мәнінен аспауы керек`
    case 'invalid_format':
      return 'Пішімі дұрыс емес'
    case 'invalid_value':
      return 'Рұқсат етілмеген мән'
    case 'unrecognized_keys':
      return `Белгісіз өрістер: ${issue.keys.join(', ')}`
    case 'not_multiple_of':
      return `Мән ${String(issue.divisor)} еселігі болуы керек`
    default:
      return z.locales.ru().localeError(issue)
  }
}

const maps: Record<Locale, ErrorMap> = {
  ru: z.locales.ru().localeError,
  en: z.locales.en().localeError,
  kk: kazakh,
}

/** The zod error map that words validation messages in a person's language. */
export function validationErrorMap(locale: Locale): ErrorMap {
  return maps[locale]
}
