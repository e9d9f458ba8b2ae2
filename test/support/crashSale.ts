// One counter run for the crash-safety test (issue 6), in its own process so the test can
// kill it with SIGKILL (or it kills itself at CASHDESK_FAULT_POINT): open the app on the
// database with its devices (PIN pad on the pty, host link over TCP), wait for the
// terminal (a restored session), one card sale (pending reversals go first), then the
// cardholder's signature. Prints JSON lines on stdout.
import { dirname } from 'node:path';
import { createApp } from '../../electron/app.js';
import { silentLogger } from '../../native/log/logger.js';

const started = Date.now();
const say = (o: Record<string, unknown>): void => {
  process.stdout.write(JSON.stringify(o) + '\n');
};

const db = process.env.CRASH_DB;
const amount = Number(process.env.CRASH_AMOUNT ?? '100');
if (!db) throw new Error('CRASH_DB not set');

const app = await createApp({ dataDir: dirname(db), dbPath: db, training: false, logger: silentLogger, signInBackoffMs: [200, 400, 800] });
try {
  await new Promise<void>((resolve, reject) => {
    const check = (): boolean => {
      const s = app.terminal.status();
      if (s.signedIn) {
        say({ step: 'signed-in', restored: s.restored, ms: Date.now() - started });
        resolve();
        return true;
      }
      return false;
    };
    if (check()) return;
    const off = app.events.on('terminal.status', () => {
      if (check()) off();
    });
    setTimeout(() => reject(new Error(`not signed in after 10 s: ${JSON.stringify(app.terminal.status().failure)}`)), 10_000).unref();
  });
  const sale = await app.payments.cardSale({ operatorId: '01', amount });
  say({ step: 'sale', ok: sale.ok, status: sale.status, stan: sale.stan, journalId: sale.journalId, ms: Date.now() - started });
  if (sale.ok) {
    const strokes = [{ points: Array.from({ length: 30 }, (_, i) => ({ x: i * 8, y: 40 + 20 * Math.sin(i / 3) })) }];
    const sig = app.signatures.submit(sale.journalId, { status: 'signed', strokes });
    say({ step: 'signature', status: sig.status });
  }
} catch (e) {
  say({ step: 'error', message: e instanceof Error ? e.message : String(e) });
  process.exitCode = 1;
} finally {
  await app.close();
}
