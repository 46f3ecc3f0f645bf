/**
 * Money: invoices for what was shipped (with their e-invoice, ESF, details), proformas for
 * prepaid orders, credit notes for returns, and payments that arrive as each customer pays —
 * early, on time, late or in parts, several invoices at once through payment_allocations; the
 * Astana shop takes card and cash at the till. Amounts paid are what the triggers computed the
 * documents to be, read back after they are written.
 */
import { type DemoWriter, type Row, chunks } from './bulk'
import { DEMO_TODAY, type Day, isoOf, nextWorkingDay, timestampOf } from './calendar'
import { type Customer, TERM_DAYS } from './crm'
import type { Order, OrderLine } from './orders'
import { type Employee, type OrganizationPlan, type SiteKey, staffOf } from './organization'
import type { Rng } from './random'
import { reserving, shipped } from './sales'

/** An invoice to plan. */
export interface Invoice {
  id: string
  order: Order
  customer: Customer
  type: 'STANDARD' | 'PROFORMA' | 'CREDIT_NOTE'
  status: 'draft' | 'sent' | 'overdue'
  issueDay: Day
  dueDay: Day
  lines: { id: string; line: OrderLine; quantity: number }[]
  createdBy: Employee
  esf: boolean
  poNumber: string | null
}

/** How much of an invoice a payment settles. */
export type Share = { kind: 'full' } | { kind: 'part'; fraction: number } | { kind: 'rest'; fraction: number }

/** A payment to plan: against invoices (allocations) or at the till against an order. */
export interface Payment {
  id: string
  site: SiteKey
  customer: Customer
  day: Day
  method: 'CASH' | 'BANK_TRANSFER' | 'CARD'
  status: 'completed' | 'pending' | 'failed'
  /** The till: the order itself, no invoice. */
  order: Order | null
  allocations: { id: string; invoice: Invoice; share: Share }[]
  processedBy: Employee
}

/** The finance plan. */
export interface FinancePlan {
  invoices: Invoice[]
  payments: Payment[]
}

function intent(rng: Rng, c: Customer, issue: Day, due: Day, prepaid: boolean): { day: Day; parts: [Share, Day][] } {
  if (prepaid) return { day: issue, parts: [[{ kind: 'full' }, issue]] }
  const span = Math.max(1, due - issue)
  switch (c.behavior) {
    case 'excellent':
      return { day: issue, parts: [[{ kind: 'full' }, issue + rng.int(0, Math.ceil(span / 2))]] }
    case 'good':
      return { day: issue, parts: [[{ kind: 'full' }, due + rng.int(-5, 3)]] }
    case 'fair':
      if (rng.chance(0.15)) {
        const f = Math.round(rng.real(0.3, 0.7) * 100) / 100
        return {
          day: issue,
          parts: [
            [{ kind: 'part', fraction: f }, due + rng.int(0, 10)],
            [{ kind: 'rest', fraction: f }, due + rng.int(15, 45)],
          ],
        }
      }
      return { day: issue, parts: [[{ kind: 'full' }, due + rng.int(1, 20)]] }
    case 'poor': {
      if (rng.chance(0.4)) {
        const f = 0.5
        return {
          day: issue,
          parts: [
            [{ kind: 'part', fraction: f }, due + rng.int(5, 25)],
            [{ kind: 'rest', fraction: f }, due + rng.int(40, 100)],
          ],
        }
      }
      return { day: issue, parts: [[{ kind: 'full' }, due + rng.int(15, 60)]] }
    }
  }
}

/**
 * Plans invoices and payments for the sales orders. Sets an order's payment_status to overdue
 * when its invoice is past due and unpaid (paid and partial are the triggers').
 */
