import type { Migration } from './index.js';

// issue 8: carts live in SQLite from the first scan, so a crash or a restart loses
// nothing, and a suspended cart (挂单) is just a status. A cart line keeps the prices it
// was scanned at: the customer pays what the screen showed, even if the catalogue changes
// while the cart waits. A completed sale copies every figure from the pricing function
// (pricing.ts) so reports and refunds never re-price. Sales, their lines and tenders are
// never deleted; voids and refunds are rows of their own.
const migration: Migration = {
  version: 12,
  name: 'carts-and-sales',
  up(db) {
    db.exec(`
      CREATE TABLE carts (
        id                  INTEGER PRIMARY KEY,
        status              TEXT    NOT NULL CHECK (status IN ('open', 'suspended', 'completed', 'discarded')),
        operator_id         TEXT    NOT NULL,
        member_id           INTEGER REFERENCES members(id),
        discount_kind       TEXT    CHECK (discount_kind IN ('percent', 'amount')),
        discount_value      INTEGER CHECK (discount_value >= 0),
        discount_approved_by TEXT,
        points_to_redeem    INTEGER NOT NULL DEFAULT 0 CHECK (points_to_redeem >= 0),
        label               TEXT,
        sale_id             INTEGER,
        created_at          TEXT    NOT NULL,
        updated_at          TEXT    NOT NULL,
        suspended_at        TEXT,
        CHECK ((discount_kind IS NULL) = (discount_value IS NULL))
      ) STRICT;
      CREATE INDEX carts_status ON carts(status, operator_id);

      CREATE TABLE cart_lines (
        id                 INTEGER PRIMARY KEY,
        cart_id            INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
        product_id         INTEGER NOT NULL REFERENCES products(id),
        barcode            TEXT,
        quantity           INTEGER NOT NULL CHECK (quantity > 0),
        list_price_fen     INTEGER NOT NULL CHECK (list_price_fen >= 0),
        member_price_fen   INTEGER CHECK (member_price_fen >= 0),
        category_id        INTEGER,
        override_price_fen INTEGER CHECK (override_price_fen >= 0),
        override_by        TEXT,
        discount_kind      TEXT    CHECK (discount_kind IN ('percent', 'amount')),
        discount_value     INTEGER CHECK (discount_value >= 0),
        CHECK ((discount_kind IS NULL) = (discount_value IS NULL))
      ) STRICT;
      CREATE INDEX cart_lines_cart ON cart_lines(cart_id, id);

      CREATE TABLE sales (
        id                     INTEGER PRIMARY KEY,
        sale_no                TEXT    NOT NULL UNIQUE,
        cart_id                INTEGER NOT NULL UNIQUE REFERENCES carts(id),
        operator_id            TEXT    NOT NULL,
        member_id              INTEGER REFERENCES members(id),
        status                 TEXT    NOT NULL CHECK (status IN ('completed', 'voided', 'partiallyRefunded', 'refunded')),
        list_amount_fen        INTEGER NOT NULL,
        amount_fen             INTEGER NOT NULL,
        promotion_discount_fen INTEGER NOT NULL,
        line_discount_fen      INTEGER NOT NULL,
        cart_discount_fen      INTEGER NOT NULL,
        points_discount_fen    INTEGER NOT NULL,
        discount_fen           INTEGER NOT NULL,
        total_fen              INTEGER NOT NULL CHECK (total_fen >= 0),
        discount_approved_by   TEXT,
        points_redeemed        INTEGER NOT NULL DEFAULT 0,
        points_earned          INTEGER NOT NULL DEFAULT 0,
        refunded_fen           INTEGER NOT NULL DEFAULT 0 CHECK (refunded_fen BETWEEN 0 AND total_fen),
        at                     TEXT    NOT NULL,
        local_at               TEXT    NOT NULL,
        CHECK (total_fen = amount_fen - discount_fen)
      ) STRICT;
      CREATE INDEX sales_at ON sales(at);
      CREATE INDEX sales_member ON sales(member_id) WHERE member_id IS NOT NULL;

      CREATE TABLE sale_lines (
        id                     INTEGER PRIMARY KEY,
        sale_id                INTEGER NOT NULL REFERENCES sales(id),
        line_no                INTEGER NOT NULL,
        product_id             INTEGER NOT NULL REFERENCES products(id),
        barcode                TEXT,
        name                   TEXT    NOT NULL,
        category_id            INTEGER,
        category_name          TEXT,
        unit                   TEXT    NOT NULL,
        quantity               INTEGER NOT NULL CHECK (quantity > 0),
        list_price_fen         INTEGER NOT NULL,
        unit_price_fen         INTEGER NOT NULL,
        price_source           TEXT    NOT NULL CHECK (price_source IN ('list', 'member', 'override')),
        amount_fen             INTEGER NOT NULL,
        promotion_id           INTEGER,
        promotion_discount_fen INTEGER NOT NULL,
        line_discount_fen      INTEGER NOT NULL,
        cart_discount_fen      INTEGER NOT NULL,
        points_discount_fen    INTEGER NOT NULL,
        discount_fen           INTEGER NOT NULL,
        net_fen                INTEGER NOT NULL CHECK (net_fen >= 0),
        cost_fen               INTEGER NOT NULL,
        refunded_quantity      INTEGER NOT NULL DEFAULT 0 CHECK (refunded_quantity BETWEEN 0 AND quantity),
        refunded_fen           INTEGER NOT NULL DEFAULT 0 CHECK (refunded_fen BETWEEN 0 AND net_fen)
      ) STRICT;
      CREATE INDEX sale_lines_sale ON sale_lines(sale_id, line_no);

      CREATE TABLE sale_tenders (
        id           INTEGER PRIMARY KEY,
        sale_id      INTEGER NOT NULL REFERENCES sales(id),
        kind         TEXT    NOT NULL CHECK (kind IN ('cash', 'card', 'qr', 'storedValue')),
        amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
        tendered_fen INTEGER,
        change_fen   INTEGER,
        reference    TEXT
      ) STRICT;
      CREATE INDEX sale_tenders_sale ON sale_tenders(sale_id);

      CREATE TABLE refunds (
        id              INTEGER PRIMARY KEY,
        refund_no       TEXT    NOT NULL UNIQUE,
        sale_id         INTEGER NOT NULL REFERENCES sales(id),
        kind            TEXT    NOT NULL CHECK (kind IN ('void', 'refund')),
        amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
        operator_id     TEXT    NOT NULL,
        approved_by     TEXT,
        reason          TEXT    NOT NULL,
        points_reversed INTEGER NOT NULL DEFAULT 0,
        points_restored INTEGER NOT NULL DEFAULT 0,
        at              TEXT    NOT NULL,
        local_at        TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX refunds_at ON refunds(at);
      CREATE INDEX refunds_sale ON refunds(sale_id);

      CREATE TABLE refund_lines (
        id           INTEGER PRIMARY KEY,
        refund_id    INTEGER NOT NULL REFERENCES refunds(id),
        sale_line_id INTEGER NOT NULL REFERENCES sale_lines(id),
        quantity     INTEGER NOT NULL CHECK (quantity > 0),
        amount_fen   INTEGER NOT NULL CHECK (amount_fen >= 0)
      ) STRICT;
      CREATE INDEX refund_lines_refund ON refund_lines(refund_id);

      CREATE TABLE refund_tenders (
        id         INTEGER PRIMARY KEY,
        refund_id  INTEGER NOT NULL REFERENCES refunds(id),
        kind       TEXT    NOT NULL CHECK (kind IN ('cash', 'card', 'qr', 'storedValue')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        reference  TEXT
      ) STRICT;
      CREATE INDEX refund_tenders_refund ON refund_tenders(refund_id);

      CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales BEGIN SELECT RAISE(ABORT, 'sales are never deleted'); END;
      CREATE TRIGGER sale_lines_no_delete BEFORE DELETE ON sale_lines BEGIN SELECT RAISE(ABORT, 'sale lines are never deleted'); END;
      CREATE TRIGGER sale_tenders_no_delete BEFORE DELETE ON sale_tenders BEGIN SELECT RAISE(ABORT, 'sale tenders are never deleted'); END;
      CREATE TRIGGER refunds_no_delete BEFORE DELETE ON refunds BEGIN SELECT RAISE(ABORT, 'refunds are never deleted'); END;
    `);
  },
};
export default migration;
