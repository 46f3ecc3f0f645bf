/**
 * The demo organization itself: its sites (workspaces) in Almaty, Karaganda and Astana, its
 * departments with their heads, its people (users with roles and their employee records) and
 * its document number series.
 */
import { type OrganizationRole, type Permission } from '../../shared/permissions'
import { type DemoWriter, type Row } from './bulk'
import { DEMO_TODAY, type Day, HISTORY_START, isoOf, timestampOf } from './calendar'
import { type City, type StreetAddress, addressText, cityNamed, newAddress } from './geography'
import { IdentifierPool, newBin } from './identifiers'
import { type Person, landlinePhone, mobilePhone, newPerson, personalEmail } from './names'
import { apportion } from './catalog'
import type { Rng } from './random'
import type { ScaleProfile } from './scale'

/** The three sites of the demo company. */
export type SiteKey = 'almaty' | 'karaganda' | 'astana'

/** A workspace: a site with its own stock, documents and number series. */
export interface Site {
  id: string
  key: SiteKey
  name: string
  type: 'main' | 'division' | 'branch'
  description: string
  city: City
  address: StreetAddress
  /** Prefix of the site's document numbers (DALA-ORD-000123). */
  prefix: string
  /** The shop works on Saturdays. */
  worksSaturday: boolean
}

/** Departments of the demo company. */
export type DepartmentKey =
  'management' | 'sales' | 'purchasing' | 'warehouse' | 'finance' | 'it' | 'production' | 'quality' | 'plantSales' | 'shop'

/** A department with its head. */
export interface Department {
  id: string
  key: DepartmentKey
  name: string
  code: string
  site: SiteKey
  parent: DepartmentKey | null
  headId: string | null
  budget: number
  costCenter: string
}

/** A person working for the demo company: a user account and an employee record. */
export interface Employee {
  id: string
  userId: string
  person: Person
  email: string
  phone: string
  role: OrganizationRole
  position: string
  department: DepartmentKey
  site: SiteKey
  hireDay: Day
  terminationDay: Day | null
  salary: number
  permissions: Permission[]
  /** Hourly rate charged to customers for billable time. */
  hourlyRate: number
  /** Language of the interface the person chose. */
  locale: 'ru' | 'kk'
  lastLogin: string
  emergencyContact: { name: string; phone: string; relation: string }
}

/** The organization and everything about it that other domains refer to. */
export interface OrganizationPlan {
  id: string
  name: string
  legalName: string
  bin: string
  domain: string
  address: StreetAddress
  phone: string
  sites: Record<SiteKey, Site>
  departments: Record<DepartmentKey, Department>
  employees: Employee[]
  owner: Employee
  /** Prefix of organization-wide series (customers, employees). */
  prefix: string
  /** Identifier pools shared by every domain, so no IIN, BIN or e-mail repeats. */
  pools: { iin: IdentifierPool; bin: IdentifierPool; email: IdentifierPool; brand: IdentifierPool }
}

const DEPARTMENTS: readonly (readonly [DepartmentKey, string, string, SiteKey, DepartmentKey | null, number])[] = [
  // key, name, code, site, parent, share of staff (%)
  ['management', 'Руководство', 'ADM', 'almaty', null, 0],
  ['sales', 'Отдел продаж', 'SAL', 'almaty', 'management', 16],
  ['purchasing', 'Отдел закупок', 'PUR', 'almaty', 'management', 7],
  ['warehouse', 'Склад Алматы', 'WHS', 'almaty', 'management', 11],
  ['finance', 'Бухгалтерия', 'FIN', 'almaty', 'management', 7],
  ['it', 'ИТ и внедрение ERP', 'IT', 'almaty', 'management', 3],
  ['production', 'Производство', 'PRD', 'karaganda', 'management', 30],
  ['quality', 'Отдел технического контроля', 'QC', 'karaganda', 'production', 5],
  ['plantSales', 'Коммерческий отдел завода', 'SAL-K', 'karaganda', 'management', 7],
  ['shop', 'Магазин Астана', 'SHP', 'astana', 'management', 14],
]

