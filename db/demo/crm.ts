/**
 * Customers and suppliers: companies with BINs (and individual entrepreneurs with IINs),
 * people buying in the shop with IINs, their contacts (one primary) and addresses, the
 * suppliers each bought product comes from, and the sales pipeline: deals in every stage with
 * their products and activities.
 */
import { type DemoWriter, type Row } from './bulk'
import { DEMO_TODAY, type Day, HISTORY_START, SALES_START, isoOf, nextWorkingDay, timestampOf } from './calendar'
import { CATEGORY_TREE } from './catalog-templates'
import type { CatalogPlan, Product } from './catalog'
import { type City, type StreetAddress, addressText, newAddress, pickCity } from './geography'
import { KZ_BANKS, type KzBank, newBin, newIban, registrationDay } from './identifiers'
import {
  INDUSTRIES,
  SUPPLIER_PARTS,
  type Person,
  fullName,
  landlinePhone,
  mobilePhone,
  newCompanyName,
  newPerson,
  personalEmail,
  privateEmail,
  shortName,
} from './names'
import { type Employee, type OrganizationPlan, type SiteKey, staffOf } from './organization'
import { type Rng, SkewedPicker } from './random'
import type { ScaleProfile } from './scale'

/** Payment terms of customers and suppliers (the CHECK's values). */
export type PaymentTerms = 'PREPAYMENT' | 'NET_15' | 'NET_30' | 'NET_45' | 'NET_60'

/** Days to pay under each term. */
export const TERM_DAYS: Record<PaymentTerms, number> = { PREPAYMENT: 0, NET_15: 15, NET_30: 30, NET_45: 45, NET_60: 60 }

/** How a customer pays; drives when payments arrive. */
export type PaymentBehavior = 'excellent' | 'good' | 'fair' | 'poor'

/** A contact person of a customer. */
export interface Contact {
  id: string
  person: Person
  position: string
  email: string
  phone: string
  mobile: string
  primary: boolean
  decisionMaker: boolean
}

/** A customer: a company (BIN) or a person (IIN). */
export interface Customer {
  id: string
  kind: 'COMPANY' | 'INDIVIDUAL'
  name: string
  legalName: string | null
  person: Person | null
  email: string
  phone: string
  website: string | null
  industry: string | null
  employeeCount: number | null
  bin: string | null
  iin: string | null
  city: City
  /** The site whose team looks after the customer. */
  site: SiteKey
  paymentTerms: PaymentTerms
  behavior: PaymentBehavior
  creditLimit: number
  source: string
  segment: string
  assignedTo: Employee
  bank: KzBank
  iban: string
  contacts: Contact[]
  addresses: {
    id: string
    type: 'legal' | 'billing' | 'shipping' | 'office'
    address: StreetAddress
    primary: boolean
    billing: boolean
    shipping: boolean
  }[]
  /** Days the customer bought or talked to us, filled in by the sales and deal plans. */
  activity: { first: Day; last: Day; orders: number; revenue: number; lastOrder: Day | null }
  /** How long before its first activity the customer was registered. */
  registeredBefore: number
}

/** A supplier of bought products. */
export interface Supplier {
  id: string
  code: string
  name: string
  legalName: string
  kind: 'COMPANY' | 'INDIVIDUAL'
  person: Person
  email: string
  phone: string
  website: string | null
  city: City
  address: StreetAddress
  bin: string | null
  iin: string | null
  bank: KzBank
  iban: string
  paymentTerms: PaymentTerms
  leadTimeDays: number
  rating: number
  /** Middle categories (RAW-MET, GDS-FST…) the supplier delivers. */
  specialties: string[]
  status: 'ACTIVE' | 'INACTIVE' | 'BLOCKED'
}

/** The CRM plan. */
export interface CrmPlan {
  customers: Customer[]
  companies: Customer[]
  people: Customer[]
  suppliers: Supplier[]
  /** Draws a customer with a long tail of occasional buyers, per kind. */
  pickCompany: (rng: Rng) => Customer
  pickPerson: (rng: Rng) => Customer
}

const CONTACT_POSITIONS = [
  'Директор',
  'Главный бухгалтер',
  'Менеджер по закупкам',
  'Начальник отдела снабжения',
  'Главный инженер',
  'Заведующий складом',
  'Инженер по охране труда',
  'Прораб',
] as const

