// Issue 6, done-when: "A test runs a full day (sign-in, 200 mixed sales, voids, a refund,
// settlement, sign-off) with known PANs and PINs, then scans the SQLite file, its WAL and
// every log: no full PAN, PIN, PIN block, track data or key appears."
//
// The counter is real (training host over TCP, PIN pad emulator over a socat pty, a
// SQLite file, the file logger at debug level). The scan reads raw bytes of every file in
// the data folder (database, -wal, -shm, logs, the reversal vault's key file) while the
// app is still open and again after it closed, and looks for each secret in every form it
// could take on disk: ASCII digits, upper- and lower-case hex, packed BCD bytes, the clear
// ISO-0 PIN block and the one encrypted under the day's PIK, the clear and TDB-encrypted
// track, the clear working keys and the TMK (and the day's QR payment codes). Masked PANs
// and a signature's PNG bytes must be found by the same scan, so it is known to be
// reading the right bytes.
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../../electron/app.js';
import type { PaymentResult } from '../../../electron/contract.js';
import { DEFAULT_CARDS, TRAINING_PIN } from '../../../electron/host/cardTable.js';
import type { WorkingKeys } from '../../../electron/host/simulator.js';
import { maskPan } from '../../../electron/host/trace.js';
import { desEncrypt } from '../../../native/crypto/des.js';
import { iso0PinBlock } from '../../../native/crypto/pinBlock.js';
import { encryptTrackTdb } from '../../../native/crypto/trackData.js';
import { contractClient } from '../../support/contractClient.js';
import { CASHIER, RIG_TMK_HEX, SUPERVISOR, signedIn, startRig, type Rig } from '../../support/counterRig.js';
import { seedApprovedSales } from '../../support/dayBatch.js';

const TID = '20000001';
const SALES = 200;

interface DayCard {
  pan: string;
  pin: string;
  expiry: string;
  track2: string;
}

const card = (pan: string): DayCard => {
  const c = DEFAULT_CARDS.find((x) => x.pan === pan)!;
  return { pan, pin: c.pin ?? TRAINING_PIN, expiry: '2812', track2: `${pan}D28122201234567` };
};
/** Approving CUP cards, one that runs out of money (51 after ¥100), a foreign card (PIN 1234), one that always declines. */
const CARDS: DayCard[] = ['6222021234567890128', '6224242900000113', '6222020000000000100', '4761739001010119', '6222020000000000051'].map(card);

let rig: Rig | undefined;
let busy: Rig | undefined;
afterAll(async () => {
  await rig?.close();
  await busy?.close();
});

/** Every regular file under dir (the pty links are not files), with its bytes. */
function readAll(dir: string): Array<{ file: string; bytes: Buffer }> {
  const out: Array<{ file: string; bytes: Buffer }> = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) out.push(...readAll(p));
    else if (st.isFile()) out.push({ file: p, bytes: readFileSync(p) });
  }
  return out;
}

/** The ways a value can sit in a file: as text (upper and lower case) and, for hex/BCD, as the bytes it packs to. */
function forms(text: string, opts: { packed?: boolean } = {}): Buffer[] {
  const out = [Buffer.from(text.toUpperCase()), Buffer.from(text.toLowerCase())];
  if (opts.packed) {
    const t = text.toUpperCase().replace(/=/g, 'D');
    for (const even of t.length % 2 ? [t + '0', '0' + t, t + 'F'] : [t]) out.push(Buffer.from(even, 'hex'));
  }
  return out;
}

const HEX = (b: Buffer): string => b.toString('hex').toUpperCase();

function secretsOf(keySets: WorkingKeys[]): Array<{ name: string; forms: Buffer[] }> {
  const s: Array<{ name: string; forms: Buffer[] }> = [];
  const add = (name: string, f: Buffer[]): void => {
    s.push({ name, forms: f });
  };
  add('TMK', [...forms(RIG_TMK_HEX), Buffer.from(RIG_TMK_HEX, 'hex')]);
  keySets.forEach((k, i) => {
    for (const [label, key] of [['PIK', k.pinKey], ['MAK', k.macKey], ['TDK', k.trackKey]] as const) {
      if (key) add(`${label} #${i + 1}`, [...forms(HEX(key)), key]);
    }
  });
  for (const c of CARDS) {
    const last4 = c.pan.slice(-4);
    add(`PAN …${last4}`, forms(c.pan, { packed: true }));
    add(`track 2 …${last4}`, [...forms(c.track2, { packed: true }), ...forms(c.track2.replace('D', '='))]);
    const clearBlock = iso0PinBlock(c.pin, c.pan);
    add(`clear PIN block …${last4}`, [...forms(HEX(clearBlock)), clearBlock]);
    // The PIN field before the PAN XOR (0 L P..P F..F): the PIN itself in a PIN-block context.
    const pinField = ('0' + c.pin.length.toString(16) + c.pin).padEnd(16, 'F');
    add(`PIN field …${last4}`, [...forms(pinField), Buffer.from(pinField, 'hex')]);
    keySets.forEach((k, i) => {
      const enc = desEncrypt(k.pinKey, clearBlock);
      add(`PIN block under PIK #${i + 1} …${last4}`, [...forms(HEX(enc)), enc]);
      if (k.trackKey) add(`encrypted track 2 under TDK #${i + 1} …${last4}`, forms(encryptTrackTdb(k.trackKey, c.track2), { packed: true }));
    });
  }
  return s;
}

