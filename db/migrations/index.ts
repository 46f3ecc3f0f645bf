/**
 * The ordered list of migrations shipped with the app (imported, not read from disk, so they
 * travel inside the build). Append only: never edit or reorder an applied migration.
 */
import type { MigrationSource } from '../migrator'
import m0001 from './0001_extensions_and_machinery'
import m0002 from './0002_identity_and_organization'
import m0003 from './0003_catalog'
import m0004 from './0004_crm'
import m0005 from './0005_sales_and_orders'
import m0006 from './0006_production'
import m0007 from './0007_finance'
import m0008 from './0008_work'
import m0009 from './0009_audit_and_config'
import m0010 from './0010_views_functions_seed_triggers'
import m0011 from './0011_ledger_tax_series_derived'
import m0012 from './0012_central_security'
import m0014 from './0014_terminal_state'
import m0015 from './0015_local_sign_in'
import m0016 from './0016_sync_scope'
import m0017 from './0017_central_sync'
import m0018 from './0018_terminal_sync'
import m0019 from './0019_central_install_triggers'
import m0020 from './0020_terminal_install_triggers'
import m0021 from './0021_stock_counts_and_transfers'
import m0022 from './0022_goods_receipts_and_shipments'
import m0023 from './0023_catalog_search'
import m0024 from './0024_fast_bootstrap'
import m0025 from './0025_central_snapshot_rows'
import m0026 from './0026_central_maintenance'
import m0027 from './0027_product_name_words'

export const migrations: readonly MigrationSource[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
  m0025,
  m0026,
  m0027,
]
