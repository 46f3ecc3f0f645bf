import {
  IconBuildingFactory2,
  IconBuildingWarehouse,
  IconChecklist,
  IconCloudUpload,
  IconCoin,
  IconInfoCircle,
  IconReportMoney,
  IconSettings,
} from '@tabler/icons-react'
import type { ModuleId } from './modules'

/** One icon per module, shared by the navigation and the module pages. */
export const moduleIcons: Record<ModuleId, typeof IconInfoCircle> = {
  warehouse: IconBuildingWarehouse,
  production: IconBuildingFactory2,
  sales: IconReportMoney,
  finance: IconCoin,
  work: IconChecklist,
  sync: IconCloudUpload,
  admin: IconSettings,
  system: IconInfoCircle,
}