const POSITIONS: Record<DepartmentKey, { head: string; staff: readonly string[] }> = {
  management: { head: 'Генеральный директор', staff: ['Коммерческий директор'] },
  sales: { head: 'Руководитель отдела продаж', staff: ['Менеджер по продажам', 'Старший менеджер по продажам', 'Менеджер по работе с ключевыми клиентами'] },
  purchasing: { head: 'Начальник отдела закупок', staff: ['Менеджер по закупкам', 'Специалист по логистике'] },
  warehouse: { head: 'Заведующий складом', staff: ['Кладовщик', 'Комплектовщик', 'Водитель погрузчика', 'Водитель-экспедитор'] },
  finance: { head: 'Главный бухгалтер', staff: ['Бухгалтер', 'Бухгалтер по расчётам с покупателями', 'Кассир'] },
  it: { head: 'Системный администратор', staff: ['Специалист по внедрению ERP'] },
  production: { head: 'Начальник производства', staff: ['Мастер участка', 'Сварщик', 'Слесарь-сборщик', 'Оператор лазерной резки', 'Маляр порошковой покраски', 'Инженер-технолог', 'Оператор листогиба'] },
  quality: { head: 'Начальник ОТК', staff: ['Контролёр ОТК'] },
  plantSales: { head: 'Коммерческий директор завода', staff: ['Менеджер по продажам', 'Инженер по работе с клиентами'] },
  shop: { head: 'Директор магазина', staff: ['Продавец-консультант', 'Старший продавец', 'Кассир'] },
} // prettier-ignore

// What employees of a department may do beyond their role's defaults.
const EXTRA_PERMISSIONS: Record<DepartmentKey, Permission[]> = {
  management: [],
  sales: ['customers.manage', 'deals.manage', 'orders.manage', 'tasks.manage'],
  purchasing: ['orders.manage'],
  warehouse: [],
  finance: ['invoices.manage', 'payments.manage', 'data.export'],
  it: ['users.manage', 'settings.manage'],
  production: ['production.plan'],
  quality: ['production.qc'],
  plantSales: ['customers.manage', 'deals.manage', 'orders.manage'],
  shop: ['orders.manage', 'payments.manage', 'customers.manage'],
}

const SALARY_RANGE: Record<DepartmentKey, readonly [number, number]> = {
  management: [1_500_000, 2_500_000],
  sales: [380_000, 750_000],
  purchasing: [350_000, 600_000],
  warehouse: [250_000, 420_000],
  finance: [350_000, 650_000],
  it: [500_000, 900_000],
  production: [300_000, 600_000],
  quality: [320_000, 480_000],
  plantSales: [380_000, 700_000],
  shop: [230_000, 380_000],
}

/** Prefixes of the three sites' document numbers; an instance number keeps a second demo apart. */
function sitePrefix(code: string, instance: number): string {
  return instance === 0 ? `D${code}` : `D${instance + 1}${code}`
}

/**
 * Plans the organization: a manufacturer and distributor in Kazakhstan with three sites.
 * `instance` is how many organizations the database already holds (0 for an empty one): it keeps
 * the numbers, e-mail addresses and the BIN of a second demo company apart from the first.
 */
