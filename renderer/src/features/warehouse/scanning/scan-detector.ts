/**
 * Tells a keyboard-wedge scanner from a person at the keyboard. A wedge types a whole code in a
 * burst (a few milliseconds per key) and ends it with Enter or Tab; people type at 100 ms and
 * more per key. The detector holds each character for at most the maximum gap: if the next key
 * comes that fast, the burst goes on; if not, what it held is released to the page as the
 * person typed it. Pure (timestamps are passed in), so it is tested with simulated sequences.
 *
 * Characters of a scan come from `KeyboardEvent.code` (the physical key) under the US layout a
 * wedge emulates, never from `event.key`: with a Russian or Kazakh layout active, the key that
 * says 'ф' is `KeyA`, and the scan must read 'A'. Released human typing uses `event.key`, so a
 * person can still type Cyrillic.
 */
import { GS, restoreGs } from '../../../../../shared/barcode/gs1'

/** The key that ends a scan, as configured on the scanner; `none` ends it by a pause. */
export type ScanTerminator = 'Enter' | 'Tab' | 'none'

/** What the detector needs of a KeyboardEvent (copied, so tests can write them by hand). */
export interface WedgeKey {
  code: string
  key: string
  time: number
  shiftKey?: boolean
  ctrlKey?: boolean
  altKey?: boolean
  metaKey?: boolean
  /** Caps Lock state (getModifierState): then the letter's case is the scanner's Shift, not the key's. */
  capsLock?: boolean
  repeat?: boolean
  isComposing?: boolean
}

/** The detector's settings. */
export interface ScanDetectorOptions {
  /** Longest pause between two keys of one scan, in ms. */
  maxGapMs: number
  /** Fewest characters a scan has (shorter bursts are taken for typing). */
  minLength: number
  terminator: ScanTerminator
  /**
   * What the wedge sends for GS (FNC1) when it cannot send ASCII 29: a function key (`F8`) or
   * a character sequence (`~`, `<GS>`). Empty for none.
   */
  gsSubstitute: string
}

/** Defaults that suit common wedges (5–15 ms per key) and leave room for a slow USB hub. */
export const defaultScanDetectorOptions: ScanDetectorOptions = {
  maxGapMs: 35,
  minLength: 3,
  terminator: 'Enter',
  gsSubstitute: '',
}

/**
 * What the page should do with one key event. `release` is text held earlier that turned out
 * to be typed by a person: insert it where the caret is, before this key has its effect.
 */
export interface DetectorStep {
  /** Prevent the key's default action (it is held, or part of a scan). */
  consume: boolean
  release?: string
  /** A complete scan, GS as ASCII 29. */
  scan?: string
}

/**
 * How a key is treated: `hold` (text fields: hold every character until it is clear who typed
 * it) or `observe` (elsewhere: the first key passes untouched, so Space still presses a
 * button, and only the keys that follow it within the burst gap are taken).
 */
export type DetectorMode = 'hold' | 'observe'

const shiftedDigits = ')!@#$%^&*('
const punctuation: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  IntlBackslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Backquote: ['`', '~'],
  Space: [' ', ' '],
}
const numpad: Record<string, string> = {
  NumpadDecimal: '.',
  NumpadAdd: '+',
  NumpadSubtract: '-',
  NumpadMultiply: '*',
  NumpadDivide: '/',
  NumpadEqual: '=',
  NumpadComma: ',',
}

const isFunctionKey = (text: string) => /^F([1-9]|1\d|2[0-4])$/.test(text)

/**
 * The character a key stands for on the US layout a wedge emulates, from its physical code;
 * GS for ASCII 29 (Ctrl+], a key that reports the control character, or a configured function
 * key); null for keys that are not characters.
 */
export function wedgeChar(key: WedgeKey, gsSubstitute = ''): string | null {
  const { code } = key
  if (key.key === GS) return GS
  if (isFunctionKey(gsSubstitute) && code === gsSubstitute) return GS
  if (key.ctrlKey && !key.altKey && code === 'BracketRight') return GS // Ctrl+] is ASCII 29
  if (key.ctrlKey || key.altKey || key.metaKey) return null
  const shift = Boolean(key.shiftKey)
  const letter = /^Key([A-Z])$/.exec(code)?.[1]
  if (letter) {
    // A Latin layout typed the letter itself: its case is what the scanner meant (some wedges
    // and software wedges send capitals without Shift). Under Caps Lock, or a Cyrillic layout,
    // Shift decides: Caps Lock must not turn a scanned 'A' into 'a'.
    if (!key.capsLock && key.key.length === 1 && key.key.toUpperCase() === letter) return key.key
    return shift ? letter : letter.toLowerCase()
  }
  const digit = /^Digit(\d)$/.exec(code)?.[1]
  if (digit) return shift ? (shiftedDigits[Number(digit)] ?? null) : digit
  // Numpad keys are characters only with NumLock on; then event.key is the character itself.
  if (code.startsWith('Numpad') && key.key.length === 1) {
    return /^Numpad(\d)$/.exec(code)?.[1] ?? numpad[code] ?? null
  }
  const pair = punctuation[code]
  if (pair) return pair[shift ? 1 : 0]
  // A software wedge that injects characters (no physical key): the character is all there is.
  if ((code === '' || code === 'Unidentified') && key.key.length === 1 && key.key >= ' ') return key.key
  return null
}

/** Keys that only modify others: a wedge presses Shift for every capital, so they must not end a burst. */
export const isModifierKey = (code: string): boolean =>
  /^(Shift|Control|Alt|Meta|OS)(Left|Right)?$/.test(code) || code === 'CapsLock' || code === 'NumLock' || code === 'AltGraph'

