import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconArrowsExchange, IconTrash, IconTruck } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../../../shared/format'
import { useLocale } from '../../../app/use-locale'
import { useRpc } from '../../../app/rpc-context'
import { almatyTime } from '../../../components/almaty-time'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { useAuth } from '../../auth/auth-store'
import { StockScanField } from '../stock/StockScanField'
import { formatQuantity } from '../stock/quantity'
import { type TransferSummary, useTransfers } from './transfers-store'

const statusColor: Record<TransferSummary['status'], string> = {
  draft: 'blue',
  in_transit: 'orange',
  received: 'green',
  cancelled: 'gray',
}

/** New transfer by scanning, and the list of outgoing and inbound transfers. */
export function TransfersPanel() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const refreshed = useTransfers((s) => s.refreshed)
  const error = useTransfers((s) => s.error)
  const notice = useTransfers((s) => s.notice)
  const canPost = useAuth((s) => s.status?.user?.permissions.includes('inventory.post') ?? false)

  useEffect(() => {
    void refreshed(rpc)
    return rpc.on('data.changed', ({ tables }) => {
      if (tables.includes('stock_transfers')) void refreshed(rpc)
    })
  }, [rpc, refreshed])

  const [kind, number] = notice?.split(':') ?? []
  return (
    <Stack>
      {error && <ErrorAlert error={error} />}
      {notice && (
        <Alert color="green" data-testid="transfer-notice">
          {t(`warehouse.stock.transfers.${kind}`, { number })}
        </Alert>
      )}
      {canPost && <NewTransfer />}
      <TransferList canPost={canPost} />
      <ReceiveDialog />
    </Stack>
  )
}

