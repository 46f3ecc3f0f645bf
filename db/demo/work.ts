/**
 * Work: installation projects for customers who bought racks and cabinets, the company's own
 * projects (the ERP roll-out, a new paint line), their tasks, follow-up tasks on customers,
 * deals and orders, and the hours people booked on them.
 */
import { type DemoWriter, type Row } from './bulk'
import { DEMO_TODAY, type Day, HISTORY_START, dayOf, isWorkingDay, isoOf, nextWorkingDay, timestampOf } from './calendar'
import type { Customer } from './crm'
import type { Deal } from './deals'
import type { Invoice } from './finance'
import type { Order } from './orders'
import { type DepartmentKey, type Employee, type OrganizationPlan, type SiteKey, staffOf } from './organization'
import type { Rng } from './random'
import type { ScaleProfile } from './scale'

type ProjectStatus = 'planning' | 'active' | 'on_hold' | 'completed' | 'cancelled'
type TaskStatus = 'pending' | 'in_progress' | 'on_hold' | 'completed' | 'cancelled'

/** A project. */
export interface Project {
  id: string
  code: string
  name: string
  description: string
  site: SiteKey
  status: ProjectStatus
  priority: 'low' | 'medium' | 'high' | 'urgent'
  customer: Customer | null
  deal: Deal | null
  manager: Employee
  department: DepartmentKey
  start: Day
  end: Day
  actualEnd: Day | null
  budget: number
  billable: boolean
  hourlyRate: number
  createdBy: Employee
}

/** A task, in a project or on its own. */
export interface Task {
  id: string
  site: SiteKey
  title: string
  type: string
  category: string
  priority: 'low' | 'medium' | 'high' | 'urgent'
  status: TaskStatus
  progress: number
  assignee: Employee
  assignedBy: Employee
  department: DepartmentKey
  project: Project | null
  customer: Customer | null
  deal: Deal | null
  order: Order | null
  parent: Task | null
  estimatedHours: number
  start: Day
  due: Day
  completed: Day | null
  hourlyRate: number
  createdBy: Employee
}

/** Hours someone booked. */
export interface TimeEntry {
  id: string
  site: SiteKey
  employee: Employee
  day: Day
  startHour: number
  hours: number
  task: Task
  billable: boolean
  rate: number
  status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'billed'
  approvedBy: Employee | null
  description: string
}

/** The work plan. */
export interface WorkPlan {
  projects: Project[]
  tasks: Task[]
  entries: TimeEntry[]
}

const INTERNAL: readonly {
  name: string
  description: string
  site: SiteKey
  department: DepartmentKey
  start: string
  end: string
  tasks: readonly string[]
}[] = [
  {
    name: 'Внедрение Prometric ERP',
    description: 'Перевод складов, производства и продаж на Prometric ERP: справочники, остатки, обучение',
    site: 'almaty',
    department: 'it',
    start: '2025-01-13',
    end: '2027-03-31',
    tasks: ['Перенос справочника товаров', 'Настройка серий документов', 'Обучение кладовщиков', 'Пилот на складе Алматы', 'Подключение магазина в Астане', 'Маркировка: сканирование кодов', 'Обучение мастеров цеха'],
  },
  {
    name: 'Запуск линии порошковой покраски',
    description: 'Монтаж печи полимеризации и камеры напыления в цехе № 1',
    site: 'karaganda',
    department: 'production',
    start: '2025-03-03',
    end: '2025-08-29',
    tasks: ['Подготовка фундамента', 'Монтаж камеры напыления', 'Пусконаладка печи', 'Обучение маляров', 'Пробная партия'],
  },
  {
    name: 'Переход на НДС 16% с 01.01.2026',
    description: 'Новый Налоговый кодекс: ставки, ценники, договоры и ЭСФ',
    site: 'almaty',
    department: 'finance',
    start: '2025-10-01',
    end: '2026-02-27',
    tasks: ['Анализ договоров с отсрочкой', 'Перепечатка ценников в магазине', 'Проверка ставок в ЭСФ', 'Письма клиентам об изменении цен'],
  },
  {
    name: 'Аттестация сварщиков НАКС',
    description: 'Подготовка и аттестация сварщиков завода',
    site: 'karaganda',
    department: 'quality',
    start: '2026-09-01',
    end: '2027-01-29',
    tasks: ['Список сварщиков', 'Договор с аттестационным центром', 'Подготовка образцов', 'Теоретический экзамен'],
  },
] // prettier-ignore

