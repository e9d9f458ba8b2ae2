import { CashdeskError } from '../../native/errors.js';

export class PaymentError extends CashdeskError {}

export const reversalBlocking = (stan: string): PaymentError =>
  new PaymentError('REVERSAL_PENDING', `上一笔交易（凭证号 ${stan}）结果不明，冲正尚未成功，暂不能做新交易。请检查网络后重试。`, `An earlier transaction (STAN ${stan}) has an unknown outcome and its reversal has not gone through yet, so no new transaction can start. Check the network and try again.`);

export const notFound = (what: string): PaymentError =>
  new PaymentError('ORIGINAL_NOT_FOUND', `找不到原交易（${what}）。请核对凭证号或参考号。`, `The original transaction (${what}) was not found. Check the STAN or reference number.`);

export const cannotVoid = (zh: string, en: string): PaymentError => new PaymentError('CANNOT_VOID', `不能撤销：${zh}`, `Cannot void: ${en}`);

export const cardMismatch = (): PaymentError =>
  new PaymentError('CARD_MISMATCH', '刷的卡与原交易的卡不一致，请使用原交易的卡。', 'This is not the card of the original transaction; use that card.');

export const invalidAmount = (): PaymentError =>
  new PaymentError('INVALID_AMOUNT', '金额不正确：应为大于 0 的整数分。', 'The amount is invalid: it must be a whole number of fen above 0.');

export const batchFull = (batchNo: string): PaymentError =>
  new PaymentError('BATCH_FULL', `本批次（${batchNo}）交易笔数已满（999 笔），请先结算再继续收款。`, `Batch ${batchNo} is full (999 transactions); settle first, then take more payments.`);
