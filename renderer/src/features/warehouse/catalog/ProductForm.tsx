import { Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type MethodOutput,
  type RpcError,
  productStatuses,
  productTypes,
  taxCategoryChoices,
} from '../../../../../shared/contract'
import { useRpc } from '../../../app/rpc-context'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { fieldError } from '../../../components/field-errors'
import { categoryOptions } from './CategoriesDrawer'
import { useCatalog } from './catalog-store'
import { formatQuantity } from './format-quantity'
import { useLocale } from '../../../app/use-locale'

type Detail = MethodOutput<'catalog.products.get'>
type Rates = MethodOutput<'catalog.taxRates.current'>

const formFields = [
  'code',
  'name',
  'description',
  'type',
  'categoryId',
  'unit',
  'status',
  'price',
  'cost',
  'taxCategory',
  'vatIncluded',
  'barcode',
  'sku',
  'trackInventory',
  'minStockLevel',
  'reorderPoint',
]

/** Units clerks pick most; any other can be typed. */
const commonUnits = ['шт', 'кг', 'г', 'л', 'м', 'м²', 'м³', 'упак', 'компл', 'пара', 'рулон', 'лист']

/**
 * Creates or edits a product. The backend validates everything (code unique in the
 * organization, barcode check digit and uniqueness, prices ≥ 0, VAT from today's rates) and
 * each refusal stands under its field. Closing tells the caller the new product's id.
 */