function scan(files: Array<{ file: string; bytes: Buffer }>, secrets: Array<{ name: string; forms: Buffer[] }>, base: string): string[] {
  const found: string[] = [];
  for (const f of files) {
    for (const secret of secrets) {
      const hit = secret.forms.findIndex((form) => f.bytes.includes(form));
      if (hit >= 0) found.push(`${secret.name} (form ${hit}) in ${relative(base, f.file)}`);
    }
  }
  return found;
}

describe('a full day at the counter', () => {
  it(
    'sign-in, 200 mixed sales, voids, a refund, settlement, sign-off: no PAN, PIN, PIN block, track or key in the database, its WAL or any log',
    async () => {
      rig = await startRig();
      await rig.setUp({ replyTimeoutMs: 800 });
      const app: App = await rig.open();
      await signedIn(app);
      const api = contractClient(app);
      await api.ok('operator.signIn', CASHIER);
      const keySets: WorkingKeys[] = [rig.host.session(TID)!.keys!];

      const useCard = (c: DayCard): void => {
        rig!.emulator.script.clear();
        rig!.emulator.script.setCard({ pan: c.pan, expiry: c.expiry, track2: c.track2 });
        rig!.emulator.script.setDefaultPin(c.pin);
      };

      // ---- 200 mixed sales: 60 % card (five cards in turn), 20 % QR, 20 % cash -------------------------
      const paymentCodes: string[] = [];
      const results: Array<{ kind: 'card' | 'qr' | 'cash'; card?: DayCard; r: PaymentResult }> = [];
      for (let i = 0; i < SALES; i++) {
        const amount = 100 + ((i * 137) % 2900);
        const slot = i % 10;
        if (slot < 6) {
          const c = CARDS[i % CARDS.length]!;
          useCard(c);
          // One sale the host never answers: reversed (98), so the reversal vault is used during the day.
          if (i === 50) rig.host.faults.noReply({ mti: ['0200'] });
          const r = await api.ok('payment.cardSale', { amount });
          results.push({ kind: 'card', card: c, r });
          if (r.ok && results.filter((x) => x.kind === 'card' && x.r.ok).length % 8 === 1) {
            const strokes = [{ points: Array.from({ length: 40 }, (_, k) => ({ x: k * 6, y: 50 + 25 * Math.sin(k / 5 + i) })) }];
            await api.ok('payment.signature', { journalId: r.journalId, status: 'signed', strokes });
          }
        } else if (slot < 8) {
          const paymentCode = `2812${String(345_678_901 + i * 7919).padStart(14, '0')}`;
          paymentCodes.push(paymentCode);
          const r = await api.ok('payment.qrSale', { amount, paymentCode });
          results.push({ kind: 'qr', r });
        } else {
          const r = await api.ok('payment.cashSale', { amount, tendered: Math.ceil(amount / 5000) * 5000 });
          results.push({ kind: 'cash', r });
        }
      }
      const approved = results.filter((x) => x.r.ok);
      const byStatus = (kind: string, status: string): number => results.filter((x) => x.kind === kind && x.r.status === status).length;
      // A real mix: approvals of every tender, declines (51), the one reversal.
      expect(byStatus('card', 'approved')).toBeGreaterThan(80);
      expect(byStatus('card', 'declined')).toBeGreaterThan(10);
      expect(byStatus('card', 'reversed')).toBe(1);
      expect(byStatus('qr', 'approved')).toBe(40);
      expect(byStatus('cash', 'approved')).toBe(40);

      // A balance inquiry (one more PIN block).
      useCard(CARDS[0]!);
      expect((await api.ok('payment.balance', {})).ok).toBe(true);

      // ---- voids: five card sales (one per approving card) and a QR sale ------------------------------
      const voidable = [...CARDS.slice(0, 4).map((c) => approved.find((x) => x.card?.pan === c.pan)!), approved.find((x) => x.kind === 'qr')!];
      for (const v of voidable) {
        if (v.card) useCard(v.card);
        const r = await api.ok('payment.void', { stan: v.r.stan, supervisor: SUPERVISOR });
        expect(r, `void of ${v.r.stan}`).toMatchObject({ ok: true, responseCode: '00' });
      }
      expect(voidable.filter((v) => v.card)).toHaveLength(4);

      // ---- a refund of part of a card sale -----------------------------------------------------------
      const refunded = approved.find((x) => x.card?.pan === CARDS[1]!.pan && !voidable.includes(x))!;
      useCard(refunded.card!);
      const refund = await api.ok('payment.refund', { rrn: refunded.r.rrn!, amount: Math.floor(refunded.r.amount / 2), date: app.journal.get(refunded.r.journalId)!.hostDate!, supervisor: SUPERVISOR });
      expect(refund).toMatchObject({ ok: true, responseCode: '00' });

      // ---- settlement, then sign-off -----------------------------------------------------------------
      const now = rig.host.session(TID)!.keys!;
      if (!now.pinKey.equals(keySets[0]!.pinKey)) keySets.push(now); // a sign-in during the day brought new keys
      const report = await api.ok('payment.settle', {});
      expect(report).toMatchObject({ ok: true, balanced: true });
      expect(report.debit.count).toBe(byStatus('card', 'approved') + byStatus('qr', 'approved'));
      expect(await api.ok('terminal.signOff', { supervisor: SUPERVISOR })).toEqual({ ok: true });
      expect(app.terminal.status().signedIn).toBe(false);

      // ---- the scan, while the app is open: the WAL holds the day ------------------------------------
      // The QR payment codes too: one authorises a payment for a while (host-protocol §4.6; the trace masks it like a PAN).
      const secrets = [...secretsOf(keySets), ...paymentCodes.map((code) => ({ name: `QR payment code …${code.slice(-4)}`, forms: forms(code, { packed: true }) }))];
      const wal = `${rig.dbPath}-wal`;
      expect(existsSync(wal) && statSync(wal).size > 0, 'the WAL exists while the app is open').toBe(true);
      const open = readAll(rig.dir);
      const names = open.map((f) => relative(rig!.dir, f.file));
      expect(names).toEqual(expect.arrayContaining(['cashdesk.db', 'cashdesk.db-wal', 'logs/cashdesk.log', 'reversal-vault.key']));
      const log = open.find((f) => f.file === rig!.logFile)!;
      expect(log.bytes.toString().split('\n').length, 'the day was logged at debug level').toBeGreaterThan(500);
      // The scan reads the right bytes: what must be there is found by it.
      const dbAndWal = Buffer.concat(open.filter((f) => f.file.startsWith(rig!.dbPath)).map((f) => f.bytes));
      for (const c of CARDS.slice(0, 4)) {
        expect(dbAndWal.includes(maskPan(c.pan)), `masked PAN ${maskPan(c.pan)} in the database`).toBe(true);
        expect(log.bytes.includes(maskPan(c.pan)), `masked PAN ${maskPan(c.pan)} in the log`).toBe(true);
      }
      // …and binary values too: a signature's PNG bytes are found in the database by the same scan.
      const signed = approved.find((x) => app.signatures.get(x.r.journalId)?.pngBase64)!;
      const png = Buffer.from(app.signatures.get(signed.r.journalId)!.pngBase64!, 'base64');
      expect(scan(open, [{ name: 'a signature PNG', forms: [png] }], rig.dir).some((hit) => hit.includes('cashdesk.db'))).toBe(true);
      expect(scan(open, secrets, rig.dir), 'secrets found while the app is open').toEqual([]);

      // ---- and after the app closed (the WAL checkpointed into the database file) ---------------------
      await app.close();
      const closed = readAll(rig.dir);
      const db = closed.find((f) => f.file === rig!.dbPath)!;
      expect(db.bytes.includes(maskPan(CARDS[0]!.pan))).toBe(true);
      expect(scan(closed, secrets, rig.dir), 'secrets found after the app closed').toEqual([]);
    },
    180_000,
  );
});

