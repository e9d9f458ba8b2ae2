import { describe, expect, it } from 'vitest';
import { renderEscPos } from '../../../native/printer/escpos.js';
import { decodeEscPos, splitReceipts } from '../../../native/printer/escposDecoder.js';
import { eSlipDocument, formatYuan, settlementReportDocument, slipDateTime } from '../../../electron/receipts/slipLayout.js';
import type { PrintDocument } from '../../../native/printer/printDocument.js';
import { printWidth } from '../../../native/printer/textWidth.js';
import { looksLikeAPicture, receiptText, sampleESlip, sampleSettlement } from '../../support/escposEmulator.js';
import { scanQr } from '../../support/qrScan.js';

function onPaper(doc: PrintDocument, width: 58 | 80) {
  const receipts = splitReceipts(decodeEscPos(renderEscPos(doc, width)).items);
  expect(receipts).toHaveLength(1);
  return receipts[0]!;
}

describe('formatYuan', () => {
  it('formats fen as yuan with two decimals, only integers accepted', () => {
    expect(formatYuan(1234)).toBe('¥12.34');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(-50)).toBe('-¥0.50');
    expect(formatYuan(999_999_999_999)).toBe('¥9999999999.99');
    expect(() => formatYuan(12.5)).toThrow(RangeError);
  });
});

describe('e-slip on paper', () => {
  for (const width of [58, 80] as const) {
    it(`${width} mm: merchant, card, type, amount and the signature picture are printed; no line overflows`, () => {
      const r = onPaper(eSlipDocument(sampleESlip()), width);
      const text = receiptText(r);
      expect(text).toContain('POS签购单');
      expect(text).toContain('商户存根 MERCHANT COPY');
      expect(text).toContain('商户名称(MERCHANT NAME):');
      expect(text).toContain('测试便利店（朝阳门店）');
      expect(text).toContain('898110054119999');
      expect(text).toContain('10000001');
      expect(text).toContain('622202******1234');
      expect(text).toContain('消费 SALE');
      expect(text).toMatch(/凭证号\(VOUCHER NO\.\): +000123/);
      expect(text).toContain('123456789012');
      expect(text).toContain('A1B2C3');
      // The slip's ¥ is printed as the full-width ￥ of the printer's GBK font.
      expect(text).toContain('￥12.34');
      // Host date and time (F13 0314, F12 142653) with the year from our clock.
      expect(text).toContain('2025/03/14 14:26:53');
      expect(text).toContain('持卡人签名 CARDHOLDER SIGNATURE:');
      expect(r.images).toHaveLength(1);
      expect(looksLikeAPicture(r.images[0])).toBe(true);
      const big = r.items.find((i) => i.kind === 'text' && i.text.includes('12.34'));
      expect(big).toMatchObject({ bold: true, width: 2, height: 2 });
      const columns = width === 58 ? 32 : 48;
      for (const item of r.items) if (item.kind === 'text') expect(printWidth(item.text) * item.width).toBeLessThanOrEqual(columns);
    });
  }

  it('the cardholder copy and a reprint say so', () => {
    const text = receiptText(onPaper(eSlipDocument(sampleESlip(), { copy: 'cardholder', reprint: true }), 58));
    expect(text).toContain('持卡人存根 CARDHOLDER COPY');
    expect(text).toContain('重打印凭证 REPRINT');
    expect(receiptText(onPaper(eSlipDocument(sampleESlip()), 58))).not.toContain('REPRINT');
  });

  it('a refused or timed-out signature is written, not drawn', () => {
    const refused = onPaper(eSlipDocument(sampleESlip({ signatureStatus: 'refused', signaturePngBase64: null })), 58);
    expect(receiptText(refused)).toContain('持卡人拒绝签名');
    expect(refused.images).toHaveLength(0);
    expect(receiptText(onPaper(eSlipDocument(sampleESlip({ signatureStatus: 'timed-out', signaturePngBase64: null })), 58))).toContain('持卡人未签名（超时）');
  });

  it('an unreadable signature PNG does not stop the slip', () => {
    const r = onPaper(eSlipDocument(sampleESlip({ signaturePngBase64: Buffer.from('not a png').toString('base64') })), 58);
    expect(receiptText(r)).toContain('E-SIGNATURE ON FILE');
    expect(receiptText(r)).toContain('￥12.34');
  });

  it('a void prints a negative amount', () => {
    expect(receiptText(onPaper(eSlipDocument(sampleESlip({ typeZh: '消费撤销', typeEn: 'VOID' })), 58))).toContain('-￥12.34');
  });

  it('a clear card number never reaches paper', () => {
    const text = receiptText(onPaper(eSlipDocument(sampleESlip({ maskedPan: '6222021234561234' })), 58));
    expect(text).not.toContain('6222021234561234');
    expect(text).toContain('622202******1234');
  });

  it('a cash receipt has no card or signature lines', () => {
    const r = onPaper(eSlipDocument(sampleESlip({ tender: 'cash', typeZh: '现金', typeEn: 'CASH', maskedPan: null, stan: '', rrn: null, authCode: null, signatureStatus: null, signaturePngBase64: null, hostDate: null, hostTime: null })), 58);
    const text = receiptText(r);
    expect(text).toContain('收款凭证');
    expect(text).toContain('现金 CASH');
    expect(text).toContain('￥12.34');
    expect(text).not.toContain('卡号');
    expect(text).not.toContain('签名');
    // Our own clock in shop time (UTC+8) when the bank gave none.
    expect(text).toContain('2025/03/14 14:26:53');
  });

  it('prints a QR code when one is given', () => {
    // A raster picture (not the printer's own QR engine), which must still scan.
    expect(onPaper(eSlipDocument(sampleESlip(), { qr: 'https://r.example/42' }), 58).images.map(scanQr)).toContain('https://r.example/42');
  });

  it('a host date across new year takes the right year', () => {
    expect(slipDateTime({ dateTime: '2025-01-01T00:00:05+08:00', hostDate: '1231', hostTime: '235959' })).toBe('2024/12/31 23:59:59');
  });
});

