// Money is integer fen everywhere (architecture.md); yuan exists only at the edge, here.

/** ¥12.34 from 1234 fen; negative amounts keep their sign in front of the ¥. */
export function yuan(fen: number, options: { sign?: boolean } = {}): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `¥${whole}.${String(abs % 100).padStart(2, '0')}`;
  if (neg) return `-${text}`;
  return options.sign && fen > 0 ? `+${text}` : text;
}

/** The digits without the ¥ sign, for input fields: 1234 → "12.34". */
export function yuanPlain(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * What the cashier typed in yuan ("12", "12.3", "12.34", "¥1,200") → fen, or null when it
 * is not an amount. Parsed as text so 0.1 + 0.2 never happens.
 */
export function parseYuan(text: string): number | null {
  const s = text.trim().replace(/^¥/, '').replace(/,/g, '');
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const whole = Number(m[1]);
  const frac = (m[2] ?? '').padEnd(2, '0');
  return whole * 100 + Number(frac);
}

/** Percent off in basis points → the Chinese 折 a shopper knows: 2000 bp off → 8折. */
export function zheOf(offBp: number): string {
  const pay = (10_000 - offBp) / 1000;
  return Number.isInteger(pay) ? `${pay}` : pay.toFixed(1).replace(/0$/, '');
}