const SOURCES = [
  ['Рекомендация', 20],
  ['Сайт', 22],
  ['Холодный звонок', 12],
  ['Выставка', 8],
  ['Тендер goszakup.gov.kz', 10],
  ['Kaspi магазин', 8],
  ['2ГИС', 12],
  ['Повторное обращение', 8],
] as const

/** Middle categories bought from suppliers. */
function boughtCategories(): string[] {
  return CATEGORY_TREE.filter(([code]) => code === 'RAW' || code === 'GDS').flatMap(([, , children]) =>
    children.map(([code]) => code),
  )
}

function midCategoryOf(product: Product): string {
  for (const [, , children] of CATEGORY_TREE) {
    for (const [code, , leaves] of children) if (leaves.includes(product.leaf.code)) return code
  }
  throw new Error(`No category for ${product.leaf.code}`)
}

/** Plans suppliers and assigns each bought product its supplier. */
export function planSuppliers(
  rng: Rng,
  ids: Rng,
  profile: ScaleProfile,
  org: OrganizationPlan,
  catalog: CatalogPlan,
): Supplier[] {
  const categories = boughtCategories()
  const suppliers: Supplier[] = []
  for (let i = 0; i < profile.suppliers; i++) {
    const city = i < 4 ? ([org.sites.almaty.city, org.sites.karaganda.city][i % 2] as City) : pickCity(rng)
    const entrepreneur = rng.chance(0.08)
    const person = newPerson(rng, org.pools.iin, { minAge: 28, maxAge: 60 })
    const company = newCompanyName(rng, org.pools.brand, SUPPLIER_PARTS)
    const bank = rng.pick(KZ_BANKS)
    const name = entrepreneur ? `ИП ${shortName(person)}` : company.name
    const domain = entrepreneur ? null : company.domain
    // every bought category has a supplier: the first ones cover them in turn
    const first = i < categories.length ? (categories[i] as string) : rng.pick(categories)
    const specialties = rng.chance(0.3) ? [...new Set([first, rng.pick(categories)])] : [first]
    suppliers.push({
      id: ids.uuid(),
      code: `SUP-${String(i + 1).padStart(4, '0')}`,
      name,
      legalName: entrepreneur ? `Индивидуальный предприниматель ${fullName(person)}` : company.legalName,
      kind: entrepreneur ? 'INDIVIDUAL' : 'COMPANY',
      person,
      email: domain ? `sales@${domain}` : privateEmail(org.pools.email, person, rng),
      phone: entrepreneur ? mobilePhone(rng) : landlinePhone(rng, city.areaCode),
      website: domain ? `https://${domain}` : null,
      city,
      address: newAddress(rng, city, 'warehouse'),
      bin: entrepreneur ? null : newBin(org.pools.bin, rng, registrationDay(rng)),
      iin: entrepreneur ? person.iin : null,
      bank,
      iban: newIban(rng, bank),
      paymentTerms: rng.weighted<PaymentTerms>([
        ['PREPAYMENT', 25],
        ['NET_15', 20],
        ['NET_30', 40],
        ['NET_45', 10],
        ['NET_60', 5],
      ]),
      leadTimeDays: rng.int(2, 18),
      rating: Math.round(rng.real(5.5, 9.8) * 100) / 100,
      specialties,
      status: i >= categories.length && rng.chance(0.05) ? 'INACTIVE' : 'ACTIVE',
    })
  }
  const bySpecialty = new Map<string, number[]>()
  suppliers.forEach((s, index) => {
    if (s.status !== 'ACTIVE') return
    for (const c of s.specialties) {
      const list = bySpecialty.get(c)
      if (list) list.push(index)
      else bySpecialty.set(c, [index])
    }
  })
  for (const p of catalog.products) {
    if (p.kind !== 'goods' && p.kind !== 'material') continue
    const candidates = bySpecialty.get(midCategoryOf(p))
    if (!candidates?.length) throw new Error(`No supplier for ${midCategoryOf(p)}`)
    p.supplier = rng.pick(candidates)
  }
  return suppliers
}