export function planOrganization(rng: Rng, ids: Rng, profile: ScaleProfile, instance: number): OrganizationPlan {
  const pools = { iin: new IdentifierPool(), bin: new IdentifierPool(), email: new IdentifierPool(), brand: new IdentifierPool() }
  const suffix = instance === 0 ? '' : ` ${instance + 1}`
  const brand = `Сарыарқа Индастри${suffix}`
  pools.brand.take(() => brand)
  // .example (RFC 2606) never delivers: the demo must not e-mail a real mailbox by accident
  const domain = `saryarqa${instance === 0 ? '' : instance + 1}.example`
  const almaty = cityNamed('Алматы')
  const karaganda = cityNamed('Караганда')
  const astana = cityNamed('Астана')
  const sites: Record<SiteKey, Site> = {
    almaty: {
      id: ids.uuid(),
      key: 'almaty',
      name: 'Центральный склад, Алматы',
      type: 'main',
      description: 'Головной офис, оптовые продажи и центральный склад',
      city: almaty,
      address: newAddress(rng, almaty, 'warehouse'),
      prefix: sitePrefix('ALA', instance),
      worksSaturday: false,
    },
    karaganda: {
      id: ids.uuid(),
      key: 'karaganda',
      name: 'Производство, Караганда',
      type: 'division',
      description: 'Завод металлоконструкций: резка, гибка, сварка, порошковая покраска, сборка',
      city: karaganda,
      address: newAddress(rng, karaganda, 'warehouse'),
      prefix: sitePrefix('KRG', instance),
      worksSaturday: false,
    },
    astana: {
      id: ids.uuid(),
      key: 'astana',
      name: 'Магазин, Астана',
      type: 'branch',
      description: 'Розничный магазин инструмента, крепежа, СИЗ и медицинских изделий',
      city: astana,
      address: newAddress(rng, astana, 'office'),
      prefix: sitePrefix('AST', instance),
      worksSaturday: true,
    },
  }

  const departments = {} as Record<DepartmentKey, Department>
  for (const [key, name, code, site, parent] of DEPARTMENTS) {
    departments[key] = {
      id: ids.uuid(),
      key,
      name,
      code,
      site,
      parent,
      headId: null,
      budget: rng.int(20, 400) * 100_000,
      costCenter: `CC-${code}`,
    }
  }

  const employees: Employee[] = []
  const hire = (department: DepartmentKey, role: OrganizationRole, position: string): Employee => {
    const person = newPerson(rng, pools.iin, { minAge: 22, maxAge: 60 })
    const [low, high] = SALARY_RANGE[department]
    const veteran = role === 'owner' || rng.chance(0.6)
    const hireDay = veteran ? HISTORY_START - rng.int(30, 3000) : rng.int(HISTORY_START, DEMO_TODAY - 30)
    const left = role === 'employee' && rng.chance(0.05) ? rng.int(Math.max(hireDay, HISTORY_START) + 30, DEMO_TODAY - 1) : null
    const salary = Math.round(rng.int(low, high) / 5000) * 5000 * (role === 'manager' ? 1.3 : 1)
    const employee: Employee = {
      id: ids.uuid(),
      userId: ids.uuid(),
      person,
      email: personalEmail(pools.email, person, domain, rng),
      phone: mobilePhone(rng),
      role,
      position,
      department,
      site: departments[department].site,
      hireDay,
      terminationDay: left !== null && left > hireDay ? left : null,
      salary,
      permissions: EXTRA_PERMISSIONS[department],
      hourlyRate: Math.round(salary / 168 / 100) * 100 * 2,
      locale: person.origin === 'kazakh' && rng.chance(0.3) ? 'kk' : 'ru',
      lastLogin: timestampOf(DEMO_TODAY - rng.int(0, 8), rng.int(8, 18), rng.int(0, 59)),
      emergencyContact: {
        name: `${person.lastName} ${rng.pick(['А.', 'Б.', 'Г.', 'Д.', 'Е.', 'Ж.', 'К.', 'М.', 'Н.', 'С.'])}`,
        phone: mobilePhone(rng),
        relation: rng.pick(['супруг(а)', 'мать', 'отец', 'брат', 'сестра']),
      },
    }
    employees.push(employee)
    return employee
  }

  // The owner runs the company; two administrators (finance and IT) keep it running.
  const owner = hire('management', 'owner', 'Генеральный директор')
  departments.management.headId = owner.id
  hire('management', 'admin', 'Финансовый директор')
  const it = hire('it', 'admin', POSITIONS.it.head)
  departments.it.headId = it.id
  for (const [key] of DEPARTMENTS) {
    if (key === 'management' || key === 'it') continue
    departments[key].headId = hire(key, 'manager', POSITIONS[key].head).id
  }
  const shares = DEPARTMENTS.filter(([, , , , , share]) => share > 0)
  const counts = apportion(
    profile.employees - employees.length,
    shares.map((d) => d[5]),
  )
  shares.forEach(([key], i) => {
    for (let k = 0; k < (counts[i] as number); k++) {
      const position = rng.pick(POSITIONS[key].staff)
      const role: OrganizationRole = /Старший|ключевыми|Мастер|Инженер-технолог/.test(position) ? 'manager' : 'employee'
      hire(key, role, position)
    }
  })

  const name = `ТОО «${brand}»`
  return {
    id: ids.uuid(),
    name,
    legalName: `Товарищество с ограниченной ответственностью «${brand}»`,
    bin: newBin(pools.bin, rng, HISTORY_START - rng.int(2000, 6000)),
    domain,
    address: sites.almaty.address,
    phone: landlinePhone(rng, almaty.areaCode),
    sites,
    departments,
    employees,
    owner,
    prefix: instance === 0 ? 'DEMO' : `DEMO${instance + 1}`,
    pools,
  }
}

