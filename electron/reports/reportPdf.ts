// A report as a PDF (issue 8): A4, a Chinese font embedded (cjkFont.ts), tables of the
// figures and two bar charts drawn with pdfkit's vector calls — sales by hour and the
// tender mix — so the file prints the same everywhere and needs no chart library.
import PDFDocument from 'pdfkit';
import { formatYuan } from '../sales/fen.js';
import { findCjkFont } from './cjkFont.js';
import { TENDER_LABEL } from './reportCsv.js';
import { PdfOptionsSchema, type PdfOptions, type Reconciliation, type SalesReport } from './reportSchemas.js';

const FONT = 'cjk';
const MARGIN = 40;
const INK = '#222222';
const MUTED = '#666666';
const BAR = '#3b6fb6';

type Doc = PDFKit.PDFDocument;
interface Column {
  label: string;
  width: number;
  align?: 'left' | 'right';
}

function open(title: string, options: PdfOptions): { doc: Doc; done: Promise<Buffer> } {
  const o = PdfOptionsSchema.parse(options);
  const font = findCjkFont({ path: o.fontPath, name: o.fontName });
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title, Creator: 'Cashdesk', Producer: 'Cashdesk' } });
  if (font.postscriptName) doc.registerFont(FONT, font.path, font.postscriptName);
  else doc.registerFont(FONT, font.path);
  doc.font(FONT).fillColor(INK);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureRoom(doc, 40);
  doc.moveDown(0.6).fontSize(12).fillColor(INK).text(text, MARGIN, doc.y);
  const y = doc.y + 2;
  doc.moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).lineWidth(0.5).strokeColor('#999999').stroke();
  doc.y = y + 4;
}

function table(doc: Doc, columns: Column[], rows: Array<Array<string | number>>): void {
  const rowHeight = 15;
  const draw = (cells: Array<string | number>, bold: boolean): void => {
    ensureRoom(doc, rowHeight);
    const y = doc.y;
    let x = MARGIN;
    doc.fontSize(9).fillColor(bold ? INK : '#333333');
    columns.forEach((c, i) => {
      doc.text(String(cells[i] ?? ''), x + 2, y + 3, { width: c.width - 4, height: rowHeight - 3, align: c.align ?? 'left', ellipsis: true });
      x += c.width;
    });
    doc.y = y + rowHeight;
  };
  draw(columns.map((c) => c.label), true);
  for (const r of rows) draw(r, false);
  if (rows.length === 0) {
    doc.fontSize(9).fillColor(MUTED).text('（无 none）', MARGIN + 2, doc.y + 2);
    doc.y += 4;
  }
}

/** Vertical bars with the value on top and the label under each; integers only go in. */
export function barChart(doc: Doc, title: string, bars: Array<{ label: string; value: number }>): void {
  const height = 150;
  ensureRoom(doc, height + 40);
  doc.fontSize(10).fillColor(INK).text(title, MARGIN, doc.y + 4);
  const top = doc.y + 14;
  const plotHeight = height - 40;
  const width = doc.page.width - 2 * MARGIN;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = bars.length ? width / bars.length : width;
  const barWidth = Math.min(36, slot * 0.7);
  const base = top + plotHeight;
  doc.moveTo(MARGIN, base).lineTo(MARGIN + width, base).lineWidth(0.5).strokeColor('#999999').stroke();
  bars.forEach((b, i) => {
    const h = Math.max(0, (b.value / max) * plotHeight);
    const x = MARGIN + i * slot + (slot - barWidth) / 2;
    if (h > 0) doc.rect(x, base - h, barWidth, h).fillColor(BAR).fill();
    doc.fontSize(7).fillColor(MUTED).text(formatYuan(b.value), x - 10, base - h - 10, { width: barWidth + 20, align: 'center', lineBreak: false });
    doc.fontSize(8).fillColor(INK).text(b.label, x - 10, base + 4, { width: barWidth + 20, align: 'center', lineBreak: false });
  });
  doc.y = base + 22;
}

