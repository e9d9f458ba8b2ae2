// The members side of createApp: one call builds it (style.md §7, no singletons).
import { Settings } from '../../native/store/settings.js';
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ScryptCost } from './memberPassword.js';
import { Members } from './members.js';
import { makeShopClock, type ShopClock } from './shopTime.js';

export interface MemberServicesDeps {
  db: Db;
  audit: AuditLog;
  /** Shared with the rest of the app when given; otherwise one over the same db. */
  settings?: Settings;
  now?: () => Date;
  /** Shop time zone as minutes east of UTC; defaults to China Standard Time (+480). */
  utcOffsetMinutes?: number;
  passwordCost?: ScryptCost;
}

export interface MemberServices {
  members: Members;
  clock: ShopClock;
}

export function createMemberServices(deps: MemberServicesDeps): MemberServices {
  const clock = makeShopClock(deps.now, deps.utcOffsetMinutes);
  const members = new Members({ db: deps.db, audit: deps.audit, settings: deps.settings ?? new Settings(deps.db), clock, ...(deps.passwordCost ? { passwordCost: deps.passwordCost } : {}) });
  return { members, clock };
}
