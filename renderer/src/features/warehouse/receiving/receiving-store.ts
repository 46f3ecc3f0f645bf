import { create } from 'zustand'
import type { MethodInput, MethodOutput, RpcError } from '../../../../../shared/contract'
import type { RpcClient } from '../../../rpc/client'
import type { ScannedCode } from '../scanned-code'
import { decimalOrZero, increment } from './receipt-lines'

/** An open purchase order. */
export type PurchaseOrder = MethodOutput<'receiving.openPurchaseOrders'>[number]

/** A supplier to pick for a receipt without an order. */
export type Supplier = MethodOutput<'receiving.suppliers'>[number]

/** One line on the receiving screen: an order line awaiting goods, or a scanned product. */
export interface ReceiptLine {
  key: string
  productId: string
  code: string
  name: string
  unit: string
  barcode: string | null
  /** What is being received now, as typed (a decimal string). */
  quantity: string
  orderItemId: string | null
  /** Ordered on the purchase order; null when the product is not on it. */
  ordered: string | null
  receivedBefore: string
  lot?: string
  serial?: string
  expiry?: string
  gtin?: string
  markingCode?: string
}

/** What the clerk last heard and saw for a scan. */
export interface ScanOutcome {
  tone: 'ok' | 'warn' | 'error'
  message: string
  params?: Record<string, string>
}

interface ReceivingState {
  orders: PurchaseOrder[]
  suppliers: Supplier[]
  orderId: string | null
  supplierId: string | null
  supplierDocument: string
  lines: ReceiptLine[]
  outcome: ScanOutcome | null
  error: RpcError | null
  posting: boolean
  /** The number of the receipt just posted. */
  postedNumber: string | null
  /** The receipt just posted, for printing it. */
  postedReceiptId: string | null
  /** The screen opened: open orders and suppliers are read. */
  opened(rpc: RpcClient): Promise<void>
  /** An order was chosen (or none: a receipt without order); its lines are shown. */
  orderChosen(rpc: RpcClient, orderId: string | null): Promise<void>
  supplierChosen(supplierId: string | null): void
  supplierDocumentTyped(text: string): void
  /** A code was scanned or typed: one more of its product (or the count the code carries). */
  scanned(rpc: RpcClient, scan: ScannedCode): Promise<ScanOutcome>
  quantityTyped(key: string, quantity: string): void
  lineRemoved(key: string): void
  /** The clerk posts the receipt; true when posted. */
  postRequested(rpc: RpcClient): Promise<boolean>
  /** Start over with an empty receipt. */
  cleared(): void
}

let nextKey = 0
const newKey = () => `line-${++nextKey}`