/** Plans customers with contacts and addresses. */
export function planCustomers(rng: Rng, ids: Rng, profile: ScaleProfile, org: OrganizationPlan): CrmPlan {
  const customers: Customer[] = []
  const companyCount = Math.round(profile.customers * profile.companyShare)
  const managers: Record<SiteKey, Employee[]> = {
    almaty: staffOf(org, ['sales']),
    karaganda: staffOf(org, ['plantSales']),
    astana: staffOf(org, ['shop']),
  }
  for (let i = 0; i < profile.customers; i++) {
    const company = i < companyCount
    const site: SiteKey = company
      ? rng.weighted<SiteKey>([
          ['almaty', 58],
          ['karaganda', 32],
          ['astana', 10],
        ])
      : rng.weighted<SiteKey>([
          ['astana', 75],
          ['almaty', 20],
          ['karaganda', 5],
        ])
    const city = company ? pickCity(rng) : org.sites[site].city
    const bank = rng.pick(KZ_BANKS)
    const firstActivity = rng.int(HISTORY_START - 300, DEMO_TODAY - 3)
    const activity = { first: firstActivity, last: firstActivity, orders: 0, revenue: 0, lastOrder: null }
    const base = {
      id: ids.uuid(),
      city,
      site,
      bank,
      iban: newIban(rng, bank),
      source: rng.weighted(SOURCES),
      assignedTo: rng.pick(managers[site]),
      activity,
      registeredBefore: rng.int(0, 60),
    }
    if (company) {
      const name = newCompanyName(rng, org.pools.brand)
      const domain = name.domain
      const contacts: Contact[] = []
      const contactCount = rng.weighted([
        [1, 45],
        [2, 35],
        [3, 20],
      ])
      for (let k = 0; k < contactCount; k++) {
        const person = newPerson(rng, org.pools.iin, { minAge: 24, maxAge: 62 })
        contacts.push({
          id: ids.uuid(),
          person,
          position: k === 0 ? rng.pick(CONTACT_POSITIONS.slice(0, 4)) : rng.pick(CONTACT_POSITIONS),
          email: personalEmail(org.pools.email, person, domain, rng),
          phone: landlinePhone(rng, city.areaCode),
          mobile: mobilePhone(rng),
          primary: k === 0,
          decisionMaker: k === 0 || rng.chance(0.2),
        })
      }
      const legal = newAddress(rng, city, 'office')
      const warehouse = rng.chance(0.6) ? newAddress(rng, city, 'warehouse') : null
      const size = rng.weighted([
        ['small', 60],
        ['medium', 30],
        ['large', 10],
      ] as const)
      const employees = size === 'small' ? rng.int(3, 49) : size === 'medium' ? rng.int(50, 249) : rng.int(250, 5000)
      customers.push({
        ...base,
        kind: 'COMPANY',
        name: name.name,
        legalName: name.legalName,
        person: null,
        email: `info@${domain}`,
        phone: landlinePhone(rng, city.areaCode),
        website: rng.chance(0.6) ? `https://${domain}` : null,
        industry: rng.pick(INDUSTRIES),
        employeeCount: employees,
        bin: newBin(org.pools.bin, rng, registrationDay(rng)),
        iin: null,
        paymentTerms: rng.weighted<PaymentTerms>([
          ['PREPAYMENT', 22],
          ['NET_15', 15],
          ['NET_30', 45],
          ['NET_45', 12],
          ['NET_60', 6],
        ]),
        behavior: rng.weighted<PaymentBehavior>([
          ['excellent', 25],
          ['good', 45],
          ['fair', 20],
          ['poor', 10],
        ]),
        creditLimit: size === 'small' ? 1_000_000 : size === 'medium' ? 5_000_000 : 25_000_000,
        segment: size === 'small' ? 'Малый бизнес' : size === 'medium' ? 'Средний бизнес' : 'Крупный бизнес',
        contacts,
        addresses: [
          { id: ids.uuid(), type: 'legal', address: legal, primary: true, billing: true, shipping: warehouse === null },
          ...(warehouse
            ? [{ id: ids.uuid(), type: 'shipping' as const, address: warehouse, primary: false, billing: false, shipping: true }]
            : []),
        ],
      })
    } else {
      const person = newPerson(rng, org.pools.iin, { minAge: 19, maxAge: 70 })
      const email = privateEmail(org.pools.email, person, rng)
      const phone = mobilePhone(rng)
      customers.push({
        ...base,
        kind: 'INDIVIDUAL',
        name: fullName(person),
        legalName: null,
        person,
        email,
        phone,
        website: null,
        industry: null,
        employeeCount: null,
        bin: null,
        iin: person.iin,
        paymentTerms: 'PREPAYMENT',
        behavior: 'excellent',
        creditLimit: 0,
        segment: 'Частные лица',
        contacts: [
          { id: ids.uuid(), person, position: 'Покупатель', email, phone, mobile: phone, primary: true, decisionMaker: true },
        ],
        addresses: [
          {
            id: ids.uuid(),
            type: 'shipping',
            address: newAddress(rng, city, 'home'),
            primary: true,
            billing: true,
            shipping: true,
          },
        ],
      })
    }
  }
  const companies = customers.filter((c) => c.kind === 'COMPANY')
  const people = customers.filter((c) => c.kind === 'INDIVIDUAL')
  // key accounts first: the order of the shuffled lists is the popularity ranking
  const rankedCompanies = rng.shuffle(companies.slice())
  const rankedPeople = rng.shuffle(people.slice())
  const companyPicker = new SkewedPicker(Math.max(1, rankedCompanies.length), 0.8, 20)
  const personPicker = new SkewedPicker(Math.max(1, rankedPeople.length), 0.5, 50)
  return {
    customers,
    companies,
    people,
    suppliers: [],
    pickCompany: (r) => rankedCompanies[companyPicker.draw(r)] as Customer,
    pickPerson: (r) => rankedPeople[personPicker.draw(r)] as Customer,
  }
}

