import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, encodeCsv, formatCsv, parseCsv } from '../../../electron/sales/csvCodec.js';

describe('CSV as spreadsheets write it', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF and LF', () => {
    const text = '条码,名称,售价\r\n690001,"可乐, 大瓶",3.50\r\n690002,"说""好""的\n第二行",1\n\n690003,水,2';
    const recs = parseCsv(text);
    expect(recs.map((r) => r.fields)).toEqual([
      ['条码', '名称', '售价'],
      ['690001', '可乐, 大瓶', '3.50'],
      ['690002', '说"好"的\n第二行', '1'],
      ['690003', '水', '2'],
    ]);
    // Line numbers are where each record starts in the file, for the error report.
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it('writes what it reads back (round trip over any text)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '乐', ',', '"', '\n', '\r\n', ' ', '1', 'é') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 10 }), (rows) => {
        const back = parseCsv(formatCsv(rows)).map((r) => r.fields);
        expect(back).toEqual(rows);
      }),
    );
  });

  it('tells GBK from UTF-8 by itself, and honours a BOM', () => {
    const text = '条码,名称\r\n6901,可口可乐\r\n';
    const gbk = iconv.encode(text, 'gbk');
    expect(decodeCsv(gbk, 'auto')).toEqual({ text, encoding: 'gbk' });
    expect(decodeCsv(Buffer.from(text, 'utf8'), 'auto')).toEqual({ text, encoding: 'utf8' });
    expect(decodeCsv(encodeCsv(text, 'utf8'), 'auto')).toEqual({ text, encoding: 'utf8' });
    expect(decodeCsv(encodeCsv(text, 'gbk'), 'gbk').text).toBe(text);
  });
});
