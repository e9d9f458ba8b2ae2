import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceCart, type Discount, type PricingInput, type PricingLine, type PricingPromotion } from '../../../electron/sales/pricing.js';

const AT = '2025-03-10T02:00:00.000Z';
const line = (over: Partial<PricingLine> & { lineId: number }): PricingLine => ({
  productId: over.lineId,
  categoryId: null,
  quantity: 1,
  listPriceFen: 100,
  memberPriceFen: null,
  overridePriceFen: null,
  discount: null,
  ...over,
});
const input = (over: Partial<PricingInput>): PricingInput => ({ at: AT, member: false, lines: [], promotions: [], cartDiscount: null, pointsRedemption: null, ...over });
const promo = (over: Partial<PricingPromotion> & { id: number }): PricingPromotion => ({
  name: `p${over.id}`,
  productId: null,
  categoryId: null,
  discount: { kind: 'percent', offBp: 1000 },
  membersOnly: false,
  startsAt: '2025-03-01T00:00:00.000Z',
  endsAt: '2025-04-01T00:00:00.000Z',
  ...over,
});

describe('pricing: examples a cashier would check by hand', () => {
  it('a member pays the member price; without a member the list price', () => {
    const lines = [line({ lineId: 1, quantity: 3, listPriceFen: 300, memberPriceFen: 280 })];
    expect(priceCart(input({ lines })).totals.totalFen).toBe(900);
    const m = priceCart(input({ lines, member: true }));
    expect(m.totals.totalFen).toBe(840);
    expect(m.totals.memberSavingsFen).toBe(60);
    expect(m.lines[0]!.priceSource).toBe('member');
  });

  it('takes the best promotion for a line, by product or category, only inside its window', () => {
    const lines = [line({ lineId: 1, productId: 7, categoryId: 2, quantity: 2, listPriceFen: 1000 })];
    const promotions = [
      promo({ id: 1, productId: 7, discount: { kind: 'percent', offBp: 1000 } }), // 200
      promo({ id: 2, categoryId: 2, discount: { kind: 'amount', amountFen: 150 } }), // 300
      promo({ id: 3, productId: 7, discount: { kind: 'percent', offBp: 5000 }, startsAt: '2025-04-01T00:00:00.000Z', endsAt: '2025-05-01T00:00:00.000Z' }),
      promo({ id: 4, productId: 7, discount: { kind: 'percent', offBp: 9000 }, membersOnly: true }),
    ];
    const p = priceCart(input({ lines, promotions }));
    expect(p.lines[0]!.promotionId).toBe(2);
    expect(p.totals.promotionDiscountFen).toBe(300);
    expect(p.totals.totalFen).toBe(1700);
    expect(priceCart(input({ lines, promotions, member: true })).lines[0]!.promotionId).toBe(4);
    // The window is [start, end): at the end instant the promotion is over.
    expect(priceCart(input({ lines, promotions: [promo({ id: 1, productId: 7, endsAt: AT })] })).totals.promotionDiscountFen).toBe(0);
  });

  it('a price override takes no promotion; a line discount applies after the promotion', () => {
    const promotions = [promo({ id: 1, productId: 1, discount: { kind: 'percent', offBp: 2000 } })];
    const over = priceCart(input({ lines: [line({ lineId: 1, listPriceFen: 1000, overridePriceFen: 900 })], promotions }));
    expect(over.totals.totalFen).toBe(900);
    const both = priceCart(input({ lines: [line({ lineId: 1, listPriceFen: 1000, discount: { kind: 'percent', offBp: 1000 } })], promotions }));
    expect(both.lines[0]!.promotionDiscountFen).toBe(200);
    expect(both.lines[0]!.lineDiscountFen).toBe(80);
    expect(both.totals.totalFen).toBe(720);
  });

  it('spreads a whole-cart discount over the lines so each line knows what it cost', () => {
    const lines = [line({ lineId: 1, listPriceFen: 100 }), line({ lineId: 2, listPriceFen: 200 }), line({ lineId: 3, listPriceFen: 300 })];
    const p = priceCart(input({ lines, cartDiscount: { kind: 'amount', amountFen: 100 } }));
    expect(p.totals.cartDiscountFen).toBe(100);
    expect(p.lines.map((l) => l.cartDiscountFen)).toEqual([17, 33, 50]);
    expect(p.lines.map((l) => l.netFen)).toEqual([83, 167, 250]);
  });

  it('points redeem in whole points only, never beyond the total', () => {
    const lines = [line({ lineId: 1, listPriceFen: 250 })];
    const p = priceCart(input({ lines, member: true, pointsRedemption: { points: 1000, fenPerPoint: 100 } }));
    expect(p.totals.pointsUsed).toBe(2);
    expect(p.totals.pointsDiscountFen).toBe(200);
    expect(p.totals.totalFen).toBe(50);
  });

  it('an amount discount larger than the line takes the line to zero, not below', () => {
    const p = priceCart(input({ lines: [line({ lineId: 1, listPriceFen: 100, discount: { kind: 'amount', amountFen: 500 } })], cartDiscount: { kind: 'amount', amountFen: 999 } }));
    expect(p.totals.totalFen).toBe(0);
    expect(p.lines[0]!.netFen).toBe(0);
  });
});

