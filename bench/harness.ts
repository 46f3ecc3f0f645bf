/** One measured figure, named as the issue names it (e.g. `system.open_large_ms`). */
export interface Figure {
  name: string
  value: number
  unit: string
  /** The target from the issue, if any, and which way is better. */
  target?: { max?: number; min?: number }
  /** What the figure was measured on (data set, machine notes). */
  notes?: string
}

/** A benchmark suite: a name for the command line and a function that measures. */
export interface Suite {
  name: string
  description: string
  run(options: SuiteOptions): Promise<Figure[]>
}

/** Options every suite receives from the command line. */
export interface SuiteOptions {
  /** A data folder to measure on, when the suite uses one (otherwise it makes its own). */
  dataDir?: string
  /** Small data, for a smoke run (suites that have a long run). */
  quick?: boolean
}

/** Summary statistics of repeated timings. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] as number
}

/** Whether a figure meets its target (undefined when it has none). */
export function meetsTarget(figure: Figure): boolean | undefined {
  if (!figure.target) return undefined
  if (figure.target.max !== undefined && figure.value > figure.target.max) return false
  if (figure.target.min !== undefined && figure.value < figure.target.min) return false
  return true
}
