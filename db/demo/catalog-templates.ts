/**
 * What the demo company makes, buys and sells: a manufacturer of metal shelving, electrical
 * cabinets and metal furniture in Karaganda that also distributes fasteners, electrical goods,
 * tools, protective equipment and (from 2026) medical supplies.
 *
 * Each leaf category describes its products by axes (diameter, length, colour…): the n-th
 * product of a leaf takes the n-th combination, so names are distinct and specifications
 * agree with the name. Axis values are written "label:price factor|…".
 */

/** What a product is to the business; mapped onto products.type. */
export type ProductKind = 'material' | 'goods' | 'subassembly' | 'finished' | 'service'

/** products.type of each kind (the CHECK allows PRODUCT, MATERIAL, SERVICE, MANUFACTURED, …). */
export const PRODUCT_TYPE: Record<ProductKind, 'MATERIAL' | 'PRODUCT' | 'MANUFACTURED' | 'SERVICE'> = {
  material: 'MATERIAL',
  goods: 'PRODUCT',
  subassembly: 'MANUFACTURED',
  finished: 'MANUFACTURED',
  service: 'SERVICE',
}

/** One axis of variation: its name (a specification key) and its values with price factors. */
export interface Axis {
  name: string
  values: readonly { label: string; factor: number }[]
}

function axis(name: string, spec: string): Axis {
  return {
    name,
    values: spec.split('|').map((part) => {
      const [label, factor] = part.split(':')
      return { label: label as string, factor: factor === undefined ? 1 : Number(factor) }
    }),
  }
}

/** Components a manufactured product takes from a leaf: how many distinct items, how much of each. */
export interface ComponentSpec {
  leaf: string
  items: readonly [number, number]
  quantity: readonly [number, number]
}

/** A leaf category and how its products look. */
export interface LeafTemplate {
  code: string
  name: string
  kind: ProductKind
  unit: string
  /** Share of its kind's products. */
  share: number
  /** List price in KZT (net of VAT) before the axes' factors. */
  basePrice: number
  axes: readonly Axis[]
  /** Product name from the axis labels, {0} {1}…; axes not named stay in the specifications only. */
  pattern: string
  taxCategory?: 'medical'
  /** Purchases come in multiples of this. */
  pack?: number
  /** Sold in the Astana shop to the public. */
  retail?: boolean
  /** Manufactured products: what their BOM is made of. */
  components?: readonly ComponentSpec[]
  /** Kilograms per unit before the factors (manufactured goods and heavy items). */
  weight?: number
}

const RAL = axis('Цвет', 'RAL 9016|RAL 7035|RAL 9005|RAL 5005|RAL 3020|RAL 6005|RAL 7024|RAL 1015|RAL 9006|RAL 8017')

/** Top-level and middle categories: [code, name, children]; leaves are referenced by code. */
export const CATEGORY_TREE: readonly (readonly [string, string, readonly (readonly [string, string, readonly string[]])[]])[] = [
  [
    'RAW',
    'Сырьё и материалы',
    [
      ['RAW-MET', 'Металлопрокат', ['MAT-SHEET', 'MAT-PIPE', 'MAT-ANGLE', 'MAT-ROD', 'MAT-WIRE']],
      ['RAW-PNT', 'Лакокрасочные материалы', ['MAT-POWDER', 'MAT-PAINT']],
      ['RAW-OTH', 'Прочие материалы', ['MAT-PLASTIC', 'MAT-BOARD', 'MAT-WELD', 'MAT-SEAL', 'MAT-PACK']],
    ],
  ],
  [
    'GDS',
    'Товары',
    [
      ['GDS-FST', 'Крепёж', ['FST-BOLT', 'FST-NUT', 'FST-WASHER', 'FST-SCREW', 'FST-ANCHOR', 'FST-RIVET', 'FST-HINGE']],
      ['GDS-ELE', 'Электротехника', ['EL-CABLE', 'EL-BREAKER', 'EL-SOCKET', 'EL-LIGHT', 'EL-ENCL']],
      ['GDS-TLS', 'Инструмент', ['TL-HAND', 'TL-POWER', 'TL-CONS']],
      ['GDS-PPE', 'Средства индивидуальной защиты', ['PPE-GLOVES', 'PPE-WEAR', 'PPE-HEAD', 'PPE-SHOES']],
      ['GDS-BLD', 'Стройматериалы', ['BLD-MIX', 'BLD-PROF']],
      ['GDS-WHS', 'Складское оборудование', ['WH-EQUIP']],
      ['GDS-MED', 'Медицинские изделия', ['MED-KIT', 'MED-DRESS', 'MED-GLOVES', 'MED-MASK', 'MED-DEV']],
    ],
  ],
  [
    'OWN',
    'Собственное производство',
    [
      ['OWN-SEMI', 'Полуфабрикаты', ['SA-FRAME', 'SA-SHELF', 'SA-DOOR', 'SA-WELD', 'SA-PANEL']],
      ['OWN-FIN', 'Готовая продукция', ['FG-RACK', 'FG-CAB', 'FG-FURN', 'FG-FENCE', 'FG-CONT']],
    ],
  ],
  ['SRV', 'Услуги', [['SRV-ALL', 'Услуги компании', ['SRV-DELIV', 'SRV-MOUNT', 'SRV-PAINT']]]],
]

