/**
 * The sales pipeline: deals with companies in every stage (lead to won or lost), the products
 * quoted on them and the calls, meetings and proposals along the way. A won deal becomes a
 * sales order (planned with the other orders).
 */
import { type DemoWriter, type Row, chunks, groupBy } from './bulk'
import { DEMO_TODAY, type Day, SALES_START, isoOf, nextWorkingDay, timestampOf } from './calendar'
import type { Product } from './catalog'
import { type CrmPlan, type Customer, noteActivity } from './crm'
import { type Employee, type OrganizationPlan, type SiteKey, staffOf } from './organization'
import { type VatRates, wholesalePrice } from './pricing'
import type { Rng } from './random'
import type { ScaleProfile } from './scale'
import { type Assortment, lineQuantity } from './sales'

/** The stages of a deal (the CHECK's values), in pipeline order. */
export const DEAL_STAGES = ['LEAD', 'QUALIFIED', 'PROPOSAL', 'NEGOTIATION', 'CLOSING', 'WON', 'LOST'] as const

/** One stage. */
export type DealStage = (typeof DEAL_STAGES)[number]

/** A product quoted on a deal. */
export interface DealLine {
  id: string
  product: Product
  quantity: number
  unitPrice: number
  discountPercent: number
  discountAmount: number
  taxPercent: number
}

/** An activity on a deal. */
export interface DealActivity {
  id: string
  type: 'call' | 'email' | 'meeting' | 'demo' | 'proposal' | 'follow_up' | 'note'
  subject: string
  description: string | null
  day: Day
  hour: number
  minutes: number | null
  outcome: 'positive' | 'neutral' | 'negative' | 'no_response' | null
  nextAction: string | null
  nextActionDay: Day | null
  by: Employee
  participants: string[]
}

/** A deal. */
export interface Deal {
  id: string
  site: SiteKey
  customer: Customer
  title: string
  stage: DealStage
  probability: number
  createdDay: Day
  /** The day quoted prices and VAT refer to: the expected (or actual) close. */
  closeDay: Day
  closed: boolean
  assignedTo: Employee
  source: string
  competitors: string[]
  wonReason: string | null
  lostReason: string | null
  lostTo: string | null
  lines: DealLine[]
  activities: DealActivity[]
}

const PROBABILITY: Record<DealStage, number> = {
  LEAD: 10,
  QUALIFIED: 30,
  PROPOSAL: 50,
  NEGOTIATION: 70,
  CLOSING: 90,
  WON: 100,
  LOST: 0,
}
const COMPETITORS = [
  'ТОО «МеталлСтройКомплект»',
  'ТОО «Стеллаж-Центр»',
  'ТОО «ЭлектроЩит Астана»',
  'ИП Кравцов',
  'ТОО «Профиль-КZ»',
]
const LOST_REASONS = ['Цена выше конкурентов', 'Сроки поставки', 'Выбрали конкурента', 'Бюджет заморожен', 'Проект отложен']
const WON_REASONS = ['Сроки изготовления', 'Собственное производство', 'Лучшая цена', 'Монтаж под ключ', 'Рекомендация']

const TITLES: Record<string, readonly string[]> = {
  'FG-RACK': ['Оснащение склада стеллажами', 'Стеллажи для архива', 'Стеллажи для нового склада'],
  'FG-CAB': ['Электрощиты для объекта', 'Щиты учёта для ЖК', 'Шкафы ШРС для цеха'],
  'FG-FURN': ['Металлическая мебель для офиса', 'Шкафы ШРМ для раздевалок', 'Верстаки для мастерской'],
  'FG-FENCE': ['Ограждение территории', 'Панели 3D для объекта', 'Ворота и калитки'],
  'FG-CONT': ['Контейнеры для ТБО', 'Тара для производства'],
  default: [
    'Поставка СИЗ для персонала',
    'Поставка крепежа на объект',
    'Поставка электротехники',
    'Комплектация объекта',
    'Годовой контракт на поставку',
  ],
}

/**
 * Plans the deals. Every stage appears (the first deals take one stage each); older deals are
 * mostly closed, recent ones still in the pipeline.
 */
