import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../electron/sales/csvCodec.js';
import type { SalesReport } from '../../../electron/reports/reportSchemas.js';
import { openShop, seedCatalog, type Shop } from '../sales/shopFixture.js';

/** An instant given in Beijing time. */
const bj = (day: string, hm: string): string => new Date(`${day}T${hm}:00+08:00`).toISOString();
const DAY = '2025-03-10';

let shop: Shop;
let ids: { cardSale: number; memberSale: number; memberId: number; noodlesLine: number };

async function sell(at: string, operatorId: string, scans: Array<[string, number]>, tenders: Array<{ kind: 'cash' | 'card' | 'qr' | 'storedValue'; amountFen: number; reference?: string; password?: string }>, memberId?: number) {
  shop.clock.set(at);
  let cart = shop.carts.open({ operatorId });
  for (const [barcode, quantity] of scans) cart = shop.carts.addByBarcode({ cartId: cart.id, barcode, quantity });
  if (memberId) cart = shop.carts.attachMember({ cartId: cart.id, memberId });
  return shop.sales.completeSale({ cartId: cart.id, operatorId, tenders });
}

/**
 * One trading day, 2025-03-10, in Beijing time, with a sale just before midnight the day
 * before and one the morning after — neither belongs to the day.
 */
beforeAll(async () => {
  shop = openShop();
  const p = seedCatalog(shop);
  const [cola, water, chips, noodles, hotpot] = [p.cola, p.water, p.chips, p.noodles, p.hotpot].map((x) => x.barcodes[0]!) as [string, string, string, string, string];
  await sell(bj('2025-03-09', '23:50'), '01', [[cola, 1]], [{ kind: 'cash', amountFen: 300 }]);
  await sell(bj(DAY, '09:30'), '01', [[cola, 2]], [{ kind: 'cash', amountFen: 600 }]);
  const cardSale = await sell(bj(DAY, '10:15'), '01', [[chips, 1], [noodles, 2]], [{ kind: 'card', amountFen: 1650, reference: 'STAN000001' }]);
  shop.clock.set(bj(DAY, '11:00'));
  const m = await shop.members.create({ phone: '13800138000', name: '张三', password: '246810', operatorId: '02' });
  shop.members.recharge({ memberId: m.id, amountFen: 1000, paidBy: 'cash', operatorId: '02' });
  const memberSale = await sell(bj(DAY, '11:05'), '02', [[hotpot, 1]], [{ kind: 'storedValue', amountFen: 1000, password: '246810' }, { kind: 'qr', amountFen: 590, reference: 'WX20250310001' }], m.id);
  shop.clock.set(bj(DAY, '11:30'));
  shop.members.recharge({ memberId: m.id, amountFen: 50_000, paidBy: 'card', reference: 'STAN000002', operatorId: '02' });
  const voided = await sell(bj(DAY, '14:00'), '01', [[water, 3]], [{ kind: 'cash', amountFen: 600 }]);
  shop.clock.set(bj(DAY, '14:10'));
  shop.sales.voidSale({ saleId: voided.id, operatorId: '01', reason: '顾客取消' });
  shop.clock.set(bj(DAY, '15:00'));
  const noodlesLine = cardSale.lines.find((l) => l.name.startsWith('康师傅'))!.id;
  shop.sales.refundSale({ saleId: cardSale.id, operatorId: '02', reason: '破损', lines: [{ saleLineId: noodlesLine, quantity: 2 }], tenders: [{ kind: 'card', amountFen: 900, reference: 'STAN000003' }] });
  await sell(bj('2025-03-11', '09:00'), '01', [[water, 1]], [{ kind: 'cash', amountFen: 200 }]);
  shop.clock.set(bj(DAY, '22:00'));
  ids = { cardSale: cardSale.id, memberSale: memberSale.id, memberId: m.id, noodlesLine };
});
afterAll(() => shop.cleanup());

