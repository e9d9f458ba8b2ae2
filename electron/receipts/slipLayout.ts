// What goes on paper for an e-slip (签购单) and a settlement report (结算总计单): the
// bilingual labels and order of a Chinese bank POS slip (商户存根 / 持卡人存根), built as
// a PrintDocument so the same slip prints on 58 and 80 mm paper and survives a retry.
import type { ESlip, SettlementReport, SideTotalsView } from '../contract.js';
import type { PrintBlock, PrintDocument } from '../../native/printer/printDocument.js';
import { pngToMono, trimImage } from '../../native/printer/raster.js';
import { qrImage } from '../../native/printer/qrRaster.js';

/** China Standard Time: slips show the shop's wall clock, whatever zone the PC is set to. */
export const SLIP_UTC_OFFSET_MINUTES = 480;
/** Widest signature picture: fits 58 mm paper (384 dots) with a margin. */
export const SIGNATURE_MAX_DOTS = 320;

export type SlipCopy = 'merchant' | 'cardholder';

export interface SlipOptions {
  copy?: SlipCopy;
  /** A copy printed again later: marked so it cannot pass for a second transaction. */
  reprint?: boolean;
  /** Printed as a QR code under the slip (the shop's e-receipt link, say). Never card data. */
  qr?: string | null;
  utcOffsetMinutes?: number;
}

/** Fen as the slip shows money: `¥12.34`, `-¥0.50`. The only place a slip turns fen into yuan. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be integer fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The card number as printed. ESlip.maskedPan is masked already (first 6, last 4); if
 * something upstream ever handed over a clear number it is masked here too, because
 * paper leaves the shop.
 */
export function slipPan(maskedPan: string): string {
  if (!/^\d{12,19}$/.test(maskedPan)) return maskedPan;
  return maskedPan.slice(0, 6) + '*'.repeat(maskedPan.length - 10) + maskedPan.slice(-4);
}

function localStamp(iso: string, offsetMinutes: number): { date: string; time: string; year: number } | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const s = new Date(t + offsetMinutes * 60_000).toISOString();
  return { date: s.slice(0, 10).replace(/-/g, '/'), time: s.slice(11, 19), year: Number(s.slice(0, 4)) };
}

/** The bank's date and time (F13 MMDD, F12 hhmmss) when it sent them, else our own clock. */
export function slipDateTime(slip: Pick<ESlip, 'dateTime' | 'hostDate' | 'hostTime'>, offsetMinutes = SLIP_UTC_OFFSET_MINUTES): string {
  const local = localStamp(slip.dateTime, offsetMinutes);
  if (slip.hostDate && /^\d{4}$/.test(slip.hostDate) && slip.hostTime && /^\d{6}$/.test(slip.hostTime) && local) {
    const mm = Number(slip.hostDate.slice(0, 2));
    // A sale at 23:59:59 on 31 Dec can come back dated 01 Jan; the host's MMDD has no year.
    const localMonth = Number(local.date.slice(5, 7));
    const year = mm === 12 && localMonth === 1 ? local.year - 1 : mm === 1 && localMonth === 12 ? local.year + 1 : local.year;
    return `${year}/${slip.hostDate.slice(0, 2)}/${slip.hostDate.slice(2)} ${slip.hostTime.slice(0, 2)}:${slip.hostTime.slice(2, 4)}:${slip.hostTime.slice(4)}`;
  }
  return local ? `${local.date} ${local.time}` : slip.dateTime;
}

const COPY_LABEL: Record<SlipCopy, string> = {
  merchant: '商户存根 MERCHANT COPY',
  cardholder: '持卡人存根 CARDHOLDER COPY',
};

/** Money that goes back to the card prints with a minus, as bank slips do. */
const NEGATIVE_TYPES = new Set(['VOID', 'REFUND']);

function signatureBlocks(slip: ESlip): PrintBlock[] {
  const blocks: PrintBlock[] = [{ kind: 'text', text: '持卡人签名 CARDHOLDER SIGNATURE:' }];
  switch (slip.signatureStatus) {
    case 'signed': {
      if (slip.signaturePngBase64) {
        try {
          const image = trimImage(pngToMono(Buffer.from(slip.signaturePngBase64, 'base64'), { maxWidth: SIGNATURE_MAX_DOTS, what: '签名' }));
          if (image.width > 0) {
            blocks.push({ kind: 'image', image, align: 'center' });
            return blocks;
          }
        } catch {
          // A broken picture must not stop the slip: it says so instead, and the e-slip keeps the original.
        }
      }
      blocks.push({ kind: 'text', text: '电子签名无法显示，请查看电子签购单 E-SIGNATURE ON FILE', align: 'center' });
      return blocks;
    }
    case 'refused':
      blocks.push({ kind: 'text', text: '持卡人拒绝签名 CARDHOLDER REFUSED TO SIGN', align: 'center', bold: true });
      return blocks;
    case 'timed-out':
      blocks.push({ kind: 'text', text: '持卡人未签名（超时）NOT SIGNED (TIMED OUT)', align: 'center', bold: true });
      return blocks;
    case null:
      // No electronic signature: room for a pen.
      blocks.push({ kind: 'feed', lines: 3 });
      return blocks;
  }
}

