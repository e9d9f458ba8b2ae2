import { describe, expect, it } from 'vitest';
import { mapHeader, readProductRow } from '../../../electron/sales/productCsv.js';

describe('product CSV rows', () => {
  it('accepts Chinese or English headers in any order', () => {
    expect(mapHeader(['名称', 'BARCODE', '售价', '会员价']).map).toEqual({ name: 0, barcode: 1, price: 2, memberPrice: 3 });
    const missing = mapHeader(['名称', '分类']);
    expect(missing.errors.map((e) => e.column)).toEqual(['条码', '售价']);
    expect(missing.errors[0]!.zh).toMatch(/缺少必需的列/);
    expect(missing.errors[0]!.en).toMatch(/required column "barcode"/);
  });

  it('reads a row: several barcodes, yuan amounts, yes/no words', () => {
    const { map } = mapHeader(['条码', '名称', '分类', '单位', '售价', '会员价', '进价', '库存', '启用']);
    const { row, errors } = readProductRow(2, ['6901|6902', ' 可乐 ', '饮料', '', '3.5', '', '2', '24', '否'], map);
    expect(errors).toEqual([]);
    expect(row).toMatchObject({ line: 2, barcodes: ['6901', '6902'], name: '可乐', category: '饮料', unit: '个', priceFen: 350, memberPriceFen: null, costFen: 200, stock: 24, active: false });
  });

  it('reports every bad cell of a row with its line, in both languages', () => {
    const { map } = mapHeader(['条码', '名称', '售价', '会员价', '库存']);
    const { row, errors } = readProductRow(7, ['69 01', '', '3.555', '5', 'x'], map);
    expect(row).toBeNull();
    expect(errors.map((e) => e.column)).toEqual(['条码', '名称', '售价', '库存']);
    for (const e of errors) {
      expect(e.line).toBe(7);
      expect(e.zh).toMatch(/^第 7 行/);
      expect(e.en).toMatch(/^Line 7/);
    }
  });

  it('refuses a member price above the price', () => {
    const { map } = mapHeader(['条码', '名称', '售价', '会员价']);
    expect(readProductRow(3, ['1', 'a', '1.00', '2.00'], map).errors[0]!.column).toBe('会员价');
  });
});
