// Pricing is one pure function (issue 8): the cart, the sale record, refunds and the
// property tests all go through priceCart, so the receipt, the journal and the reports
// can never disagree about a fen.
//
// Order of application, per line then per cart:
//   1. unit price: the cashier's price override if any; otherwise the member price when a
//      member is attached and it is lower; otherwise the list price;
//   2. the best promotion for the line (largest discount; ties → lower id). Promotions do
//      not stack, and a line with a price override takes no promotion (the override is the
//      price the cashier agreed with the customer);
//   3. the cashier's line discount, on what is left of the line;
//   4. the whole-cart discount, on the sum of what is left, spread over the lines;
//   5. points redeemed as money (积分抵现), on what is left, spread over the lines.
// Percentages are basis points (1% = 100 bp; 八折 = 2000 bp off) rounded half-up in integer
// maths (fen.ts). Amount discounts are capped at what they apply to, so nothing is negative.
import { allocate, basisPointsOf } from './fen.js';

export type Discount = { kind: 'percent'; offBp: number } | { kind: 'amount'; amountFen: number };

export interface PricingLine {
  lineId: number;
  productId: number;
  categoryId: number | null;
  /** Whole units; weighed goods are not sold by this cart. */
  quantity: number;
  listPriceFen: number;
  memberPriceFen: number | null;
  overridePriceFen: number | null;
  discount: Discount | null;
}

export interface PricingPromotion {
  id: number;
  name: string;
  /** Exactly one of productId / categoryId is set. */
  productId: number | null;
  categoryId: number | null;
  /** An amount discount is per unit. */
  discount: Discount;
  membersOnly: boolean;
  /** ISO instants; the promotion applies in [startsAt, endsAt). */
  startsAt: string;
  endsAt: string;
}

export interface PricingInput {
  /** ISO instant the cart is priced at (promotion windows). */
  at: string;
  member: boolean;
  lines: readonly PricingLine[];
  promotions: readonly PricingPromotion[];
  cartDiscount: Discount | null;
  /** Points the member wants to spend, and what one point is worth. */
  pointsRedemption: { points: number; fenPerPoint: number } | null;
}

export type PriceSource = 'list' | 'member' | 'override';

export interface PricedLine {
  lineId: number;
  productId: number;
  quantity: number;
  unitPriceFen: number;
  priceSource: PriceSource;
  /** listPrice × quantity: what the line would cost with no member and no override. */
  listAmountFen: number;
  /** unitPrice × quantity. */
  amountFen: number;
  promotionId: number | null;
  promotionDiscountFen: number;
  lineDiscountFen: number;
  /** This line's share of the whole-cart discount. */
  cartDiscountFen: number;
  /** This line's share of the points redeemed. */
  pointsDiscountFen: number;
  discountFen: number;
  /** amountFen − discountFen; what a refund of the whole line gives back. */
  netFen: number;
}

export interface PricedTotals {
  itemCount: number;
  listAmountFen: number;
  /** What the member price saved against the list price. */
  memberSavingsFen: number;
  /** Σ line amounts (the "lines" of total = lines − discounts). */
  amountFen: number;
  promotionDiscountFen: number;
  lineDiscountFen: number;
  cartDiscountFen: number;
  pointsDiscountFen: number;
  pointsUsed: number;
  discountFen: number;
  totalFen: number;
}

export interface PricedCart {
  lines: PricedLine[];
  totals: PricedTotals;
}

function discountOn(amountFen: number, d: Discount): number {
  return d.kind === 'percent' ? basisPointsOf(amountFen, Math.min(d.offBp, 10_000)) : Math.min(d.amountFen, amountFen);
}

function promotionDiscount(p: PricingPromotion, amountFen: number, quantity: number): number {
  if (p.discount.kind === 'percent') return discountOn(amountFen, p.discount);
  return Math.min(p.discount.amountFen * quantity, amountFen);
}

function applies(p: PricingPromotion, line: PricingLine, member: boolean, at: number): boolean {
  if (p.membersOnly && !member) return false;
  if (!(Date.parse(p.startsAt) <= at && at < Date.parse(p.endsAt))) return false;
  if (p.productId !== null) return p.productId === line.productId;
  return p.categoryId !== null && p.categoryId === line.categoryId;
}