export function planDeals(
  rng: Rng,
  ids: Rng,
  profile: ScaleProfile,
  org: OrganizationPlan,
  crm: CrmPlan,
  assortment: Assortment,
  vat: VatRates,
): Deal[] {
  const deals: Deal[] = []
  const managers: Record<SiteKey, Employee[]> = {
    almaty: staffOf(org, ['sales']),
    karaganda: staffOf(org, ['plantSales']),
    astana: staffOf(org, ['shop']),
  }
  for (let i = 0; i < profile.deals; i++) {
    const site: SiteKey = rng.chance(0.62) ? 'almaty' : 'karaganda'
    const customer = crm.pickCompany(rng)
    const createdDay = nextWorkingDay(rng.int(SALES_START - 30, DEMO_TODAY - 2))
    const age = DEMO_TODAY - createdDay
    const stage: DealStage =
      i < DEAL_STAGES.length
        ? (DEAL_STAGES[i] as DealStage)
        : age > 90
          ? rng.weighted<DealStage>([
              ['WON', 55],
              ['LOST', 35],
              ['NEGOTIATION', 4],
              ['CLOSING', 3],
              ['PROPOSAL', 3],
            ])
          : rng.weighted<DealStage>([
              ['LEAD', 18],
              ['QUALIFIED', 18],
              ['PROPOSAL', 18],
              ['NEGOTIATION', 14],
              ['CLOSING', 10],
              ['WON', 14],
              ['LOST', 8],
            ])
    const closed = stage === 'WON' || stage === 'LOST'
    const closeDay = closed
      ? Math.min(DEMO_TODAY - 1, nextWorkingDay(createdDay + rng.int(5, Math.max(6, Math.min(age - 1, 75)))))
      : nextWorkingDay(Math.max(DEMO_TODAY + 5, createdDay + rng.int(20, 90)))
    const assignedTo = customer.site === site && customer.assignedTo ? customer.assignedTo : rng.pick(managers[site])
    const lines: DealLine[] = []
    const count = rng.int(1, 4)
    const seen = new Set<string>()
    for (let k = 0; k < count * 3 && lines.length < count; k++) {
      const product = assortment.pick(rng, site, closeDay, 'company')
      if (!product || seen.has(product.id)) continue
      seen.add(product.id)
      const quantity = lineQuantity(rng, product, 'company')
      const unitPrice = wholesalePrice(product, closeDay)
      const discountPercent = rng.weighted([
        [0, 50],
        [3, 20],
        [5, 20],
        [10, 10],
      ])
      lines.push({
        id: ids.uuid(),
        product,
        quantity,
        unitPrice,
        discountPercent,
        discountAmount: Math.round(unitPrice * quantity * discountPercent) / 100,
        taxPercent: vat.lineRate(product, closeDay),
      })
    }
    if (lines.length === 0) continue
    const main = lines.find((l) => l.product.kind === 'finished') ?? lines[0]
    const titles = TITLES[(main as DealLine).product.leaf.code] ?? TITLES.default ?? []
    const deal: Deal = {
      id: ids.uuid(),
      site,
      customer,
      title: `${rng.pick(titles)}: ${customer.name}`,
      stage,
      probability: PROBABILITY[stage],
      createdDay,
      closeDay,
      closed,
      assignedTo,
      source: rng.pick(['Входящий запрос', 'Тендер', 'Повторная продажа', 'Выставка', 'Рекомендация']),
      competitors: rng.chance(0.4) ? rng.sample(COMPETITORS, rng.int(1, 2)) : [],
      wonReason: stage === 'WON' ? rng.pick(WON_REASONS) : null,
      lostReason: stage === 'LOST' ? rng.pick(LOST_REASONS) : null,
      lostTo: stage === 'LOST' && rng.chance(0.5) ? rng.pick(COMPETITORS) : null,
      lines,
      activities: [],
    }
    deal.activities = planActivities(rng, ids, deal, managers[site])
    noteActivity(customer, createdDay)
    for (const a of deal.activities) noteActivity(customer, a.day)
    deals.push(deal)
  }
  return deals
}

const ACTIVITY_STEPS: readonly (readonly [DealActivity['type'], string, string])[] = [
  ['call', 'Первичный звонок: потребность и сроки', 'Уточнили объём, сроки и бюджет'],
  ['email', 'Отправлены каталог и прайс-лист', 'Каталог продукции и прайс на текущий квартал'],
  ['meeting', 'Встреча на объекте клиента', 'Осмотр помещения, замеры, согласование планировки'],
  ['demo', 'Показ образцов на складе в Алматы', 'Клиент осмотрел образцы и покрытие'],
  ['proposal', 'Коммерческое предложение', 'КП с ценами, сроками изготовления и доставкой'],
  ['follow_up', 'Напоминание по КП', 'Клиент сравнивает предложения'],
  ['meeting', 'Переговоры по цене и условиям оплаты', 'Обсудили скидку и отсрочку платежа'],
  ['note', 'Согласование договора', 'Договор у юристов клиента'],
]

