// The product file a shop keeps in Excel: which columns, what a cell may hold, and the
// zh/en message for every cell that cannot be read. Headers may be Chinese or English.
import { formatYuan, parseYuan } from './fen.js';
import type { CsvRowError } from './salesSchemas.js';
import type { ProductRow } from './catalogRepository.js';

export type ProductColumn = 'barcode' | 'name' | 'category' | 'unit' | 'price' | 'memberPrice' | 'cost' | 'stock' | 'active';

const HEADER_NAMES: Record<ProductColumn, string[]> = {
  barcode: ['条码', '条形码', '商品条码', 'barcode', 'barcodes'],
  name: ['名称', '商品名称', '品名', 'name'],
  category: ['分类', '类别', '商品分类', 'category'],
  unit: ['单位', 'unit'],
  price: ['售价', '零售价', '价格', 'price'],
  memberPrice: ['会员价', 'member_price', 'memberprice'],
  cost: ['进价', '成本', '成本价', 'cost'],
  stock: ['库存', '库存数量', 'stock'],
  active: ['启用', '状态', '在售', 'active'],
};

const COLUMN_ZH: Record<ProductColumn, string> = { barcode: '条码', name: '名称', category: '分类', unit: '单位', price: '售价', memberPrice: '会员价', cost: '进价', stock: '库存', active: '启用' };

/** The header the export writes (Chinese, as the shop's staff read it). */
export const EXPORT_HEADER: readonly string[] = (['barcode', 'name', 'category', 'unit', 'price', 'memberPrice', 'cost', 'stock', 'active'] as const).map((c) => COLUMN_ZH[c]);

/** Several barcodes share a cell, separated by | (or ; or a Chinese ；). */
const BARCODE_SEPARATOR = /[|;；]/;

export interface ProductCsvRow {
  line: number;
  barcodes: string[];
  name: string;
  category: string | null;
  unit: string;
  priceFen: number;
  memberPriceFen: number | null;
  costFen: number;
  /** null: leave an existing product's stock as it is (0 for a new one). */
  stock: number | null;
  active: boolean;
}

export type ColumnMap = Partial<Record<ProductColumn, number>>;

export function mapHeader(fields: readonly string[]): { map: ColumnMap; errors: CsvRowError[] } {
  const map: ColumnMap = {};
  const errors: CsvRowError[] = [];
  fields.forEach((raw, i) => {
    const h = raw.trim().toLowerCase().replace(/\s+/g, '');
    for (const [col, names] of Object.entries(HEADER_NAMES) as Array<[ProductColumn, string[]]>) {
      if (names.includes(h)) {
        if (map[col] !== undefined) errors.push({ line: 1, column: raw, zh: `表头「${raw}」重复。请删除多余的列。`, en: `The header "${raw}" appears twice. Remove the extra column.` });
        map[col] = i;
      }
    }
  });
  for (const col of ['barcode', 'name', 'price'] as const) {
    if (map[col] === undefined) {
      errors.push({ line: 1, column: COLUMN_ZH[col], zh: `缺少必需的列「${COLUMN_ZH[col]}」。第一行应为表头，例如：条码,名称,分类,单位,售价,会员价,进价,库存,启用`, en: `The required column "${col}" is missing. The first line must be a header, e.g. barcode,name,category,unit,price,member_price,cost,stock,active` });
    }
  }
  return { map, errors };
}

const TRUE_WORDS = new Set(['1', 'y', 'yes', 'true', '是', '启用', '在售', '上架']);
const FALSE_WORDS = new Set(['0', 'n', 'no', 'false', '否', '停用', '停售', '下架']);

function cellOf(fields: readonly string[], map: ColumnMap, col: ProductColumn): string {
  const i = map[col];
  return i === undefined ? '' : (fields[i] ?? '').trim();
}

function failCell(errors: CsvRowError[], line: number, col: ProductColumn, zh: string, en: string): void {
  errors.push({ line, column: COLUMN_ZH[col], zh: `第 ${line} 行「${COLUMN_ZH[col]}」${zh}`, en: `Line ${line}, ${col}: ${en}` });
}

