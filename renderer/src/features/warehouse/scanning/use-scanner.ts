import { useEffect, useRef } from 'react'
import { type Scan, toScan } from './scan'
import { useScannerSettings } from './scanner-settings'
import { configureScanner, subscribeScanner } from './scanner-hub'

/**
 * Listens for a wedge scanner on the whole window while a scan-enabled screen is shown. A burst
 * that ends in the terminator becomes a {@link Scan}; the scanner's characters never reach the
 * focused text field, and a person typing is unaffected. The most recently mounted screen gets
 * the scans; a `ScanInput` handles its own keys.
 */
export function useScanner({ onScan, enabled = true }: { onScan: (scan: Scan) => void; enabled?: boolean }): void {
  const gsSubstitute = useScannerSettings((s) => s.gsSubstitute)
  const terminator = useScannerSettings((s) => s.terminator)
  const maxGapMs = useScannerSettings((s) => s.maxGapMs)
  // The latest callback without re-subscribing (which would reorder the subscribers).
  const onScanRef = useRef(onScan)
  useEffect(() => {
    onScanRef.current = onScan
  }, [onScan])

  useEffect(() => {
    configureScanner({ gsSubstitute, terminator, maxGapMs })
  }, [gsSubstitute, terminator, maxGapMs])

  useEffect(() => {
    if (!enabled) return
    return subscribeScanner({ onScan: (raw) => onScanRef.current(toScan(raw, 'scanner')) })
  }, [enabled])
}
