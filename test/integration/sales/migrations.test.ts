// One test per migration of issue 8 (style.md: Signal's rule), each on a real file
// migrated only up to that version.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../native/store/migrations/index.js';
import { openStore, type Store } from '../../../native/store/store.js';
import { makeTempDir } from '../../support/tempDir.js';

let tmp: ReturnType<typeof makeTempDir>;
const opened: Store[] = [];
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  tmp.cleanup();
});
const upTo = (version: number): Store => {
  const s = openStore(join(tmp.dir, `m${version}.db`), { migrations: migrations.filter((m) => m.version <= version) });
  opened.push(s);
  return s;
};
const AT = '2025-03-10T02:00:00.000Z';

describe('migrations of issue 8', () => {
  it('0010 catalog: barcodes unique across products, a phrase search over split names, stock moves', () => {
    const { db } = upTo(10);
    db.prepare("INSERT INTO products (id, name, barcodes, pinyin_initials, unit, price_fen, created_at, updated_at) VALUES (1, '可口可乐', '6901', 'kkkl', '瓶', 300, ?, ?)").run(AT, AT);
    db.prepare("INSERT INTO products (id, name, barcodes, pinyin_initials, unit, price_fen, created_at, updated_at) VALUES (2, '雪碧', '6902', 'xb', '瓶', 300, ?, ?)").run(AT, AT);
    db.prepare("INSERT INTO product_barcodes (barcode, product_id) VALUES ('6901', 1)").run();
    expect(() => db.prepare("INSERT INTO product_barcodes (barcode, product_id) VALUES ('6901', 2)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO product_barcodes (barcode, product_id) VALUES ('6903', 3)").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO products (name, barcodes, pinyin_initials, unit, price_fen, created_at, updated_at) VALUES ('x', 'x', 'x', '个', -1, ?, ?)").run(AT, AT)).toThrow(/CHECK/);
    db.prepare("INSERT INTO product_search (rowid, terms) VALUES (1, '可 口 可 乐'), (2, '雪 碧')").run();
    expect(db.prepare("SELECT rowid FROM product_search WHERE product_search MATCH '\"可 乐\"'").pluck().all()).toEqual([1]);
    db.prepare('DELETE FROM product_search WHERE rowid = 1').run(); // contentless_delete
    expect(db.prepare("SELECT rowid FROM product_search WHERE product_search MATCH '\"可 乐\"'").pluck().all()).toEqual([]);
    expect(() => db.prepare("INSERT INTO stock_moves (product_id, delta, stock_after, kind, at) VALUES (1, 1, 1, 'gift', ?)").run(AT)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO promotions (name, product_id, category_id, kind, off_bp, starts_at, ends_at, created_by, created_at) VALUES ('p', 1, NULL, 'percent', 1000, ?, ?, '00', ?)").run(AT, '2025-01-01T00:00:00.000Z', AT)).toThrow(/CHECK/);
  });

  it('0011 members: the balance moves only with a ledger row, never below zero, and the ledger is append-only', () => {
    const { db } = upTo(11);
    expect(db.prepare('SELECT code FROM member_tiers ORDER BY min_spend_fen').pluck().all()).toEqual(['normal', 'silver', 'gold', 'diamond']);
    db.prepare("INSERT INTO members (id, phone, name, tier, created_at, updated_at) VALUES (1, '13800138000', '张三', 'normal', ?, ?)").run(AT, AT);
    expect(() => db.prepare("INSERT INTO members (phone, name, tier, created_at, updated_at) VALUES ('13800138000', '李四', 'normal', ?, ?)").run(AT, AT)).toThrow(/UNIQUE/);
    const post = db.prepare("INSERT INTO member_ledger (member_id, account, delta, balance_after, kind, at) VALUES (1, 'storedValue', ?, ?, 'adjust', ?)");
    post.run(5000, 5000, AT);
    post.run(-2000, 3000, AT);
    expect(db.prepare('SELECT stored_value_fen FROM members WHERE id = 1').pluck().get()).toBe(3000);
    expect(() => post.run(-1000, 500, AT)).toThrow(/does not match/);
    expect(() => post.run(-4000, -1000, AT)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE member_ledger SET delta = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM member_ledger').run()).toThrow(/append-only/);
  });

  it('0012 carts-and-sales: a sale total is its amount less its discounts, and sales are never deleted', () => {
    const { db } = upTo(12);
    db.prepare("INSERT INTO carts (id, status, operator_id, created_at, updated_at) VALUES (1, 'open', '01', ?, ?)").run(AT, AT);
    expect(() => db.prepare("INSERT INTO carts (status, operator_id, created_at, updated_at) VALUES ('lost', '01', ?, ?)").run(AT, AT)).toThrow(/CHECK/);
    const sale = db.prepare(
      `INSERT INTO sales (sale_no, cart_id, operator_id, status, list_amount_fen, amount_fen, promotion_discount_fen, line_discount_fen, cart_discount_fen,
         points_discount_fen, discount_fen, total_fen, at, local_at) VALUES (@no, 1, '01', 'completed', 1000, 1000, 0, 0, 100, 0, 100, @total, @at, @at)`,
    );
    expect(() => sale.run({ no: '202503100001', total: 950, at: AT })).toThrow(/CHECK/);
    sale.run({ no: '202503100001', total: 900, at: AT });
    expect(() => db.prepare('DELETE FROM sales').run()).toThrow(/never deleted/);
  });

  it('0013 day-end: a Z report is kept as it was', () => {
    const { db } = upTo(13);
    db.prepare("INSERT INTO day_end_reports (business_day, z_no, closed_at, operator_id, report_json) VALUES ('2025-03-10', 1, ?, '00', '{}')").run(AT);
    expect(() => db.prepare("INSERT INTO day_end_reports (business_day, z_no, closed_at, operator_id, report_json) VALUES ('2025-03-11', 1, ?, '00', '{}')").run(AT)).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE day_end_reports SET report_json = '[]'").run()).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM day_end_reports').run()).toThrow(/never deleted/);
  });
  it('0014 receipt jobs: one job per sale, the drawer state is one of four words', () => {
    const { db } = upTo(14);
    const insert = db.prepare("INSERT INTO receipt_jobs (sale_id, drawer, created_at) VALUES (?, ?, ?)");
    expect(() => insert.run(999, 'due', AT)).toThrow(/FOREIGN KEY/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('journal_order_ref', 'journal_original') ORDER BY name").all()).toEqual([{ name: 'journal_order_ref' }, { name: 'journal_original' }]);
    expect(() => db.prepare("INSERT INTO receipt_jobs (sale_id, drawer, created_at) VALUES (1, 'maybe', ?)").run(AT)).toThrow(/CHECK|FOREIGN/);
  });
});