function NewTransfer() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const workspaces = useTransfers((s) => s.workspaces)
  const destinationId = useTransfers((s) => s.destinationId)
  const lines = useTransfers((s) => s.lines)
  const lastScan = useTransfers((s) => s.lastScan)
  const busy = useTransfers((s) => s.busy)
  const destinationChosen = useTransfers((s) => s.destinationChosen)
  const scanned = useTransfers((s) => s.scanned)
  const lineQuantityChanged = useTransfers((s) => s.lineQuantityChanged)
  const lineRemoved = useTransfers((s) => s.lineRemoved)
  const createRequested = useTransfers((s) => s.createRequested)
  const here = useAuth((s) => s.status?.user?.workspaceName)

  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={4}>{t('warehouse.stock.transfers.new')}</Title>
        <Select
          size="lg"
          label={t('warehouse.stock.transfers.destination')}
          data={workspaces.filter((w) => w.name !== here).map((w) => ({ value: w.id, label: w.name }))}
          value={destinationId}
          onChange={destinationChosen}
          data-testid="transfer-destination"
        />
        <StockScanField withQuantity onScan={(code, quantity) => scanned(rpc, code, quantity)} testId="transfer-scan" />
        {lastScan && (
          <Alert color={lastScan.kind === 'ok' ? 'green' : 'red'} role="status" data-testid={`transfer-scan-${lastScan.kind}`}>
            {lastScan.kind === 'ok' ? t('warehouse.stock.scan.added', { name: lastScan.name }) : lastScan.message}
          </Alert>
        )}
        {lines.length === 0 ? (
          <Text c="dimmed">{t('warehouse.stock.transfers.noLines')}</Text>
        ) : (
          <Table verticalSpacing="xs" data-testid="transfer-lines">
            <Table.Tbody>
              {lines.map((l) => (
                <Table.Tr key={l.productId} data-testid="transfer-line">
                  <Table.Td>{l.code}</Table.Td>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td w={180}>
                    <NumberInput
                      size="md"
                      min={0.001}
                      decimalScale={3}
                      decimalSeparator=","
                      value={l.quantity}
                      onChange={(v) => lineQuantityChanged(l.productId, String(v))}
                      rightSection={<Text size="sm">{l.unit}</Text>}
                      aria-label={t('warehouse.stock.columns.quantity')}
                      data-testid="transfer-line-quantity"
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      size="xl"
                      variant="subtle"
                      color="red"
                      aria-label={t('warehouse.stock.transfers.remove')}
                      onClick={() => lineRemoved(l.productId)}
                    >
                      <IconTrash />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group>
          <Button
            size="lg"
            leftSection={<IconTruck />}
            disabled={lines.length === 0 || !destinationId}
            loading={busy}
            onClick={() => void createRequested(rpc, true)}
            data-testid="transfer-create-ship"
          >
            {t('warehouse.stock.transfers.createAndShip')}
          </Button>
          <Button
            size="lg"
            variant="default"
            disabled={lines.length === 0 || !destinationId}
            loading={busy}
            onClick={() => void createRequested(rpc, false)}
            data-testid="transfer-create"
          >
            {t('warehouse.stock.transfers.create')}
          </Button>
          <Text c="dimmed">{lines.length > 0 && t('warehouse.stock.productsShown', { count: lines.length })}</Text>
        </Group>
      </Stack>
    </Paper>
  )
}

function TransferList({ canPost }: { canPost: boolean }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const transfers = useTransfers((s) => s.transfers)
  const busy = useTransfers((s) => s.busy)
  const shipRequested = useTransfers((s) => s.shipRequested)
  const cancelRequested = useTransfers((s) => s.cancelRequested)
  const receiveOpened = useTransfers((s) => s.receiveOpened)

  return (
    <Stack>
      <Title order={4}>{t('warehouse.stock.transfers.title')}</Title>
      {transfers.length === 0 ? (
        <Text c="dimmed">{t('warehouse.stock.transfers.empty')}</Text>
      ) : (
        <Table striped verticalSpacing="sm" data-testid="transfers-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th />
              <Table.Th>{t('warehouse.stock.transfers.from')}</Table.Th>
              <Table.Th>{t('warehouse.stock.transfers.to')}</Table.Th>
              <Table.Th>{t('warehouse.stock.columns.status')}</Table.Th>
              <Table.Th>{t('warehouse.stock.transfers.lines')}</Table.Th>
              <Table.Th />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {transfers.map((tr) => (
              <Table.Tr key={tr.id} data-testid="transfer-row">
                <Table.Td fw={600}>{tr.number}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" leftSection={<IconArrowsExchange size={14} />}>
                    {t(`warehouse.stock.transfers.${tr.direction}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{tr.sourceWorkspaceName}</Table.Td>
                <Table.Td>{tr.destinationWorkspaceName}</Table.Td>
                <Table.Td>
                  <Badge size="lg" color={statusColor[tr.status]} data-testid="transfer-status">
                    {t(`warehouse.stock.transfers.statuses.${tr.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{tr.lineCount}</Table.Td>
                <Table.Td>{formatDateTime(almatyTime(tr.shippedAt ?? tr.createdAt), locale)}</Table.Td>
                <Table.Td>
                  {canPost && (
                    <Group gap="xs" wrap="nowrap">
                      {tr.direction === 'outgoing' && tr.status === 'draft' && (
                        <>
                          <Button
                            size="md"
                            loading={busy}
                            onClick={() => void shipRequested(rpc, tr)}
                            data-testid="transfer-ship"
                          >
                            {t('warehouse.stock.transfers.ship')}
                          </Button>
                          <Button size="md" variant="outline" color="red" onClick={() => void cancelRequested(rpc, tr)}>
                            {t('warehouse.stock.transfers.cancel')}
                          </Button>
                        </>
                      )}
                      {tr.status === 'in_transit' && tr.direction === 'inbound' && (
                        <Button
                          size="md"
                          color="green"
                          onClick={() => void receiveOpened(rpc, tr.id)}
                          data-testid="transfer-receive"
                        >
                          {t('warehouse.stock.transfers.receive')}
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function ReceiveDialog() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const receiving = useTransfers((s) => s.receiving)
  const busy = useTransfers((s) => s.busy)
  const error = useTransfers((s) => s.error)
  const receiveClosed = useTransfers((s) => s.receiveClosed)
  const receiveConfirmed = useTransfers((s) => s.receiveConfirmed)
  // Received quantities belong to the transfer being received; untouched lines arrive as shipped.
  const [typed, setTyped] = useState<{ transferId: string | null; values: Record<string, string> }>({
    transferId: null,
    values: {},
  })
  const quantities: Record<string, string> = {
    ...Object.fromEntries(receiving?.lines.map((l) => [l.id, l.quantity]) ?? []),
    ...(typed.transferId === receiving?.id ? typed.values : {}),
  }

  return (
    <Modal
      opened={receiving !== null}
      onClose={receiveClosed}
      size="xl"
      title={receiving ? `${t('warehouse.stock.transfers.receive')} ${receiving.number}` : ''}
    >
      {receiving && (
        <Stack data-testid="transfer-receive-dialog">
          {error && <ErrorAlert error={error} />}
          <Text>
            {receiving.sourceWorkspaceName} → {receiving.destinationWorkspaceName}
          </Text>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('warehouse.stock.columns.code')}</Table.Th>
                <Table.Th>{t('warehouse.stock.columns.name')}</Table.Th>
                <Table.Th>{t('warehouse.stock.columns.shipped')}</Table.Th>
                <Table.Th>{t('warehouse.stock.columns.received')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {receiving.lines.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.code}</Table.Td>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td>
                    {formatQuantity(l.quantity, locale)} {l.unit}
                  </Table.Td>
                  <Table.Td w={180}>
                    <NumberInput
                      size="md"
                      min={0}
                      decimalScale={3}
                      decimalSeparator=","
                      value={quantities[l.id] ?? l.quantity}
                      onChange={(v) =>
                        setTyped({ transferId: receiving.id, values: { ...quantities, [l.id]: String(v === '' ? 0 : v) } })
                      }
                      aria-label={t('warehouse.stock.columns.received')}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Button size="lg" variant="default" onClick={receiveClosed}>
              {t('warehouse.stock.transfers.close')}
            </Button>
            <Button
              size="lg"
              color="green"
              loading={busy}
              onClick={() => void receiveConfirmed(rpc, quantities)}
              data-testid="transfer-receive-confirm"
            >
              {t('warehouse.stock.transfers.receiveAll')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
