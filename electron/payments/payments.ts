// Payments (issue 6): card, QR and cash sales; void, refund, balance inquiry. One
// payment at a time (the PIN pad and the host link carry one exchange each).
import { CashdeskError } from '../../native/errors.js';
import type { Logger } from '../../native/log/logger.js';
import type { PinpadDriver } from '../../native/pinpad/driver.js';
import type { CardRead } from '../../native/pinpad/replies.js';
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { HostLink } from '../host/link.js';
import { buildBalanceInquiry, buildQrQuery, buildQrSale, buildRefund, buildSale, buildVoid, parseReply, type CardData, type ReplyInfo } from '../host/messages.js';
import { maskPan } from '../host/trace.js';
import type { SupervisorApproval } from '../operators/operators.js';
import type { Terminal } from '../terminal/terminal.js';
import { notSignedIn } from '../terminal/signInErrors.js';
import type { PaymentProgress, PaymentResult, PaymentStep } from '../contract.js';
import type { BankExchange, ExchangeResult } from './bankExchange.js';
import type { JournalRepo, JournalRow } from './journalRepo.js';
import { cannotVoid, cardMismatch, invalidAmount, notFound } from './paymentErrors.js';
import type { ReversalQueue } from './reversalQueue.js';
import { yuan } from '../money.js';

/** How long the pad waits for a card (X6), seconds. */
export const CARD_READ_TIMEOUT_S = 60;
/** profile §4.6: query a pending QR payment every 2 s for up to 60 s. */
export const QR_QUERY_INTERVAL_MS = 2000;
export const QR_QUERY_WINDOW_MS = 60_000;
/** host-protocol §6 code 55: the cardholder may re-enter the PIN this many times. */
export const PIN_ATTEMPTS = 3;

export type { PaymentProgress, PaymentResult, PaymentStep };

export interface PaymentsDeps {
  db: Db;
  journal: JournalRepo;
  bank: BankExchange;
  reversals: ReversalQueue;
  terminal: Terminal;
  pinpad: () => PinpadDriver | null;
  hostLink: () => HostLink | null;
  audit: AuditLog;
  logger: Logger;
  onProgress?: (p: PaymentProgress) => void;
  qrIntervalMs?: number;
  qrWindowMs?: number;
  now?: () => Date;
}


function cardData(read: CardRead, tracksEncrypted: boolean): CardData {
  return {
    entry: read.entryMode === 'tap' ? 'contactless' : read.entryMode,
    pan: read.pan,
    expiry: read.expiry,
    ...(read.sequence ? { cardSequence: read.sequence } : {}),
    track2: read.track2,
    tracksEncrypted,
    ...(read.chipData ? { icc: read.chipData } : {}),
  };
}

