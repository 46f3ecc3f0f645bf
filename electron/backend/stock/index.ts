import type { Orm } from '../data/orm'
import type { Write } from '../data/write'
import { returnHandlers } from './returns'
import { stockCountHandlers } from './stock-counts'
import { stockStatusHandlers } from './stock-status'
import { transferHandlers } from './transfers'

/** Every handler of the stock area: status and reorder, counts, transfers, returns. */
export function stockHandlers(deps: { orm: Orm; write: Write }) {
  return {
    ...stockStatusHandlers(deps),
    ...stockCountHandlers(deps),
    ...transferHandlers(deps),
    ...returnHandlers(deps),
  }
}