describe('day-end report (Z) figures', () => {
  let z: SalesReport;
  beforeAll(() => {
    z = shop.reports.dayEndReport({ businessDay: DAY });
  });

  it('summary: sales less voids less refunds, by when each happened in shop time', () => {
    expect(z.summary).toEqual({
      salesCount: 4,
      salesFen: 600 + 1650 + 1590 + 600,
      amountFen: 4440,
      discountFen: 0,
      voidCount: 1,
      voidFen: 600,
      refundCount: 1,
      refundFen: 900,
      netFen: 2940,
      itemsSold: 2 + 3 + 1 + 3,
      itemsReturned: 3 + 2,
      costFen: z.summary.costFen,
      grossProfitFen: 2940 - z.summary.costFen,
    });
    // cost of what stayed sold: cola 2×180, chips 450, hotpot 954
    expect(z.summary.costFen).toBe(2 * 180 + 450 + 954);
  });

  it('by tender, by hour and by operator', () => {
    expect(z.byTender.map((t) => [t.kind, t.salesCount, t.salesFen, t.returnsFen, t.netFen])).toEqual([
      ['cash', 2, 1200, 600, 600],
      ['card', 1, 1650, 900, 750],
      ['qr', 1, 590, 0, 590],
      ['storedValue', 1, 1000, 0, 1000],
    ]);
    expect(z.byHour.map((h) => [h.hour, h.salesFen, h.returnsFen, h.netFen])).toEqual([
      [9, 600, 0, 600],
      [10, 1650, 0, 1650],
      [11, 1590, 0, 1590],
      [14, 600, 600, 0],
      [15, 0, 900, -900],
    ]);
    expect(z.byOperator.map((o) => [o.operatorId, o.salesCount, o.salesFen, o.returnsFen, o.netFen])).toEqual([
      ['01', 3, 2850, 600, 2250],
      ['02', 1, 1590, 900, 690],
    ]);
  });

  it('by category and the top products', () => {
    expect(z.byCategory.map((c) => [c.category, c.quantity, c.netFen])).toEqual([
      ['调料', 1, 1590],
      ['零食', 1, 750],
      ['饮料', 2, 600],
      ['方便食品', 0, 0],
    ]);
    expect(z.topProducts.slice(0, 3).map((p) => [p.name, p.quantity, p.netFen])).toEqual([
      ['重庆火锅底料', 1, 1590],
      ['乐事薯片 原味 75g', 1, 750],
      ['可口可乐 330ml', 2, 600],
    ]);
  });

  it('stored value and the cash that should be in the drawer', () => {
    expect(z.storedValue).toEqual({ rechargeCount: 2, rechargeFen: 51_000, bonusFen: 0, byPaidBy: { cash: 1000, card: 50_000, qr: 0 }, spentFen: 1000, returnedFen: 0 });
    expect(z.cashDrawer).toEqual({ cashSalesFen: 1200, cashReturnsFen: 600, cashRechargeFen: 1000, expectedFen: 1600 });
  });
});

describe('shift report (X)', () => {
  it("one operator's shift from a start time: their sales, recharges and refunds only; nothing is closed", () => {
    const x = shop.reports.shiftReport({ from: bj(DAY, '11:00'), to: bj(DAY, '18:00'), operatorId: '02' });
    expect(x.kind).toBe('shift');
    expect(x.summary).toMatchObject({ salesCount: 1, salesFen: 1590, refundCount: 1, refundFen: 900, netFen: 690, voidCount: 0 });
    expect(x.storedValue).toMatchObject({ rechargeCount: 2, rechargeFen: 51_000, byPaidBy: { cash: 1000, card: 50_000, qr: 0 } });
    expect(x.cashDrawer.expectedFen).toBe(1000);
    expect(shop.reports.shiftReport({ from: bj(DAY, '11:00'), to: bj(DAY, '18:00'), operatorId: '01' }).summary).toMatchObject({ salesCount: 1, voidCount: 1, netFen: 0 });
    expect(shop.db.prepare('SELECT count(*) FROM day_end_reports').pluck().get()).toBe(0);
  });
});