export function reportPdf(r: SalesReport, options: PdfOptions = {}): Promise<Buffer> {
  const { doc, done } = open(`${r.title.zh} ${r.title.en}`, options);
  const y = formatYuan;
  const s = r.summary;
  doc.fontSize(18).text(r.title.zh, { continued: true }).fontSize(12).fillColor(MUTED).text(`  ${r.title.en}`);
  doc.fillColor(INK).fontSize(9).moveDown(0.3);
  if (options.shopName) doc.text(options.shopName);
  doc.text(`${r.businessDay ? `营业日 Business day ${r.businessDay}  ` : ''}从 From ${r.from}  至 To ${r.to}`);
  doc.text(`操作员 Operator: ${r.operatorId ?? '全部 all'}    生成 Generated: ${r.generatedAt}`);

  heading(doc, '汇总 Summary');
  table(doc, [{ label: '项目 Item', width: 200 }, { label: '笔数 Count', width: 100, align: 'right' }, { label: '金额 Amount (¥)', width: 150, align: 'right' }], [
    ['销售 Sales', s.salesCount, y(s.salesFen)],
    ['优惠 Discounts', '', y(s.discountFen)],
    ['撤销 Voids', s.voidCount, y(s.voidFen)],
    ['退货 Refunds', s.refundCount, y(s.refundFen)],
    ['净销售 Net sales', '', y(s.netFen)],
    ['销售件数 Items sold / 退回 returned', `${s.itemsSold} / ${s.itemsReturned}`, ''],
    ['成本 Cost / 毛利 Gross profit', '', `${y(s.costFen)} / ${y(s.grossProfitFen)}`],
  ]);

  const figureColumns: Column[] = [
    { label: '', width: 130 },
    { label: '销售笔数 Sales', width: 75, align: 'right' },
    { label: '销售 Sales (¥)', width: 90, align: 'right' },
    { label: '退款笔数 Returns', width: 75, align: 'right' },
    { label: '退款 Returns (¥)', width: 75, align: 'right' },
    { label: '净额 Net (¥)', width: 70, align: 'right' },
  ];
  const withLabel = (label: string): Column[] => [{ ...figureColumns[0]!, label }, ...figureColumns.slice(1)];

  heading(doc, '按支付方式 By tender');
  table(doc, withLabel('支付方式 Tender'), r.byTender.map((t) => [`${TENDER_LABEL[t.kind].zh} ${TENDER_LABEL[t.kind].en}`, t.salesCount, y(t.salesFen), t.returnsCount, y(t.returnsFen), y(t.netFen)]));
  barChart(doc, '支付方式构成（净额） Tender mix (net, ¥)', r.byTender.map((t) => ({ label: TENDER_LABEL[t.kind].zh, value: Math.max(0, t.netFen) })));

  heading(doc, '按时段 By hour');
  barChart(doc, '每小时净销售 Net sales by hour (¥)', r.byHour.map((h) => ({ label: `${String(h.hour).padStart(2, '0')}时`, value: Math.max(0, h.netFen) })));
  table(doc, withLabel('时段 Hour'), r.byHour.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, h.salesCount, y(h.salesFen), h.returnsCount, y(h.returnsFen), y(h.netFen)]));

  heading(doc, '按操作员 By operator');
  table(doc, withLabel('操作员 Operator'), r.byOperator.map((o) => [o.operatorId, o.salesCount, y(o.salesFen), o.returnsCount, y(o.returnsFen), y(o.netFen)]));

  heading(doc, '按分类 By category');
  table(doc, [{ label: '分类 Category', width: 200 }, { label: '数量 Qty', width: 70, align: 'right' }, { label: '销售 Sales (¥)', width: 80, align: 'right' }, { label: '退款 Returns (¥)', width: 80, align: 'right' }, { label: '净额 Net (¥)', width: 80, align: 'right' }], r.byCategory.map((c) => [c.category ?? '未分类 none', c.quantity, y(c.salesFen), y(c.returnsFen), y(c.netFen)]));

  heading(doc, '畅销商品 Top products');
  table(doc, [{ label: '商品 Product', width: 330 }, { label: '数量 Qty', width: 80, align: 'right' }, { label: '净额 Net (¥)', width: 100, align: 'right' }], r.topProducts.map((p) => [p.name, p.quantity, y(p.netFen)]));

  heading(doc, '储值与钱箱 Stored value and cash drawer');
  table(doc, [{ label: '项目 Item', width: 300 }, { label: '金额 Amount (¥)', width: 150, align: 'right' }], [
    [`充值 Recharges (${r.storedValue.rechargeCount})`, y(r.storedValue.rechargeFen)],
    ['赠送 Bonus', y(r.storedValue.bonusFen)],
    ['现金 / 刷卡 / 扫码充值 by cash / card / QR', `${y(r.storedValue.byPaidBy.cash)} / ${y(r.storedValue.byPaidBy.card)} / ${y(r.storedValue.byPaidBy.qr)}`],
    ['储值消费 Spent / 退回 Returned', `${y(r.storedValue.spentFen)} / ${y(r.storedValue.returnedFen)}`],
    ['现金销售 Cash sales', y(r.cashDrawer.cashSalesFen)],
    ['现金退款 Cash returns', y(r.cashDrawer.cashReturnsFen)],
    ['现金充值 Cash recharges', y(r.cashDrawer.cashRechargeFen)],
    ['应有现金 Expected cash in drawer', y(r.cashDrawer.expectedFen)],
  ]);
  doc.end();
  return done;
}

export function reconciliationPdf(r: Reconciliation, options: PdfOptions = {}): Promise<Buffer> {
  const { doc, done } = open('对账单 Reconciliation', options);
  doc.fontSize(18).text('对账单', { continued: true }).fontSize(12).fillColor(MUTED).text('  Reconciliation');
  doc.fillColor(INK).fontSize(9).text(`从 From ${r.from}  至 To ${r.to}`);
  doc.fontSize(12).fillColor(r.balanced ? '#1a7f37' : '#b42318').text(r.balanced ? '结果：平 Balanced' : '结果：不平 NOT balanced').fillColor(INK);
  heading(doc, '明细 Detail');
  const label = { cardDebit: '银行卡消费 Card debit', cardCredit: '银行卡退货 Card credit', qrDebit: '扫码消费 QR debit', qrCredit: '扫码退货 QR credit' } as const;
  table(
    doc,
    [{ label: '渠道 Channel', width: 130 }, { label: '本店 Shop', width: 95, align: 'right' }, { label: '银行 Bank', width: 95, align: 'right' }, { label: '差额 Diff', width: 95, align: 'right' }, { label: '结果 Result', width: 100 }],
    r.lines.map((l) => [label[l.channel], `${l.shop.count} / ${formatYuan(l.shop.amountFen)}`, `${l.bank.count} / ${formatYuan(l.bank.amountFen)}`, `${l.diff.count} / ${formatYuan(l.diff.amountFen)}`, l.matched ? '平 ok' : '不平 mismatch']),
  );
  doc.end();
  return done;
}
