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
  barcodes: string | null;
}

export interface ProductWrite {
  name: string;
  pinyinInitials: string;
  categoryId: number | null;
  unit: string;
  priceFen: number;
  memberPriceFen: number | null;
  costFen: number;
  active: number;
}

const PRODUCT_COLUMNS = `p.id, p.name, p.pinyin_initials, p.category_id, c.name AS category, p.unit, p.price_fen,
  p.member_price_fen, p.cost_fen, p.stock, p.active, p.updated_at,
  (SELECT group_concat(b.barcode, char(10)) FROM (SELECT barcode FROM product_barcodes WHERE product_id = p.id ORDER BY position) b) AS barcodes`;

export function productView(r: ProductRow): ProductView {
  return {
    id: r.id,
    barcodes: r.barcodes ? r.barcodes.split('\n') : [],
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
      barcodesOf: db.prepare('SELECT barcode FROM product_barcodes WHERE product_id = ? ORDER BY position').pluck(),
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
      insertProduct: db.prepare(
        `INSERT INTO products (name, pinyin_initials, category_id, unit, price_fen, member_price_fen, cost_fen, stock, active, created_at, updated_at)
         VALUES (@name, @pinyinInitials, @categoryId, @unit, @priceFen, @memberPriceFen, @costFen, @stock, @active, @at, @at)`,
      ),
      updateProduct: db.prepare(
        `UPDATE products SET name = @name, pinyin_initials = @pinyinInitials, category_id = @categoryId, unit = @unit, price_fen = @priceFen,
           member_price_fen = @memberPriceFen, cost_fen = @costFen, active = @active, updated_at = @at WHERE id = @id`,
      ),
      insertBarcode: db.prepare('INSERT INTO product_barcodes (barcode, product_id, position) VALUES (@barcode, @productId, @position)'),
      deleteBarcodes: db.prepare('DELETE FROM product_barcodes WHERE product_id = ?'),
      insertSearch: db.prepare('INSERT INTO product_search (rowid, terms) VALUES (@id, @terms)'),
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
  barcodesOf(productId: number): string[] {
    return this.s.barcodesOf.all(productId) as string[];
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
  insertProduct(p: ProductWrite & { stock: number; at: string }): number {
    return Number(this.s.insertProduct.run(p).lastInsertRowid);
  }
  updateProduct(p: ProductWrite & { id: number; at: string }): void {
    this.s.updateProduct.run(p);
  }
  setBarcodes(productId: number, barcodes: readonly string[]): void {
    this.s.deleteBarcodes.run(productId);
    barcodes.forEach((barcode, position) => this.s.insertBarcode.run({ barcode, productId, position }));
  }
  addBarcode(productId: number, barcode: string, position: number): void {
    this.s.insertBarcode.run({ barcode, productId, position });
  }
  index(id: number, terms: string): void {
    this.s.insertSearch.run({ id, terms });
  }
  reindex(id: number, terms: string): void {
    this.s.deleteSearch.run(id);
    this.s.insertSearch.run({ id, terms });
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
  /** The opening move of a product inserted with its stock already set. */
  recordOpeningMove(productId: number, stock: number, kind: 'opening' | 'import', operatorId: string, at: string): void {
    this.s.insertMove.run({ productId, delta: stock, stockAfter: stock, kind, saleId: null, refundId: null, reason: null, operatorId, at });
  }
  moves(productId: number, limit: number): StockMoveView[] {
    return this.s.moves.all(productId, limit) as StockMoveView[];
  }
  exportRows(all: boolean): IterableIterator<ProductRow> {
    return this.s.exportAll.iterate({ all: all ? 1 : 0 }) as IterableIterator<ProductRow>;
  }
}