/** Records a day the customer was active (an order, a deal, a call). */
export function noteActivity(c: Customer, day: Day): void {
  if (day < c.activity.first) c.activity.first = day
  if (day > c.activity.last) c.activity.last = day
}

/** Registration day: shortly before the first time the customer appears. */
export function registeredOn(c: Customer): Day {
  return Math.max(HISTORY_START - 400, c.activity.first - c.registeredBefore)
}

/** Customer status from what they did: buying lately, once bought, only talking, or new. */
function customerStatus(c: Customer, hasDeals: boolean): string {
  if (c.activity.lastOrder !== null) {
    if (DEMO_TODAY - c.activity.lastOrder <= 365) return 'ACTIVE'
    return c.activity.lastOrder < SALES_START + 120 ? 'CHURNED' : 'INACTIVE'
  }
  return hasDeals ? 'PROSPECT' : 'LEAD'
}

/** Tier from planned revenue: the top 2% platinum, the next 8% gold, the next 15% silver. */
function tiers(customers: readonly Customer[]): Map<string, string> {
  const ranked = customers.filter((c) => c.activity.revenue > 0).sort((a, b) => b.activity.revenue - a.activity.revenue)
  const tier = new Map<string, string>()
  ranked.forEach((c, i) => {
    const q = i / ranked.length
    tier.set(c.id, q < 0.02 ? 'platinum' : q < 0.1 ? 'gold' : q < 0.25 ? 'silver' : 'standard')
  })
  return tier
}

