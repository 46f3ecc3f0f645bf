import { Stack, Tabs, Title } from '@mantine/core'
import {
  IconArrowsExchange,
  IconChartBar,
  IconClipboardList,
  IconPackageImport,
  IconPackages,
  IconTruckDelivery,
} from '@tabler/icons-react'
import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { CatalogTab } from './catalog/CatalogTab'
import { CountsTab } from './counts/CountsTab'
import { OrdersTab } from './orders/OrdersTab'
import { ReceivingTab } from './receiving/ReceivingTab'
import { ScanFeedbackLayer } from './scanning/ScanFeedbackLayer'
import { StockStatusTab } from './stock/StockStatusTab'
import { TransfersTab } from './transfers/TransfersTab'

type TabId = 'catalog' | 'stock' | 'receiving' | 'orders' | 'transfers' | 'counts'

const tabs: { id: TabId; icon: typeof IconPackages; Panel: ComponentType }[] = [
  { id: 'catalog', icon: IconPackages, Panel: CatalogTab },
  { id: 'stock', icon: IconChartBar, Panel: StockStatusTab },
  { id: 'receiving', icon: IconPackageImport, Panel: ReceivingTab },
  { id: 'orders', icon: IconTruckDelivery, Panel: OrdersTab },
  { id: 'transfers', icon: IconArrowsExchange, Panel: TransfersTab },
  { id: 'counts', icon: IconClipboardList, Panel: CountsTab },
]

/**
 * The warehouse: catalog, stock, receiving, picking and shipping, transfers and returns, and
 * stock counts. Panels mount when opened, so a scan-enabled screen only listens while shown.
 */
export function WarehousePage() {
  const { t } = useTranslation()
  return (
    <Stack>
      <ScanFeedbackLayer />
      <Title order={2}>{t('nav.warehouse')}</Title>
      <Tabs defaultValue="catalog" keepMounted={false}>
        <Tabs.List>
          {tabs.map(({ id, icon: Icon }) => (
            <Tabs.Tab key={id} value={id} leftSection={<Icon size={20} />} data-testid={`warehouse-tab-${id}`}>
              {t(`warehouse.tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map(({ id, Panel }) => (
          <Tabs.Panel key={id} value={id} pt="md">
            <Panel />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  )
}
