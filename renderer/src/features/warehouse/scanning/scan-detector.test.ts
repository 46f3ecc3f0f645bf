import { describe, expect, it } from 'vitest'
import { GS } from '../../../../../shared/barcode/gs1'
import { type DetectorMode, type DetectorStep, ScanDetector, type WedgeKey, showControlChars, wedgeChar } from './scan-detector'

// The Russian ЙЦУКЕН layout on the physical keys a wedge presses (unshifted).
const russian: Record<string, string> = {
  KeyQ: 'й', KeyW: 'ц', KeyE: 'у', KeyR: 'к', KeyT: 'е', KeyY: 'н', KeyU: 'г', KeyI: 'ш', KeyO: 'щ', KeyP: 'з',
  KeyA: 'ф', KeyS: 'ы', KeyD: 'в', KeyF: 'а', KeyG: 'п', KeyH: 'р', KeyJ: 'о', KeyK: 'л', KeyL: 'д', KeyZ: 'я',
  KeyX: 'ч', KeyC: 'с', KeyV: 'м', KeyB: 'и', KeyN: 'т', KeyM: 'ь', Period: 'ю', Slash: '.', Minus: '-',
} // prettier-ignore

/** The key a US-layout wedge presses for a character, as the page sees it under a layout. */
function keyFor(char: string, time: number, layout: 'us' | 'ru' = 'us'): WedgeKey {
  if (char === GS) return { code: 'BracketRight', key: ']', ctrlKey: true, time }
  if (char === '\n') return { code: 'Enter', key: 'Enter', time }
  if (char === '\t') return { code: 'Tab', key: 'Tab', time }
  let code: string
  let shiftKey = false
  if (/[a-z]/.test(char)) code = `Key${char.toUpperCase()}`
  else if (/[A-Z]/.test(char)) [code, shiftKey] = [`Key${char}`, true]
  else if (/\d/.test(char)) code = `Digit${char}`
  else {
    const codes: Record<string, [string, boolean]> = {
      '-': ['Minus', false],
      '.': ['Period', false],
      '/': ['Slash', false],
      ' ': ['Space', false],
      '~': ['Backquote', true],
      '+': ['Equal', true],
      '=': ['Equal', false],
    }
    ;[code, shiftKey] = codes[char] ?? ['Unidentified', false]
  }
  const ru = russian[code]
  const key = layout === 'ru' && ru ? (shiftKey ? ru.toUpperCase() : ru) : char
  return { code, key, shiftKey, time }
}

interface Run {
  scans: string[]
  /** What reached the page as typing: passed keys' own characters plus released text. */
  typed: string
}

/**
 * Plays keys into a detector as a page would: a consumed key does nothing, a passed one types
 * its `key`, released text is inserted first, and the deadline is honoured between keys.
 */
function play(detector: ScanDetector, keys: WedgeKey[], mode: DetectorMode = 'hold', end = Infinity): Run {
  const run: Run = { scans: [], typed: '' }
  const apply = (step: DetectorStep, key?: WedgeKey) => {
    if (step.release) run.typed += step.release
    if (step.scan !== undefined) run.scans.push(step.scan)
    if (key && !step.consume && key.key.length === 1 && !key.ctrlKey) run.typed += key.key
    if (key && !step.consume && key.key === 'Enter') run.typed += '⏎'
  }
  for (const key of keys) {
    const deadline = detector.deadline()
    if (deadline !== null && deadline <= key.time) apply(detector.flush(deadline))
    apply(detector.keyDown(key, mode), key)
  }
  const deadline = detector.deadline()
  if (deadline !== null && deadline <= end) apply(detector.flush(deadline))
  return run
}

/** Keys for a text typed from `start` with `gap` ms between keys. */
const typing = (text: string, start: number, gap: number, layout: 'us' | 'ru' = 'us') =>
  [...text].map((c, i) => keyFor(c, start + i * gap, layout))

