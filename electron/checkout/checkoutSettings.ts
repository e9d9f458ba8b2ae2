// When a discount needs a supervisor (issue 12 §6): any line discount above the limit
// (default 10 %). Whole-cart discounts keep their own limit (sales/salesSettings.ts), and a
// price override always needs a supervisor. Kept in the shared settings table.
import type { Settings } from '../../native/store/settings.js';
import type { DiscountInput } from '../sales/salesSchemas.js';

export interface CheckoutSettings {
  /** A line discount above this many basis points of the line needs a supervisor. */
  lineDiscountLimitBp: number;
}

export const DEFAULT_CHECKOUT_SETTINGS: CheckoutSettings = { lineDiscountLimitBp: 1000 };
const KEY = 'checkout.settings';

export class CheckoutSettingsStore {
  constructor(private readonly settings: Settings) {}

  get(): CheckoutSettings {
    return { ...DEFAULT_CHECKOUT_SETTINGS, ...this.settings.get<Partial<CheckoutSettings>>(KEY, {}) };
  }
}

/** Whether a discount on a line of `baseFen` (after promotions) is beyond a cashier's limit. */
export function discountNeedsSupervisor(discount: DiscountInput, baseFen: number, s: CheckoutSettings): boolean {
  const offFen = discount.kind === 'percent' ? null : discount.amountFen;
  if (offFen === null) return discount.kind === 'percent' && discount.offBp > s.lineDiscountLimitBp;
  return BigInt(offFen) * 10_000n > BigInt(baseFen) * BigInt(s.lineDiscountLimitBp);
}