const INSTALLATION_TASKS = [
  'Замер помещения',
  'Согласование планировки',
  'Изготовление',
  'Доставка на объект',
  'Монтаж',
  'Подписание акта выполненных работ',
] as const

function statusOf(start: Day, end: Day): ProjectStatus {
  if (start > DEMO_TODAY) return 'planning'
  return end < DEMO_TODAY ? 'completed' : 'active'
}

/** Plans projects, tasks and time entries. */
export function planWork(
  rng: Rng,
  ids: Rng,
  profile: ScaleProfile,
  org: OrganizationPlan,
  deals: readonly Deal[],
  sales: readonly Order[],
  invoices: readonly Invoice[],
): WorkPlan {
  const projects: Project[] = []
  const tasks: Task[] = []
  const headOf = (d: DepartmentKey) => org.employees.find((e) => e.id === org.departments[d].headId) as Employee
  const codes = new Map<number, number>()
  const code = (day: Day) => {
    const year = Number(isoOf(day).slice(0, 4))
    const n = (codes.get(year) ?? 0) + 1
    codes.set(year, n)
    return `PRJ-${year}-${String(n).padStart(3, '0')}`
  }

  for (const p of INTERNAL.slice(0, Math.min(INTERNAL.length, profile.projects))) {
    const start = dayOf(p.start)
    const end = dayOf(p.end)
    const status = statusOf(start, end)
    projects.push({
      id: ids.uuid(),
      code: code(start),
      name: p.name,
      description: p.description,
      site: p.site,
      status,
      priority: 'high',
      customer: null,
      deal: null,
      manager: headOf(p.department),
      department: p.department,
      start,
      end,
      actualEnd: status === 'completed' ? end : null,
      budget: rng.int(30, 250) * 100_000,
      billable: false,
      hourlyRate: 0,
      createdBy: org.owner,
    })
  }
  const installable = deals.filter((d) => d.stage === 'WON' && d.lines.some((l) => l.product.kind === 'finished'))
  for (const d of rng.sample(installable, Math.max(0, profile.projects - projects.length))) {
    const start = nextWorkingDay(d.closeDay + rng.int(3, 10))
    const end = nextWorkingDay(start + rng.int(10, 60))
    let status = statusOf(start, end)
    if (status === 'active' && rng.chance(0.1)) status = 'on_hold'
    if (rng.chance(0.04)) status = 'cancelled'
    projects.push({
      id: ids.uuid(),
      code: code(start),
      name: `Монтаж: ${d.title}`.slice(0, 500),
      description: `Поставка и монтаж под ключ для ${d.customer.name}`,
      site: d.site,
      status,
      priority: rng.pick(['medium', 'high'] as const),
      customer: d.customer,
      deal: d,
      manager: d.assignedTo,
      department: d.site === 'almaty' ? 'sales' : 'plantSales',
      start,
      end,
      actualEnd: status === 'completed' ? nextWorkingDay(end + rng.int(-5, 7)) : null,
      budget: rng.int(5, 60) * 100_000,
      billable: true,
      hourlyRate: 12_000,
      createdBy: d.assignedTo,
    })
  }

  for (const project of projects) {
    const titles = INTERNAL.find((p) => p.name === project.name)?.tasks ?? INSTALLATION_TASKS
    const team = staffOf(
      org,
      project.department === 'sales' || project.department === 'plantSales'
        ? [project.department, 'warehouse', 'production']
        : [project.department, 'it'],
    )
    const span = Math.max(1, Math.min(project.end, DEMO_TODAY + 120) - project.start)
    titles.forEach((title, k) => {
      const start = nextWorkingDay(project.start + Math.floor((span * k) / titles.length))
      const due = nextWorkingDay(project.start + Math.floor((span * (k + 1)) / titles.length))
      tasks.push(
        taskOf(rng, ids, {
          title,
          project,
          start,
          due,
          assignee: rng.pick(team),
          assignedBy: project.manager,
          department: project.department,
          site: project.site,
          type: 'project',
          category: project.billable ? 'Монтаж' : 'Внутренний проект',
        }),
      )
    })
  }

  // Follow-ups: chase a payment, confirm a shipment, call back about a quote.
  const overdue = invoices.filter((i) => i.status === 'overdue')
  const openDeals = deals.filter((d) => !d.closed)
  const recentOrders = sales.filter((o) => !o.retail && DEMO_TODAY - o.day < 60)
  for (let k = 0; k < profile.looseTasks; k++) {
    const kind = rng.weighted([
      ['payment', overdue.length > 0 ? 30 : 0],
      ['deal', openDeals.length > 0 ? 40 : 0],
      ['shipment', recentOrders.length > 0 ? 30 : 0],
    ] as const)
    const site: SiteKey = rng.chance(0.65) ? 'almaty' : 'karaganda'
    const people = staffOf(org, site === 'almaty' ? ['sales'] : ['plantSales'])
    const start = nextWorkingDay(rng.int(Math.max(HISTORY_START, DEMO_TODAY - 400), DEMO_TODAY + 10))
    const due = nextWorkingDay(start + rng.int(1, 7))
    if (kind === 'payment') {
      const i = rng.pick(overdue)
      tasks.push(
        taskOf(rng, ids, {
          title: `Напомнить об оплате: ${i.customer.name}`,
          customer: i.customer,
          order: i.order,
          start: Math.max(start, i.dueDay),
          due: Math.max(due, i.dueDay + 3),
          assignee: rng.pick(staffOf(org, ['finance'])),
          assignedBy: org.owner,
          department: 'finance',
          site: i.order.site,
          type: 'payment_reminder',
          category: 'Дебиторская задолженность',
        }),
      )
    } else if (kind === 'deal') {
      const d = rng.pick(openDeals)
      tasks.push(
        taskOf(rng, ids, {
          title: `Перезвонить по КП: ${d.customer.name}`,
          customer: d.customer,
          deal: d,
          start: Math.max(start, d.createdDay),
          due: Math.max(due, d.createdDay + 3),
          assignee: d.assignedTo,
          assignedBy: d.assignedTo,
          department: d.site === 'almaty' ? 'sales' : 'plantSales',
          site: d.site,
          type: 'call',
          category: 'Продажи',
        }),
      )
    } else {
      const o = rng.pick(recentOrders)
      tasks.push(
        taskOf(rng, ids, {
          title: `Проконтролировать отгрузку заказа: ${o.customer?.name ?? ''}`,
          customer: o.customer,
          order: o,
          start: o.day,
          due: nextWorkingDay(o.day + 3),
          assignee: rng.pick(people),
          assignedBy: o.createdBy,
          department: site === 'almaty' ? 'sales' : 'plantSales',
          site: o.site,
          type: 'shipment',
          category: 'Логистика',
        }),
      )
    }
  }

  const entries: TimeEntry[] = []
  for (const t of tasks) {
    if (t.status !== 'in_progress' && t.status !== 'completed') continue
    const last = Math.min(DEMO_TODAY, t.completed ?? DEMO_TODAY)
    const budget = t.status === 'completed' ? t.estimatedHours * rng.real(0.8, 1.3) : t.estimatedHours * rng.real(0.2, 0.7)
    let booked = 0
    for (let day = t.start; day <= last && booked < budget; day++) {
      if (!isWorkingDay(day) || !rng.chance(0.6)) continue
      const hours = Math.min(8, Math.max(0.5, Math.round(rng.real(1, 6) * 2) / 2))
      booked += hours
      const age = DEMO_TODAY - day
      const billable = t.project?.billable ?? false
      entries.push({
        id: ids.uuid(),
        site: t.site,
        employee: t.assignee,
        day,
        startHour: rng.int(9, 14),
        hours,
        task: t,
        billable,
        rate: billable ? (t.project?.hourlyRate ?? t.hourlyRate) : 0,
        status:
          age <= 3
            ? 'draft'
            : age <= 10
              ? 'submitted'
              : billable && t.project?.status === 'completed'
                ? 'billed'
                : rng.chance(0.02)
                  ? 'rejected'
                  : 'approved',
        approvedBy: age > 10 ? (t.project?.manager ?? t.assignedBy) : null,
        description: t.title,
      })
    }
  }
  return { projects, tasks, entries }
}

