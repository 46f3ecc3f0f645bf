import { Button, type ButtonProps, Group, Modal, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDownload, IconPrinter, IconTags } from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type LabelSizeId, labelSizeIds, labelSymbologies } from '../../../../../shared/printing'
import { useRpc } from '../../../app/rpc-context'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { type LabelChoices, usePrintLabels } from './print-labels-store'

const sizeLabel: Record<LabelSizeId, string> = { '58x40': '58 × 40', '43x25': '43 × 25', 'a4-70x37': 'A4 · 70 × 37' }
const symbologyLabel: Record<LabelChoices['symbology'], string> = {
  ean13: 'EAN-13',
  code128: 'Code 128',
  gs1datamatrix: 'GS1 DataMatrix',
}

/**
 * "Print labels" for the products given (from the product list or card): a dialog with the
 * format (PDF for the print dialog, ZPL for a thermal printer), barcode, label size and copies.
 * Choices are remembered on this PC. A product that cannot carry the chosen barcode is named
 * in the dialog; nothing is printed then.
 */
export function PrintLabelsButton({ productIds, ...buttonProps }: { productIds: string[] } & Omit<ButtonProps, 'onClick'>) {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  const dialogReset = usePrintLabels((s) => s.dialogReset)
  const open = () => {
    dialogReset()
    setOpened(true)
  }
  return (
    <>
      <Button
        size="md"
        variant="default"
        leftSection={<IconTags size={20} />}
        disabled={productIds.length === 0}
        onClick={open}
        data-testid="print-labels"
        {...buttonProps}
      >
        {t('warehouse.printing.labels.button', { count: productIds.length })}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('warehouse.printing.labels.title')} size="lg">
        {opened && <PrintLabelsForm productIds={productIds} onDone={() => setOpened(false)} />}
      </Modal>
    </>
  )
}

function PrintLabelsForm({ productIds, onDone }: { productIds: string[]; onDone(): void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const format = usePrintLabels((s) => s.format)
  const symbology = usePrintLabels((s) => s.symbology)
  const size = usePrintLabels((s) => s.size)
  const copies = usePrintLabels((s) => s.copies)
  const dotsPerMm = usePrintLabels((s) => s.dotsPerMm)
  const busy = usePrintLabels((s) => s.busy)
  const error = usePrintLabels((s) => s.error)
  const choicesChanged = usePrintLabels((s) => s.choicesChanged)
  const printRequested = usePrintLabels((s) => s.printRequested)
  const [copiesText, setCopiesText] = useState<number | string>(copies)
  const copiesValid = typeof copiesText === 'number' && Number.isInteger(copiesText) && copiesText >= 1 && copiesText <= 100

  const run = async (wantSave: boolean) => {
    if (!copiesValid) return
    const outcome = await printRequested(rpc, productIds, wantSave)
    if (!outcome) return
    notifications.show({
      color: 'green',
      message: t(outcome === 'printed' ? 'warehouse.printing.labels.printed' : 'warehouse.printing.labels.saved'),
    })
    onDone()
  }

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('warehouse.printing.labels.products', { count: productIds.length })}
      </Text>
      <Choice label={t('warehouse.printing.labels.format')}>
        <SegmentedControl
          fullWidth
          size="md"
          value={format}
          onChange={(v) =>
            // A sheet of A4 stickers is a PDF matter: a thermal printer gets its roll size.
            choicesChanged({
              format: v as LabelChoices['format'],
              ...(v === 'zpl' && size === 'a4-70x37' ? { size: '58x40' } : {}),
            })
          }
          data={[
            { value: 'pdf', label: t('warehouse.printing.labels.formatPdf') },
            { value: 'zpl', label: t('warehouse.printing.labels.formatZpl') },
          ]}
        />
      </Choice>
      <Choice label={t('warehouse.printing.labels.symbology')}>
        <SegmentedControl
          fullWidth
          size="md"
          value={symbology}
          onChange={(v) => choicesChanged({ symbology: v as LabelChoices['symbology'] })}
          data={labelSymbologies.map((s) => ({ value: s, label: symbologyLabel[s] }))}
        />
        <Text size="xs" c="dimmed">
          {t(`warehouse.printing.labels.symbologyHint.${symbology}`)}
        </Text>
      </Choice>
      <Choice label={t('warehouse.printing.labels.size')}>
        <SegmentedControl
          fullWidth
          size="md"
          value={size}
          onChange={(v) => choicesChanged({ size: v as LabelSizeId })}
          data={labelSizeIds
            .filter((s) => format === 'pdf' || s !== 'a4-70x37')
            .map((s) => ({ value: s, label: `${sizeLabel[s]} ${t('warehouse.printing.labels.mm')}` }))}
        />
      </Choice>
      {format === 'zpl' && (
        <Choice label={t('warehouse.printing.labels.resolution')}>
          <SegmentedControl
            fullWidth
            size="md"
            value={String(dotsPerMm)}
            onChange={(v) => choicesChanged({ dotsPerMm: v === '12' ? 12 : 8 })}
            data={[
              { value: '8', label: '203 dpi' },
              { value: '12', label: '300 dpi' },
            ]}
          />
        </Choice>
      )}
      <NumberInput
        size="md"
        label={t('warehouse.printing.labels.copies')}
        min={1}
        max={100}
        allowDecimal={false}
        value={copiesText}
        error={copiesValid ? undefined : t('warehouse.printing.labels.copiesInvalid')}
        onChange={(v) => {
          setCopiesText(v)
          if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 100) choicesChanged({ copies: v })
        }}
        data-testid="print-labels-copies"
      />
      {error && <ErrorAlert error={error} />}
      <Group justify="flex-end">
        <Button variant="default" size="md" onClick={onDone}>
          {t('warehouse.printing.labels.cancel')}
        </Button>
        {format === 'pdf' && (
          <Button
            variant="default"
            size="md"
            leftSection={<IconDownload size={20} />}
            loading={busy}
            onClick={() => void run(true)}
          >
            {t('warehouse.printing.labels.savePdf')}
          </Button>
        )}
        <Button
          size="md"
          leftSection={format === 'pdf' ? <IconPrinter size={20} /> : <IconDownload size={20} />}
          loading={busy}
          disabled={!copiesValid}
          onClick={() => void run(false)}
          data-testid="print-labels-submit"
        >
          {t(format === 'pdf' ? 'warehouse.printing.labels.print' : 'warehouse.printing.labels.saveZpl')}
        </Button>
      </Group>
    </Stack>
  )
}

function Choice({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="md" fw={500}>
        {label}
      </Text>
      {children}
    </Stack>
  )
}
