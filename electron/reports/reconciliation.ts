// 对账: the shop's card and QR takings beside the bank's batch totals. Pure, so the rule
// is tested without a database: a channel matches when both count and amount agree.
import { BankBatchTotalsSchema, type BankBatchTotals, type BankTotals, type ReconcileChannel, type Reconciliation } from './reportSchemas.js';

export const RECONCILE_CHANNELS: readonly ReconcileChannel[] = ['cardDebit', 'cardCredit', 'qrDebit', 'qrCredit'];

export function reconcile(shop: Record<ReconcileChannel, BankTotals>, bankInput: BankBatchTotals, span: { from: string; to: string }): Reconciliation {
  const bank = BankBatchTotalsSchema.parse(bankInput);
  const lines = RECONCILE_CHANNELS.map((channel) => {
    const s = shop[channel];
    const b = bank[channel];
    const diff = { count: s.count - b.count, amountFen: s.amountFen - b.amountFen };
    return { channel, shop: s, bank: b, diff, matched: diff.count === 0 && diff.amountFen === 0 };
  });
  return { from: span.from, to: span.to, lines, balanced: lines.every((l) => l.matched) };
}
