import type { Migration } from './index.js';

// issue 8: a Z report (日结) is numbered and kept as it was printed, so a reprint weeks
// later shows the same figures even after late refunds.
const migration: Migration = {
  version: 13,
  name: 'day-end',
  up(db) {
    db.exec(`
      CREATE TABLE day_end_reports (
        business_day TEXT    PRIMARY KEY,
        z_no         INTEGER NOT NULL UNIQUE,
        closed_at    TEXT    NOT NULL,
        operator_id  TEXT    NOT NULL,
        report_json  TEXT    NOT NULL
      ) STRICT;
      CREATE TRIGGER day_end_reports_no_update BEFORE UPDATE ON day_end_reports BEGIN SELECT RAISE(ABORT, 'a Z report is never changed'); END;
      CREATE TRIGGER day_end_reports_no_delete BEFORE DELETE ON day_end_reports BEGIN SELECT RAISE(ABORT, 'a Z report is never deleted'); END;
    `);
  },
};
export default migration;
