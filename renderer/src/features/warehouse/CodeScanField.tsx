import { TextInput } from '@mantine/core'
import { IconBarcode } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ScannedCode, plainCode } from './scanned-code'

/**
 * The big "scan or type a code" field of receiving and picking: a keyboard-wedge scanner types
 * the code and Enter, a person does the same by hand. Keeps focus so the next scan lands here.
 */
export function CodeScanField({ onScan, testId }: { onScan(scan: ScannedCode): void; testId: string }) {
  const { t } = useTranslation()
  const [value, setValue] = useState('')
  const input = useRef<HTMLInputElement>(null)
  return (
    <TextInput
      ref={input}
      size="xl"
      autoFocus
      leftSection={<IconBarcode size={28} />}
      label={t('warehouse.documents.scanLabel')}
      placeholder={t('warehouse.documents.scanPlaceholder')}
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return
        e.preventDefault()
        const code = value.trim()
        setValue('')
        if (code) onScan(plainCode(code))
      }}
      data-testid={testId}
    />
  )
}
