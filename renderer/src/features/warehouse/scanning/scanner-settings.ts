import { z } from 'zod'
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { ScanDetectorOptions } from './scan-detector'

/** Function keys a wedge can send for GS. */
const functionKey = /^F([1-9]|1\d|2[0-4])$/

/**
 * The scanner settings of this PC, checked field by field. Messages are i18n keys (under
 * `warehouse.scanning.settings.invalid`), so the form says what is wrong in the person's language.
 */
export const scannerSettingsSchema = z.object({
  /**
   * What the wedge types instead of GS: a function key (`F8`) or up to 10 characters that no
   * code contains (`~`, `<GS>`). A single letter or digit would cut real codes apart.
   */
  gsSubstitute: z
    .string()
    .trim()
    .max(10, { message: 'gsSubstitute' })
    .refine((v) => v === '' || functionKey.test(v) || !/^[\p{L}\p{N}]+$/u.test(v), { message: 'gsSubstitute' }),
  terminator: z.enum(['Enter', 'Tab', 'none']),
  maxGapMs: z
    .number({ message: 'maxGap' })
    .int({ message: 'maxGap' })
    .min(10, { message: 'maxGap' })
    .max(200, { message: 'maxGap' }),
  sound: z.boolean(),
})

/** The scanner settings of this PC. */
export type ScannerSettings = z.infer<typeof scannerSettingsSchema>

/** What a new PC starts with: GS sent by the scanner itself, Enter at the end, 35 ms, sound on. */
export const defaultScannerSettings: ScannerSettings = { gsSubstitute: '', terminator: 'Enter', maxGapMs: 35, sound: true }

/**
 * Reads stored settings field by field: a field that is missing or broken (an old version, a
 * hand edit) falls back to its default instead of discarding the rest.
 */
export function readScannerSettings(stored: unknown): ScannerSettings {
  const out: ScannerSettings = { ...defaultScannerSettings }
  if (typeof stored !== 'object' || stored === null) return out
  const shape = scannerSettingsSchema.shape
  for (const key of Object.keys(shape) as (keyof ScannerSettings)[]) {
    const parsed = shape[key].safeParse((stored as Record<string, unknown>)[key])
    if (parsed.success) Object.assign(out, { [key]: parsed.data })
  }
  return out
}

/** The detector's options for these settings. */
export function detectorOptions(settings: ScannerSettings): Partial<ScanDetectorOptions> {
  return { gsSubstitute: settings.gsSubstitute, terminator: settings.terminator, maxGapMs: settings.maxGapMs }
}

interface ScannerSettingsState extends ScannerSettings {
  /** The settings form was saved (already validated with {@link scannerSettingsSchema}). */
  settingsSaved(settings: ScannerSettings): void
}

/** This PC's scanner settings, kept in localStorage: the scanner belongs to the PC, not to a person. */
export const useScannerSettings = create<ScannerSettingsState>()(
  persist(
    (set) => ({
      ...defaultScannerSettings,
      settingsSaved: (settings) => set(scannerSettingsSchema.parse(settings)),
    }),
    {
      name: 'prometric.scanner',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ gsSubstitute, terminator, maxGapMs, sound }) => ({ gsSubstitute, terminator, maxGapMs, sound }),
      merge: (stored, current) => ({ ...current, ...readScannerSettings(stored) }),
    },
  ),
)
