import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openShop, seedCatalog, stockDrift, supervisor, type Shop } from './shopFixture.js';

let shop: Shop;
let products: ReturnType<typeof seedCatalog>;
beforeEach(() => {
  shop = openShop();
  products = seedCatalog(shop);
});
afterEach(() => {
  // Whatever a test did, stock is still its opening stock plus its moves.
  expect(stockDrift(shop)).toEqual([]);
  shop.cleanup();
});

const COLA = '6901234567892';
const CHIPS = '6924743915763';
const NOODLES = '6920152400012';
const stockOf = (id: number): number => shop.catalog.get(id).stock;
const count = (table: string): number => shop.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function cartWith(...scans: Array<[string, number?]>) {
  let cart = shop.carts.open({ operatorId: '01' });
  for (const [barcode, quantity] of scans) cart = shop.carts.addByBarcode({ cartId: cart.id, barcode, quantity: quantity ?? 1 });
  return cart;
}

async function member(password: string | null = '135790') {
  return shop.members.create({ phone: '13800138000', name: '张三', password, operatorId: '01' });
}

describe('completing a sale (what payments calls once the money is in)', () => {
  it('writes the sale, its lines and tenders, moves stock and closes the cart, all at once', async () => {
    const cart = cartWith([COLA, 3], [CHIPS]);
    const sale = await shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'card', amountFen: 1000, reference: 'STAN000123' }, { kind: 'cash', amountFen: 650, tenderedFen: 1000 }] });
    expect(sale).toMatchObject({ saleNo: '202503100001', status: 'completed', totalFen: 1650, operatorId: '01', localAt: '2025-03-10T10:00:00' });
    expect(sale.lines.map((l) => [l.name, l.quantity, l.netFen, l.category])).toEqual([
      ['可口可乐 330ml', 3, 900, '饮料'],
      ['乐事薯片 原味 75g', 1, 750, '零食'],
    ]);
    expect(sale.tenders).toEqual([
      { kind: 'card', amountFen: 1000, reference: 'STAN000123', tenderedFen: null, changeFen: null },
      { kind: 'cash', amountFen: 650, reference: null, tenderedFen: 1000, changeFen: 350 },
    ]);
    expect(stockOf(products.cola.id)).toBe(97);
    expect(stockOf(products.chips.id)).toBe(99);
    expect(shop.stock.moves({ productId: products.cola.id })[0]).toMatchObject({ kind: 'sale', delta: -3, saleId: sale.id });
    expect(shop.carts.get({ cartId: cart.id })).toMatchObject({ status: 'completed', saleId: sale.id });
    expect(shop.carts.open({ operatorId: '01' }).id).not.toBe(cart.id);
    const next = await shop.sales.completeSale({ cartId: cartWith([NOODLES]).id, operatorId: '01', tenders: [{ kind: 'qr', amountFen: 450, reference: 'WX001' }] });
    expect(next.saleNo).toBe('202503100002');
  });

  it('refuses tenders that do not add up to the total, and writes nothing', async () => {
    const cart = cartWith([COLA]);
    await expect(shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'cash', amountFen: 299 }] })).rejects.toThrow(/支付合计 ¥2.99 与应收 ¥3.00 不符.*¥3.00 is due/s);
    expect(count('sales')).toBe(0);
    expect(stockOf(products.cola.id)).toBe(100);
    expect(shop.carts.get({ cartId: cart.id }).status).toBe('open');
  });

  it('an empty cart cannot be sold', async () => {
    await expect(shop.sales.completeSale({ cartId: cartWith().id, operatorId: '01', tenders: [] })).rejects.toThrow(/购物车是空的/);
  });

  it('a retry after a crash with the same tenders returns the same sale; different tenders are refused', async () => {
    const cart = cartWith([COLA]);
    const tenders = [{ kind: 'card' as const, amountFen: 300, reference: 'STAN7' }];
    const a = await shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders });
    const b = await shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders });
    expect(b.id).toBe(a.id);
    expect(count('sales')).toBe(1);
    expect(stockOf(products.cola.id)).toBe(99);
    await expect(shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'cash', amountFen: 300 }] })).rejects.toThrow(/已结账.*already paid/s);
  });

  it('checks the whole-cart discount limit again at payment: removing lines can push a fixed discount over it', async () => {
    let cart = cartWith([CHIPS, 10]); // ¥75
    cart = shop.carts.setCartDiscount({ cartId: cart.id, discount: { kind: 'amount', amountFen: 700 }, operatorId: '01' }); // 9.3%: fine
    cart = shop.carts.setQuantity({ cartId: cart.id, lineId: cart.lines[0]!.lineId, quantity: 2 }); // ¥15, ¥7 off: 47%
    await expect(shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'cash', amountFen: 800 }] })).rejects.toThrow(/主管授权/);
    cart = shop.carts.setCartDiscount({ cartId: cart.id, discount: { kind: 'amount', amountFen: 700 }, operatorId: '01' }, supervisor());
    const sale = await shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'cash', amountFen: 800 }] });
    expect(sale).toMatchObject({ totalFen: 800, cartDiscountFen: 700, discountApprovedBy: '00' });
  });
});