export class Payments {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly d: PaymentsDeps) {
    this.now = d.now ?? (() => new Date());
  }

  /**
   * One payment at a time, in the order they were asked for. Settlement and anything else
   * that sends money messages or reversals runs through here too, so nothing is ever sent
   * while another message's outcome is still open.
   */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private progress(step: PaymentStep, amount: number, message: string | null = null, deadline?: Date): void {
    this.d.onProgress?.({ step, amount, message, ...(deadline ? { deadline: deadline.toISOString() } : {}) });
  }

  private pad(): PinpadDriver {
    const p = this.d.pinpad();
    if (!p) throw new CashdeskError('PINPAD_ABSENT', '密码键盘未连接，请检查连接线。', 'The PIN pad is not connected; check its cable.');
    return p;
  }

  private async prepare(amount: number): Promise<void> {
    this.progress('checking', amount);
    this.d.terminal.requireSignedIn();
    if (this.d.reversals.list().some((r) => !r.exhausted)) this.progress('reversing', amount);
    await this.d.reversals.flush();
  }

  private async readCard(amount: number, prompt: string): Promise<CardRead> {
    this.progress('awaiting-card', amount);
    return this.pad().readCard({ timeoutSeconds: CARD_READ_TIMEOUT_S, prompt });
  }

  private async pinBlock(pan: string, amount: number): Promise<Buffer> {
    const pad = this.pad();
    await pad.display(amount > 0 ? `AMOUNT ${yuan(amount)}` : 'ENTER PIN').catch(() => undefined);
    this.progress('awaiting-pin', amount);
    return pad.getPin({ pan });
  }

  private tracksEncrypted(): boolean {
    return this.d.terminal.status().keys.includes('TDK');
  }

  /** Card sale (消费): card → amount on the pad → PIN → 0200 → verified reply. */
  cardSale(p: { operatorId: string; amount: number; orderRef?: string | null }): Promise<PaymentResult> {
    return this.serial(async () => {
      assertAmount(p.amount);
      await this.prepare(p.amount);
      let read = await this.readCard(p.amount, `SALE ${yuan(p.amount)}`);
      let result: ExchangeResult | undefined;
      let signedInAgain = false;
      for (let attempt = 0; attempt < PIN_ATTEMPTS; attempt++) {
        const card = cardData(read, this.tracksEncrypted());
        const pinBlock = await this.pinBlock(read.pan, p.amount);
        this.progress('authorising', p.amount);
        result = await this.d.bank.run({
          row: { type: 'sale', tender: 'card', amount: p.amount, operatorId: p.operatorId, maskedPan: maskPan(read.pan), entryMode: read.entryMode, orderRef: p.orderRef ?? null },
          build: (ctx, stan) => buildSale(ctx, { stan, amount: p.amount, card, pinBlock }),
        });
        const again = this.retryable(result);
        // host-protocol §6 77: sign in, then retry once.
        if (!again || (again === 'signed-in-again' && signedInAgain)) break;
        if (again === 'signed-in-again') signedInAgain = true;
        // After a new sign-in the pad holds new keys: the track must be read (and encrypted) again.
        if (again === 'signed-in-again') read = await this.readCard(p.amount, `SALE ${yuan(p.amount)}`);
      }
      return this.finish(result!, { needsSignature: true });
    });
  }

  /** A reply that asks for another try: 55 (re-enter the PIN), 77 after a fresh sign-in. */
  private retryable(r: ExchangeResult): false | 'reenter-pin' | 'signed-in-again' {
    if (r.kind !== 'replied') return false;
    if (r.reply.outcome.action === 'reenter-pin') return 'reenter-pin';
    if (r.reply.outcome.action === 'sign-in-retry' && this.d.terminal.status().signedIn) return 'signed-in-again';
    return false;
  }

  /** QR sale (扫码支付, profile §4.6): Q1 → query every 2 s up to 60 s → reverse when it never completes. */
  qrSale(p: { operatorId: string; amount: number; paymentCode: string; orderRef?: string | null }): Promise<PaymentResult> {
    return this.serial(async () => {
      assertAmount(p.amount);
      if (!/^\d{18,19}$/.test(p.paymentCode)) {
        throw new CashdeskError('INVALID_PAYMENT_CODE', '付款码应为 18 到 19 位数字，请重新扫描顾客的付款码。', 'A payment code is 18 to 19 digits; scan the customer\u2019s code again.');
      }
      await this.prepare(p.amount);
      this.progress('authorising', p.amount);
      let result = await this.d.bank.run({
        row: { type: 'sale', tender: 'qr', amount: p.amount, operatorId: p.operatorId, entryMode: 'qr', orderRef: p.orderRef ?? null },
        build: (ctx, stan) => buildQrSale(ctx, { stan, amount: p.amount, paymentCode: p.paymentCode }),
      });
      if (result.kind === 'replied' && result.reply.outcome.action === 'query') result = await this.pollQr(result.journal, p.operatorId);
      return this.finish(result, { needsSignature: false });
    });
  }

  private async pollQr(sale: JournalRow, operatorId: string): Promise<ExchangeResult> {
    const interval = this.d.qrIntervalMs ?? QR_QUERY_INTERVAL_MS;
    const deadline = new Date(this.now().getTime() + (this.d.qrWindowMs ?? QR_QUERY_WINDOW_MS));
    const link = this.d.hostLink();
    if (!link) throw notSignedIn();
    while (this.now() < deadline) {
      this.progress('qr-pending', sale.amount, '顾客正在手机上确认支付 / The customer is confirming on the phone', deadline);
      await new Promise((r) => setTimeout(r, interval));
      let info: ReplyInfo;
      try {
        const stan = this.d.terminal.repo.nextStan(sale.accountId);
        const reply = await link.exchange(buildQrQuery(this.d.terminal.context(operatorId), { stan, saleStan: sale.stan }), { macFn: this.d.terminal.macFn() });
        info = parseReply(reply.message);
      } catch (e) {
        this.d.logger.log('warn', 'qr.query-failed', { stan: sale.stan, error: e as Error });
        continue;
      }
      // Only the customer confirming (approved) or a real decline ends the wait; a host
      // or issuer trouble code (96, 98, 68, A0 …) says nothing about the phone: keep asking,
      // and reverse at the deadline.
      if (info.outcome.action !== 'decline' && !info.outcome.approved) continue;
      if (info.outcome.approved) {
        this.d.db.transaction(() => {
          this.d.journal.complete(sale.id, { status: 'approved', responseCode: info.outcome.code, responseZh: info.outcome.zh, responseEn: info.outcome.en, rrn: info.rrn ?? null, authCode: info.authCode ?? null, hostDate: info.hostDate ?? null, hostTime: info.hostTime ?? null });
          this.d.journal.clearReversal(sale.id);
        })();
      } else {
        this.d.db.transaction(() => {
          this.d.journal.complete(sale.id, { status: 'declined', responseCode: info.outcome.code, responseZh: info.outcome.zh, responseEn: info.outcome.en });
          this.d.journal.clearReversal(sale.id);
        })();
      }
      return { kind: 'replied', journal: this.d.journal.get(sale.id)!, reply: info };
    }
    // Never completed: undo it so the customer is not charged later (reason 06).
    this.d.db.transaction(() => {
      this.d.journal.complete(sale.id, { status: 'reversal-pending', responseZh: '顾客未在 60 秒内完成支付，已撤回', responseEn: 'The customer did not complete the payment within 60 s; it was withdrawn' });
      this.d.journal.setReversalPhase(sale.id, 'pending', '06');
    })();
    await this.d.reversals.flush().catch(() => undefined);
    return { kind: 'unknown', journal: this.d.journal.get(sale.id)!, reason: '06', error: '顾客未完成支付 / The customer did not complete the payment' };
  }

  /** Cash with change (现金找零): recorded, never sent to the bank. */
  cashSale(p: { operatorId: string; amount: number; tendered: number; orderRef?: string | null }): Promise<PaymentResult> {
    return this.serial(async () => {
      assertAmount(p.amount);
      if (!Number.isSafeInteger(p.tendered) || p.tendered < p.amount) {
        throw new CashdeskError('CASH_SHORT', `收到的现金（¥${yuan(Math.max(0, p.tendered | 0))}）少于应收金额（¥${yuan(p.amount)}）。`, `Cash tendered (¥${yuan(Math.max(0, p.tendered | 0))}) is less than the amount due (¥${yuan(p.amount)}).`);
      }
      const change = p.tendered - p.amount;
      const batchNo = this.d.terminal.repo.session('default').batchNo;
      const id = this.d.db.transaction(() => {
        const jid = this.d.journal.insert({ accountId: 'default', batchNo, stan: '', type: 'cash', tender: 'cash', amount: p.amount, status: 'approved', operatorId: p.operatorId, orderRef: p.orderRef ?? null, tendered: p.tendered, changeGiven: change });
        this.d.journal.complete(jid, { status: 'approved', responseZh: '现金收款', responseEn: 'Cash received' });
        return jid;
      })();
      this.progress('approved', p.amount);
      return { ...this.view(this.d.journal.get(id)!, false), change };
    });
  }

  /** Void (消费撤销): same batch, supervisor, the original's card. */
  void(p: { operatorId: string; stan: string; approval: SupervisorApproval }): Promise<PaymentResult> {
    return this.serial(async () => {
      const batchNo = this.d.terminal.repo.session('default').batchNo;
      const original = this.d.journal.byStan('default', batchNo, p.stan);
      if (!original) throw notFound(`凭证号/STAN ${p.stan}`);
      if (original.type !== 'sale') throw cannotVoid('只能撤销消费交易。', 'only sales can be voided.');
      if (original.status === 'voided') throw cannotVoid('这笔交易已经撤销过了。', 'this sale has already been voided.');
      if (original.status !== 'approved') throw cannotVoid('原交易未成功，无需撤销。', 'the original was not approved; there is nothing to void.');
      if (!original.rrn) throw cannotVoid('原交易没有参考号。', 'the original has no reference number.');
      await this.prepare(original.amount);
      let card: CardData = { entry: 'qr' };
      if (original.tender === 'card') {
        const read = await this.readCard(original.amount, `VOID ${yuan(original.amount)}`);
        if (maskPan(read.pan) !== original.maskedPan) throw cardMismatch();
        card = cardData(read, this.tracksEncrypted());
      }
      this.progress('authorising', original.amount);
      this.d.audit.append({ actor: p.approval.operatorId, action: 'payment.void.approve', target: original.stan, outcome: 'ok' });
      const result = await this.d.bank.run({
        row: { type: 'void', tender: original.tender, amount: original.amount, operatorId: p.operatorId, maskedPan: original.maskedPan, entryMode: original.entryMode, originalId: original.id, orderRef: original.orderRef },
        build: (ctx, stan) => buildVoid(ctx, { stan, amount: original.amount, original: { batchNo: original.batchNo, stan: original.stan, rrn: original.rrn!, ...(original.authCode ? { authCode: original.authCode } : {}) }, card }),
        onApproved: () => this.d.journal.setStatus(original.id, 'voided'),
      });
      return this.finish(result, { needsSignature: false });
    });
  }

  /** Refund (退货): earlier days, supervisor, the card; not reversible. */
  refund(p: { operatorId: string; rrn: string; amount: number; date: string; approval: SupervisorApproval }): Promise<PaymentResult> {
    return this.serial(async () => {
      assertAmount(p.amount);
      if (!/^\d{4}$/.test(p.date)) throw new CashdeskError('INVALID_DATE', '原交易日期应为 4 位数字（月日，MMDD）。', 'The original date must be 4 digits (MMDD).');
      if (this.d.journal.hasUnknownRefund(p.rrn)) {
        throw new CashdeskError('REFUND_OUTCOME_UNKNOWN', `参考号 ${p.rrn} 已有一笔结果不明的退货，为免重复退款，请先与银行核对。`, `A refund of RRN ${p.rrn} has an unknown outcome; to avoid refunding twice, check with the bank first.`);
      }
      const original = this.d.journal.query({ rrn: p.rrn, limit: 5 }).find((r) => r.type === 'sale' && r.status !== 'declined');
      if (original && p.amount > original.amount) {
        throw new CashdeskError('REFUND_TOO_LARGE', `退货金额不能超过原交易金额 ¥${yuan(original.amount)}。`, `A refund cannot exceed the original amount of ¥${yuan(original.amount)}.`);
      }
      await this.prepare(p.amount);
      // host-protocol §4.6: a QR sale is refunded like a card sale, without F2/F35/F52 (no card).
      const qr = original?.tender === 'qr';
      const read = qr ? null : await this.readCard(p.amount, `REFUND ${yuan(p.amount)}`);
      const card: CardData = read ? cardData(read, this.tracksEncrypted()) : { entry: 'qr' };
      this.progress('authorising', p.amount);
      this.d.audit.append({ actor: p.approval.operatorId, action: 'payment.refund.approve', target: p.rrn, outcome: 'ok', detail: { amount: p.amount } });
      const result = await this.d.bank.run({
        row: { type: 'refund', tender: qr ? 'qr' : 'card', amount: p.amount, operatorId: p.operatorId, maskedPan: read ? maskPan(read.pan) : null, entryMode: read ? read.entryMode : 'qr', originalId: original?.id ?? null, originalRrn: p.rrn, originalDate: p.date, orderRef: original?.orderRef ?? null },
        build: (ctx, stan) =>
          buildRefund(ctx, { stan, amount: p.amount, original: { batchNo: original?.batchNo ?? '000000', stan: original?.stan ?? '000000', rrn: p.rrn, date: p.date, ...(original?.authCode ? { authCode: original.authCode } : {}) }, card }),
      });
      return this.finish(result, { needsSignature: false });
    });
  }

  /** Balance inquiry (余额查询): card and PIN; moves no money. */
  balance(p: { operatorId: string }): Promise<PaymentResult> {
    return this.serial(async () => {
      await this.prepare(0);
      const read = await this.readCard(0, 'BALANCE');
      const card = cardData(read, this.tracksEncrypted());
      const pinBlock = await this.pinBlock(read.pan, 0);
      this.progress('authorising', 0);
      const result = await this.d.bank.run({
        row: { type: 'balance', tender: 'card', amount: 0, operatorId: p.operatorId, maskedPan: maskPan(read.pan), entryMode: read.entryMode },
        build: (ctx, stan) => buildBalanceInquiry(ctx, { stan, card, pinBlock }),
      });
      const r = this.finish(result, { needsSignature: false });
      return { ...r, balance: result.kind === 'replied' ? (result.reply.balance?.fen ?? null) : null };
    });
  }

  private finish(result: ExchangeResult, o: { needsSignature: boolean }): PaymentResult {
    const row = result.journal;
    const ok = row.status === 'approved';
    this.progress(ok ? 'approved' : result.kind === 'unknown' ? 'unknown' : 'declined', row.amount, ok ? null : (row.responseZh ?? null));
    const view = this.view(row, ok && o.needsSignature);
    if (result.kind !== 'replied') {
      const zh = result.kind === 'unknown' ? '交易结果不明，已自动冲正，顾客不会被扣款。' : '交易未能送达银行，顾客未被扣款。';
      const en = result.kind === 'unknown' ? 'The outcome is unknown; the transaction is being reversed and the customer will not be charged.' : 'The transaction did not reach the bank; the customer was not charged.';
      view.message = `${zh}（${result.error}） / ${en}`;
    }
    return view;
  }

  view(row: JournalRow, needsSignature: boolean): PaymentResult {
    const message = row.responseZh || row.responseEn ? `${row.responseZh ?? ''} / ${row.responseEn ?? ''}` : '';
    return {
      ok: row.status === 'approved',
      journalId: row.id,
      status: row.status,
      responseCode: row.responseCode,
      message,
      stan: row.stan,
      batch: row.batchNo,
      rrn: row.rrn,
      authCode: row.authCode,
      maskedPan: row.maskedPan,
      amount: row.amount,
      needsSignature,
      ...(row.balance !== null ? { balance: row.balance } : {}),
    };
  }
}

function assertAmount(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen <= 0 || fen > 999_999_999_999) throw invalidAmount();
}
