import { Badge, Button, Card, Group, Modal, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconArrowLeft, IconCheck, IconTruckDelivery, IconX } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatMoney, formatNumber } from '../../../../../shared/format'
import { type OrderStatus, canTransition, shippableStatuses } from '../../../../../shared/order-status'
import { useRpc } from '../../../app/rpc-context'
import { useLocale } from '../../../app/use-locale'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { CodeScanField } from '../CodeScanField'
import { PrintDocumentButton } from '../PrintDocumentButton'
import { ScanOutcomeBanner } from '../ScanOutcomeBanner'
import { decimalOrZero } from '../receiving/receipt-lines'
import { allPicked, pickable } from './pick-list'
import { type OrderFilter, useShipping } from './shipping-store'

const p = 'warehouse.documents.orders'

const statusColor: Record<OrderStatus, string> = {
  pending: 'gray',
  confirmed: 'blue',
  processing: 'indigo',
  shipped: 'teal',
  delivered: 'green',
  cancelled: 'red',
  returned: 'orange',
}

const filters: OrderFilter[] = ['open', 'pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled']

/** An order's status as a badge. */
function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation()
  return (
    <Badge size="lg" color={statusColor[status]} data-testid="order-status" data-status={status}>
      {t(`${p}.statuses.${status}`)}
    </Badge>
  )
}

/**
 * Sales orders: the list by status, and one order's pick list — confirm (reserves stock), pick
 * by scanning line by line, ship all or part with carrier and tracking number, mark delivered,
 * or cancel (releases the reservation). The workspace's negative-stock policy sits underneath.
 */
export function OrdersTab() {
  const rpc = useRpc()
  const order = useShipping((s) => s.order)
  const listRefreshed = useShipping((s) => s.listRefreshed)
  const policyRead = useShipping((s) => s.policyRead)

  useEffect(() => {
    void listRefreshed(rpc)
    void policyRead(rpc)
  }, [rpc, listRefreshed, policyRead])

  // Orders changed elsewhere (another window, a pull from head office): the list follows.
  useEffect(
    () =>
      rpc.on('data.changed', ({ tables }) => {
        if (tables.includes('orders')) void listRefreshed(rpc)
      }),
    [rpc, listRefreshed],
  )

  return (
    <Stack data-testid="orders-tab">
      {order ? <PickList /> : <OrderList />}
      <StockPolicyPanel />
    </Stack>
  )
}

