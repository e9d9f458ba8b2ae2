import type { Migration } from './index.js';

// issue 8: the catalogue. A product has one or more barcodes: product_barcodes is the
// lookup index (a scan is one primary-key probe), and products.barcodes keeps the list in
// order for display, so no second index is needed (catalogRepository.ts writes both).
// Stock is a column kept equal to opening_stock plus the sum of stock_moves by the code
// that writes both in one transaction; the opening stock is a column rather than a move
// row so that a 300k-product import does not write 300k more rows. product_search is a contentless FTS5
// index of the name split into single Han characters and Latin/digit words (searchText.ts):
// a phrase query then finds any run of characters, even two-character words like 可乐,
// which a trigram index cannot. Pinyin initials are searched by prefix on a plain index.
const migration: Migration = {
  version: 10,
  name: 'catalog',
  up(db) {
    db.exec(`
      CREATE TABLE categories (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE products (
        id               INTEGER PRIMARY KEY,
        name             TEXT    NOT NULL,
        barcodes         TEXT    NOT NULL,
        pinyin_initials  TEXT    NOT NULL,
        category_id      INTEGER REFERENCES categories(id),
        unit             TEXT    NOT NULL,
        price_fen        INTEGER NOT NULL CHECK (price_fen >= 0),
        member_price_fen INTEGER CHECK (member_price_fen IS NULL OR member_price_fen >= 0),
        cost_fen         INTEGER NOT NULL DEFAULT 0 CHECK (cost_fen >= 0),
        stock            INTEGER NOT NULL DEFAULT 0,
        opening_stock    INTEGER NOT NULL DEFAULT 0,
        active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at       TEXT    NOT NULL,
        updated_at       TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX products_initials ON products(pinyin_initials);

      CREATE TABLE product_barcodes (
        barcode    TEXT    PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products(id)
      ) STRICT, WITHOUT ROWID;

      CREATE VIRTUAL TABLE product_search USING fts5(terms, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');

      CREATE TABLE stock_moves (
        id          INTEGER PRIMARY KEY,
        product_id  INTEGER NOT NULL REFERENCES products(id),
        delta       INTEGER NOT NULL,
        stock_after INTEGER NOT NULL,
        kind        TEXT    NOT NULL CHECK (kind IN ('import', 'sale', 'void', 'refund', 'adjust')),
        sale_id     INTEGER,
        refund_id   INTEGER,
        reason      TEXT,
        operator_id TEXT,
        at          TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX stock_moves_product ON stock_moves(product_id, id);

      CREATE TABLE promotions (
        id             INTEGER PRIMARY KEY,
        name           TEXT    NOT NULL,
        product_id     INTEGER REFERENCES products(id),
        category_id    INTEGER REFERENCES categories(id),
        kind           TEXT    NOT NULL CHECK (kind IN ('percent', 'amount')),
        off_bp         INTEGER CHECK (off_bp IS NULL OR off_bp BETWEEN 1 AND 10000),
        amount_off_fen INTEGER CHECK (amount_off_fen IS NULL OR amount_off_fen > 0),
        members_only   INTEGER NOT NULL DEFAULT 0 CHECK (members_only IN (0, 1)),
        starts_at      TEXT    NOT NULL,
        ends_at        TEXT    NOT NULL,
        active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_by     TEXT    NOT NULL,
        created_at     TEXT    NOT NULL,
        CHECK ((product_id IS NULL) <> (category_id IS NULL)),
        CHECK ((kind = 'percent') = (off_bp IS NOT NULL) AND (kind = 'amount') = (amount_off_fen IS NOT NULL)),
        CHECK (ends_at > starts_at)
      ) STRICT;
      CREATE INDEX promotions_window ON promotions(active, ends_at);
    `);
  },
};
export default migration;
