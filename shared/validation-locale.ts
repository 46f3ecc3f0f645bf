import { z } from 'zod'
import type { Locale } from './locale'

type ErrorMap = z.core.$ZodErrorMap

/** Messages of our own rules (a `rule` parameter on a custom issue), per language. */
const ruleMessages: Record<Locale, Record<string, string>> = {
  ru: {
    bin: 'БИН должен состоять из 12 цифр с верной контрольной цифрой',
    iin: 'ИИН должен состоять из 12 цифр: дата рождения и верная контрольная цифра',
    password: 'Пароль должен содержать буквы и цифры',
    gtin: 'Штрихкод должен быть EAN-13, EAN-8, UPC-A или GTIN-14 с верной контрольной цифрой',
    money: 'Сумма — число не меньше 0, не больше двух знаков после запятой',
  },
  kk: {
    bin: 'БСН дұрыс бақылау цифры бар 12 цифрдан тұруы керек',
    iin: 'ЖСН 12 цифрдан тұруы керек: туған күні және дұрыс бақылау цифры',
    password: 'Құпиясөзде әріптер мен цифрлар болуы керек',
    gtin: 'Штрихкод бақылау цифры дұрыс EAN-13, EAN-8, UPC-A немесе GTIN-14 болуы керек',
    money: 'Сома 0-ден кем емес сан болуы керек, үтірден кейін екі таңбадан аспайды',
  },
  en: {
    bin: 'A BIN is 12 digits with a valid check digit',
    iin: 'An IIN is 12 digits: a birth date and a valid check digit',
    password: 'A password must contain letters and digits',
    gtin: 'A barcode is an EAN-13, EAN-8, UPC-A or GTIN-14 with a valid check digit',
    money: 'An amount is a number of at least 0 with at most two decimals',
  },
}

/** Wraps a language's map so our own rules are worded too. */
function withRules(locale: Locale, base: ErrorMap): ErrorMap {
  return (issue) => {
    const rule = issue.code === 'custom' ? (issue.params as { rule?: string } | undefined)?.rule : undefined
    const message = rule ? ruleMessages[locale][rule] : undefined
    return message ?? base(issue)
  }
}

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
  ru: withRules('ru', z.locales.ru().localeError),
  en: withRules('en', z.locales.en().localeError),
  kk: withRules('kk', kazakh),
}

/** The zod error map that words validation messages in a person's language. */
export function validationErrorMap(locale: Locale): ErrorMap {
  return maps[locale]
}
