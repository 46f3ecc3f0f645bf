/**
 * Where the demo's customers and suppliers are: cities of Kazakhstan with their region, postal
 * codes, phone area code, streets and coordinates, and street addresses in the usual form.
 */
import type { Rng } from './random'

/** A city of Kazakhstan. */
export interface City {
  name: string
  region: string
  /** First postal code of the city; addresses add a district offset. */
  postalBase: number
  areaCode: string
  latitude: number
  longitude: number
  /** Share of customers from this city. */
  weight: number
  streets: readonly string[]
}

const COMMON_STREETS = ['ул. Абая', 'ул. Жамбыла', 'ул. Гоголя', 'ул. Пушкина', 'ул. Байтурсынова', 'ул. Ауэзова'] as const

/** The cities, the biggest first. */
export const CITIES: readonly City[] = [
  {
    name: 'Алматы',
    region: 'г. Алматы',
    postalBase: 50000,
    areaCode: '727',
    latitude: 43.2383,
    longitude: 76.9453,
    weight: 26,
    streets: ['пр. Достык', 'пр. Аль-Фараби', 'ул. Толе би', 'ул. Жандосова', 'ул. Тимирязева', 'мкр. Самал-2', 'пр. Райымбека'],
  },
  {
    name: 'Астана',
    region: 'г. Астана',
    postalBase: 10000,
    areaCode: '7172',
    latitude: 51.1694,
    longitude: 71.4491,
    weight: 20,
    streets: [
      'пр. Мәңгілік Ел',
      'пр. Туран',
      'ул. Кенесары',
      'пр. Республики',
      'ул. Бейбітшілік',
      'ул. Сығанақ',
      'пр. Кабанбай батыра',
    ],
  },
  {
    name: 'Караганда',
    region: 'Карагандинская область',
    postalBase: 100000,
    areaCode: '7212',
    latitude: 49.8047,
    longitude: 73.1094,
    weight: 14,
    streets: ['пр. Бухар жырау', 'ул. Ерубаева', 'ул. Костенко', 'пр. Нуркена Абдирова', 'ул. Алиханова', 'ул. Ермекова'],
  },
  {
    name: 'Шымкент',
    region: 'г. Шымкент',
    postalBase: 160000,
    areaCode: '7252',
    latitude: 42.3155,
    longitude: 69.5869,
    weight: 9,
    streets: ['пр. Тауке хана', 'ул. Байтурсынова', 'пр. Республики', 'ул. Г. Иляева'],
  },
  {
    name: 'Актобе',
    region: 'Актюбинская область',
    postalBase: 30000,
    areaCode: '7132',
    latitude: 50.2839,
    longitude: 57.167,
    weight: 5,
    streets: ['пр. Абилкайыр хана', 'пр. Санкибай батыра', 'ул. Маресьева'],
  },
  {
    name: 'Павлодар',
    region: 'Павлодарская область',
    postalBase: 140000,
    areaCode: '7182',
    latitude: 52.2873,
    longitude: 76.9674,
    weight: 5,
    streets: ['ул. Ак. Сатпаева', 'ул. Кутузова', 'ул. Торайгырова', 'ул. Естая'],
  },
  {
    name: 'Усть-Каменогорск',
    region: 'Восточно-Казахстанская область',
    postalBase: 70000,
    areaCode: '7232',
    latitude: 49.9483,
    longitude: 82.6279,
    weight: 4,
    streets: ['ул. Казахстан', 'пр. Независимости', 'ул. Протозанова', 'ул. Ушанова'],
  },
  {
    name: 'Атырау',
    region: 'Атырауская область',
    postalBase: 60000,
    areaCode: '7122',
    latitude: 47.0945,
    longitude: 51.9238,
    weight: 4,
    streets: ['ул. Сатпаева', 'пр. Азаттык', 'ул. Смагулова', 'ул. Махамбета'],
  },
  {
    name: 'Костанай',
    region: 'Костанайская область',
    postalBase: 110000,
    areaCode: '7142',
    latitude: 53.2145,
    longitude: 63.6246,
    weight: 3,
    streets: ['пр. Аль-Фараби', 'ул. Баймагамбетова', 'ул. Тәуелсіздік'],
  },
  {
    name: 'Тараз',
    region: 'Жамбылская область',
    postalBase: 80000,
    areaCode: '7262',
    latitude: 42.9,
    longitude: 71.3667,
    weight: 2,
    streets: ['ул. Толе би', 'пр. Жамбыла', 'ул. Абая'],
  },
  {
    name: 'Актау',
    region: 'Мангистауская область',
    postalBase: 130000,
    areaCode: '7292',
    latitude: 43.6481,
    longitude: 51.1722,
    weight: 2,
    streets: ['мкр. 14', 'мкр. 9', 'мкр. 27'],
  },
  {
    name: 'Семей',
    region: 'Абайская область',
    postalBase: 71400,
    areaCode: '7222',
    latitude: 50.4111,
    longitude: 80.2275,
    weight: 2,
    streets: ['ул. Шәкәрім', 'ул. Найманбаева', 'пр. Шакарима'],
  },
  {
    name: 'Уральск',
    region: 'Западно-Казахстанская область',
    postalBase: 90000,
    areaCode: '7112',
    latitude: 51.2333,
    longitude: 51.3667,
    weight: 2,
    streets: ['пр. Достык-Дружба', 'ул. Жангир хана', 'ул. Курмангазы'],
  },
  {
    name: 'Петропавловск',
    region: 'Северо-Казахстанская область',
    postalBase: 150000,
    areaCode: '7152',
    latitude: 54.8753,
    longitude: 69.1628,
    weight: 1,
    streets: ['ул. Конституции Казахстана', 'ул. Букетова', 'ул. Интернациональная'],
  },
  {
    name: 'Жезказган',
    region: 'Область Ұлытау',
    postalBase: 100600,
    areaCode: '7102',
    latitude: 47.7833,
    longitude: 67.7667,
    weight: 1,
    streets: ['пр. Алашахана', 'ул. Сейфуллина', 'пр. Ғарышкерлер'],
  },
]

