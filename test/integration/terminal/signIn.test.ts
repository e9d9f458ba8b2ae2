// Issue 5, done-when: the training host on TCP, the emulator on a pty, a SQLite file.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contractClient } from '../../support/contractClient.js';
import { CASHIER, SUPERVISOR, signedIn, startRig, waitFor, type Rig } from '../../support/counterRig.js';

const root = join(import.meta.dirname, '..', '..', '..');
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});


describe('terminal sign-in (签到)', () => {
  it('signs in by itself at start: pad probed, master key selected, keys loaded with KCVs, batch adopted', async () => {
    rig = await startRig();
    await rig.setUp();
    const app = await rig.open();
    await signedIn(app);
    const s = app.terminal.status();
    expect(s).toMatchObject({ step: 'signed-in', signedIn: true, batchNo: '000001', keys: ['PIK', 'MAK', 'TDK'], failure: null, restored: false });
    expect(s.pad?.protocol).toBe('PPX/1');
    expect(rig.host.session('20000001')).toMatchObject({ signedIn: true, scheme: '004' });
    // Only ciphertexts and KCVs are kept; never a clear key.
    const clear = rig.host.session('20000001')!.keys!;
    const db = new Database(rig.dbPath, { readonly: true });
    const dump = JSON.stringify(db.prepare('SELECT * FROM terminal_session').all()).toUpperCase();
    db.close();
    for (const k of [clear.pinKey, clear.macKey, clear.trackKey!]) expect(dump).not.toContain(k.toString('hex').toUpperCase());
  });

  it('after kill -9 and a restart the session is restored without a new sign-in', async () => {
    rig = await startRig();
    await rig.setUp();
    // The first run is a separate process, killed hard once it is signed in.
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/counterProcess.ts')], {
      cwd: root,
      env: { ...process.env, RIG_DB: rig.dbPath },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve, reject) => {
      lines.on('line', (l) => {
        if ((JSON.parse(l) as { signedIn: boolean }).signedIn) resolve();
      });
      child.once('exit', (c) => reject(new Error(`counter process exited ${c}`)));
    });
    const signInsBefore = rig.host.messageCount;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const app = await rig.open();
    await signedIn(app);
    expect(app.terminal.status()).toMatchObject({ signedIn: true, restored: true });
    expect(rig.host.messageCount).toBe(signInsBefore); // no 0800 went out
    // And it works: a sale with the restored keys is approved (the MAC key came back into the pad).
    const api = contractClient(app);
    await api.ok('operator.signIn', CASHIER);
    const sale = await api.ok('payment.cardSale', { amount: 100 });
    expect(sale).toMatchObject({ ok: true, responseCode: '00' });
  });

  it('a session from yesterday, or from before today\u2019s daily sign-in time, is not restored: the terminal signs in afresh', async () => {
    rig = await startRig();
    await rig.setUp();
    const first = await rig.open();
    await signedIn(first);
    await first.close();
    const db = new Database(rig.dbPath);
    db.prepare("UPDATE terminal_session SET signed_in_at = ?").run(new Date(Date.now() - 26 * 3600_000).toISOString());
    db.close();
    const before = rig.host.messageCount;
    const app = await rig.open();
    await signedIn(app);
    expect(app.terminal.status().restored).toBe(false);
    expect(rig.host.messageCount).toBeGreaterThan(before);
    await app.close();

    // Signed in an hour ago, but the daily sign-in time (a minute ago) has passed since.
    const db2 = new Database(rig.dbPath);
    const dueAt = new Date(Date.now() - 60_000);
    db2.prepare('UPDATE terminal_session SET signed_in_at = ?').run(new Date(Date.now() - 3600_000).toISOString());
    db2.prepare('UPDATE terminal_config SET daily_sign_in_at = ?').run(`${String(dueAt.getHours()).padStart(2, '0')}:${String(dueAt.getMinutes()).padStart(2, '0')}`);
    db2.close();
    const sameDay = dueAt.toDateString() === new Date(Date.now() - 3600_000).toDateString();
    const before2 = rig.host.messageCount;
    const again = await rig.open();
    await signedIn(again);
    if (sameDay) expect(again.terminal.status().restored).toBe(false);
    expect(rig.host.messageCount).toBeGreaterThan(before2);
  });

  it('host answers 77: the terminal signs in again by itself and the sale is retried once', async () => {
    rig = await startRig();
    await rig.setUp();
    const app = await rig.open();
    await signedIn(app);
    const api = contractClient(app);
    await api.ok('operator.signIn', CASHIER);
    const before = rig.host.messageCount;
    rig.host.faults.forceResponse('77', { mti: ['0200'] });
    const sale = await api.ok('payment.cardSale', { amount: 250 });
    expect(sale).toMatchObject({ ok: true, responseCode: '00', amount: 250 });
    // 0200 (77) → 0800 → 0200 (00): three messages.
    expect(rig.host.messageCount - before).toBe(3);
    const journal = await api.ok('payment.journal', {});
    expect(journal.map((j) => `${j.status}:${j.responseCode}`)).toEqual(['approved:00', 'declined:77']);
  });

  it('a KCV mismatch leaves the terminal not signed in, says why, keeps no key, and retries', async () => {
    // The pad holds another master key than the host encrypts under: every KCV fails.
    rig = await startRig({ emulatorMasterKeyHex: '1111111111111111FEDCBA9876543210' });
    await rig.setUp();
    const app = await rig.open();
    const failed = await waitFor('a failed sign-in', () => app.terminal.status().failure);
    expect(failed.code).toBe('PINPAD_KCV_MISMATCH');
    expect(failed.message).toMatch(/校验值.*check value/is);
    const s = app.terminal.status();
    expect(s.signedIn).toBe(false);
    expect(s.keys).toEqual([]);
    const db = new Database(rig.dbPath, { readonly: true });
    const row = db.prepare('SELECT signed_in, pik_cipher, mak_cipher, tdk_cipher FROM terminal_session').get();
    db.close();
    expect(row).toEqual({ signed_in: 0, pik_cipher: null, mak_cipher: null, tdk_cipher: null });
    await waitFor('a retry', () => app.terminal.status().attempts >= 2);
    const api = contractClient(app);
    await api.ok('operator.signIn', CASHIER);
    const sale = await api.call('payment.cardSale', { amount: 100 });
    expect(sale).toMatchObject({ ok: false, code: 'TERMINAL_NOT_SIGNED_IN' });
  });

  it('host unreachable: the reason in words, then manual sign-in succeeds once the host is back', async () => {
    rig = await startRig();
    await rig.setUp();
    const port = rig.host.port;
    await rig.host.close();
    const app = await rig.open();
    const failed = await waitFor('a failed sign-in', () => app.terminal.status().failure);
    expect(failed.message).toMatch(/银行|主机/);
    expect(failed.message).toMatch(/host/i);
    const { startTrainingHost } = await import('../../../electron/host/simulator.js');
    const again = await startTrainingHost({ host: '127.0.0.1', port, tmk: Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex') });
    try {
      const api = contractClient(app);
      const r = await api.ok('terminal.signIn', {});
      expect(r).toMatchObject({ ok: true, batch: '000001', keys: ['PIK', 'MAK', 'TDK'] });
    } finally {
      await app.close();
      await again.close();
    }
  });

  it('reset clears the operator session and signs in again, keeping every transaction', async () => {
    rig = await startRig();
    await rig.setUp();
    const app = await rig.open();
    await signedIn(app);
    const api = contractClient(app);
    await api.ok('operator.signIn', CASHIER);
    await api.ok('payment.cashSale', { amount: 500, tendered: 1000 });
    const r = await api.ok('device.reset', {});
    expect(r.operator.state).toBe('signed-out');
    await signedIn(app);
    expect((await api.ok('payment.journal', {})).length).toBe(1);
    // Sign-off needs a supervisor.
    expect(await api.call('terminal.signOff', { supervisor: { operatorId: '01', password: CASHIER.password } })).toMatchObject({ ok: false, code: 'NOT_SUPERVISOR' });
    expect(await api.ok('terminal.signOff', { supervisor: SUPERVISOR })).toEqual({ ok: true });
    expect(app.terminal.status()).toMatchObject({ signedIn: false, step: 'signed-off' });
  });
});