describe('members at the till', () => {
  it('earns points per yuan, pays with stored value after the password, and moves the tier by spend, in the same transaction', async () => {
    const m = await member();
    shop.members.recharge({ memberId: m.id, amountFen: 200_000, paidBy: 'cash', operatorId: '01' });
    let cart = cartWith([products.hotpot.barcodes[0]!, 70]); // 70 × ¥15.90 = ¥1113.00
    cart = shop.carts.attachMember({ cartId: cart.id, memberId: m.id });
    const sale = await shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'storedValue', amountFen: 100_000, password: '135790', reference: 'SV1' }, { kind: 'cash', amountFen: 11_300 }] });
    expect(sale.pointsEarned).toBe(1113);
    const after = shop.members.get(m.id);
    expect(after).toMatchObject({ points: 1113, storedValueFen: 100_000, cumulativeSpendFen: 111_300, tier: { code: 'silver' } });
    expect(shop.members.ledger({ memberId: m.id }).map((e) => [e.account, e.kind, e.delta, e.saleId])).toEqual([
      ['points', 'earn', 1113, sale.id],
      ['storedValue', 'payment', -100_000, sale.id],
      ['storedValue', 'recharge', 200_000, null],
    ]);
  });

  it('a wrong password or too little stored value writes nothing at all', async () => {
    const m = await member();
    shop.members.recharge({ memberId: m.id, amountFen: 500, paidBy: 'cash', operatorId: '01' });
    let cart = cartWith([CHIPS]);
    cart = shop.carts.attachMember({ cartId: cart.id, memberId: m.id });
    await expect(shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'storedValue', amountFen: 700, password: '000000' }] })).rejects.toThrow(/会员密码错误.*Wrong member password/s);
    await expect(shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'storedValue', amountFen: 700, password: '135790' }] })).rejects.toThrow(/储值余额不足.*Not enough stored value/s);
    expect(count('sales')).toBe(0);
    expect(stockOf(products.chips.id)).toBe(100);
    expect(shop.members.get(m.id)).toMatchObject({ storedValueFen: 500, points: 0 });
  });

  it('stored value needs a member on the cart', async () => {
    await expect(shop.sales.completeSale({ cartId: cartWith([COLA]).id, operatorId: '01', tenders: [{ kind: 'storedValue', amountFen: 300, password: '135790' }] })).rejects.toThrow(/储值支付需要关联会员/);
  });

  it('points spent on a cart come off the total and out of the ledger', async () => {
    const m = await member();
    shop.members.adjust({ memberId: m.id, account: 'points', delta: 500, reason: '开业赠送', operatorId: '01' }, supervisor());
    let cart = cartWith([CHIPS]);
    cart = shop.carts.attachMember({ cartId: cart.id, memberId: m.id });
    expect(() => shop.carts.redeemPoints({ cartId: cart.id, points: 600 })).toThrow(/只有 500 积分/);
    cart = shop.carts.redeemPoints({ cartId: cart.id, points: 300 }); // 1 point = 1 fen by default
    expect(cart.totals).toMatchObject({ pointsUsed: 300, pointsDiscountFen: 300, totalFen: 400 });
    const sale = await shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'cash', amountFen: 400 }] });
    expect(sale).toMatchObject({ pointsRedeemed: 300, pointsEarned: 4 });
    expect(shop.members.get(m.id).points).toBe(500 - 300 + 4);
  });
});