describe('journal', () => {
  it('lists sales, voids, refunds and recharges of the day in time order, with their tenders', () => {
    const page = shop.reports.journal({ range: { businessDay: DAY } });
    expect(page.total).toBe(8);
    expect(page.entries.map((e) => [e.type, e.localAt.slice(11, 16), e.amountFen])).toEqual([
      ['sale', '09:30', 600],
      ['sale', '10:15', 1650],
      ['recharge', '11:00', 1000],
      ['sale', '11:05', 1590],
      ['recharge', '11:30', 50_000],
      ['sale', '14:00', 600],
      ['void', '14:10', 600],
      ['refund', '15:00', 900],
    ]);
    expect(page.entries[3]!.tenders).toEqual([
      { kind: 'storedValue', amountFen: 1000, reference: null },
      { kind: 'qr', amountFen: 590, reference: 'WX20250310001' },
    ]);
    expect(page.entries[5]!.status).toBe('voided');
  });

  it('filters by tender, operator, member, type and a number or bank reference, and pages', () => {
    const card = shop.reports.journal({ range: { businessDay: DAY }, tender: 'card' });
    expect(card.entries.map((e) => e.type)).toEqual(['sale', 'recharge', 'refund']);
    expect(shop.reports.journal({ range: { businessDay: DAY }, number: 'STAN000003' }).entries.map((e) => [e.type, e.saleId])).toEqual([['refund', ids.cardSale]]);
    expect(shop.reports.journal({ range: { businessDay: DAY }, memberId: ids.memberId }).total).toBe(3);
    expect(shop.reports.journal({ range: { businessDay: DAY }, operatorId: '02', types: ['sale', 'refund'] }).entries.map((e) => e.type)).toEqual(['sale', 'refund']);
    const p2 = shop.reports.journal({ range: { from: bj(DAY, '00:00'), to: bj('2025-03-12', '00:00') }, limit: 3, offset: 6 });
    expect(p2.total).toBe(9);
    expect(p2.entries.map((e) => e.type)).toEqual(['void', 'refund', 'sale']);
  });
});

describe('reconciliation with the bank batch', () => {
  const bank = { cardDebit: { count: 2, amountFen: 51_650 }, cardCredit: { count: 1, amountFen: 900 }, qrDebit: { count: 1, amountFen: 590 } };

  it('balances when the bank agrees: card sales and card recharges are debits, refunds credits, voids neither', () => {
    const r = shop.reports.reconcile({ range: { businessDay: DAY }, bank });
    expect(r.lines.map((l) => [l.channel, l.shop.count, l.shop.amountFen])).toEqual([
      ['cardDebit', 2, 51_650],
      ['cardCredit', 1, 900],
      ['qrDebit', 1, 590],
      ['qrCredit', 0, 0],
    ]);
    expect(r.balanced).toBe(true);
  });

  it('shows which channel is off and by how much', () => {
    const r = shop.reports.reconcile({ range: { businessDay: DAY }, bank: { ...bank, cardDebit: { count: 1, amountFen: 1650 } } });
    expect(r.balanced).toBe(false);
    expect(r.lines.filter((l) => !l.matched).map((l) => [l.channel, l.diff])).toEqual([['cardDebit', { count: 1, amountFen: 50_000 }]]);
  });
});

