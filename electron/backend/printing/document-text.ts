import type { Locale } from '../../../shared/locale'

/**
 * The words on printed documents and labels, in the three languages. Russian is the source;
 * Kazakh follows the official bilingual forms' wording.
 */
const text = {
  labels: { ru: 'Этикетки товаров', kk: 'Тауар заттаңбалары', en: 'Product labels' },
  pickList: { ru: 'Лист подбора', kk: 'Іріктеу парағы', en: 'Pick list' },
  goodsReceipt: { ru: 'Приёмка товаров', kk: 'Тауарларды қабылдау', en: 'Goods receipt' },
  waybill: {
    ru: 'Накладная на отпуск запасов на сторону',
    kk: 'Қорларды жағына босатуға арналған жүкқұжат',
    en: 'Waybill',
  },
  numberDate: { ru: '№ {number} от {date}', kk: '№ {number}, {date}', en: 'No. {number} of {date}' },
  page: { ru: 'Страница {page} из {pages}', kk: '{pages} беттің {page}-беті', en: 'Page {page} of {pages}' },
  workspace: { ru: 'Склад', kk: 'Қойма', en: 'Warehouse' },
  customer: { ru: 'Покупатель', kk: 'Сатып алушы', en: 'Customer' },
  order: { ru: 'Заказ', kk: 'Тапсырыс', en: 'Order' },
  note: { ru: 'Примечание', kk: 'Ескертпе', en: 'Note' },
  supplier: { ru: 'Поставщик', kk: 'Жеткізуші', en: 'Supplier' },
  supplierDocument: { ru: 'Документ поставщика', kk: 'Жеткізуші құжаты', en: 'Supplier document' },
  shipper: { ru: 'Отправитель', kk: 'Жөнелтуші', en: 'Shipper' },
  consignee: { ru: 'Получатель', kk: 'Алушы', en: 'Consignee' },
  carrier: { ru: 'Перевозчик', kk: 'Тасымалдаушы', en: 'Carrier' },
  tracking: { ru: 'Номер отслеживания', kk: 'Бақылау нөмірі', en: 'Tracking number' },
  bin: { ru: 'БИН', kk: 'БСН', en: 'BIN' },
  lineNo: { ru: '№', kk: '№', en: 'No.' },
  code: { ru: 'Код', kk: 'Коды', en: 'Code' },
  name: { ru: 'Наименование', kk: 'Атауы', en: 'Description' },
  unit: { ru: 'Ед.', kk: 'Өлш.', en: 'Unit' },
  quantity: { ru: 'Кол-во', kk: 'Саны', en: 'Qty' },
  location: { ru: 'Место', kk: 'Орны', en: 'Location' },
  barcode: { ru: 'Штрихкод', kk: 'Штрихкоды', en: 'Barcode' },
  picked: { ru: 'Собрано', kk: 'Жиналды', en: 'Picked' },
  ordered: { ru: 'Заказано', kk: 'Тапсырыс', en: 'Ordered' },
  received: { ru: 'Принято', kk: 'Қабылданды', en: 'Received' },
  price: { ru: 'Цена', kk: 'Бағасы', en: 'Price' },
  vatRate: { ru: 'НДС, %', kk: 'ҚҚС, %', en: 'VAT, %' },
  vatAmount: { ru: 'НДС', kk: 'ҚҚС', en: 'VAT' },
  amount: { ru: 'Сумма с НДС', kk: 'ҚҚС-мен сомасы', en: 'Amount incl. VAT' },
  lot: { ru: 'партия {lot}', kk: '{lot} топтамасы', en: 'lot {lot}' },
  expiry: { ru: 'годен до {date}', kk: '{date} дейін жарамды', en: 'expires {date}' },
  net: { ru: 'Итого без НДС', kk: 'ҚҚС-сыз барлығы', en: 'Total excl. VAT' },
  vatTotal: { ru: 'НДС', kk: 'ҚҚС', en: 'VAT' },
  total: { ru: 'Всего с НДС', kk: 'ҚҚС-мен барлығы', en: 'Total incl. VAT' },
  currency: { ru: 'Валюта: {currency}', kk: 'Валюта: {currency}', en: 'Currency: {currency}' },
  totalInWords: { ru: 'Всего отпущено на сумму', kk: 'Барлығы босатылған сома', en: 'Total released' },
  lines: { ru: 'Позиций: {count}', kk: 'Позициялар: {count}', en: 'Lines: {count}' },
  pickedBy: { ru: 'Собрал', kk: 'Жинаған', en: 'Picked by' },
  checkedBy: { ru: 'Проверил', kk: 'Тексерген', en: 'Checked by' },
  receivedBy: { ru: 'Принял', kk: 'Қабылдаған', en: 'Received by' },
  deliveredBy: { ru: 'Сдал', kk: 'Тапсырған', en: 'Delivered by' },
  releasedBy: { ru: 'Отпуск произвёл', kk: 'Босатқан', en: 'Released by' },
  acceptedBy: { ru: 'Запасы получил', kk: 'Қорларды алған', en: 'Goods received by' },
} satisfies Record<string, Record<Locale, string>>

/** Keys of the printed words. */
export type PrintTextKey = keyof typeof text

/** A printed word or phrase in the locale, with `{name}` placeholders filled. */
export function printText(locale: Locale, key: PrintTextKey, params: Record<string, string | number> = {}): string {
  return text[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}