describe('voids (撤销) and refunds (退货) move stock back', () => {
  async function memberSale() {
    const m = await member();
    shop.members.recharge({ memberId: m.id, amountFen: 10_000, paidBy: 'cash', operatorId: '01' });
    let cart = cartWith([COLA, 3], [CHIPS, 2]);
    cart = shop.carts.attachMember({ cartId: cart.id, memberId: m.id });
    const sale = await shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'storedValue', amountFen: 1000, password: '135790' }, { kind: 'card', amountFen: 1240, reference: 'STAN42' }] });
    return { m, sale };
  }

  it('a void gives everything back: stock, stored value, the points earned; the sale is marked voided', async () => {
    const { m, sale } = await memberSale();
    expect(shop.members.get(m.id)).toMatchObject({ points: 22, storedValueFen: 9000 });
    const v = shop.sales.voidSale({ saleId: sale.id, operatorId: '01', reason: '顾客取消', tenders: [{ kind: 'storedValue', amountFen: 1000 }, { kind: 'card', amountFen: 1240, reference: 'STAN43' }] });
    expect(v).toMatchObject({ kind: 'void', amountFen: 2240, pointsReversed: 22, sale: { status: 'voided', refundedFen: 2240 } });
    expect(stockOf(products.cola.id)).toBe(100);
    expect(stockOf(products.chips.id)).toBe(100);
    expect(shop.members.get(m.id)).toMatchObject({ points: 0, storedValueFen: 10_000, cumulativeSpendFen: 0 });
    expect(shop.audit.recent(1)[0]).toMatchObject({ action: 'sale.void', target: sale.saleNo });
    expect(() => shop.sales.voidSale({ saleId: sale.id, operatorId: '01', reason: 'again' })).toThrow(/不能再撤销/);
  });

  it('a void is for the same business day only; later it must be a refund', async () => {
    const { sale } = await memberSale();
    shop.clock.set('2025-03-10T16:00:00Z'); // midnight in Beijing
    expect(() => shop.sales.voidSale({ saleId: sale.id, operatorId: '01', reason: '顾客取消' })).toThrow(/不是今天的交易.*Use a refund/s);
  });

  it('partial refunds give back each unit’s share of what was paid, and never more than the line in total', async () => {
    let cart = cartWith([COLA, 3]);
    cart = shop.carts.setCartDiscount({ cartId: cart.id, discount: { kind: 'amount', amountFen: 80 }, operatorId: '01' }); // ¥9.00 − ¥0.80
    const sale = await shop.sales.completeSale({ cartId: cart.id, operatorId: '01', tenders: [{ kind: 'cash', amountFen: 820 }] });
    const line = sale.lines[0]!.id;
    const amounts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const q = shop.sales.quoteRefund({ saleId: sale.id, lines: [{ saleLineId: line, quantity: 1 }] });
      const r = shop.sales.refundSale({ saleId: sale.id, operatorId: '01', reason: '退一瓶', lines: [{ saleLineId: line, quantity: 1 }], tenders: [{ kind: 'cash', amountFen: q.amountFen }] });
      amounts.push(r.amountFen);
    }
    // Cumulative half-up: 820/3 = 273.3 → 273, 1640/3 = 546.7 → 547, then the rest.
    expect(amounts).toEqual([273, 274, 273]);
    expect(shop.sales.get(sale.id)).toMatchObject({ status: 'refunded', refundedFen: 820 });
    expect(stockOf(products.cola.id)).toBe(100);
    expect(() => shop.sales.quoteRefund({ saleId: sale.id })).toThrow(/已全部退货|fully refunded/);
  });

  it('refunds cannot take back more units than are left', async () => {
    const sale = await shop.sales.completeSale({ cartId: cartWith([COLA, 2]).id, operatorId: '01', tenders: [{ kind: 'cash', amountFen: 600 }] });
    expect(() => shop.sales.refundSale({ saleId: sale.id, operatorId: '01', reason: 'x', lines: [{ saleLineId: sale.lines[0]!.id, quantity: 3 }], tenders: [{ kind: 'cash', amountFen: 900 }] })).toThrow(/最多还可退 2 件/);
  });

  it('money goes back the way it came: no more to a card than the sale took by card; cash may make up the rest', async () => {
    const sale = await shop.sales.completeSale({ cartId: cartWith([CHIPS, 2]).id, operatorId: '01', tenders: [{ kind: 'card', amountFen: 500, reference: 'S1' }, { kind: 'cash', amountFen: 1000 }] });
    expect(() => shop.sales.refundSale({ saleId: sale.id, operatorId: '01', reason: 'x', tenders: [{ kind: 'card', amountFen: 1500 }] })).toThrow(/超过该笔销售以银行卡支付.*more than the ¥5.00/s);
    expect(shop.sales.quoteRefund({ saleId: sale.id }).suggestedTenders).toEqual([{ kind: 'card', amountFen: 500 }, { kind: 'cash', amountFen: 1000 }]);
    const r = shop.sales.refundSale({ saleId: sale.id, operatorId: '01', reason: 'x', tenders: [{ kind: 'card', amountFen: 500, reference: 'S2' }, { kind: 'cash', amountFen: 1000 }] });
    expect(r.tenders).toEqual([{ kind: 'card', amountFen: 500, reference: 'S2' }, { kind: 'cash', amountFen: 1000, reference: null }]);
  });

  it("a member's refund takes back the points its amount earned and returns stored value", async () => {
    const { m, sale } = await memberSale(); // ¥22.40 → 22 points
    const chipsLine = sale.lines.find((l) => l.name.startsWith('乐事'))!;
    const r = shop.sales.refundSale({ saleId: sale.id, operatorId: '01', reason: '过期', lines: [{ saleLineId: chipsLine.id, quantity: 2 }], tenders: [{ kind: 'storedValue', amountFen: 1000 }, { kind: 'card', amountFen: 400, reference: 'STAN44' }] });
    // ¥14.00 back of ¥22.40: ¥8.40 remains, which earns 8 points; 14 go.
    expect(r).toMatchObject({ amountFen: 1400, pointsReversed: 14, sale: { status: 'partiallyRefunded' } });
    expect(shop.members.get(m.id)).toMatchObject({ points: 8, storedValueFen: 10_000, cumulativeSpendFen: 840 });
    // Stored value cannot take back more than the sale took from it.
    expect(() => shop.sales.refundSale({ saleId: sale.id, operatorId: '01', reason: 'x', tenders: [{ kind: 'storedValue', amountFen: 840 }] })).toThrow(/超过该笔销售以储值支付/);
    expect(stockOf(products.chips.id)).toBe(100);
    expect(stockOf(products.cola.id)).toBe(97);
  });
});
