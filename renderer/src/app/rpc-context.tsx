import { createContext, useContext } from 'react'
import type { RpcClient } from '../rpc/client'

const RpcContext = createContext<RpcClient | null>(null)

/** Provides the backend client to the app. */
export const RpcProvider = RpcContext.Provider

/** The backend client. */
export function useRpc(): RpcClient {
  const client = useContext(RpcContext)
  if (!client) throw new Error('useRpc outside RpcProvider')
  return client
}
