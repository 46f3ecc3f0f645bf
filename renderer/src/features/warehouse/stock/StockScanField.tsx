import { Group, NumberInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ScanInput, useScanFeedback } from '../scanning'

/**
 * The scan field of counting and transfers: the warehouse's ScanInput (a keyboard-wedge burst
 * or a typed code confirmed with Enter) with the scan feedback (tone and flash: accepted or
 * refused) and, optionally, a quantity for several items at once. The quantity goes back to 1
 * with each scan, so the next scan counts one again.
 */
export function StockScanField({
  onScan,
  disabled = false,
  withQuantity = false,
  testId = 'stock-scan',
}: {
  /** Handles one scan; true when it was accepted. */
  onScan: (code: string, quantity: string) => Promise<boolean>
  disabled?: boolean
  withQuantity?: boolean
  testId?: string
}) {
  const { t } = useTranslation()
  const feedback = useScanFeedback()
  const [quantity, setQuantity] = useState<string | number>(1)

  const scanned = async (raw: string) => {
    // The quantity goes with this scan and is reset at once, not after the answer: a quantity
    // typed for the next scan while this one is answered must not be overwritten.
    const forThisScan = String(quantity || 1)
    setQuantity(1)
    if (await onScan(raw, forThisScan)) feedback.ok()
    else feedback.error()
  }

  return (
    <Group align="flex-start" wrap="nowrap" data-testid={testId}>
      <div style={{ flex: 1 }}>
        <ScanInput disabled={disabled} showLast={false} onScan={(scan) => void scanned(scan.raw)} />
      </div>
      {withQuantity && (
        <NumberInput
          size="xl"
          w={140}
          label={t('warehouse.stock.scan.quantity')}
          min={0.001}
          decimalScale={3}
          decimalSeparator=","
          value={quantity}
          disabled={disabled}
          onChange={setQuantity}
          data-testid={`${testId}-quantity`}
        />
      )}
    </Group>
  )
}
