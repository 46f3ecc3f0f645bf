import { ActionIcon, Alert, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconCheck, IconTrash } from '@tabler/icons-react'
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../../../../shared/format'
import { useRpc } from '../../../app/rpc-context'
import { useLocale } from '../../../app/use-locale'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { CodeScanField } from '../CodeScanField'
import { PrintDocumentButton } from '../PrintDocumentButton'
import { ScanOutcomeBanner } from '../ScanOutcomeBanner'
import type { ScannedCode } from '../scanned-code'
import { decimalOrZero, lineVariance, receivingByOrderLine } from './receipt-lines'
import { type ReceiptLine, useReceiving } from './receiving-store'

const p = 'warehouse.documents.receiving'

/**
 * Goods receipt: pick a purchase order (or none and a supplier), scan what arrived — each scan
 * adds one or the count the code carries — correct quantities by hand, see per line what is
 * missing or extra against the order, and post. Keyboard flow: the scan field keeps focus.
 */
export function ReceivingTab() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const state = useReceiving()
  const { opened } = state

  useEffect(() => {
    void opened(rpc)
  }, [rpc, opened])

  // Lines to be posted are numbered as the backend numbers them in its messages.
  const numbers = useMemo(() => {
    let n = 0
    return new Map(
      state.lines.map((l) => [l.key, l.ordered !== null && decimalOrZero(l.quantity).isZero() ? null : ++n] as const),
    )
  }, [state.lines])

  const receiving = useMemo(() => receivingByOrderLine(state.lines), [state.lines])

  const orderOptions = [
    { value: '', label: t(`${p}.noOrder`) },
    ...state.orders.map((o) => ({
      value: o.id,
      label: `${o.orderNumber ?? '—'} · ${o.supplierName ?? t(`${p}.noSupplier`)} · ${o.orderDate}`,
    })),
  ]

  const post = async () => {
    if (await useReceiving.getState().postRequested(rpc)) {
      notifications.show({
        color: 'green',
        title: t(`${p}.posted`),
        message: useReceiving.getState().postedNumber ?? '',
      })
    }
  }

  const onScan = async (scan: ScannedCode) => (await state.scanned(rpc, scan)).tone
  const fmt = (v: string) => formatNumber(Number(v), locale)
  const lineError = (line: ReceiptLine) =>
    state.error?.issues?.find((i) => i.path[0] === 'lines' && i.path[1] === line.key)?.message

  return (
    <Stack data-testid="receiving-tab">
      <Group align="flex-end" grow>
        <Select
          size="lg"
          label={t(`${p}.order`)}
          data={orderOptions}
          value={state.orderId ?? ''}
          onChange={(v) => void state.orderChosen(rpc, v || null)}
          searchable
          allowDeselect={false}
          data-testid="receiving-order"
        />
        <Select
          size="lg"
          label={t(`${p}.supplier`)}
          data={state.suppliers.map((s) => ({ value: s.id, label: s.name }))}
          value={state.supplierId}
          onChange={(v) => state.supplierChosen(v)}
          disabled={state.orderId !== null}
          searchable
          clearable
          placeholder={t(`${p}.noSupplier`)}
          data-testid="receiving-supplier"
        />
        <TextInput
          size="lg"
          label={t(`${p}.supplierDocument`)}
          value={state.supplierDocument}
          onChange={(e) => state.supplierDocumentTyped(e.currentTarget.value)}
          data-testid="receiving-supplier-document"
        />
      </Group>

      <CodeScanField onScan={onScan} testId="receiving-scan" />
      <ScanOutcomeBanner outcome={state.outcome} />
      {state.postedNumber && (
        <Alert color="green" icon={<IconCheck />} data-testid="receiving-posted">
          <Group justify="space-between">
            <Text>{t(`${p}.postedNumber`, { number: state.postedNumber })}</Text>
            {state.postedReceiptId && (
              <PrintDocumentButton
                label={t(`${p}.print`)}
                testId="print-receipt"
                load={() => rpc.call('receiving.printReceipt', { receiptId: state.postedReceiptId! })}
              />
            )}
          </Group>
        </Alert>
      )}
      {state.error && <ErrorAlert error={state.error} />}

      {state.lines.length === 0 ? (
        <Text c="dimmed" size="lg">
          {t(`${p}.empty`)}
        </Text>
      ) : (
        <Table striped verticalSpacing="sm" fz="md" data-testid="receiving-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>№</Table.Th>
              <Table.Th>{t(`${p}.product`)}</Table.Th>
              <Table.Th>{t(`${p}.ordered`)}</Table.Th>
              <Table.Th>{t(`${p}.receivedBefore`)}</Table.Th>
              <Table.Th>{t(`${p}.receivingNow`)}</Table.Th>
              <Table.Th>{t(`${p}.variance`)}</Table.Th>
              <Table.Th>{t(`${p}.lot`)}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {state.lines.map((line) => {
              // An order line counts every lot received against it; a further lot's line points to it.
              const variance =
                line.ordered === null && line.orderItemId
                  ? ({ kind: 'lotOfLine' } as const)
                  : lineVariance(line.ordered, line.receivedBefore, receiving.get(line.orderItemId ?? '') ?? line.quantity)
              const error = lineError(line)
              return (
                <Table.Tr
                  key={line.key}
                  data-testid="receiving-line"
                  data-product-code={line.code}
                  data-barcode={line.barcode ?? ''}
                  data-ordered={line.ordered ?? ''}
                  data-received-before={line.receivedBefore}
                  bg={error ? 'red.0' : undefined}
                >
                  <Table.Td>{numbers.get(line.key) ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text fw={600}>{line.name}</Text>
                    <Text size="sm" c="dimmed">
                      {line.code}
                      {line.barcode ? ` · ${line.barcode}` : ''}
                    </Text>
                    {error && (
                      <Text size="sm" c="red" role="alert">
                        {error}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{line.ordered !== null ? `${fmt(line.ordered)} ${line.unit}` : '—'}</Table.Td>
                  <Table.Td>{line.ordered !== null ? fmt(line.receivedBefore) : '—'}</Table.Td>
                  <Table.Td>
                    <TextInput
                      size="lg"
                      w={130}
                      inputMode="decimal"
                      value={line.quantity}
                      onChange={(e) => state.quantityTyped(line.key, e.currentTarget.value)}
                      aria-label={`${t(`${p}.receivingNow`)}: ${line.name}`}
                      data-testid="receiving-quantity"
                    />
                  </Table.Td>
                  <Table.Td>
                    <VarianceBadge variance={variance} unit={line.unit} fmt={fmt} />
                  </Table.Td>
                  <Table.Td>
                    {[line.lot, line.serial, line.expiry && t(`${p}.expires`, { date: line.expiry })]
                      .filter(Boolean)
                      .join(' · ') || '—'}
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      size="xl"
                      variant="subtle"
                      color="red"
                      onClick={() => state.lineRemoved(line.key)}
                      aria-label={`${t(`${p}.remove`)}: ${line.name}`}
                    >
                      <IconTrash />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      )}

      <Group justify="space-between">
        <Button size="lg" variant="default" onClick={state.cleared} disabled={state.lines.length === 0 && !state.orderId}>
          {t(`${p}.clear`)}
        </Button>
        <Button
          size="xl"
          color="green"
          leftSection={<IconCheck />}
          onClick={() => void post()}
          loading={state.posting}
          disabled={[...numbers.values()].every((n) => n === null)}
          data-testid="receiving-post"
        >
          {t(`${p}.post`)}
        </Button>
      </Group>
      <Title order={6} c="dimmed">
        {t(`${p}.hint`)}
      </Title>
    </Stack>
  )
}

function VarianceBadge({
  variance,
  unit,
  fmt,
}: {
  variance: ReturnType<typeof lineVariance> | { kind: 'lotOfLine' }
  unit: string
  fmt: (v: string) => string
}) {
  const { t } = useTranslation()
  switch (variance.kind) {
    case 'exact':
      return (
        <Badge size="lg" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal' } }} color="green" data-testid="variance">
          {t(`${p}.exact`)}
        </Badge>
      )
    case 'under':
      return (
        <Badge size="lg" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal' } }} color="orange" data-testid="variance">
          {t(`${p}.under`, { quantity: `${fmt(variance.missing)} ${unit}` })}
        </Badge>
      )
    case 'over':
      return (
        <Badge size="lg" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal' } }} color="red" data-testid="variance">
          {t(`${p}.over`, { quantity: `${fmt(variance.extra)} ${unit}` })}
        </Badge>
      )
    case 'lotOfLine':
      return (
        <Badge size="lg" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal' } }} color="blue" data-testid="variance">
          {t(`${p}.lotOfLine`)}
        </Badge>
      )
    default:
      return (
        <Badge size="lg" tt="none" h="auto" styles={{ label: { whiteSpace: 'normal' } }} color="gray" data-testid="variance">
          {t(`${p}.unordered`)}
        </Badge>
      )
  }
}
