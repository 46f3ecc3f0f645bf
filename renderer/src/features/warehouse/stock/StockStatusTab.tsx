import { Badge, Chip, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type InventoryStatus, inventoryStatuses } from '../../../../../shared/contract'
import { formatMoney } from '../../../../../shared/format'
import { useLocale } from '../../../app/use-locale'
import { useRpc } from '../../../app/rpc-context'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { ReorderPanel } from './ReorderPanel'
import { formatQuantity } from './quantity'
import { STOCK_PAGE_SIZE, type StockRow, useStock } from './stock-store'

/** Chip colours per state: red needs action now, orange soon, yellow plan, green fine. */
export const statusColor: Record<InventoryStatus, string> = {
  OUT_OF_STOCK: 'red',
  LOW_STOCK: 'orange',
  REORDER_NEEDED: 'yellow',
  IN_STOCK: 'green',
}

const ROW_HEIGHT = 48
const columns = '130px minmax(200px, 1fr) 110px 120px 100px 100px 150px 140px'

/** The stock status screen and reorder suggestions. */
export function StockStatusTab() {
  const { t } = useTranslation()
  const [view, setView] = useState<'status' | 'reorder'>('status')
  return (
    <Stack>
      <SegmentedControl
        size="md"
        value={view}
        onChange={(v) => setView(v as 'status' | 'reorder')}
        data={[
          { value: 'status', label: t('warehouse.tabs.stock') },
          { value: 'reorder', label: t('warehouse.stock.reorder.title') },
        ]}
        data-testid="stock-view"
      />
      {view === 'status' ? <StockStatusPanel /> : <ReorderPanel />}
    </Stack>
  )
}

function StockStatusPanel() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const status = useStock((s) => s.status)
  const total = useStock((s) => s.total)
  const byStatus = useStock((s) => s.byStatus)
  const inventoryValue = useStock((s) => s.inventoryValue)
  const pages = useStock((s) => s.pages)
  const error = useStock((s) => s.error)
  const refreshed = useStock((s) => s.refreshed)
  const statusChosen = useStock((s) => s.statusChosen)
  const searched = useStock((s) => s.searched)
  const pageNeeded = useStock((s) => s.pageNeeded)
  const [search, setSearch] = useState('')
  const scroller = useRef<HTMLDivElement>(null)

  useEffect(() => {
    void refreshed(rpc)
    // Stock moves when anything posts a movement, here or by sync.
    return rpc.on('data.changed', ({ tables }) => {
      if (tables.includes('products') || tables.includes('inventory_movements')) void refreshed(rpc)
    })
  }, [rpc, refreshed])

  // The search waits for a pause in typing (or a scanner's Enter) before asking.
  useEffect(() => {
    const timer = setTimeout(() => void searched(rpc, search.trim()), 300)
    return () => clearTimeout(timer)
  }, [rpc, search, searched])

  // The virtualizer's functions change on every scroll by design: this component is left
  // unmemoized by the React Compiler, which is what TanStack Virtual needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  useEffect(() => {
    for (let page = Math.floor(first / STOCK_PAGE_SIZE); page <= Math.floor(last / STOCK_PAGE_SIZE); page++)
      void pageNeeded(rpc, page)
  }, [rpc, first, last, pageNeeded])

  const rowAt = (index: number): StockRow | undefined => pages[Math.floor(index / STOCK_PAGE_SIZE)]?.[index % STOCK_PAGE_SIZE]
  const allCount = byStatus ? inventoryStatuses.reduce((sum, s) => sum + byStatus[s], 0) : 0

  return (
    <Stack>
      {error && <ErrorAlert error={error} onRetry={() => void refreshed(rpc)} />}
      <Group justify="space-between" align="flex-end">
        <Chip.Group
          multiple={false}
          value={status ?? 'all'}
          onChange={(v) => void statusChosen(rpc, v === 'all' ? null : (v as InventoryStatus))}
        >
          <Group gap="xs">
            <Chip value="all" size="lg" wrapperProps={{ 'data-testid': 'stock-filter-all' }}>
              {t('warehouse.stock.status.all')} · {allCount}
            </Chip>
            {inventoryStatuses.map((s) => (
              <Chip key={s} value={s} size="lg" color={statusColor[s]} wrapperProps={{ 'data-testid': `stock-filter-${s}` }}>
                {t(`warehouse.stock.status.${s}`)} · {byStatus?.[s] ?? 0}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Paper withBorder p="sm">
          <Text size="sm" c="dimmed">
            {t('warehouse.stock.inventoryValue')}
          </Text>
          <Text size="xl" fw={700} data-testid="stock-inventory-value">
            {formatMoney(inventoryValue, locale)}
          </Text>
        </Paper>
      </Group>
      <TextInput
        size="lg"
        leftSection={<IconSearch />}
        placeholder={t('warehouse.stock.search')}
        aria-label={t('warehouse.stock.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="stock-search"
      />
      <Text size="sm" c="dimmed">
        {t('warehouse.stock.productsShown', { count: total })} · {t('warehouse.stock.orgWide')}
      </Text>
      <div role="table" aria-rowcount={total} data-testid="stock-table">
        <div role="row" style={{ display: 'grid', gridTemplateColumns: columns, fontWeight: 600, padding: '8px 0' }}>
          {(['code', 'name', 'stock', 'here', 'reserved', 'available', 'status', 'value'] as const).map((c) => (
            <div role="columnheader" key={c} style={{ paddingInline: 8 }}>
              {t(`warehouse.stock.columns.${c}`)}
            </div>
          ))}
        </div>
        <div ref={scroller} style={{ height: '60vh', overflow: 'auto' }}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index)
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 1}
                  data-testid={row ? 'stock-row' : 'stock-row-loading'}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${item.start}px)`,
                    display: 'grid',
                    gridTemplateColumns: columns,
                    alignItems: 'center',
                    borderBottom: '1px solid var(--mantine-color-gray-3)',
                  }}
                >
                  {row ? (
                    <>
                      <Cell>{row.code}</Cell>
                      <Cell>{row.name}</Cell>
                      <Cell>
                        {formatQuantity(row.stockLevel, locale)} {row.unit}
                      </Cell>
                      <Cell>{formatQuantity(row.workspaceStock, locale)}</Cell>
                      <Cell>{formatQuantity(row.reservedQuantity, locale)}</Cell>
                      <Cell>{formatQuantity(row.availableQuantity, locale)}</Cell>
                      <Cell>
                        <Badge color={statusColor[row.status]} variant="light" size="lg">
                          {t(`warehouse.stock.status.${row.status}`)}
                        </Badge>
                      </Cell>
                      <Cell>{formatMoney(row.inventoryValue, locale)}</Cell>
                    </>
                  ) : (
                    <Cell>{t('warehouse.stock.loading')}</Cell>
                  )}
                </div>
              )
            })}
          </div>
        </div>
      </div>
    </Stack>
  )
}

function Cell({ children }: { children: React.ReactNode }) {
  return (
    <div role="cell" style={{ paddingInline: 8, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
      {children}
    </div>
  )
}
