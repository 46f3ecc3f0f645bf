/**
 * People and companies of the demo: Kazakh, Russian and other names of Kazakhstan (with the
 * Kazakh letters ә ғ қ ң ө ұ ү һ і where the names have them), surnames that agree with sex,
 * IINs that agree with birth date and sex, phones +7 7xx, e-mail addresses, company names.
 */
import { type Day, dayOf } from './calendar'
import { type IdentifierPool, type Sex, newIin } from './identifiers'
import type { Rng } from './random'

/** Which naming tradition a person's names come from (they go together in one person). */
export type NameOrigin = 'kazakh' | 'russian' | 'other'

/** A person of the demo: employee, contact, individual customer or entrepreneur. */
export interface Person {
  firstName: string
  lastName: string
  /** Отчество, used in full names (ФИО) of individual customers and entrepreneurs. */
  patronymic: string
  sex: Sex
  birth: Day
  iin: string
  origin: NameOrigin
}

// prettier-ignore
const KAZAKH_MALE = [
  'Ерлан', 'Нұрлан', 'Асхат', 'Бауыржан', 'Дәурен', 'Ерғали', 'Қанат', 'Мұрат', 'Серік', 'Тимур', 'Айдар', 'Бақытжан',
  'Ғалым', 'Жандос', 'Олжас', 'Әлихан', 'Еркебұлан', 'Санжар', 'Ербол', 'Алмас', 'Дамир', 'Арман', 'Талғат', 'Мейрам',
  'Әділет', 'Ұлан', 'Өмірзақ', 'Рүстем', 'Мағжан', 'Ілияс', 'Азамат', 'Данияр', 'Ержан', 'Жасұлан', 'Қайрат', 'Марат',
]
// prettier-ignore
const KAZAKH_FEMALE = [
  'Айгерим', 'Әсел', 'Жұлдыз', 'Гүлнара', 'Динара', 'Айгүл', 'Сәуле', 'Мадина', 'Аружан', 'Гүлмира', 'Ақбота', 'Дана',
  'Жанар', 'Әлия', 'Назерке', 'Шұғыла', 'Іңкәр', 'Балжан', 'Меруерт', 'Томирис', 'Ұлжан', 'Сымбат', 'Көркем', 'Зәуре',
  'Гауһар', 'Райхан', 'Перизат', 'Ләззат', 'Салтанат', 'Асем', 'Камила', 'Дариға', 'Нұргүл', 'Анар', 'Үміт', 'Ботагөз',
]
// prettier-ignore
const KAZAKH_SURNAMES = [
  'Сапаров', 'Нурланов', 'Ахметов', 'Жумабаев', 'Касымов', 'Сейткалиев', 'Абенов', 'Омаров', 'Тлеубаев', 'Искаков',
  'Мукашев', 'Нургалиев', 'Садыков', 'Утепов', 'Есенов', 'Калиев', 'Жакупов', 'Байжанов', 'Оспанов', 'Ермеков',
  'Тулегенов', 'Кенжебаев', 'Смагулов', 'Сәрсенбаев', 'Құдайбергенов', 'Төлеуов', 'Мұхаметжанов', 'Әлімжанов',
  'Ғабдуллин', 'Серікбаев', 'Бекмұханов', 'Жұмабеков', 'Әбілқасымов', 'Нұрланұлы', 'Серікұлы', 'Ерланұлы', 'Асқарұлы',
  'Бақытұлы', 'Дәуренұлы', 'Байтұрсынов', 'Исабеков', 'Шәкенов', 'Рахимов', 'Дүйсенов', 'Қалиев', 'Момышев',
]
// prettier-ignore
const KAZAKH_PATRONYMIC_ROOTS = [
  'Нурлан', 'Серик', 'Ерлан', 'Асхат', 'Марат', 'Болат', 'Кайрат', 'Бауржан', 'Талгат', 'Ержан', 'Кажимукан', 'Канат',
]

// prettier-ignore
const RUSSIAN_MALE = [
  'Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Максим', 'Евгений', 'Игорь', 'Владимир', 'Николай', 'Павел',
  'Виктор', 'Олег', 'Артём', 'Михаил', 'Константин', 'Роман', 'Денис', 'Юрий', 'Вадим',
]
// prettier-ignore
const RUSSIAN_FEMALE = [
  'Ольга', 'Елена', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Анна', 'Мария', 'Екатерина', 'Юлия', 'Марина',
  'Людмила', 'Оксана', 'Виктория', 'Алина', 'Ксения', 'Галина', 'Валентина',
]
// prettier-ignore
const RUSSIAN_SURNAMES = [
  'Иванов', 'Петров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
  'Морозов', 'Волков', 'Лебедев', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Егоров', 'Павлов', 'Макаров', 'Захаров',
  'Зайцев', 'Соловьёв', 'Белов', 'Тарасов', 'Белоусов', 'Гришин', 'Кравцов',
]
// prettier-ignore
const RUSSIAN_PATRONYMIC_ROOTS = [
  'Александров', 'Сергеев', 'Владимиров', 'Николаев', 'Викторов', 'Андреев', 'Петров', 'Юрьев', 'Михайлов', 'Олегов',
  'Геннадьев', 'Анатольев',
]

