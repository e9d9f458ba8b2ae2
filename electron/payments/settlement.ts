// Settlement (结算, host-protocol §4.5): pending reversals first → totals from the
// journal → 0500 → balanced: 0320/207; not balanced: every transaction as 0320/201,
// then 0320/202 → next batch → the report. Sign-off afterwards when configured.
import { CashdeskError } from '../../native/errors.js';
import type { Logger } from '../../native/log/logger.js';
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { HostLink } from '../host/link.js';
import { buildBatchUploadEnd, buildBatchUploadItem, buildSettlement, parseSettlementReply, type SettlementTotals, type SideTotals } from '../host/messages.js';
import type { Terminal } from '../terminal/terminal.js';
import { notSignedIn } from '../terminal/signInErrors.js';
import type { JournalRepo, JournalRow } from './journalRepo.js';
import type { ReversalQueue } from './reversalQueue.js';
import type { SettlementReport } from '../contract.js';

export type { SettlementReport };

const zero = (): SideTotals => ({ debitAmount: 0, debitCount: 0, creditAmount: 0, creditCount: 0 });

/** host-protocol §4.5: 内卡 = reply F63 `CUP`, or a PAN starting 62 when the reply named none; QR counts as domestic. */
export function isDomestic(r: JournalRow): boolean {
  if (r.tender === 'qr') return true;
  if (r.cardOrg) return r.cardOrg === 'CUP';
  return (r.maskedPan ?? '').startsWith('62');
}

/**
 * Debit = approved sales (a voided sale still counts); credit = approved voids and
 * refunds; reversed, declined and pending transactions count nowhere; cash never.
 */
export function batchTotals(rows: readonly JournalRow[]): SettlementTotals {
  const totals: SettlementTotals = { domestic: zero(), foreign: zero() };
  for (const r of rows) {
    if (r.tender !== 'card' && r.tender !== 'qr') continue;
    const side = isDomestic(r) ? totals.domestic : totals.foreign;
    if (r.type === 'sale' && (r.status === 'approved' || r.status === 'voided')) {
      side.debitAmount += r.amount;
      side.debitCount++;
    } else if ((r.type === 'void' || r.type === 'refund') && r.status === 'approved') {
      side.creditAmount += r.amount;
      side.creditCount++;
    }
  }
  return totals;
}

export interface SettlementDeps {
  db: Db;
  journal: JournalRepo;
  reversals: ReversalQueue;
  terminal: Terminal;
  hostLink: () => HostLink | null;
  audit: AuditLog;
  logger: Logger;
  now: () => Date;
  failedSignatureUploads: () => SettlementReport['failedSignatureUploads'];
}

export class Settlement {
  constructor(private readonly d: SettlementDeps) {}

