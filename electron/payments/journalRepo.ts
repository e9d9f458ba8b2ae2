// SQL of the transaction journal and its reversal records (style.md §8).
import type { Db } from '../../native/store/store.js';

export type JournalType = 'sale' | 'void' | 'refund' | 'balance' | 'cash' | 'stored-value';
export type Tender = 'card' | 'qr' | 'cash' | 'stored-value';
export type JournalStatus = 'pending' | 'approved' | 'declined' | 'failed' | 'unknown' | 'reversal-pending' | 'reversed' | 'voided';
export type ReversalPhase = 'prepared' | 'sent' | 'approved-not-completed' | 'pending';
export type ReversalReason = '98' | '96' | 'A0' | '06';

export interface JournalRow {
  id: number;
  accountId: string;
  batchNo: string;
  stan: string;
  type: JournalType;
  tender: Tender;
  amount: number;
  status: JournalStatus;
  maskedPan: string | null;
  entryMode: string | null;
  cardOrg: string | null;
  responseCode: string | null;
  responseZh: string | null;
  responseEn: string | null;
  rrn: string | null;
  authCode: string | null;
  hostDate: string | null;
  hostTime: string | null;
  operatorId: string;
  originalId: number | null;
  originalRrn: string | null;
  originalDate: string | null;
  orderRef: string | null;
  tendered: number | null;
  changeGiven: number | null;
  balance: number | null;
  settled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ReversalRow {
  journalId: number;
  phase: ReversalPhase;
  reason: ReversalReason;
  /** The original's fields for the 0400, card fields removed (they are in panSealed). */
  source: Record<number, string>;
  panSealed: string | null;
  attempts: number;
  lastError: string | null;
}

const COLUMNS = `id, account_id AS accountId, batch_no AS batchNo, stan, type, tender, amount, status, masked_pan AS maskedPan,
  entry_mode AS entryMode, card_org AS cardOrg, response_code AS responseCode, response_zh AS responseZh, response_en AS responseEn,
  rrn, auth_code AS authCode, host_date AS hostDate, host_time AS hostTime, operator_id AS operatorId, original_id AS originalId,
  original_rrn AS originalRrn, original_date AS originalDate, order_ref AS orderRef, tendered, change_given AS changeGiven, balance,
  settled, created_at AS createdAt, updated_at AS updatedAt`;

const toRow = (r: Record<string, unknown> | undefined): JournalRow | null => (r ? ({ ...r, settled: r.settled === 1 } as unknown as JournalRow) : null);

export interface NewJournalRow {
  accountId: string;
  batchNo: string;
  stan: string;
  type: JournalType;
  tender: Tender;
  amount: number;
  status: JournalStatus;
  operatorId: string;
  maskedPan?: string | null;
  entryMode?: string | null;
  originalId?: number | null;
  originalRrn?: string | null;
  originalDate?: string | null;
  orderRef?: string | null;
  tendered?: number | null;
  changeGiven?: number | null;
}

export interface JournalQuery {
  batchNo?: string;
  stan?: string;
  rrn?: string;
  maskedPanLast4?: string;
  amount?: number;
  from?: string;
  to?: string;
  limit?: number;
}

export class JournalRepo {
  private readonly insertStmt;
  private readonly byIdStmt;