// Koreans, Ukrainians, Tatars, Germans, Uzbeks, Azerbaijanis of Kazakhstan; first names as used.
// prettier-ignore
const OTHER_SURNAMES = [
  'Ким', 'Пак', 'Цой', 'Ли', 'Шевченко', 'Бондаренко', 'Коваленко', 'Мельник', 'Гарипов', 'Шульц', 'Вебер', 'Юсупов',
  'Алиев', 'Ибрагимов', 'Хасанов', 'Миллер',
]
const OTHER_MALE = ['Руслан', 'Ринат', 'Эдуард', 'Вячеслав', 'Станислав', 'Артур', 'Ильдар', 'Рустам', 'Эльдар', 'Виталий']
const OTHER_FEMALE = ['Лилия', 'Эльвира', 'Регина', 'Диана', 'Карина', 'Альбина', 'Инна', 'Жанна', 'Эльмира', 'Вероника']

/** The feminine form of a surname: -ов/-ев/-ин take -а, -ұлы becomes -қызы, others stay. */
export function feminineSurname(male: string): string {
  if (male.endsWith('ұлы')) return `${male.slice(0, -3)}қызы`
  if (/(ов|ев|ёв|ин)$/.test(male)) return `${male}а`
  return male
}

function patronymic(rng: Rng, origin: NameOrigin, sex: Sex): string {
  if (origin === 'kazakh') {
    const root = rng.pick(KAZAKH_PATRONYMIC_ROOTS)
    return sex === 'male' ? `${root}ович` : `${root}овна`
  }
  const root = rng.pick(RUSSIAN_PATRONYMIC_ROOTS)
  return sex === 'male' ? `${root}ич` : `${root}на`
}

/** Options for a new person. */
export interface PersonOptions {
  /** Age range on `asOf`, in years. */
  minAge?: number
  maxAge?: number
  asOf?: Day
  sex?: Sex
}

const AGE_REFERENCE = dayOf('2026-01-01')

/**
 * A person with names from one tradition (about 65% Kazakh, 25% Russian, 10% other, as in
 * Kazakhstan's cities), a birth date in the age range and an IIN that encodes both.
 */
export function newPerson(rng: Rng, iins: IdentifierPool, options: PersonOptions = {}): Person {
  const origin = rng.weighted<NameOrigin>([
    ['kazakh', 65],
    ['russian', 25],
    ['other', 10],
  ])
  const sex: Sex = options.sex ?? (rng.chance(0.5) ? 'male' : 'female')
  const asOf = options.asOf ?? AGE_REFERENCE
  const birth = asOf - Math.round(rng.real(options.minAge ?? 20, options.maxAge ?? 62) * 365.25)
  const [male, female, surnames] =
    origin === 'kazakh'
      ? [KAZAKH_MALE, KAZAKH_FEMALE, KAZAKH_SURNAMES]
      : origin === 'russian'
        ? [RUSSIAN_MALE, RUSSIAN_FEMALE, RUSSIAN_SURNAMES]
        : [OTHER_MALE, OTHER_FEMALE, OTHER_SURNAMES]
  const surname = rng.pick(surnames)
  return {
    firstName: rng.pick(sex === 'male' ? male : female),
    lastName: sex === 'male' ? surname : feminineSurname(surname),
    patronymic: patronymic(rng, origin, sex),
    sex,
    birth,
    iin: newIin(iins, rng, birth, sex),
    origin,
  }
}

/** ФИО: "Сапаров Ерлан Нурланович". */
export function fullName(p: Person): string {
  return `${p.lastName} ${p.firstName} ${p.patronymic}`
}

/** Surname and initials: "Сапаров Е. Н.". */
export function shortName(p: Person): string {
  return `${p.lastName} ${p.firstName[0]}. ${p.patronymic[0]}.`
}

// prettier-ignore
const LATIN: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', і: 'i',
  к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u',
  ү: 'u', ф: 'f', х: 'kh', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
}