// ---- properties ------------------------------------------------------------------------

const discountArb: fc.Arbitrary<Discount> = fc.oneof(
  fc.record({ kind: fc.constant('percent' as const), offBp: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ kind: fc.constant('amount' as const), amountFen: fc.integer({ min: 1, max: 200_000 }) }),
);
const lineArb = fc.record({
  productId: fc.integer({ min: 1, max: 6 }),
  categoryId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  quantity: fc.integer({ min: 1, max: 50 }),
  listPriceFen: fc.integer({ min: 0, max: 100_000 }),
  memberPriceFen: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
  overridePriceFen: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null, freq: 5 }),
  discount: fc.option(discountArb, { nil: null, freq: 3 }),
});
const promoArb = fc.record({
  id: fc.integer({ min: 1, max: 1000 }),
  target: fc.oneof(fc.record({ productId: fc.integer({ min: 1, max: 6 }) }), fc.record({ categoryId: fc.integer({ min: 1, max: 3 }) })),
  discount: discountArb,
  membersOnly: fc.boolean(),
  startOffsetH: fc.integer({ min: -48, max: 24 }),
  hours: fc.integer({ min: 1, max: 96 }),
});
const cartArb = fc.record({
  lines: fc.array(lineArb, { maxLength: 8 }),
  promos: fc.array(promoArb, { maxLength: 5 }),
  member: fc.boolean(),
  cartDiscount: fc.option(discountArb, { nil: null }),
  points: fc.option(fc.record({ points: fc.integer({ min: 0, max: 100_000 }), fenPerPoint: fc.integer({ min: 1, max: 100 }) }), { nil: null }),
});

type CartCase = typeof cartArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(c: CartCase): PricingInput {
  const at = Date.parse(AT);
  return {
    at: AT,
    member: c.member,
    lines: c.lines.map((l, i) => ({ ...l, lineId: i + 1 })),
    promotions: c.promos.map((p) => ({
      id: p.id,
      name: 'p',
      productId: 'productId' in p.target ? p.target.productId : null,
      categoryId: 'categoryId' in p.target ? p.target.categoryId : null,
      discount: p.discount,
      membersOnly: p.membersOnly,
      startsAt: new Date(at + p.startOffsetH * 3_600_000).toISOString(),
      endsAt: new Date(at + (p.startOffsetH + p.hours) * 3_600_000).toISOString(),
    })),
    cartDiscount: c.cartDiscount,
    pointsRedemption: c.points,
  };
}

describe('pricing: properties (fast-check)', () => {
  it('integer fen, total = lines − discounts, never negative, and the lines add up to the total', () => {
    fc.assert(
      fc.property(cartArb, (c) => {
        const { lines, totals: t } = priceCart(toInput(c));
        for (const v of Object.values(t)) expect(Number.isSafeInteger(v)).toBe(true);
        expect(t.totalFen).toBe(t.amountFen - t.discountFen);
        expect(t.discountFen).toBe(t.promotionDiscountFen + t.lineDiscountFen + t.cartDiscountFen + t.pointsDiscountFen);
        expect(t.totalFen).toBeGreaterThanOrEqual(0);
        expect(lines.reduce((s, l) => s + l.netFen, 0)).toBe(t.totalFen);
        for (const l of lines) {
          expect(Number.isSafeInteger(l.netFen)).toBe(true);
          expect(l.netFen).toBeGreaterThanOrEqual(0);
          expect(l.netFen).toBe(l.amountFen - l.discountFen);
        }
        if (c.points) expect(t.pointsUsed).toBeLessThanOrEqual(c.points.points);
      }),
      { numRuns: 2000 },
    );
  });

  it('attaching a member never makes the cart dearer (points aside)', () => {
    fc.assert(
      fc.property(cartArb, (c) => {
        const base = { ...c, points: null };
        expect(priceCart(toInput({ ...base, member: true })).totals.totalFen).toBeLessThanOrEqual(priceCart(toInput({ ...base, member: false })).totals.totalFen);
      }),
      { numRuns: 1000 },
    );
  });

  it('is pure: the same cart prices the same, whatever the order of the promotions', () => {
    fc.assert(
      fc.property(cartArb, (c) => {
        const a = priceCart(toInput(c));
        const b = priceCart(toInput({ ...c, promos: [...c.promos].reverse() }));
        expect(b.totals).toEqual(a.totals);
      }),
      { numRuns: 500 },
    );
  });
});
