/**
 * Scanning for warehouse screens: a window-level wedge listener, the "scan or type" field, scan
 * feedback, and this PC's scanner settings.
 */
export { ScanInput, type ScanInputProps } from './ScanInput'
export { ScanFeedbackLayer } from './ScanFeedbackLayer'
export { ScannerSettingsButton } from './ScannerSettingsButton'
export { useScanner } from './use-scanner'
export { useScanFeedback } from './scan-feedback'
export { type Scan, type ScanSource, toScan } from './scan'
export { describeGs1Error, describeScan } from './scan-messages'
export { showControlChars } from './scan-detector'
export { useScannerSettings, type ScannerSettings } from './scanner-settings'
