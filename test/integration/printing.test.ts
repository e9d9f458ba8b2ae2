// Issue 9 through the contract: receipts print to the training ESC/POS emulator, the
// drawer opens only for cash, a printer that goes away keeps the job for a retry and
// the sale stays intact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/app.js';
import { contractClient } from '../support/contractClient.js';
import { signedIn, waitFor } from '../support/counterRig.js';
import { makeTempDir } from '../support/tempDir.js';

let tmp: ReturnType<typeof makeTempDir>;
let app: App;
let api: ReturnType<typeof contractClient>;
const SUP = { operatorId: '00', password: '123456' };

beforeEach(async () => {
  tmp = makeTempDir();
  app = await createApp({ dataDir: tmp.dir, training: true });
  api = contractClient(app);
  await signedIn(app);
  await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
  await waitFor('printer ready', () => app.printer()?.printer.status().state === 'ready');
});
afterEach(async () => {
  await app.close();
  tmp.cleanup();
});

const paper = () => app.printer()!.emulator!;

describe('receipts on the training printer', () => {
  it('prints a signed card e-slip with its signature, and does not open the drawer', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 1234 });
    await api.ok('payment.signature', { journalId: sale.journalId, status: 'signed', strokes: [{ points: [{ x: 0, y: 0 }, { x: 120, y: 40 }, { x: 240, y: 5 }] }] });
    const r = await api.ok('receipt.printESlip', { journalId: sale.journalId });
    expect(r).toMatchObject({ printed: true, drawer: 'not-needed' });
    const receipt = paper().receipts().at(-1)!;
    const text = receipt.lines.join('\n');
    expect(text).toContain('622202*********0128');
    expect(text).toContain('消费');
    expect(text).toContain('12.34');
    expect(receipt.images.length).toBeGreaterThan(0);
    expect(paper().drawerKicks()).toHaveLength(0);
  });

  it('opens the drawer for a cash sale, not on a reprint', async () => {
    const cash = await api.ok('payment.cashSale', { amount: 990, tendered: 2000 });
    expect(await api.ok('receipt.printESlip', { journalId: cash.journalId })).toMatchObject({ drawer: 'kicked', printed: true });
    expect(paper().drawerKicks()).toHaveLength(1);
    expect(await api.ok('receipt.printESlip', { journalId: cash.journalId, reprint: true })).toMatchObject({ drawer: 'not-needed' });
    expect(paper().drawerKicks()).toHaveLength(1);
  });

  it('a supervisor opens the drawer; a cashier cannot; both are audited', async () => {
    expect(await api.call('drawer.open', { supervisor: { operatorId: '01', password: '1111' }, reason: '找零' })).toMatchObject({ ok: false, code: 'NOT_SUPERVISOR' });
    await api.ok('drawer.open', { supervisor: SUP, reason: '备用金 float' });
    await waitFor('the drawer kick on the printer', () => paper().drawerKicks().length === 1);
    const audit = await api.ok('audit.recent', { limit: 20 });
    expect(audit.find((a) => a.action === 'drawer.open' && a.outcome === 'ok')).toBeDefined();
    expect((await api.ok('audit.verify', {})).ok).toBe(true);
  });

  it('paper out mid-day: the print fails with the reason, the sale stands, and a retry prints it', async () => {
    const sale = await api.ok('payment.cardSale', { amount: 5000 });
    paper().set({ paperOut: true });
    await app.printer()!.printer.checkStatus();
    const r = await api.ok('receipt.printESlip', { journalId: sale.journalId });
    expect(r.printed).toBe(false);
    const failed = r.jobs[0]!;
    expect(failed.state).toBe('failed');
    expect(failed.error?.zh).toMatch(/纸/);
    expect((await api.ok('payment.eSlip', { journalId: sale.journalId })).status).toBe('approved');
    paper().set({ paperOut: false });
    const retried = await api.ok('printer.retry', { jobId: failed.id });
    expect(retried.state).toBe('printed');
    expect(paper().receipts().at(-1)!.lines.join('\n')).toContain('50.00');
  });

  it('prints the shop receipt for a cart paid in cash, opening the drawer once', async () => {
    await api.ok('product.create', { barcodes: ['6901234567892'], name: '可口可乐 330ml', priceFen: 350, openingStock: 10 });
    const cart = await api.ok('cart.open', {});
    await api.ok('cart.addByBarcode', { cartId: cart.id, barcode: '6901234567892', quantity: 2 });
    // Completing the sale prints its receipt and opens the drawer, once.
    const paid = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'cash', tenderedFen: 1000 } });
    expect(paid).toMatchObject({ changeFen: 300, receipt: { printed: true, drawer: 'kicked' } });
    const text = paper().receipts().at(-1)!.lines.join('\n');
    expect(text).toContain('可口可乐');
    expect(text).toContain('7.00');
    expect(await api.ok('receipt.printSale', { saleId: paid.sale!.id })).toMatchObject({ printed: true, drawer: 'not-needed' });
    expect(await api.ok('receipt.printSale', { saleId: paid.sale!.id, reprint: true })).toMatchObject({ drawer: 'not-needed' });
    await waitFor('one kick', () => paper().drawerKicks().length === 1);
  });

  it('prints the settlement report', async () => {
    await api.ok('payment.cardSale', { amount: 700 });
    const report = await api.ok('payment.settle', {});
    const job = await api.ok('receipt.printSettlement', { batchNo: report.batch });
    expect(job.state).toBe('printed');
    expect(paper().receipts().at(-1)!.lines.join('\n')).toMatch(/结算/);
  });
});
