import { type Issue, RpcFailure } from '../../../shared/contract'
import type { Locale } from '../../../shared/locale'

/** Messages of the catalog's refusals, in the three languages; `{name}` placeholders. */
const catalogMessages = {
  productNotFound: {
    ru: 'Такого товара нет в вашей организации.',
    kk: 'Ұйымыңызда мұндай тауар жоқ.',
    en: 'No such product in your organization.',
  },
  categoryNotFound: {
    ru: 'Такой категории нет в вашей организации.',
    kk: 'Ұйымыңызда мұндай санат жоқ.',
    en: 'No such category in your organization.',
  },
  categoryInactive: {
    ru: 'Категория «{name}» отключена: выберите действующую.',
    kk: '«{name}» санаты өшірілген: белсенді санатты таңдаңыз.',
    en: 'The category “{name}” is deactivated: choose an active one.',
  },
  productCodeTaken: {
    ru: 'Код {code} уже присвоен товару «{name}».',
    kk: '{code} коды «{name}» тауарына берілген.',
    en: 'The code {code} is already used by the product “{name}”.',
  },
  barcodeTaken: {
    ru: 'Штрихкод {barcode} уже назначен товару «{name}» ({code}).',
    kk: '{barcode} штрихкоды «{name}» ({code}) тауарына тағайындалған.',
    en: 'The barcode {barcode} is already assigned to the product “{name}” ({code}).',
  },
  vatRateMissing: {
    ru: 'На сегодня нет действующей ставки НДС для категории «{category}»: выберите другую.',
    kk: '«{category}» санаты үшін бүгінгі күнге жарамды ҚҚС мөлшерлемесі жоқ: басқасын таңдаңыз.',
    en: 'No VAT rate is in force today for the category “{category}”: choose another.',
  },
  categoryCycle: {
    ru: 'Категорию «{name}» нельзя поместить в саму себя или в её подкатегорию.',
    kk: '«{name}» санатын өзіне немесе өзінің ішкі санатына орналастыруға болмайды.',
    en: 'The category “{name}” cannot be placed inside itself or one of its sub-categories.',
  },
  productInUse: {
    ru: 'У товара «{name}» есть движения, заказы или спецификации: его нельзя удалить. Сделайте его неактивным или снимите с производства.',
    kk: '«{name}» тауарының қозғалыстары, тапсырыстары немесе спецификациялары бар: оны жоюға болмайды. Оны белсенсіз етіңіз немесе өндірістен алыңыз.',
    en: 'The product “{name}” has stock movements, orders or BOMs and cannot be deleted. Deactivate or discontinue it instead.',
  },
} satisfies Record<string, Record<Locale, string>>

/** One catalog message's key. */
export type CatalogMessageKey = keyof typeof catalogMessages

/** A catalog message in a language with its placeholders filled in. */
export function catalogMessage(locale: Locale, key: CatalogMessageKey, params: Record<string, string | number> = {}): string {
  return catalogMessages[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}

/** A typed refusal naming the field a person must fix, worded in their language. */
export function catalogRefusal(
  code: 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION',
  locale: Locale,
  field: string | Issue['path'],
  key: CatalogMessageKey,
  params: Record<string, string | number> = {},
): RpcFailure {
  const text = catalogMessage(locale, key, params)
  return new RpcFailure(code, text, [{ path: Array.isArray(field) ? field : [field], message: text }])
}