/** Employees of a department, or of several, who are still with the company on a day. */
export function staffOf(org: OrganizationPlan, departments: readonly DepartmentKey[], on: Day = DEMO_TODAY): Employee[] {
  const found = org.employees.filter(
    (e) => departments.includes(e.department) && e.hireDay <= on && (e.terminationDay === null || e.terminationDay > on),
  )
  return found.length > 0 ? found : org.employees.filter((e) => departments.includes(e.department))
}

/** What the demo records about itself in organizations.settings. */
export interface DemoSettings {
  demo: true
  /** A demo company never syncs with head office. */
  sync: { enabled: false }
  demoGeneration: { seed: number; scale: string; status: 'generating' | 'complete'; version: number }
}

/** Bumped when the generator's output changes shape, so a demo knows what made it. */
export const DEMO_GENERATOR_VERSION = 1

/** Writes the organization, its sites, users, departments, employees and number series. */
export async function writeOrganization(w: DemoWriter, org: OrganizationPlan, settings: DemoSettings): Promise<void> {
  const total = 4 + org.employees.length * 2 + Object.keys(org.departments).length
  w.progress('organization', 0, total)
  const createdAt = timestampOf(HISTORY_START - 10, 9)
  await w.inWorkspace(null, async (tx) => {
    await w.insert(tx, 'users', org.employees.map(userRow))
    await w.insert(tx, 'organizations', [
      {
        id: org.id,
        name: org.name,
        bin: org.bin,
        legal_name: org.legalName,
        address: addressText(org.address),
        phone: org.phone,
        email: `info@${org.domain}`,
        website: `https://${org.domain}`,
        industry: 'Производство металлоконструкций и оптовая торговля',
        employee_count: org.employees.filter((e) => e.terminationDay === null).length,
        annual_revenue: 0,
        tax_id: org.bin,
        registration_number: org.bin,
        status: 'active',
        settings,
        metadata: { city: 'Алматы', legal_form: 'ТОО', kbe: '17', vat_payer: true },
        created_at: createdAt,
        updated_at: createdAt,
      },
    ])
    await w.insert(
      tx,
      'workspaces',
      Object.values(org.sites).map((s) => ({
        id: s.id,
        organization_id: org.id,
        name: s.name,
        description: s.description,
        type: s.type,
        status: 'active',
        settings: { city: s.city.name, address: addressText(s.address), document_prefix: s.prefix },
        created_by: org.owner.userId,
        created_at: createdAt,
        updated_at: createdAt,
      })),
    )
    // Heads are set once their employee records exist (departments and employees refer to each other).
    await w.insert(
      tx,
      'departments',
      Object.values(org.departments).map((d) => ({
        id: d.id,
        organization_id: org.id,
        workspace_id: org.sites[d.site].id,
        name: d.name,
        code: d.code,
        parent_id: d.parent ? org.departments[d.parent].id : null,
        budget: d.budget,
        cost_center: d.costCenter,
        is_active: true,
        created_at: createdAt,
        updated_at: createdAt,
      })),
    )
    await writeSeries(w, tx, org)
    await w.insert(
      tx,
      'employees',
      org.employees.map((e) => employeeRow(e, org)),
      {
        computed: { employee_number: `next_document_number($2::uuid, 'EMPLOYEE', $3)` },
        params: [org.id, org.prefix],
      },
    )
    for (const d of Object.values(org.departments)) {
      await tx.query('UPDATE departments SET head_id = $2 WHERE id = $1', [d.id, d.headId])
    }
  })
  w.progress('organization', total, total)
}

