// The e-slip (电子签购单, issue 6): what the paper slip would say, with the signature.
import type { JournalRow } from './journalRepo.js';
import type { SignatureRecord } from './signatures.js';
import type { TerminalConfig } from '../terminal/terminalRepo.js';
import type { ESlip } from '../contract.js';

const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  sale: { zh: '消费', en: 'SALE' },
  void: { zh: '消费撤销', en: 'VOID' },
  refund: { zh: '退货', en: 'REFUND' },
  balance: { zh: '余额查询', en: 'BALANCE' },
  cash: { zh: '现金', en: 'CASH' },
  'stored-value': { zh: '储值卡', en: 'STORED VALUE' },
};

export function buildESlip(row: JournalRow, config: TerminalConfig | null, signature: SignatureRecord | null): ESlip {
  const t = TYPE_NAMES[row.type] ?? { zh: row.type, en: row.type.toUpperCase() };
  return {
    journalId: row.id,
    merchantName: config?.merchantName ?? '',
    merchantId: config?.merchantId ?? '',
    terminalId: config?.terminalId ?? '',
    operatorId: row.operatorId,
    maskedPan: row.maskedPan,
    tender: row.tender,
    typeZh: t.zh,
    typeEn: t.en,
    batchNo: row.batchNo,
    stan: row.stan,
    rrn: row.rrn,
    authCode: row.authCode,
    dateTime: row.createdAt,
    hostDate: row.hostDate,
    hostTime: row.hostTime,
    amount: row.amount,
    status: row.status,
    signatureStatus: signature?.status ?? null,
    signaturePngBase64: signature?.pngBase64 ?? null,
  };
}
