/**
 * Yuan text for messages and receipts, from integer fen with integer maths only
 * (style.md §5: money is integer fen; yuan only at the edge).
 */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
