import type { Migration } from './index.js';

// issue 6: the transaction journal (every message that can move money, written before
// it is sent), the reversal records (durable before the send, host-protocol §4.4), the
// e-slips with their signatures, the signature upload queue, and settlements.
// Card numbers only ever masked (first 6, last 4); the full PAN a pending reversal
// needs is sealed (pan_sealed) and deleted with the reversal record.
const migration: Migration = {
  version: 5,
  name: 'payments',
  up(db) {
    db.exec(`
      CREATE TABLE journal (
        id              INTEGER PRIMARY KEY,
        account_id      TEXT NOT NULL,
        batch_no        TEXT NOT NULL,
        stan            TEXT NOT NULL,
        type            TEXT NOT NULL CHECK (type IN ('sale', 'void', 'refund', 'balance', 'cash', 'stored-value')),
        tender          TEXT NOT NULL CHECK (tender IN ('card', 'qr', 'cash', 'stored-value')),
        amount          INTEGER NOT NULL CHECK (amount >= 0),
        status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'failed', 'unknown', 'reversal-pending', 'reversed', 'voided')),
        masked_pan      TEXT,
        entry_mode      TEXT,
        card_org        TEXT,
        response_code   TEXT,
        response_zh     TEXT,
        response_en     TEXT,
        rrn             TEXT,
        auth_code       TEXT,
        host_date       TEXT,
        host_time       TEXT,
        operator_id     TEXT NOT NULL,
        original_id     INTEGER REFERENCES journal(id),
        original_rrn    TEXT,
        original_date   TEXT,
        order_ref       TEXT,
        tendered        INTEGER,
        change_given    INTEGER,
        balance         INTEGER,
        settled         INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX journal_stan ON journal (account_id, batch_no, stan) WHERE tender IN ('card', 'qr');
      CREATE INDEX journal_batch ON journal (account_id, batch_no, status);
      CREATE INDEX journal_rrn ON journal (rrn);
      CREATE INDEX journal_created ON journal (created_at);

      CREATE TABLE reversals (
        journal_id  INTEGER PRIMARY KEY REFERENCES journal(id),
        phase       TEXT NOT NULL CHECK (phase IN ('prepared', 'sent', 'approved-not-completed', 'pending')),
        reason      TEXT NOT NULL CHECK (reason IN ('98', '96', 'A0', '06')),
        source      TEXT NOT NULL,
        pan_sealed  TEXT,
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE signatures (
        journal_id     INTEGER PRIMARY KEY REFERENCES journal(id),
        status         TEXT NOT NULL CHECK (status IN ('signed', 'refused', 'timed-out')),
        strokes        TEXT,
        png            BLOB,
        upload_status  TEXT NOT NULL DEFAULT 'none' CHECK (upload_status IN ('none', 'queued', 'uploaded', 'failed')),
        upload_attempts INTEGER NOT NULL DEFAULT 0,
        upload_error   TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settlements (
        id            INTEGER PRIMARY KEY,
        account_id    TEXT NOT NULL,
        batch_no      TEXT NOT NULL,
        balanced      INTEGER NOT NULL,
        result        TEXT NOT NULL,
        debit_count   INTEGER NOT NULL,
        debit_amount  INTEGER NOT NULL,
        credit_count  INTEGER NOT NULL,
        credit_amount INTEGER NOT NULL,
        report        TEXT NOT NULL,
        operator_id   TEXT NOT NULL,
        created_at    TEXT NOT NULL
      ) STRICT;
    `);
  },
};
export default migration;
