// The catalogue (issue 8): products with their barcodes, categories, search by name or
// pinyin initials, and the CSV import/export a shop does from Excel.
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import { CatalogRepository, productView, type ProductRow } from './catalogRepository.js';
import { csvRecords, decodeCsv, encodeCsv, formatCsv } from './csvCodec.js';
import { EXPORT_HEADER, exportRow, mapHeader, readProductRow, type ProductCsvRow } from './productCsv.js';
import { salesErrors } from './salesErrors.js';
import {
  CsvExportSchema,
  CsvImportSchema,
  ProductCreateSchema,
  ProductSearchSchema,
  ProductUpdateSchema,
  type CategoryView,
  type CsvExportInput,
  type CsvImportInput,
  type CsvImportReport,
  type CsvRowError,
  type ProductCreateInput,
  type ProductSearchInput,
  type ProductUpdateInput,
  type ProductView,
} from './salesSchemas.js';
import { matchExpression, pinyinInitials, queryKind, searchDocument, searchKeys } from './searchText.js';

/** Thrown inside the import transaction to roll it back once every row has been checked. */
class RollbackImport extends Error {}

export class Catalog {
  readonly repo: CatalogRepository;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {
    this.repo = new CatalogRepository(db);
  }

  get(productId: number): ProductView {
    const r = this.repo.byId(productId);
    if (!r) throw salesErrors.productNotFound(productId);
    return productView(r);
  }

  /** The scan: one primary-key probe. null when the code is not in the catalogue. */
  lookupBarcode(barcode: string): ProductView | null {
    const r = this.repo.byBarcode(barcode.trim());
    return r ? productView(r) : null;
  }

  categories(): CategoryView[] {
    return this.repo.categories();
  }

  /**
   * Letters: pinyin initials by prefix (kkkl → 可口可乐) then Latin words in names; digits:
   * barcodes by prefix then numbers in names; anything else: name terms (searchText.ts).
   */
  search(input: ProductSearchInput): ProductView[] {
    const v = ProductSearchSchema.parse(input);
    const seen = new Set<number>();
    const out: ProductView[] = [];
    const take = (rows: ProductRow[]): void => {
      for (const r of rows) {
        if (out.length >= v.limit) return;
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push(productView(r));
      }
    };
    const kind = queryKind(v.query);
    const q = v.query.normalize('NFKC').toLowerCase().trim();
    if (kind === 'initials') take(this.repo.byInitials(q, v.includeInactive, v.limit));
    if (kind === 'digits' && q.length >= 3) take(this.repo.byBarcodePrefix(q, v.includeInactive, v.limit));
    const match = matchExpression(v.query);
    if (match && out.length < v.limit) take(this.repo.byTerms(match, v.includeInactive, v.limit));
    return out;
  }

  create(input: ProductCreateInput): ProductView {
    const v = ProductCreateSchema.parse(input);
    if (v.memberPriceFen !== null && v.memberPriceFen > v.priceFen) throw salesErrors.memberPriceAbovePrice();
    const at = this.now().toISOString();
    const id = this.db.transaction(() => {
      for (const b of v.barcodes) this.assertBarcodeFree(b, null);
      const categoryId = v.category ? this.repo.categoryId(v.category, at) : null;
      const newId = this.repo.insertProduct({
        name: v.name,
        barcodes: v.barcodes,
        pinyinInitials: pinyinInitials(v.name),
        categoryId,
        unit: v.unit,
        priceFen: v.priceFen,
        memberPriceFen: v.memberPriceFen,
        costFen: v.costFen,
        active: v.active ? 1 : 0,
        stock: v.openingStock,
        at,
      });
      this.repo.index(newId, searchDocument(v.name));
      this.audit.append({ actor: v.operatorId, action: 'product.create', target: String(newId), outcome: 'ok', detail: { name: v.name, priceFen: v.priceFen, barcodes: v.barcodes, openingStock: v.openingStock } });
      return newId;
    })();
    return this.get(id);
  }

