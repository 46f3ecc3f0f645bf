/**
 * The DOM side of the scanner: reading KeyboardEvents into the detector's terms, telling text
 * fields from other targets, and putting held human typing back into the field.
 */
import type { WedgeKey } from './scan-detector'

const textInputTypes = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', ''])

/** The parts of a KeyboardEvent the detector reads. */
export function wedgeKeyOf(event: KeyboardEvent): WedgeKey {
  return {
    code: event.code,
    key: event.key,
    time: event.timeStamp,
    shiftKey: event.shiftKey,
    ctrlKey: event.ctrlKey,
    altKey: event.altKey,
    metaKey: event.metaKey,
    capsLock: event.getModifierState('CapsLock'),
    repeat: event.repeat,
    isComposing: event.isComposing,
  }
}

/** An element a person types text into (inputs of text kinds, textareas, editable content). */
export function isTextField(target: EventTarget | null): target is HTMLElement {
  if (target instanceof HTMLInputElement) return textInputTypes.has(target.type) && !target.readOnly && !target.disabled
  if (target instanceof HTMLTextAreaElement) return !target.readOnly && !target.disabled
  return target instanceof HTMLElement && target.isContentEditable
}

const nativeValueSetter = (element: HTMLInputElement | HTMLTextAreaElement) =>
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element) as object, 'value')?.set

/**
 * Types text into a field as if the keys had not been held: at the caret, with the input events
 * React listens to. `insertText` keeps the caret and the undo history; where the field no longer
 * has focus, the value is set through the native setter so React still sees the change.
 */
export function insertText(target: HTMLElement | null, text: string): void {
  if (!text || !target || !isTextField(target)) return
  if (document.activeElement === target && document.execCommand('insertText', false, text)) return
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
    let next = target.value + text
    try {
      const start = target.selectionStart ?? target.value.length
      const end = target.selectionEnd ?? start
      next = target.value.slice(0, start) + text + target.value.slice(end)
    } catch {
      // number and email inputs have no selection: append
    }
    nativeValueSetter(target)?.call(target, next)
    target.dispatchEvent(new Event('input', { bubbles: true }))
  }
}