export function ProductForm({ product, onClose }: { product: Detail | null; onClose(createdId?: string): void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const categories = useCatalog((s) => s.categories)
  const [rates, setRates] = useState<Rates>([])
  const [error, setError] = useState<RpcError | null>(null)
  const [saving, setSaving] = useState(false)
  const [form, setForm] = useState({
    code: product?.code ?? '',
    name: product?.name ?? '',
    description: product?.description ?? '',
    type: product?.type ?? 'PRODUCT',
    categoryId: product?.categoryId ?? '',
    unit: product?.unit ?? 'шт',
    status: product?.status ?? 'ACTIVE',
    price: product?.price ?? '0',
    cost: product?.cost ?? '0',
    taxCategory: product?.taxCategory ?? 'standard',
    vatIncluded: product?.vatIncluded ?? true,
    barcode: product?.barcode ?? '',
    sku: product?.sku ?? '',
    trackInventory: product?.trackInventory ?? true,
    minStockLevel: product?.minStockLevel ?? 0,
    reorderPoint: product?.reorderPoint ?? 10,
  })
  const patch = (p: Partial<typeof form>) => setForm((f) => ({ ...f, ...p }))
  const err = (path: string) => fieldError(error, path)

  useEffect(() => {
    void rpc.call('catalog.taxRates.current', {}).then((r) => r.ok && setRates(r.value))
  }, [rpc])

  const categorySelect = useMemo(
    () =>
      categoryOptions(
        categories.filter((c) => c.isActive || c.id === product?.categoryId),
        t('warehouse.catalog.form.noCategory'),
      ),
    [categories, product, t],
  )

  const submit = async () => {
    setSaving(true)
    const fields = {
      ...form,
      categoryId: form.categoryId || null,
      barcode: form.barcode.trim() || null,
      sku: form.sku,
      description: form.description,
    }
    const result = product
      ? await rpc.call('catalog.products.update', { productId: product.id, ...fields })
      : await rpc.call('catalog.products.create', fields)
    setSaving(false)
    setError(result.ok ? null : result.error)
    if (!result.ok) return
    notifications.show({
      color: 'green',
      message: product ? t('warehouse.catalog.form.saved') : t('warehouse.catalog.form.created', { name: form.name }),
    })
    onClose(result.value && 'productId' in result.value ? result.value.productId : undefined)
  }

  const underFields = error?.issues?.length && error.issues.every((i) => formFields.includes(i.path.join('.')))
  return (
    <Modal
      opened
      size="xl"
      onClose={() => onClose()}
      title={product ? t('warehouse.catalog.form.editTitle') : t('warehouse.catalog.form.createTitle')}
      data-testid="product-form"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <Stack>
          {error && !underFields && <ErrorAlert error={error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              size="md"
              label={t('warehouse.catalog.form.code')}
              required
              value={form.code}
              onChange={(e) => patch({ code: e.currentTarget.value })}
              error={err('code')}
              data-autofocus
              data-testid="product-code"
            />
            <TextInput
              size="md"
              label={t('warehouse.catalog.form.sku')}
              value={form.sku}
              onChange={(e) => patch({ sku: e.currentTarget.value })}
              error={err('sku')}
              data-testid="product-sku"
            />
          </SimpleGrid>
          <TextInput
            size="md"
            label={t('warehouse.catalog.form.name')}
            required
            value={form.name}
            onChange={(e) => patch({ name: e.currentTarget.value })}
            error={err('name')}
            data-testid="product-name"
          />
          <TextInput
            size="md"
            label={t('warehouse.catalog.form.barcode')}
            value={form.barcode}
            inputMode="numeric"
            onChange={(e) => patch({ barcode: e.currentTarget.value })}
            error={err('barcode')}
            data-testid="product-barcode"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              size="md"
              label={t('warehouse.catalog.form.type')}
              data={productTypes.map((v) => ({ value: v, label: t(`warehouse.catalog.types.${v}`) }))}
              value={form.type}
              onChange={(v) => v && patch({ type: v as typeof form.type })}
              error={err('type')}
              allowDeselect={false}
            />
            <Select
              size="md"
              label={t('warehouse.catalog.form.category')}
              data={categorySelect}
              value={form.categoryId}
              onChange={(v) => patch({ categoryId: v ?? '' })}
              error={err('categoryId')}
              searchable
            />
            <Select
              size="md"
              label={t('warehouse.catalog.form.status')}
              data={productStatuses.map((v) => ({ value: v, label: t(`warehouse.catalog.statuses.${v}`) }))}
              value={form.status}
              onChange={(v) => v && patch({ status: v as typeof form.status })}
              error={err('status')}
              allowDeselect={false}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              size="md"
              label={t('warehouse.catalog.form.unit')}
              data={[...new Set([form.unit, ...commonUnits])]}
              value={form.unit}
              onChange={(v) => v && patch({ unit: v })}
              error={err('unit')}
              searchable
              allowDeselect={false}
            />
            <TextInput
              size="md"
              label={t('warehouse.catalog.form.price')}
              value={form.price}
              inputMode="decimal"
              onChange={(e) => patch({ price: e.currentTarget.value })}
              error={err('price')}
              data-testid="product-price"
            />
            <TextInput
              size="md"
              label={t('warehouse.catalog.form.cost')}
              value={form.cost}
              inputMode="decimal"
              onChange={(e) => patch({ cost: e.currentTarget.value })}
              error={err('cost')}
              data-testid="product-cost"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              size="md"
              label={t('warehouse.catalog.form.taxCategory')}
              data={taxCategoryChoices
                .filter((c) => rates.length === 0 || rates.some((r) => r.taxCategory === c))
                .map((c) => {
                  const rate = rates.find((r) => r.taxCategory === c)
                  const name = t(`warehouse.catalog.taxCategories.${c}`)
                  return {
                    value: c,
                    label: rate ? t('warehouse.catalog.form.rate', { name, rate: formatQuantity(rate.rate, locale) }) : name,
                  }
                })}
              value={form.taxCategory}
              onChange={(v) => v && patch({ taxCategory: v as typeof form.taxCategory })}
              error={err('taxCategory')}
              allowDeselect={false}
            />
            <Checkbox
              size="md"
              mt={32}
              label={t('warehouse.catalog.form.vatIncluded')}
              checked={form.vatIncluded}
              onChange={(e) => patch({ vatIncluded: e.currentTarget.checked })}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Checkbox
              size="md"
              mt={32}
              label={t('warehouse.catalog.form.trackInventory')}
              checked={form.trackInventory}
              onChange={(e) => patch({ trackInventory: e.currentTarget.checked })}
            />
            <NumberInput
              size="md"
              label={t('warehouse.catalog.form.minStock')}
              min={0}
              allowDecimal={false}
              value={form.minStockLevel}
              onChange={(v) => patch({ minStockLevel: typeof v === 'number' ? v : 0 })}
              error={err('minStockLevel')}
            />
            <NumberInput
              size="md"
              label={t('warehouse.catalog.form.reorderPoint')}
              min={0}
              allowDecimal={false}
              value={form.reorderPoint}
              onChange={(v) => patch({ reorderPoint: typeof v === 'number' ? v : 0 })}
              error={err('reorderPoint')}
            />
          </SimpleGrid>
          <Textarea
            size="md"
            label={t('warehouse.catalog.form.description')}
            value={form.description}
            autosize
            minRows={2}
            onChange={(e) => patch({ description: e.currentTarget.value })}
            error={err('description')}
          />
          <Group justify="flex-end">
            <Button size="md" variant="default" onClick={() => onClose()}>
              {t('warehouse.catalog.form.cancel')}
            </Button>
            <Button size="md" type="submit" loading={saving} data-testid="product-save">
              {t('warehouse.catalog.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