function OrderList() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const orders = useShipping((s) => s.orders)
  const filter = useShipping((s) => s.filter)
  const error = useShipping((s) => s.error)
  const filterChanged = useShipping((s) => s.filterChanged)
  const orderOpened = useShipping((s) => s.orderOpened)
  return (
    <Stack>
      <SegmentedControl
        size="md"
        value={filter}
        onChange={(v) => void filterChanged(rpc, v as OrderFilter)}
        data={filters.map((f) => ({ value: f, label: t(f === 'open' ? `${p}.open` : `${p}.statuses.${f}`) }))}
        data-testid="orders-filter"
      />
      {error && <ErrorAlert error={error} />}
      {orders.length === 0 ? (
        <Text c="dimmed" size="lg">
          {t(`${p}.empty`)}
        </Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing="sm" fz="md" data-testid="orders-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(`${p}.number`)}</Table.Th>
              <Table.Th>{t(`${p}.customer`)}</Table.Th>
              <Table.Th>{t(`${p}.date`)}</Table.Th>
              <Table.Th>{t(`${p}.required`)}</Table.Th>
              <Table.Th>{t(`${p}.lines`)}</Table.Th>
              <Table.Th>{t(`${p}.total`)}</Table.Th>
              <Table.Th>{t(`${p}.status`)}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.map((o) => (
              <Table.Tr key={o.id} data-testid="order-row" data-order-number={o.orderNumber ?? ''}>
                <Table.Td fw={600}>{o.orderNumber ?? '—'}</Table.Td>
                <Table.Td>{o.customerName ?? '—'}</Table.Td>
                <Table.Td>{o.orderDate}</Table.Td>
                <Table.Td>{o.requiredDate ?? '—'}</Table.Td>
                <Table.Td>{o.lineCount}</Table.Td>
                <Table.Td>{formatMoney(o.totalAmount, locale)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={o.status} />
                </Table.Td>
                <Table.Td>
                  <Button size="md" onClick={() => void orderOpened(rpc, o.id)} data-testid="open-order">
                    {t(`${p}.openOrder`)}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function PickList() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const s = useShipping()
  const order = s.order!
  const [cancelling, setCancelling] = useState(false)
  const fmt = (v: string) => formatNumber(Number(v), locale)
  const canShip = shippableStatuses.includes(order.status)
  const picked = order.lines.some((l) => decimalOrZero(s.picks[l.orderItemId] ?? '0').gt(0))
  const complete = canShip && allPicked(order.lines, s.picks)

  const done = (ok: boolean, key: string) => {
    if (ok) notifications.show({ color: 'green', message: t(`${p}.done.${key}`) })
  }
  const lineError = (index: number) => s.error?.issues?.find((i) => i.path[0] === 'lines' && i.path[1] === index)?.message

  // Issues of a shipment name lines by their position among the picked lines.
  const shippedIndex = new Map(
    order.lines.filter((l) => decimalOrZero(s.picks[l.orderItemId] ?? '0').gt(0)).map((l, i) => [l.orderItemId, i]),
  )

  return (
    <Stack data-testid="pick-list">
      <Group justify="space-between">
        <Group>
          <Button
            size="lg"
            variant="default"
            leftSection={<IconArrowLeft />}
            onClick={s.orderClosed}
            data-testid="back-to-orders"
          >
            {t(`${p}.back`)}
          </Button>
          <Title order={3}>{t(`${p}.orderTitle`, { number: order.orderNumber ?? '—' })}</Title>
          <StatusBadge status={order.status} />
        </Group>
        <Group>
          <Text size="lg">{order.customerName ?? ''}</Text>
          {canShip && (
            <PrintDocumentButton
              label={t(`${p}.printPickList`)}
              testId="print-pick-list"
              load={() => rpc.call('shipping.printPickList', { orderId: order.id })}
            />
          )}
        </Group>
      </Group>

      <Group>
        {canTransition(order.status, 'confirmed') && (
          <Button
            size="xl"
            leftSection={<IconCheck />}
            loading={s.busy}
            onClick={() => void s.confirmRequested(rpc).then((ok) => done(ok, 'confirmed'))}
            data-testid="confirm-order"
          >
            {t(`${p}.confirm`)}
          </Button>
        )}
        {canTransition(order.status, 'delivered') && (
          <Button
            size="xl"
            color="green"
            loading={s.busy}
            onClick={() => void s.deliverRequested(rpc).then((ok) => done(ok, 'delivered'))}
            data-testid="deliver-order"
          >
            {t(`${p}.deliver`)}
          </Button>
        )}
        {canTransition(order.status, 'cancelled') && (
          <Button
            size="lg"
            color="red"
            variant="outline"
            leftSection={<IconX />}
            loading={s.busy}
            onClick={() => setCancelling(true)}
            data-testid="cancel-order"
          >
            {t(`${p}.cancel`)}
          </Button>
        )}
      </Group>

      {canShip && <CodeScanField onScan={(scan) => s.scanned(scan).tone} testId="pick-scan" />}
      <ScanOutcomeBanner outcome={s.outcome} />
      {s.error && <ErrorAlert error={s.error} />}

      <Table striped verticalSpacing="sm" fz="md" data-testid="pick-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`${p}.product`)}</Table.Th>
            <Table.Th>{t(`${p}.ordered`)}</Table.Th>
            <Table.Th>{t(`${p}.shipped`)}</Table.Th>
            <Table.Th>{t(`${p}.reserved`)}</Table.Th>
            <Table.Th>{t(`${p}.onHand`)}</Table.Th>
            {canShip && <Table.Th>{t(`${p}.picked`)}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.map((line) => {
            const limit = pickable(line)
            const pickedNow = decimalOrZero(s.picks[line.orderItemId] ?? '0')
            const full = limit.gt(0) && pickedNow.eq(limit)
            const index = shippedIndex.get(line.orderItemId)
            const error = index === undefined ? undefined : lineError(index)
            return (
              <Table.Tr
                key={line.orderItemId}
                data-testid="pick-line"
                data-product-code={line.code}
                data-barcode={line.barcode ?? ''}
                data-pickable={limit.toFixed()}
                bg={error ? 'red.0' : full ? 'green.0' : undefined}
              >
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
                <Table.Td>
                  {fmt(line.ordered)} {line.unit}
                </Table.Td>
                <Table.Td data-testid="line-shipped">{fmt(line.shipped)}</Table.Td>
                <Table.Td>{fmt(line.reserved)}</Table.Td>
                <Table.Td c={Number(line.onHand) < Number(line.reserved) ? 'red' : undefined}>{fmt(line.onHand)}</Table.Td>
                {canShip && (
                  <Table.Td>
                    <Group gap="xs">
                      <TextInput
                        size="lg"
                        w={110}
                        inputMode="decimal"
                        value={s.picks[line.orderItemId] ?? ''}
                        placeholder="0"
                        onChange={(e) => s.pickTyped(line.orderItemId, e.currentTarget.value)}
                        aria-label={`${t(`${p}.picked`)}: ${line.name}`}
                        data-testid="pick-quantity"
                      />
                      <Text c="dimmed">/ {fmt(limit.toFixed())}</Text>
                      {full && <IconCheck color="green" aria-label={t(`${p}.lineComplete`)} />}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>

      {canShip && (
        <Card withBorder>
          <Group align="flex-end" grow>
            <TextInput
              size="lg"
              label={t(`${p}.carrier`)}
              value={s.carrier}
              onChange={(e) => s.carrierTyped(e.currentTarget.value)}
              data-testid="ship-carrier"
            />
            <TextInput
              size="lg"
              label={t(`${p}.tracking`)}
              value={s.trackingNumber}
              onChange={(e) => s.trackingTyped(e.currentTarget.value)}
              data-testid="ship-tracking"
            />
            <Button
              size="xl"
              color="teal"
              leftSection={<IconTruckDelivery />}
              disabled={!picked}
              loading={s.busy}
              onClick={() => void s.shipRequested(rpc).then((ok) => done(ok, 'shipped'))}
              data-testid="ship-order"
            >
              {complete ? t(`${p}.shipAll`) : t(`${p}.shipPart`)}
            </Button>
          </Group>
        </Card>
      )}

      {order.shipments.length > 0 && (
        <Stack gap="xs" data-testid="shipments">
          <Title order={5}>{t(`${p}.shipments`)}</Title>
          {order.shipments.map((sh) => (
            <Group key={sh.id} data-testid="shipment-row">
              <Text>
                {sh.shipmentNumber} · {sh.shipmentDate}
                {sh.carrier ? ` · ${sh.carrier}` : ''}
                {sh.trackingNumber ? ` · ${sh.trackingNumber}` : ''}
                {sh.belowZeroConfirmed ? ` · ${t(`${p}.belowZeroShipped`)}` : ''}
              </Text>
              <PrintDocumentButton
                size="md"
                label={t(`${p}.printWaybill`)}
                testId="print-waybill"
                load={() => rpc.call('shipping.printWaybill', { shipmentId: sh.id })}
              />
            </Group>
          ))}
        </Stack>
      )}

      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t(`${p}.cancelTitle`)} size="lg">
        <Stack>
          <Text size="lg">{t(`${p}.cancelQuestion`, { number: order.orderNumber ?? '—' })}</Text>
          <Group justify="flex-end">
            <Button size="lg" variant="default" onClick={() => setCancelling(false)}>
              {t(`${p}.keepOrder`)}
            </Button>
            <Button
              size="lg"
              color="red"
              onClick={() => {
                setCancelling(false)
                void s.cancelRequested(rpc).then((ok) => done(ok, 'cancelled'))
              }}
              data-testid="confirm-cancel"
            >
              {t(`${p}.cancel`)}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={s.belowZeroQuestion !== null} onClose={s.belowZeroDeclined} title={t(`${p}.belowZeroTitle`)} size="lg">
        <Stack>
          <Text size="lg">{s.belowZeroQuestion}</Text>
          <Group justify="flex-end">
            <Button size="lg" variant="default" onClick={s.belowZeroDeclined}>
              {t('common.cancel')}
            </Button>
            <Button
              size="lg"
              color="orange"
              onClick={() => void s.shipRequested(rpc, true).then((ok) => done(ok, 'shipped'))}
              data-testid="confirm-below-zero"
            >
              {t(`${p}.belowZeroConfirm`)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}

/** The workspace's negative-stock policy; a manager (inventory.adjust) may change it. */
function StockPolicyPanel() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const policy = useShipping((s) => s.policy)
  const canEdit = useShipping((s) => s.canEditPolicy)
  const policyChanged = useShipping((s) => s.policyChanged)
  if (!policy) return null
  return (
    <Card withBorder data-testid="stock-policy">
      <Group justify="space-between">
        <Stack gap={2}>
          <Text fw={600}>{t(`${p}.policy.title`)}</Text>
          <Text size="sm" c="dimmed">
            {t(canEdit ? `${p}.policy.hint` : `${p}.policy.readOnly`)}
          </Text>
        </Stack>
        <SegmentedControl
          size="md"
          value={policy}
          disabled={!canEdit}
          onChange={(v) => void policyChanged(rpc, v as 'block' | 'warn')}
          data={[
            { value: 'block', label: t(`${p}.policy.block`) },
            { value: 'warn', label: t(`${p}.policy.warn`) },
          ]}
          data-testid="stock-policy-choice"
        />
      </Group>
    </Card>
  )
}
