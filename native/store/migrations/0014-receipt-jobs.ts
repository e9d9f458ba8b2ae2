import type { Migration } from './index.js';

// issue 12: the shop receipt of each sale is a durable job (printed or not, what the
// drawer did), so a printer that is off never loses a receipt and a retry never kicks the
// drawer twice. The journal gets the indexes checkout looks tenders up by.
const migration: Migration = {
  version: 14,
  name: 'receipt-jobs',
  up(db) {
    db.exec(`
      CREATE TABLE receipt_jobs (
        sale_id    INTEGER PRIMARY KEY REFERENCES sales(id),
        drawer     TEXT    NOT NULL CHECK (drawer IN ('not-needed', 'due', 'kicked', 'failed')),
        printed_at TEXT,
        attempts   INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX receipt_jobs_unprinted ON receipt_jobs (created_at) WHERE printed_at IS NULL;
      -- Every cart edit asks whether the cart is paid; voids and refunds look up their original.
      CREATE INDEX journal_order_ref ON journal (order_ref) WHERE order_ref IS NOT NULL;
      CREATE INDEX journal_original ON journal (original_id) WHERE original_id IS NOT NULL;
    `);
  },
};
export default migration;
