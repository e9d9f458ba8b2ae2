// The sales side of createApp: catalogue, stock, promotions, carts and sales, built over
// one db in a fixed order (style.md §7, no singletons). The members services come in
// from below: a sale earns points and can be paid with stored value.
import { Settings } from '../../native/store/settings.js';
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Members } from '../members/members.js';
import type { ShopClock } from '../members/shopTime.js';
import { makeShopClock } from '../members/shopTime.js';
import { Carts } from './carts.js';
import { Catalog } from './catalog.js';
import { Promotions } from './promotions.js';
import { Sales } from './sales.js';
import { SalesSettingsStore } from './salesSettings.js';
import { Stock } from './stock.js';

export interface SalesServicesDeps {
  db: Db;
  audit: AuditLog;
  members: Members;
  settings?: Settings;
  /** Share the members' clock so sales and recharges agree on the business day. */
  clock?: ShopClock;
  /** Used only when no clock is given. */
  now?: () => Date;
  utcOffsetMinutes?: number;
}

export interface SalesServices {
  catalog: Catalog;
  stock: Stock;
  promotions: Promotions;
  carts: Carts;
  sales: Sales;
  settings: SalesSettingsStore;
}

export function createSalesServices(deps: SalesServicesDeps): SalesServices {
  const clock = deps.clock ?? makeShopClock(deps.now, deps.utcOffsetMinutes);
  const now = (): Date => clock.now();
  const settingsTable = deps.settings ?? new Settings(deps.db);
  const settings = new SalesSettingsStore(deps.db, settingsTable, deps.audit);
  const catalog = new Catalog(deps.db, deps.audit, now);
  const stock = new Stock(deps.db, catalog.repo, deps.audit, now);
  const promotions = new Promotions(deps.db, deps.audit, now);
  const carts = new Carts(deps.db, deps.audit, catalog, promotions, deps.members, settings, now);
  const sales = new Sales(deps.db, deps.audit, carts, catalog.repo, deps.members, settings, clock);
  return { catalog, stock, promotions, carts, sales, settings };
}
