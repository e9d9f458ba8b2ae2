// Issue 6, done-when: "A fault-injection test kills the process with SIGKILL at each
// point (before send, after send, after the reply, after the approval commit, during the
// signature) 20 times each; after each restart the pending reversal goes first, and the
// training host's ledger equals the journal: no approved sale lost, no double charge. It
// prints the table."
//
// Each iteration is one counter process (test/support/crashSale.ts) on the same SQLite
// file, PIN pad pty and training host: it restores the terminal session, runs a card sale
// and dies at the point (CASHDESK_FAULT_POINT, or a SIGKILL from this test once the host
// has the 0200 and holds its reply). The next process is the restart. The points take
// turns, so every kind of leftover is followed by every other. CRASH_ITERATIONS (default
// 20) sets the number of kills per point.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/app.js';
import { contractClient } from '../../support/contractClient.js';
import { CASHIER, waitFor } from '../../support/counterRig.js';
import { CRASH_TID, MONEY_MTIS, readJournal, startCrashChild, startCrashRig, type CrashChild, type CrashRig, type HostMessage } from '../../support/crashRig.js';
import { silentLogger } from '../../../native/log/logger.js';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? '20');
const SCRIPT = join(import.meta.dirname, '..', '..', 'support', 'crashSale.ts');
const CARD_PAN = '6222021234567890128';

type Point = 'before-send' | 'after-send' | 'after-reply' | 'after-approval' | 'during-signature';

/** What a kill at each point leaves behind, and what the restart must do about it (host-protocol §4.4). */
const POINTS: Record<Point, { reversal: '06' | '98' | '96' | null; journal: string; phase: string | null; hostHasIt: boolean }> = {
  // Journal row, STAN and reversal record committed; nothing sent: 06, the host never saw it.
  'before-send': { reversal: '06', journal: 'pending', phase: 'prepared', hostHasIt: false },
  // Sent, the host approved it, its reply never arrived: 98 (no reply before the timeout).
  'after-send': { reversal: '98', journal: 'pending', phase: 'sent', hostHasIt: true },
  // Approved by the host, the approval not yet recorded: 96.
  'after-reply': { reversal: '96', journal: 'pending', phase: 'approved-not-completed', hostHasIt: true },
  // The approval is committed: the sale stands.
  'after-approval': { reversal: null, journal: 'approved', phase: null, hostHasIt: true },
  // A missing signature is not a reason to reverse (host-protocol §4.4): the sale stands.
  'during-signature': { reversal: null, journal: 'approved', phase: null, hostHasIt: true },
};
const ORDER = Object.keys(POINTS) as Point[];

interface Killed {
  point: Point;
  stan: string;
  journalId: number;
  amount: number;
  /** The restart's first money message (MTI/STAN/F39), for the table. */
  firstAfterRestart?: string;
}

let rig: CrashRig;
const killed: Killed[] = [];

beforeAll(async () => {
  rig = await startCrashRig();
});
afterAll(async () => {
  await rig?.close();
});

const moneySince = (from: number): HostMessage[] => rig.messages.slice(from).filter((m) => m.mti !== null && MONEY_MTIS.has(m.mti));