interface TaskSpec {
  title: string
  start: Day
  due: Day
  assignee: Employee
  assignedBy: Employee
  department: DepartmentKey
  site: SiteKey
  type: string
  category: string
  project?: Project
  customer?: Customer | null
  deal?: Deal
  order?: Order
}

function taskOf(rng: Rng, ids: Rng, s: TaskSpec): Task {
  let status: TaskStatus
  if (s.project?.status === 'cancelled') status = 'cancelled'
  else if (s.due < DEMO_TODAY - 2) status = rng.chance(0.93) ? 'completed' : 'cancelled'
  else if (s.start <= DEMO_TODAY) status = s.project?.status === 'on_hold' ? 'on_hold' : 'in_progress'
  else status = 'pending'
  const completed = status === 'completed' ? Math.min(DEMO_TODAY, nextWorkingDay(s.due + rng.int(-3, 2))) : null
  return {
    id: ids.uuid(),
    site: s.site,
    title: s.title.slice(0, 500),
    type: s.type,
    category: s.category,
    priority: rng.weighted([
      ['medium', 55],
      ['high', 25],
      ['low', 15],
      ['urgent', 5],
    ] as const),
    status,
    progress: status === 'completed' ? 100 : status === 'in_progress' ? rng.int(10, 90) : 0,
    assignee: s.assignee,
    assignedBy: s.assignedBy,
    department: s.department,
    project: s.project ?? null,
    customer: s.customer ?? s.project?.customer ?? null,
    deal: s.deal ?? s.project?.deal ?? null,
    order: s.order ?? null,
    parent: null,
    estimatedHours: s.type === 'project' ? rng.int(4, 40) : rng.int(1, 3),
    start: Math.min(s.start, s.due),
    due: s.due,
    completed: completed === null ? null : Math.max(completed, Math.min(s.start, s.due)),
    hourlyRate: s.project?.hourlyRate ?? 0,
    createdBy: s.assignedBy,
  }
}

