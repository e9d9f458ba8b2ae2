import type { Migration } from './index.js';

// issue 5: operators as on bank terminals (00 supervisor, 01-98 cashiers, 99 admin),
// the merchant accounts an operator may use, and the key/value settings (sign-in policy).
const migration: Migration = {
  version: 3,
  name: 'operators',
  up(db) {
    db.exec(`
      CREATE TABLE operators (
        id              TEXT PRIMARY KEY CHECK (length(id) = 2 AND id GLOB '[0-9][0-9]'),
        role            TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'admin')),
        name            TEXT NOT NULL DEFAULT '',
        password_hash   TEXT NOT NULL,
        password_salt   TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until    TEXT,
        active          INTEGER NOT NULL DEFAULT 1,
        created_at      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE merchant_accounts (
        id   TEXT PRIMARY KEY,
        name TEXT NOT NULL
      ) STRICT;

      CREATE TABLE operator_accounts (
        operator_id TEXT NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
        account_id  TEXT NOT NULL REFERENCES merchant_accounts(id) ON DELETE CASCADE,
        PRIMARY KEY (operator_id, account_id)
      ) STRICT;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
export default migration;