  constructor(private readonly db: Db, private readonly now: () => Date) {
    this.insertStmt = db.prepare(
      `INSERT INTO journal (account_id, batch_no, stan, type, tender, amount, status, masked_pan, entry_mode, operator_id, original_id,
         original_rrn, original_date, order_ref, tendered, change_given, created_at, updated_at)
       VALUES (@accountId, @batchNo, @stan, @type, @tender, @amount, @status, @maskedPan, @entryMode, @operatorId, @originalId,
         @originalRrn, @originalDate, @orderRef, @tendered, @changeGiven, @at, @at)`,
    );
    this.byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM journal WHERE id = ?`);
  }

  insert(row: NewJournalRow): number {
    const r = this.insertStmt.run({
      maskedPan: null,
      entryMode: null,
      originalId: null,
      originalRrn: null,
      originalDate: null,
      orderRef: null,
      tendered: null,
      changeGiven: null,
      ...row,
      at: this.now().toISOString(),
    });
    return Number(r.lastInsertRowid);
  }

  get(id: number): JournalRow | null {
    return toRow(this.byIdStmt.get(id) as Record<string, unknown> | undefined);
  }

  byStan(accountId: string, batchNo: string, stan: string): JournalRow | null {
    return toRow(this.db.prepare(`SELECT ${COLUMNS} FROM journal WHERE account_id = ? AND batch_no = ? AND stan = ? AND tender IN ('card', 'qr')`).get(accountId, batchNo, stan) as Record<string, unknown> | undefined);
  }

  /** Records the host's answer. */
  complete(id: number, r: { status: JournalStatus; responseCode?: string | null; responseZh?: string | null; responseEn?: string | null; rrn?: string | null; authCode?: string | null; hostDate?: string | null; hostTime?: string | null; cardOrg?: string | null; balance?: number | null }): void {
    this.db
      .prepare(
        `UPDATE journal SET status = @status, response_code = COALESCE(@responseCode, response_code), response_zh = COALESCE(@responseZh, response_zh),
           response_en = COALESCE(@responseEn, response_en), rrn = COALESCE(@rrn, rrn), auth_code = COALESCE(@authCode, auth_code),
           host_date = COALESCE(@hostDate, host_date), host_time = COALESCE(@hostTime, host_time), card_org = COALESCE(@cardOrg, card_org),
           balance = COALESCE(@balance, balance), updated_at = @at WHERE id = @id`,
      )
      .run({ responseCode: null, responseZh: null, responseEn: null, rrn: null, authCode: null, hostDate: null, hostTime: null, cardOrg: null, balance: null, ...r, id, at: this.now().toISOString() });
  }

  setStatus(id: number, status: JournalStatus): void {
    this.db.prepare('UPDATE journal SET status = ?, updated_at = ? WHERE id = ?').run(status, this.now().toISOString(), id);
  }

  query(q: JournalQuery): JournalRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const add = (clause: string, name: string, value: unknown): void => {
      where.push(clause);
      params[name] = value;
    };
    if (q.batchNo) add('batch_no = @batchNo', 'batchNo', q.batchNo);
    if (q.stan) add('stan = @stan', 'stan', q.stan);
    if (q.rrn) add('rrn = @rrn', 'rrn', q.rrn);
    if (q.maskedPanLast4) add("masked_pan LIKE '%' || @last4", 'last4', q.maskedPanLast4);
    if (q.amount !== undefined) add('amount = @amount', 'amount', q.amount);
    if (q.from) add('created_at >= @from', 'from', q.from);
    if (q.to) add('created_at < @to', 'to', q.to);
    params.limit = q.limit ?? 500;
    const sql = `SELECT ${COLUMNS} FROM journal ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as Record<string, unknown>[]).map((r) => toRow(r)!);
  }

  /** A refund of this RRN whose outcome is unknown (it may have happened at the bank). */
  hasUnknownRefund(rrn: string): boolean {
    return this.db.prepare("SELECT 1 FROM journal WHERE type = 'refund' AND status = 'unknown' AND original_rrn = ? LIMIT 1").get(rrn) !== undefined;
  }

