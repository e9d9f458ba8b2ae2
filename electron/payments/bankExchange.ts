// One money-moving exchange with the bank, crash-safe (architecture.md "A card sale,
// end to end", steps 4-6): the journal row, the STAN and the reversal record are
// committed together before the send; the final outcome and the clearing of the
// reversal record are committed together after the verified reply.
import { toCashdeskError } from '../../native/errors.js';
import type { Logger } from '../../native/log/logger.js';
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import { HostLinkError, HostMacError } from '../host/errors.js';
import type { HostLink } from '../host/link.js';
import { parseReply, reversalSource, type HostRequest, type ReplyInfo, type TerminalContext } from '../host/messages.js';
import type { Terminal } from '../terminal/terminal.js';
import { notSignedIn } from '../terminal/signInErrors.js';
import { batchFull } from './paymentErrors.js';
import { faultPoint } from './faultPoints.js';
import type { JournalRepo, JournalRow, NewJournalRow, ReversalReason } from './journalRepo.js';
import type { ReversalQueue } from './reversalQueue.js';

/** host-protocol §4.5: F48 carries each count as n3. */
export const MAX_BATCH_SIDE_COUNT = 999;

/** Response codes after which the terminal signs in again (host-protocol §6). */
const SIGN_IN_CODES = new Set(['77', '99', 'A0', 'A7']);

export type ExchangeResult =
  | { kind: 'replied'; journal: JournalRow; reply: ReplyInfo }
  /** Sent, outcome unknown: a reversal is pending (and was tried at once). */
  | { kind: 'unknown'; journal: JournalRow; reason: ReversalReason; error: string }
  /** Never reached the host: nothing to reverse. */
  | { kind: 'not-sent'; journal: JournalRow; error: string };

export interface BankExchangeDeps {
  db: Db;
  journal: JournalRepo;
  reversals: ReversalQueue;
  terminal: Terminal;
  hostLink: () => HostLink | null;
  audit: AuditLog;
  logger: Logger;
}

export interface ExchangeSpec {
  row: Omit<NewJournalRow, 'stan' | 'batchNo' | 'status' | 'accountId'>;
  build: (ctx: TerminalContext, stan: string) => HostRequest;
  /** Runs inside the approval's transaction (a void marks its original voided). */
  onApproved?: (journalId: number) => void;
}

export class BankExchange {
  constructor(private readonly d: BankExchangeDeps) {}

  async run(spec: ExchangeSpec, accountId = 'default'): Promise<ExchangeResult> {
    const link = this.d.hostLink();
    if (!link) throw notSignedIn();
    const ctx = this.d.terminal.context(spec.row.operatorId);
    this.assertBatchHasRoom(spec.row, accountId, ctx.batchNo);

    // Step 4: STAN, journal row and reversal record in one transaction (fsync'd: synchronous=FULL).
    let request!: HostRequest;
    const journalId = this.d.db.transaction(() => {
      const stan = this.d.terminal.repo.nextStan(accountId);
      request = spec.build(ctx, stan);
      const id = this.d.journal.insert({ ...spec.row, accountId, batchNo: ctx.batchNo, stan, status: 'pending' });
      if (request.reversible) {
        const { source, sealed } = this.d.reversals.seal(reversalSource(request.message));
        this.d.journal.armReversal(id, source, sealed, '06');
      }
      return id;
    })();
    faultPoint('before-send');
    if (request.reversible) this.d.journal.setReversalPhase(journalId, 'sent', '98');

    let replyInfo: ReplyInfo;
    try {
      const reply = await link.exchange(request, { macFn: request.mac ? this.d.terminal.macFn() : undefined });
      replyInfo = parseReply(reply.message);
    } catch (e) {
      return this.onLinkError(journalId, request, e);
    }

    const outcome = replyInfo.outcome;
    if (outcome.approved) {
      if (request.reversible) {
        // host-protocol §4.4: approved by the host but not yet recorded: a crash now means 96,
        // and that reversal repeats the approval's F38.
        const { source, sealed } = this.d.reversals.seal(reversalSource(request.message, replyInfo.authCode));
        this.d.db.transaction(() => {
          this.d.journal.setReversalSource(journalId, source, sealed);
          this.d.journal.setReversalPhase(journalId, 'approved-not-completed', '96');
        })();
        faultPoint('after-reply');
      }
      this.d.db.transaction(() => {
        this.d.journal.complete(journalId, { status: 'approved', ...replyFields(replyInfo) });
        this.d.journal.clearReversal(journalId);
        spec.onApproved?.(journalId);
      })();
      faultPoint('after-approval');
    } else if (outcome.action === 'query' && request.reversible) {
      // profile §4.6 Q1: the customer is still confirming. Outcome unknown: a crash from
      // here on reverses it (98); the QR flow queries, then approves or reverses it.
      this.d.journal.complete(journalId, { status: 'pending', ...replyFields(replyInfo) });
    } else if (request.reversible && (outcome.reverse || outcome.code === 'A0')) {
      const reason: ReversalReason = outcome.code === 'A0' ? 'A0' : '98';
      this.d.db.transaction(() => {
        this.d.journal.complete(journalId, { status: 'reversal-pending', ...replyFields(replyInfo) });
        this.d.journal.setReversalPhase(journalId, 'pending', reason);
      })();
    } else {
      this.d.db.transaction(() => {
        this.d.journal.complete(journalId, { status: 'declined', ...replyFields(replyInfo) });
        this.d.journal.clearReversal(journalId);
      })();
    }
    if (SIGN_IN_CODES.has(outcome.code) || replyInfo.signInRequested) {
      await this.d.terminal.requestSignIn(`host replied ${outcome.code}${replyInfo.signInRequested ? ' (header)' : ''}`).catch(() => undefined);
    }
    // A reversal this reply asked for goes now (after any new sign-in: A0 means our MAC key was stale).
    if (this.d.journal.reversal(journalId)?.phase === 'pending') await this.d.reversals.flush().catch(() => undefined);
    return { kind: 'replied', journal: this.d.journal.get(journalId)!, reply: replyInfo };
  }