/** Writes suppliers, customers (numbered from the CUSTOMER series), contacts and addresses. */
export async function writeCrm(
  w: DemoWriter,
  org: OrganizationPlan,
  crm: CrmPlan,
  customersWithDeals: ReadonlySet<string>,
): Promise<void> {
  const purchasingHead = org.departments.purchasing.headId
  const supplierRows: Row[] = crm.suppliers.map((s) => ({
    id: s.id,
    organization_id: org.id,
    workspace_id: org.sites.almaty.id,
    code: s.code,
    name: s.name,
    legal_name: s.legalName,
    type: s.kind,
    status: s.status,
    contact_person: fullName(s.person),
    email: s.email,
    phone: s.phone,
    website: s.website,
    address: addressText(s.address),
    city: s.city.name,
    country: 'KZ',
    bin: s.bin,
    iin: s.iin,
    kbe_code: s.kind === 'COMPANY' ? '17' : '19',
    vat_payer: true,
    vat_certificate: `${s.bin ?? s.iin}`.slice(0, 5) + '-НДС',
    bank_name: s.bank.name,
    iban: s.iban,
    bik: s.bank.bik,
    currency: 'KZT',
    payment_terms: s.paymentTerms,
    lead_time_days: s.leadTimeDays,
    rating: s.rating,
    tags: s.specialties,
    created_by: purchasingHead,
    created_at: timestampOf(HISTORY_START - 20, 11),
    updated_at: timestampOf(HISTORY_START - 20, 11),
  }))
  await w.insertInBatches('suppliers', 'suppliers', supplierRows, () => null)

  const tierOf = tiers(crm.customers)
  // numbered in the order they were registered, as the series would have numbered them
  const ordered = crm.customers.slice().sort((a, b) => registeredOn(a) - registeredOn(b) || (a.id < b.id ? -1 : 1))
  const customerRows: Row[] = ordered.map((c) => {
    const created = timestampOf(registeredOn(c), 10)
    return {
      id: c.id,
      organization_id: org.id,
      workspace_id: org.sites[c.site].id,
      name: c.name,
      type: c.kind,
      status: customerStatus(c, customersWithDeals.has(c.id)),
      email: c.email,
      phone: c.phone,
      website: c.website,
      company_name: c.kind === 'COMPANY' ? c.name : null,
      legal_name: c.legalName,
      industry: c.industry,
      employee_count: c.employeeCount,
      bin: c.bin,
      iin: c.iin,
      kbe_code: c.kind === 'COMPANY' ? '17' : '19',
      credit_limit: c.creditLimit,
      currency: 'KZT',
      payment_terms: c.paymentTerms,
      payment_behavior: c.activity.orders > 0 && c.kind === 'COMPANY' ? c.behavior : 'unknown',
      source: c.source,
      segment: c.segment,
      tier: tierOf.get(c.id) ?? 'standard',
      assigned_to: c.assignedTo.id,
      rating: Math.min(9.99, Math.round((3 + Math.log10(1 + c.activity.revenue)) * 100) / 100),
      last_contact_date: isoOf(Math.min(DEMO_TODAY, c.activity.last)),
      tags: c.kind === 'COMPANY' ? [c.city.name, c.segment] : ['розница'],
      custom_fields: { bank: { name: c.bank.name, bik: c.bank.bik, iban: c.kind === 'COMPANY' ? c.iban : null } },
      preferences: { language: c.person?.origin === 'kazakh' || c.city.name === 'Астана' ? 'kk' : 'ru', invoice_by_email: true },
      notes: c.kind === 'COMPANY' && c.paymentTerms === 'PREPAYMENT' ? 'Работаем по предоплате' : null,
      created_by: c.assignedTo.id,
      created_at: created,
      updated_at: created,
    }
  })
  await w.insertInBatches(
    'customers',
    'customers',
    customerRows,
    () => null,
    () => ({
      computed: { customer_number: `next_document_number($2::uuid, 'CUSTOMER', $3)` },
      params: [org.id, org.prefix],
    }),
  )

  const contactRows: Row[] = ordered.flatMap((c) =>
    c.contacts.map((k) => ({
      id: k.id,
      customer_id: c.id,
      first_name: k.person.firstName,
      last_name: k.person.lastName,
      position: k.position,
      email: k.email,
      phone: k.phone,
      mobile: k.mobile,
      is_primary: k.primary,
      is_decision_maker: k.decisionMaker,
      department: c.kind === 'COMPANY' ? (k.position.includes('бухгалтер') ? 'Бухгалтерия' : 'Снабжение') : null,
      created_at: timestampOf(registeredOn(c), 10),
      updated_at: timestampOf(registeredOn(c), 10),
    })),
  )
  await w.insertInBatches('customer contacts', 'customer_contacts', contactRows, () => null)

  const addressRows: Row[] = ordered.flatMap((c) =>
    c.addresses.map((a) => ({
      id: a.id,
      customer_id: c.id,
      type: a.type,
      address_line_1: a.address.line1,
      address_line_2: a.address.line2,
      city: a.address.city.name,
      state_region: a.address.city.region,
      postal_code: a.address.postalCode,
      country: 'KZ',
      is_primary: a.primary,
      is_default_billing: a.billing,
      is_default_shipping: a.shipping,
      coordinates: a.address.point,
      created_at: timestampOf(registeredOn(c), 10),
      updated_at: timestampOf(registeredOn(c), 10),
    })),
  )
  await w.insertInBatches('customer addresses', 'customer_addresses', addressRows, () => null)
}

/** The shipping address of an order, as the order keeps it (jsonb). */
export function shippingAddressOf(c: Customer): Record<string, string> {
  const a = (c.addresses.find((x) => x.shipping) ?? c.addresses[0]) as Customer['addresses'][number]
  return {
    line1: a.address.line1,
    city: a.address.city.name,
    region: a.address.city.region,
    postal_code: a.address.postalCode,
    country: 'KZ',
  }
}

/** The billing address of an order. */
export function billingAddressOf(c: Customer): Record<string, string> {
  const a = (c.addresses.find((x) => x.billing) ?? c.addresses[0]) as Customer['addresses'][number]
  return {
    line1: a.address.line1,
    city: a.address.city.name,
    region: a.address.city.region,
    postal_code: a.address.postalCode,
    country: 'KZ',
  }
}

/** A working day on or after `day`, not after the demo's today. */
export function businessDay(day: Day): Day {
  return Math.min(DEMO_TODAY, nextWorkingDay(day))
}
