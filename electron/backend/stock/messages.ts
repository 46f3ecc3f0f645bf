import { type Issue, RpcFailure } from '../../../shared/contract'
import type { Locale } from '../../../shared/locale'

/**
 * What the stock handlers tell people, in the three languages. Kept beside the handlers (not in
 * the shared backend catalog) so the warehouse areas built in parallel do not edit one file.
 * Each names the line and what to do.
 */
const catalog = {
  productNotFound: {
    ru: 'Товар с кодом «{code}» не найден',
    kk: '«{code}» коды бар тауар табылмады',
    en: 'No product has the code “{code}”',
  },
  productInactive: {
    ru: 'Строка {line}: товар «{name}» не активен (снят с продажи или отключён)',
    kk: '{line}-жол: «{name}» тауары белсенді емес (сатылымнан алынған немесе өшірілген)',
    en: 'Line {line}: product “{name}” is not active (discontinued or inactive)',
  },
  productUnknown: {
    ru: 'Строка {line}: товар не найден',
    kk: '{line}-жол: тауар табылмады',
    en: 'Line {line}: product not found',
  },
  duplicateProduct: {
    ru: 'Строка {line}: товар «{name}» уже есть в строке {first}',
    kk: '{line}-жол: «{name}» тауары {first}-жолда бар',
    en: 'Line {line}: product “{name}” is already on line {first}',
  },
  countNotFound: { ru: 'Инвентаризация не найдена', kk: 'Түгендеу табылмады', en: 'Stock count not found' },
  countLineNotFound: {
    ru: 'Позиция инвентаризации не найдена',
    kk: 'Түгендеу позициясы табылмады',
    en: 'Stock count item not found',
  },
  countWrongStatus: {
    ru: 'Инвентаризация {number} в статусе «{status}»: действие «{action}» невозможно',
    kk: '{number} түгендеуі «{status}» күйінде: «{action}» әрекеті мүмкін емес',
    en: 'Stock count {number} is “{status}”: cannot {action}',
  },
  notInCount: {
    ru: 'Товар «{name}» не входит в инвентаризацию {number}',
    kk: '«{name}» тауары {number} түгендеуіне кірмейді',
    en: 'Product “{name}” is not part of stock count {number}',
  },
  uncountedLines: {
    ru: 'Не посчитано позиций: {count} (первая — «{name}»). Посчитайте их или отметьте «не найдено»',
    kk: 'Саналмаған позициялар: {count} (біріншісі — «{name}»). Оларды санаңыз немесе «табылмады» деп белгілеңіз',
    en: '{count} items not counted (first: “{name}”). Count them or mark them “not found”',
  },
  nothingCounted: {
    ru: 'В инвентаризации ничего не посчитано',
    kk: 'Түгендеуде ештеңе саналмаған',
    en: 'Nothing has been counted in this stock count',
  },
  categoryRequired: {
    ru: 'Выберите категорию',
    kk: 'Санатты таңдаңыз',
    en: 'Choose a category',
  },
  categoryNotFound: { ru: 'Категория не найдена', kk: 'Санат табылмады', en: 'Category not found' },
  productsRequired: {
    ru: 'Добавьте хотя бы один товар в список',
    kk: 'Тізімге кемінде бір тауар қосыңыз',
    en: 'Add at least one product to the list',
  },
  emptyScope: {
    ru: 'В выбранной области нет учитываемых товаров',
    kk: 'Таңдалған аумақта есепке алынатын тауарлар жоқ',
    en: 'There are no stocked products in the chosen scope',
  },
  transferNotFound: { ru: 'Перемещение не найдено', kk: 'Орын ауыстыру табылмады', en: 'Transfer not found' },
  transferWrongStatus: {
    ru: 'Перемещение {number} в статусе «{status}»: действие «{action}» невозможно',
    kk: '{number} орын ауыстыруы «{status}» күйінде: «{action}» әрекеті мүмкін емес',
    en: 'Transfer {number} is “{status}”: cannot {action}',
  },
  transferSameWorkspace: {
    ru: 'Склад назначения совпадает со складом отправки',
    kk: 'Баратын қойма жөнелтетін қоймамен бірдей',
    en: 'The destination is the workspace the goods leave from',
  },
  transferNotHere: {
    ru: 'Перемещение {number} отправляется со склада «{workspace}»: отгрузить его можно только там',
    kk: '{number} орын ауыстыруы «{workspace}» қоймасынан жөнелтіледі: оны тек сонда жөнелтуге болады',
    en: 'Transfer {number} leaves from “{workspace}”: it can only be shipped there',
  },
  transferNotForHere: {
    ru: 'Перемещение {number} идёт на склад «{workspace}»: принять его можно только там',
    kk: '{number} орын ауыстыруы «{workspace}» қоймасына барады: оны тек сонда қабылдауға болады',
    en: 'Transfer {number} goes to “{workspace}”: it can only be received there',
  },
  insufficientStock: {
    ru: 'Строка {line}: «{name}» — на складе доступно {available}, требуется {needed}',
    kk: '{line}-жол: «{name}» — қоймада {available} қолжетімді, {needed} қажет',
    en: 'Line {line}: “{name}” — {available} available, {needed} needed',
  },
  receiveLineUnknown: {
    ru: 'Строка {line}: такой позиции нет в перемещении',
    kk: '{line}-жол: орын ауыстыруда мұндай позиция жоқ',
    en: 'Line {line}: the transfer has no such item',
  },
  orderNotFound: {
    ru: 'Заказ «{number}» не найден на этом складе',
    kk: '«{number}» тапсырысы бұл қоймада табылмады',
    en: 'Order “{number}” was not found in this workspace',
  },
  originalNotFound: {
    ru: 'Исходный заказ не найден на этом складе',
    kk: 'Бастапқы тапсырыс бұл қоймада табылмады',
    en: 'The original order was not found in this workspace',
  },
  originalItemUnknown: {
    ru: 'Строка {line}: в исходном заказе нет такой позиции',
    kk: '{line}-жол: бастапқы тапсырыста мұндай позиция жоқ',
    en: 'Line {line}: the original order has no such item',
  },
  returnTooMuch: {
    ru: 'Строка {line}: «{name}» — отгружено {shipped}, уже возвращено {returned}, вернуть можно не больше {left}',
    kk: '{line}-жол: «{name}» — {shipped} жөнелтілген, {returned} қайтарылған, ең көбі {left} қайтаруға болады',
    en: 'Line {line}: “{name}” — {shipped} shipped, {returned} returned already, at most {left} can come back',
  },
  customerNotFound: { ru: 'Покупатель не найден', kk: 'Сатып алушы табылмады', en: 'Customer not found' },
  returnNotFound: { ru: 'Возврат не найден', kk: 'Қайтару табылмады', en: 'Return not found' },
  returnWrongStatus: {
    ru: 'Возврат {number} в статусе «{status}»: принять его на склад нельзя',
    kk: '{number} қайтаруы «{status}» күйінде: оны қоймаға қабылдауға болмайды',
    en: 'Return {number} is “{status}”: it cannot be received into stock',
  },
} as const

