import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openShop, seedCatalog, supervisor, type Shop } from './shopFixture.js';

let shop: Shop;
let products: ReturnType<typeof seedCatalog>;
beforeEach(() => {
  shop = openShop();
  products = seedCatalog(shop);
});
afterEach(() => shop.cleanup());

const COLA = '6901234567892';
const CHIPS = '6924743915763';
const NOODLES = '6920152400012';

function cartWith(...scans: Array<[string, number?]>) {
  let cart = shop.carts.open({ operatorId: '01' });
  for (const [barcode, quantity] of scans) cart = shop.carts.addByBarcode({ cartId: cart.id, barcode, quantity: quantity ?? 1 });
  return cart;
}

describe('building a cart', () => {
  it('scanning the same item again adds to its line; quantity edits and removal reprice the cart', () => {
    let cart = cartWith([COLA], [CHIPS], [COLA, 2]);
    expect(cart.lines.map((l) => [l.name, l.quantity, l.netFen])).toEqual([
      ['可口可乐 330ml', 3, 900],
      ['乐事薯片 原味 75g', 1, 750],
    ]);
    expect(cart.totals.totalFen).toBe(1650);
    cart = shop.carts.setQuantity({ cartId: cart.id, lineId: cart.lines[1]!.lineId, quantity: 2 });
    expect(cart.totals.totalFen).toBe(2400);
    cart = shop.carts.removeLine({ cartId: cart.id, lineId: cart.lines[0]!.lineId });
    expect(cart.lines.map((l) => l.name)).toEqual(['乐事薯片 原味 75g']);
    expect(cart.totals.totalFen).toBe(1500);
  });

  it('an unknown barcode or a product no longer sold is refused with what to do, in both languages', () => {
    const cart = cartWith();
    expect(() => shop.carts.addByBarcode({ cartId: cart.id, barcode: '123' })).toThrow(/条码 123 不在商品库中.*not in the catalogue/s);
    shop.catalog.update({ productId: products.water.id, active: false, operatorId: '99' });
    expect(() => shop.carts.addByBarcode({ cartId: cart.id, barcode: '6921168509256' })).toThrow(/已停售.*no longer sold/s);
  });

  it('a price override is audited with the old and new price and the reason, and takes no promotion', () => {
    shop.promotions.create({ name: '可乐九折', productId: products.cola.id, discount: { kind: 'percent', offBp: 1000 }, startsAt: '2025-03-01T00:00:00Z', endsAt: '2025-04-01T00:00:00Z', operatorId: '00' });
    let cart = cartWith([COLA, 2]);
    expect(cart.totals.totalFen).toBe(540);
    cart = shop.carts.overridePrice({ cartId: cart.id, lineId: cart.lines[0]!.lineId, unitPriceFen: 250, reason: '临期商品', operatorId: '01' });
    expect(cart.lines[0]).toMatchObject({ priceSource: 'override', unitPriceFen: 250, promotion: null, netFen: 500 });
    const row = shop.audit.recent(1)[0]!;
    expect(row).toMatchObject({ actor: '01', action: 'cart.overridePrice', outcome: 'ok' });
    expect(JSON.parse(row.detail!)).toMatchObject({ listPriceFen: 300, fromFen: null, toFen: 250, reason: '临期商品' });
  });

  it('a line discount (percent or amount) comes off that line only', () => {
    let cart = cartWith([CHIPS, 2], [NOODLES]);
    cart = shop.carts.setLineDiscount({ cartId: cart.id, lineId: cart.lines[0]!.lineId, discount: { kind: 'percent', offBp: 2000 }, operatorId: '01' });
    expect(cart.lines.map((l) => l.lineDiscountFen)).toEqual([300, 0]);
    cart = shop.carts.setLineDiscount({ cartId: cart.id, lineId: cart.lines[1]!.lineId, discount: { kind: 'amount', amountFen: 50 }, operatorId: '01' });
    expect(cart.totals.totalFen).toBe(1200 + 400);
  });

  it('a member gets member prices and members-only promotions', async () => {
    const member = await shop.members.create({ phone: '13900139000', name: '王五', operatorId: '01' });
    shop.promotions.create({ name: '会员零食八折', categoryId: products.chips.categoryId!, discount: { kind: 'percent', offBp: 2000 }, membersOnly: true, startsAt: '2025-03-01T00:00:00Z', endsAt: '2025-04-01T00:00:00Z', operatorId: '00' });
    let cart = cartWith([COLA, 3], [CHIPS]);
    expect(cart.totals.totalFen).toBe(900 + 750);
    cart = shop.carts.attachMember({ cartId: cart.id, phoneOrCard: member.phone });
    expect(cart.member?.name).toBe('王五');
    expect(cart.lines.map((l) => [l.priceSource, l.unitPriceFen, l.promotion?.name ?? null, l.netFen])).toEqual([
      ['member', 280, null, 840],
      ['member', 700, '会员零食八折', 560],
    ]);
    cart = shop.carts.detachMember({ cartId: cart.id });
    expect(cart.totals.totalFen).toBe(1650);
  });

  it('a promotion applies only inside its window', () => {
    shop.promotions.create({ name: '午间面食立减', productId: products.noodles.id, discount: { kind: 'amount', amountFen: 100 }, startsAt: '2025-03-10T03:00:00Z', endsAt: '2025-03-10T05:00:00Z', operatorId: '00' });
    const cart = cartWith([NOODLES, 2]);
    expect(cart.totals.totalFen).toBe(900); // 10:00 Beijing: not yet
    shop.clock.set('2025-03-10T04:00:00Z');
    expect(shop.carts.get({ cartId: cart.id }).totals.totalFen).toBe(700);
    shop.clock.set('2025-03-10T05:00:00Z');
    expect(shop.carts.get({ cartId: cart.id }).totals.totalFen).toBe(900);
  });
});

