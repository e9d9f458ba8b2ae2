/** One JSON line per figure on stdout (spec/bench.md). */
export function report(fig: { bench: string; metric: string; value: number; unit: string; goal?: string; n?: number }): void {
  const value = Math.round(fig.value * 1000) / 1000;
  process.stdout.write(JSON.stringify({ ...fig, value }) + '\n');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}