  async settle(operatorId: string, accountId = 'default'): Promise<SettlementReport> {
    this.d.terminal.requireSignedIn();
    const link = this.d.hostLink();
    if (!link) throw notSignedIn();
    await this.d.reversals.flushAll();
    const ctx = this.d.terminal.context(operatorId);
    const batch = ctx.batchNo;
    const rows = this.d.journal.batch(accountId, batch);
    const totals = batchTotals(rows);
    const macFn = this.d.terminal.macFn();

    const stan = this.d.terminal.repo.nextStan(accountId);
    const reply = parseSettlementReply((await link.exchange(buildSettlement(ctx, { stan, totals }), { macFn })).message);
    if (!reply.outcome.approved || !reply.results || reply.results.includes('3')) {
      throw new CashdeskError('SETTLEMENT_FAILED', `结算未成功（${reply.outcome.code}：${reply.outcome.zh}）。批次未改变，请稍后重试。`, `Settlement failed (${reply.outcome.code}: ${reply.outcome.en}). The batch is unchanged; try again later.`);
    }
    let uploaded = 0;
    if (!reply.balanced) {
      for (const r of rows) {
        if (!r.rrn || r.type === 'balance' || !(r.status === 'approved' || r.status === 'voided')) continue;
        if (!(r.type === 'sale' || r.type === 'void' || r.type === 'refund')) continue;
        const s = this.d.terminal.repo.nextStan(accountId);
        await link.exchange(
          buildBatchUploadItem(ctx, { stan: s, transaction: { type: r.type, amount: r.amount, stan: r.stan, date: r.hostDate ?? mmdd(this.d.now()), rrn: r.rrn, ...(r.authCode ? { authCode: r.authCode } : {}), entryMode: entryDigits(r) } }),
          { macFn },
        );
        uploaded++;
      }
    }
    const endStan = this.d.terminal.repo.nextStan(accountId);
    await link.exchange(buildBatchUploadEnd(ctx, { stan: endStan, count: reply.balanced ? countedTransactions(totals) : uploaded, balanced: reply.balanced }), { macFn });

    const nextBatch = String((Number(batch) % 999_999) + 1).padStart(6, '0');
    const debit = { count: totals.domestic.debitCount + totals.foreign.debitCount, amount: totals.domestic.debitAmount + totals.foreign.debitAmount };
    const credit = { count: totals.domestic.creditCount + totals.foreign.creditCount, amount: totals.domestic.creditAmount + totals.foreign.creditAmount };
    const report: SettlementReport = {
      ok: true,
      balanced: reply.balanced,
      batch,
      nextBatch,
      debit,
      credit,
      totals,
      uploaded,
      failedReversals: this.d.reversals.list(),
      failedSignatureUploads: this.d.failedSignatureUploads(),
      settledAt: this.d.now().toISOString(),
      signedOff: false,
    };
    this.d.db.transaction(() => {
      this.d.db
        .prepare(
          `INSERT INTO settlements (account_id, batch_no, balanced, result, debit_count, debit_amount, credit_count, credit_amount, report, operator_id, created_at)
           VALUES (@accountId, @batch, @balanced, @result, @dc, @da, @cc, @ca, @report, @operatorId, @at)`,
        )
        .run({ accountId, batch, balanced: reply.balanced ? 1 : 0, result: (reply.results ?? []).join(''), dc: debit.count, da: debit.amount, cc: credit.count, ca: credit.amount, report: JSON.stringify(report), operatorId, at: report.settledAt });
      this.d.db.prepare("UPDATE journal SET settled = 1 WHERE account_id = ? AND batch_no = ?").run(accountId, batch);
      this.d.terminal.repo.setBatch(accountId, nextBatch);
      this.d.audit.append({ actor: operatorId, action: 'payment.settle', target: batch, outcome: 'ok', detail: { balanced: reply.balanced, debit, credit } });
    })();
    this.d.logger.log('info', 'settlement.done', { batch, balanced: reply.balanced, uploaded });
    if (this.d.terminal.config()?.signOffAfterSettle) {
      await this.d.terminal.signOff(operatorId).catch(() => undefined);
      report.signedOff = true;
    }
    return report;
  }

  history(limit = 30): SettlementReport[] {
    return (this.d.db.prepare('SELECT report FROM settlements ORDER BY id DESC LIMIT ?').all(limit) as Array<{ report: string }>).map((r) => JSON.parse(r.report) as SettlementReport);
  }
}

/** The transactions the settlement counted (debits and credits, both sides): the end-of-batch F48. */
function countedTransactions(t: SettlementTotals): number {
  return t.domestic.debitCount + t.domestic.creditCount + t.foreign.debitCount + t.foreign.creditCount;
}

function mmdd(d: Date): string {
  return String(d.getMonth() + 1).padStart(2, '0') + String(d.getDate()).padStart(2, '0');
}

function entryDigits(r: JournalRow): string {
  switch (r.entryMode) {
    case 'chip':
      return '051';
    case 'tap':
      return '071';
    case 'qr':
      return '032';
    default:
      return '021';
  }
}