function userRow(e: Employee): Row {
  const active = e.terminationDay === null
  return {
    id: e.userId,
    email: e.email,
    // No usable password: the app signs the demo owner in itself; a real password is set by
    // whoever turns the demo into a company of their own.
    password_hash: '!demo-no-password',
    first_name: e.person.firstName,
    last_name: e.person.lastName,
    phone: e.phone,
    organization_role: e.role,
    status: active ? 'active' : 'inactive',
    registration_status: 'completed',
    last_login_at: active ? e.lastLogin : null,
    created_at: timestampOf(Math.max(e.hireDay, HISTORY_START - 10), 9),
    updated_at: timestampOf(Math.max(e.hireDay, HISTORY_START - 10), 9),
  }
}

function employeeRow(e: Employee, org: OrganizationPlan): Row {
  const since = timestampOf(Math.max(e.hireDay, HISTORY_START - 10), 9)
  return {
    id: e.id,
    user_id: e.userId,
    organization_id: org.id,
    workspace_id: org.sites[e.site].id,
    department_id: org.departments[e.department].id,
    position: e.position,
    hire_date: isoOf(e.hireDay),
    termination_date: e.terminationDay === null ? null : isoOf(e.terminationDay),
    salary: e.salary,
    currency: 'KZT',
    status: e.terminationDay === null ? 'active' : 'terminated',
    permissions: e.permissions,
    settings: { locale: e.locale },
    documents: {
      iin: e.person.iin,
      patronymic: e.person.patronymic,
      birth_date: isoOf(e.person.birth),
      id_card: { number: e.person.iin.slice(3, 12), issued_by: 'МВД РК' },
    },
    emergency_contact: e.emergencyContact,
    created_at: since,
    updated_at: since,
  }
}

const SITE_SERIES = ['ORDER', 'INVOICE', 'PAYMENT', 'DEAL', 'PRODUCTION'] as const
const ORGANIZATION_SERIES = ['CUSTOMER', 'EMPLOYEE'] as const

/**
 * Number series as 0011 intends them: each site numbers its own documents under its prefix
 * (a terminal's series), customers and employees are numbered organization-wide. The demo's
 * series belong to no real terminal (owner "demo") and never sync.
 */
async function writeSeries(w: DemoWriter, tx: Parameters<DemoWriter['insert']>[0], org: OrganizationPlan): Promise<void> {
  const rows: Row[] = []
  for (const site of Object.values(org.sites)) {
    for (const type of SITE_SERIES) {
      rows.push({
        organization_id: org.id,
        workspace_id: site.id,
        owner_type: 'terminal',
        owner_id: 'demo',
        document_type: type,
        prefix: site.prefix,
        next_number: 1,
        number_width: 6,
        is_active: true,
      })
    }
  }
  for (const type of ORGANIZATION_SERIES) {
    rows.push({
      organization_id: org.id,
      workspace_id: null,
      owner_type: 'head_office',
      owner_id: null,
      document_type: type,
      prefix: org.prefix,
      next_number: 1,
      number_width: type === 'EMPLOYEE' ? 4 : 6,
      is_active: true,
    })
  }
  await w.insert(tx, 'document_series', rows)
}