describe('wedgeChar', () => {
  it('reads letters by physical key and Shift, whatever the layout', () => {
    expect(wedgeChar({ code: 'KeyA', key: 'ф', time: 0 })).toBe('a')
    expect(wedgeChar({ code: 'KeyA', key: 'Ф', shiftKey: true, time: 0 })).toBe('A')
    expect(wedgeChar({ code: 'Digit4', key: '4', time: 0 })).toBe('4')
    expect(wedgeChar({ code: 'Digit4', key: ';', shiftKey: true, time: 0 })).toBe('$') // Russian Shift+4 is ';'
    expect(wedgeChar({ code: 'Slash', key: '.', time: 0 })).toBe('/')
    expect(wedgeChar({ code: 'Period', key: 'ю', time: 0 })).toBe('.')
    expect(wedgeChar({ code: 'Numpad7', key: '7', time: 0 })).toBe('7')
    expect(wedgeChar({ code: 'NumpadSubtract', key: '-', time: 0 })).toBe('-')
  })

  it('takes the case a Latin layout typed, and Shift under Caps Lock', () => {
    expect(wedgeChar({ code: 'KeyG', key: 'G', time: 0 })).toBe('G') // a capital sent without Shift
    expect(wedgeChar({ code: 'KeyG', key: 'g', shiftKey: true, capsLock: true, time: 0 })).toBe('G')
    expect(wedgeChar({ code: 'KeyG', key: 'G', capsLock: true, time: 0 })).toBe('g')
    expect(wedgeChar({ code: '', key: 'x', time: 0 })).toBe('x') // injected by a software wedge
    expect(wedgeChar({ code: '', key: 'Enter', time: 0 })).toBeNull()
  })

  it('has no character for numpad keys without NumLock, control keys and shortcuts', () => {
    expect(wedgeChar({ code: 'Numpad7', key: 'Home', time: 0 })).toBeNull()
    expect(wedgeChar({ code: 'Backspace', key: 'Backspace', time: 0 })).toBeNull()
    expect(wedgeChar({ code: 'KeyC', key: 'c', ctrlKey: true, time: 0 })).toBeNull()
    expect(wedgeChar({ code: 'F8', key: 'F8', time: 0 })).toBeNull()
  })

  it('reads GS from Ctrl+], from a key reporting ASCII 29, and from a configured function key', () => {
    expect(wedgeChar({ code: 'BracketRight', key: ']', ctrlKey: true, time: 0 })).toBe(GS)
    expect(wedgeChar({ code: '', key: GS, time: 0 })).toBe(GS)
    expect(wedgeChar({ code: 'F8', key: 'F8', time: 0 }, 'F8')).toBe(GS)
    expect(wedgeChar({ code: 'F9', key: 'F9', time: 0 }, 'F8')).toBeNull()
  })
})