/** The e-slip as a paper slip (签购单); a cash or QR slip leaves out the card lines it has no data for. */
export function eSlipDocument(slip: ESlip, options: SlipOptions = {}): PrintDocument {
  const copy = options.copy ?? 'merchant';
  const offset = options.utcOffsetMinutes ?? SLIP_UTC_OFFSET_MINUTES;
  const isCard = slip.tender === 'card';
  const b: PrintBlock[] = [];
  if (isCard) {
    b.push({ kind: 'text', text: 'POS签购单', align: 'center', bold: true, width: 2, height: 2 });
    b.push({ kind: 'text', text: 'POS SALES SLIP', align: 'center' });
  } else {
    b.push({ kind: 'text', text: '收款凭证', align: 'center', bold: true, width: 2, height: 2 });
    b.push({ kind: 'text', text: 'PAYMENT RECEIPT', align: 'center' });
  }
  b.push({ kind: 'text', text: COPY_LABEL[copy], align: 'center' });
  if (options.reprint) b.push({ kind: 'text', text: '重打印凭证 REPRINT', align: 'center', bold: true });
  b.push({ kind: 'rule' });
  b.push({ kind: 'text', text: '商户名称(MERCHANT NAME):' });
  b.push({ kind: 'text', text: slip.merchantName || '-', bold: true });
  if (slip.merchantId) b.push({ kind: 'pair', left: '商户编号(MERCHANT NO.):', right: slip.merchantId });
  if (slip.terminalId) b.push({ kind: 'pair', left: '终端编号(TERMINAL NO.):', right: slip.terminalId });
  b.push({ kind: 'pair', left: '操作员号(OPERATOR NO.):', right: slip.operatorId });
  b.push({ kind: 'rule' });
  if (slip.maskedPan) {
    b.push({ kind: 'text', text: '卡号(CARD NO.):' });
    b.push({ kind: 'text', text: slipPan(slip.maskedPan), bold: true, height: 2 });
  }
  b.push({ kind: 'text', text: '交易类型(TRANS TYPE):' });
  b.push({ kind: 'text', text: `${slip.typeZh} ${slip.typeEn}`, bold: true, height: 2 });
  if (slip.batchNo) b.push({ kind: 'pair', left: '批次号(BATCH NO.):', right: slip.batchNo });
  if (slip.stan) b.push({ kind: 'pair', left: '凭证号(VOUCHER NO.):', right: slip.stan });
  if (slip.authCode) b.push({ kind: 'pair', left: '授权码(AUTH NO.):', right: slip.authCode });
  if (slip.rrn) b.push({ kind: 'pair', left: '参考号(REFER NO.):', right: slip.rrn });
  b.push({ kind: 'pair', left: '流水号(TRACE):', right: String(slip.journalId) });
  b.push({ kind: 'pair', left: '日期/时间(DATE/TIME):', right: slipDateTime(slip, offset) });
  b.push({ kind: 'text', text: '金额(AMOUNT):' });
  const amount = NEGATIVE_TYPES.has(slip.typeEn) ? -slip.amount : slip.amount;
  b.push({ kind: 'text', text: formatYuan(amount), bold: true, width: 2, height: 2, align: 'right' });
  if (slip.status === 'voided') b.push({ kind: 'text', text: '此交易已撤销 THIS TRANSACTION WAS VOIDED', bold: true });
  b.push({ kind: 'rule' });
  if (isCard) {
    b.push(...signatureBlocks(slip));
    b.push({ kind: 'text', text: '本人确认以上交易，同意将其记入本卡账户' });
    b.push({ kind: 'text', text: 'I ACKNOWLEDGE SATISFACTORY RECEIPT OF RELATIVE GOODS/SERVICES' });
  }
  // As a raster picture: many counter printers have no QR engine of their own.
  if (options.qr) b.push({ kind: 'image', image: qrImage(options.qr, 4), align: 'center' });
  b.push({ kind: 'text', text: COPY_LABEL[copy], align: 'center' });
  const title = `${isCard ? '签购单' : '收款凭证'} ${slip.stan || slip.journalId}${options.reprint ? ' (重打印)' : ''}`;
  return { title, blocks: b };
}

