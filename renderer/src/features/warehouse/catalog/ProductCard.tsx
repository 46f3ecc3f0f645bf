import { Badge, Button, Drawer, Group, Loader, Modal, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPencil } from '@tabler/icons-react'
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MethodOutput, RpcError } from '../../../../../shared/contract'
import { formatDateTime, formatMoney } from '../../../../../shared/format'
import { useRpc } from '../../../app/rpc-context'
import { useLocale } from '../../../app/use-locale'
import { almatyTime } from '../../../components/almaty-time'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { PrintLabelsButton } from '../printing'
import { ProductForm } from './ProductForm'
import { StockChip } from './ProductList'
import { formatQuantity } from './format-quantity'

type Detail = MethodOutput<'catalog.products.get'>
type Movements = MethodOutput<'catalog.products.movements'>
type Demand = MethodOutput<'catalog.products.demand'>
type Boms = MethodOutput<'catalog.products.boms'>

/**
 * Reads one section of the card; each section loads and fails on its own. `key` names what
 * the loader reads (the product): a new key reads again, `reload` too.
 */
function useSection<T>(load: () => Promise<{ ok: true; value: T } | { ok: false; error: RpcError }>, key: string) {
  const [state, setState] = useState<{ value: T | null; error: RpcError | null }>({ value: null, error: null })
  const [version, setVersion] = useState(0)
  const loader = useRef(load)
  useEffect(() => {
    loader.current = load
  })
  useEffect(() => {
    let live = true
    void loader.current().then((result) => {
      if (live) setState(result.ok ? { value: result.value, error: null } : { value: null, error: result.error })
    })
    return () => {
      live = false
    }
  }, [key, version])
  const reload = useCallback(() => setVersion((v) => v + 1), [])
  return { ...state, reload }
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={500} component="div">
        {children}
      </Text>
    </Stack>
  )
}

/**
 * The product card: details, stock per workspace, the stock ledger (newest first, paged), open
 * orders and reservations, and the BOMs it has or is used in. Esc closes it.
 */
