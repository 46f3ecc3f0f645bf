import type { Locale } from '../../../shared/locale'

/**
 * Messages of receiving, picking and shipping that the backend words itself, in the caller's
 * language. Each names the line (1-based, as the screen numbers it) and the product where a
 * line is at fault, so a clerk can find it without reading field paths.
 */
const catalog = {
  quantityNotPositive: {
    ru: 'Строка {line} («{product}»): количество должно быть больше нуля.',
    kk: '{line}-жол («{product}»): саны нөлден көп болуы керек.',
    en: 'Line {line} (“{product}”): the quantity must be greater than zero.',
  },
  productNotFound: {
    ru: 'Строка {line}: такого товара нет в вашей организации.',
    kk: '{line}-жол: ұйымыңызда мұндай тауар жоқ.',
    en: 'Line {line}: no such product in your organization.',
  },
  productNotActive: {
    ru: 'Строка {line}: товар «{product}» {status} — проводить его нельзя.',
    kk: '{line}-жол: «{product}» тауары {status} — оны өткізуге болмайды.',
    en: 'Line {line}: the product “{product}” is {status} and cannot be posted.',
  },
  statusInactive: { ru: 'неактивен', kk: 'белсенді емес', en: 'inactive' },
  statusDiscontinued: { ru: 'снят с производства', kk: 'өндірістен алынған', en: 'discontinued' },
  orderNotFound: {
    ru: 'Такого заказа нет на этой площадке.',
    kk: 'Бұл алаңда мұндай тапсырыс жоқ.',
    en: 'No such order in this workspace.',
  },
  documentNotFound: {
    ru: 'Такого документа нет на этой площадке.',
    kk: 'Бұл алаңда мұндай құжат жоқ.',
    en: 'No such document in this workspace.',
  },
  notPurchaseOrder: {
    ru: 'Заказ {order} не является заказом поставщику.',
    kk: '{order} тапсырысы жеткізушіге тапсырыс емес.',
    en: 'Order {order} is not a purchase order.',
  },
  notSalesOrder: {
    ru: 'Заказ {order} не является заказом покупателя.',
    kk: '{order} тапсырысы сатып алушының тапсырысы емес.',
    en: 'Order {order} is not a sales order.',
  },
  orderNotReceivable: {
    ru: 'По заказу {order} в статусе «{status}» приёмка невозможна.',
    kk: '«{status}» мәртебесіндегі {order} тапсырысы бойынша қабылдау мүмкін емес.',
    en: 'Order {order} is {status}: goods can no longer be received against it.',
  },
  lineNotOnOrder: {
    ru: 'Строка {line}: товара «{product}» нет в заказе {order}.',
    kk: '{line}-жол: «{product}» тауары {order} тапсырысында жоқ.',
    en: 'Line {line}: “{product}” is not on order {order}.',
  },
  supplierNotFound: {
    ru: 'Такого поставщика нет в вашей организации.',
    kk: 'Ұйымыңызда мұндай жеткізуші жоқ.',
    en: 'No such supplier in your organization.',
  },
  supplierMismatch: {
    ru: 'Поставщик не совпадает с поставщиком заказа {order}.',
    kk: 'Жеткізуші {order} тапсырысының жеткізушісімен сәйкес келмейді.',
    en: 'The supplier differs from the supplier of order {order}.',
  },
  transitionRefused: {
    ru: 'Заказ {order}: переход из статуса «{from}» в «{to}» не допускается.',
    kk: '{order} тапсырысы: «{from}» мәртебесінен «{to}» мәртебесіне өтуге болмайды.',
    en: 'Order {order}: it cannot go from “{from}” to “{to}”.',
  },
  shipMoreThanOrdered: {
    ru: 'Строка {line} («{product}»): отгрузка {quantity} больше, чем осталось отгрузить по заказу ({left}).',
    kk: '{line}-жол («{product}»): {quantity} жөнелту тапсырыс бойынша қалғаннан ({left}) көп.',
    en: 'Line {line} (“{product}”): shipping {quantity} is more than is left to ship on the order ({left}).',
  },
  shipMoreThanReserved: {
    ru: 'Строка {line} («{product}»): отгрузка {quantity} больше резерва ({reserved}).',
    kk: '{line}-жол («{product}»): {quantity} жөнелту резервтен ({reserved}) көп.',
    en: 'Line {line} (“{product}”): shipping {quantity} is more than is reserved ({reserved}).',
  },
  lineNotInOrder: {
    ru: 'Строка {line}: такой строки нет в заказе {order}.',
    kk: '{line}-жол: {order} тапсырысында мұндай жол жоқ.',
    en: 'Line {line}: order {order} has no such line.',
  },
  duplicateLine: {
    ru: 'Строка {line}: строка заказа указана дважды.',
    kk: '{line}-жол: тапсырыс жолы екі рет көрсетілген.',
    en: 'Line {line}: the order line is given twice.',
  },
  belowZeroBlocked: {
    ru: 'Строка {line} («{product}»): остаток станет {after} — на этой площадке отгрузка в минус запрещена.',
    kk: '{line}-жол («{product}»): қалдық {after} болады — бұл алаңда минусқа жөнелтуге тыйым салынған.',
    en: 'Line {line} (“{product}”): stock would be {after}; this workspace does not allow shipping below zero.',
  },
  belowZeroConfirm: {
    ru: 'Строка {line} («{product}»): остаток станет {after}. Подтвердите отгрузку в минус.',
    kk: '{line}-жол («{product}»): қалдық {after} болады. Минусқа жөнелтуді растаңыз.',
    en: 'Line {line} (“{product}”): stock would be {after}. Confirm shipping below zero.',
  },
  cancelAfterShipment: {
    ru: 'Заказ {order} уже частично отгружен — отменить его нельзя.',
    kk: '{order} тапсырысы ішінара жөнелтілген — оны болдырмауға болмайды.',
    en: 'Order {order} has already been partly shipped and cannot be cancelled.',
  },
  orderHasNoLines: {
    ru: 'В заказе {order} нет строк.',
    kk: '{order} тапсырысында жолдар жоқ.',
    en: 'Order {order} has no lines.',
  },
} satisfies Record<string, Record<Locale, string>>

/** One message's key. */
export type WarehouseMessageKey = keyof typeof catalog

/** A message in a language, with `{name}` placeholders filled in. */
export function warehouseMessage(locale: Locale, key: WarehouseMessageKey, params: Record<string, string | number> = {}): string {
  return catalog[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}

/** Status names as the screens show them, for messages about the status flow. */
export const statusNames: Record<string, Record<Locale, string>> = {
  pending: { ru: 'новый', kk: 'жаңа', en: 'pending' },
  confirmed: { ru: 'подтверждён', kk: 'расталған', en: 'confirmed' },
  processing: { ru: 'в работе', kk: 'орындалуда', en: 'processing' },
  shipped: { ru: 'отгружен', kk: 'жөнелтілген', en: 'shipped' },
  delivered: { ru: 'доставлен', kk: 'жеткізілген', en: 'delivered' },
  cancelled: { ru: 'отменён', kk: 'болдырылмаған', en: 'cancelled' },
  returned: { ru: 'возвращён', kk: 'қайтарылған', en: 'returned' },
}