  /** Approved tenders (card, QR, cash) that carry an order reference, oldest first. */
  paidFor(orderRef: string): JournalRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM journal WHERE order_ref = ? AND type IN ('sale', 'cash') AND status = 'approved' ORDER BY id`).all(orderRef) as Record<string, unknown>[]).map((r) => toRow(r)!);
  }

  /** Bank transactions of a batch, for settlement totals and batch upload. */
  batch(accountId: string, batchNo: string): JournalRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM journal WHERE account_id = ? AND batch_no = ? AND tender IN ('card', 'qr') ORDER BY id`).all(accountId, batchNo) as Record<string, unknown>[]).map((r) => toRow(r)!);
  }

  // ---- reversal records ---------------------------------------------------------------

  armReversal(journalId: number, source: Record<number, string>, panSealed: string | null, reason: ReversalReason): void {
    const at = this.now().toISOString();
    this.db
      .prepare("INSERT INTO reversals (journal_id, phase, reason, source, pan_sealed, created_at, updated_at) VALUES (?, 'prepared', ?, ?, ?, ?, ?)")
      .run(journalId, reason, JSON.stringify(source), panSealed, at, at);
  }

  setReversalPhase(journalId: number, phase: ReversalPhase, reason: ReversalReason): void {
    this.db.prepare('UPDATE reversals SET phase = ?, reason = ?, updated_at = ? WHERE journal_id = ?').run(phase, reason, this.now().toISOString(), journalId);
  }

  reversalAttempted(journalId: number, error: string | null): void {
    this.db.prepare('UPDATE reversals SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE journal_id = ?').run(error, this.now().toISOString(), journalId);
  }

  /** A reversal record's original fields, replaced (a 96 reversal repeats the reply's F38). */
  setReversalSource(journalId: number, source: Record<number, string>, panSealed: string | null): void {
    this.db.prepare('UPDATE reversals SET source = ?, pan_sealed = ?, updated_at = ? WHERE journal_id = ?').run(JSON.stringify(source), panSealed, this.now().toISOString(), journalId);
  }

  /** Claims an approved payment for one purpose (a member recharge), at most once. */
  claim(id: number, orderRef: string): boolean {
    // An amount charge (金额收款, `amount:<request id>`) paid for nothing yet, so it may be claimed.
    return this.db.prepare("UPDATE journal SET order_ref = ?, updated_at = ? WHERE id = ? AND (order_ref IS NULL OR order_ref LIKE 'amount:%') AND status = 'approved'").run(orderRef, this.now().toISOString(), id).changes === 1;
  }

  clearReversal(journalId: number): void {
    this.db.prepare('DELETE FROM reversals WHERE journal_id = ?').run(journalId);
  }

  reversal(journalId: number): ReversalRow | null {
    const r = this.db.prepare('SELECT journal_id AS journalId, phase, reason, source, pan_sealed AS panSealed, attempts, last_error AS lastError FROM reversals WHERE journal_id = ?').get(journalId) as (Omit<ReversalRow, 'source'> & { source: string }) | undefined;
    return r ? { ...r, source: JSON.parse(r.source) as Record<number, string> } : null;
  }

  reversals(): ReversalRow[] {
    const rows = this.db.prepare('SELECT journal_id AS journalId, phase, reason, source, pan_sealed AS panSealed, attempts, last_error AS lastError FROM reversals ORDER BY journal_id').all() as Array<Omit<ReversalRow, 'source'> & { source: string }>;
    return rows.map((r) => ({ ...r, source: JSON.parse(r.source) as Record<number, string> }));
  }
  // ---- checkout (issue 12): what a shop sale's tenders have given back -------------------

  /** Every row carrying an order reference, any status, oldest first. */
  byOrderRef(orderRef: string): JournalRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM journal WHERE order_ref = ? ORDER BY id`).all(orderRef) as Record<string, unknown>[]).map((r) => toRow(r)!);
  }

  /** Approved refunds of one original, oldest first. */
  refundsOf(originalId: number): JournalRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM journal WHERE original_id = ? AND type = 'refund' AND status = 'approved' ORDER BY id`).all(originalId) as Record<string, unknown>[]).map((r) => toRow(r)!);
  }

  /** Fen of one original already refunded (approved refunds only). */
  refundedOf(originalId: number): number {
    return (this.db.prepare("SELECT coalesce(sum(amount), 0) AS fen FROM journal WHERE original_id = ? AND type = 'refund' AND status = 'approved'").get(originalId) as { fen: number }).fen;
  }

  /** The approved void of one original, if any. */
  voidOf(originalId: number): JournalRow | null {
    return toRow(this.db.prepare(`SELECT ${COLUMNS} FROM journal WHERE original_id = ? AND type = 'void' AND status = 'approved' ORDER BY id DESC LIMIT 1`).get(originalId) as Record<string, unknown> | undefined);
  }
}