async function waitExit(child: CrashChild, what: string, timeoutMs = 20_000) {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      child.exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.proc.kill('SIGKILL');
          reject(new Error(`${what}: the counter process did not end within ${timeoutMs} ms; it printed ${JSON.stringify(child.lines)}`));
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The restart's duty: when the killed sale left a reversal, the first money message of
 * the next run is that 0400 (same STAN, the reason its phase implies); otherwise no 0400
 * for it ever, and the first money message is the new sale.
 */
function checkRestart(previous: Killed | undefined, money: HostMessage[], thisRun: string): void {
  if (!previous) return;
  const due = POINTS[previous.point].reversal;
  const first = money[0];
  previous.firstAfterRestart = first ? `${first.mti}/${first.stan}${first.mti === '0400' ? `/${first.reason}` : ''}` : 'none';
  if (due) {
    expect(first, `${thisRun}: after a kill ${previous.point} the pending reversal goes first`).toMatchObject({ mti: '0400', stan: previous.stan, reason: due });
    expect(money.filter((m) => m.mti === '0400' && m.stan === previous.stan)).toHaveLength(1);
  } else {
    // The sale stands: no reversal for it, ever; the next money message is the new sale (none when this run dies before its send).
    expect(money.filter((m) => m.mti === '0400'), `${thisRun}: after a kill ${previous.point} the sale stands; no reversal`).toEqual([]);
    expect(rig.messages.some((m) => m.mti === '0400' && m.stan === previous.stan)).toBe(false);
  }
}

describe(`SIGKILL at each point of a card sale, ${ITERATIONS} times each`, () => {
  it(
    'after each restart the pending reversal goes first; the host ledger equals the journal',
    async () => {
      const started = Date.now();
      let previous: Killed | undefined;
      for (let round = 0; round < ITERATIONS; round++) {
        for (const point of ORDER) {
          const n = killed.length;
          const amount = 101 + n;
          const what = `kill #${n + 1} (${point}, round ${round + 1})`;
          const from = rig.messages.length;
          rig.host.faults.clear();
          if (point === 'after-send') rig.host.faults.noReply({ mti: ['0200'] });
          const child = startCrashChild(rig, { script: SCRIPT, amount, execArgv: ['--import', 'tsx'], ...(point === 'after-send' ? {} : { faultPoint: point }) });
          if (point === 'after-send') {
            // The host has the 0200 (and approved it) and holds its reply: kill the counter now.
            await waitFor(`${what}: the 0200 at the host`, () => rig.messages.slice(from).some((m) => m.mti === '0200' && m.amount === amount), 15_000).catch(async (e: unknown) => {
              child.proc.kill('SIGKILL');
              throw new Error(`${(e as Error).message}; the counter printed ${JSON.stringify(child.lines)} ${(await child.exited).stderr}`);
            });
            child.proc.kill('SIGKILL');
          }
          const end = await waitExit(child, what);
          expect(end.signal, `${what}: the process should have died by SIGKILL; it printed ${JSON.stringify(child.lines)} ${end.stderr}`).toBe('SIGKILL');
          expect(child.lines.find((l) => l.step === 'error'), what).toBeUndefined();

          const money = moneySince(from);
          checkRestart(previous, money, what);

          // What the killed run left in the database.
          const j = readJournal(rig.dbPath);
          const row = j.rows.at(-1)!;
          expect(row, `${what}: the sale's journal row`).toMatchObject({ type: 'sale', tender: 'card', amount, status: POINTS[point].journal });
          const rev = j.reversals.find((r) => r.journalId === row.id);
          if (POINTS[point].phase) expect(rev, `${what}: the durable reversal record`).toMatchObject({ phase: POINTS[point].phase });
          else expect(rev, `${what}: no reversal record`).toBeUndefined();
          if (point === 'during-signature') expect(j.signatures).not.toContain(row.id);
          // The previous kill's leftover is resolved: reversed, record gone.
          if (previous) {
            const prevRow = j.rows.find((r) => r.id === previous!.journalId)!;
            expect(prevRow.status, `${what}: the previous sale (${previous.point}) in the journal`).toBe(POINTS[previous.point].reversal ? 'reversed' : 'approved');
            expect(j.reversals.find((r) => r.journalId === previous!.journalId)).toBeUndefined();
          }
          // What reached the bank in this run: the killed sale's 0200 only when it was sent.
          const sales = money.filter((m) => m.mti === '0200');
          expect(sales.map((m) => m.stan), `${what}: 0200s at the host`).toEqual(POINTS[point].hostHasIt ? [row.stan] : []);
          const entry = rig.host.ledger.entries({ tid: CRASH_TID }).find((e) => e.stan === row.stan && e.batchNo === row.batchNo);
          if (POINTS[point].hostHasIt) expect(entry, `${what}: the host's ledger`).toMatchObject({ status: 'approved', amount });
          else expect(entry).toBeUndefined();

          previous = { point, stan: row.stan, journalId: row.id, amount };
          killed.push(previous);
        }
        process.stderr.write(`crash-safety: round ${round + 1}/${ITERATIONS} done, ${killed.length} kills, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      }

      // The last restart: a run with no fault resolves the last kill and sells once more.
      const from = rig.messages.length;
      rig.host.faults.clear();
      const last = startCrashChild(rig, { script: SCRIPT, amount: 99, execArgv: ['--import', 'tsx'] });
      const end = await waitExit(last, 'the last restart');
      expect(end.code, `the last restart: ${JSON.stringify(last.lines)} ${end.stderr}`).toBe(0);
      expect(last.lines.find((l) => l.step === 'sale')).toMatchObject({ ok: true, status: 'approved' });
      expect(last.lines.find((l) => l.step === 'signature')).toMatchObject({ status: 'signed' });
      checkRestart(previous, moneySince(from), 'the last restart');

      // The host's ledger equals the journal, STAN by STAN.
      const j = readJournal(rig.dbPath);
      expect(j.reversals, 'no reversal left pending').toEqual([]);
      const ledger = rig.host.ledger.entries({ tid: CRASH_TID });
      const sales = j.rows.filter((r) => r.type === 'sale');
      expect(sales).toHaveLength(killed.length + 1);
      for (const r of sales) {
        const e = ledger.find((x) => x.stan === r.stan && x.batchNo === r.batchNo);
        if (r.status === 'approved') expect(e, `STAN ${r.stan}: approved in the journal`).toMatchObject({ status: 'approved', amount: r.amount });
        else {
          expect(r.status, `STAN ${r.stan}`).toBe('reversed');
          if (e) expect(e.status, `STAN ${r.stan}: reversed in the journal`).toBe('reversed');
        }
      }
      for (const e of ledger) {
        const r = sales.find((x) => x.stan === e.stan && x.batchNo === e.batchNo);
        expect(r, `STAN ${e.stan} is in the host's ledger but not in the journal`).toBeDefined();
      }
      const approvedJournal = sales.filter((r) => r.status === 'approved');
      expect(ledger.filter((e) => e.status === 'approved')).toHaveLength(approvedJournal.length);
      // No approved sale lost: every sale killed after the approval commit stands.
      for (const k of killed.filter((x) => !POINTS[x.point].reversal)) expect(sales.find((r) => r.id === k.journalId)?.status).toBe('approved');
      // No double charge: one 0200 per STAN, and the card was charged exactly the approved sales.
      const saleStans = rig.messages.filter((m) => m.mti === '0200').map((m) => m.stan);
      expect(new Set(saleStans).size).toBe(saleStans.length);
      const charged = approvedJournal.reduce((s, r) => s + r.amount, 0);
      expect(rig.host.balance(CARD_PAN)).toBe(1_000_000 - charged);

      // And the bank agrees at settlement: the terminal's totals balance with the host's.
      const app = await createApp({ dataDir: rig.dir, dbPath: rig.dbPath, training: false, logger: silentLogger });
      try {
        await waitFor('terminal sign-in', () => app.terminal.status().signedIn);
        const api = contractClient(app);
        await api.ok('operator.signIn', CASHIER);
        // A sale killed during its signature stands with a reprintable slip; the signature can still be taken.
        const unsigned = killed.find((k) => k.point === 'during-signature')!;
        const slip = await api.ok('payment.eSlip', { journalId: unsigned.journalId });
        expect(slip).toMatchObject({ status: 'approved', amount: unsigned.amount, stan: unsigned.stan, signatureStatus: null });
        expect(slip.rrn).toMatch(/^\d{12}$/);
        expect(await api.ok('payment.signature', { journalId: unsigned.journalId, status: 'refused' })).toMatchObject({ status: 'refused' });
        const report = await api.ok('payment.settle', {});
        expect(report).toMatchObject({ balanced: true, uploaded: 0, debit: { count: approvedJournal.length, amount: charged }, failedReversals: [] });
      } finally {
        await app.close();
      }

      // The table.
      const table = ORDER.map((point) => {
        const ks = killed.filter((k) => k.point === point);
        const reversals = rig.host.ledger.reversals.filter((r) => ks.some((k) => k.stan === r.stan));
        const approvedKept = ks.filter((k) => ledger.find((e) => e.stan === k.stan)?.status === 'approved').length;
        return {
          point,
          kills: ks.length,
          'reversals sent': reversals.length,
          'reason (F39)': [...new Set(reversals.map((r) => r.reason))].join(',') || '-',
          'matched at host': reversals.filter((r) => r.matched).length,
          // Reversal due: its 0400 was the restart's first money message. None due: no 0400 went at all.
          'went first': ks.filter((k) => (POINTS[point].reversal ? k.firstAfterRestart?.startsWith(`0400/${k.stan}/`) : k.firstAfterRestart !== undefined && !k.firstAfterRestart.startsWith('0400'))).length,
          'approved kept': approvedKept,
        };
      });
      console.log(`crash safety: ${killed.length} kills in ${((Date.now() - started) / 1000).toFixed(1)} s; journal ${approvedJournal.length} approved = host ${ledger.filter((e) => e.status === 'approved').length} approved; charged ${charged} fen`);
      console.table(table);
      for (const row of table) {
        const due = POINTS[row.point].reversal;
        expect(row['went first']).toBe(ITERATIONS);
        expect(row['reversals sent']).toBe(due ? ITERATIONS : 0);
        expect(row['approved kept']).toBe(due ? 0 : ITERATIONS);
      }
    },
    ITERATIONS * ORDER.length * 6_000 + 60_000,
  );
});
