/** Messages of the warehouse's catalog screens, in the three languages (Russian is the source). */
export const ru = {
  title: 'TODO-catalog',
}

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }

/** Kazakh. */
export const kk: DeepStrings<typeof ru> = {
  title: 'TODO-catalog-kk',
}

/** English. */
export const en: DeepStrings<typeof ru> = {
  title: 'TODO-catalog-en',
}
