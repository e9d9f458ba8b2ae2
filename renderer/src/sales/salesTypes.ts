// The sales shapes the counter screen works with. They mirror the reply types of the
// sales and members services (electron/sales/salesSchemas.ts, members/memberSchemas.ts)
// so that, when the cart./product./member. channels reach electron/contract.ts, these
// become `import type` re-exports and only salesAdapter.ts changes.
import type { Result } from '../../../electron/contract.js';

export type { Result };

/** 1% = 100 bp; 八折 (pay 80%) = 2000 bp off. */
export type Discount = { kind: 'percent'; offBp: number } | { kind: 'amount'; amountFen: number };

export interface ProductView {
  id: number;
  barcodes: string[];
  name: string;
  pinyinInitials: string;
  category: string | null;
  unit: string;
  priceFen: number;
  memberPriceFen: number | null;
  stock: number;
  active: boolean;
}

export interface CartLineView {
  lineId: number;
  productId: number;
  barcode: string | null;
  name: string;
  unit: string;
  quantity: number;
  listPriceFen: number;
  unitPriceFen: number;
  priceSource: 'list' | 'member' | 'override';
  amountFen: number;
  promotion: { id: number; name: string } | null;
  promotionDiscountFen: number;
  lineDiscount: Discount | null;
  lineDiscountFen: number;
  discountFen: number;
  netFen: number;
}

export interface CartMember {
  id: number;
  name: string;
  phone: string;
  tier: string;
  points: number;
  storedValueFen: number;
}

export interface CartTotals {
  itemCount: number;
  listAmountFen: number;
  memberSavingsFen: number;
  amountFen: number;
  discountFen: number;
  totalFen: number;
}

export interface CartView {
  id: number;
  status: 'open' | 'suspended' | 'completed' | 'discarded';
  operatorId: string;
  label: string | null;
  member: CartMember | null;
  lines: CartLineView[];
  totals: CartTotals;
}

export interface SuspendedCartView {
  id: number;
  operatorId: string;
  label: string | null;
  lineCount: number;
  itemCount: number;
  totalFen: number;
  memberName: string | null;
  suspendedAt: string;
}

export interface MemberView {
  id: number;
  phone: string;
  name: string;
  cardNo: string | null;
  tier: { code: string; name: string };
  points: number;
  storedValueFen: number;
  cumulativeSpendFen: number;
  status: 'active' | 'frozen' | 'closed';
}

export type SaleTenderKind = 'cash' | 'card' | 'qr' | 'storedValue';

export interface SaleTender {
  kind: SaleTenderKind;
  amountFen: number;
  /** The payment journal id or STAN, as the sales service stores it. */
  reference: string | null;
  tenderedFen: number | null;
}

export interface CompletedSale {
  saleNo: string;
  totalFen: number;
  pointsEarned: number;
}

export interface SupervisorCredentials {
  operatorId: string;
  password: string;
}
