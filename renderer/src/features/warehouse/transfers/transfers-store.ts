import Decimal from 'decimal.js'
import { create } from 'zustand'
import type { MethodOutput, RpcError } from '../../../../../shared/contract'
import type { RpcClient } from '../../../rpc/client'

/** One transfer as listed. */
export type TransferSummary = MethodOutput<'stock.transfers.list'>[number]
/** A transfer with its lines. */
export type TransferDetail = MethodOutput<'stock.transfers.get'>
/** A workspace to send to. */
export type WorkspaceChoice = MethodOutput<'admin.workspaces.list'>[number]

/** A line of the transfer being put together by scanning. */
export interface DraftLine {
  productId: string
  code: string
  name: string
  unit: string
  quantity: string
}

/** What the last scan did. */
export type ScanFeedback = { kind: 'ok'; name: string } | { kind: 'error'; message: string }

/**
 * Adds a scanned product to the draft: a new line, or more of a line already there (the same
 * product twice would be refused by the backend). Quantities are added in decimals.
 */
export function withScannedLine(
  lines: readonly DraftLine[],
  product: Omit<DraftLine, 'quantity'>,
  quantity: string,
): DraftLine[] {
  const existing = lines.find((l) => l.productId === product.productId)
  if (!existing) return [...lines, { ...product, quantity }]
  return lines.map((l) => (l === existing ? { ...l, quantity: new Decimal(l.quantity).plus(quantity).toString() } : l))
}

interface TransfersState {
  transfers: TransferSummary[]
  workspaces: WorkspaceChoice[]
  destinationId: string | null
  lines: DraftLine[]
  lastScan: ScanFeedback | null
  receiving: TransferDetail | null
  error: RpcError | null
  busy: boolean
  notice: string | null
  /** The tab opened or data changed. */
  refreshed(rpc: RpcClient): Promise<void>
  destinationChosen(workspaceId: string | null): void
  /** A code was scanned into the draft; false when no product has it. */
  scanned(rpc: RpcClient, code: string, quantity: string): Promise<boolean>
  lineQuantityChanged(productId: string, quantity: string): void
  lineRemoved(productId: string): void
  /** Create the transfer (and ship it at once when asked); true when done. */
  createRequested(rpc: RpcClient, ship: boolean): Promise<boolean>
  shipRequested(rpc: RpcClient, transfer: TransferSummary): Promise<void>
  cancelRequested(rpc: RpcClient, transfer: TransferSummary): Promise<void>
  /** The receiving dialog opened for an inbound transfer. */
  receiveOpened(rpc: RpcClient, transferId: string): Promise<void>
  receiveClosed(): void
  /** Received with these quantities per line (as shipped where not changed). */
  receiveConfirmed(rpc: RpcClient, quantities: Record<string, string>): Promise<boolean>
}

/** Transfers out of and into this workspace. */
export const useTransfers = create<TransfersState>((set, get) => {
  async function reload(rpc: RpcClient) {
    const [list, workspaces] = await Promise.all([rpc.call('stock.transfers.list', {}), rpc.call('admin.workspaces.list', {})])
    set({
      transfers: list.ok ? list.value : get().transfers,
      workspaces: workspaces.ok ? workspaces.value.filter((w) => w.status === 'active') : get().workspaces,
      error: list.ok ? get().error : list.error,
    })
  }

  return {
    transfers: [],
    workspaces: [],
    destinationId: null,
    lines: [],
    lastScan: null,
    receiving: null,
    error: null,
    busy: false,
    notice: null,
    refreshed: reload,
    destinationChosen(destinationId) {
      set({ destinationId })
    },
    async scanned(rpc, code, quantity) {
      const found = await rpc.call('stock.products.lookup', { code })
      if (!found.ok) {
        set({ lastScan: { kind: 'error', message: found.error.message } })
        return false
      }
      const { productId, code: productCode, name, unit } = found.value
      set((s) => ({
        lines: withScannedLine(s.lines, { productId, code: productCode, name, unit }, quantity),
        lastScan: { kind: 'ok', name },
      }))
      return true
    },
    lineQuantityChanged(productId, quantity) {
      set((s) => ({ lines: s.lines.map((l) => (l.productId === productId ? { ...l, quantity } : l)) }))
    },
    lineRemoved(productId) {
      set((s) => ({ lines: s.lines.filter((l) => l.productId !== productId) }))
    },
    async createRequested(rpc, ship) {
      const { destinationId, lines } = get()
      set({ busy: true, error: null, notice: null })
      const created = await rpc.call('stock.transfers.create', {
        destinationWorkspaceId: destinationId ?? '',
        lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
      })
      if (!created.ok) {
        set({ busy: false, error: created.error })
        return false
      }
      // The draft is kept as a document even if shipping is refused (not enough stock).
      set({ lines: [], lastScan: null, notice: `created:${created.value.number}` })
      if (ship) {
        const shipped = await rpc.call('stock.transfers.ship', { transferId: created.value.transferId })
        set(shipped.ok ? { notice: `shipped:${created.value.number}` } : { error: shipped.error })
      }
      set({ busy: false })
      await reload(rpc)
      return true
    },
    async shipRequested(rpc, transfer) {
      set({ busy: true, error: null, notice: null })
      const result = await rpc.call('stock.transfers.ship', { transferId: transfer.id })
      set({ busy: false, ...(result.ok ? { notice: `shipped:${transfer.number}` } : { error: result.error }) })
      await reload(rpc)
    },
    async cancelRequested(rpc, transfer) {
      set({ busy: true, error: null, notice: null })
      const result = await rpc.call('stock.transfers.cancel', { transferId: transfer.id })
      set({ busy: false, error: result.ok ? null : result.error })
      await reload(rpc)
    },
    async receiveOpened(rpc, transferId) {
      const result = await rpc.call('stock.transfers.get', { transferId })
      set(result.ok ? { receiving: result.value, error: null } : { error: result.error })
    },
    receiveClosed() {
      set({ receiving: null })
    },
    async receiveConfirmed(rpc, quantities) {
      const receiving = get().receiving
      if (!receiving) return false
      set({ busy: true, error: null, notice: null })
      const result = await rpc.call('stock.transfers.receive', {
        transferId: receiving.id,
        lines: Object.entries(quantities).map(([lineId, quantity]) => ({ lineId, quantity })),
      })
      set({ busy: false, ...(result.ok ? { receiving: null, notice: `received:${receiving.number}` } : { error: result.error }) })
      await reload(rpc)
      return result.ok
    },
  }
})
