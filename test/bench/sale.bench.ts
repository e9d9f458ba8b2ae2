// `npm run bench -- sale` (spec/bench.md, issue 6):
// - card_sale_p50 / card_sale_p99: a whole card sale as the cashier's screen waits for it
//   (pending reversals checked, card read, amount shown, PIN block, journal row and
//   reversal record committed with synchronous=FULL, 0200 MACed in the pad, reply MAC
//   verified in the pad, approval committed), in training mode: the emulated pad answers
//   at once over the in-process pipe and the training host is on loopback TCP. The app's
//   own file logger is on, as in a shop.
// - settle_10k: settling a batch of 10 000 approved transactions on the balanced path
//   (0500 → 0320/207 → next batch): the batch is seeded straight into the journal and,
//   transaction for transaction, into the training host's ledger so that the host's totals
//   agree. Sign-off after settlement is turned off so only the settlement is timed.
//   When the terminal refuses to settle 10 000 (F48 counts are n3, host-protocol §4.5:
//   at most 999 sales a side), settle_10k is not printed; stderr says why and
//   settle_max_batch times the largest batch of sales one 0500 can count (999 domestic +
//   999 foreign) instead.
// BENCH_SALES sets the number of timed sales (default 500).
import { createApp, type App } from '../../electron/app.js';
import { TRAINING_MERCHANT_ID, TRAINING_TERMINAL_ID } from '../../electron/devices/training.js';
import { seedApprovedSales, type SeedKind as Kind } from '../support/dayBatch.js';
import { makeTempDir } from '../support/tempDir.js';
import { percentile, report } from './report.js';

const WARMUP = 30;
const SALES = Number(process.env.BENCH_SALES ?? '500');
const SETTLE_ROWS = 10_000;
const SETTLE_REPEATS = 3;

async function whenSignedIn(app: App, timeoutMs = 15_000): Promise<void> {
  if (app.terminal.status().signedIn) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not signed in after ${timeoutMs} ms: ${JSON.stringify(app.terminal.status().failure)}`)), timeoutMs);
    const off = app.events.on('terminal.status', (s) => {
      if (!s.signedIn) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/**
 * Times `repeats` settlements of seeded batches in a fresh training counter (sign-off
 * after settlement off). Returns the error instead when the terminal refuses to settle.
 */
async function timeSettlements(kinds: readonly Kind[], repeats: number): Promise<{ times: number[] } | { error: Error }> {
  const tmp = makeTempDir('cashdesk-bench-settle-');
  const app = await createApp({ dataDir: tmp.dir, training: true });
  try {
    await whenSignedIn(app);
    app.terminal.repo.saveConfig({ ...app.terminal.config()!, signOffAfterSettle: false }, new Date());
    const times: number[] = [];
    for (let rep = 0; rep < repeats; rep++) {
      const host = app.training!.host;
      seedApprovedSales(app, { ledger: host.ledger, tid: TRAINING_TERMINAL_ID, mid: TRAINING_MERCHANT_ID, batchNo: host.session(TRAINING_TERMINAL_ID)?.batchNo }, kinds);
      const t0 = performance.now();
      let r;
      try {
        r = await app.settlement.settle('01');
      } catch (e) {
        return { error: e as Error };
      }
      const ms = performance.now() - t0;
      if (!r.balanced) throw new Error(`settlement of the seeded batch ${r.batch} did not balance: ${JSON.stringify(r.totals)}`);
      if (r.debit.count !== kinds.length) throw new Error(`settled ${r.debit.count} sales, expected ${kinds.length}`);
      times.push(ms);
      process.stderr.write(`  settle ${rep + 1}/${repeats}: batch ${r.batch} of ${kinds.length} balanced in ${ms.toFixed(1)} ms\n`);
    }
    return { times: times.sort((a, b) => a - b) };
  } finally {
    await app.close();
    tmp.cleanup();
  }
}

export async function run(): Promise<void> {
  const tmp = makeTempDir('cashdesk-bench-sale-');
  const app = await createApp({ dataDir: tmp.dir, training: true });
  try {
    await whenSignedIn(app);
    const sync = app.store.db.pragma('synchronous', { simple: true });
    process.stderr.write(`  training counter signed in; journal synchronous=${String(sync)} (2 = FULL)\n`);

    const times: number[] = [];
    for (let i = 0; i < WARMUP + SALES; i++) {
      const t0 = performance.now();
      const r = await app.payments.cardSale({ operatorId: '01', amount: 100 + (i % 50) });
      const ms = performance.now() - t0;
      if (!r.ok) throw new Error(`sale ${i} was not approved: ${r.responseCode} ${r.message}`);
      if (i >= WARMUP) times.push(ms);
      if (i % 100 === 0) process.stderr.write(`  sale ${i}/${WARMUP + SALES}\n`);
    }
    times.sort((a, b) => a - b);
    report({ bench: 'sale', metric: 'card_sale_p50', value: percentile(times, 50), unit: 'ms', goal: '<=15', n: SALES });
    report({ bench: 'sale', metric: 'card_sale_p99', value: percentile(times, 99), unit: 'ms', goal: '<=40', n: SALES });
  } finally {
    await app.close();
    tmp.cleanup();
  }

  // Settlement of 10 000 sales: 80 % CUP cards, 10 % foreign cards, 10 % QR.
  const tenK: Kind[] = Array.from({ length: SETTLE_ROWS }, (_, i) => (i % 10 === 9 ? 'qr' : i % 10 === 8 ? 'foreign' : 'cup'));
  const big = await timeSettlements(tenK, SETTLE_REPEATS);
  if ('times' in big) {
    report({ bench: 'sale', metric: 'settle_10k', value: percentile(big.times, 50), unit: 'ms', goal: '<300', n: SETTLE_REPEATS });
    return;
  }
  // host-protocol §4.5: F48 carries each count as n3, so one 0500 cannot report more than
  // 999 sales a side. Say so, and time the largest batch of sales it can carry instead.
  process.stderr.write(`  settle_10k: NOT MEASURED: the terminal refuses to settle a batch of ${SETTLE_ROWS} sales: ${big.error.message}\n`);
  const max: Kind[] = [...Array.from({ length: 999 }, () => 'cup' as const), ...Array.from({ length: 999 }, () => 'foreign' as const)];
  const fallback = await timeSettlements(max, SETTLE_REPEATS);
  if ('error' in fallback) throw fallback.error;
  process.stderr.write(`  settle_max_batch: ${max.length} sales (999 domestic + 999 foreign, the most F48 can count), balanced path\n`);
  report({ bench: 'sale', metric: 'settle_max_batch', value: percentile(fallback.times, 50), unit: 'ms', n: max.length });
}
