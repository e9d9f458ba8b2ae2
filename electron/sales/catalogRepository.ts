// SQL of the catalogue: products, barcodes, categories, the search index and stock moves.
// Every statement is prepared once when the service is built, so a scan is a cached
// primary-key probe (the bench's barcode_lookup figures).
import type { Db } from '../../native/store/store.js';
import type { CategoryView, ProductView, StockMoveKind, StockMoveView } from './salesSchemas.js';

export interface ProductRow {
  id: number;
  name: string;
  pinyin_initials: string;
  category_id: number | null;
  category: string | null;
  unit: string;
  price_fen: number;
  member_price_fen: number | null;
  cost_fen: number;
  stock: number;
  active: number;
  updated_at: string;
  barcodes: string;
}

export interface ProductWrite {
  name: string;
  /** In order, the first being the one printed on receipts. */
  barcodes: readonly string[];
  pinyinInitials: string;
  categoryId: number | null;
  unit: string;
  priceFen: number;
  memberPriceFen: number | null;
  costFen: number;
  active: number;
}

const PRODUCT_COLUMNS = `p.id, p.name, p.barcodes, p.pinyin_initials, p.category_id, c.name AS category, p.unit, p.price_fen,
  p.member_price_fen, p.cost_fen, p.stock, p.active, p.updated_at`;
const BARCODE_SEPARATOR = '\n';

export function productView(r: ProductRow): ProductView {
  return {
    id: r.id,
    barcodes: r.barcodes.split(BARCODE_SEPARATOR),
    name: r.name,
    pinyinInitials: r.pinyin_initials,
    categoryId: r.category_id,
    category: r.category,
    unit: r.unit,
    priceFen: r.price_fen,
    memberPriceFen: r.member_price_fen,
    costFen: r.cost_fen,
    stock: r.stock,
    active: r.active === 1,
    updatedAt: r.updated_at,
  };
}

export class CatalogRepository {
  private readonly s;

