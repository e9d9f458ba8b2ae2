// The catalogue (issue 8): products with their barcodes, categories, search by name or
// pinyin initials, and the CSV import/export a shop does from Excel.
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import { CatalogRepository, productView, type ProductRow } from './catalogRepository.js';
import { decodeCsv, encodeCsv, formatCsv, parseCsv } from './csvCodec.js';
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
import { matchExpression, pinyinInitials, queryKind, searchDocument } from './searchText.js';

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
      this.repo.setBarcodes(newId, v.barcodes);
      this.repo.index(newId, searchDocument(v.name));
      if (v.openingStock !== 0) this.repo.recordOpeningMove(newId, v.openingStock, 'opening', v.operatorId, at);
      this.audit.append({ actor: v.operatorId, action: 'product.create', target: String(newId), outcome: 'ok', detail: { name: v.name, priceFen: v.priceFen, barcodes: v.barcodes } });
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
      const next = {
        id: cur.id,
        name: v.name ?? cur.name,
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
      if (v.barcodes) {
        for (const b of v.barcodes) this.assertBarcodeFree(b, cur.id);
        this.repo.setBarcodes(cur.id, v.barcodes);
      }
      this.repo.updateProduct(next);
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
    const records = parseCsv(text);
    const report: CsvImportReport = { ok: false, encoding, rows: Math.max(0, records.length - 1), created: 0, updated: 0, errors: [] };
    const header = records[0];
    if (!header) {
      report.errors.push({ line: 1, column: null, zh: '文件是空的。第一行应为表头。', en: 'The file is empty. The first line must be a header.' });
      return report;
    }
    const { map, errors: headerErrors } = mapHeader(header.fields);
    if (headerErrors.length) {
      report.errors.push(...headerErrors);
      return report;
    }
    const rows: ProductCsvRow[] = [];
    for (const rec of records.slice(1)) {
      const { row, errors } = readProductRow(rec.line, rec.fields, map);
      if (row) rows.push(row);
      else report.errors.push(...errors);
    }
    const at = this.now().toISOString();
    try {
      this.db.transaction(() => {
        const applied = this.applyRows(rows, v.operatorId, at, report.errors);
        if (report.errors.length) throw new RollbackImport();
        report.created = applied.created;
        report.updated = applied.updated;
        this.audit.append({ actor: v.operatorId, action: 'product.import', outcome: 'ok', detail: { rows: report.rows, created: applied.created, updated: applied.updated, encoding } });
      })();
    } catch (e) {
      if (!(e instanceof RollbackImport)) throw e;
    }
    report.errors.sort((a, b) => a.line - b.line);
    report.ok = report.errors.length === 0;
    return report;
  }

  private applyRows(rows: readonly ProductCsvRow[], operatorId: string, at: string, errors: CsvRowError[]): { created: number; updated: number } {
    const categories = new Map<string, number>();
    const categoryId = (name: string | null): number | null => {
      if (name === null) return null;
      let id = categories.get(name);
      if (id === undefined) {
        id = this.repo.categoryId(name, at);
        categories.set(name, id);
      }
      return id;
    };
    const lineOfBarcode = new Map<string, number>();
    let created = 0;
    let updated = 0;
    for (const row of rows) {
      let clash = false;
      for (const b of row.barcodes) {
        const earlier = lineOfBarcode.get(b);
        if (earlier !== undefined) {
          errors.push({ line: row.line, column: '条码', zh: `第 ${row.line} 行条码 ${b} 与第 ${earlier} 行重复。`, en: `Line ${row.line}: barcode ${b} is also on line ${earlier}.` });
          clash = true;
        } else lineOfBarcode.set(b, row.line);
      }
      if (clash) continue;
      const owners = new Set<number>();
      for (const b of row.barcodes) {
        const owner = this.repo.productOfBarcode(b);
        if (owner !== undefined) owners.add(owner);
      }
      if (owners.size > 1) {
        errors.push({ line: row.line, column: '条码', zh: `第 ${row.line} 行的条码分属不同的商品，无法判断要更新哪一个。请拆成多行。`, en: `Line ${row.line}: its barcodes belong to different products, so it is unclear which to update. Split the line.` });
        continue;
      }
      if (errors.length) continue; // already failing: only keep looking for more errors
      const fields = {
        name: row.name,
        pinyinInitials: pinyinInitials(row.name),
        categoryId: categoryId(row.category),
        unit: row.unit,
        priceFen: row.priceFen,
        memberPriceFen: row.memberPriceFen,
        costFen: row.costFen,
        active: row.active ? 1 : 0,
      };
      const [owner] = owners;
      if (owner === undefined) {
        const stock = row.stock ?? 0;
        const id = this.repo.insertProduct({ ...fields, stock, at });
        row.barcodes.forEach((barcode, position) => this.repo.addBarcode(id, barcode, position));
        this.repo.index(id, searchDocument(row.name));
        if (stock !== 0) this.repo.recordOpeningMove(id, stock, 'import', operatorId, at);
        created++;
      } else {
        const cur = this.repo.byId(owner)!;
        this.repo.updateProduct({ ...fields, id: owner, at });
        const known = new Set(this.repo.barcodesOf(owner));
        let position = known.size;
        for (const b of row.barcodes) if (!known.has(b)) this.repo.addBarcode(owner, b, position++);
        if (row.name !== cur.name) this.repo.reindex(owner, searchDocument(row.name));
        if (row.stock !== null && row.stock !== cur.stock) {
          this.repo.moveStock({ productId: owner, delta: row.stock - cur.stock, kind: 'import', reason: 'CSV', operatorId, at });
        }
        updated++;
      }
    }
    return { created, updated };
  }

  /** Every product as the import reads it back (UTF-8 with BOM, or GBK). */
  exportCsv(input: CsvExportInput = {}): Buffer {
    const v = CsvExportSchema.parse(input);
    const rows: Array<ReadonlyArray<string | number>> = [EXPORT_HEADER];
    for (const r of this.repo.exportRows(v.includeInactive)) rows.push(exportRow(r));
    return encodeCsv(formatCsv(rows), v.encoding);
  }
}