describe('ScanDetector', () => {
  it('recognises a burst ending in Enter and keeps it out of the field', () => {
    const detector = new ScanDetector()
    const run = play(detector, typing('4601234567893\n', 1000, 8))
    expect(run).toEqual({ scans: ['4601234567893'], typed: '' })
  })

  it('lets slow typing through as typed, Enter included', () => {
    const detector = new ScanDetector()
    expect(play(detector, typing('PRD-17\n', 0, 150))).toEqual({ scans: [], typed: 'PRD-17⏎' })
  })

  it('reads a scan under the Russian layout by key codes, and a person’s typing by its letters', () => {
    const detector = new ScanDetector()
    // Scanner: "ABC-12/x" in a 6 ms burst; the page sees Cyrillic keys.
    const scan = play(detector, typing('ABC-12/x\n', 0, 6, 'ru'))
    expect(scan.scans).toEqual(['ABC-12/x'])
    // A person types on the same keys slowly: they mean Cyrillic.
    const person = play(detector, typing('af', 5000, 140, 'ru'))
    expect(person).toEqual({ scans: [], typed: 'фа' })
  })

  it('keeps a burst whole when the wedge presses Shift and Ctrl around characters', () => {
    const detector = new ScanDetector()
    const keys: WedgeKey[] = []
    let time = 0
    for (const char of `0104610012345677215ZkW${GS}93dGVz\n`) {
      const key = keyFor(char, time)
      if (key.shiftKey) keys.push({ code: 'ShiftLeft', key: 'Shift', shiftKey: true, time: (time += 2) })
      if (key.ctrlKey) keys.push({ code: 'ControlLeft', key: 'Control', ctrlKey: true, time: (time += 2) })
      keys.push({ ...key, time: (time += 3) })
    }
    expect(play(detector, keys)).toEqual({ scans: [`0104610012345677215ZkW${GS}93dGVz`], typed: '' })
  })

  it('separates two scans back to back and drops nothing', () => {
    const detector = new ScanDetector()
    const first = typing('4601234567893\n', 0, 5)
    const second = typing('SKU-778\n', first.at(-1)!.time + 2, 5)
    expect(play(detector, [...first, ...second])).toEqual({ scans: ['4601234567893', 'SKU-778'], typed: '' })
  })

  it('keeps human typing around a scan intact and in order', () => {
    const detector = new ScanDetector()
    const before = typing('12', 0, 150)
    const scan = typing('4601234567893\n', 450, 7)
    const after = typing('x', 700, 150)
    expect(play(detector, [...before, ...scan, ...after])).toEqual({ scans: ['4601234567893'], typed: '12x' })
  })

  it('takes a short fast burst (below the minimum length) for typing', () => {
    const detector = new ScanDetector({ minLength: 3 })
    expect(play(detector, typing('ab\n', 0, 5))).toEqual({ scans: [], typed: 'ab⏎' })
  })

  it('breaks a burst at a long pause and gives the part before back as typing', () => {
    const detector = new ScanDetector()
    // Pause of 100 ms inside: the first part cannot be a scan.
    const keys = [...typing('123', 0, 5), ...typing('4567\n', 110, 5)]
    expect(play(detector, keys)).toEqual({ scans: ['4567'], typed: '123' })
  })

  it('reads GS sent as Ctrl+] inside a marking code', () => {
    const detector = new ScanDetector()
    const code = `0104610012345677215ZkWfjP${GS}93dGVz`
    expect(play(detector, typing(`${code}\n`, 0, 4)).scans).toEqual([code])
  })

  it('maps a text substitute back to GS in scans only', () => {
    const detector = new ScanDetector({ gsSubstitute: '~' })
    expect(play(detector, typing('0104610012345677215ZkW~93dGVz\n', 0, 4)).scans).toEqual([`0104610012345677215ZkW${GS}93dGVz`])
    // A person typing ~ gets ~.
    expect(play(detector, typing('~', 1000, 150))).toEqual({ scans: [], typed: '~' })
  })

  it('maps a function-key substitute to GS', () => {
    const detector = new ScanDetector({ gsSubstitute: 'F8' })
    const keys = [...typing('10AB', 0, 5), { code: 'F8', key: 'F8', time: 20 }, ...typing('21C\n', 25, 5)]
    expect(play(detector, keys).scans).toEqual([`10AB${GS}21C`])
  })

  it('reads GS typed as Alt+029 on the numpad', () => {
    const detector = new ScanDetector()
    const keys: WedgeKey[] = typing('10AB', 0, 5)
    const steps: DetectorStep[] = keys.map((k) => detector.keyDown(k))
    for (const [i, digit] of ['0', '2', '9'].entries()) {
      steps.push(detector.keyDown({ code: `Numpad${digit}`, key: digit, altKey: true, time: 20 + i * 3 }))
    }
    steps.push(detector.keyUp({ code: 'AltLeft', key: 'Alt', time: 30 }))
    for (const k of typing('21C\n', 33, 5)) steps.push(detector.keyDown(k))
    expect(steps.flatMap((s) => (s.scan ? [s.scan] : []))).toEqual([`10AB${GS}21C`])
  })

  it('ends a scan with Tab when so configured, and lets Enter be typing then', () => {
    const detector = new ScanDetector({ terminator: 'Tab' })
    expect(play(detector, typing('ABC123\t', 0, 5))).toEqual({ scans: ['ABC123'], typed: '' })
    expect(play(detector, typing('ABC\n', 1000, 5)).scans).toEqual([])
  })

  it('ends a scan by a pause when the scanner sends no terminator', () => {
    const detector = new ScanDetector({ terminator: 'none' })
    const keys = [...typing('4601234567893', 0, 5), ...typing('SKU-1', 300, 5)]
    expect(play(detector, keys)).toEqual({ scans: ['4601234567893', 'SKU-1'], typed: '' })
  })

  it('outside text fields lets the first key act and takes the rest of a burst', () => {
    const detector = new ScanDetector()
    const steps = typing('ABC\n', 0, 5).map((k) => detector.keyDown(k, 'observe'))
    expect(steps.map((s) => s.consume)).toEqual([false, true, true, true])
    expect(steps.at(-1)?.scan).toBe('ABC')
    // A slow Space still presses the focused button and releases nothing twice.
    expect(play(detector, typing(' ', 1000, 0), 'observe')).toEqual({ scans: [], typed: ' ' })
  })

  it('gives held typing back before a control key, and treats auto-repeat as a person', () => {
    const detector = new ScanDetector()
    detector.keyDown(keyFor('a', 0))
    expect(detector.keyDown({ code: 'Backspace', key: 'Backspace', time: 10 })).toEqual({ consume: false, release: 'a' })
    detector.keyDown(keyFor('b', 100))
    expect(detector.keyDown({ ...keyFor('b', 130), repeat: true })).toEqual({ consume: false, release: 'b' })
  })

  it('does not flush before the deadline', () => {
    const detector = new ScanDetector({ maxGapMs: 35 })
    detector.keyDown(keyFor('a', 0))
    expect(detector.flush(20)).toEqual({ consume: false })
    expect(detector.holding).toBe(true)
    expect(detector.flush(detector.deadline()!)).toEqual({ consume: false, release: 'a' })
    expect(detector.holding).toBe(false)
  })
})

describe('showControlChars', () => {
  it('shows GS and other control characters', () => {
    expect(showControlChars(`01${GS}21\r`)).toBe('01⟨GS⟩21⟨0D⟩')
  })
})
