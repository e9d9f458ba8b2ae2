// The shop's own receipt for a sale (购物小票): items, discounts, what was paid and how,
// change. The bank's slip (签购单) is separate: slipLayout.ts. A structural input, so a
// SaleView from electron/sales passes as it is and this module does not depend on sales.
import type { PrintBlock, PrintDocument } from '../../native/printer/printDocument.js';
import { formatYuan } from './slipLayout.js';

export interface SaleReceiptLine {
  name: string;
  quantity: number;
  unitPriceFen: number;
  /** quantity × unit price. */
  amountFen: number;
  /** Promotion and line discounts on this line. */
  discountFen: number;
}

export interface SaleReceiptTender {
  kind: string;
  amountFen: number;
  tenderedFen: number | null;
  changeFen: number | null;
}

export interface SaleReceiptInput {
  saleNo: string;
  operatorId: string;
  memberId: number | null;
  /** Shop-local 'YYYY-MM-DDTHH:MM:SS' (electron/members/shopTime.ts). */
  localAt: string;
  lines: readonly SaleReceiptLine[];
  /** Σ line amounts. */
  amountFen: number;
  discountFen: number;
  totalFen: number;
  pointsEarned: number;
  pointsRedeemed: number;
  tenders: readonly SaleReceiptTender[];
}

export interface ShopHeader {
  name: string;
  address?: string | null;
  phone?: string | null;
  /** The last line, e.g. the returns policy. */
  footer?: string | null;
}

const TENDER_NAMES: Record<string, string> = {
  cash: '现金 CASH',
  card: '银行卡 CARD',
  qr: '扫码支付 QR',
  storedValue: '储值卡 STORED VALUE',
  'stored-value': '储值卡 STORED VALUE',
};

export function saleReceiptDocument(sale: SaleReceiptInput, shop: ShopHeader, options: { reprint?: boolean; qr?: string | null } = {}): PrintDocument {
  const b: PrintBlock[] = [{ kind: 'text', text: shop.name || '-', align: 'center', bold: true, width: 2, height: 2 }];
  if (shop.address) b.push({ kind: 'text', text: shop.address, align: 'center' });
  if (shop.phone) b.push({ kind: 'text', text: `电话 TEL: ${shop.phone}`, align: 'center' });
  b.push({ kind: 'text', text: '购物小票 SALES RECEIPT', align: 'center' });
  if (options.reprint) b.push({ kind: 'text', text: '重打印 REPRINT', align: 'center', bold: true });
  b.push(
    { kind: 'pair', left: '单号 NO.:', right: sale.saleNo },
    { kind: 'pair', left: '收银员 CASHIER:', right: sale.operatorId },
    { kind: 'pair', left: '时间 TIME:', right: sale.localAt.slice(0, 19).replace('T', ' ').replace(/-/g, '/') },
    { kind: 'rule' },
    { kind: 'row', bold: true, cells: [{ text: '商品 ITEM', weight: 6 }, { text: '数量', weight: 2, align: 'right' }, { text: '金额', weight: 4, align: 'right' }] },
  );
  let count = 0;
  for (const l of sale.lines) {
    count += l.quantity;
    b.push({ kind: 'text', text: l.name });
    b.push({ kind: 'row', cells: [{ text: `  ${formatYuan(l.unitPriceFen)}`, weight: 6 }, { text: `x${l.quantity}`, weight: 2, align: 'right' }, { text: formatYuan(l.amountFen), weight: 4, align: 'right' }] });
    if (l.discountFen > 0) b.push({ kind: 'pair', left: '  优惠 DISCOUNT', right: formatYuan(-l.discountFen) });
  }
  b.push({ kind: 'rule' }, { kind: 'pair', left: `件数 ITEMS: ${count}`, right: '' }, { kind: 'pair', left: '商品合计 SUBTOTAL:', right: formatYuan(sale.amountFen) });
  if (sale.discountFen > 0) b.push({ kind: 'pair', left: '优惠合计 DISCOUNT:', right: formatYuan(-sale.discountFen) });
  b.push({ kind: 'text', text: `应收 TOTAL ${formatYuan(sale.totalFen)}`, bold: true, height: 2, align: 'right' });
  for (const t of sale.tenders) {
    b.push({ kind: 'pair', left: `${TENDER_NAMES[t.kind] ?? t.kind}:`, right: formatYuan(t.amountFen) });
    if (t.tenderedFen !== null) b.push({ kind: 'pair', left: '  实收 TENDERED:', right: formatYuan(t.tenderedFen) });
    if (t.changeFen !== null && t.changeFen > 0) b.push({ kind: 'pair', left: '  找零 CHANGE:', right: formatYuan(t.changeFen), bold: true });
  }
  if (sale.memberId !== null) {
    b.push({ kind: 'rule' }, { kind: 'pair', left: '会员 MEMBER:', right: String(sale.memberId) });
    if (sale.pointsEarned > 0) b.push({ kind: 'pair', left: '本次积分 POINTS EARNED:', right: String(sale.pointsEarned) });
    if (sale.pointsRedeemed > 0) b.push({ kind: 'pair', left: '积分抵扣 POINTS USED:', right: String(sale.pointsRedeemed) });
  }
  b.push({ kind: 'rule' });
  if (options.qr) b.push({ kind: 'qr', data: options.qr, moduleDots: 5 });
  b.push({ kind: 'text', text: shop.footer ?? '谢谢惠顾，欢迎再次光临 THANK YOU', align: 'center' });
  return { title: `购物小票 ${sale.saleNo}${options.reprint ? ' (重打印)' : ''}`, blocks: b };
}

/** A test page for the setup wizard and diagnostics: both scripts, the full width, a picture, a QR code. */
export function testPageDocument(info: { printerName: string; paperWidth: 58 | 80; at: string }): PrintDocument {
  const columns = info.paperWidth === 58 ? 32 : 48;
  const digits = '1234567890'.repeat(5).slice(0, columns);
  return {
    title: '打印测试页 TEST PAGE',
    blocks: [
      { kind: 'text', text: '打印测试页', align: 'center', bold: true, width: 2, height: 2 },
      { kind: 'text', text: 'PRINTER TEST PAGE', align: 'center' },
      { kind: 'rule', char: '=' },
      { kind: 'text', text: digits },
      { kind: 'text', text: '中文字符 GB18030：商户名称 消费 撤销 退货 结算 ￥' },
      { kind: 'pair', left: '打印机 PRINTER:', right: info.printerName },
      { kind: 'pair', left: '纸宽 PAPER:', right: `${info.paperWidth} mm / ${columns}` },
      { kind: 'pair', left: '时间 TIME:', right: info.at },
      { kind: 'text', text: '粗体 BOLD', bold: true },
      { kind: 'text', text: '倍高 TALL', height: 2 },
      { kind: 'text', text: '倍宽 WIDE', width: 2 },
      { kind: 'qr', data: 'CASHDESK TEST PAGE', moduleDots: 4 },
      { kind: 'text', text: '如能看清以上内容，打印机设置正确。', align: 'center' },
      { kind: 'text', text: 'If all of the above is legible, the printer is set up right.', align: 'center' },
    ],
  };
}
