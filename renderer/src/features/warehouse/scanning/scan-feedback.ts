import { useMemo } from 'react'
import { create } from 'zustand'
import { useScannerSettings } from './scanner-settings'

/** The three answers a scan can get. */
export type FeedbackTone = 'ok' | 'warn' | 'error'

/** One beep of a signal. */
export interface Beep {
  frequency: number
  durationMs: number
  /** Silence before this beep. */
  pauseMs: number
  wave: OscillatorType
}

/**
 * The sound of each answer, distinct in pitch, length and rhythm so a clerk knows without
 * looking: one short high beep (accepted), two middle beeps (look at the screen), a long low
 * falling buzz (refused).
 */
export const beeps: Record<FeedbackTone, Beep[]> = {
  ok: [{ frequency: 1760, durationMs: 90, pauseMs: 0, wave: 'sine' }],
  warn: [
    { frequency: 880, durationMs: 120, pauseMs: 0, wave: 'triangle' },
    { frequency: 880, durationMs: 120, pauseMs: 80, wave: 'triangle' },
  ],
  error: [
    { frequency: 330, durationMs: 200, pauseMs: 0, wave: 'square' },
    { frequency: 220, durationMs: 350, pauseMs: 0, wave: 'square' },
  ],
}

/** How long the screen flash lasts, ms (kept short: it must not slow the next scan). */
export const flashMs: Record<FeedbackTone, number> = { ok: 250, warn: 450, error: 700 }

let audio: AudioContext | null = null

/** Plays a signal with WebAudio; no audio files. Short fades avoid clicks. */
function play(tone: FeedbackTone): void {
  try {
    audio ??= new AudioContext()
    if (audio.state === 'suspended') void audio.resume()
    let at = audio.currentTime + 0.01
    for (const beep of beeps[tone]) {
      at += beep.pauseMs / 1000
      const oscillator = audio.createOscillator()
      const gain = audio.createGain()
      oscillator.type = beep.wave
      oscillator.frequency.value = beep.frequency
      const end = at + beep.durationMs / 1000
      gain.gain.setValueAtTime(0, at)
      gain.gain.linearRampToValueAtTime(beep.wave === 'square' ? 0.12 : 0.3, at + 0.01)
      gain.gain.setValueAtTime(beep.wave === 'square' ? 0.12 : 0.3, end - 0.015)
      gain.gain.linearRampToValueAtTime(0, end)
      oscillator.connect(gain).connect(audio.destination)
      oscillator.start(at)
      oscillator.stop(end)
      at = end
    }
  } catch {
    // No audio device: the flash still tells.
  }
}

interface FlashState {
  flash: { tone: FeedbackTone; id: number } | null
  signalled(tone: FeedbackTone): void
  flashEnded(id: number): void
}

/** The flash the {@link ScanFeedbackLayer} shows; a new signal replaces the one showing. */
export const useFlash = create<FlashState>((set, get) => ({
  flash: null,
  signalled: (tone) => set({ flash: { tone, id: (get().flash?.id ?? 0) + 1 } }),
  flashEnded: (id) => {
    if (get().flash?.id === id) set({ flash: null })
  },
}))

/** Signals the outcome of a scan: a tone (if sound is on in the scanner settings) and a flash. */
export function useScanFeedback(): { ok(): void; warn(): void; error(): void } {
  const sound = useScannerSettings((s) => s.sound)
  const signalled = useFlash((s) => s.signalled)
  return useMemo(() => {
    const signal = (tone: FeedbackTone) => {
      if (sound) play(tone)
      signalled(tone)
    }
    return { ok: () => signal('ok'), warn: () => signal('warn'), error: () => signal('error') }
  }, [sound, signalled])
}
