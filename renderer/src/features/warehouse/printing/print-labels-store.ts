import { z } from 'zod'
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { MethodInput, MethodOutput, RpcError } from '../../../../../shared/contract'
import { labelFormats, labelSizeIds, labelSymbologies, zplDotsPerMmChoices } from '../../../../../shared/printing'
import type { RpcClient } from '../../../rpc/client'
import { bytesFromBase64, printPdf, saveFile } from './print-file'

/** The choices of the label dialog, remembered on this PC (the label printer belongs to it). */
export const labelChoicesSchema = z.object({
  format: z.enum(labelFormats),
  symbology: z.enum(labelSymbologies),
  size: z.enum(labelSizeIds),
  copies: z.number().int().min(1).max(100),
  dotsPerMm: z.union([z.literal(zplDotsPerMmChoices[0]), z.literal(zplDotsPerMmChoices[1])]),
})

/** The label dialog's choices. */
export type LabelChoices = z.infer<typeof labelChoicesSchema>

/** A first print: PDF, EAN-13, the 58 × 40 mm roll, one copy, 203 dpi. */
export const defaultLabelChoices: LabelChoices = { format: 'pdf', symbology: 'ean13', size: '58x40', copies: 1, dotsPerMm: 8 }

/** Stored choices field by field; a broken field falls back to its default. */
export function readLabelChoices(stored: unknown): LabelChoices {
  const out: LabelChoices = { ...defaultLabelChoices }
  if (typeof stored !== 'object' || stored === null) return out
  for (const key of Object.keys(labelChoicesSchema.shape) as (keyof LabelChoices)[]) {
    const parsed = labelChoicesSchema.shape[key].safeParse((stored as Record<string, unknown>)[key])
    if (parsed.success) Object.assign(out, { [key]: parsed.data })
  }
  return out
}

/** How a finished file reaches the person: printed (PDF) or saved (ZPL, or a PDF that would not print). */
export type LabelsOutcome = 'printed' | 'saved'

/** The browser side of delivering a file; replaced in tests. */
export interface FileDelivery {
  printPdf(bytes: Uint8Array<ArrayBuffer>): Promise<void>
  saveFile(name: string, mime: string, bytes: Uint8Array<ArrayBuffer>): void
}

const browserDelivery: FileDelivery = { printPdf, saveFile }

/**
 * Hands a file to the person: a PDF to the print dialog unless they asked to save it, and
 * saved when the print dialog cannot open (PDF viewer disabled); ZPL is always saved, for
 * sending to the thermal printer.
 */
export async function deliverLabels(
  file: MethodOutput<'print.productLabels'>,
  wantSave: boolean,
  delivery: FileDelivery = browserDelivery,
): Promise<LabelsOutcome> {
  const bytes = bytesFromBase64(file.base64)
  if (file.mimeType === 'application/pdf' && !wantSave) {
    try {
      await delivery.printPdf(bytes)
      return 'printed'
    } catch {
      // Fall through: the file still reaches the person.
    }
  }
  delivery.saveFile(file.fileName, file.mimeType, bytes)
  return 'saved'
}

interface PrintLabelsState extends LabelChoices {
  busy: boolean
  error: RpcError | null
  /** The person changed a choice in the dialog. */
  choicesChanged(patch: Partial<LabelChoices>): void
  /** The dialog opened or closed: an old error goes. */
  dialogReset(): void
  /** "Print" (or "Save") was pressed: the labels are made and delivered; null when refused. */
  printRequested(rpc: RpcClient, productIds: string[], wantSave: boolean, delivery?: FileDelivery): Promise<LabelsOutcome | null>
}

/** The label dialog: remembered choices, the call, its error. */
export const usePrintLabels = create<PrintLabelsState>()(
  persist(
    (set, get) => ({
      ...defaultLabelChoices,
      busy: false,
      error: null,
      choicesChanged: (patch) => set({ ...readLabelChoices({ ...pickChoices(get()), ...patch }), error: null }),
      dialogReset: () => set({ error: null, busy: false }),
      async printRequested(rpc, productIds, wantSave, delivery) {
        set({ busy: true, error: null })
        const input: MethodInput<'print.productLabels'> = { productIds, ...pickChoices(get()) }
        const result = await rpc.call('print.productLabels', input)
        if (!result.ok) {
          set({ busy: false, error: result.error })
          return null
        }
        const outcome = await deliverLabels(result.value, wantSave, delivery)
        set({ busy: false })
        return outcome
      },
    }),
    {
      name: 'prometric.labels',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => pickChoices(state),
      merge: (stored, current) => ({ ...current, ...readLabelChoices(stored) }),
    },
  ),
)

function pickChoices(state: LabelChoices): LabelChoices {
  const { format, symbology, size, copies, dotsPerMm } = state
  return { format, symbology, size, copies, dotsPerMm }
}
