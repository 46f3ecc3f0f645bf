import { SegmentedControl, Stack } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ReturnsPanel } from './ReturnsPanel'
import { TransfersPanel } from './TransfersPanel'

/** Transfers between workspaces, and customer returns. */
export function TransfersTab() {
  const { t } = useTranslation()
  const [view, setView] = useState<'transfers' | 'returns'>('transfers')
  return (
    <Stack>
      <SegmentedControl
        size="md"
        value={view}
        onChange={(v) => setView(v as 'transfers' | 'returns')}
        data={[
          { value: 'transfers', label: t('warehouse.stock.transfers.title') },
          { value: 'returns', label: t('warehouse.stock.returns.title') },
        ]}
        data-testid="transfers-view"
      />
      {view === 'transfers' ? <TransfersPanel /> : <ReturnsPanel />}
    </Stack>
  )
}
