/**
 * The demo company's only source of chance: a small seeded PRNG (sfc32), so the same seed
 * always gives the same company. Streams are forked by name, so that adding a draw in one
 * domain (say, deals) does not reshuffle every other domain.
 */

/** cyrb128: four 32-bit words from a string, to seed sfc32 from a seed and a stream name. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** A seeded random stream. */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(readonly seed: string) {
    ;[this.a, this.b, this.c, this.d] = hash128(seed)
    // sfc32 needs a few rounds before its output stops echoing the seed
    for (let i = 0; i < 15; i++) this.uint32()
  }

  /** An independent stream for one domain, named so the name fixes it. */
  fork(name: string): Rng {
    return new Rng(`${this.seed}/${name}`)
  }

  /** 32 random bits. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A number in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** A number in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** One value of [value, weight] pairs, by weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0)
    let x = this.next() * total
    for (const [value, w] of choices) {
      x -= w
      if (x < 0) return value
    }
    return (choices.at(-1) as readonly [T, number])[0]
  }

  /** Up to n distinct elements of a list, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice()
    const k = Math.min(n, copy.length)
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i))
      ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
    }
    return copy.slice(0, k)
  }

  /** The list shuffled in place (and returned). */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[items[i], items[j]] = [items[j] as T, items[i] as T]
    }
    return items
  }

  /** A version-4 UUID from this stream: the app makes the ids, and a seed must fix them too. */
  uuid(): string {
    const bytes = [this.uint32(), this.uint32(), this.uint32(), this.uint32()].flatMap((w) => [
      w >>> 24,
      (w >>> 16) & 0xff,
      (w >>> 8) & 0xff,
      w & 0xff,
    ])
    bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40
    bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80
    const h = bytes.map((b) => HEX[b] as string)
    return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`
  }
}

/**
 * Draws indexes 0…n-1 with a long tail: a few best sellers and key accounts, many items that
 * sell now and then, as in a real catalog. Weight of rank r is 1 / (r + offset)^exponent.
 */
export class SkewedPicker {
  private readonly cumulative: Float64Array

  constructor(n: number, exponent = 0.9, offset = 8) {
    if (n <= 0) throw new Error('SkewedPicker needs at least one item')
    this.cumulative = new Float64Array(n)
    let sum = 0
    for (let r = 0; r < n; r++) {
      sum += 1 / Math.pow(r + offset, exponent)
      this.cumulative[r] = sum
    }
  }

  /** An index, the lower ones more often. */
  draw(rng: Rng): number {
    const n = this.cumulative.length
    const x = rng.next() * (this.cumulative[n - 1] as number)
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.cumulative[mid] as number) > x) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}