  /** Stock is not edited here: it moves only through sales and audited adjustments (stock.ts). */
  update(input: ProductUpdateInput): ProductView {
    const v = ProductUpdateSchema.parse(input);
    const at = this.now().toISOString();
    this.db.transaction(() => {
      const cur = this.repo.byId(v.productId);
      if (!cur) throw salesErrors.productNotFound(v.productId);
      const before = cur.barcodes.split('\n');
      const next = {
        id: cur.id,
        name: v.name ?? cur.name,
        barcodes: v.barcodes ?? before,
        pinyinInitials: v.name !== undefined ? pinyinInitials(v.name) : cur.pinyin_initials,
        categoryId: v.category === undefined ? cur.category_id : v.category === null ? null : this.repo.categoryId(v.category, at),
        unit: v.unit ?? cur.unit,
        priceFen: v.priceFen ?? cur.price_fen,
        memberPriceFen: v.memberPriceFen === undefined ? cur.member_price_fen : v.memberPriceFen,
        costFen: v.costFen ?? cur.cost_fen,
        active: v.active === undefined ? cur.active : v.active ? 1 : 0,
        at,
      };
      if (next.memberPriceFen !== null && next.memberPriceFen > next.priceFen) throw salesErrors.memberPriceAbovePrice();
      if (v.barcodes) for (const b of v.barcodes) this.assertBarcodeFree(b, cur.id);
      this.repo.updateProduct(next, before);
      if (next.name !== cur.name) this.repo.reindex(cur.id, searchDocument(next.name));
      const changed: Record<string, unknown> = {};
      if (next.priceFen !== cur.price_fen) changed.priceFen = [cur.price_fen, next.priceFen];
      if (next.memberPriceFen !== cur.member_price_fen) changed.memberPriceFen = [cur.member_price_fen, next.memberPriceFen];
      if (next.name !== cur.name) changed.name = [cur.name, next.name];
      if (next.active !== cur.active) changed.active = [cur.active === 1, next.active === 1];
      if (v.barcodes) changed.barcodes = v.barcodes;
      this.audit.append({ actor: v.operatorId, action: 'product.update', target: String(cur.id), outcome: 'ok', detail: changed });
    })();
    return this.get(v.productId);
  }

  private assertBarcodeFree(barcode: string, ownerId: number | null): void {
    const other = this.repo.productOfBarcode(barcode);
    if (other !== undefined && other !== ownerId) throw salesErrors.barcodeTaken(barcode, this.repo.byId(other)?.name ?? `#${other}`);
  }

  // ---- CSV ---------------------------------------------------------------------------

  /**
   * All or nothing: every row is read and applied inside one transaction; if any row has
   * an error the transaction is rolled back and the report lists every error, so the shop
   * fixes the file once rather than one line at a time.
   *
   * A row whose barcodes are all new creates a product; a row whose known barcodes all
   * belong to one product updates it (new barcodes in the row are added to it). A stock
   * cell that differs from the product's stock moves it by the difference (kind 'import').
   */
  importCsv(input: CsvImportInput): CsvImportReport {
    const v = CsvImportSchema.parse(input);
    const { text, encoding } = decodeCsv(v.content, v.encoding);
    const records = csvRecords(text);
    const report: CsvImportReport = { ok: false, encoding, rows: 0, created: 0, updated: 0, errors: [] };
    const header = records.next();
    if (header.done) {
      report.errors.push({ line: 1, column: null, zh: '文件是空的。第一行应为表头。', en: 'The file is empty. The first line must be a header.' });
      return report;
    }
    const { map, errors: headerErrors } = mapHeader(header.value.fields);
    if (headerErrors.length) {
      report.errors.push(...headerErrors);
      return report;
    }
    const at = this.now().toISOString();
    // A big import touches index pages in random order (barcodes, search terms); with the
    // default 2 MB page cache SQLite would spill dirty pages to the WAL mid-transaction
    // and read them back. Give this one transaction 64 MB, then put the setting back.
    const cacheBefore = Number(this.db.pragma('cache_size', { simple: true }));
    if (v.content.length > 1_000_000) this.db.pragma('cache_size = -65536');
    try {
      this.db.transaction(() => {
        const importer = new RowImporter(this.repo, v.operatorId, at, report.errors);
        // Rows are read and applied one at a time; after the first error the rest are
        // still read and checked, but no longer written, and the transaction rolls back.
        for (const rec of records) {
          report.rows++;
          const { row, errors } = readProductRow(rec.line, rec.fields, map);
          if (row) importer.apply(row);
          else report.errors.push(...errors);
        }
        if (report.errors.length) throw new RollbackImport();
        report.created = importer.created;
        report.updated = importer.updated;
        this.audit.append({ actor: v.operatorId, action: 'product.import', outcome: 'ok', detail: { rows: report.rows, created: importer.created, updated: importer.updated, encoding } });
      })();
    } catch (e) {
      if (!(e instanceof RollbackImport)) throw e;
    } finally {
      this.db.pragma(`cache_size = ${cacheBefore}`);
    }
    report.errors.sort((a, b) => a.line - b.line);
    report.ok = report.errors.length === 0;
    return report;
  }