/** One message of the stock area. */
export type StockMessageKey = keyof typeof catalog

/** A message in the caller's language with its {placeholders} filled. */
export function stockMessage(locale: Locale, key: StockMessageKey, params: Record<string, string | number> = {}): string {
  return catalog[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}

/** A typed refusal naming the field (path) in the caller's language. */
export function stockRefusal(
  code: 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION',
  locale: Locale,
  path: Issue['path'],
  key: StockMessageKey,
  params: Record<string, string | number> = {},
): RpcFailure {
  const text = stockMessage(locale, key, params)
  return new RpcFailure(code, text, [{ path, message: text }])
}

/** Status and action names as a person reads them in a refusal. */
export const statusWords: Record<Locale, Record<string, string>> = {
  ru: {
    open: 'открыта',
    counting: 'идёт подсчёт',
    submitted: 'сдана',
    approved: 'утверждена',
    cancelled: 'отменена',
    draft: 'черновик',
    in_transit: 'в пути',
    received: 'принято',
    pending: 'ожидает',
    delivered: 'принят',
    scan: 'сканировать',
    submit: 'сдать',
    approve: 'утвердить',
    cancel: 'отменить',
    ship: 'отгрузить',
    receive: 'принять',
  },
  kk: {
    open: 'ашық',
    counting: 'саналуда',
    submitted: 'тапсырылды',
    approved: 'бекітілді',
    cancelled: 'болдырылмады',
    draft: 'жоба',
    in_transit: 'жолда',
    received: 'қабылданды',
    pending: 'күтуде',
    delivered: 'қабылданды',
    scan: 'сканерлеу',
    submit: 'тапсыру',
    approve: 'бекіту',
    cancel: 'болдырмау',
    ship: 'жөнелту',
    receive: 'қабылдау',
  },
  en: {
    open: 'open',
    counting: 'counting',
    submitted: 'submitted',
    approved: 'approved',
    cancelled: 'cancelled',
    draft: 'draft',
    in_transit: 'in transit',
    received: 'received',
    pending: 'pending',
    delivered: 'received',
    scan: 'scan',
    submit: 'submit',
    approve: 'approve',
    cancel: 'cancel',
    ship: 'ship',
    receive: 'receive',
  },
}

/** A status or action word in the caller's language. */
export function word(locale: Locale, key: string): string {
  return statusWords[locale][key] ?? key
}
