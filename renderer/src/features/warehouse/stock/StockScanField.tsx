import { Group, NumberInput, TextInput } from '@mantine/core'
import { IconBarcode } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The scan field of counting and transfers: a keyboard-wedge scanner types the code and
 * Enter; a person may type a code too. Focus stays here after each scan so the next one
 * lands, and an optional quantity (default 1) goes with the scan for several items at once.
 */
export function StockScanField({
  onScan,
  disabled = false,
  withQuantity = false,
  testId = 'scan-input',
}: {
  onScan: (code: string, quantity: string) => Promise<boolean> | boolean | void
  disabled?: boolean
  withQuantity?: boolean
  testId?: string
}) {
  const { t } = useTranslation()
  const [code, setCode] = useState('')
  const [quantity, setQuantity] = useState<string | number>(1)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (!disabled) input.current?.focus()
  }, [disabled])

  const submit = async () => {
    const scanned = code.trim()
    if (!scanned) return
    setCode('')
    const done = await onScan(scanned, String(quantity || 1))
    // A typed quantity is for one scan only: the next scan counts one again.
    if (done !== false) setQuantity(1)
    input.current?.focus()
  }

  return (
    <Group align="flex-end" wrap="nowrap">
      <TextInput
        ref={input}
        size="xl"
        style={{ flex: 1 }}
        leftSection={<IconBarcode size={28} />}
        label={t('warehouse.stock.scan.label')}
        value={code}
        disabled={disabled}
        autoComplete="off"
        onChange={(e) => setCode(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            void submit()
          }
        }}
        data-testid={testId}
      />
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
          onKeyDown={(e) => {
            if (e.key === 'Enter') input.current?.focus()
          }}
          data-testid={`${testId}-quantity`}
        />
      )}
    </Group>
  )
}
