// Reports as CSV for Excel: bilingual headers, amounts in yuan with two decimals, one
// section after another with a blank line between.
import { encodeCsv, formatCsv } from '../sales/csvCodec.js';
import { formatYuan } from '../sales/fen.js';
import type { JournalEntry, Reconciliation, SalesReport, TenderKind } from './reportSchemas.js';

type Row = Array<string | number | null>;

export const TENDER_LABEL: Record<TenderKind, { zh: string; en: string }> = {
  cash: { zh: '现金', en: 'Cash' },
  card: { zh: '银行卡', en: 'Card' },
  qr: { zh: '扫码', en: 'QR' },
  storedValue: { zh: '储值', en: 'Stored value' },
};

const JOURNAL_TYPE: Record<JournalEntry['type'], string> = { sale: '销售 sale', void: '撤销 void', refund: '退货 refund', recharge: '充值 recharge' };

export function reportRows(r: SalesReport): Row[] {
  const y = formatYuan;
  const s = r.summary;
  const rows: Row[] = [
    [`${r.title.zh} ${r.title.en}`],
    ['营业日 Business day', r.businessDay ?? ''],
    ['开始 From', r.from],
    ['结束 To', r.to],
    ['操作员 Operator', r.operatorId ?? '全部 all'],
    ['生成时间 Generated', r.generatedAt],
    [],
    ['汇总 Summary', '笔数 Count', '金额 Amount (¥)'],
    ['销售 Sales', s.salesCount, y(s.salesFen)],
    ['优惠 Discounts', '', y(s.discountFen)],
    ['撤销 Voids', s.voidCount, y(s.voidFen)],
    ['退货 Refunds', s.refundCount, y(s.refundFen)],
    ['净销售 Net', '', y(s.netFen)],
    ['销售件数 Items sold', s.itemsSold, ''],
    ['退回件数 Items returned', s.itemsReturned, ''],
    ['成本 Cost', '', y(s.costFen)],
    ['毛利 Gross profit', '', y(s.grossProfitFen)],
    [],
    ['支付方式 Tender', '销售笔数 Sales', '销售 Sales (¥)', '退款笔数 Returns', '退款 Returns (¥)', '净额 Net (¥)'],
    ...r.byTender.map((t) => [`${TENDER_LABEL[t.kind].zh} ${TENDER_LABEL[t.kind].en}`, t.salesCount, y(t.salesFen), t.returnsCount, y(t.returnsFen), y(t.netFen)]),
    [],
    ['时段 Hour', '销售笔数 Sales', '销售 Sales (¥)', '退款笔数 Returns', '退款 Returns (¥)', '净额 Net (¥)'],
    ...r.byHour.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, h.salesCount, y(h.salesFen), h.returnsCount, y(h.returnsFen), y(h.netFen)]),
    [],
    ['操作员 Operator', '销售笔数 Sales', '销售 Sales (¥)', '退款笔数 Returns', '退款 Returns (¥)', '净额 Net (¥)'],
    ...r.byOperator.map((o) => [o.operatorId, o.salesCount, y(o.salesFen), o.returnsCount, y(o.returnsFen), y(o.netFen)]),
    [],
    ['分类 Category', '数量 Qty', '销售 Sales (¥)', '退款 Returns (¥)', '净额 Net (¥)'],
    ...r.byCategory.map((c) => [c.category ?? '未分类 none', c.quantity, y(c.salesFen), y(c.returnsFen), y(c.netFen)]),
    [],
    ['畅销商品 Top products', '数量 Qty', '净额 Net (¥)'],
    ...r.topProducts.map((p) => [p.name, p.quantity, y(p.netFen)]),
    [],
    ['储值 Stored value', '笔数 Count', '金额 Amount (¥)'],
    ['充值 Recharges', r.storedValue.rechargeCount, y(r.storedValue.rechargeFen)],
    ['赠送 Bonus', '', y(r.storedValue.bonusFen)],
    ['现金充值 by cash', '', y(r.storedValue.byPaidBy.cash)],
    ['刷卡充值 by card', '', y(r.storedValue.byPaidBy.card)],
    ['扫码充值 by QR', '', y(r.storedValue.byPaidBy.qr)],
    ['储值消费 Spent', '', y(r.storedValue.spentFen)],
    ['储值退回 Returned', '', y(r.storedValue.returnedFen)],
    [],
    ['钱箱 Cash drawer', '', '金额 Amount (¥)'],
    ['现金销售 Cash sales', '', y(r.cashDrawer.cashSalesFen)],
    ['现金退款 Cash returns', '', y(r.cashDrawer.cashReturnsFen)],
    ['现金充值 Cash recharges', '', y(r.cashDrawer.cashRechargeFen)],
    ['应有现金 Expected cash', '', y(r.cashDrawer.expectedFen)],
  ];
  return rows;
}

export function reportCsv(r: SalesReport, encoding: 'utf8' | 'gbk' = 'utf8'): Buffer {
  return encodeCsv(formatCsv(reportRows(r)), encoding);
}

export function journalCsv(entries: readonly JournalEntry[], encoding: 'utf8' | 'gbk' = 'utf8'): Buffer {
  const rows: Row[] = [['类型 Type', '单号 No', '时间 Time', '操作员 Operator', '会员 Member', '金额 Amount (¥)', '支付 Tenders', '参考号 References', '状态 Status', '原销售 Sale']];
  for (const e of entries) {
    rows.push([
      JOURNAL_TYPE[e.type],
      e.no,
      e.localAt.replace('T', ' '),
      e.operatorId,
      e.memberId,
      formatYuan(e.amountFen),
      e.tenders.map((t) => `${TENDER_LABEL[t.kind].zh} ${formatYuan(t.amountFen)}`).join('; '),
      e.tenders.map((t) => t.reference ?? '').filter(Boolean).join('; '),
      e.status,
      e.saleId,
    ]);
  }
  return encodeCsv(formatCsv(rows), encoding);
}

const CHANNEL_LABEL = { cardDebit: '银行卡消费 Card debit', cardCredit: '银行卡退货 Card credit', qrDebit: '扫码消费 QR debit', qrCredit: '扫码退货 QR credit' } as const;

export function reconciliationCsv(r: Reconciliation, encoding: 'utf8' | 'gbk' = 'utf8'): Buffer {
  const rows: Row[] = [
    ['对账 Reconciliation', r.from, r.to, r.balanced ? '平 balanced' : '不平 NOT balanced'],
    ['渠道 Channel', '本店笔数 Shop count', '本店金额 Shop (¥)', '银行笔数 Bank count', '银行金额 Bank (¥)', '差额笔数 Diff count', '差额 Diff (¥)', '结果 Result'],
    ...r.lines.map((l) => [CHANNEL_LABEL[l.channel], l.shop.count, formatYuan(l.shop.amountFen), l.bank.count, formatYuan(l.bank.amountFen), l.diff.count, formatYuan(l.diff.amountFen), l.matched ? '平 ok' : '不平 mismatch']),
  ];
  return encodeCsv(formatCsv(rows), encoding);
}
