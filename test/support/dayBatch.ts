// A day's worth of approved sales put straight into the open batch — in the terminal's
// journal and, transaction for transaction, in the training host's ledger, so that both
// sides agree exactly as if the sales had gone over the wire. For settlement benchmarks
// and tests of big batches, where thousands of real sales would take minutes.
import type { App } from '../../electron/app.js';
import type { SimulatorLedger } from '../../electron/host/simulatorLedger.js';

/** cup: a domestic card (内卡); foreign: a VISA card (外卡); qr: a QR payment (counts as domestic). */
export type SeedKind = 'cup' | 'foreign' | 'qr';

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function seedApprovedSales(app: App, host: { ledger: SimulatorLedger; tid: string; mid: string; batchNo: string | undefined }, kinds: readonly SeedKind[]): { count: number; amount: number } {
  const batchNo = app.terminal.status().batchNo!;
  if (host.batchNo !== batchNo) throw new Error(`the training host is on batch ${host.batchNo}, the terminal on ${batchNo}`);
  const now = new Date();
  const date = pad2(now.getMonth() + 1) + pad2(now.getDate());
  const time = pad2(now.getHours()) + pad2(now.getMinutes()) + pad2(now.getSeconds());
  let total = 0;
  app.store.db.transaction(() => {
    kinds.forEach((kind, i) => {
      const stan = app.terminal.repo.nextStan('default');
      const amount = 100 + ((i * 7919) % 99_900);
      total += amount;
      const maskedPan = kind === 'qr' ? null : kind === 'foreign' ? '476173******0119' : '622202*********0128';
      const rrn = time + String(i % 1_000_000).padStart(6, '0');
      const authCode = String((i * 31) % 1_000_000).padStart(6, '0');
      const id = app.journal.insert({ accountId: 'default', batchNo, stan, type: 'sale', tender: kind === 'qr' ? 'qr' : 'card', amount, status: 'pending', operatorId: '01', maskedPan, entryMode: kind === 'qr' ? 'qr' : 'swipe' });
      app.journal.complete(id, { status: 'approved', responseCode: '00', rrn, authCode, hostDate: date, hostTime: time, cardOrg: kind === 'qr' ? null : kind === 'foreign' ? 'VIS' : 'CUP' });
      host.ledger.add({
        tid: host.tid,
        mid: host.mid,
        batchNo,
        stan,
        type: kind === 'qr' ? 'qr-sale' : 'sale',
        amount,
        status: 'approved',
        ...(maskedPan ? { maskedPan } : {}),
        rrn,
        authCode,
        date,
        time,
        domestic: kind !== 'foreign',
        refunded: 0,
      });
    });
  })();
  return { count: kinds.length, amount: total };
}
