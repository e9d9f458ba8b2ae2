// The shop receipt (购物小票) of every completed sale is a durable job: a printer that is
// off or out of paper never loses it. The row says whether it printed and what the drawer
// did, so a retry or a restart prints it again without opening the drawer a second time.
import type { Db } from '../../native/store/store.js';

export type DrawerState = 'not-needed' | 'due' | 'kicked' | 'failed';

export interface ReceiptJobRow {
  saleId: number;
  drawer: DrawerState;
  printedAt: string | null;
  attempts: number;
  lastError: string | null;
}

const COLUMNS = 'sale_id AS saleId, drawer, printed_at AS printedAt, attempts, last_error AS lastError';

export class ReceiptJobs {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Once per sale; a second call (a retried completion) keeps the first row. */
  record(saleId: number, cashTaken: boolean): void {
    this.db
      .prepare("INSERT OR IGNORE INTO receipt_jobs (sale_id, drawer, attempts, created_at) VALUES (?, ?, 0, ?)")
      .run(saleId, cashTaken ? 'due' : 'not-needed', this.now().toISOString());
  }

  /**
   * A crash between a sale and its job row leaves a sale with no receipt: give it one (the
   * drawer is not opened after a restart; the cashier opens it with a supervisor if needed).
   */
  adoptOrphans(sinceIso: string): number {
    return this.db
      .prepare(
        `INSERT INTO receipt_jobs (sale_id, drawer, attempts, created_at)
         SELECT s.id, 'not-needed', 0, @at FROM sales s
          WHERE s.at >= @since AND NOT EXISTS (SELECT 1 FROM receipt_jobs j WHERE j.sale_id = s.id)`,
      )
      .run({ since: sinceIso, at: this.now().toISOString() }).changes;
  }

  get(saleId: number): ReceiptJobRow | null {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM receipt_jobs WHERE sale_id = ?`).get(saleId) as ReceiptJobRow | undefined) ?? null;
  }

  /** Not printed yet, oldest first, for the retry after a restart or when the printer is back. */
  unprinted(sinceIso: string, limit = 50): ReceiptJobRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM receipt_jobs WHERE printed_at IS NULL AND created_at >= ? ORDER BY sale_id LIMIT ?`).all(sinceIso, limit) as ReceiptJobRow[];
  }

  drawerDone(saleId: number, state: 'kicked' | 'failed'): void {
    this.db.prepare("UPDATE receipt_jobs SET drawer = ? WHERE sale_id = ? AND drawer = 'due'").run(state, saleId);
  }

  attempted(saleId: number, printed: boolean, error: string | null): void {
    this.db
      .prepare('UPDATE receipt_jobs SET attempts = attempts + 1, printed_at = CASE WHEN @printed THEN @at ELSE printed_at END, last_error = @error WHERE sale_id = @saleId')
      .run({ saleId, printed: printed ? 1 : 0, at: this.now().toISOString(), error });
  }

  printedBySaleNo(saleNo: string): void {
    this.db
      .prepare('UPDATE receipt_jobs SET printed_at = ?, last_error = NULL WHERE printed_at IS NULL AND sale_id = (SELECT id FROM sales WHERE sale_no = ?)')
      .run(this.now().toISOString(), saleNo);
  }
}