export function planFinance(rng: Rng, ids: Rng, org: OrganizationPlan, sales: readonly Order[]): FinancePlan {
  const accountants = staffOf(org, ['finance'])
  const cashiers = staffOf(org, ['shop'])
  const invoices: Invoice[] = []
  const payments: Payment[] = []
  const pending: { invoice: Invoice; share: Share; day: Day }[] = []

  for (const o of sales) {
    const c = o.customer
    if (!c || o.status === 'cancelled' || o.status === 'pending') continue
    if (o.retail) {
      if (!shipped(o.status)) continue
      payments.push({
        id: ids.uuid(),
        site: o.site,
        customer: c,
        day: o.day,
        method: rng.chance(0.65) ? 'CARD' : 'CASH',
        status: 'completed',
        order: o,
        allocations: [],
        processedBy: rng.pick(cashiers),
      })
      continue
    }
    const prepaid = o.paymentTerms === 'PREPAYMENT'
    const base = {
      order: o,
      customer: c,
      createdBy: rng.pick(accountants),
      poNumber: rng.chance(0.4) ? `Заявка № ${rng.int(100, 9999)}` : null,
    }
    if (reserving(o.status) && prepaid) {
      // a prepaid order waits for its money: the proforma goes out with the confirmation
      const proforma: Invoice = {
        ...base,
        id: ids.uuid(),
        type: 'PROFORMA',
        status: 'sent',
        issueDay: o.day,
        dueDay: nextWorkingDay(o.day + 3),
        lines: o.lines.map((l) => ({ id: ids.uuid(), line: l, quantity: l.quantity })),
        esf: false,
      }
      invoices.push(proforma)
      if (rng.chance(0.7))
        pending.push({ invoice: proforma, share: { kind: 'full' }, day: nextWorkingDay(o.day + rng.int(0, 2)) })
      continue
    }
    if (!shipped(o.status) || o.shippedDay === null) continue
    const issue = o.shippedDay
    const due = nextWorkingDay(issue + TERM_DAYS[o.paymentTerms])
    const draft = issue >= DEMO_TODAY - 1 && rng.chance(0.3)
    const invoice: Invoice = {
      ...base,
      id: ids.uuid(),
      type: 'STANDARD',
      status: 'sent',
      issueDay: issue,
      dueDay: due,
      lines: o.lines.map((l) => ({ id: ids.uuid(), line: l, quantity: l.quantity })),
      esf: !draft,
    }
    if (draft) invoice.status = 'draft'
    invoices.push(invoice)
    if (!draft) {
      const plan = intent(rng, c, issue, due, prepaid)
      let paidByToday = false
      for (const [share, day] of plan.parts) {
        const d = nextWorkingDay(Math.max(issue, day))
        if (d > DEMO_TODAY) break
        pending.push({ invoice, share, day: d })
        paidByToday = share.kind !== 'part'
      }
      if (!paidByToday && due < DEMO_TODAY) {
        invoice.status = 'overdue'
        o.paymentStatus = 'overdue'
      }
    }
    if (o.status === 'returned' && o.returnDay !== null) {
      invoices.push({
        ...base,
        id: ids.uuid(),
        type: 'CREDIT_NOTE',
        status: 'sent',
        issueDay: o.returnDay,
        dueDay: o.returnDay,
        lines: o.lines.filter((l) => l.returned > 0).map((l) => ({ id: ids.uuid(), line: l, quantity: l.returned })),
        esf: true,
        poNumber: `Возврат по заказу`,
      })
    }
  }

  // Payments: several invoices of a customer paid the same week often go in one transfer.
  const byCustomer = new Map<string, typeof pending>()
  for (const p of pending.sort((a, b) => a.day - b.day)) {
    const key = `${p.invoice.customer.id}|${p.invoice.order.site}`
    const list = byCustomer.get(key)
    if (list) list.push(p)
    else byCustomer.set(key, [p])
  }
  for (const list of byCustomer.values()) {
    let i = 0
    while (i < list.length) {
      const first = list[i] as (typeof list)[number]
      const together = [first]
      i++
      while (
        i < list.length &&
        rng.chance(0.35) &&
        (list[i] as (typeof list)[number]).day - first.day <= 5 &&
        together.length < 4
      ) {
        if (together.some((t) => t.invoice === (list[i] as (typeof list)[number]).invoice)) break
        together.push(list[i] as (typeof list)[number])
        i++
      }
      const day = Math.max(...together.map((t) => t.day))
      const recent = DEMO_TODAY - day <= 2
      const status = recent && rng.chance(0.25) ? 'pending' : rng.chance(0.01) ? 'failed' : 'completed'
      const payment: Payment = {
        id: ids.uuid(),
        site: first.invoice.order.site,
        customer: first.invoice.customer,
        day,
        method: 'BANK_TRANSFER',
        status,
        order: null,
        allocations: together.map((t) => ({ id: ids.uuid(), invoice: t.invoice, share: t.share })),
        processedBy: rng.pick(accountants),
      }
      payments.push(payment)
      if (status === 'failed') {
        // the bank returned it; the customer paid again two days later
        payments.push({
          ...payment,
          id: ids.uuid(),
          day: Math.min(DEMO_TODAY, nextWorkingDay(day + 2)),
          status: 'completed',
          allocations: payment.allocations.map((a) => ({ ...a, id: ids.uuid() })),
        })
      }
    }
  }
  return { invoices, payments }
}

const round2 = (x: number) => Math.round(x * 100) / 100

