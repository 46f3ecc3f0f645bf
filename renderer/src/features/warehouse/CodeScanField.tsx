import { type ScannedCode, fromScan } from './scanned-code'
import { type Scan, ScanInput, useScanFeedback, useScanner } from './scanning'

/** What a scan handler answers, so the field can sound and flash the outcome. */
export type ScanTone = 'ok' | 'warn' | 'error'

/**
 * The big "scan or type a code" field of receiving and picking. A wedge scanner's burst is
 * caught in the field and, while the screen is shown, anywhere in the window (a clerk who just
 * corrected a quantity need not click back). Each scan's outcome sounds and flashes.
 */
export function CodeScanField({
  onScan,
  testId,
  enabled = true,
}: {
  onScan(scan: ScannedCode): ScanTone | Promise<ScanTone>
  testId: string
  enabled?: boolean
}) {
  const feedback = useScanFeedback()
  const handle = (scan: Scan) => {
    const code = fromScan(scan)
    if (!code) return feedback.error()
    void Promise.resolve(onScan(code)).then((tone) => feedback[tone]())
  }
  useScanner({ onScan: handle, enabled })
  return (
    <div data-testid={testId}>
      <ScanInput onScan={handle} disabled={!enabled} />
    </div>
  )
}