/** Writes projects, tasks and time entries, site by site. */
export async function writeWork(w: DemoWriter, org: OrganizationPlan, plan: WorkPlan): Promise<void> {
  const hours = new Map<string, number>()
  for (const e of plan.entries) hours.set(e.task.id, (hours.get(e.task.id) ?? 0) + e.hours)
  const total = plan.projects.length + plan.tasks.length + plan.entries.length
  let done = 0
  w.progress('projects and time', 0, total)
  for (const key of Object.keys(org.sites) as SiteKey[]) {
    const site = org.sites[key].id
    await w.inWorkspace(site, async (tx) => {
      const projects = plan.projects.filter((p) => p.site === key)
      await w.insert(
        tx,
        'projects',
        projects.map((p) => projectRow(org, p)),
      )
      const tasks = plan.tasks.filter((t) => t.site === key)
      await w.insert(
        tx,
        'tasks',
        tasks.map((t) => taskRow(org, t, hours.get(t.id) ?? 0)),
      )
      done += projects.length + tasks.length
    })
    const entries = plan.entries.filter((e) => e.site === key)
    for (let i = 0; i < entries.length; i += w.batchRows) {
      const batch = entries.slice(i, i + w.batchRows)
      await w.inWorkspace(site, (tx) =>
        w.insert(
          tx,
          'time_entries',
          batch.map((e) => entryRow(org, e)),
        ),
      )
      done += batch.length
      w.progress('projects and time', done, total)
    }
  }
  w.progress('projects and time', total, total)
}