describe('closing the day (日结)', () => {
  it('numbers and keeps the Z report: a later refund of that day’s sale does not change it; closing twice is refused', () => {
    const before = shop.reports.dayEndReport({ businessDay: DAY });
    const closed = shop.reports.closeDay({ businessDay: DAY, operatorId: '00' });
    expect(closed.zNo).toBe(1);
    expect(closed.report.title.zh).toBe('日结报表 Z1');
    expect(closed.report.summary).toEqual(before.summary);
    expect(shop.audit.recent(1)[0]).toMatchObject({ action: 'report.closeDay', target: DAY });

    shop.clock.set(bj('2025-03-11', '10:00'));
    const memberSale = shop.sales.get(ids.memberSale);
    shop.sales.refundSale({ saleId: memberSale.id, operatorId: '01', reason: '不要了', tenders: [{ kind: 'storedValue', amountFen: 1000 }, { kind: 'qr', amountFen: 590, reference: 'WXR1' }] });
    expect(shop.reports.dayEndReport({ businessDay: DAY })).toEqual(closed.report);
    expect(shop.reports.dayEndReport({ businessDay: '2025-03-11' }).summary.refundFen).toBe(1590);
    expect(() => shop.reports.closeDay({ businessDay: DAY, operatorId: '00' })).toThrow(/已于 .* 日结（Z1）.*already closed/s);
    expect(() => shop.reports.closeDay({ businessDay: '2025-03-12', operatorId: '00' })).toThrow(/还没有开始.*has not started/s);
    expect(shop.reports.closeDay({ businessDay: '2025-03-11', operatorId: '00' }).zNo).toBe(2);
  });
});

describe('exports', () => {
  it('CSV of a report in GBK for Excel: bilingual headers and yuan amounts', () => {
    const z = shop.reports.dayEndReport({ businessDay: DAY });
    const rows = parseCsv(iconv.decode(shop.exports.reportCsv(z, 'gbk'), 'gbk')).map((r) => r.fields);
    expect(rows[0]![0]).toMatch(/^日结报表/);
    expect(rows).toContainEqual(['净销售 Net', '', '29.40']);
    expect(rows).toContainEqual(['银行卡 Card', '1', '16.50', '1', '9.00', '7.50']);
  });

  it('CSV of the journal: one row per entry after the header', () => {
    const text = shop.exports.journalCsv({ range: { businessDay: DAY } }).toString('utf8').replace(/^\uFEFF/, '');
    const rows = parseCsv(text);
    expect(rows).toHaveLength(1 + 8);
    expect(rows[2]!.fields.slice(0, 3)).toEqual(['销售 sale', shop.sales.get(ids.cardSale).saleNo, `${DAY} 10:15:00`]);
  });

  it('PDF of the Z report: a valid PDF with the Chinese font embedded and the Chinese title', async () => {
    const z = shop.reports.dayEndReport({ businessDay: DAY });
    const pdf = await shop.exports.reportPdf(z);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toMatch(/startxref\s+\d+/);
    expect(text.match(/\/Type \/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+WenQuanYiMicroHei/);
    // The document title is a string object of its own, UTF-16BE with a byte-order mark
    // (the page content is compressed, so these bytes can only come from the title).
    expect(text).toContain(Buffer.from('\ufeff日结报表', 'utf16le').swap16().toString('latin1'));

    // pdftotext (poppler-utils) is optional on the test machine: when present it must read the Chinese title.
    if (spawnSync('pdftotext', ['-v']).error === undefined) {
      const file = join(shop.dir, 'z.pdf');
      writeFileSync(file, pdf);
      expect(execFileSync('pdftotext', [file, '-']).toString('utf8')).toContain('日结报表');
    }
  });

  it('PDF of a reconciliation', async () => {
    const r = shop.reports.reconcile({ range: { businessDay: DAY }, bank: { cardDebit: { count: 0, amountFen: 0 }, cardCredit: { count: 0, amountFen: 0 } } });
    const pdf = await shop.exports.reconciliationPdf(r);
    expect(pdf.subarray(0, 7).toString('latin1')).toBe('%PDF-1.');
  });

  it('a configured font that is not there is reported in both languages', async () => {
    const { reportPdf } = await import('../../../electron/reports/reportPdf.js');
    const z = shop.reports.dayEndReport({ businessDay: DAY });
    await expect(async () => reportPdf(z, { fontPath: join(shop.dir, 'missing.ttf') })).rejects.toThrow(/找不到设置的中文字体文件.*configured Chinese font/s);
    expect(existsSync(join(shop.dir, 'missing.ttf'))).toBe(false);
  });
});