export function priceCart(input: PricingInput): PricedCart {
  const at = Date.parse(input.at);
  const partial = input.lines.map((line) => {
    let unitPriceFen = line.listPriceFen;
    let priceSource: PriceSource = 'list';
    if (line.overridePriceFen !== null) {
      unitPriceFen = line.overridePriceFen;
      priceSource = 'override';
    } else if (input.member && line.memberPriceFen !== null && line.memberPriceFen < line.listPriceFen) {
      unitPriceFen = line.memberPriceFen;
      priceSource = 'member';
    }
    const amountFen = unitPriceFen * line.quantity;
    let promotionId: number | null = null;
    let promotionDiscountFen = 0;
    if (priceSource !== 'override') {
      for (const p of input.promotions) {
        if (!applies(p, line, input.member, at)) continue;
        const d = promotionDiscount(p, amountFen, line.quantity);
        if (d > promotionDiscountFen || (d === promotionDiscountFen && d > 0 && promotionId !== null && p.id < promotionId)) {
          promotionDiscountFen = d;
          promotionId = p.id;
        }
      }
    }
    const afterPromotion = amountFen - promotionDiscountFen;
    const lineDiscountFen = line.discount ? discountOn(afterPromotion, line.discount) : 0;
    return {
      line,
      unitPriceFen,
      priceSource,
      amountFen,
      promotionId,
      promotionDiscountFen,
      lineDiscountFen,
      remaining: afterPromotion - lineDiscountFen,
    };
  });

  const remainingSum = partial.reduce((s, p) => s + p.remaining, 0);
  const cartDiscountFen = input.cartDiscount ? discountOn(remainingSum, input.cartDiscount) : 0;
  const cartShares = allocate(cartDiscountFen, partial.map((p) => p.remaining));
  const afterCart = partial.map((p, i) => p.remaining - cartShares[i]!);
  const afterCartSum = remainingSum - cartDiscountFen;

  let pointsUsed = 0;
  const r = input.pointsRedemption;
  if (r && r.points > 0 && r.fenPerPoint > 0) pointsUsed = Math.min(r.points, Math.floor(afterCartSum / r.fenPerPoint));
  const pointsDiscountFen = r ? pointsUsed * r.fenPerPoint : 0;
  const pointShares = allocate(pointsDiscountFen, afterCart);

  const lines: PricedLine[] = partial.map((p, i) => {
    const discountFen = p.promotionDiscountFen + p.lineDiscountFen + cartShares[i]! + pointShares[i]!;
    return {
      lineId: p.line.lineId,
      productId: p.line.productId,
      quantity: p.line.quantity,
      unitPriceFen: p.unitPriceFen,
      priceSource: p.priceSource,
      listAmountFen: p.line.listPriceFen * p.line.quantity,
      amountFen: p.amountFen,
      promotionId: p.promotionId,
      promotionDiscountFen: p.promotionDiscountFen,
      lineDiscountFen: p.lineDiscountFen,
      cartDiscountFen: cartShares[i]!,
      pointsDiscountFen: pointShares[i]!,
      discountFen,
      netFen: p.amountFen - discountFen,
    };
  });

  const sum = (f: (l: PricedLine) => number): number => lines.reduce((s, l) => s + f(l), 0);
  const amountFen = sum((l) => l.amountFen);
  const promotionDiscountFen = sum((l) => l.promotionDiscountFen);
  const lineDiscountFen = sum((l) => l.lineDiscountFen);
  const discountFen = promotionDiscountFen + lineDiscountFen + cartDiscountFen + pointsDiscountFen;
  return {
    lines,
    totals: {
      itemCount: sum((l) => l.quantity),
      listAmountFen: sum((l) => l.listAmountFen),
      memberSavingsFen: sum((l) => (l.priceSource === 'member' ? l.listAmountFen - l.amountFen : 0)),
      amountFen,
      promotionDiscountFen,
      lineDiscountFen,
      cartDiscountFen,
      pointsDiscountFen,
      pointsUsed,
      discountFen,
      totalFen: amountFen - discountFen,
    },
  };
}