  constructor(readonly db: Db) {
    const from = 'FROM products p LEFT JOIN categories c ON c.id = p.category_id';
    this.s = {
      byId: db.prepare(`SELECT ${PRODUCT_COLUMNS} ${from} WHERE p.id = ?`),
      byBarcode: db.prepare(`SELECT ${PRODUCT_COLUMNS} FROM product_barcodes pb JOIN products p ON p.id = pb.product_id LEFT JOIN categories c ON c.id = p.category_id WHERE pb.barcode = ?`),
      productOfBarcode: db.prepare('SELECT product_id AS productId FROM product_barcodes WHERE barcode = ?').pluck(),
      byInitials: db.prepare(
        `SELECT ${PRODUCT_COLUMNS} ${from} WHERE p.pinyin_initials >= @prefix AND p.pinyin_initials < @prefix || '{' AND (@all OR p.active = 1) ORDER BY p.pinyin_initials, p.id LIMIT @limit`,
      ),
      byBarcodePrefix: db.prepare(
        `SELECT ${PRODUCT_COLUMNS} FROM product_barcodes pb JOIN products p ON p.id = pb.product_id LEFT JOIN categories c ON c.id = p.category_id
         WHERE pb.barcode >= @prefix AND pb.barcode < @prefix || char(127) AND (@all OR p.active = 1) ORDER BY pb.barcode LIMIT @limit`,
      ),
      byTerms: db.prepare(
        `SELECT ${PRODUCT_COLUMNS} FROM product_search s JOIN products p ON p.id = s.rowid LEFT JOIN categories c ON c.id = p.category_id
         WHERE product_search MATCH @match AND (@all OR p.active = 1) LIMIT @limit`,
      ),
      // The three inserts of a new product bind by position: a 300k-row import makes a
      // million of these calls, and positional binding is ~1 µs a call cheaper (bench).
      insertProduct: db.prepare(
        `INSERT INTO products (name, barcodes, pinyin_initials, category_id, unit, price_fen, member_price_fen, cost_fen, stock, opening_stock, active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateProduct: db.prepare(
        `UPDATE products SET name = @name, barcodes = @barcodes, pinyin_initials = @pinyinInitials, category_id = @categoryId, unit = @unit, price_fen = @priceFen,
           member_price_fen = @memberPriceFen, cost_fen = @costFen, active = @active, updated_at = @at WHERE id = @id`,
      ),
      insertBarcode: db.prepare('INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)'),
      deleteBarcode: db.prepare('DELETE FROM product_barcodes WHERE barcode = @barcode AND product_id = @productId'),
      insertSearch: db.prepare('INSERT INTO product_search (rowid, terms) VALUES (?, ?)'),
      deleteSearch: db.prepare('DELETE FROM product_search WHERE rowid = ?'),
      categoryByName: db.prepare('SELECT id FROM categories WHERE name = ?').pluck(),
      insertCategory: db.prepare('INSERT INTO categories (name, created_at) VALUES (@name, @at)'),
      categories: db.prepare('SELECT id, name FROM categories ORDER BY name'),
      categoryById: db.prepare('SELECT id, name FROM categories WHERE id = ?'),
      moveStock: db.prepare('UPDATE products SET stock = stock + @delta WHERE id = @id RETURNING stock'),
      insertMove: db.prepare(
        `INSERT INTO stock_moves (product_id, delta, stock_after, kind, sale_id, refund_id, reason, operator_id, at)
         VALUES (@productId, @delta, @stockAfter, @kind, @saleId, @refundId, @reason, @operatorId, @at)`,
      ),
      maxProductId: db.prepare('SELECT coalesce(max(id), 0) FROM products').pluck(),
      moves: db.prepare(
        `SELECT id, product_id AS productId, delta, stock_after AS stockAfter, kind, sale_id AS saleId, refund_id AS refundId,
           reason, operator_id AS operatorId, at FROM stock_moves WHERE product_id = ? ORDER BY id DESC LIMIT ?`,
      ),
      exportAll: db.prepare(`SELECT ${PRODUCT_COLUMNS} ${from} WHERE (@all OR p.active = 1) ORDER BY p.id`),
    };
  }

  byId(id: number): ProductRow | undefined {
    return this.s.byId.get(id) as ProductRow | undefined;
  }
  byBarcode(barcode: string): ProductRow | undefined {
    return this.s.byBarcode.get(barcode) as ProductRow | undefined;
  }
  productOfBarcode(barcode: string): number | undefined {
    return this.s.productOfBarcode.get(barcode) as number | undefined;
  }
  byInitials(prefix: string, all: boolean, limit: number): ProductRow[] {
    return this.s.byInitials.all({ prefix, all: all ? 1 : 0, limit }) as ProductRow[];
  }
  byBarcodePrefix(prefix: string, all: boolean, limit: number): ProductRow[] {
    return this.s.byBarcodePrefix.all({ prefix, all: all ? 1 : 0, limit }) as ProductRow[];
  }
  byTerms(match: string, all: boolean, limit: number): ProductRow[] {
    return this.s.byTerms.all({ match, all: all ? 1 : 0, limit }) as ProductRow[];
  }
  /** A new product with its barcodes and its opening stock; call inside a transaction. */
  insertProduct(p: ProductWrite & { stock: number; at: string }): number {
    const id = Number(
      this.s.insertProduct.run(p.name, p.barcodes.join(BARCODE_SEPARATOR), p.pinyinInitials, p.categoryId, p.unit, p.priceFen, p.memberPriceFen, p.costFen, p.stock, p.stock, p.active, p.at, p.at).lastInsertRowid,
    );
    for (const b of p.barcodes) this.s.insertBarcode.run(b, id);
    return id;
  }
  /** Updates the product and moves its barcodes in the lookup index from `before` to `p.barcodes`. */
  updateProduct(p: ProductWrite & { id: number; at: string }, before: readonly string[]): void {
    this.s.updateProduct.run({ ...p, barcodes: p.barcodes.join(BARCODE_SEPARATOR) });
    const keep = new Set(p.barcodes);
    for (const b of before) if (!keep.has(b)) this.s.deleteBarcode.run({ barcode: b, productId: p.id });
    const had = new Set(before);
    for (const b of p.barcodes) if (!had.has(b)) this.s.insertBarcode.run(b, p.id);
  }
  index(id: number, terms: string): void {
    this.s.insertSearch.run(id, terms);
  }
  reindex(id: number, terms: string): void {
    this.s.deleteSearch.run(id);
    this.s.insertSearch.run(id, terms);
  }
  categoryId(name: string, at: string): number {
    const id = this.s.categoryByName.get(name) as number | undefined;
    return id ?? Number(this.s.insertCategory.run({ name, at }).lastInsertRowid);
  }
  categories(): CategoryView[] {
    return this.s.categories.all() as CategoryView[];
  }
  category(id: number): CategoryView | undefined {
    return this.s.categoryById.get(id) as CategoryView | undefined;
  }
  /** Moves stock and writes the move with the stock after it; call inside a transaction. */
  moveStock(m: { productId: number; delta: number; kind: StockMoveKind; saleId?: number | null; refundId?: number | null; reason?: string | null; operatorId?: string | null; at: string }): number {
    const row = this.s.moveStock.get({ id: m.productId, delta: m.delta }) as { stock: number } | undefined;
    if (!row) throw new Error(`product ${m.productId} vanished while moving stock`);
    this.s.insertMove.run({ productId: m.productId, delta: m.delta, stockAfter: row.stock, kind: m.kind, saleId: m.saleId ?? null, refundId: m.refundId ?? null, reason: m.reason ?? null, operatorId: m.operatorId ?? null, at: m.at });
    return row.stock;
  }
  maxProductId(): number {
    return this.s.maxProductId.get() as number;
  }
  moves(productId: number, limit: number): StockMoveView[] {
    return this.s.moves.all(productId, limit) as StockMoveView[];
  }
  exportRows(all: boolean): IterableIterator<ProductRow> {
    return this.s.exportAll.iterate({ all: all ? 1 : 0 }) as IterableIterator<ProductRow>;
  }
}
