import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/app.js';
import { contractClient } from '../support/contractClient.js';
import { signedIn, waitFor } from '../support/counterRig.js';
import { makeTempDir } from '../support/tempDir.js';

let tmp: ReturnType<typeof makeTempDir>;
let app: App;
let api: ReturnType<typeof contractClient>;

beforeEach(async () => {
  tmp = makeTempDir();
  app = await createApp({ dataDir: tmp.dir, training: true, signInBackoffMs: [100, 200] });
  api = contractClient(app);
  await signedIn(app);
  await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
});
afterEach(async () => {
  await app.close();
  tmp.cleanup();
});

describe('training mode (培训): a counter with no hardware and no bank', () => {
  it('starts signed in with training operators and says it is training', async () => {
    expect((await api.ok('app.status', {})).training).toBe(true);
    expect(app.status().dbPath).toMatch(/cashdesk-training\.db$/);
    expect(await api.ok('payment.cardSale', { amount: 1500 })).toMatchObject({ ok: true });
  });

  it('drill: the bank goes away, a sale says why, the bank comes back and a manual sign-in works', async () => {
    await api.ok('training.drill', { action: 'host-down' });
    const r = await api.call('payment.cardSale', { amount: 100 });
    const failed = r.ok ? r.value.message : r.message;
    expect(failed).toMatch(/银行|主机/);
    await api.ok('training.drill', { action: 'host-up' });
    await api.call('terminal.signIn', {});
    await signedIn(app);
    expect(await api.ok('payment.cardSale', { amount: 100 })).toMatchObject({ ok: true });
  });

  it('drill: the pad is unplugged mid-payment; the reason is given; after replug the next sale works', async () => {
    app.training!.emulator.script.nextCardHold();
    const sale = api.call('payment.cardSale', { amount: 300 });
    await waitFor('awaiting card', () => app.pinpad()?.state === 'awaiting-card');
    await api.ok('training.drill', { action: 'pad-unplug' });
    const r = await sale;
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.message).toMatch(/密码键盘.*PIN pad/s);
    await api.ok('training.drill', { action: 'pad-replug' });
    await waitFor('pad ready', () => app.pinpad()?.state === 'ready');
    expect(await api.ok('payment.cardSale', { amount: 300 })).toMatchObject({ ok: true });
  });

  it('drills are refused outside training mode', async () => {
    const live = await createApp({ dataDir: `${tmp.dir}/live`, training: false, devices: 'none' });
    expect(await contractClient(live).call('training.drill', { action: 'host-down' })).toMatchObject({ ok: false, code: 'NOT_TRAINING' });
    await live.close();
  });

  it('the customer display follows what the cashier shows', async () => {
    const seen: string[] = [];
    app.events.on('customer.display', (s) => seen.push(s.mode));
    await api.ok('customer.show', { mode: 'amount', amount: 1234 });
    const s = await api.ok('customer.show', { mode: 'signature', amount: 1234, journalId: 1 });
    expect(s.signatureTimeoutSeconds).toBeGreaterThan(0);
    expect(await api.ok('customer.state', {})).toMatchObject({ mode: 'signature', journalId: 1 });
    expect(seen).toEqual(['amount', 'signature']);
  });

  it('an approved card sale asks the customer display for a signature; signing thanks the customer', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 2600 });
    expect(await api.ok('customer.state', {})).toMatchObject({ mode: 'signature', amount: 2600, journalId: sale.journalId });
    await api.ok('payment.signature', { journalId: sale.journalId, status: 'signed', strokes: [{ points: [{ x: 1, y: 1 }, { x: 50, y: 20 }] }] });
    expect(await api.ok('customer.state', {})).toMatchObject({ mode: 'thanks', journalId: null });
  });

  it('diagnostics show the last host frames with the card number masked', async () => {
    await api.ok('payment.cardSale', { amount: 4200 });
    const frames = await api.ok('diagnostics.hostFrames', {});
    const sent = frames.filter((f) => f.direction === 'sent' && f.mti === '0200');
    expect(sent.length).toBeGreaterThan(0);
    const text = JSON.stringify(frames);
    expect(text).toContain('622202*********0128');
    expect(text).not.toContain('6222021234567890128');
  });
});
