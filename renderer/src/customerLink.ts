// What the cashier window tells the customer display. Through customer.show when the
// contract has it; without it the customer page falls back to payment.progress events
// and the journal (customer/CustomerDisplay.tsx), so nothing here may throw.
import type { CustomerDisplayMode } from '../../electron/contract.js';
import { invoke } from './api.js';

export interface CustomerLine {
  name: string;
  quantity: number;
  amount: number;
}

let last = '';

export function showCustomer(mode: CustomerDisplayMode, data: { amount?: number | null; journalId?: number | null; lines?: CustomerLine[] } = {}): void {
  const payload = { mode, amount: data.amount ?? null, journalId: data.journalId ?? null, lines: (data.lines ?? []).slice(-30) };
  const key = JSON.stringify(payload);
  if (key === last) return;
  last = key;
  void invoke('customer.show', payload).then((r) => {
    if (!r.ok) last = '';
  });
}