describe('whole-cart discount and the supervisor', () => {
  it('within the limit any cashier may give it; above the limit it is refused and the refusal is audited', () => {
    const cart = cartWith([CHIPS, 4]); // ¥30.00; limit 10% or ¥50
    expect(shop.carts.setCartDiscount({ cartId: cart.id, discount: { kind: 'percent', offBp: 1000 }, operatorId: '01' }).totals.totalFen).toBe(2700);
    expect(() => shop.carts.setCartDiscount({ cartId: cart.id, discount: { kind: 'amount', amountFen: 500 }, operatorId: '01' })).toThrow(/主管授权.*supervisor/s);
    expect(shop.audit.recent(1)[0]).toMatchObject({ actor: '01', action: 'cart.discount', outcome: 'denied' });
    // The refused discount did not stick: the earlier one stands.
    expect(shop.carts.get({ cartId: cart.id }).totals.cartDiscountFen).toBe(300);
  });

  it("with a supervisor's approval it goes through and the approver is audited and kept on the cart", () => {
    const cart = cartWith([CHIPS, 4]);
    const after = shop.carts.setCartDiscount({ cartId: cart.id, discount: { kind: 'amount', amountFen: 500 }, operatorId: '01' }, supervisor('00'));
    expect(after.totals.totalFen).toBe(2500);
    expect(after.cartDiscountApprovedBy).toBe('00');
    expect(shop.audit.recent(1)[0]).toMatchObject({ actor: '00', action: 'cart.discount', outcome: 'ok' });
  });

  it('the limit itself is a setting only a supervisor changes', () => {
    expect(() => shop.settings.update({ cartDiscountLimitBp: 3000, operatorId: '01' })).toThrow(/主管授权/);
    shop.settings.update({ cartDiscountLimitBp: 3000, cartDiscountLimitFen: 100_00, operatorId: '01' }, supervisor());
    const cart = cartWith([CHIPS, 4]);
    expect(shop.carts.setCartDiscount({ cartId: cart.id, discount: { kind: 'percent', offBp: 2500 }, operatorId: '01' }).totals.totalFen).toBe(2250);
  });
});

describe('suspend and resume (挂单/取单), and nothing lost on a crash', () => {
  it('a suspended cart waits in the list; the next customer gets a fresh cart; resuming brings it back', () => {
    const first = cartWith([COLA, 2]);
    const waiting = shop.carts.suspend({ cartId: first.id, label: '穿红衣服的顾客' });
    expect(waiting).toMatchObject({ id: first.id, label: '穿红衣服的顾客', lineCount: 1, totalFen: 600 });
    expect(() => shop.carts.addByBarcode({ cartId: first.id, barcode: CHIPS })).toThrow(/挂单.*Resume/s);
    const second = shop.carts.open({ operatorId: '01' });
    expect(second.id).not.toBe(first.id);
    expect(second.lines).toEqual([]);
    const resumed = shop.carts.resume({ cartId: first.id, operatorId: '01' });
    expect(resumed).toMatchObject({ status: 'open', id: first.id });
    expect(shop.carts.listSuspended()).toEqual([]);
    expect(shop.db.prepare('SELECT status FROM carts WHERE id = ?').pluck().get(second.id)).toBe('discarded');
  });

  it("resuming is refused while the cashier's own cart has items", () => {
    const first = cartWith([COLA]);
    shop.carts.suspend({ cartId: first.id });
    const second = cartWith([CHIPS]);
    expect(() => shop.carts.resume({ cartId: first.id, operatorId: '01' })).toThrow(/还有商品.*still has items/s);
    expect(shop.carts.get({ cartId: second.id }).lines).toHaveLength(1);
  });

  it('an empty cart cannot be suspended', () => {
    expect(() => shop.carts.suspend({ cartId: cartWith().id })).toThrow(/购物车是空的/);
  });

  it('after the app closes and reopens, the open cart and the suspended carts are all still there', () => {
    const open = cartWith([COLA, 2], [CHIPS]);
    shop.carts.setCartDiscount({ cartId: open.id, discount: { kind: 'amount', amountFen: 100 }, operatorId: '01' });
    const other = shop.carts.open({ operatorId: '02' });
    shop.carts.addByBarcode({ cartId: other.id, barcode: NOODLES });
    shop.carts.suspend({ cartId: other.id, label: '等一下' });
    const before = shop.carts.get({ cartId: open.id });
    shop.close();

    const again = openShop({ dir: shop.dir });
    try {
      const reopened = again.carts.open({ operatorId: '01' });
      expect(reopened.id).toBe(open.id);
      expect(reopened.lines).toEqual(before.lines);
      expect(reopened.totals).toEqual(before.totals);
      expect(again.carts.listSuspended().map((c) => [c.id, c.label, c.totalFen])).toEqual([[other.id, '等一下', 450]]);
    } finally {
      again.close();
    }
  });

  it('discarding a cart with items is audited (整单取消)', () => {
    const cart = cartWith([COLA]);
    shop.carts.discard({ cartId: cart.id, operatorId: '01' });
    expect(shop.audit.recent(1)[0]).toMatchObject({ action: 'cart.discard', actor: '01' });
    expect(() => shop.carts.addByBarcode({ cartId: cart.id, barcode: COLA })).toThrow(/CART_NOT_OPEN|不能修改/);
  });
});
