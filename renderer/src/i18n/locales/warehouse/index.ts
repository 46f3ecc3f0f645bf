/**
 * The warehouse module's messages, one file per area so that each area's screens keep their
 * words together. Each area file exports `ru` (the source), `kk` and `en`.
 */
import * as catalog from './catalog'
import * as documents from './documents'
import * as printing from './printing'
import * as scanning from './scanning'
import * as stock from './stock'

const pick = <L extends 'ru' | 'kk' | 'en'>(locale: L) => ({
  catalog: catalog[locale],
  documents: documents[locale],
  printing: printing[locale],
  scanning: scanning[locale],
  stock: stock[locale],
})

/** Warehouse messages in Russian. */
export const warehouseRu = {
  tabs: {
    catalog: 'Каталог',
    stock: 'Остатки',
    receiving: 'Приёмка',
    orders: 'Сборка и отгрузка',
    transfers: 'Перемещения и возвраты',
    counts: 'Инвентаризация',
  },
  ...pick('ru'),
}

/** Warehouse messages in Kazakh. */
export const warehouseKk: typeof warehouseRu = {
  tabs: {
    catalog: 'Каталог',
    stock: 'Қалдықтар',
    receiving: 'Қабылдау',
    orders: 'Жинау және жөнелту',
    transfers: 'Орын ауыстыру және қайтару',
    counts: 'Түгендеу',
  },
  ...pick('kk'),
}

/** Warehouse messages in English. */
export const warehouseEn: typeof warehouseRu = {
  tabs: {
    catalog: 'Catalog',
    stock: 'Stock',
    receiving: 'Receiving',
    orders: 'Picking and shipping',
    transfers: 'Transfers and returns',
    counts: 'Stock counts',
  },
  ...pick('en'),
}