/** Every leaf category, by code. */
export const LEAVES: readonly LeafTemplate[] = [
  // Materials (bought, consumed by production)
  {
    code: 'MAT-SHEET',
    name: 'Лист стальной',
    kind: 'material',
    unit: 'кг',
    share: 14,
    basePrice: 460,
    pattern: 'Лист {2} {0} мм {1} {3}',
    axes: [
      axis('Толщина', '0,5:1.2|0,8:1.1|1,0|1,2|1,5|2,0|2,5|3,0|4,0|5,0|6,0|8,0|10,0'),
      axis('Марка стали', 'Ст3:1|08пс:1.05|09Г2С:1.25|AISI 430:3.2|AISI 304:4.5'),
      axis('Исполнение', 'холоднокатаный:1.1|горячекатаный:1|оцинкованный:1.3'),
      axis('Формат', '1000×2000|1250×2500|1500×3000|1500×6000'),
    ],
    pack: 100,
  },
  {
    code: 'MAT-PIPE',
    name: 'Труба профильная',
    kind: 'material',
    unit: 'м',
    share: 14,
    basePrice: 520,
    pattern: 'Труба профильная {0}×{1} мм {2}',
    axes: [
      axis(
        'Сечение',
        '20×20:0.6|25×25:0.7|30×30:0.8|40×20:0.85|40×40:1|50×25:1|60×40:1.3|60×60:1.6|80×40:1.7|80×80:2.2|100×50:2.3|100×100:3',
      ),
      axis('Стенка, мм', '1,5:0.8|2,0:1|2,5:1.2|3,0:1.4|4,0:1.8'),
      axis('Марка стали', 'Ст3:1|09Г2С:1.2|оцинкованная:1.35'),
      axis('Длина хлыста', '6 м|12 м'),
    ],
    pack: 6,
  },
  {
    code: 'MAT-ANGLE',
    name: 'Уголок стальной',
    kind: 'material',
    unit: 'м',
    share: 8,
    basePrice: 610,
    pattern: 'Уголок {1} {0} {2}',
    axes: [
      axis('Размер', '25×25×3:0.5|32×32×4:0.7|40×40×4:0.9|45×45×5:1.1|50×50×5:1.3|63×63×5:1.6|75×75×6:2.1|90×90×7:2.8'),
      axis('Тип', 'равнополочный|неравнополочный:1.1'),
      axis('Марка стали', 'Ст3сп|09Г2С:1.2|оцинкованный:1.35'),
      axis('Длина', '6 м|11,7 м|12 м'),
    ],
    pack: 6,
  },
  {
    code: 'MAT-ROD',
    name: 'Арматура и круг',
    kind: 'material',
    unit: 'м',
    share: 8,
    basePrice: 190,
    pattern: '{0} ⌀{1} мм {2}',
    axes: [
      axis('Вид', 'Арматура А500С|Арматура А240:0.95|Круг стальной:1.2|Катанка:0.9'),
      axis('Диаметр', '6:0.3|8:0.45|10:0.65|12:0.9|14:1.2|16:1.55|18:2|20:2.4|22:2.9|25:3.8|28:4.8|32:6.2'),
      axis('Поставка', 'в прутках 11,7 м|в прутках 6 м|в мотках:0.95'),
    ],
    pack: 12,
  },
  {
    code: 'MAT-WIRE',
    name: 'Проволока',
    kind: 'material',
    unit: 'кг',
    share: 7,
    basePrice: 780,
    pattern: 'Проволока {0} ⌀{1} мм {2}',
    axes: [
      axis('Вид', 'сварочная Св-08Г2С:1.4|вязальная:1|оцинкованная:1.2|нержавеющая:3.5|колючая:1.3'),
      axis('Диаметр', '0,8:1.3|1,0:1.2|1,2:1.1|1,6|2,0|3,0|4,0:0.95|5,0:0.9'),
      axis('Фасовка', 'катушка 5 кг|катушка 15 кг:0.95|моток 50 кг:0.9|бухта 200 кг:0.85'),
    ],
    pack: 15,
  },
  {
    code: 'MAT-POWDER',
    name: 'Краска порошковая',
    kind: 'material',
    unit: 'кг',
    share: 8,
    basePrice: 2650,
    pattern: 'Краска порошковая {1} {0} {2}',
    axes: [
      RAL,
      axis('Фактура', 'глянцевая|матовая:1.05|шагрень:1.15|муар:1.15|антик:1.3'),
      axis('Основа', 'полиэфирная|эпоксидная:1.1|эпоксидно-полиэфирная:1.05'),
    ],
    pack: 20,
  },
  {
    code: 'MAT-PAINT',
    name: 'Эмали, грунты, растворители',
    kind: 'material',
    unit: 'л',
    share: 6,
    basePrice: 1850,
    pattern: '{0} {1}, {2}',
    axes: [
      axis(
        'Продукт',
        'Грунт ГФ-021:0.8|Эмаль ПФ-115|Эмаль НЦ-132:1.2|Грунт-эмаль 3 в 1:1.6|Эмаль по металлу молотковая:1.9|Лак ПФ-283:1.1',
      ),
      axis('Цвет', 'белый|серый|чёрный|красный:1.05|синий:1.05|зелёный:1.05|жёлтый:1.05|коричневый'),
      axis('Фасовка', 'банка 0,9 л:1.15|банка 2,7 л|ведро 10 л:0.9|бочка 50 л:0.8'),
    ],
    pack: 10,
  },
  {
    code: 'MAT-PLASTIC',
    name: 'Пластмассы',
    kind: 'material',
    unit: 'кг',
    share: 5,
    basePrice: 980,
    pattern: '{0} {1}',
    axes: [
      axis('Материал', 'Гранулы ПЭНД|Гранулы ПП:1.05|АБС-пластик:1.8|Поликарбонат:2.6|Полиамид ПА-6:2.9|Пластикат ПВХ:1.2'),
      axis('Марка', 'первичный|вторичный:0.6|литьевой:1.1|экструзионный:1.05|морозостойкий:1.2'),
      axis('Фасовка', 'мешок 25 кг|биг-бэг 500 кг:0.92'),
    ],
    pack: 25,
  },
  {
    code: 'MAT-BOARD',
    name: 'ЛДСП и фанера',
    kind: 'material',
    unit: 'шт',
    share: 5,
    basePrice: 14500,
    pattern: '{0} {1} мм {2}',
    axes: [
      axis('Материал', 'ЛДСП 2800×2070|Фанера ФК 1525×1525:0.8|МДФ 2800×2070:1.1|ДВП 2745×1700:0.3'),
      axis('Толщина', '10:0.8|16|18:1.1|22:1.3|25:1.45'),
      axis('Декор', 'белый|серый|бук|дуб сонома|венге|орех|графит'),
    ],
    pack: 10,
  },
  {
    code: 'MAT-WELD',
    name: 'Сварочные материалы',
    kind: 'material',
    unit: 'кг',
    share: 5,
    basePrice: 1650,
    pattern: 'Электроды {0} ⌀{1} мм {2}',
    axes: [
      axis('Марка', 'МР-3|АНО-21:1.05|УОНИ-13/55:1.25|ОК 46.00:1.6|ЦЛ-11:4.2|ОЗЧ-2:5'),
      axis('Диаметр', '2,5:1.1|3,0|4,0:0.95|5,0:0.95'),
      axis('Фасовка', 'пачка 1 кг:1.1|пачка 2,5 кг|пачка 5 кг:0.95|коробка 6,5 кг:0.92'),
    ],
    pack: 5,
  },
  {
    code: 'MAT-SEAL',
    name: 'Уплотнители',
    kind: 'material',
    unit: 'м',
    share: 4,
    basePrice: 240,
    pattern: 'Уплотнитель {0}-профиль {1} {2}',
    axes: [
      axis('Профиль', 'P|D|E|O|U:1.2|C:1.1'),
      axis('Материал', 'EPDM|силикон:2.4|ПВХ:0.7|пенополиуретан:0.8'),
      axis('Размер', '9×5,5|12×9:1.2|14×12:1.4|20×10:1.6'),
    ],
    pack: 100,
  },
  {
    code: 'MAT-PACK',
    name: 'Упаковочные материалы',
    kind: 'material',
    unit: 'шт',
    share: 4,
    basePrice: 2900,
    pattern: '{0} {1} {2}',
    axes: [
      axis(
        'Материал',
        'Стрейч-плёнка|Гофрокороб:0.25|Лента ПП упаковочная:1.4|Плёнка воздушно-пузырчатая:2.1|Уголок картонный:0.05',
      ),
      axis('Размер', '500 мм|450 мм:0.9|600×400×400:0.9|1200×800:1.5'),
      axis('Исполнение', 'первичная|вторичная:0.7|чёрная:1.05|прозрачная'),
    ],
    pack: 10,
  },

  // Goods (bought for resale; fasteners, hinges and electrical parts also go into production)
  {
    code: 'FST-BOLT',
    name: 'Болты',
    kind: 'goods',
    unit: 'шт',
    share: 9,
    basePrice: 38,
    pattern: 'Болт {0}×{1} кл. пр. {2} {3}',
    axes: [
      axis('Диаметр', 'М5:0.4|М6:0.5|М8:0.8|М10:1.2|М12:1.7|М14:2.4|М16:3.1|М18:4.2|М20:5.3|М24:8'),
      axis(
        'Длина',
        '16:0.6|20:0.65|25:0.7|30:0.8|35:0.85|40:0.9|45:0.95|50|60:1.1|70:1.2|80:1.3|90:1.4|100:1.5|110:1.6|120:1.7|140:1.9|150:2|160:2.1|180:2.3|200:2.5',
      ),
      axis('Класс прочности', '5.8|8.8:1.3|10.9:1.7|4.8:0.9'),
      axis('Покрытие', 'оцинкованный|без покрытия:0.85|нерж. A2:3.2'),
    ],
    pack: 100,
    retail: true,
  },
  {
    code: 'FST-NUT',
    name: 'Гайки',
    kind: 'goods',
    unit: 'шт',
    share: 4,
    basePrice: 14,
    pattern: 'Гайка {1} {0} {2}',
    axes: [
      axis('Диаметр', 'М5:0.4|М6:0.5|М8:0.8|М10:1.2|М12:1.7|М14:2.4|М16:3.1|М18:4.2|М20:5.3|М24:8'),
      axis(
        'Тип',
        'шестигранная DIN 934|самоконтрящаяся DIN 985:1.6|колпачковая DIN 1587:2.4|фланцевая DIN 6923:1.8|барашковая DIN 315:2.9|приварная DIN 929:2.2',
      ),
      axis('Покрытие', 'оцинкованная|без покрытия:0.85|нерж. A2:3.2|нерж. A4:4.1'),
    ],
    pack: 100,
    retail: true,
  },
  {
    code: 'FST-WASHER',
    name: 'Шайбы',
    kind: 'goods',
    unit: 'шт',
    share: 3,
    basePrice: 6,
    pattern: 'Шайба {1} {0} {2}',
    axes: [
      axis('Диаметр', 'М5:0.4|М6:0.5|М8:0.8|М10:1.2|М12:1.7|М14:2.4|М16:3.1|М18:4.2|М20:5.3|М24:8'),
      axis('Тип', 'плоская DIN 125|увеличенная DIN 9021:1.4|гроверная DIN 127:1.3|стопорная DIN 6798:1.5|кузовная:1.7'),
      axis('Покрытие', 'оцинкованная|без покрытия:0.85|нерж. A2:3.2'),
    ],
    pack: 200,
    retail: true,
  },
  {
    code: 'FST-SCREW',
    name: 'Саморезы',
    kind: 'goods',
    unit: 'упак',
    share: 5,
    basePrice: 950,
    pattern: 'Саморез {0} {1} мм, {2}',
    axes: [
      axis('Тип', 'по металлу с прессшайбой|по дереву:0.8|кровельный с ЭПДМ:1.5|по ГКЛ:0.7|с буром:1.3|конфирмат:1.2'),
      axis(
        'Размер',
        '3,5×25:0.5|3,5×35:0.6|3,5×41:0.7|4,2×13:0.5|4,2×16:0.55|4,2×25:0.7|4,8×29:0.9|4,8×35:1|5,5×19:0.9|6,3×25:1.3',
      ),
      axis('Упаковка', '200 шт|500 шт:2.3|1000 шт:4.3|100 шт:0.55'),
    ],
    pack: 10,
    retail: true,
  },
  {
    code: 'FST-ANCHOR',
    name: 'Анкеры и дюбели',
    kind: 'goods',
    unit: 'шт',
    share: 3,
    basePrice: 95,
    pattern: '{0} {1}',
    axes: [
      axis(
        'Тип',
        'Анкер клиновой|Анкер рамный:1.1|Анкерный болт с гайкой:1.4|Дюбель-гвоздь:0.2|Дюбель распорный:0.15|Химический анкер:3.4',
      ),
      axis('Размер', '6×40:0.6|6×60:0.7|8×60:0.8|8×80:0.9|10×80|10×100:1.15|12×100:1.4|12×120:1.6|16×130:2.4|20×160:3.5'),
      axis('Покрытие', 'оцинкованный|нерж. A4:3.5'),
    ],
    pack: 50,
    retail: true,
  },
  {
    code: 'FST-RIVET',
    name: 'Заклёпки',
    kind: 'goods',
    unit: 'упак',
    share: 2,
    basePrice: 1300,
    pattern: 'Заклёпка {0} {1}, {2}',
    axes: [
      axis('Тип', 'вытяжная алюминий/сталь|вытяжная сталь/сталь:1.3|резьбовая М6:3|резьбовая М8:3.6|многозажимная:1.5'),
      axis('Размер', '3,2×8|4,0×10:1.2|4,0×12:1.25|4,8×12:1.5|4,8×16:1.6|4,8×20:1.7'),
      axis('Упаковка', '500 шт|1000 шт:1.9|250 шт:0.55'),
    ],
    pack: 10,
  },
  {
    code: 'FST-HINGE',
    name: 'Петли и замки',
    kind: 'goods',
    unit: 'шт',
    share: 2,
    basePrice: 850,
    pattern: '{0} {1} {2}',
    axes: [
      axis(
        'Изделие',
        'Петля накладная|Петля скрытая:1.8|Петля приварная:0.9|Замок мебельный:1.9|Замок поворотный для шкафа:2.6|Ручка-скоба:0.8',
      ),
      axis('Размер', '80 мм|100 мм:1.2|120 мм:1.4|160 мм:1.7'),
      axis('Материал', 'сталь|нерж. сталь:2.8|цинковый сплав:1.3'),
    ],
    pack: 20,
    retail: true,
  },
  {
    code: 'EL-CABLE',
    name: 'Кабель и провод',
    kind: 'goods',
    unit: 'м',
    share: 6,
    basePrice: 390,
    pattern: 'Кабель {0} {1}',
    axes: [
      axis('Марка', 'ВВГнг(А)-LS:1.2|ВВГнг(А):1|NYM:1.1|КГ:1.3|ПВС:0.9|АВВГ:0.5|ВБШв:1.6|UTP cat.5e:0.3|SF/UTP cat.6:0.5'),
      axis(
        'Сечение',
        '2×1,5:0.6|3×1,5:0.8|2×2,5:0.9|3×2,5:1.2|4×2,5:1.6|3×4:1.9|5×4:3|3×6:2.8|5×6:4.4|5×10:7.2|4×16:10.5|4×25:15',
      ),
      axis('Производитель', 'Кабельный завод «Казахстанкабель»|Экибастузский кабельный завод|Севкабель:1.05|Кольчугино:1.05'),
    ],
    pack: 100,
    retail: true,
  },
  {
    code: 'EL-BREAKER',
    name: 'Автоматические выключатели',
    kind: 'goods',
    unit: 'шт',
    share: 4,
    basePrice: 2100,
    pattern: 'Автоматический выключатель {0} {1} {3}{2} А',
    axes: [
      axis('Бренд', 'IEK ВА47-29|EKF ВА 47-63:1.05|Schneider Electric Easy9:2.2|ABB S200:3.4|Legrand RX3:1.9|TDM ВА47-29:0.85'),
      axis('Полюса', '1P|2P:2.1|3P:3.1|4P:4.3'),
      axis('Номинал', '6|10|16|20|25|32:1.05|40:1.2|50:1.4|63:1.6'),
      axis('Характеристика', 'C|B:1.05|D:1.3'),
    ],
    pack: 12,
    retail: true,
  },
  {
    code: 'EL-SOCKET',
    name: 'Розетки и выключатели',
    kind: 'goods',
    unit: 'шт',
    share: 3,
    basePrice: 1450,
    pattern: '{0} {1}, {2}',
    axes: [
      axis(
        'Изделие',
        'Розетка с заземлением|Розетка двойная:1.6|Выключатель одноклавишный:0.9|Выключатель двухклавишный:1.1|Розетка силовая 32 А:3.8|Розетка влагозащищённая IP44:1.9',
      ),
      axis('Серия', 'Schneider Electric AtlasDesign:1.4|Legrand Valena:1.5|IEK Brite:1|Lezard Mira:0.8|Werkel:2.2'),
      axis('Цвет', 'белый|бежевый|антрацит:1.1|алюминий:1.15|чёрный бархат:1.2'),
    ],
    pack: 10,
    retail: true,
  },
  {
    code: 'EL-LIGHT',
    name: 'Светильники и лампы',
    kind: 'goods',
    unit: 'шт',
    share: 3,
    basePrice: 6800,
    pattern: '{0} {1} {2}',
    axes: [
      axis(
        'Изделие',
        'Светильник светодиодный офисный|Светильник промышленный:2.4|Прожектор светодиодный:1.6|Лампа светодиодная E27:0.12|Светильник линейный IP65:1.3|Светильник аварийный:1.1',
      ),
      axis('Мощность', '10 Вт:0.5|20 Вт:0.7|36 Вт|50 Вт:1.3|100 Вт:2.1|150 Вт:2.9'),
      axis('Цветовая температура', '4000 K|6500 K|3000 K'),
    ],
    pack: 4,
    retail: true,
  },
  {
    code: 'EL-ENCL',
    name: 'Электрооборудование для щитов',
    kind: 'goods',
    unit: 'шт',
    share: 2,
    basePrice: 3900,
    pattern: '{0} {1}',
    axes: [
      axis(
        'Изделие',
        'DIN-рейка 35 мм:0.2|Шина нулевая N:0.4|Клеммник вводной:0.9|УЗО:3.8|Дифавтомат:4.2|Счётчик электроэнергии:5.6|Контактор модульный:2.8|Реле напряжения:3.2',
      ),
      axis('Исполнение', 'IEK|EKF:1.05|ABB:2.8|Schneider Electric:2.4|TDM:0.85|Энергомера:1.4'),
    ],
    pack: 10,
  },
  {
    code: 'TL-HAND',
    name: 'Ручной инструмент',
    kind: 'goods',
    unit: 'шт',
    share: 4,
    basePrice: 2900,
    pattern: '{0} {1}, {2}',
    axes: [
      axis(
        'Изделие',
        'Ключ рожковый|Ключ накидной:1.1|Ключ комбинированный:1.05|Набор головок:6|Отвёртка:0.5|Плоскогубцы:1.2|Молоток слесарный:1.3|Рулетка:0.9|Уровень строительный:1.8|Ножовка по металлу:1.1',
      ),
      axis('Размер', '8 мм:0.7|10 мм:0.8|13 мм|17 мм:1.2|19 мм:1.3|22 мм:1.5|24 мм:1.7|32 мм:2.3'),
      axis('Бренд', 'Зубр|Stayer:0.9|Kraftool:1.6|Gross:1.1|Matrix:0.8|Jonnesway:1.9'),
    ],
    retail: true,
    pack: 6,
  },
  {
    code: 'TL-POWER',
    name: 'Электроинструмент',
    kind: 'goods',
    unit: 'шт',
    share: 3,
    basePrice: 38000,
    pattern: '{0} {2} {1}',
    axes: [
      axis(
        'Изделие',
        'Дрель ударная|Перфоратор:1.6|Угловая шлифмашина:0.9|Шуруповёрт аккумуляторный:1.4|Сварочный инвертор:2.1|Лобзик:1.1|Пила циркулярная:1.7|Миксер строительный:1.5',
      ),
      axis('Мощность', '550 Вт:0.7|750 Вт:0.85|900 Вт|1200 Вт:1.2|1600 Вт:1.45|2000 Вт:1.7'),
      axis('Бренд', 'Bosch:1.6|Makita:1.55|DeWALT:1.8|Metabo:1.5|Интерскол:0.8|Ресанта:0.7|P.I.T.:0.6|Hammer:0.65'),
    ],
    retail: true,
    weight: 2.4,
  },
  {
    code: 'TL-CONS',
    name: 'Расходные материалы',
    kind: 'goods',
    unit: 'шт',
    share: 4,
    basePrice: 520,
    pattern: '{0} {1} {2}',
    axes: [
      axis(
        'Изделие',
        'Круг отрезной по металлу|Круг зачистной:1.3|Круг лепестковый:1.6|Сверло по металлу HSS:0.6|Сверло по бетону SDS-plus:1.4|Бита PH2:0.3|Коронка биметаллическая:3.2',
      ),
      axis('Размер', '125 мм|150 мм:1.25|180 мм:1.6|230 мм:2|⌀6 мм:0.6|⌀8 мм:0.7|⌀10 мм:0.9|⌀12 мм:1.1'),
      axis('Бренд', 'Луга|Bosch:2|Hitachi:1.7|Зубр:0.9|Cutop:0.8|Makita:1.8'),
    ],
    pack: 25,
    retail: true,
  },
  {
    code: 'PPE-GLOVES',
    name: 'Перчатки рабочие',
    kind: 'goods',
    unit: 'пара',
    share: 3,
    basePrice: 390,
    pattern: 'Перчатки {0}, размер {1}, {2}',
    axes: [
      axis(
        'Вид',
        'х/б с ПВХ точкой|с нитриловым покрытием:2.1|спилковые краги:4.8|утеплённые:3.3|латексные рабочие:1.5|антивибрационные:9',
      ),
      axis('Размер', '7|8|9|10|11'),
      axis('Класс', 'класс 10|класс 13:1.15|класс 7:0.9'),
    ],
    pack: 12,
    retail: true,
  },
  {
    code: 'PPE-WEAR',
    name: 'Спецодежда',
    kind: 'goods',
    unit: 'шт',
    share: 4,
    basePrice: 14500,
    pattern: '{0}, размер {1}, рост {2}',
    axes: [
      axis(
        'Изделие',
        'Костюм рабочий летний|Костюм утеплённый:2.6|Куртка сигнальная:1.2|Комбинезон рабочий:0.9|Халат рабочий:0.5|Костюм сварщика:2.2|Жилет сигнальный:0.12',
      ),
      axis('Размер', '44-46|48-50|52-54|56-58|60-62'),
      axis('Рост', '158-164|170-176|182-188'),
    ],
    pack: 5,
    retail: true,
  },
  {
    code: 'PPE-HEAD',
    name: 'Каски, очки, защита слуха',
    kind: 'goods',
    unit: 'шт',
    share: 2,
    basePrice: 2900,
    pattern: '{0} {1}',
    axes: [
      axis(
        'Изделие',
        'Каска защитная|Очки защитные открытые:0.3|Очки закрытые:0.6|Наушники противошумные:1.7|Беруши (пара):0.03|Щиток лицевой:1.2|Маска сварщика:2.4',
      ),
      axis('Исполнение', 'белая|жёлтая|оранжевая|синяя|красная'),
    ],
    pack: 10,
    retail: true,
  },
  {
    code: 'PPE-SHOES',
    name: 'Спецобувь',
    kind: 'goods',
    unit: 'пара',
    share: 3,
    basePrice: 19500,
    pattern: '{0} {2}, размер {1}',
    axes: [
      axis(
        'Изделие',
        'Ботинки кожаные|Сапоги кирзовые:0.8|Сапоги резиновые:0.45|Полуботинки кожаные:0.85|Ботинки утеплённые:1.35|Сапоги ЭВА утеплённые:0.6',
      ),
      axis('Размер', '38|39|40|41|42|43|44|45|46|47'),
      axis('Защита', 'с металлическим подноском:1.1|с композитным подноском:1.25|без подноска:0.9'),
    ],
    pack: 6,
    retail: true,
  },
  {
    code: 'BLD-MIX',
    name: 'Сухие строительные смеси',
    kind: 'goods',
    unit: 'шт',
    share: 2,
    basePrice: 2900,
    pattern: '{0} {1}, {2}',
    axes: [
      axis(
        'Смесь',
        'Цемент М400|Цемент М500:1.15|Штукатурка гипсовая:1.1|Шпатлёвка финишная:1.3|Клей плиточный:1.05|Наливной пол:1.45|Пескобетон М300:0.6',
      ),
      axis('Производитель', 'Knauf:1.4|Ceresit:1.5|Шымкентцемент:0.9|Steinhaus:1.1|Бекем:0.95'),
      axis('Фасовка', 'мешок 25 кг|мешок 50 кг:1.85|мешок 5 кг:0.25'),
    ],
    pack: 40,
    retail: true,
  },
  {
    code: 'BLD-PROF',
    name: 'Профили для гипсокартона',
    kind: 'goods',
    unit: 'шт',
    share: 2,
    basePrice: 1150,
    pattern: 'Профиль {0} {1}, {2}',
    axes: [
      axis('Тип', 'ПН 50×40:0.9|ПС 50×50|ПН 75×40:1.1|ПС 75×50:1.2|ПП 60×27:0.85|ПН 28×27:0.7|Уголок ПУ 31×31:0.5'),
      axis('Толщина', '0,4 мм:0.8|0,5 мм|0,6 мм:1.2'),
      axis('Длина', '3 м|4 м:1.3'),
    ],
    pack: 12,
    retail: true,
  },
  {
    code: 'WH-EQUIP',
    name: 'Складское оборудование',
    kind: 'goods',
    unit: 'шт',
    share: 2,
    basePrice: 42000,
    pattern: '{0} {1}',
    axes: [
      axis(
        'Изделие',
        'Тележка гидравлическая|Тележка платформенная:0.3|Стремянка:0.25|Лестница складская:0.9|Контейнер пластиковый:0.03|Паллета пластиковая:0.18|Штабелёр ручной:6',
      ),
      axis('Грузоподъёмность', '150 кг:0.6|300 кг:0.8|500 кг|1000 кг:1.3|2000 кг:1.6|2500 кг:1.8'),
    ],
    retail: true,
    weight: 25,
  },
  {
    code: 'MED-KIT',
    name: 'Аптечки',
    kind: 'goods',
    unit: 'шт',
    share: 2,
    basePrice: 7400,
    pattern: 'Аптечка {0}, {1}',
    axes: [
      axis(
        'Назначение',
        'первой помощи офисная|автомобильная:0.6|производственная:1.4|для образовательных учреждений:1.2|для строительных площадок:1.6',
      ),
      axis('Исполнение', 'пластиковый футляр|сумка текстильная:0.9|шкафчик настенный:2.1|мягкий чехол:0.8'),
      axis('Комплектация', 'стандарт|расширенная:1.5'),
    ],
    taxCategory: 'medical',
    pack: 10,
    retail: true,
  },
  {
    code: 'MED-DRESS',
    name: 'Перевязочные материалы',
    kind: 'goods',
    unit: 'упак',
    share: 2,
    basePrice: 950,
    pattern: '{0} {1}',
    axes: [
      axis(
        'Изделие',
        'Бинт марлевый стерильный|Бинт эластичный:2.1|Лейкопластырь рулонный:0.8|Салфетки марлевые стерильные:1.1|Вата медицинская:0.9|Пластырь бактерицидный:0.7',
      ),
      axis('Размер', '5 м × 10 см|7 м × 14 см:1.3|5 м × 5 см:0.7|16 × 14 см:0.9|100 г:0.8|1,9 × 7,2 см:0.6'),
      axis('Фасовка', '10 шт|20 шт:1.9|50 шт:4.5'),
    ],
    taxCategory: 'medical',
    pack: 20,
    retail: true,
  },
  {
    code: 'MED-GLOVES',
    name: 'Перчатки медицинские',
    kind: 'goods',
    unit: 'упак',
    share: 2,
    basePrice: 3200,
    pattern: 'Перчатки медицинские {0}, размер {1}, {2}',
    axes: [
      axis('Материал', 'нитриловые неопудренные|латексные опудренные:0.85|виниловые:0.7|нитриловые стерильные:2.6'),
      axis('Размер', 'XS|S|M|L|XL'),
      axis('Упаковка', '50 пар|100 шт:0.55|25 пар:0.55'),
    ],
    taxCategory: 'medical',
    pack: 10,
    retail: true,
  },
  {
    code: 'MED-MASK',
    name: 'Маски и респираторы',
    kind: 'goods',
    unit: 'упак',
    share: 1,
    basePrice: 1900,
    pattern: '{0}, {1}',
    axes: [
      axis(
        'Изделие',
        'Маска медицинская трёхслойная|Респиратор FFP2:3.4|Респиратор FFP3 с клапаном:5.2|Маска медицинская детская:1.1',
      ),
      axis('Упаковка', '50 шт|10 шт:0.25|20 шт:0.45|100 шт:1.9'),
    ],
    taxCategory: 'medical',
    pack: 20,
    retail: true,
  },
  {
    code: 'MED-DEV',
    name: 'Медицинская техника',
    kind: 'goods',
    unit: 'шт',
    share: 1,
    basePrice: 16500,
    pattern: '{0} {1}',
    axes: [
      axis(
        'Изделие',
        'Тонометр автоматический|Термометр инфракрасный:0.6|Пульсоксиметр:0.5|Ингалятор компрессорный:1.3|Глюкометр:0.8',
      ),
      axis('Бренд', 'Omron:1.4|B.Well:1|Microlife:1.2|AND:1.3|Little Doctor:0.85'),
    ],
    taxCategory: 'medical',
    retail: true,
    pack: 4,
  },

  // Semi-finished products made in Karaganda
  {
    code: 'SA-FRAME',
    name: 'Каркасы и рамы',
    kind: 'subassembly',
    unit: 'шт',
    share: 25,
    basePrice: 0,
    pattern: 'Рама стеллажа {0}×{1} мм, {2}',
    axes: [
      axis('Высота', '1500:0.8|1800:0.9|2000|2200:1.1|2500:1.25|3000:1.5'),
      axis('Глубина', '300:0.8|400:0.9|500|600:1.1|800:1.3|1000:1.5'),
      RAL,
    ],
    components: [
      { leaf: 'MAT-PIPE', items: [1, 1], quantity: [6, 14] },
      { leaf: 'MAT-ANGLE', items: [0, 1], quantity: [1, 4] },
      { leaf: 'MAT-POWDER', items: [1, 1], quantity: [0.4, 1.6] },
      { leaf: 'MAT-WELD', items: [1, 1], quantity: [0.1, 0.4] },
    ],
    weight: 14,
  },
  {
    code: 'SA-SHELF',
    name: 'Полки и настилы',
    kind: 'subassembly',
    unit: 'шт',
    share: 25,
    basePrice: 0,
    pattern: 'Полка стальная {0}×{1} мм, {2}',
    axes: [
      axis('Ширина', '700:0.8|1000|1200:1.15|1500:1.35|1800:1.6'),
      axis('Глубина', '300:0.8|400:0.9|500|600:1.1|800:1.3'),
      axis('Нагрузка', 'до 80 кг:0.8|до 150 кг|до 300 кг:1.3|до 500 кг:1.7'),
      RAL,
    ],
    components: [
      { leaf: 'MAT-SHEET', items: [1, 1], quantity: [3, 14] },
      { leaf: 'MAT-POWDER', items: [1, 1], quantity: [0.3, 1.1] },
      { leaf: 'FST-RIVET', items: [0, 1], quantity: [0.02, 0.05] },
    ],
    weight: 6,
  },
  {
    code: 'SA-DOOR',
    name: 'Двери и панели',
    kind: 'subassembly',
    unit: 'шт',
    share: 20,
    basePrice: 0,
    pattern: 'Дверь {0} {1} мм, {2}',
    axes: [
      axis('Изделие', 'шкафа распашная|шкафа с перфорацией:1.15|щита с замком:1.2|сейфовая:2.4'),
      axis('Размер', '400×600:0.6|500×700:0.75|600×800:0.9|700×1000|800×1800:1.6|1000×2000:1.9'),
      RAL,
    ],
    components: [
      { leaf: 'MAT-SHEET', items: [1, 1], quantity: [5, 22] },
      { leaf: 'MAT-SEAL', items: [1, 1], quantity: [2, 7] },
      { leaf: 'FST-HINGE', items: [1, 2], quantity: [2, 3] },
      { leaf: 'MAT-POWDER', items: [1, 1], quantity: [0.4, 1.5] },
    ],
    weight: 9,
  },
  {
    code: 'SA-WELD',
    name: 'Сварные узлы',
    kind: 'subassembly',
    unit: 'шт',
    share: 20,
    basePrice: 0,
    pattern: '{0} {1}, {2}',
    axes: [
      axis('Изделие', 'Рама основания|Кронштейн|Стойка:1.1|Траверса:0.9|Ригель:0.8|Опора регулируемая:0.5'),
      axis('Размер', '400 мм:0.6|600 мм:0.75|800 мм:0.9|1000 мм|1200 мм:1.15|1500 мм:1.35|2000 мм:1.7'),
      axis('Исполнение', 'грунтованный|окрашенный:1.2|оцинкованный:1.3'),
    ],
    components: [
      { leaf: 'MAT-PIPE', items: [0, 1], quantity: [1, 5] },
      { leaf: 'MAT-ANGLE', items: [1, 1], quantity: [1, 4] },
      { leaf: 'MAT-ROD', items: [0, 1], quantity: [0.5, 3] },
      { leaf: 'MAT-WELD', items: [1, 1], quantity: [0.05, 0.3] },
      { leaf: 'MAT-PAINT', items: [1, 1], quantity: [0.1, 0.5] },
    ],
    weight: 5,
  },
  {
    code: 'SA-PANEL',
    name: 'Монтажные панели',
    kind: 'subassembly',
    unit: 'шт',
    share: 10,
    basePrice: 0,
    pattern: 'Панель монтажная {0} мм, {1}',
    axes: [
      axis('Размер', '300×400:0.5|400×600:0.7|500×700:0.85|600×800|800×1000:1.3|1000×1800:1.9'),
      axis('Исполнение', 'оцинкованная|окрашенная RAL 2000:1.15|перфорированная:1.25'),
    ],
    components: [
      { leaf: 'MAT-SHEET', items: [1, 1], quantity: [3, 12] },
      { leaf: 'FST-RIVET', items: [0, 1], quantity: [0.01, 0.03] },
    ],
    weight: 4,
  },

  // Finished products made in Karaganda
  {
    code: 'FG-RACK',
    name: 'Стеллажи металлические',
    kind: 'finished',
    unit: 'шт',
    share: 30,
    basePrice: 0,
    pattern: '{0} {1}×{2}×{3} мм, {4}',
    axes: [
      axis(
        'Серия',
        'Стеллаж полочный СТ|Стеллаж архивный МС:1.1|Стеллаж складской усиленный СУ:1.4|Стеллаж грузовой СГ:1.9|Стеллаж торговый ТС:1.2',
      ),
      axis('Высота', '1500|1800|2000|2200|2500|3000'),
      axis('Ширина', '700|1000|1200|1500|1800'),
      axis('Глубина', '300|400|500|600|800'),
      axis('Полок', '4 полки|5 полок|6 полок|3 полки'),
    ],
    components: [
      { leaf: 'SA-FRAME', items: [1, 1], quantity: [2, 2] },
      { leaf: 'SA-SHELF', items: [1, 1], quantity: [3, 6] },
      { leaf: 'FST-BOLT', items: [1, 1], quantity: [16, 48] },
      { leaf: 'FST-NUT', items: [1, 1], quantity: [16, 48] },
      { leaf: 'MAT-PACK', items: [1, 1], quantity: [0.1, 0.3] },
    ],
    weight: 45,
  },
  {
    code: 'FG-CAB',
    name: 'Шкафы и щиты электрические',
    kind: 'finished',
    unit: 'шт',
    share: 25,
    basePrice: 0,
    pattern: '{0} {1}, {2}, {3}',
    axes: [
      axis(
        'Серия',
        'Щит распределительный ЩРН|Щит с монтажной панелью ЩМП|Щит учёта ЩУ|Шкаф распределительный ШРС|Щит освещения ЩО',
      ),
      axis('Модулей', '12 модулей|18 модулей|24 модуля|36 модулей|48 модулей|72 модуля'),
      axis('Степень защиты', 'IP31|IP54|IP65|IP66'),
      axis('Установка', 'навесной|встраиваемый|напольный'),
    ],
    components: [
      { leaf: 'SA-DOOR', items: [1, 1], quantity: [1, 2] },
      { leaf: 'SA-PANEL', items: [1, 1], quantity: [1, 1] },
      { leaf: 'SA-WELD', items: [0, 1], quantity: [1, 2] },
      { leaf: 'EL-BREAKER', items: [1, 3], quantity: [1, 12] },
      { leaf: 'EL-ENCL', items: [1, 2], quantity: [1, 3] },
      { leaf: 'EL-CABLE', items: [1, 1], quantity: [3, 25] },
    ],
    weight: 22,
  },
  {
    code: 'FG-FURN',
    name: 'Мебель металлическая',
    kind: 'finished',
    unit: 'шт',
    share: 25,
    basePrice: 0,
    pattern: '{0} {1}, {2}',
    axes: [
      axis(
        'Изделие',
        'Шкаф для одежды ШРМ|Шкаф архивный ШАМ|Сейф офисный|Верстак слесарный|Стол производственный|Тумба инструментальная|Шкаф медицинский',
      ),
      axis('Размер', '500×500×1850|800×500×1850|1000×500×1850|1200×600×850|1500×700×850|600×450×1000'),
      axis('Цвет', 'RAL 7035|RAL 9016|RAL 5005|RAL 7035/RAL 5005|RAL 9005'),
      axis('Секций', '1 секция|2 секции|3 секции|4 секции'),
    ],
    components: [
      { leaf: 'SA-DOOR', items: [1, 1], quantity: [1, 4] },
      { leaf: 'SA-SHELF', items: [1, 1], quantity: [1, 5] },
      { leaf: 'SA-WELD', items: [0, 1], quantity: [1, 2] },
      { leaf: 'FST-HINGE', items: [1, 1], quantity: [2, 8] },
      { leaf: 'MAT-BOARD', items: [0, 1], quantity: [0.3, 1] },
      { leaf: 'MAT-PACK', items: [1, 1], quantity: [0.2, 0.5] },
    ],
    weight: 38,
  },
  {
    code: 'FG-FENCE',
    name: 'Ограждения и ворота',
    kind: 'finished',
    unit: 'шт',
    share: 12,
    basePrice: 0,
    pattern: '{0} {1}, {2}',
    axes: [
      axis('Изделие', 'Панель ограждения 3D|Секция сварная|Ворота распашные|Калитка|Ограждение производственное сетчатое'),
      axis('Размер', '1030×2500|1530×2500|1730×2500|2030×2500|2430×2500|2000×4000'),
      axis('Покрытие', 'оцинкованное|RAL 6005|RAL 7016|RAL 9005|оцинкованное + RAL 6005'),
    ],
    components: [
      { leaf: 'SA-WELD', items: [1, 2], quantity: [1, 2] },
      { leaf: 'MAT-ROD', items: [1, 1], quantity: [10, 40] },
      { leaf: 'MAT-POWDER', items: [0, 1], quantity: [0.5, 2] },
      { leaf: 'FST-ANCHOR', items: [1, 1], quantity: [2, 8] },
    ],
    weight: 30,
  },
  {
    code: 'FG-CONT',
    name: 'Контейнеры и тара',
    kind: 'finished',
    unit: 'шт',
    share: 8,
    basePrice: 0,
    pattern: '{0} {1}, {2}',
    axes: [
      axis('Изделие', 'Контейнер для ТБО|Тара сетчатая|Поддон металлический|Ящик для песка|Бункер накопитель'),
      axis('Объём', '0,75 м³|1,1 м³|8 м³|500 кг|1000 кг|0,5 м³'),
      axis('Покрытие', 'окрашенный|оцинкованный|грунтованный'),
    ],
    components: [
      { leaf: 'SA-WELD', items: [1, 1], quantity: [1, 3] },
      { leaf: 'MAT-SHEET', items: [1, 1], quantity: [20, 90] },
      { leaf: 'MAT-PAINT', items: [1, 1], quantity: [0.5, 2] },
    ],
    weight: 60,
  },

  // Services (no stock)
  {
    code: 'SRV-DELIV',
    name: 'Доставка',
    kind: 'service',
    unit: 'усл.',
    share: 40,
    basePrice: 9000,
    pattern: 'Доставка {0} — {1}, {2}',
    axes: [
      axis('Откуда', 'Алматы|Караганда:0.9|Астана'),
      axis(
        'Куда',
        'Алматы:0.6|Астана|Караганда|Шымкент:1.6|Актобе:2.4|Павлодар:1.5|Усть-Каменогорск:1.9|Атырау:2.8|Костанай:2|Тараз:1.5|Актау:3.2|Семей:1.7|Уральск:3|Петропавловск:1.8|Жезказган:1.4',
      ),
      axis('Вес', 'до 500 кг:0.6|до 1,5 т|до 5 т:2.4|до 10 т:4.1|до 20 т:6.8'),
    ],
  },
  {
    code: 'SRV-MOUNT',
    name: 'Монтаж и сборка',
    kind: 'service',
    unit: 'усл.',
    share: 40,
    basePrice: 12000,
    pattern: '{0} {1} ({2})',
    axes: [
      axis(
        'Работа',
        'Монтаж стеллажей|Монтаж электрощита:1.6|Сборка мебели:0.7|Монтаж ограждения:1.2|Подключение щита учёта:1.3|Демонтаж стеллажей:0.6',
      ),
      axis('Объём', 'до 5 секций|до 10 секций:1.8|до 20 секций:3.2|до 50 секций:7|свыше 50 секций:12'),
      axis('Условия', 'в рабочее время|в выходной день:1.5|ночная смена:1.7|на высоте:1.4'),
    ],
  },
  {
    code: 'SRV-PAINT',
    name: 'Порошковая покраска',
    kind: 'service',
    unit: 'усл.',
    share: 20,
    basePrice: 3500,
    pattern: 'Порошковая покраска {0}, {1}',
    axes: [
      axis(
        'Изделие',
        'металлоконструкций|дисков колёсных:1.4|листового металла:0.8|труб и профилей:0.9|мебели металлической:1.2',
      ),
      axis('Партия', 'до 10 м²|до 50 м²:4.5|до 100 м²:8.5|свыше 100 м²:15'),
      RAL,
    ],
  },
]

/** The leaf of a code. */
export function leafNamed(code: string): LeafTemplate {
  const leaf = LEAVES.find((l) => l.code === code)
  if (!leaf) throw new Error(`Unknown leaf category ${code}`)
  return leaf
}

/** How many distinct products a leaf's axes describe. */
export function combinations(leaf: LeafTemplate): number {
  return leaf.axes.reduce((n, a) => n * a.values.length, 1)
}

/** The n-th product of a leaf: name, price factor and specifications (axis → label). */
export function variantOf(leaf: LeafTemplate, n: number): { name: string; factor: number; specs: Record<string, string> } {
  let rest = n
  let factor = 1
  const labels: string[] = []
  const specs: Record<string, string> = {}
  for (const a of leaf.axes) {
    const v = a.values[rest % a.values.length] as { label: string; factor: number }
    rest = Math.floor(rest / a.values.length)
    labels.push(v.label)
    factor *= v.factor
    specs[a.name] = v.label
  }
  let name = leaf.pattern.replace(/\{(\d+)\}/g, (_, i: string) => labels[Number(i)] ?? '')
  // more products than combinations (large scale): a design number tells them apart
  if (rest > 0) name = `${name}, исп. ${rest + 1}`
  return { name, factor, specs }
}