export interface SettlementHeader {
  merchantName: string;
  merchantId: string;
  terminalId: string;
  operatorId?: string | null;
  utcOffsetMinutes?: number;
  reprint?: boolean;
}

function sideRows(label: string, t: SideTotalsView): PrintBlock[] {
  return [
    { kind: 'text', text: label, bold: true },
    { kind: 'row', cells: [{ text: '借记 DEBIT', weight: 5 }, { text: String(t.debitCount), weight: 2, align: 'right' }, { text: formatYuan(t.debitAmount), weight: 5, align: 'right' }] },
    { kind: 'row', cells: [{ text: '贷记 CREDIT', weight: 5 }, { text: String(t.creditCount), weight: 2, align: 'right' }, { text: formatYuan(t.creditAmount), weight: 5, align: 'right' }] },
  ];
}

/** The settlement report (结算总计单) as printed after 结算. */
export function settlementReportDocument(report: SettlementReport, header: SettlementHeader): PrintDocument {
  const offset = header.utcOffsetMinutes ?? SLIP_UTC_OFFSET_MINUTES;
  const at = localStamp(report.settledAt, offset);
  const b: PrintBlock[] = [
    { kind: 'text', text: '结算总计单', align: 'center', bold: true, width: 2, height: 2 },
    { kind: 'text', text: 'SETTLEMENT REPORT', align: 'center' },
  ];
  if (header.reprint) b.push({ kind: 'text', text: '重打印 REPRINT', align: 'center', bold: true });
  b.push(
    { kind: 'rule' },
    { kind: 'text', text: '商户名称(MERCHANT NAME):' },
    { kind: 'text', text: header.merchantName || '-', bold: true },
    { kind: 'pair', left: '商户编号(MERCHANT NO.):', right: header.merchantId },
    { kind: 'pair', left: '终端编号(TERMINAL NO.):', right: header.terminalId },
  );
  if (header.operatorId) b.push({ kind: 'pair', left: '操作员号(OPERATOR NO.):', right: header.operatorId });
  b.push(
    { kind: 'pair', left: '批次号(BATCH NO.):', right: report.batch },
    { kind: 'pair', left: '日期/时间(DATE/TIME):', right: at ? `${at.date} ${at.time}` : report.settledAt },
    { kind: 'rule' },
    { kind: 'text', text: report.balanced ? '对账平衡 BALANCED' : '对账不平 NOT BALANCED', align: 'center', bold: true, height: 2 },
    { kind: 'rule' },
    { kind: 'row', bold: true, cells: [{ text: '类型 TYPE', weight: 5 }, { text: '笔数', weight: 2, align: 'right' }, { text: '金额 AMOUNT', weight: 5, align: 'right' }] },
    ...sideRows('内卡 DOMESTIC', report.totals.domestic),
    ...sideRows('外卡 FOREIGN', report.totals.foreign),
    { kind: 'rule', char: '=' },
    ...sideRows('合计 TOTAL', { debitCount: report.debit.count, debitAmount: report.debit.amount, creditCount: report.credit.count, creditAmount: report.credit.amount }),
    { kind: 'rule' },
  );
  if (report.failedReversals.length > 0) {
    b.push({ kind: 'text', text: `冲正未成功 FAILED REVERSALS: ${report.failedReversals.length}`, bold: true });
    for (const r of report.failedReversals) b.push({ kind: 'pair', left: `凭证号 ${r.stan}`, right: formatYuan(r.amount) });
    b.push({ kind: 'text', text: '请联系收单机构核对以上交易。CALL THE ACQUIRER ABOUT THESE.' });
  }
  if (report.failedSignatureUploads.length > 0) {
    b.push({ kind: 'text', text: `电子签名未上送 SIGNATURES NOT UPLOADED: ${report.failedSignatureUploads.length}`, bold: true });
    for (const s of report.failedSignatureUploads) b.push({ kind: 'text', text: `凭证号 VOUCHER ${s.stan}` });
  }
  b.push({ kind: 'pair', left: '批上送笔数(UPLOADED):', right: String(report.uploaded) });
  b.push({ kind: 'pair', left: '下一批次(NEXT BATCH):', right: report.nextBatch });
  if (report.signedOff) b.push({ kind: 'text', text: '终端已签退 TERMINAL SIGNED OFF', align: 'center' });
  return { title: `结算总计单 ${report.batch}${header.reprint ? ' (重打印)' : ''}`, blocks: b };
}
