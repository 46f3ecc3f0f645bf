import { Alert, Badge, Button, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconArrowBackUp, IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocale } from '../../../app/use-locale'
import { useRpc } from '../../../app/rpc-context'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { useAuth } from '../../auth/auth-store'
import { formatQuantity } from '../stock/quantity'
import { type ReturnSummary, useReturns } from './returns-store'

const statusColor: Record<ReturnSummary['status'], string> = { pending: 'orange', delivered: 'green', cancelled: 'gray' }

/** Customer returns: find the sales order (typed or scanned number), enter what came back, receive it. */
export function ReturnsPanel() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const returns = useReturns((s) => s.returns)
  const order = useReturns((s) => s.order)
  const error = useReturns((s) => s.error)
  const busy = useReturns((s) => s.busy)
  const posted = useReturns((s) => s.posted)
  const refreshed = useReturns((s) => s.refreshed)
  const orderSearched = useReturns((s) => s.orderSearched)
  const returnPosted = useReturns((s) => s.returnPosted)
  const receiveRequested = useReturns((s) => s.receiveRequested)
  const canPost = useAuth((s) => s.status?.user?.permissions.includes('inventory.post') ?? false)
  const [orderNumber, setOrderNumber] = useState('')
  // Typed quantities belong to the order they were typed for: another order starts empty.
  const [typed, setTyped] = useState<{ orderId: string | null; values: Record<string, string> }>({ orderId: null, values: {} })
  const quantities = typed.orderId === order?.orderId ? typed.values : {}

  useEffect(() => {
    void refreshed(rpc)
  }, [rpc, refreshed])

  const anything = Object.values(quantities).some((q) => /[1-9]/.test(q))

  return (
    <Stack>
      {error && <ErrorAlert error={error} />}
      {posted && (
        <Alert color="green" data-testid="return-posted">
          {t('warehouse.stock.returns.posted', { number: posted })}
        </Alert>
      )}
      {canPost && (
        <Paper withBorder p="md">
          <Stack>
            <Group align="flex-end">
              <TextInput
                size="lg"
                style={{ flex: 1 }}
                label={t('warehouse.stock.returns.orderNumber')}
                value={orderNumber}
                onChange={(e) => setOrderNumber(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && orderNumber.trim()) void orderSearched(rpc, orderNumber.trim())
                }}
                data-testid="return-order-number"
              />
              <Button
                size="lg"
                leftSection={<IconSearch />}
                loading={busy}
                disabled={!orderNumber.trim()}
                onClick={() => void orderSearched(rpc, orderNumber.trim())}
              >
                {t('warehouse.stock.returns.find')}
              </Button>
            </Group>
            {order && (
              <>
                <Text>
                  {t('warehouse.stock.returns.original')}: <strong>{order.orderNumber}</strong>
                  {order.customerName && ` · ${t('warehouse.stock.returns.customer')}: ${order.customerName}`}
                </Text>
                <Table verticalSpacing="xs" data-testid="return-lines">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('warehouse.stock.columns.code')}</Table.Th>
                      <Table.Th>{t('warehouse.stock.columns.name')}</Table.Th>
                      <Table.Th>{t('warehouse.stock.columns.shipped')}</Table.Th>
                      <Table.Th>{t('warehouse.stock.columns.returned')}</Table.Th>
                      <Table.Th>{t('warehouse.stock.columns.toReturn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {order.lines.map((l) => (
                      <Table.Tr key={l.orderItemId}>
                        <Table.Td>{l.code}</Table.Td>
                        <Table.Td>{l.name}</Table.Td>
                        <Table.Td>
                          {formatQuantity(l.quantityShipped, locale)} {l.unit}
                        </Table.Td>
                        <Table.Td>{formatQuantity(l.quantityReturned, locale)}</Table.Td>
                        <Table.Td w={180}>
                          <NumberInput
                            size="md"
                            min={0}
                            decimalScale={3}
                            decimalSeparator=","
                            value={quantities[l.orderItemId] ?? ''}
                            onChange={(v) =>
                              setTyped({ orderId: order.orderId, values: { ...quantities, [l.orderItemId]: String(v) } })
                            }
                            aria-label={t('warehouse.stock.columns.toReturn')}
                            data-testid="return-line-quantity"
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Group>
                  <Button
                    size="lg"
                    leftSection={<IconArrowBackUp />}
                    loading={busy}
                    disabled={!anything}
                    onClick={() => void returnPosted(rpc, quantities)}
                    data-testid="return-post"
                  >
                    {t('warehouse.stock.returns.post')}
                  </Button>
                  {!anything && <Text c="dimmed">{t('warehouse.stock.returns.nothing')}</Text>}
                </Group>
              </>
            )}
          </Stack>
        </Paper>
      )}
      <Title order={4}>{t('warehouse.stock.returns.title')}</Title>
      {returns.length === 0 ? (
        <Text c="dimmed">{t('warehouse.stock.returns.empty')}</Text>
      ) : (
        <Table striped verticalSpacing="sm" data-testid="returns-table">
          <Table.Tbody>
            {returns.map((r) => (
              <Table.Tr key={r.orderId} data-testid="return-row">
                <Table.Td fw={600}>{r.orderNumber}</Table.Td>
                <Table.Td>{r.originalOrderNumber}</Table.Td>
                <Table.Td>{r.customerName}</Table.Td>
                <Table.Td>
                  <Badge size="lg" color={statusColor[r.status]}>
                    {t(`warehouse.stock.returns.statuses.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.lineCount}</Table.Td>
                <Table.Td>
                  {canPost && r.status === 'pending' && (
                    <Button size="md" onClick={() => void receiveRequested(rpc, r.orderId)}>
                      {t('warehouse.stock.returns.receive')}
                    </Button>
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
