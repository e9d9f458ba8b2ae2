// A shop over a real SQLite file in a fresh temp folder: store, audit log, members and
// sales services, on a clock the test moves by hand. Shared by the sales, members and
// reports integration tests.
import { join } from 'node:path';
import { AuditLog } from '../../../electron/audit/auditLog.js';
import { createMemberServices } from '../../../electron/members/membersServices.js';
import type { SupervisorApproval } from '../../../electron/members/supervisorApproval.js';
import { createReportServices } from '../../../electron/reports/reportsServices.js';
import { createSalesServices } from '../../../electron/sales/salesServices.js';
import { openStore, type Store } from '../../../native/store/store.js';
import { makeTempDir } from '../../support/tempDir.js';

/** 2025-03-10 10:00 in Beijing (02:00 UTC), a Monday. */
export const START = new Date('2025-03-10T02:00:00.000Z');
/** Low scrypt cost for tests only; the app uses MEMBER_PASSWORD_COST. */
export const TEST_PASSWORD_COST = { N: 1024, r: 8, p: 1 };

export function supervisor(operatorId = '00'): SupervisorApproval {
  return { operatorId, at: new Date().toISOString() };
}

export type Shop = ReturnType<typeof openShop>;

export function openShop(opts: { path?: string; dir?: string } = {}) {
  const tmp = opts.dir ? null : makeTempDir('cashdesk-shop-');
  const dir = opts.dir ?? tmp!.dir;
  const path = opts.path ?? join(dir, 'shop.db');
  let t = START.getTime();
  const now = (): Date => new Date(t);
  const store: Store = openStore(path);
  const audit = new AuditLog(store.db, now);
  const m = createMemberServices({ db: store.db, audit, now, passwordCost: TEST_PASSWORD_COST });
  const s = createSalesServices({ db: store.db, audit, members: m.members, clock: m.clock });
  const r = createReportServices({ db: store.db, clock: m.clock, audit });
  return {
    dir,
    path,
    store,
    db: store.db,
    audit,
    members: m.members,
    ...s,
    reports: r.reports,
    exports: r.exports,
    clock: {
      now,
      set(d: Date | string): void {
        t = new Date(d).getTime();
      },
      advance(ms: number): void {
        t += ms;
      },
    },
    close(): void {
      store.close();
    },
    cleanup(): void {
      store.close();
      tmp?.cleanup();
    },
  };
}

/** A small catalogue: drinks and snacks, with barcodes a test can scan. */
export function seedCatalog(shop: Shop) {
  const add = (barcode: string, name: string, category: string, priceFen: number, extra: { memberPriceFen?: number | null; costFen?: number; openingStock?: number; barcodes?: string[] } = {}) =>
    shop.catalog.create({ barcodes: extra.barcodes ?? [barcode], name, category, unit: '瓶', priceFen, memberPriceFen: extra.memberPriceFen ?? null, costFen: extra.costFen ?? Math.floor(priceFen * 0.6), openingStock: extra.openingStock ?? 100, operatorId: '99' });
  return {
    cola: add('6901234567892', '可口可乐 330ml', '饮料', 300, { memberPriceFen: 280, barcodes: ['6901234567892', '06901234567892'] }),
    water: add('6921168509256', '农夫山泉饮用天然水 550ml', '饮料', 200),
    chips: add('6924743915763', '乐事薯片 原味 75g', '零食', 750, { memberPriceFen: 700 }),
    noodles: add('6920152400012', '康师傅红烧牛肉面', '方便食品', 450),
    hotpot: add('6922222200014', '重庆火锅底料', '调料', 1590),
  };
}

/** Stock is the opening stock plus every move, for every product (0010-catalog.ts). */
export function stockDrift(shop: Shop): Array<{ id: number; stock: number; expected: number }> {
  return shop.db
    .prepare(
      `SELECT p.id, p.stock, p.opening_stock + coalesce((SELECT sum(delta) FROM stock_moves m WHERE m.product_id = p.id), 0) AS expected
       FROM products p WHERE p.stock <> p.opening_stock + coalesce((SELECT sum(delta) FROM stock_moves m WHERE m.product_id = p.id), 0)`,
    )
    .all() as Array<{ id: number; stock: number; expected: number }>;
}
