import { Text, TextInput, type TextInputProps } from '@mantine/core'
import { IconBarcode } from '@tabler/icons-react'
import { type KeyboardEvent as ReactKeyboardEvent, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { insertText, wedgeKeyOf } from './keyboard-dom'
import { type DetectorStep, ScanDetector, type ScanDetectorOptions, msUntil, showControlChars } from './scan-detector'
import { type Scan, toScan } from './scan'
import { describeGs1Error, describeScan } from './scan-messages'
import { detectorOptions, useScannerSettings } from './scanner-settings'

/** Props of {@link ScanInput}. */
export interface ScanInputProps extends Omit<TextInputProps, 'onChange' | 'value' | 'onKeyDown' | 'onKeyUp'> {
  /** A code was scanned, or typed and confirmed with Enter. */
  onScan(scan: Scan): void
  /** Detector settings other than this PC's (the scanner test in the settings dialog). */
  detector?: Partial<ScanDetectorOptions>
  /** Show the last code read under the field (default yes). */
  showLast?: boolean
}

/**
 * The big "scan or type a code" field. A scanner's burst is read by physical keys (a Russian
 * layout does not matter) and submitted at once; a person types normally and confirms with
 * Enter. Shows the last code read and, for a broken GS1 code, which element is wrong.
 */
export function ScanInput({ onScan, detector: options, showLast = true, error, autoFocus = true, ...props }: ScanInputProps) {
  const { t } = useTranslation()
  const gsSubstitute = useScannerSettings((s) => s.gsSubstitute)
  const terminator = useScannerSettings((s) => s.terminator)
  const maxGapMs = useScannerSettings((s) => s.maxGapMs)
  // By value: a caller's inline object must not make a new detector (and lose held keys) each render.
  const overrides = JSON.stringify(options ?? {})
  const settings = useMemo<Partial<ScanDetectorOptions>>(
    () => ({ ...detectorOptions({ gsSubstitute, terminator, maxGapMs, sound: true }), ...JSON.parse(overrides) }),
    [gsSubstitute, terminator, maxGapMs, overrides],
  )
  const detector = useMemo(() => new ScanDetector(settings), [settings])
  const input = useRef<HTMLInputElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const [value, setValue] = useState('')
  const [last, setLast] = useState<Scan | null>(null)

  useEffect(() => () => clearTimeout(timer.current), [detector])

  const submitted = (scan: Scan) => {
    setLast(scan)
    onScan(scan)
  }

  const apply = (step: DetectorStep) => {
    if (step.release) insertText(input.current, step.release)
    if (step.scan !== undefined) submitted(toScan(step.scan, 'scanner'))
    clearTimeout(timer.current)
    const deadline = detector.deadline()
    if (deadline !== null) {
      timer.current = setTimeout(() => apply(detector.flush(performance.now())), msUntil(deadline))
    }
  }

  const keyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    const step = detector.keyDown(wedgeKeyOf(event.nativeEvent), 'hold')
    if (step.consume) event.preventDefault()
    apply(step)
    const isEnter = event.key === 'Enter' || event.code === 'NumpadEnter'
    if (!step.consume && isEnter) {
      // A person confirmed what they typed (held keys were just released into the field).
      event.preventDefault()
      const typed = (input.current?.value ?? value).trim()
      setValue('')
      if (typed) submitted(toScan(typed, 'keyboard', settings.gsSubstitute))
    }
    if (step.scan !== undefined) setValue('')
  }

  const invalid = last?.parsed.kind === 'invalid' ? describeGs1Error(t, last.parsed.error) : undefined

  return (
    <div data-scan-input>
      <TextInput
        ref={input}
        size="xl"
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        label={t('warehouse.scanning.input.label')}
        placeholder={t('warehouse.scanning.input.placeholder')}
        leftSection={<IconBarcode size={28} />}
        {...props}
        error={error ?? invalid}
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        onKeyDown={keyDown}
        onKeyUp={(event) => apply(detector.keyUp(wedgeKeyOf(event.nativeEvent)))}
        onBlur={() => apply(detector.flush(Number.POSITIVE_INFINITY))}
        data-testid="scan-input"
      />
      {showLast && last && (
        <Text size="md" mt={6} c="dimmed" data-testid="scan-last">
          {t('warehouse.scanning.input.last', {
            code: showControlChars(last.raw),
            source: t(`warehouse.scanning.input.source.${last.source}`),
          })}{' '}
          — {describeScan(t, last)}
        </Text>
      )}
    </div>
  )
}
