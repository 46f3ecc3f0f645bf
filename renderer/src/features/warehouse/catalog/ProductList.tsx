import { Badge, Box, Checkbox, Group, Loader, Text } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { type KeyboardEvent, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProductListRow, StockStatus } from '../../../../../shared/contract'
import { formatMoney } from '../../../../../shared/format'
import { useLocale } from '../../../app/use-locale'
import { useRpc } from '../../../app/rpc-context'
import { useCatalog } from './catalog-store'
import { formatQuantity } from './format-quantity'

/** Row height: tall enough for gloved fingers. */
const ROW_HEIGHT = 52

/** Rows before the end at which the next window is read, so scrolling does not stall. */
const PREFETCH_ROWS = 30

const stockColor: Record<StockStatus, string> = {
  OUT_OF_STOCK: 'red',
  LOW_STOCK: 'orange',
  REORDER_NEEDED: 'yellow',
  IN_STOCK: 'green',
  NOT_TRACKED: 'gray',
}

/** The columns' widths: one template for the header and every row. */
const gridColumns = '32px 100px minmax(180px, 3fr) minmax(90px, 1fr) 90px 96px 40px 104px 190px'

/** Height of the column header, which sticks to the top of the scrolling list. */
const HEADER_HEIGHT = 40

/** The stock state as a coloured chip (colour and words: never colour alone). */
export function StockChip({ status }: { status: StockStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={stockColor[status]} variant="light" size="md" data-testid="stock-chip">
      {t(`warehouse.catalog.stockStatuses.${status}`)}
    </Badge>
  )
}

/**
 * The catalog as a virtualized grid: only the rows in view are in the page, the next window is
 * read from the backend as the list nears its end. Keyboard: ↑/↓/PgUp/PgDn/Home/End move, Enter
 * opens the card, Space ticks the row for printing.
 */
