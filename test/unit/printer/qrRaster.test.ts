import { describe, expect, it } from 'vitest';
import { qrImage } from '../../../native/printer/qrRaster.js';
import { renderEscPos } from '../../../native/printer/escpos.js';
import { decodeEscPos, mergeBands } from '../../../native/printer/escposDecoder.js';
import { scanQr as scan } from '../../support/qrScan.js';
import { eSlipDocument } from '../../../electron/receipts/slipLayout.js';
import type { ESlip } from '../../../electron/contract.js';

const slip: ESlip = {
  journalId: 7, merchantName: '测试小店', merchantId: '898440358120099', terminalId: '20000001', operatorId: '01', maskedPan: '622202*********0128', tender: 'card',
  typeZh: '消费', typeEn: 'SALE', batchNo: '000001', stan: '000123', rrn: '112233445566', authCode: '123456', dateTime: '2026-11-26T01:00:00.000Z', hostDate: '1126', hostTime: '090000',
  amount: 1234, status: 'approved', signatureStatus: null, signaturePngBase64: null,
};

describe('QR codes printed as raster pictures', () => {
  it('a raster QR decodes back to its text', () => {
    expect(scan(qrImage('https://shop.example/r/000123', 4))).toBe('https://shop.example/r/000123');
  });

  it('the e-slip QR comes off the paper as a picture that scans', () => {
    const bytes = renderEscPos(eSlipDocument(slip, { copy: 'merchant', qr: 'CASHDESK:000001:000123' }), 80);
    const images = mergeBands(decodeEscPos(bytes).items).flatMap((i) => (i.kind === 'image' ? [i.image] : []));
    expect(images.map(scan)).toContain('CASHDESK:000001:000123');
  });
});
