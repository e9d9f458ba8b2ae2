// Issue 8 through the contract, with the real payments behind it (training host and
// emulated pad): scan items into a cart, pay with mixed tenders, a member earns points,
// a member pays with stored value; stock moves with every sale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/app.js';
import { contractClient } from '../support/contractClient.js';
import { signedIn } from '../support/counterRig.js';
import { makeTempDir } from '../support/tempDir.js';

let tmp: ReturnType<typeof makeTempDir>;
let app: App;
let api: ReturnType<typeof contractClient>;
const SUP = { operatorId: '00', password: '123456' };

beforeAll(async () => {
  tmp = makeTempDir();
  app = await createApp({ dataDir: tmp.dir, training: true });
  api = contractClient(app);
  await signedIn(app);
  await api.ok('operator.signIn', { operatorId: '01', password: '1111' });
  await api.ok('product.create', { barcodes: ['6901234567892'], name: '可口可乐 330ml', category: '饮料', priceFen: 350, openingStock: 100 });
  await api.ok('product.create', { barcodes: ['6909876543210'], name: '康师傅红烧牛肉面', category: '方便食品', priceFen: 450, memberPriceFen: 400, openingStock: 50 });
  await api.ok('product.create', { barcodes: ['6911111111111'], name: '农夫山泉 550ml', category: '饮料', priceFen: 200, openingStock: 200 });
});
afterAll(async () => {
  await app.close();
  tmp.cleanup();
});

describe('shop checkout through the contract', () => {
  it('finds products by barcode and by pinyin initials', async () => {
    expect((await api.ok('product.lookup', { barcode: '6901234567892' }))?.name).toBe('可口可乐 330ml');
    expect((await api.ok('product.search', { query: 'kkkl' })).map((p) => p.name)).toContain('可口可乐 330ml');
  });

  it('scans three items and pays cash + card (mixed tender); the sale records both and stock moves', async () => {
    const cart = await api.ok('cart.open', {});
    await api.ok('cart.addByBarcode', { cartId: cart.id, barcode: '6901234567892', quantity: 2 });
    await api.ok('cart.addByBarcode', { cartId: cart.id, barcode: '6909876543210' });
    const full = await api.ok('cart.addByBarcode', { cartId: cart.id, barcode: '6911111111111' });
    expect(full.totals.totalFen).toBe(350 * 2 + 450 + 200);
    const afterCash = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'cash', amountFen: 500, tenderedFen: 1000 } });
    expect(afterCash).toMatchObject({ paidFen: 500, remainingFen: 850, sale: null, changeFen: 500 });
    expect(await api.call('cart.pay', { cartId: cart.id, tender: { kind: 'card', amountFen: 900 } })).toMatchObject({ ok: false, code: 'TENDER_TOO_LARGE' });
    const done = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'card', amountFen: 850 } });
    expect(done.payment).toMatchObject({ ok: true, needsSignature: true });
    expect(done.sale).toMatchObject({ status: 'completed', totalFen: 1350 });
    expect(done.sale!.tenders.map((t) => [t.kind, t.amountFen])).toEqual([['cash', 500], ['card', 850]]);
    expect((await api.ok('product.lookup', { barcode: '6901234567892' }))?.stock).toBe(98);
    // The customer display asks the cardholder to sign for the card part.
    expect(await api.ok('customer.state', {})).toMatchObject({ mode: 'signature', amount: 850 });
  });

  it('a member sale earns points at member prices; a member pays by stored value with their password', async () => {
    const m = await api.ok('member.create', { phone: '13800138000', name: '李女士', password: '654321' });
    // Stored value comes from a recharge paid in cash.
    await api.ok('member.recharge', { memberId: m.id, amountFen: 10_000, paidBy: 'cash' });
    const cart = await api.ok('cart.open', {});
    await api.ok('cart.addByBarcode', { cartId: cart.id, barcode: '6909876543210', quantity: 2 });
    const withMember = await api.ok('cart.attachMember', { cartId: cart.id, phoneOrCard: '13800138000' });
    expect(withMember.totals.totalFen).toBe(800); // member price 4.00 × 2
    const cash = await api.ok('cart.pay', { cartId: cart.id, tender: { kind: 'cash', amountFen: 800, tenderedFen: 800 } });
    expect(cash.sale?.pointsEarned).toBeGreaterThan(0);
    expect((await api.ok('member.get', { memberId: m.id })).points).toBe(cash.sale!.pointsEarned);

    const cart2 = await api.ok('cart.open', {});
    await api.ok('cart.addByBarcode', { cartId: cart2.id, barcode: '6901234567892' });
    await api.ok('cart.attachMember', { cartId: cart2.id, memberId: m.id });
    const wrong = await api.call('cart.pay', { cartId: cart2.id, tender: { kind: 'storedValue', amountFen: 350, password: '111111' } });
    expect(wrong.ok).toBe(false);
    const sv = await api.ok('cart.pay', { cartId: cart2.id, tender: { kind: 'storedValue', amountFen: 350, password: '654321' } });
    expect(sv.sale?.tenders.map((t) => t.kind)).toEqual(['storedValue']);
    const member = await api.ok('member.get', { memberId: m.id });
    expect(member.storedValueFen).toBeLessThan(10_000 + 1000);
    const ledger = await api.ok('member.ledger', { memberId: m.id });
    expect(ledger.length).toBeGreaterThan(0);
  });

  it('a price override needs a supervisor', async () => {
    const cart = await api.ok('cart.open', {});
    const c = await api.ok('cart.addByBarcode', { cartId: cart.id, barcode: '6911111111111' });
    const lineId = c.lines[0]!.lineId;
    expect(await api.call('cart.overridePrice', { cartId: cart.id, lineId, unitPriceFen: 100, reason: '临期', supervisor: { operatorId: '01', password: '1111' } })).toMatchObject({ ok: false, code: 'NOT_SUPERVISOR' });
    const ok = await api.ok('cart.overridePrice', { cartId: cart.id, lineId, unitPriceFen: 100, reason: '临期', supervisor: SUP });
    expect(ok.totals.totalFen).toBe(100);
  });

  it('the shift report counts the day\u2019s sales by tender', async () => {
    const report = await api.ok('report.shift', { from: new Date(Date.now() - 3600_000).toISOString() });
    expect(JSON.stringify(report)).toContain('card');
  });

  it('refuses a page that names its own operator', async () => {
    expect(await api.call('product.create', { barcodes: ['6900000000001'], name: 'x', priceFen: 1, operatorId: '00' } as never)).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });
});