  /**
   * host-protocol §4.5: F48 counts are 3 digits, so a batch side holds at most 999
   * debits and 999 credits. One more would make the batch impossible to settle: refuse
   * it before the bank sees it (checked over the whole batch, which is the stricter).
   */
  private assertBatchHasRoom(row: ExchangeSpec['row'], accountId: string, batchNo: string): void {
    const counted = row.type === 'sale' ? "type = 'sale' AND status IN ('approved', 'voided', 'pending', 'reversal-pending')" : row.type === 'void' || row.type === 'refund' ? "type IN ('void', 'refund') AND status IN ('approved', 'pending', 'reversal-pending')" : null;
    if (!counted) return;
    const n = (this.d.db.prepare(`SELECT count(*) AS n FROM journal WHERE account_id = ? AND batch_no = ? AND tender IN ('card', 'qr') AND ${counted}`).get(accountId, batchNo) as { n: number }).n;
    if (n >= MAX_BATCH_SIDE_COUNT) throw batchFull(batchNo);
  }

  private async onLinkError(journalId: number, request: HostRequest, e: unknown): Promise<ExchangeResult> {
    const err = toCashdeskError(e);
    const maybeSent = e instanceof HostLinkError ? e.maybeSent : false;
    if (e instanceof HostMacError) await this.d.terminal.requestSignIn('reply MAC did not verify').catch(() => undefined);
    if (!maybeSent) {
      this.d.db.transaction(() => {
        this.d.journal.complete(journalId, { status: 'failed', responseZh: err.zh, responseEn: err.en });
        this.d.journal.clearReversal(journalId);
      })();
      return { kind: 'not-sent', journal: this.d.journal.get(journalId)!, error: err.message };
    }
    if (!request.reversible) {
      // A refund (0220) is not reversible: it may have happened. Say so, and let nobody
      // repeat it until the bank's records settle the question (host-protocol §4.3).
      this.d.db.transaction(() => {
        this.d.journal.complete(journalId, {
          status: 'unknown',
          responseZh: `结果不明：请求可能已到达银行（${err.zh}）。请勿重复操作，请与银行核对。`,
          responseEn: `Outcome unknown: the request may have reached the bank (${err.en}). Do not repeat it; check with the bank.`,
        });
        this.d.journal.clearReversal(journalId);
      })();
      return { kind: 'unknown', journal: this.d.journal.get(journalId)!, reason: '06', error: err.message };
    }
    const reason: ReversalReason = (e as HostLinkError).reversalReason ?? '06';
    this.d.db.transaction(() => {
      this.d.journal.complete(journalId, { status: 'reversal-pending', responseZh: err.zh, responseEn: err.en });
      this.d.journal.setReversalPhase(journalId, 'pending', reason);
    })();
    this.d.logger.log('warn', 'exchange.unknown', { kind: request.kind, reason, code: err.code });
    // Try the reversal at once; if the host is still away it goes before the next transaction.
    await this.d.reversals.flush().catch(() => undefined);
    return { kind: 'unknown', journal: this.d.journal.get(journalId)!, reason, error: err.message };
  }
}

function replyFields(r: ReplyInfo) {
  return {
    responseCode: r.outcome.code,
    responseZh: r.outcome.zh,
    responseEn: r.outcome.en,
    rrn: r.rrn ?? null,
    authCode: r.authCode ?? null,
    hostDate: r.hostDate ?? null,
    hostTime: r.hostTime ?? null,
    cardOrg: r.cardOrganisation ?? null,
    balance: r.balance?.fen ?? null,
  };
}
