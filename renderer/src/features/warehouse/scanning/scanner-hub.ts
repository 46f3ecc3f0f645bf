/**
 * One window-level listener for scan-enabled screens. Screens subscribe with {@link useScanner};
 * the most recently mounted enabled subscriber gets the scans (a dialog over a screen takes
 * them from the screen below). Listening in the capture phase sees keys before any field, so a
 * scanner's characters never land in the text field that happens to have focus.
 */
import { isTextField, insertText, wedgeKeyOf } from './keyboard-dom'
import { type DetectorStep, ScanDetector, type ScanDetectorOptions, msUntil } from './scan-detector'

interface Subscriber {
  onScan(raw: string): void
}

const subscribers: Subscriber[] = []
let detector = new ScanDetector()
let heldTarget: HTMLElement | null = null
let timer: ReturnType<typeof setTimeout> | undefined

/** Keys typed into a ScanInput are that input's business. */
const ownedByScanInput = (target: EventTarget | null) => target instanceof Element && target.closest('[data-scan-input]') !== null

function apply(step: DetectorStep, event?: KeyboardEvent): void {
  if (step.release) insertText(heldTarget, step.release)
  if (step.consume && event) {
    event.preventDefault()
    event.stopPropagation()
  }
  if (step.scan !== undefined) subscribers.at(-1)?.onScan(step.scan)
  clearTimeout(timer)
  const deadline = detector.deadline()
  if (deadline !== null) {
    timer = setTimeout(() => apply(detector.flush(performance.now())), msUntil(deadline))
  }
}

function onKeyDown(event: KeyboardEvent): void {
  if (subscribers.length === 0 || ownedByScanInput(event.target)) return
  const target = event.target instanceof HTMLElement ? event.target : null
  const mode = isTextField(target) ? 'hold' : 'observe'
  const step = detector.keyDown(wedgeKeyOf(event), mode)
  // Release goes to the field the held keys were typed in, then this key belongs to its target.
  apply({ consume: false, release: step.release })
  heldTarget = detector.holding ? target : null
  apply({ consume: step.consume, scan: step.scan }, event)
}

function onKeyUp(event: KeyboardEvent): void {
  if (subscribers.length === 0 || ownedByScanInput(event.target)) return
  apply(detector.keyUp(wedgeKeyOf(event)))
}

/** Starts delivering scans to a subscriber; returns the unsubscribe. */
export function subscribeScanner(subscriber: Subscriber): () => void {
  if (subscribers.length === 0) {
    window.addEventListener('keydown', onKeyDown, { capture: true })
    window.addEventListener('keyup', onKeyUp, { capture: true })
  }
  subscribers.push(subscriber)
  return () => {
    const index = subscribers.indexOf(subscriber)
    if (index >= 0) subscribers.splice(index, 1)
    if (subscribers.length === 0) {
      window.removeEventListener('keydown', onKeyDown, { capture: true })
      window.removeEventListener('keyup', onKeyUp, { capture: true })
      apply(detector.flush(Number.POSITIVE_INFINITY))
      detector.reset()
      heldTarget = null
    }
  }
}

/** The scanner settings changed: a new detector (what was held is given back first). */
export function configureScanner(options: Partial<ScanDetectorOptions>): void {
  const current = detector.options
  if (Object.entries(options).every(([k, v]) => current[k as keyof ScanDetectorOptions] === v)) return
  apply(detector.flush(Number.POSITIVE_INFINITY))
  detector = new ScanDetector(options)
}