export function ProductCard({ productId, canManage, onClose }: { productId: string; canManage: boolean; onClose(): void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const [editing, setEditing] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [actionError, setActionError] = useState<RpcError | null>(null)
  const detail = useSection(() => rpc.call('catalog.products.get', { productId }), productId)
  const reloadDetail = detail.reload

  useEffect(
    () =>
      rpc.on('data.changed', ({ tables }) => {
        if (tables.includes('products') || tables.includes('inventory_movements')) reloadDetail()
      }),
    [rpc, reloadDetail],
  )

  const setStatus = async (status: Detail['status']) => {
    const result = await rpc.call('catalog.products.update', { productId, status })
    setActionError(result.ok ? null : result.error)
    if (result.ok) notifications.show({ color: 'green', message: t('warehouse.catalog.card.statusChanged') })
  }

  const remove = async () => {
    const result = await rpc.call('catalog.products.delete', { productId })
    setDeleting(false)
    setActionError(result.ok ? null : result.error)
    if (result.ok) {
      notifications.show({ color: 'green', message: t('warehouse.catalog.card.deleted') })
      onClose()
    }
  }

  const p = detail.value
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={p ? p.name : t('warehouse.catalog.card.title')}
      styles={{ title: { fontSize: 'var(--mantine-font-size-xl)', fontWeight: 700 } }}
      closeButtonProps={{ 'aria-label': t('warehouse.catalog.card.close'), size: 'lg' }}
      data-testid="product-card"
    >
      {detail.error && <ErrorAlert error={detail.error} onRetry={() => detail.reload()} />}
      {!p && !detail.error && <Loader />}
      {p && (
        <Stack>
          <Group gap="xs">
            <Badge size="lg" variant="outline" ff="monospace">
              {p.code}
            </Badge>
            <Badge size="lg" variant="light">
              {t(`warehouse.catalog.statuses.${p.status}`)}
            </Badge>
            <StockChip status={p.stockStatus} />
          </Group>
          {actionError && <ErrorAlert error={actionError} />}
          <Group gap="xs">
            {canManage && (
              <Button
                size="md"
                leftSection={<IconPencil size={18} />}
                onClick={() => setEditing(true)}
                data-testid="product-edit"
              >
                {t('warehouse.catalog.card.edit')}
              </Button>
            )}
            <PrintLabelsButton productIds={[p.id]} size="md" variant="default" />
            {canManage && p.status === 'ACTIVE' && (
              <>
                <Button size="md" variant="default" onClick={() => void setStatus('INACTIVE')} data-testid="product-deactivate">
                  {t('warehouse.catalog.card.deactivate')}
                </Button>
                <Button size="md" variant="default" onClick={() => void setStatus('DISCONTINUED')}>
                  {t('warehouse.catalog.card.discontinue')}
                </Button>
              </>
            )}
            {canManage && p.status !== 'ACTIVE' && (
              <Button size="md" variant="default" onClick={() => void setStatus('ACTIVE')} data-testid="product-activate">
                {t('warehouse.catalog.card.activate')}
              </Button>
            )}
            {canManage && !p.hasLedger && (
              <Button size="md" variant="subtle" color="red" onClick={() => setDeleting(true)}>
                {t('warehouse.catalog.card.delete')}
              </Button>
            )}
          </Group>
          <Tabs defaultValue="details" keepMounted={false}>
            <Tabs.List>
              {(['details', 'movements', 'demand', 'boms'] as const).map((tab) => (
                <Tabs.Tab key={tab} value={tab} data-testid={`card-tab-${tab}`}>
                  {t(`warehouse.catalog.card.tabs.${tab}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="details" pt="md">
              <Details product={p} />
            </Tabs.Panel>
            <Tabs.Panel value="movements" pt="md">
              <MovementsSection productId={p.id} unit={p.unit} />
            </Tabs.Panel>
            <Tabs.Panel value="demand" pt="md">
              <DemandSection productId={p.id} />
            </Tabs.Panel>
            <Tabs.Panel value="boms" pt="md">
              <BomsSection productId={p.id} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
      {editing && p && <ProductForm product={p} onClose={() => setEditing(false)} />}
      <Modal opened={deleting} onClose={() => setDeleting(false)} title={t('warehouse.catalog.card.delete')}>
        <Stack>
          <Text>{t('warehouse.catalog.card.deleteConfirm', { name: p?.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(false)}>
              {t('warehouse.catalog.form.cancel')}
            </Button>
            <Button color="red" onClick={() => void remove()}>
              {t('warehouse.catalog.card.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Drawer>
  )
}

function Details({ product }: { product: Detail }) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 3 }}>
        <Field label={t('warehouse.catalog.columns.category')}>{product.categoryName ?? '—'}</Field>
        <Field label={t('warehouse.catalog.columns.type')}>{t(`warehouse.catalog.types.${product.type}`)}</Field>
        <Field label={t('warehouse.catalog.columns.unit')}>{product.unit}</Field>
        <Field label={t('warehouse.catalog.card.barcode')}>
          <span data-testid="card-barcode">{product.barcode ?? t('warehouse.catalog.card.noBarcode')}</span>
        </Field>
        <Field label={t('warehouse.catalog.card.sku')}>{product.sku ?? '—'}</Field>
        <Field label={t('warehouse.catalog.columns.price')}>{formatMoney(product.price, locale, product.currency)}</Field>
        <Field label={t('warehouse.catalog.card.cost')}>{formatMoney(product.cost, locale, product.currency)}</Field>
        <Field label={t('warehouse.catalog.card.vat')}>
          {formatQuantity(product.vatRate, locale)} % ·{' '}
          {t(product.vatIncluded ? 'warehouse.catalog.card.vatIncluded' : 'warehouse.catalog.card.vatOnTop')}
        </Field>
        <Field label={t('warehouse.catalog.card.minStock')}>{product.minStockLevel}</Field>
        <Field label={t('warehouse.catalog.card.reorderPoint')}>{product.reorderPoint}</Field>
      </SimpleGrid>
      {product.description && <Field label={t('warehouse.catalog.card.description')}>{product.description}</Field>}
      <Title order={4}>{t('warehouse.catalog.card.stockByWorkspace')}</Title>
      {product.stock.length === 0 ? (
        <Text c="dimmed">{t('warehouse.catalog.card.noStock')}</Text>
      ) : (
        <Table data-testid="card-stock">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('warehouse.catalog.card.workspace')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.catalog.card.onHand')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.catalog.card.reserved')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.catalog.card.available')}</Table.Th>
              <Table.Th>{t('warehouse.catalog.card.lastMovement')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {product.stock.map((s) => (
              <Table.Tr key={s.workspaceId}>
                <Table.Td>{s.workspaceName}</Table.Td>
                <Table.Td ta="right">{formatQuantity(s.onHand, locale)}</Table.Td>
                <Table.Td ta="right">{formatQuantity(s.reserved, locale)}</Table.Td>
                <Table.Td ta="right">{formatQuantity(s.available, locale)}</Table.Td>
                <Table.Td>{s.lastMovementAt ? formatDateTime(almatyTime(s.lastMovementAt), locale) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function MovementsSection({ productId, unit }: { productId: string; unit: string }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const [rows, setRows] = useState<Movements['rows']>([])
  const [next, setNext] = useState<Movements['nextCursor']>(null)
  const [error, setError] = useState<RpcError | null>(null)
  const [loaded, setLoaded] = useState(false)

  /** Reads a page of the ledger: the first (before = null) or the one after what is shown. */
  const load = useCallback(
    (before: Movements['nextCursor']) =>
      rpc.call('catalog.products.movements', { productId, before: before ?? undefined, limit: 50 }).then((result) => {
        setLoaded(true)
        if (!result.ok) return setError(result.error)
        setError(null)
        setRows((old) => (before ? [...old, ...result.value.rows] : result.value.rows))
        setNext(result.value.nextCursor)
      }),
    [rpc, productId],
  )
  useEffect(() => {
    void load(null)
  }, [load])

  if (error) return <ErrorAlert error={error} onRetry={() => void load(null)} />
  if (!loaded) return <Loader />
  if (rows.length === 0) return <Text c="dimmed">{t('warehouse.catalog.card.noMovements')}</Text>
  return (
    <Stack>
      <Table striped data-testid="card-movements">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('warehouse.catalog.card.date')}</Table.Th>
            <Table.Th>{t('warehouse.catalog.card.movementType')}</Table.Th>
            <Table.Th ta="right">{t('warehouse.catalog.card.quantity')}</Table.Th>
            <Table.Th>{t('warehouse.catalog.card.workspace')}</Table.Th>
            <Table.Th>{t('warehouse.catalog.card.lot')}</Table.Th>
            <Table.Th>{t('warehouse.catalog.card.order')}</Table.Th>
            <Table.Th>{t('warehouse.catalog.card.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{formatDateTime(almatyTime(m.createdAt), locale)}</Table.Td>
              <Table.Td>{t(`warehouse.catalog.card.movementTypes.${m.movementType}`, { defaultValue: m.movementType })}</Table.Td>
              <Table.Td ta="right" c={m.quantity.startsWith('-') ? 'red' : undefined}>
                {formatQuantity(m.quantity, locale)} {unit}
              </Table.Td>
              <Table.Td>{m.workspaceName}</Table.Td>
              <Table.Td>{m.lotNumber ?? '—'}</Table.Td>
              <Table.Td>{m.orderNumber ?? '—'}</Table.Td>
              <Table.Td>{m.reason ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {next && (
        <Button variant="default" size="md" onClick={() => void load(next)}>
          {t('warehouse.catalog.card.loadMore')}
        </Button>
      )}
    </Stack>
  )
}

function DemandSection({ productId }: { productId: string }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const { value, error, reload } = useSection<Demand>(() => rpc.call('catalog.products.demand', { productId }), productId)
  if (error) return <ErrorAlert error={error} onRetry={() => reload()} />
  if (!value) return <Loader />
  return (
    <Stack>
      <Title order={4}>{t('warehouse.catalog.card.openOrders')}</Title>
      {value.openOrders.length === 0 ? (
        <Text c="dimmed">{t('warehouse.catalog.card.noOpenOrders')}</Text>
      ) : (
        <Table data-testid="card-open-orders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('warehouse.catalog.card.order')}</Table.Th>
              <Table.Th>{t('warehouse.catalog.card.orderDate')}</Table.Th>
              <Table.Th>{t('warehouse.catalog.card.orderStatus')}</Table.Th>
              <Table.Th>{t('warehouse.catalog.card.counterparty')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.catalog.card.ordered')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.catalog.card.shipped')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.openOrders.map((o) => (
              <Table.Tr key={o.orderId}>
                <Table.Td>{o.orderNumber ?? '—'}</Table.Td>
                <Table.Td>{o.orderDate}</Table.Td>
                <Table.Td>{o.status}</Table.Td>
                <Table.Td>{o.counterparty ?? '—'}</Table.Td>
                <Table.Td ta="right">{formatQuantity(o.quantityOrdered, locale)}</Table.Td>
                <Table.Td ta="right">{formatQuantity(o.quantityShipped, locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={4}>{t('warehouse.catalog.card.reservations')}</Title>
      {value.reservations.length === 0 ? (
        <Text c="dimmed">{t('warehouse.catalog.card.noReservations')}</Text>
      ) : (
        <Table data-testid="card-reservations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('warehouse.catalog.card.order')}</Table.Th>
              <Table.Th>{t('warehouse.catalog.card.workspace')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.catalog.card.reserved')}</Table.Th>
              <Table.Th>{t('warehouse.catalog.card.date')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.reservations.map((r, i) => (
              <Table.Tr key={`${r.orderId ?? 'none'}-${i}`}>
                <Table.Td>{r.orderNumber ?? t('warehouse.catalog.card.noOrder')}</Table.Td>
                <Table.Td>{r.workspaceName}</Table.Td>
                <Table.Td ta="right">{formatQuantity(r.reserved, locale)}</Table.Td>
                <Table.Td>{formatDateTime(almatyTime(r.lastAt), locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function BomsSection({ productId }: { productId: string }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const { value, error, reload } = useSection<Boms>(() => rpc.call('catalog.products.boms', { productId }), productId)
  if (error) return <ErrorAlert error={error} onRetry={() => reload()} />
  if (!value) return <Loader />
  return (
    <Stack>
      <Title order={4}>{t('warehouse.catalog.card.ownBoms')}</Title>
      {value.own.length === 0 ? (
        <Text c="dimmed">{t('warehouse.catalog.card.noBoms')}</Text>
      ) : (
        <Table data-testid="card-own-boms">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('warehouse.catalog.card.bom')}</Table.Th>
              <Table.Th>{t('warehouse.catalog.card.version')}</Table.Th>
              <Table.Th>{t('warehouse.catalog.columns.status')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.catalog.card.components')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.own.map((b) => (
              <Table.Tr key={b.bomId}>
                <Table.Td>
                  {b.name} {b.isDefault && <Badge size="sm">{t('warehouse.catalog.card.isDefault')}</Badge>}
                </Table.Td>
                <Table.Td>{b.version}</Table.Td>
                <Table.Td>{b.status}</Table.Td>
                <Table.Td ta="right">{b.componentCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={4}>{t('warehouse.catalog.card.usedIn')}</Title>
      {value.usedIn.length === 0 ? (
        <Text c="dimmed">{t('warehouse.catalog.card.noBoms')}</Text>
      ) : (
        <Table data-testid="card-used-in">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('warehouse.catalog.card.product')}</Table.Th>
              <Table.Th>{t('warehouse.catalog.card.bom')}</Table.Th>
              <Table.Th>{t('warehouse.catalog.card.version')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.catalog.card.perUnit')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.usedIn.map((b, i) => (
              <Table.Tr key={`${b.bomId}-${i}`}>
                <Table.Td>
                  {b.productCode} · {b.productName}
                </Table.Td>
                <Table.Td>
                  {b.name} {b.asSubstitute && <Badge size="sm">{t('warehouse.catalog.card.substitute')}</Badge>}
                </Table.Td>
                <Table.Td>{b.version}</Table.Td>
                <Table.Td ta="right">
                  {formatQuantity(b.quantityPerUnit, locale)} {b.unit}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