function projectRow(org: OrganizationPlan, p: Project): Row {
  const created = timestampOf(Math.min(p.start, DEMO_TODAY) - 5, 10)
  return {
    id: p.id,
    organization_id: org.id,
    workspace_id: org.sites[p.site].id,
    code: p.code,
    name: p.name,
    description: p.description,
    status: p.status,
    priority: p.priority,
    customer_id: p.customer?.id ?? null,
    deal_id: p.deal?.id ?? null,
    manager_id: p.manager.id,
    department_id: org.departments[p.department].id,
    start_date: isoOf(p.start),
    end_date: isoOf(p.end),
    actual_end_date: p.actualEnd === null ? null : isoOf(p.actualEnd),
    budget: p.budget,
    currency: 'KZT',
    is_billable: p.billable,
    hourly_rate: p.hourlyRate,
    tags: p.billable ? ['монтаж'] : ['внутренний'],
    created_by: p.createdBy.id,
    created_at: created,
    updated_at: created,
  }
}

function taskRow(org: OrganizationPlan, t: Task, actual: number): Row {
  const created = timestampOf(Math.min(t.start, DEMO_TODAY), 9)
  const hours = Math.round(actual * 100) / 100
  return {
    id: t.id,
    organization_id: org.id,
    workspace_id: org.sites[t.site].id,
    title: t.title,
    type: t.type,
    category: t.category,
    priority: t.priority,
    status: t.status,
    progress_percent: t.progress,
    assigned_to: t.assignee.id,
    assigned_by: t.assignedBy.id,
    department_id: org.departments[t.department].id,
    project_id: t.project?.id ?? null,
    customer_id: t.customer?.id ?? null,
    deal_id: t.deal?.id ?? null,
    order_id: t.order?.id ?? null,
    related_entity_type: t.order ? 'order' : t.deal ? 'deal' : t.customer ? 'customer' : null,
    related_entity_id: t.order?.id ?? t.deal?.id ?? t.customer?.id ?? null,
    estimated_hours: t.estimatedHours,
    actual_hours: hours,
    billable_hours: t.project?.billable ? hours : 0,
    hourly_rate: t.hourlyRate,
    start_date: isoOf(t.start),
    due_date: isoOf(t.due),
    completed_date: t.completed === null ? null : isoOf(t.completed),
    created_by: t.createdBy.id,
    created_at: created,
    updated_at: created,
  }
}

function entryRow(org: OrganizationPlan, e: TimeEntry): Row {
  const end = e.startHour * 60 + Math.round(e.hours * 60)
  return {
    id: e.id,
    organization_id: org.id,
    workspace_id: org.sites[e.site].id,
    employee_id: e.employee.id,
    entry_date: isoOf(e.day),
    start_time: `${String(e.startHour).padStart(2, '0')}:00`,
    end_time: `${String(Math.min(23, Math.floor(end / 60))).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`,
    duration_hours: e.hours,
    break_hours: e.hours >= 6 ? 1 : 0,
    task_id: e.task.id,
    project_id: e.task.project?.id ?? null,
    customer_id: e.task.customer?.id ?? null,
    is_billable: e.billable,
    hourly_rate: e.rate,
    status: e.status,
    description: e.description,
    approved_by: e.approvedBy?.id ?? null,
    approved_at: e.approvedBy ? timestampOf(Math.min(DEMO_TODAY, e.day + 7), 17) : null,
    rejection_reason: e.status === 'rejected' ? 'Уточните задачу и описание работ' : null,
    created_at: timestampOf(e.day, 18),
    updated_at: timestampOf(e.day, 18),
  }
}