/** The amount a share of an invoice comes to. */
function shareAmount(share: Share, total: number): number {
  const part = (f: number) => Math.min(round2(total - 0.01), Math.max(1000, Math.floor((total * f) / 1000) * 1000))
  if (share.kind === 'full') return total
  if (share.kind === 'part') return part(share.fraction)
  return round2(total - part(share.fraction))
}

/** Writes invoices (numbered from each site's INVOICE series in issue order) and their lines. */
export async function writeInvoices(w: DemoWriter, org: OrganizationPlan, plan: FinancePlan): Promise<void> {
  const total = plan.invoices.reduce((n, i) => n + i.lines.length, 0)
  let done = 0
  w.progress('invoices', 0, total)
  for (const key of Object.keys(org.sites) as SiteKey[]) {
    const site = org.sites[key]
    const mine = plan.invoices.filter((i) => i.order.site === key).sort((a, b) => a.issueDay - b.issueDay)
    let esfSeq = 0
    for (const batch of chunksByLines(mine, w.batchRows)) {
      await w.inWorkspace(site.id, (tx) =>
        w.insertDocuments(
          tx,
          {
            table: 'invoices',
            rows: batch.map((i) => invoiceRow(org, i, i.esf ? ++esfSeq : 0)),
            options: {
              computed: { invoice_number: `next_document_number($2::uuid, 'INVOICE', $3)` },
              params: [org.id, site.prefix],
            },
          },
          {
            table: 'invoice_items',
            rows: batch.flatMap((i) =>
              i.lines.map((l) => ({
                id: l.id,
                invoice_id: i.id,
                product_id: l.line.product.id,
                description: l.line.product.name,
                quantity: l.quantity,
                unit: l.line.product.unit,
                unit_price: l.line.unitPrice,
                discount_percent: l.line.discountPercent,
                discount_amount:
                  l.quantity === l.line.quantity
                    ? l.line.discountAmount
                    : Math.round(l.line.unitPrice * l.quantity * l.line.discountPercent) / 100,
                tax_percent: l.line.taxPercent,
                vat_included: l.line.vatIncluded,
                created_at: timestampOf(i.issueDay, 11),
                updated_at: timestampOf(i.issueDay, 11),
              })),
            ),
          },
        ),
      )
      done += batch.reduce((n, i) => n + i.lines.length, 0)
      w.progress('invoices', done, total)
    }
  }
}

function chunksByLines(invoices: readonly Invoice[], maxLines: number): Invoice[][] {
  const out: Invoice[][] = []
  let current: Invoice[] = []
  let lines = 0
  for (const i of invoices) {
    if (current.length > 0 && lines + i.lines.length > maxLines) {
      out.push(current)
      current = []
      lines = 0
    }
    current.push(i)
    lines += i.lines.length
  }
  if (current.length > 0) out.push(current)
  return out
}

function invoiceRow(org: OrganizationPlan, i: Invoice, esfSeq: number): Row {
  const o = i.order
  return {
    id: i.id,
    organization_id: org.id,
    workspace_id: org.sites[o.site].id,
    customer_id: i.customer.id,
    order_id: o.id,
    deal_id: o.deal?.id ?? null,
    type: i.type,
    status: i.status,
    discount_amount: 0,
    currency: 'KZT',
    issue_date: isoOf(i.issueDay),
    due_date: isoOf(i.dueDay),
    sent_date: i.status === 'draft' ? null : isoOf(i.issueDay),
    payment_terms: o.paymentTerms,
    payment_method: 'BANK_TRANSFER',
    po_number: i.poNumber,
    contract_number: o.deal ? `Д-${isoOf(o.day).slice(0, 4)}/${o.deal.id.slice(0, 4).toUpperCase()}` : null,
    notes: i.type === 'CREDIT_NOTE' ? 'Корректировка: возврат товара' : null,
    terms_conditions: i.type === 'PROFORMA' ? 'Отгрузка после 100% предоплаты' : 'Оплата в тенге по безналичному расчёту',
    esf_number: esfSeq > 0 ? `ESF-${org.bin}-${isoOf(i.issueDay).replace(/-/g, '')}-${String(esfSeq).padStart(6, '0')}` : null,
    esf_status: esfSeq > 0 ? 'DELIVERED' : null,
    esf_date: esfSeq > 0 ? timestampOf(Math.min(DEMO_TODAY, nextWorkingDay(i.issueDay + 1)), 11) : null,
    created_by: i.createdBy.id,
    sent_by: i.status === 'draft' ? null : i.createdBy.id,
    created_at: timestampOf(i.issueDay, 11),
    updated_at: timestampOf(i.issueDay, 11),
  }
}