  /** Every product as the import reads it back (UTF-8 with BOM, or GBK). */
  exportCsv(input: CsvExportInput = {}): Buffer {
    const v = CsvExportSchema.parse(input);
    const rows: Array<ReadonlyArray<string | number>> = [EXPORT_HEADER];
    for (const r of this.repo.exportRows(v.includeInactive)) rows.push(exportRow(r));
    return encodeCsv(formatCsv(rows), v.encoding);
  }
}

/** Applies CSV rows inside the import's transaction (see Catalog.importCsv). */
class RowImporter {
  created = 0;
  updated = 0;
  private readonly categories = new Map<string, number>();
  // A barcode seen on an earlier line is an error. For the products this import created,
  // the barcode index in the database already says which product (and so which line) has
  // it; only the barcodes of rows that updated a product or were not written are kept
  // here — a 300k-entry map of strings would cost more than the lookups it saves.
  private readonly firstNewId: number;
  private readonly lineOfNew: number[] = [];
  private readonly lineOfBarcode = new Map<string, number>();

  constructor(
    private readonly repo: CatalogRepository,
    private readonly operatorId: string,
    private readonly at: string,
    private readonly errors: CsvRowError[],
  ) {
    this.firstNewId = repo.maxProductId() + 1;
  }

  apply(row: ProductCsvRow): void {
    let clash = false;
    let owner: number | undefined;
    let split = false;
    for (const b of row.barcodes) {
      const o = this.repo.productOfBarcode(b);
      const earlier = this.lineOfBarcode.get(b) ?? (o !== undefined && o >= this.firstNewId ? this.lineOfNew[o - this.firstNewId] : undefined);
      if (earlier !== undefined) {
        this.errors.push({ line: row.line, column: '条码', zh: `第 ${row.line} 行条码 ${b} 与第 ${earlier} 行重复。`, en: `Line ${row.line}: barcode ${b} is also on line ${earlier}.` });
        clash = true;
      } else if (o !== undefined) {
        if (owner !== undefined && o !== owner) split = true;
        owner = o;
      }
    }
    if (clash) return;
    if (split) {
      this.errors.push({ line: row.line, column: '条码', zh: `第 ${row.line} 行的条码分属不同的商品，无法判断要更新哪一个。请拆成多行。`, en: `Line ${row.line}: its barcodes belong to different products, so it is unclear which to update. Split the line.` });
      return;
    }
    if (this.errors.length || owner !== undefined) for (const b of row.barcodes) this.lineOfBarcode.set(b, row.line);
    if (this.errors.length) return; // already failing: only keep looking for more errors
    const keys = searchKeys(row.name);
    const categoryId = this.categoryId(row.category);
    const active = row.active ? 1 : 0;
    if (owner === undefined) {
      const id = this.repo.insertProduct({
        name: row.name,
        barcodes: row.barcodes,
        pinyinInitials: keys.initials,
        categoryId,
        unit: row.unit,
        priceFen: row.priceFen,
        memberPriceFen: row.memberPriceFen,
        costFen: row.costFen,
        active,
        stock: row.stock ?? 0,
        at: this.at,
      });
      this.lineOfNew[id - this.firstNewId] = row.line;
      this.repo.index(id, keys.document);
      this.created++;
      return;
    }
    // A known product keeps the barcodes it had; the row's new ones are added after them.
    const cur = this.repo.byId(owner)!;
    const before = cur.barcodes.split('\n');
    const had = new Set(before);
    this.repo.updateProduct(
      {
        id: owner,
        name: row.name,
        barcodes: [...before, ...row.barcodes.filter((b) => !had.has(b))],
        pinyinInitials: keys.initials,
        categoryId,
        unit: row.unit,
        priceFen: row.priceFen,
        memberPriceFen: row.memberPriceFen,
        costFen: row.costFen,
        active,
        at: this.at,
      },
      before,
    );
    if (row.name !== cur.name) this.repo.reindex(owner, keys.document);
    if (row.stock !== null && row.stock !== cur.stock) {
      this.repo.moveStock({ productId: owner, delta: row.stock - cur.stock, kind: 'import', reason: 'CSV', operatorId: this.operatorId, at: this.at });
    }
    this.updated++;
  }

  private categoryId(name: string | null): number | null {
    if (name === null) return null;
    let id = this.categories.get(name);
    if (id === undefined) {
      id = this.repo.categoryId(name, this.at);
      this.categories.set(name, id);
    }
    return id;
  }
}