function moneyCell(fields: readonly string[], map: ColumnMap, col: 'price' | 'memberPrice' | 'cost', required: boolean, line: number, errors: CsvRowError[]): number | null {
  const t = cellOf(fields, map, col);
  if (t === '') {
    if (required) failCell(errors, line, col, '为空。', 'empty.');
    return null;
  }
  const v = parseYuan(t);
  if (v === null) failCell(errors, line, col, `「${t}」不是有效金额（元，最多两位小数，如 3.50）。`, `"${t}" is not an amount (yuan, at most two decimals, e.g. 3.50).`);
  return v;
}

const BARCODE = /^[\x21-\x7e]{1,64}$/;

/** One record → a product row, or the errors of its cells (all of them, not just the first). */
export function readProductRow(line: number, fields: readonly string[], map: ColumnMap): { row: ProductCsvRow | null; errors: CsvRowError[] } {
  const errors: CsvRowError[] = [];
  const barcodeText = cellOf(fields, map, 'barcode');
  const barcodes = BARCODE_SEPARATOR.test(barcodeText) ? barcodeText.split(BARCODE_SEPARATOR).map((b) => b.trim()).filter((b) => b !== '') : barcodeText === '' ? [] : [barcodeText];
  if (barcodes.length === 0) failCell(errors, line, 'barcode', '为空，每个商品至少需要一个条码。', 'empty; every product needs at least one barcode.');
  for (const b of barcodes) if (!BARCODE.test(b)) failCell(errors, line, 'barcode', `「${b}」无效：只能是 1-64 位字母、数字或符号，不含空格。`, `"${b}" is not valid: 1-64 letters, digits or signs, no spaces.`);
  if (barcodes.length > 1 && new Set(barcodes).size !== barcodes.length) failCell(errors, line, 'barcode', '中有重复的条码。', 'lists the same barcode twice.');

  const name = cellOf(fields, map, 'name');
  if (name === '') failCell(errors, line, 'name', '为空。', 'empty.');
  else if (name.length > 100) failCell(errors, line, 'name', '超过 100 个字。', 'longer than 100 characters.');

  const priceFen = moneyCell(fields, map, 'price', true, line, errors);
  const memberPriceFen = moneyCell(fields, map, 'memberPrice', false, line, errors);
  const costFen = moneyCell(fields, map, 'cost', false, line, errors);
  if (priceFen !== null && memberPriceFen !== null && memberPriceFen > priceFen) failCell(errors, line, 'memberPrice', '高于售价。', 'is above the price.');

  let stock: number | null = null;
  const stockText = cellOf(fields, map, 'stock');
  if (stockText !== '') {
    if (/^-?\d{1,7}$/.test(stockText)) stock = Number(stockText);
    else failCell(errors, line, 'stock', `「${stockText}」不是整数。`, `"${stockText}" is not a whole number.`);
  }

  let active = true;
  const activeText = cellOf(fields, map, 'active').toLowerCase();
  if (activeText !== '') {
    if (TRUE_WORDS.has(activeText)) active = true;
    else if (FALSE_WORDS.has(activeText)) active = false;
    else failCell(errors, line, 'active', `「${activeText}」无法识别，请填 1/0 或 是/否。`, `"${activeText}" is not understood; use 1/0 or yes/no.`);
  }

  const category = cellOf(fields, map, 'category');
  const unit = cellOf(fields, map, 'unit');
  if (category.length > 40) failCell(errors, line, 'category', '超过 40 个字。', 'longer than 40 characters.');
  if (unit.length > 8) failCell(errors, line, 'unit', '超过 8 个字。', 'longer than 8 characters.');

  if (errors.length) return { row: null, errors };
  return {
    row: { line, barcodes, name, category: category || null, unit: unit || '个', priceFen: priceFen!, memberPriceFen, costFen: costFen ?? 0, stock, active },
    errors,
  };
}

export function exportRow(r: ProductRow): Array<string | number> {
  return [
    (r.barcodes ?? '').split('\n').join('|'),
    r.name,
    r.category ?? '',
    r.unit,
    formatYuan(r.price_fen),
    r.member_price_fen === null ? '' : formatYuan(r.member_price_fen),
    formatYuan(r.cost_fen),
    r.stock,
    r.active,
  ];
}
