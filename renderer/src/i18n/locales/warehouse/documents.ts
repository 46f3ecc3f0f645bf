/** Messages of the warehouse's documents screens, in the three languages (Russian is the source). */
export const ru = {
  title: 'TODO-documents',
}

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }

/** Kazakh. */
export const kk: DeepStrings<typeof ru> = {
  title: 'TODO-documents-kk',
}

/** English. */
export const en: DeepStrings<typeof ru> = {
  title: 'TODO-documents-en',
}
