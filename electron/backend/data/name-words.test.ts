import { describe, expect, it, vi } from 'vitest'
import { createNameVocabulary, editDistance, nameWords, searchAlternatives, wordMatches } from './name-words'

const vocabulary = ['болт', 'болты', 'гайка', 'м8', 'м10', 'оцинкованный', 'оцинкованная', 'шайба', 'steel', 'ағаш', '933']

describe('name words', () => {
  it('splits names and searches the way products.name_words does', () => {
    expect(nameWords('Болт М8×40, оцинк. DIN 933')).toEqual(['болт', 'м8', '40', 'оцинк', 'din', '933'])
    expect(nameWords('Ағаш   ҚОРАП')).toEqual(['ағаш', 'қорап'])
    expect(nameWords(' ,. ')).toEqual([])
  })

  it('counts a dropped, doubled, wrong or swapped letter as one typo', () => {
    expect(editDistance('болт', 'болт', 1)).toBe(0)
    expect(editDistance('блот', 'болт', 1)).toBe(1)
    expect(editDistance('болтт', 'болт', 1)).toBe(1)
    expect(editDistance('бот', 'болт', 1)).toBe(1)
    expect(editDistance('балт', 'болт', 1)).toBe(1)
    expect(editDistance('гайка', 'болт', 2)).toBe(3)
  })

  it('finds the words a search word may stand for: the word, its completions, its typos', () => {
    expect(wordMatches('болт', vocabulary)).toEqual(['болт', 'болты'])
    expect(wordMatches('блот', vocabulary)).toEqual(['болт', 'болты'])
    expect(wordMatches('оцинк', vocabulary)).toEqual(['оцинкованный', 'оцинкованная'])
    expect(wordMatches('оцинкованый', vocabulary)).toEqual(['оцинкованный', 'оцинкованная'])
    expect(wordMatches('м8', vocabulary)).toEqual(['м8'])
    // Short words allow no typo: "м9" is another size, not a typo of "м8".
    expect(wordMatches('м9', vocabulary)).toEqual([])
    expect(wordMatches('стил', vocabulary)).toEqual([])
    expect(wordMatches('steal', vocabulary)).toEqual(['steel'])
  })

  it('gives alternatives for every word of a search, or null when one word matches nothing', () => {
    expect(searchAlternatives('Блот М8', vocabulary)).toEqual([['болт', 'болты'], ['м8']])
    expect(searchAlternatives('болт хром', vocabulary)).toBeNull()
    expect(searchAlternatives('  ', vocabulary)).toBeNull()
  })

  it('loads an organization’s vocabulary once, and again in the background once changes settle', async () => {
    vi.useFakeTimers()
    try {
      let version = 1
      const load = vi.fn(async (org: string) => [`${org}-${version}`])
      const cache = createNameVocabulary(load, 1_000)
      expect(await cache.words('a')).toEqual(['a-1'])
      await cache.words('a')
      expect(load).toHaveBeenCalledTimes(1)
      // A pull of many pages: one reload, after it settles; searches meanwhile use the old words.
      version = 2
      for (let i = 0; i < 5; i++) {
        cache.invalidate()
        await vi.advanceTimersByTimeAsync(200)
      }
      expect(await cache.words('a')).toEqual(['a-1'])
      expect(load).toHaveBeenCalledTimes(1)
      await vi.advanceTimersByTimeAsync(1_000)
      expect(load).toHaveBeenCalledTimes(2)
      expect(await cache.words('a')).toEqual(['a-2'])
      cache.close()
    } finally {
      vi.useRealTimers()
    }
  })

  it('tries a failed load again on the next search', async () => {
    let fail = true
    const cache = createNameVocabulary(async () => {
      if (fail) throw new Error('busy')
      return ['болт']
    })
    await expect(cache.words('a')).rejects.toThrow('busy')
    fail = false
    expect(await cache.words('a')).toEqual(['болт'])
  })
})