export function ProductList() {
  const { t } = useTranslation()
  const locale = useLocale()
  const rpc = useRpc()
  const rows = useCatalog((s) => s.rows)
  const loading = useCatalog((s) => s.loading)
  const nextCursor = useCatalog((s) => s.nextCursor)
  const activeIndex = useCatalog((s) => s.activeIndex)
  const selected = useCatalog((s) => s.selected)
  const activeMoved = useCatalog((s) => s.activeMoved)
  const productOpened = useCatalog((s) => s.productOpened)
  const selectionToggled = useCatalog((s) => s.selectionToggled)
  const endReached = useCatalog((s) => s.endReached)
  const scroller = useRef<HTMLDivElement>(null)

  // The compiler skips memoizing this component (TanStack Virtual returns fresh functions by design).
  // eslint-disable-next-line react-hooks/incompatible-library -- used as TanStack documents it
  const virtualizer = useVirtualizer({
    count: rows.length + (nextCursor ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // The rows start below the sticky header inside the same scrolling element.
    scrollMargin: HEADER_HEIGHT,
    overscan: 10,
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? 0

  useEffect(() => {
    if (nextCursor && !loading && lastIndex >= rows.length - PREFETCH_ROWS) void endReached(rpc)
  }, [lastIndex, rows.length, nextCursor, loading, endReached, rpc])

  useEffect(() => {
    if (rows.length > 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, rows.length, virtualizer])

  const pageRows = Math.max(1, Math.floor(((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) - HEADER_HEIGHT) / ROW_HEIGHT) - 1)
  const keyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + pageRows,
      PageUp: activeIndex - pageRows,
      Home: 0,
      End: rows.length - 1,
    }
    const to = moves[event.key]
    if (to !== undefined) {
      event.preventDefault()
      activeMoved(to)
      return
    }
    const row = rows[activeIndex]
    if (!row) return
    if (event.key === 'Enter') {
      event.preventDefault()
      productOpened(row.id)
    } else if (event.key === ' ') {
      event.preventDefault()
      selectionToggled(row.id)
    }
  }

  const activeId = rows[activeIndex] ? `catalog-row-${rows[activeIndex].id}` : undefined
  return (
    <div
      ref={scroller}
      role="grid"
      tabIndex={0}
      aria-label={t('warehouse.catalog.title')}
      aria-rowcount={rows.length}
      aria-activedescendant={activeId}
      onKeyDown={keyDown}
      data-testid="catalog-list"
      style={{
        height: 'calc(100vh - 470px)',
        minHeight: 300,
        overflow: 'auto',
        outlineOffset: -2,
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 8,
      }}
    >
      <div style={{ minWidth: 'max-content', position: 'relative', height: virtualizer.getTotalSize() + HEADER_HEIGHT }}>
        <Box
          role="row"
          px="sm"
          style={{
            display: 'grid',
            gridTemplateColumns: gridColumns,
            gap: 6,
            alignItems: 'center',
            height: HEADER_HEIGHT,
            fontWeight: 600,
            position: 'sticky',
            top: 0,
            zIndex: 1,
            background: 'var(--mantine-color-body)',
            borderBottom: '1px solid var(--mantine-color-default-border)',
          }}
        >
          <span aria-hidden />
          <span>{t('warehouse.catalog.columns.code')}</span>
          <span>{t('warehouse.catalog.columns.name')}</span>
          <span>{t('warehouse.catalog.columns.category')}</span>
          <span>{t('warehouse.catalog.columns.type')}</span>
          <span>{t('warehouse.catalog.columns.status')}</span>
          <span>{t('warehouse.catalog.columns.unit')}</span>
          <span style={{ textAlign: 'right' }}>{t('warehouse.catalog.columns.price')}</span>
          <span>{t('warehouse.catalog.columns.stock')}</span>
        </Box>
        {/* Rows are placed from the wrapper's top: a row's start already counts the header (scrollMargin). */}
        <div style={{ position: 'absolute', top: 0, left: 0, right: 0 }}>
          {items.map((item) => {
            const row = rows[item.index]
            return (
              <div
                key={item.key}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: item.size,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {row ? (
                  <ProductRowView
                    row={row}
                    index={item.index}
                    active={item.index === activeIndex}
                    ticked={selected.includes(row.id)}
                    locale={locale}
                    onOpen={() => {
                      activeMoved(item.index)
                      productOpened(row.id)
                    }}
                    onTick={() => selectionToggled(row.id)}
                  />
                ) : (
                  <Group h="100%" justify="center" gap="xs" data-testid="catalog-loading-more">
                    <Loader size="sm" />
                    <Text c="dimmed">{t('warehouse.catalog.loadingMore')}</Text>
                  </Group>
                )}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}

function ProductRowView({
  row,
  index,
  active,
  ticked,
  locale,
  onOpen,
  onTick,
}: {
  row: ProductListRow
  index: number
  active: boolean
  ticked: boolean
  locale: ReturnType<typeof useLocale>
  onOpen(): void
  onTick(): void
}) {
  const { t } = useTranslation()
  const tracked = row.stockStatus !== 'NOT_TRACKED'
  return (
    <Box
      id={`catalog-row-${row.id}`}
      role="row"
      aria-rowindex={index + 1}
      aria-selected={active}
      data-testid="catalog-row"
      data-active={active || undefined}
      onClick={onOpen}
      px="sm"
      style={{
        display: 'grid',
        gridTemplateColumns: gridColumns,
        gap: 6,
        alignItems: 'center',
        height: '100%',
        cursor: 'pointer',
        borderBottom: '1px solid var(--mantine-color-default-border)',
        background: active ? 'var(--mantine-color-blue-light)' : undefined,
        outline: active ? '2px solid var(--mantine-color-blue-filled)' : undefined,
        outlineOffset: -2,
      }}
    >
      <Checkbox
        size="md"
        checked={ticked}
        aria-label={`${t('warehouse.catalog.columns.select')}: ${row.name}`}
        onClick={(e) => e.stopPropagation()}
        onChange={onTick}
        tabIndex={-1}
      />
      <Text ff="monospace" size="sm" truncate>
        {row.code}
      </Text>
      <Text fw={500} truncate data-testid="catalog-row-name" title={row.name}>
        {row.name}
      </Text>
      <Text size="sm" c="dimmed" truncate>
        {row.categoryName ?? '—'}
      </Text>
      <Text size="sm">{t(`warehouse.catalog.types.${row.type}`)}</Text>
      <Text size="sm" c={row.status === 'ACTIVE' ? undefined : 'dimmed'}>
        {t(`warehouse.catalog.statuses.${row.status}`)}
      </Text>
      <Text size="sm">{row.unit}</Text>
      <Text size="sm" ta="right">
        {formatMoney(row.price, locale, row.currency)}
      </Text>
      <Group gap={6} wrap="nowrap">
        {tracked && (
          <Text size="sm" ff="monospace">
            {formatQuantity(row.available, locale)} / {formatQuantity(row.onHand, locale)}
          </Text>
        )}
        <StockChip status={row.stockStatus} />
      </Group>
    </Box>
  )
}