/** A city, the big ones more often. */
export function pickCity(rng: Rng): City {
  return rng.weighted(CITIES.map((c) => [c, c.weight] as const))
}

/** The city called so (the demo's own sites). */
export function cityNamed(name: string): City {
  const city = CITIES.find((c) => c.name === name)
  if (!city) throw new Error(`Unknown city ${name}`)
  return city
}

/** A street address in a city. */
export interface StreetAddress {
  /** "ул. Абая, 52, офис 14" */
  line1: string
  /** "БЦ «Нурлы Тау», блок 3" or null */
  line2: string | null
  city: City
  postalCode: string
  /** POINT literal "(longitude,latitude)" near the city centre. */
  point: string
}

const BUSINESS_CENTRES = ['БЦ «Нурлы Тау»', 'БЦ «Esentai Tower»', 'БЦ «Emerald»', 'БЦ «Алтын Орда»', 'БЦ «Қазына»'] as const

/** An office, warehouse or home address in the city. */
export function newAddress(rng: Rng, city: City, kind: 'office' | 'warehouse' | 'home'): StreetAddress {
  const street = rng.chance(0.7) ? rng.pick(city.streets) : rng.pick(COMMON_STREETS)
  const house = rng.int(1, 240)
  const line1 =
    kind === 'office'
      ? `${street}, ${house}, офис ${rng.int(1, 450)}`
      : kind === 'warehouse'
        ? `${street}, ${house}${rng.chance(0.3) ? `/${rng.int(1, 9)}` : ''}, склад ${rng.int(1, 12)}`
        : `${street}, ${house}, кв. ${rng.int(1, 180)}`
  const line2 = kind === 'office' && rng.chance(0.3) ? `${rng.pick(BUSINESS_CENTRES)}, блок ${rng.int(1, 5)}` : null
  const lon = city.longitude + rng.real(-0.08, 0.08)
  const lat = city.latitude + rng.real(-0.05, 0.05)
  return {
    line1,
    line2,
    city,
    postalCode: String(city.postalBase + rng.int(0, 40)).padStart(6, '0'),
    point: `(${lon.toFixed(5)},${lat.toFixed(5)})`,
  }
}

/** One line: "100008, г. Караганда, пр. Бухар жырау, 47". */
export function addressText(a: StreetAddress): string {
  return `${a.postalCode}, г. ${a.city.name}, ${a.line1}${a.line2 ? `, ${a.line2}` : ''}`
}
