import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../electron/reports/reconciliation.js';

const span = { from: '2025-03-09T16:00:00.000Z', to: '2025-03-10T16:00:00.000Z' };
const shop = {
  cardDebit: { count: 3, amountFen: 15_000 },
  cardCredit: { count: 1, amountFen: 2_000 },
  qrDebit: { count: 2, amountFen: 800 },
  qrCredit: { count: 0, amountFen: 0 },
};

describe('reconciliation with the bank batch', () => {
  it('balances when every channel agrees on count and amount (QR defaults to none on the bank side)', () => {
    const r = reconcile(shop, { cardDebit: { count: 3, amountFen: 15_000 }, cardCredit: { count: 1, amountFen: 2_000 }, qrDebit: { count: 2, amountFen: 800 } }, span);
    expect(r.balanced).toBe(true);
    expect(r.lines.every((l) => l.diff.count === 0 && l.diff.amountFen === 0)).toBe(true);
  });

  it('names the channel that differs and by how much (shop − bank)', () => {
    const r = reconcile(shop, { cardDebit: { count: 2, amountFen: 12_000 }, cardCredit: { count: 1, amountFen: 2_000 }, qrDebit: { count: 2, amountFen: 800 } }, span);
    expect(r.balanced).toBe(false);
    expect(r.lines.filter((l) => !l.matched)).toEqual([{ channel: 'cardDebit', shop: shop.cardDebit, bank: { count: 2, amountFen: 12_000 }, diff: { count: 1, amountFen: 3_000 }, matched: false }]);
  });

  it('a same amount with a different count is still a mismatch', () => {
    const r = reconcile(shop, { cardDebit: { count: 4, amountFen: 15_000 }, cardCredit: { count: 1, amountFen: 2_000 }, qrDebit: { count: 2, amountFen: 800 } }, span);
    expect(r.lines[0]!.matched).toBe(false);
  });
});