/** The receiving screen's state: the document being built from scans, and posting it. */
export const useReceiving = create<ReceivingState>((set, get) => ({
  orders: [],
  suppliers: [],
  orderId: null,
  supplierId: null,
  supplierDocument: '',
  lines: [],
  outcome: null,
  error: null,
  posting: false,
  postedNumber: null,
  postedReceiptId: null,

  opened: async (rpc) => {
    const [orders, suppliers] = await Promise.all([
      rpc.call('receiving.openPurchaseOrders', {}),
      rpc.call('receiving.suppliers', {}),
    ])
    set({
      orders: orders.ok ? orders.value : [],
      suppliers: suppliers.ok ? suppliers.value : [],
      error: !orders.ok ? orders.error : !suppliers.ok ? suppliers.error : null,
    })
  },

  orderChosen: async (rpc, orderId) => {
    set({ orderId, lines: [], outcome: null, error: null, postedNumber: null })
    if (!orderId) return
    const order = get().orders.find((o) => o.id === orderId)
    const result = await rpc.call('receiving.purchaseOrderLines', { orderId })
    if (!result.ok) return set({ error: result.error })
    set({
      supplierId: order?.supplierId ?? null,
      lines: result.value.map((l) => ({
        key: newKey(),
        productId: l.productId,
        code: l.code,
        name: l.name,
        unit: l.unit,
        barcode: l.barcode,
        quantity: '0',
        orderItemId: l.orderItemId,
        ordered: l.ordered,
        receivedBefore: l.received,
      })),
    })
  },

  supplierChosen: (supplierId) => set({ supplierId }),
  supplierDocumentTyped: (supplierDocument) => set({ supplierDocument }),

  scanned: async (rpc, scan) => {
    set({ postedNumber: null })
    const step = scan.quantity && scan.quantity > 0 ? scan.quantity : 1
    const lines = get().lines
    // A line of the same product and the same lot (a different lot is a different line).
    const sameLot = (l: ReceiptLine) => (l.lot ?? '') === (scan.lot ?? '') && (l.serial ?? '') === (scan.serial ?? '')
    const known = lines.find((l) => (l.barcode === scan.code || l.code === scan.code) && sameLot(l))
    let productId = known?.productId
    let found: MethodOutput<'receiving.findProduct'> = null
    if (!productId) {
      const result = await rpc.call('receiving.findProduct', { code: scan.gtin ?? scan.code })
      if (!result.ok) return report({ tone: 'error', message: 'lookupFailed', params: { message: result.error.message } })
      found = result.value
      if (!found) return report({ tone: 'error', message: 'unknownCode', params: { code: scan.code } })
      if (found.status !== 'ACTIVE') return report({ tone: 'error', message: 'productInactive', params: { name: found.name } })
      productId = found.id
    }
    const current = get().lines
    const target =
      current.find((l) => l.productId === productId && sameLot(l)) ??
      // An order line not yet given a lot takes the first scanned lot.
      current.find((l) => l.productId === productId && !l.lot && !l.serial && decimalOrZero(l.quantity).isZero())
    let outcome: ScanOutcome
    if (target) {
      set({
        lines: current.map((l) =>
          l.key === target.key
            ? {
                ...l,
                quantity: increment(l.quantity, step),
                lot: l.lot ?? scan.lot,
                serial: l.serial ?? scan.serial,
                expiry: l.expiry ?? scan.expiry,
                gtin: l.gtin ?? scan.gtin,
                markingCode: l.markingCode ?? scan.markingCode,
              }
            : l,
        ),
      })
      outcome = {
        tone: target.ordered === null && get().orderId ? 'warn' : 'ok',
        message: 'added',
        params: { name: target.name },
      }
    } else {
      const template = current.find((l) => l.productId === productId)
      const product = found ?? {
        id: productId,
        code: template!.code,
        name: template!.name,
        unit: template!.unit,
        barcode: template!.barcode,
      }
      set({
        lines: [
          ...current,
          {
            key: newKey(),
            productId,
            code: product.code,
            name: product.name,
            unit: product.unit,
            barcode: product.barcode,
            quantity: increment('0', step),
            orderItemId: template?.orderItemId ?? null,
            ordered: null,
            receivedBefore: '0',
            lot: scan.lot,
            serial: scan.serial,
            expiry: scan.expiry,
            gtin: scan.gtin,
            markingCode: scan.markingCode,
          },
        ],
      })
      // Not on the order: received only without an order, so the clerk is warned at once.
      outcome =
        get().orderId && !template
          ? { tone: 'error', message: 'notOnOrder', params: { name: product.name } }
          : { tone: 'ok', message: 'added', params: { name: product.name } }
    }
    return report(outcome)

    function report(o: ScanOutcome): ScanOutcome {
      set({ outcome: o })
      return o
    }
  },

  quantityTyped: (key, quantity) => set({ lines: get().lines.map((l) => (l.key === key ? { ...l, quantity } : l)) }),

  lineRemoved: (key) => set({ lines: get().lines.filter((l) => l.key !== key) }),

  postRequested: async (rpc) => {
    const { lines, orderId, supplierId, supplierDocument } = get()
    // Order lines nothing arrived for stay on screen as under-delivered but are not posted.
    const toPost = lines.filter((l) => !(l.ordered !== null && decimalOrZero(l.quantity).isZero()))
    const input: MethodInput<'receiving.post'> = {
      orderId,
      supplierId,
      supplierDocument: supplierDocument || null,
      lines: toPost.map((l) => ({
        productId: l.productId,
        quantity: l.quantity.trim() || '0',
        orderItemId: l.orderItemId,
        lotNumber: l.lot ?? null,
        serialNumber: l.serial ?? null,
        expiryDate: l.expiry ?? null,
        gtin: l.gtin ?? null,
        markingCode: l.markingCode ?? null,
      })),
    }
    set({ posting: true, error: null })
    const result = await rpc.call('receiving.post', input)
    if (!result.ok) {
      // Issues name lines by their position in what was sent; point them at the screen's lines.
      const issues = result.error.issues?.map((issue) =>
        issue.path[0] === 'lines' && typeof issue.path[1] === 'number'
          ? { ...issue, path: ['lines', toPost[issue.path[1]]?.key ?? issue.path[1], ...issue.path.slice(2)] }
          : issue,
      )
      set({ posting: false, error: { ...result.error, ...(issues ? { issues } : {}) } })
      return false
    }
    set({
      posting: false,
      postedNumber: result.value.receiptNumber,
      lines: [],
      orderId: null,
      supplierDocument: '',
      outcome: null,
    })
    await get().opened(rpc)
    return true
  },

  cleared: () =>
    set({ lines: [], orderId: null, supplierId: null, supplierDocument: '', outcome: null, error: null, postedNumber: null }),
}))
