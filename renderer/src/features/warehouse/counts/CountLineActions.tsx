import { Button, Group, NumberInput, Popover, Stack } from '@mantine/core'
import { IconPencil } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useRpc } from '../../../app/rpc-context'
import { type CountDetail, useCounts } from './counts-store'

/**
 * What a clerk can do with one item while counting: correct the counted quantity (a miscount,
 * a box of 12 scanned once), or confirm an uncounted item of a list or category is not there.
 */
export function CountLineActions({ line }: { line: CountDetail['lines'][number] }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const quantityCorrected = useCounts((s) => s.quantityCorrected)
  const notFoundConfirmed = useCounts((s) => s.notFoundConfirmed)
  const [opened, setOpened] = useState(false)
  const [quantity, setQuantity] = useState<string | number>(line.countedQuantity)

  const save = async () => {
    if (await quantityCorrected(rpc, line.id, String(quantity === '' ? 0 : quantity))) setOpened(false)
  }

  return (
    <Group gap="xs" wrap="nowrap">
      <Popover opened={opened} onChange={setOpened} trapFocus position="left">
        <Popover.Target>
          <Button
            size="md"
            variant="light"
            leftSection={<IconPencil size={18} />}
            onClick={() => setOpened((o) => !o)}
            data-testid="count-line-edit"
          >
            {t('warehouse.stock.counts.edit')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack>
            <NumberInput
              size="lg"
              min={0}
              decimalScale={3}
              decimalSeparator=","
              value={quantity}
              onChange={setQuantity}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void save()
              }}
              data-testid="count-line-quantity"
            />
            <Button size="lg" onClick={() => void save()} data-testid="count-line-save">
              {t('warehouse.stock.counts.save')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      {!line.counted && (
        <Button
          size="md"
          variant="outline"
          color="gray"
          onClick={() => void notFoundConfirmed(rpc, [line.id])}
          data-testid="count-line-not-found"
        >
          {t('warehouse.stock.counts.markNotFound')}
        </Button>
      )}
    </Group>
  )
}
