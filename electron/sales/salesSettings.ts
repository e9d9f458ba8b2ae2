// The counter's discount limit: a whole-cart discount above either figure needs a
// supervisor (issue 8). Kept in the shared settings table.
import type { Settings } from '../../native/store/settings.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Db } from '../../native/store/store.js';
import type { SupervisorApproval } from '../members/supervisorApproval.js';
import { salesErrors } from './salesErrors.js';
import { SalesSettingsSchema, SalesSettingsUpdateSchema, type SalesSettings, type SalesSettingsUpdateInput } from './salesSchemas.js';

/** 10% or ¥50, whichever is reached first. */
export const DEFAULT_SALES_SETTINGS: SalesSettings = { cartDiscountLimitBp: 1000, cartDiscountLimitFen: 5000 };
const KEY = 'sales.settings';

export class SalesSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly settings: Settings,
    private readonly audit: AuditLog,
  ) {}

  get(): SalesSettings {
    return SalesSettingsSchema.parse({ ...DEFAULT_SALES_SETTINGS, ...this.settings.get<Partial<SalesSettings>>(KEY, {}) });
  }

  update(input: SalesSettingsUpdateInput, approval?: SupervisorApproval): SalesSettings {
    const v = SalesSettingsUpdateSchema.parse(input);
    if (!approval) throw salesErrors.supervisorRequired('修改整单折扣限额', 'Changing the cart discount limit');
    const { operatorId, ...changes } = v;
    const next = SalesSettingsSchema.parse({ ...this.get(), ...changes });
    this.db.transaction(() => {
      this.settings.set(KEY, next);
      this.audit.append({ actor: approval.operatorId, action: 'sales.settings', outcome: 'ok', detail: { ...next, cashier: operatorId } });
    })();
    return next;
  }
}

/** Whether a whole-cart discount of `discountFen` on `baseFen` is above the limit. */
export function cartDiscountAboveLimit(discountFen: number, baseFen: number, s: SalesSettings): boolean {
  if (discountFen === 0) return false;
  return discountFen > s.cartDiscountLimitFen || BigInt(discountFen) * 10_000n > BigInt(baseFen) * BigInt(s.cartDiscountLimitBp);
}
