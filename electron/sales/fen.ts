// Money is integer fen everywhere (architecture.md). These are the only places where
// money is multiplied, divided or read from text, so the rounding rule lives in one spot.

/** Largest amount we accept anywhere: ¥99,999,999.99, far above any counter sale. */
export const MAX_FEN = 9_999_999_999;

export function isFen(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/**
 * round-half-up(a × b ÷ d) for non-negative integers, exact for any size: BigInt keeps the
 * product from leaving the 2^53 range where float maths would round silently.
 * Half-up means 0.5 fen and above rounds away from zero — the rule a customer expects on
 * a receipt (a 5% discount on ¥0.10 is 0.5 fen → 1 fen).
 */
export function mulDivHalfUp(a: number, b: number, d: number): number {
  if (a < 0 || b < 0 || d <= 0) throw new RangeError(`mulDivHalfUp needs a, b ≥ 0 and d > 0 (got ${a}, ${b}, ${d})`);
  const n = BigInt(a) * BigInt(b);
  const D = BigInt(d);
  return Number((n * 2n + D) / (2n * D));
}

/** floor(a × b ÷ d) for non-negative integers (points: a part point is never given). */
export function mulDivFloor(a: number, b: number, d: number): number {
  if (a < 0 || b < 0 || d <= 0) throw new RangeError(`mulDivFloor needs a, b ≥ 0 and d > 0 (got ${a}, ${b}, ${d})`);
  return Number((BigInt(a) * BigInt(b)) / BigInt(d));
}

/** A percentage in basis points (1% = 100 bp) of an amount, rounded half-up. */
export function basisPointsOf(amountFen: number, bp: number): number {
  return mulDivHalfUp(amountFen, bp, 10_000);
}

/**
 * Splits `total` fen over lines in proportion to their weights (largest-remainder method),
 * so the parts are integers that add up to exactly `total` and no part exceeds its weight
 * when total ≤ Σweights. Ties in the remainder go to the earlier line, so the result is
 * deterministic. Used to spread a whole-cart discount over lines (needed for line refunds).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  if (total > sum) throw new RangeError(`cannot allocate ${total} over weights summing to ${sum}`);
  const T = BigInt(total);
  const S = BigInt(sum);
  const parts = weights.map((w) => (T * BigInt(w)) / S);
  const rems = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % S }));
  let left = total - parts.reduce((s, p) => s + Number(p), 0);
  rems.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  const out = parts.map(Number);
  for (const { i } of rems) {
    if (left === 0) break;
    out[i]! += 1;
    left--;
  }
  return out;
}

/**
 * Reads a yuan amount written by a person or a spreadsheet ("12", "12.5", "12.50",
 * "¥1,234.00") into fen without going through a float. Returns null when the text is not
 * a plain non-negative amount with at most two decimals.
 */
export function parseYuan(text: string): number | null {
  const t = text.trim().replace(/^[¥￥]/, '').replace(/,/g, '');
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen <= MAX_FEN ? fen : null;
}

/** "12.50" — for CSV and reports; the UI adds the ¥ sign. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