interface HeldChar {
  /** What the scanner meant (by key code). */
  scanned: string
  /** What a person would have typed (event.key), '' when the key already had its effect. */
  typed: string
  time: number
}

/** Milliseconds from now until a detector deadline (same clock as KeyboardEvent.timeStamp). */
export function msUntil(deadline: number): number {
  return Math.max(0, deadline - performance.now())
}

/**
 * The burst detector. Feed it every keydown (and Alt keyups) with its time; call {@link
 * flush} when {@link deadline} passes without a key.
 */
export class ScanDetector {
  private held: HeldChar[] = []
  private altDigits = ''
  private altTime = 0
  readonly options: ScanDetectorOptions

  constructor(options: Partial<ScanDetectorOptions> = {}) {
    this.options = { ...defaultScanDetectorOptions, ...options }
  }

  /** True while characters are held, waiting for the next key or the deadline. */
  get holding(): boolean {
    return this.held.length > 0
  }

  /** When to call {@link flush} if no key comes (ms, same clock as the keys), or null. */
  deadline(): number | null {
    const last = this.held.at(-1)
    return last ? last.time + this.options.maxGapMs + 1 : null
  }

  /** One keydown. */
  keyDown(key: WedgeKey, mode: DetectorMode = 'hold'): DetectorStep {
    // An input method composing text, a dead key, or a key held down: a person, for sure.
    if (isModifierKey(key.code)) return { consume: false }
    if (key.isComposing || key.key === 'Process' || key.key === 'Dead' || key.repeat) return this.giveBack(false)
    // Alt + numpad digits: the Windows way of typing ASCII 29 (Alt+029); the char comes on Alt's release.
    if (key.altKey && /^Numpad\d$/.test(key.code)) {
      this.altDigits += key.code.slice(6)
      this.altTime = key.time
      return { consume: false }
    }
    const { terminator, maxGapMs } = this.options
    const last = this.held.at(-1)
    const inBurst = last !== undefined && key.time - last.time <= maxGapMs

    const isTerminator =
      terminator !== 'none' && (key.code === terminator || (terminator === 'Enter' && key.code === 'NumpadEnter'))
    if (isTerminator) {
      if (inBurst && this.isScan()) return { consume: true, scan: this.takeScan() }
      return this.giveBack(false)
    }

    const char = wedgeChar(key, this.options.gsSubstitute)
    if (char === null) return this.giveBack(false)

    const step: DetectorStep = { consume: true }
    if (last && !inBurst) {
      const ended = this.endPause()
      if (ended.release) step.release = ended.release
      if (ended.scan) step.scan = ended.scan
    }
    if (mode === 'observe' && this.held.length === 0) {
      // Outside text fields the first key acts normally; it still counts for the burst.
      this.held.push({ scanned: char, typed: '', time: key.time })
      step.consume = false
      return step
    }
    const typed = key.key.length === 1 && !key.ctrlKey && !key.metaKey ? key.key : ''
    this.held.push({ scanned: char, typed: char === GS ? '' : typed, time: key.time })
    return step
  }

  /** One keyup: only Alt's release matters, as it completes an Alt+numpad character. */
  keyUp(key: WedgeKey): DetectorStep {
    if (!/^Alt(Left|Right)$/.test(key.code) || !this.altDigits) return { consume: false }
    const charCode = Number(this.altDigits)
    this.altDigits = ''
    if (charCode !== 29) return { consume: false }
    // Only GS is ours: any other Alt code the system types into the field by itself.
    const last = this.held.at(-1)
    if (last && this.altTime - last.time > this.options.maxGapMs) return { consume: false, ...this.endPause() }
    this.held.push({ scanned: GS, typed: '', time: this.altTime })
    return { consume: false }
  }

  /** No key came by the deadline: what was held was typed by a person, or (no terminator) a scan. */
  flush(now: number): DetectorStep {
    const last = this.held.at(-1)
    if (!last || now - last.time <= this.options.maxGapMs) return { consume: false }
    return { consume: false, ...this.endPause() }
  }

  /** Forget everything held (focus moved elsewhere). */
  reset(): void {
    this.held = []
    this.altDigits = ''
  }

  private endPause(): { release?: string; scan?: string } {
    if (this.options.terminator === 'none' && this.isScan()) return { scan: this.takeScan() }
    const release = this.held.map((h) => h.typed).join('')
    this.held = []
    return release ? { release } : {}
  }

  private giveBack(consume: boolean): DetectorStep {
    const ended = this.endPause()
    return { consume, ...ended }
  }

  /** Enough characters, each within the gap of the one before. */
  private isScan(): boolean {
    const { minLength, maxGapMs } = this.options
    if (this.held.length < minLength) return false
    return this.held.every((h, i) => i === 0 || h.time - (this.held[i - 1]?.time ?? h.time) <= maxGapMs)
  }

  private takeScan(): string {
    const text = this.held.map((h) => h.scanned).join('')
    this.held = []
    // A text substitute is a sequence of ordinary characters: it becomes GS only in a scan.
    return isFunctionKey(this.options.gsSubstitute) ? text : restoreGs(text, this.options.gsSubstitute)
  }
}

/** Shows a scan with its control characters visible: GS as ⟨GS⟩. */
export function showControlChars(raw: string): string {
  return [...raw]
    .map((c) => {
      const code = c.charCodeAt(0)
      if (c === GS) return '⟨GS⟩'
      return code < 0x20 || code === 0x7f ? `⟨${code.toString(16).toUpperCase().padStart(2, '0')}⟩` : c
    })
    .join('')
}
