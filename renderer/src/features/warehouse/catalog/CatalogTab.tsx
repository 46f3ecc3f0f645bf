import { Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { IconCategory, IconPlus, IconSearch, IconX } from '@tabler/icons-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { productStatuses, productTypes, stockStatuses } from '../../../../../shared/contract'
import { useRpc } from '../../../app/rpc-context'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { useAuth } from '../../auth/auth-store'
import { PrintLabelsButton } from '../printing'
import { type Scan, describeGs1Error, useScanFeedback, useScanner } from '../scanning'
import { CategoriesDrawer, categoryOptions } from './CategoriesDrawer'
import { ProductCard } from './ProductCard'
import { ProductForm } from './ProductForm'
import { ProductList } from './ProductList'
import { UnknownBarcode } from './UnknownBarcode'
import { looksLikeBarcode, useCatalog } from './catalog-store'

/** How long typing pauses before the list is searched. */
const SEARCH_DEBOUNCE_MS = 250

/** The code a scan names for a catalog look-up, or null when it names no product (an SSCC, a broken GS1 code). */
export function lookupCodeOf(scan: Scan): string | null {
  const parsed = scan.parsed
  switch (parsed.kind) {
    case 'gtin':
      return parsed.printed
    case 'gs1':
      return parsed.gtin ?? null
    case 'text':
      return parsed.code
    default:
      return null
  }
}

/**
 * The warehouse's catalog: search (exact barcode, SKU or code first, then names with typos
 * tolerated), filters, a virtualized list over the whole catalog, the product card, product
 * and category edits, and scanning: a scan that matches opens the card, an unknown barcode is
 * offered for assignment.
 */
export function CatalogTab() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const feedback = useScanFeedback()
  const permissions = useAuth((s) => s.status?.user?.permissions ?? [])
  const canManage = permissions.includes('catalog.manage')
  const search = useCatalog((s) => s.search)
  const filters = useCatalog((s) => s.filters)
  const rows = useCatalog((s) => s.rows)
  const mode = useCatalog((s) => s.mode)
  const loading = useCatalog((s) => s.loading)
  const nextCursor = useCatalog((s) => s.nextCursor)
  const error = useCatalog((s) => s.error)
  const selected = useCatalog((s) => s.selected)
  const categories = useCatalog((s) => s.categories)
  const openProductId = useCatalog((s) => s.openProductId)
  const unknownCode = useCatalog((s) => s.unknownCode)
  const searchTyped = useCatalog((s) => s.searchTyped)
  const filtersChanged = useCatalog((s) => s.filtersChanged)
  const refreshed = useCatalog((s) => s.refreshed)
  const scanned = useCatalog((s) => s.scanned)
  const selectionCleared = useCatalog((s) => s.selectionCleared)
  const productOpened = useCatalog((s) => s.productOpened)
  const categoriesRefreshed = useCatalog((s) => s.categoriesRefreshed)
  const [text, setText] = useState(search)
  const [creating, setCreating] = useState(false)
  const [categoriesOpen, setCategoriesOpen] = useState(false)
  const [notFound, setNotFound] = useState<string | null>(null)
  const searchInput = useRef<HTMLInputElement>(null)
  const dialogOpen = creating || categoriesOpen || openProductId !== null || unknownCode !== null

  useEffect(() => {
    void refreshed(rpc)
    void categoriesRefreshed(rpc)
  }, [rpc, refreshed, categoriesRefreshed])

  // Edits here and changes arriving by sync refresh the list and the categories.
  useEffect(
    () =>
      rpc.on('data.changed', ({ tables }) => {
        if (tables.includes('products') || tables.includes('product_categories')) {
          void refreshed(rpc)
          void categoriesRefreshed(rpc)
        }
      }),
    [rpc, refreshed, categoriesRefreshed],
  )

  const debouncedSearch = useDebouncedCallback((value: string) => void searchTyped(rpc, value), SEARCH_DEBOUNCE_MS)

  /** A code from the scanner or confirmed with Enter: open it, or say plainly that it is unknown. */
  const lookUp = async (code: string) => {
    setNotFound(null)
    const outcome = await scanned(rpc, code)
    if (outcome === 'opened') feedback.ok()
    else if (outcome === 'error') feedback.error()
    else {
      feedback.warn()
      // Only a barcode can be assigned; a code or SKU that matches nothing is just not found.
      if (!looksLikeBarcode(code)) {
        useCatalog.getState().unknownDismissed()
        setNotFound(t('warehouse.catalog.unknown.notBarcode', { code }))
      }
    }
  }

  useScanner({
    enabled: !creating && !categoriesOpen && unknownCode === null,
    onScan: (scan) => {
      const code = lookupCodeOf(scan)
      if (code) {
        void lookUp(code)
        return
      }
      feedback.error()
      setNotFound(
        scan.parsed.kind === 'invalid'
          ? describeGs1Error(t, scan.parsed.error)
          : t('warehouse.catalog.unknown.notBarcode', { code: scan.raw }),
      )
    },
  })

  const categorySelect = useMemo(() => categoryOptions(categories, t('warehouse.catalog.filters.allCategories')), [categories, t])
  const anyFilter = Object.values(filters).some((v) => v !== undefined) || text !== ''

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          ref={searchInput}
          size="lg"
          style={{ flex: '1 1 360px' }}
          label={t('warehouse.catalog.searchLabel')}
          placeholder={t('warehouse.catalog.searchPlaceholder')}
          leftSection={<IconSearch size={20} />}
          value={text}
          autoFocus
          data-testid="catalog-search"
          onChange={(e) => {
            setText(e.currentTarget.value)
            setNotFound(null)
            debouncedSearch(e.currentTarget.value)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && text.trim()) {
              e.preventDefault()
              void lookUp(text.trim())
            } else if (e.key === 'ArrowDown') {
              e.preventDefault()
              document.querySelector<HTMLElement>('[data-testid="catalog-list"]')?.focus()
            } else if (e.key === 'Escape' && text) {
              setText('')
              void searchTyped(rpc, '')
            }
          }}
        />
        {canManage && (
          <Button
            size="lg"
            leftSection={<IconPlus size={20} />}
            onClick={() => setCreating(true)}
            data-testid="catalog-new-product"
          >
            {t('warehouse.catalog.newProduct')}
          </Button>
        )}
        <Button
          size="lg"
          variant="default"
          leftSection={<IconCategory size={20} />}
          onClick={() => setCategoriesOpen(true)}
          data-testid="catalog-categories"
        >
          {t('warehouse.catalog.categoriesButton')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('warehouse.catalog.searchHint')} {t('warehouse.catalog.keyboardHint')}
      </Text>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <Select
          size="md"
          label={t('warehouse.catalog.filters.category')}
          data={categorySelect}
          value={filters.categoryId ?? ''}
          onChange={(v) => void filtersChanged(rpc, { categoryId: v || undefined })}
          searchable
          w={280}
          data-testid="filter-category"
        />
        <Select
          size="md"
          label={t('warehouse.catalog.filters.type')}
          data={[
            { value: '', label: t('warehouse.catalog.filters.allTypes') },
            ...productTypes.map((v) => ({ value: v, label: t(`warehouse.catalog.types.${v}`) })),
          ]}
          value={filters.type ?? ''}
          onChange={(v) => void filtersChanged(rpc, { type: (v || undefined) as (typeof productTypes)[number] | undefined })}
          w={180}
          data-testid="filter-type"
        />
        <Select
          size="md"
          label={t('warehouse.catalog.filters.status')}
          data={[
            { value: '', label: t('warehouse.catalog.filters.allStatuses') },
            ...productStatuses.map((v) => ({ value: v, label: t(`warehouse.catalog.statuses.${v}`) })),
          ]}
          value={filters.status ?? ''}
          onChange={(v) => void filtersChanged(rpc, { status: (v || undefined) as (typeof productStatuses)[number] | undefined })}
          w={210}
          data-testid="filter-status"
        />
        <Select
          size="md"
          label={t('warehouse.catalog.filters.stock')}
          data={[
            { value: '', label: t('warehouse.catalog.filters.allStock') },
            ...stockStatuses.map((v) => ({ value: v, label: t(`warehouse.catalog.stockStatuses.${v}`) })),
          ]}
          value={filters.stockStatus ?? ''}
          onChange={(v) =>
            void filtersChanged(rpc, { stockStatus: (v || undefined) as (typeof stockStatuses)[number] | undefined })
          }
          w={200}
          data-testid="filter-stock"
        />
        {anyFilter && (
          <Button
            size="md"
            variant="subtle"
            leftSection={<IconX size={18} />}
            onClick={() => {
              setText('')
              useCatalog.setState({ search: '' })
              void filtersChanged(rpc, { categoryId: undefined, type: undefined, status: undefined, stockStatus: undefined })
            }}
          >
            {t('warehouse.catalog.filters.reset')}
          </Button>
        )}
      </Group>
      {notFound && (
        <Alert
          color="orange"
          title={t('warehouse.catalog.unknown.title')}
          withCloseButton
          onClose={() => setNotFound(null)}
          data-testid="catalog-not-found"
        >
          {notFound}
        </Alert>
      )}
      {error && <ErrorAlert error={error} onRetry={() => void refreshed(rpc)} />}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="catalog-count">
          {mode === 'fuzzy' && rows.length > 0
            ? t('warehouse.catalog.fuzzyHint')
            : mode === 'exact'
              ? t('warehouse.catalog.exactHit')
              : t(nextCursor ? 'warehouse.catalog.loadedMore' : 'warehouse.catalog.loaded', { count: rows.length })}
        </Text>
        {selected.length > 0 && (
          <Group gap="xs">
            <Text size="sm">{t('warehouse.catalog.selectedCount', { count: selected.length })}</Text>
            <Button size="sm" variant="subtle" onClick={selectionCleared}>
              {t('warehouse.catalog.clearSelection')}
            </Button>
            <PrintLabelsButton productIds={selected} size="md" />
          </Group>
        )}
      </Group>
      {!loading && rows.length === 0 && !error ? (
        <Text c="dimmed" py="xl" ta="center" data-testid="catalog-empty">
          {t('warehouse.catalog.empty')}
        </Text>
      ) : (
        <ProductList />
      )}
      {openProductId && (
        <ProductCard
          productId={openProductId}
          canManage={canManage}
          onClose={() => {
            productOpened(null)
            if (!dialogOpen) searchInput.current?.focus()
          }}
        />
      )}
      {creating && (
        <ProductForm
          product={null}
          onClose={(createdId) => {
            setCreating(false)
            if (createdId) productOpened(createdId)
          }}
        />
      )}
      {unknownCode && <UnknownBarcode code={unknownCode} canManage={canManage} />}
      <CategoriesDrawer opened={categoriesOpen} canManage={canManage} onClose={() => setCategoriesOpen(false)} />
    </Stack>
  )
}
