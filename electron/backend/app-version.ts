import pkg from '../../package.json'

/** The app's version, as released (package.json). */
export const APP_VERSION: string = pkg.version