describe('a busy day', () => {
  // host-protocol §4.5: the 0500's F48 counts each side's sales as n3, at most 999. A
  // counter that takes a 1000th sale into the batch must still be able to close it (or
  // must have refused that sale before it reached the bank, saying to settle first):
  // a batch the bank is never told about is money the shop is never paid.
  it(
    'the 1000th card sale of a batch: either it is refused before reaching the bank with "settle first", or the batch still settles',
    async () => {
      busy = await startRig();
      await busy.setUp();
      const app = await busy.open();
      await signedIn(app);
      const api = contractClient(app);
      await api.ok('operator.signIn', CASHIER);
      // 999 approved domestic sales already in the batch, the host's ledger agreeing.
      seedApprovedSales(app, { ledger: busy.host.ledger, tid: TID, mid: '898440358120099', batchNo: busy.host.session(TID)?.batchNo }, Array.from({ length: 999 }, () => 'cup' as const));
      const before = busy.host.ledger.entries({ tid: TID }).length;

      const sale = await api.call('payment.cardSale', { amount: 1234 });
      if (sale.ok && sale.value.ok) {
        // Taken: the bank has 1000 sales of this batch and the terminal must be able to settle them.
        const report = await api.call('payment.settle', {});
        expect(report, 'a batch holding the 1000th sale cannot be settled').toMatchObject({ ok: true, value: { ok: true, balanced: true } });
        if (report.ok) expect(report.value.debit.count).toBe(1000);
      } else {
        // Refused: before the bank saw it, in words that tell the cashier to settle.
        expect(busy.host.ledger.entries({ tid: TID }).length).toBe(before);
        const message = sale.ok ? sale.value.message : sale.message;
        expect(message).toMatch(/结算/);
        expect(message).toMatch(/settle/i);
        expect(await api.call('payment.settle', {})).toMatchObject({ ok: true, value: { ok: true, balanced: true } });
      }
    },
    60_000,
  );
});
