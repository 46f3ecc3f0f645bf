import { create } from 'zustand'
import { type ModuleId, moduleFromHash } from './modules'

interface NavigationState {
  module: ModuleId
  /** A person picked a module (click, keyboard). */
  moduleChosen(module: ModuleId): void
  /** The address changed (back/forward, a typed URL). */
  addressChanged(hash: string): void
}

/**
 * Where the person is in the app. Kept in the URL hash, so back/forward and a reload work the
 * same in the desktop window (file://) and in web mode.
 */
export const useNavigation = create<NavigationState>((set) => ({
  module: moduleFromHash(window.location.hash),
  moduleChosen(module) {
    if (window.location.hash !== `#/${module}`) window.location.hash = `/${module}`
    set({ module })
  },
  addressChanged(hash) {
    set({ module: moduleFromHash(hash) })
  },
}))

window.addEventListener('hashchange', () => useNavigation.getState().addressChanged(window.location.hash))