function planActivities(rng: Rng, ids: Rng, deal: Deal, colleagues: readonly Employee[]): DealActivity[] {
  const depth = DEAL_STAGES.indexOf(deal.stage)
  const steps = deal.stage === 'LOST' ? rng.int(2, 5) : Math.min(ACTIVITY_STEPS.length, 1 + depth + rng.int(0, 1))
  const end = deal.closed ? deal.closeDay : DEMO_TODAY
  const span = Math.max(1, end - deal.createdDay)
  const out: DealActivity[] = []
  for (let k = 0; k < steps; k++) {
    const [type, subject, description] = ACTIVITY_STEPS[k] as (typeof ACTIVITY_STEPS)[number]
    const day = Math.min(end, deal.createdDay + Math.floor((span * k) / steps))
    const last = k === steps - 1
    out.push({
      id: ids.uuid(),
      type,
      subject,
      description,
      day,
      hour: rng.int(9, 17),
      minutes: type === 'call' ? rng.int(5, 25) : type === 'meeting' || type === 'demo' ? rng.int(30, 120) : null,
      outcome:
        deal.stage === 'LOST' && last
          ? 'negative'
          : rng.weighted([
              ['positive', 55],
              ['neutral', 30],
              ['no_response', 15],
            ] as const),
      nextAction: !deal.closed && last ? 'Перезвонить и уточнить решение' : null,
      nextActionDay: !deal.closed && last ? nextWorkingDay(DEMO_TODAY + rng.int(1, 10)) : null,
      by: deal.assignedTo,
      participants: [deal.assignedTo.id, ...(rng.chance(0.3) ? [rng.pick(colleagues).id] : [])].filter(
        (v, i, a) => a.indexOf(v) === i,
      ),
    })
  }
  return out
}

/** Writes deals (numbered from each site's DEAL series), their products and activities, then their values. */
export async function writeDeals(w: DemoWriter, org: OrganizationPlan, deals: readonly Deal[]): Promise<void> {
  const total = deals.length
  let done = 0
  w.progress('deals', 0, total)
  for (const [site, group] of groupBy(
    deals.slice().sort((a, b) => a.createdDay - b.createdDay),
    (d) => d.site,
  )) {
    for (const batch of chunks(group, Math.max(1, Math.floor(w.batchRows / 6)))) {
      await w.inWorkspace(org.sites[site].id, async (tx) => {
        await w.insert(
          tx,
          'deals',
          batch.map((d) => dealRow(org, d)),
          {
            computed: { deal_number: `next_document_number($2::uuid, 'DEAL', $3)` },
            params: [org.id, org.sites[site].prefix],
          },
        )
        await w.insert(
          tx,
          'deal_products',
          batch.flatMap((d) => d.lines.map((l) => dealLineRow(d, l))),
        )
        await w.insert(
          tx,
          'deal_activities',
          batch.flatMap((d) => d.activities.map((a) => activityRow(d, a))),
        )
        // a deal is worth what its products come to, VAT included (line totals are the triggers')
        await tx.query(
          `UPDATE deals d SET value = s.total
             FROM (SELECT deal_id, sum(total_price) AS total FROM deal_products WHERE deal_id = ANY($1::uuid[]) GROUP BY deal_id) s
            WHERE d.id = s.deal_id`,
          [batch.map((d) => d.id)],
        )
      })
      done += batch.length
      w.progress('deals', done, total)
    }
  }
}

function dealRow(org: OrganizationPlan, d: Deal): Row {
  const created = timestampOf(d.createdDay, 10)
  return {
    id: d.id,
    organization_id: org.id,
    workspace_id: org.sites[d.site].id,
    title: d.title,
    description: `Продукция: ${d.lines.map((l) => l.product.name).join('; ')}`.slice(0, 2000),
    customer_id: d.customer.id,
    value: 0,
    currency: 'KZT',
    stage: d.stage,
    probability: d.probability,
    expected_close_date: isoOf(d.closeDay),
    actual_close_date: d.closed ? isoOf(d.closeDay) : null,
    won_at: d.stage === 'WON' ? timestampOf(d.closeDay, 16) : null,
    lost_at: d.stage === 'LOST' ? timestampOf(d.closeDay, 16) : null,
    assigned_to: d.assignedTo.id,
    source: d.source,
    competitors: d.competitors,
    won_reason: d.wonReason,
    lost_reason: d.lostReason,
    lost_to_competitor: d.lostTo,
    one_time_revenue: 0,
    tags: [d.site === 'karaganda' ? 'производство' : 'дистрибуция'],
    created_by: d.assignedTo.id,
    created_at: created,
    updated_at: created,
  }
}

function dealLineRow(d: Deal, l: DealLine): Row {
  return {
    id: l.id,
    deal_id: d.id,
    product_id: l.product.id,
    quantity: l.quantity,
    unit_price: l.unitPrice,
    discount_percent: l.discountPercent,
    discount_amount: l.discountAmount,
    tax_percent: l.taxPercent,
    vat_included: false,
    created_at: timestampOf(d.createdDay, 10),
    updated_at: timestampOf(d.createdDay, 10),
  }
}

function activityRow(d: Deal, a: DealActivity): Row {
  return {
    id: a.id,
    deal_id: d.id,
    type: a.type,
    subject: a.subject,
    description: a.description,
    activity_date: timestampOf(a.day, a.hour),
    duration_minutes: a.minutes,
    outcome: a.outcome,
    next_action: a.nextAction,
    next_action_date: a.nextActionDay === null ? null : timestampOf(a.nextActionDay, 10),
    participants: a.participants,
    created_by: a.by.id,
    created_at: timestampOf(a.day, a.hour),
    updated_at: timestampOf(a.day, a.hour),
  }
}
