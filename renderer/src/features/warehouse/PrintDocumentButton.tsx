import { Button, type ButtonProps } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPrinter } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MethodOutput, Result } from '../../../../shared/contract'
import { deliverLabels } from './printing'

/**
 * Prints one warehouse document the backend renders (goods receipt, pick list, waybill): the PDF
 * goes to the print dialog, or is saved when the dialog cannot open.
 */
export function PrintDocumentButton({
  label,
  load,
  testId,
  ...props
}: {
  label: string
  load: () => Promise<Result<MethodOutput<'receiving.printReceipt'>>>
  testId: string
} & ButtonProps) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const print = async () => {
    setBusy(true)
    const result = await load()
    if (!result.ok) {
      setBusy(false)
      notifications.show({ color: 'red', title: t(`errors.${result.error.code}`), message: result.error.message })
      return
    }
    const outcome = await deliverLabels(result.value, false)
    setBusy(false)
    if (outcome === 'saved') notifications.show({ message: t('warehouse.documents.printSaved', { file: result.value.fileName }) })
  }
  return (
    <Button
      variant="default"
      size="lg"
      leftSection={<IconPrinter />}
      loading={busy}
      onClick={() => void print()}
      data-testid={testId}
      {...props}
    >
      {label}
    </Button>
  )
}
