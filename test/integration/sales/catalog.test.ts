import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../electron/sales/csvCodec.js';
import { openShop, seedCatalog, stockDrift, type Shop } from './shopFixture.js';

let shop: Shop;
beforeEach(() => {
  shop = openShop();
});
afterEach(() => shop.cleanup());

const csv = (text: string, encoding: 'utf8' | 'gbk' = 'utf8'): Uint8Array => (encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
const names = (rows: Array<{ name: string }>): string[] => rows.map((r) => r.name);
const auditActions = (): string[] => shop.audit.recent(100).map((r) => r.action);

describe('products and barcodes', () => {
  it('a product with two barcodes is found by either, with its pinyin initials computed', () => {
    const p = seedCatalog(shop).cola;
    expect(p.barcodes).toEqual(['6901234567892', '06901234567892']);
    expect(p.pinyinInitials).toBe('kkklm');
    expect(shop.catalog.lookupBarcode('06901234567892')?.id).toBe(p.id);
    expect(shop.catalog.lookupBarcode('0000')).toBeNull();
  });

  it('a barcode belongs to one product only, and the refusal names the owner', () => {
    seedCatalog(shop);
    expect(() => shop.catalog.create({ barcodes: ['6921168509256'], name: '冒牌水', priceFen: 100, operatorId: '99' })).toThrow(/条码 6921168509256 已属于商品「农夫山泉饮用天然水 550ml」.*already belongs/s);
  });

  it('refuses a member price above the price', () => {
    expect(() => shop.catalog.create({ barcodes: ['1'], name: '怪价', priceFen: 100, memberPriceFen: 120, operatorId: '99' })).toThrow(/会员价不能高于售价/);
  });

  it('an edit of name, price or barcodes is searchable at once and audited with the old and new price', () => {
    const { water } = seedCatalog(shop);
    shop.catalog.update({ productId: water.id, name: '怡宝纯净水 555ml', priceFen: 250, barcodes: ['6901285991219'], operatorId: '99' });
    expect(shop.catalog.lookupBarcode('6921168509256')).toBeNull();
    expect(shop.catalog.lookupBarcode('6901285991219')?.name).toBe('怡宝纯净水 555ml');
    expect(names(shop.catalog.search({ query: '农夫' }))).toEqual([]);
    expect(names(shop.catalog.search({ query: '纯净' }))).toEqual(['怡宝纯净水 555ml']);
    expect(names(shop.catalog.search({ query: 'ybcjs' }))).toEqual(['怡宝纯净水 555ml']);
    const row = shop.audit.recent(1)[0]!;
    expect(row.action).toBe('product.update');
    expect(JSON.parse(row.detail!).priceFen).toEqual([200, 250]);
  });
});

describe('search by name, pinyin initials and barcode', () => {
  beforeEach(() => {
    seedCatalog(shop);
    shop.catalog.create({ barcodes: ['6900000000011'], name: '百事可乐 600ml', category: '饮料', priceFen: 350, operatorId: '99' });
    shop.catalog.create({ barcodes: ['6900000000028'], name: '可乐味棒棒糖', category: '零食', priceFen: 100, active: false, operatorId: '99' });
  });

  it('two Chinese characters anywhere in the name (可乐 finds 可口可乐 and 百事可乐)', () => {
    expect(names(shop.catalog.search({ query: '可乐' }))).toEqual(['可口可乐 330ml', '百事可乐 600ml']);
    expect(names(shop.catalog.search({ query: '火锅' }))).toEqual(['重庆火锅底料']);
    expect(names(shop.catalog.search({ query: '锅火' }))).toEqual([]);
  });

  it('pinyin initials by prefix, polyphones read in context (重庆 → cq)', () => {
    expect(names(shop.catalog.search({ query: 'cq' }))).toEqual(['重庆火锅底料']);
    expect(names(shop.catalog.search({ query: 'KKKL' }))).toEqual(['可口可乐 330ml']);
    expect(names(shop.catalog.search({ query: 'bskl' }))).toEqual(['百事可乐 600ml']);
  });

  it('Latin words by prefix and the start of a barcode', () => {
    expect(names(shop.catalog.search({ query: '550' }))).toEqual(['农夫山泉饮用天然水 550ml']);
    expect(names(shop.catalog.search({ query: '692474' }))).toEqual(['乐事薯片 原味 75g']);
  });

  it('leaves products no longer sold out unless asked', () => {
    expect(names(shop.catalog.search({ query: '棒棒糖' }))).toEqual([]);
    expect(names(shop.catalog.search({ query: '棒棒糖', includeInactive: true }))).toEqual(['可乐味棒棒糖']);
  });

  it('a query of signs only finds nothing rather than failing', () => {
    expect(shop.catalog.search({ query: '"*()' })).toEqual([]);
  });
});

describe('stock moves', () => {
  it('a manual adjustment needs a reason, is audited and leaves a move; a stocktake sets the counted quantity', () => {
    const { chips } = seedCatalog(shop);
    expect(() => shop.stock.adjust({ productId: chips.id, delta: -2, reason: ' ', operatorId: '01' })).toThrow();
    expect(shop.stock.adjust({ productId: chips.id, delta: -2, reason: '包装破损', operatorId: '01' }).stock).toBe(98);
    expect(shop.stock.count({ productId: chips.id, counted: 90, reason: '月末盘点', operatorId: '01' }).stock).toBe(90);
    const moves = shop.stock.moves({ productId: chips.id });
    expect(moves.map((m) => [m.kind, m.delta, m.stockAfter, m.reason])).toEqual([
      ['adjust', -8, 90, '月末盘点'],
      ['adjust', -2, 98, '包装破损'],
    ]);
    expect(stockDrift(shop)).toEqual([]);
    expect(auditActions().slice(0, 2)).toEqual(['stock.count', 'stock.adjust']);
    expect(JSON.parse(shop.audit.recent(2)[1]!.detail!)).toMatchObject({ from: 100, to: 98, reason: '包装破损' });
  });
});

describe('CSV import and export', () => {
  const HEADER = '条码,名称,分类,单位,售价,会员价,进价,库存,启用\r\n';

  it('imports a GBK file from Excel, creating categories and products with their stock', () => {
    const text = HEADER + '6901|6902,可口可乐 330ml,饮料,瓶,3.00,2.80,1.80,24,1\r\n6903,"薯片, 原味",零食,袋,7.5,,4,10,是\r\n';
    const r = shop.catalog.importCsv({ content: csv(text, 'gbk'), operatorId: '99' });
    expect(r).toEqual({ ok: true, encoding: 'gbk', rows: 2, created: 2, updated: 0, errors: [] });
    const cola = shop.catalog.lookupBarcode('6902')!;
    expect(cola).toMatchObject({ name: '可口可乐 330ml', category: '饮料', unit: '瓶', priceFen: 300, memberPriceFen: 280, costFen: 180, stock: 24, active: true });
    expect(shop.catalog.lookupBarcode('6903')).toMatchObject({ name: '薯片, 原味', stock: 10 });
    // The stock a new product arrives with is its opening stock, not a move.
    expect(shop.stock.moves({ productId: cola.id })).toEqual([]);
    expect(stockDrift(shop)).toEqual([]);
    expect(names(shop.catalog.search({ query: '薯片' }))).toEqual(['薯片, 原味']);
    expect(auditActions()[0]).toBe('product.import');
  });

  it('is all or nothing: one bad row and nothing is written, with every error listed by line', () => {
    seedCatalog(shop);
    const before = shop.db.prepare('SELECT count(*) FROM products').pluck().get();
    const text =
      HEADER +
      '7001,好商品,饮料,瓶,1.00,,,,\n' + // line 2: fine
      '7002,,饮料,瓶,abc,,,,\n' + // line 3: no name, bad price
      '7001,重复条码,饮料,瓶,1.00,,,,\n' + // line 4: barcode of line 2
      '6901234567892|6921168509256,两个商品,饮料,瓶,1.00,,,,\n'; // line 5: barcodes of two products
    const r = shop.catalog.importCsv({ content: csv(text), operatorId: '99' });
    expect(r.ok).toBe(false);
    expect(r.created + r.updated).toBe(0);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, '名称'],
      [3, '售价'],
      [4, '条码'],
      [5, '条码'],
    ]);
    expect(r.errors[2]!.zh).toMatch(/与第 2 行重复/);
    expect(r.errors[3]!.en).toMatch(/different products/);
    expect(shop.db.prepare('SELECT count(*) FROM products').pluck().get()).toBe(before);
    expect(shop.catalog.lookupBarcode('7001')).toBeNull();
  });

  it('still finds a repeated barcode after an earlier error has stopped the writing', () => {
    const text = HEADER + '7101,坏价格,饮料,瓶,x,,,,\n7102,甲,饮料,瓶,1,,,,\n7102,乙,饮料,瓶,1,,,,\n';
    const r = shop.catalog.importCsv({ content: csv(text), operatorId: '99' });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, '售价'],
      [4, '条码'],
    ]);
  });

  it('a known barcode updates its product; a changed stock cell moves stock by the difference', () => {
    const { cola } = seedCatalog(shop);
    const text = HEADER + '6901234567892|6901234567999,可口可乐 330ml 新装,饮料,瓶,3.20,3.00,1.90,120,1\n';
    const r = shop.catalog.importCsv({ content: csv(text), operatorId: '99' });
    expect(r).toMatchObject({ ok: true, created: 0, updated: 1 });
    const p = shop.catalog.get(cola.id);
    expect(p).toMatchObject({ name: '可口可乐 330ml 新装', priceFen: 320, stock: 120 });
    expect(p.barcodes).toEqual(['6901234567892', '06901234567892', '6901234567999']);
    expect(shop.catalog.lookupBarcode('6901234567999')?.id).toBe(cola.id);
    expect(shop.stock.moves({ productId: cola.id })[0]).toMatchObject({ kind: 'import', delta: 20, stockAfter: 120 });
    expect(stockDrift(shop)).toEqual([]);
  });

  it('reports a file with no header or missing columns on line 1', () => {
    expect(shop.catalog.importCsv({ content: csv(''), operatorId: '99' }).errors[0]).toMatchObject({ line: 1 });
    const r = shop.catalog.importCsv({ content: csv('名称,分类\n可乐,饮料\n'), operatorId: '99' });
    expect(r.errors.map((e) => e.column)).toEqual(['条码', '售价']);
  });

  it('exports what it imports: export → import changes nothing and creates nothing', () => {
    seedCatalog(shop);
    shop.catalog.create({ barcodes: ['8001'], name: '停售的 "老" 商品', priceFen: 99, active: false, operatorId: '99' });
    const before = shop.db.prepare('SELECT id, name, barcodes, pinyin_initials, category_id, unit, price_fen, member_price_fen, cost_fen, stock, active FROM products ORDER BY id').all();
    for (const encoding of ['utf8', 'gbk'] as const) {
      const file = shop.catalog.exportCsv({ encoding });
      const r = shop.catalog.importCsv({ content: file, operatorId: '99' });
      expect(r).toMatchObject({ ok: true, encoding, created: 0, updated: 6 });
    }
    expect(shop.db.prepare('SELECT id, name, barcodes, pinyin_initials, category_id, unit, price_fen, member_price_fen, cost_fen, stock, active FROM products ORDER BY id').all()).toEqual(before);
    expect(shop.db.prepare('SELECT count(*) FROM product_barcodes').pluck().get()).toBe(7);
    const rows = parseCsv(shop.catalog.exportCsv().toString('utf8').replace(/^\uFEFF/, ''));
    expect(rows[0]!.fields).toEqual(['条码', '名称', '分类', '单位', '售价', '会员价', '进价', '库存', '启用']);
    expect(rows[1]!.fields).toEqual(['6901234567892|06901234567892', '可口可乐 330ml', '饮料', '瓶', '3.00', '2.80', '1.80', '100', '1']);
  });
});