/**
 * Writes payments (numbered from each site's PAYMENT series in date order) and their
 * allocations. Amounts come from the documents' totals as the triggers computed them.
 */
export async function writePayments(w: DemoWriter, org: OrganizationPlan, plan: FinancePlan): Promise<void> {
  w.progress('payments', 0, plan.payments.length)
  let done = 0
  for (const key of Object.keys(org.sites) as SiteKey[]) {
    const site = org.sites[key]
    const mine = plan.payments.filter((p) => p.site === key).sort((a, b) => a.day - b.day)
    for (const batch of chunks(mine, Math.max(1, Math.floor(w.batchRows / 2)))) {
      await w.inWorkspace(site.id, async (tx) => {
        const totals = await readTotals(
          tx,
          batch.flatMap((p) => p.allocations.map((a) => a.invoice.id)),
          batch.flatMap((p) => (p.order ? [p.order.id] : [])),
        )
        const amount = (p: Payment) =>
          p.order
            ? (totals.get(p.order.id) as number)
            : round2(p.allocations.reduce((sum, a) => sum + shareAmount(a.share, totals.get(a.invoice.id) as number), 0))
        await w.insert(
          tx,
          'payments',
          batch.map((p) => paymentRow(org, p, amount(p))),
          { computed: { payment_number: `next_document_number($2::uuid, 'PAYMENT', $3)` }, params: [org.id, site.prefix] },
        )
        const allocations: Row[] = batch.flatMap((p) =>
          p.allocations.map((a) => ({
            id: a.id,
            organization_id: org.id,
            workspace_id: site.id,
            payment_id: p.id,
            invoice_id: a.invoice.id,
            amount: shareAmount(a.share, totals.get(a.invoice.id) as number),
            allocation_date: isoOf(p.day),
            created_by: p.processedBy.id,
            created_at: timestampOf(p.day, 15),
            updated_at: timestampOf(p.day, 15),
          })),
        )
        await w.insert(tx, 'payment_allocations', allocations)
      })
      done += batch.length
      w.progress('payments', done, plan.payments.length)
    }
  }
}

async function readTotals(
  tx: Parameters<DemoWriter['insert']>[0],
  invoiceIds: string[],
  orderIds: string[],
): Promise<Map<string, number>> {
  const totals = new Map<string, number>()
  if (invoiceIds.length > 0) {
    const { rows } = await tx.query<{ id: string; total: string }>(
      'SELECT id, total_amount::text AS total FROM invoices WHERE id = ANY($1::uuid[])',
      [invoiceIds],
    )
    for (const r of rows) totals.set(r.id, Number(r.total))
  }
  if (orderIds.length > 0) {
    const { rows } = await tx.query<{ id: string; total: string }>(
      'SELECT id, total_amount::text AS total FROM orders WHERE id = ANY($1::uuid[])',
      [orderIds],
    )
    for (const r of rows) totals.set(r.id, Number(r.total))
  }
  return totals
}

function paymentRow(org: OrganizationPlan, p: Payment, amount: number): Row {
  const single = p.allocations.length === 1 ? (p.allocations[0] as Payment['allocations'][number]).invoice : null
  const card = p.method === 'CARD'
  return {
    id: p.id,
    organization_id: org.id,
    workspace_id: org.sites[p.site].id,
    customer_id: p.customer.id,
    invoice_id: single?.id ?? null,
    order_id: p.order?.id ?? single?.order.id ?? null,
    amount,
    currency: 'KZT',
    payment_date: isoOf(p.day),
    payment_method: p.method,
    payment_gateway: card ? 'Kaspi Pay' : null,
    transaction_id: card ? `KP${p.id.replace(/-/g, '').slice(0, 16).toUpperCase()}` : null,
    reference_number: p.method === 'BANK_TRANSFER' ? `п/п № ${(parseInt(p.id.slice(0, 6), 16) % 9000) + 100}` : null,
    bank_name: p.method === 'BANK_TRANSFER' ? p.customer.bank.name : null,
    account_number: p.method === 'BANK_TRANSFER' ? p.customer.iban : null,
    routing_number: p.method === 'BANK_TRANSFER' ? p.customer.bank.bik : null,
    status: p.status,
    exchange_rate: 1,
    base_amount: amount,
    notes:
      p.status === 'failed'
        ? 'Возврат банком: неверные реквизиты'
        : p.allocations.length > 1
          ? `Оплата по ${p.allocations.length} счетам`
          : null,
    processed_by: p.processedBy.id,
    created_by: p.processedBy.id,
    created_at: timestampOf(p.day, 15),
    updated_at: timestampOf(p.day, 15),
  }
}
