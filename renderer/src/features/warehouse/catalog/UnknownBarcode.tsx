import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { IconBarcode } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProductListRow, RpcError } from '../../../../../shared/contract'
import { useRpc } from '../../../app/rpc-context'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { fieldError } from '../../../components/field-errors'
import { useCatalog } from './catalog-store'

/**
 * A scanned barcode that matches no product: says so plainly and offers to give it to a
 * product (search by name or code, pick, confirm). The backend checks the check digit and that
 * no other product has it; then the product's card opens.
 */
export function UnknownBarcode({ code, canManage }: { code: string; canManage: boolean }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const dismissed = useCatalog((s) => s.unknownDismissed)
  const productOpened = useCatalog((s) => s.productOpened)
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<ProductListRow[]>([])
  const [picked, setPicked] = useState<string | null>(null)
  const [error, setError] = useState<RpcError | null>(null)
  const [saving, setSaving] = useState(false)

  const search = useDebouncedCallback(async (text: string) => {
    if (!text.trim()) return setFound([])
    const result = await rpc.call('catalog.products.list', { search: text.trim(), limit: 8 })
    if (result.ok) {
      setFound(result.value.rows)
      setPicked(result.value.rows.length === 1 ? result.value.rows[0]!.id : null)
    }
  }, 200)

  const assign = async () => {
    if (!picked) return
    setSaving(true)
    const result = await rpc.call('catalog.products.assignBarcode', { productId: picked, barcode: code })
    setSaving(false)
    if (!result.ok) return setError(result.error)
    const product = found.find((p) => p.id === picked)
    notifications.show({ color: 'green', message: t('warehouse.catalog.unknown.assigned', { code, name: product?.name ?? '' }) })
    dismissed()
    productOpened(picked)
  }

  const barcodeError = fieldError(error, 'barcode')
  return (
    <Modal opened onClose={dismissed} size="lg" title={t('warehouse.catalog.unknown.title')} data-testid="unknown-barcode">
      <Stack>
        <Alert color="orange" icon={<IconBarcode />}>
          <Text fw={600} size="lg" data-testid="unknown-barcode-message">
            {t('warehouse.catalog.unknown.message', { code })}
          </Text>
          <Text>{canManage ? t('warehouse.catalog.unknown.offer') : t('warehouse.catalog.unknown.noManage')}</Text>
        </Alert>
        {canManage && (
          <>
            <TextInput
              size="lg"
              label={t('warehouse.catalog.unknown.searchLabel')}
              placeholder={t('warehouse.catalog.searchPlaceholder')}
              value={query}
              data-autofocus
              data-testid="unknown-search"
              onChange={(e) => {
                setQuery(e.currentTarget.value)
                void search(e.currentTarget.value)
              }}
            />
            <Radio.Group value={picked} onChange={setPicked}>
              <Stack gap="xs">
                {found.map((p) => (
                  <Radio
                    key={p.id}
                    value={p.id}
                    size="md"
                    data-testid="unknown-candidate"
                    label={`${p.code} · ${p.name}${p.barcode ? ` (${t('warehouse.catalog.unknown.hasBarcode', { barcode: p.barcode })})` : ''}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
            {barcodeError ? (
              <Alert color="red" data-testid="unknown-error">
                {barcodeError}
              </Alert>
            ) : (
              error && <ErrorAlert error={error} />
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button size="md" variant="default" onClick={dismissed}>
            {t('warehouse.catalog.unknown.dismiss')}
          </Button>
          {canManage && (
            <Button size="md" disabled={!picked} loading={saving} onClick={() => void assign()} data-testid="unknown-assign">
              {t('warehouse.catalog.unknown.assign')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  )
}
