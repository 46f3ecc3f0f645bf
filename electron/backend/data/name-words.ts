/**
 * Fuzzy product search by words. A large catalog's names are built from a small vocabulary
 * (the large demo: 100,000 names, about 1,500 distinct words), so a typo in a search word is
 * looked up among those words in memory, and the names are then found through the GIN index on
 * `products.name_words` (migration 0027) — instead of comparing the search with every name's
 * trigrams, which costs tens of milliseconds for a common word.
 */

/** The words of a name or a search as `products.name_words` keeps them: lower case, letters and digits. */
export function nameWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
}

/**
 * Edit distance with transpositions (optimal string alignment), giving up above `max`: the
 * typos people make — a letter dropped, doubled, wrong, or two swapped — each count one.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1)
      row.push(d)
      best = Math.min(best, d)
    }
    if (best > max) return max + 1
    rows.push(row)
  }
  return rows[a.length]![b.length]!
}

/** How many typos a search word of this length may carry. */
const typosAllowed = (length: number) => (length < 4 ? 0 : length < 8 ? 1 : 2)

/**
 * The vocabulary words a search word may stand for: the same word, a word it begins (a clerk
 * types the start of a word), or one within the typos its length allows — also as the start
 * of a longer word.
 */
export function wordMatches(word: string, vocabulary: readonly string[]): string[] {
  const allowed = typosAllowed(word.length)
  return vocabulary.filter(
    (v) =>
      v.startsWith(word) ||
      (allowed > 0 &&
        (editDistance(word, v, allowed) <= allowed ||
          (v.length > word.length && editDistance(word, v.slice(0, word.length), allowed) <= allowed))),
  )
}

/**
 * For each word of a search, the vocabulary words it may stand for; null when some word
 * matches none (the caller then compares whole names by trigrams instead).
 */
export function searchAlternatives(search: string, vocabulary: readonly string[]): string[][] | null {
  const words = [...new Set(nameWords(search))]
  if (words.length === 0) return null
  const alternatives = words.map((w) => wordMatches(w, vocabulary))
  return alternatives.every((a) => a.length > 0) ? alternatives : null
}

/**
 * The distinct name words of each organization's products, loaded on first use. After names
 * may have changed (`invalidate`: a product written here, or rows pulled from head office) it
 * is loaded again in the background once things are quiet for `settleMs` — a pull of many pages
 * reloads once — and searches meanwhile use the words they have: a new word they lack only
 * sends that search to the whole-name comparison.
 */
export function createNameVocabulary(load: (organizationId: string) => Promise<string[]>, settleMs = 1_000) {
  const cache = new Map<string, Promise<string[]>>()
  let timer: ReturnType<typeof setTimeout> | null = null
  const fetch = (organizationId: string): Promise<string[]> => {
    const loading = load(organizationId)
    // A failed load is tried again by the next search.
    loading.catch(() => {
      if (cache.get(organizationId) === loading) cache.delete(organizationId)
    })
    return loading
  }
  return {
    words(organizationId: string): Promise<string[]> {
      let loading = cache.get(organizationId)
      if (!loading) {
        loading = fetch(organizationId)
        cache.set(organizationId, loading)
      }
      return loading
    },
    invalidate(): void {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        for (const organizationId of [...cache.keys()]) {
          const next = fetch(organizationId)
          // The new words replace the old ones only once they are there.
          next.then(
            () => cache.set(organizationId, next),
            () => undefined,
          )
        }
      }, settleMs)
      timer.unref?.()
    },
    /** Stops a reload that is waiting (the backend closes). */
    close(): void {
      if (timer) clearTimeout(timer)
      timer = null
    },
  }
}

/** The vocabulary cache's type, for dependencies. */
export type NameVocabulary = ReturnType<typeof createNameVocabulary>
