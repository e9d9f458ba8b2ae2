import { afterEach, describe, expect, it } from 'vitest';
import { renderEscPos } from '../../../native/printer/escpos.js';
import { decodeEscPos, splitReceipts } from '../../../native/printer/escposDecoder.js';
import { createReceiptPrinter } from '../../../native/printer/receiptPrinter.js';
import { printWidth } from '../../../native/printer/textWidth.js';
import { saleReceiptDocument, testPageDocument, type SaleReceiptInput } from '../../../electron/receipts/saleReceipt.js';
import { Receipts } from '../../../electron/receipts/receipts.js';
import type { SaleView } from '../../../electron/sales/salesSchemas.js';
import { pipePrinter, receiptText } from '../../support/escposEmulator.js';

// A SaleView from electron/sales is accepted as it is (checked by the compiler).
const _fromSales = (v: SaleView): SaleReceiptInput => v;
void _fromSales;

const sale: SaleReceiptInput = {
  saleNo: '20250314-0007',
  operatorId: '01',
  memberId: 12,
  localAt: '2025-03-14T14:26:53',
  lines: [
    { name: '农夫山泉 550ml', quantity: 2, unitPriceFen: 200, amountFen: 400, discountFen: 0 },
    { name: '康师傅红烧牛肉面（桶装）超长的商品名称会换行', quantity: 1, unitPriceFen: 550, amountFen: 550, discountFen: 50 },
  ],
  amountFen: 950,
  discountFen: 50,
  totalFen: 900,
  pointsEarned: 9,
  pointsRedeemed: 0,
  tenders: [
    { kind: 'card', amountFen: 400, tenderedFen: null, changeFen: null },
    { kind: 'cash', amountFen: 500, tenderedFen: 1000, changeFen: 500 },
  ],
};

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

describe('sale receipt (购物小票)', () => {
  for (const width of [58, 80] as const) {
    it(`${width} mm: items, discount, total, tenders and change on paper, no line too wide`, () => {
      const [r] = splitReceipts(decodeEscPos(renderEscPos(saleReceiptDocument(sale, { name: '测试便利店', phone: '010-12345678' }), width)).items);
      const text = receiptText(r);
      expect(text).toContain('测试便利店');
      expect(text).toContain('购物小票 SALES RECEIPT');
      expect(text).toContain('20250314-0007');
      expect(text).toContain('2025/03/14 14:26:53');
      expect(text).toContain('农夫山泉 550ml');
      expect(text).toMatch(/￥2\.00 +x2 +￥4\.00/);
      expect(text).toMatch(/优惠 DISCOUNT +-￥0\.50/);
      expect(text).toContain('应收 TOTAL ￥9.00');
      expect(text).toMatch(/现金 CASH: +￥5\.00/);
      expect(text).toMatch(/实收 TENDERED: +￥10\.00/);
      expect(text).toMatch(/找零 CHANGE: +￥5\.00/);
      expect(text).toMatch(/本次积分 POINTS EARNED: +9/);
      for (const item of r!.items) if (item.kind === 'text') expect(printWidth(item.text) * item.width).toBeLessThanOrEqual(width === 58 ? 32 : 48);
    });
  }

  it('a split sale with cash opens the drawer once; its reprint does not', async () => {
    const p = pipePrinter();
    const printer = createReceiptPrinter({ connection: { kind: 'transport', transport: p.pipe.a }, paperWidth: 58, timeouts: { statusMs: 100, connectMs: 100 }, pollMs: 0 });
    closers.push(async () => {
      await printer.close();
      await p.close();
    });
    const receipts = new Receipts({ printer: () => printer, audit: { append: () => undefined } });
    expect(await receipts.printSaleReceipt(sale, { name: '店' })).toMatchObject({ drawer: 'kicked', printed: true });
    expect((await receipts.printSaleReceipt(sale, { name: '店' }, { reprint: true })).drawer).toBe('not-needed');
    expect((await receipts.printSaleReceipt({ ...sale, tenders: [{ kind: 'qr', amountFen: 900, tenderedFen: null, changeFen: null }] }, { name: '店' })).drawer).toBe('not-needed');
    expect(p.emulator.drawerKicks()).toHaveLength(1);
    expect(receiptText(p.emulator.receipts()[1])).toContain('重打印 REPRINT');

    expect((await receipts.printTestPage(58, '2025/03/14 14:00:00')).state).toBe('printed');
    const page = p.emulator.receipts().at(-1)!;
    expect(page.lines).toContain('12345678901234567890123456789012');
    expect(receiptText(page)).toContain('中文字符 GB18030：商户名称');
    expect(page.qrs).toEqual(['CASHDESK TEST PAGE']);
  });

  it('the test page fits both paper widths', () => {
    for (const w of [58, 80] as const) {
      const [r] = splitReceipts(decodeEscPos(renderEscPos(testPageDocument({ printerName: 'tcp:192.168.1.50:9100', paperWidth: w, at: 'now' }), w)).items);
      for (const item of r!.items) if (item.kind === 'text') expect(printWidth(item.text) * item.width).toBeLessThanOrEqual(w === 58 ? 32 : 48);
    }
  });
});