describe('settlement report on paper', () => {
  it('prints batch, balance, counts and amounts per side and in total', () => {
    for (const width of [58, 80] as const) {
      const text = receiptText(onPaper(settlementReportDocument(sampleSettlement(), { merchantName: '测试便利店', merchantId: '898110054119999', terminalId: '10000001', operatorId: '01' }), width));
      expect(text).toContain('结算总计单');
      expect(text).toContain('测试便利店');
      expect(text).toMatch(/批次号\(BATCH NO\.\): +000001/);
      expect(text).toContain('对账平衡 BALANCED');
      expect(text).toContain('内卡 DOMESTIC');
      expect(text).toMatch(/借记 DEBIT +2 +￥134\.00/);
      expect(text).toMatch(/贷记 CREDIT +1 +￥12\.34/);
      expect(text).toContain('外卡 FOREIGN');
      expect(text).toContain('合计 TOTAL');
      expect(text).toMatch(/借记 DEBIT +3 +￥156\.34/);
      expect(text).toContain('2025/03/14 20:00:00');
      expect(text).toContain('终端已签退');
    }
  });

  it('an unbalanced batch lists the failed reversals and signatures', () => {
    const text = receiptText(
      onPaper(
        settlementReportDocument(
          sampleSettlement({
            balanced: false,
            failedReversals: [{ journalId: 9, stan: '000077', amount: 500, maskedPan: '622202******1234', reason: '98', attempts: 3, lastError: 'timeout', exhausted: true }],
            failedSignatureUploads: [{ journalId: 10, stan: '000078', error: 'host down' }],
          }),
          { merchantName: 'M', merchantId: '1', terminalId: '2' },
        ),
        58,
      ),
    );
    expect(text).toContain('对账不平 NOT BALANCED');
    expect(text).toMatch(/凭证号 000077 +￥5\.00/);
    // 32 columns wrap the heading after the Chinese: both halves are on paper.
    expect(text.replace(/\s+/g, ' ')).toContain('电子签名未上送 SIGNATURES NOT UPLOADED: 1');
    expect(text).toContain('000078');
  });
});
