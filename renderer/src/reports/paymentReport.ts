// The report figures the payments journal can give on its own (by hour, tender mix, per
// operator), while the report. channels (sales reports with products, X and Z) are not
// in the contract. Voided sales and failed attempts are not takings.
import type { JournalEntry } from '../../../electron/contract.js';

export interface Figures {
  count: number;
  amount: number;
}

export interface PaymentReport {
  sales: Figures;
  voids: Figures;
  refunds: Figures;
  net: number;
  byHour: Array<Figures & { hour: number }>;
  byTender: Array<Figures & { tender: JournalEntry['tender'] }>;
  byOperator: Array<Figures & { operatorId: string }>;
}

const counts = (e: JournalEntry): boolean => (e.type === 'sale' || e.type === 'cash') && (e.status === 'approved' || e.status === 'voided');

export function paymentReport(entries: JournalEntry[]): PaymentReport {
  const sales = entries.filter(counts);
  const voided = entries.filter((e) => counts(e) && e.status === 'voided');
  const refunds = entries.filter((e) => e.type === 'refund' && e.status === 'approved');
  const kept = sales.filter((e) => e.status === 'approved');
  const fig = (xs: JournalEntry[]): Figures => ({ count: xs.length, amount: xs.reduce((s, e) => s + e.amount, 0) });
  const group = <K extends string | number>(key: (e: JournalEntry) => K): Map<K, JournalEntry[]> => {
    const m = new Map<K, JournalEntry[]>();
    for (const e of kept) m.set(key(e), [...(m.get(key(e)) ?? []), e]);
    return m;
  };
  const hours = group((e) => new Date(e.createdAt).getHours());
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, ...fig(hours.get(hour) ?? []) }));
  const tenders = group((e) => e.tender);
  const byTender = (['card', 'qr', 'cash', 'stored-value'] as const).map((tender) => ({ tender, ...fig(tenders.get(tender) ?? []) })).filter((x) => x.count > 0);
  const ops = group((e) => e.operatorId);
  const byOperator = [...ops.entries()].map(([operatorId, xs]) => ({ operatorId, ...fig(xs) })).sort((a, b) => b.amount - a.amount);
  const s = fig(kept);
  const r = fig(refunds);
  return { sales: fig(sales), voids: fig(voided), refunds: r, net: s.amount - r.amount, byHour, byTender, byOperator };
}