/** Latin letters for an e-mail address or a web domain (ASCII only, lower case). */
export function latin(text: string): string {
  return [...text.toLowerCase()]
    .map((ch) => LATIN[ch] ?? ch)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** A personal mailbox: first.last@domain, with a number when the address is taken. */
export function personalEmail(emails: IdentifierPool, p: Person, domain: string, rng: Rng): string {
  const local = `${latin(p.firstName)}.${latin(p.lastName)}`.replace(/-/g, '')
  let first = true
  return emails.take(() => {
    const suffix = first ? '' : String(rng.int(2, 999))
    first = false
    return `${local}${suffix}@${domain}`
  })
}

// .example (RFC 2606) never delivers: the demo must not e-mail a real mailbox by accident.
const FREE_MAIL = ['mail.example', 'inbox.example', 'post.example', 'pochta.example'] as const

/** A private mailbox of an individual customer. */
export function privateEmail(emails: IdentifierPool, p: Person, rng: Rng): string {
  return personalEmail(emails, p, rng.pick(FREE_MAIL), rng)
}

// Kcell, Beeline, Tele2/Altel mobile codes
const MOBILE_CODES = ['700', '701', '702', '705', '707', '708', '747', '771', '775', '776', '777', '778'] as const

/** A mobile number: +7 7xx xxx xx xx. */
export function mobilePhone(rng: Rng): string {
  const n = String(rng.int(0, 9_999_999)).padStart(7, '0')
  return `+7 ${rng.pick(MOBILE_CODES)} ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`
}

/** An office number in a city with its area code ("727", "7172"): +7 727 xxx xx xx. */
export function landlinePhone(rng: Rng, areaCode: string): string {
  const digits = 10 - areaCode.length
  const n = String(rng.int(2 * 10 ** (digits - 1), 10 ** digits - 1))
  return `+7 ${areaCode} ${n.slice(0, digits - 4)} ${n.slice(-4, -2)} ${n.slice(-2)}`
}

// prettier-ignore
const COMPANY_STEMS = [
  'Алтын', 'Береке', 'Сарыарқа', 'Жетісу', 'Қазына', 'Нұр', 'Тау', 'Дала', 'Каспий', 'Арай', 'Шаңырақ', 'Болашақ',
  'Керуен', 'Алатау', 'Ақжол', 'Ертіс', 'Есіл', 'Көктем', 'Темір', 'Атамекен', 'Байтерек', 'Сұңқар', 'Тұлпар', 'Жұлдыз',
  'Ордабасы', 'Қыран', 'Ұлытау', 'Бурабай', 'Хан Тәңірі', 'Азия', 'Евразия', 'Степь', 'Восток', 'Север', 'Меркурий',
  'Гранит', 'Альфа', 'Вектор', 'Прогресс', 'Титан', 'Стандарт', 'Профи', 'Мастер', 'Капитал', 'Көкшетау', 'Арқа',
  'Қарағанды', 'Шығыс', 'Батыс', 'Оңтүстік', 'Жайық', 'Сырдария', 'Іле', 'Балқаш', 'Маңғыстау', 'Тобыл', 'Кенен',
  'Мирас', 'Айбын', 'Самал',
]
// prettier-ignore
const COMPANY_PARTS = [
  'Строй', 'Инвест', 'Трейд', 'Сервис', 'Логистик', 'Снаб', 'Пром', 'Монтаж', 'Энерго', 'Техно', 'Металл', 'Агро',
  'Маркет', 'Транс', 'Электро', 'Терминал', 'Инжиниринг', 'Проект', 'Комплект', 'Ресурс',
]
const COMPANY_TAILS = [
  '',
  ' Групп',
  ' Плюс',
  ' KZ',
  ' Азия',
  ' Холдинг',
  ' Центр',
  ' Компани',
  '-2000',
  ' Казахстан',
  ' LTD',
  ' Юг',
] as const

/** A company's names and its web domain. */
export interface CompanyName {
  /** As documents show it: ТОО «Алатау Строй Сервис». */
  name: string
  /** Full legal form: Товарищество с ограниченной ответственностью «…». */
  legalName: string
  /** The brand in quotes without the legal form. */
  brand: string
  /** Web and mail domain; .example (RFC 2606), so nothing is ever sent to a real company. */
  domain: string
}

const LEGAL_FORMS = [
  ['ТОО', 'Товарищество с ограниченной ответственностью', 90],
  ['АО', 'Акционерное общество', 8],
  ['ПК', 'Производственный кооператив', 2],
] as const

/**
 * A company name not used before in this demo, with its legal form and web domain. Once the
 * combinations run dry (20 000 customers at large scale) a number tells namesakes apart, as
 * the state register does.
 */
export function newCompanyName(rng: Rng, brands: IdentifierPool, parts: readonly string[] = COMPANY_PARTS): CompanyName {
  let tries = 0
  const brand = brands.take(() => {
    const base = `${rng.pick(COMPANY_STEMS)} ${rng.pick(parts)}`
    return tries++ < 40 ? `${base}${rng.pick(COMPANY_TAILS)}` : `${base} ${rng.int(2, 9999)}`
  }, 10_000)
  const [short, long] = rng.weighted(LEGAL_FORMS.map(([s, l, w]) => [[s, l] as const, w] as const))
  return { name: `${short} «${brand}»`, legalName: `${long} «${brand}»`, brand, domain: `${latin(brand)}.example` }
}

/** The parts of supplier names: distributors and manufacturers. */
export const SUPPLIER_PARTS = [
  'Снаб',
  'Трейд',
  'Металл',
  'Пром',
  'Дистрибьюшн',
  'Импорт',
  'Завод',
  'Комплект',
  'Электро',
  'Хим',
] as const

/** Industries customers work in. */
export const INDUSTRIES = [
  'Строительство',
  'Горнодобывающая промышленность',
  'Металлургия',
  'Оптовая торговля',
  'Розничная торговля',
  'Логистика и склады',
  'Машиностроение',
  'Энергетика',
  'Нефтегазовая отрасль',
  'Агропромышленный комплекс',
  'Здравоохранение',
  'Образование',
  'Государственные учреждения',
  'Гостиницы и общепит',
] as const
