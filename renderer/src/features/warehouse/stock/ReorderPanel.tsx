import { Alert, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core'
import { IconShoppingCart } from '@tabler/icons-react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '../../../../../shared/format'
import { useLocale } from '../../../app/use-locale'
import { useRpc } from '../../../app/rpc-context'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { useAuth } from '../../auth/auth-store'
import { formatQuantity } from './quantity'
import { useStock } from './stock-store'

/**
 * Products at or below their reorder point: tick them (or all) and create draft purchase
 * orders, one per usual supplier, with each product's reorder quantity.
 */
export function ReorderPanel() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const suggestions = useStock((s) => s.suggestions)
  const total = useStock((s) => s.suggestionsTotal)
  const selected = useStock((s) => s.selected)
  const creating = useStock((s) => s.creating)
  const created = useStock((s) => s.created)
  const error = useStock((s) => s.reorderError)
  const suggestionsRequested = useStock((s) => s.suggestionsRequested)
  const suggestionToggled = useStock((s) => s.suggestionToggled)
  const allSuggestionsToggled = useStock((s) => s.allSuggestionsToggled)
  const purchaseOrdersRequested = useStock((s) => s.purchaseOrdersRequested)
  const canOrder = useAuth((s) => s.status?.user?.permissions.includes('orders.manage') ?? false)

  useEffect(() => {
    void suggestionsRequested(rpc)
  }, [rpc, suggestionsRequested])

  if (suggestions.length === 0 && !error) return <Text c="dimmed">{t('warehouse.stock.reorder.empty')}</Text>

  return (
    <Stack>
      <Text c="dimmed">{t('warehouse.stock.reorder.hint')}</Text>
      {error && <ErrorAlert error={error} />}
      {created.length > 0 && (
        <Alert color="green" data-testid="reorder-created">
          {t('warehouse.stock.reorder.created', { numbers: created.join(', ') })}
        </Alert>
      )}
      {canOrder && (
        <Group>
          <Button
            size="lg"
            leftSection={<IconShoppingCart />}
            disabled={selected.length === 0}
            loading={creating}
            onClick={() => void purchaseOrdersRequested(rpc).then(() => suggestionsRequested(rpc))}
            data-testid="reorder-create"
          >
            {t('warehouse.stock.reorder.create', { count: selected.length })}
          </Button>
          <Text c="dimmed">{t('warehouse.stock.productsShown', { count: total })}</Text>
        </Group>
      )}
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="reorder-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              {canOrder && (
                <Checkbox
                  size="md"
                  aria-label={t('warehouse.stock.reorder.selectAll')}
                  checked={selected.length > 0 && selected.length === suggestions.length}
                  indeterminate={selected.length > 0 && selected.length < suggestions.length}
                  onChange={allSuggestionsToggled}
                />
              )}
            </Table.Th>
            <Table.Th>{t('warehouse.stock.columns.code')}</Table.Th>
            <Table.Th>{t('warehouse.stock.columns.name')}</Table.Th>
            <Table.Th>{t('warehouse.stock.columns.stock')}</Table.Th>
            <Table.Th>{t('warehouse.stock.columns.reorderPoint')}</Table.Th>
            <Table.Th>{t('warehouse.stock.columns.reorderQuantity')}</Table.Th>
            <Table.Th>{t('warehouse.stock.columns.cost')}</Table.Th>
            <Table.Th>{t('warehouse.stock.columns.supplier')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {suggestions.map((r) => (
            <Table.Tr key={r.productId} data-testid="reorder-row">
              <Table.Td>
                {canOrder && (
                  <Checkbox
                    size="md"
                    aria-label={r.name}
                    checked={selected.includes(r.productId)}
                    onChange={() => suggestionToggled(r.productId)}
                  />
                )}
              </Table.Td>
              <Table.Td>{r.code}</Table.Td>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>
                {formatQuantity(r.stockLevel, locale)} {r.unit}
              </Table.Td>
              <Table.Td>{r.reorderPoint}</Table.Td>
              <Table.Td>{r.reorderQuantity}</Table.Td>
              <Table.Td>{formatMoney(r.cost, locale)}</Table.Td>
              <Table.Td>{r.supplierName ?? <Text c="dimmed">{t('warehouse.stock.reorder.noSupplier')}</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
