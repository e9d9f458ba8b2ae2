import type { Migration } from './index.js';

// issue 5, the bank side of 签到: the terminal's configuration, its persistent session
// (batch, key ciphertexts under the TMK with their KCVs — never a clear key), and the
// STAN counter. One row per merchant account.
const migration: Migration = {
  version: 4,
  name: 'terminal',
  up(db) {
    db.exec(`
      CREATE TABLE terminal_config (
        account_id           TEXT PRIMARY KEY REFERENCES merchant_accounts(id) ON DELETE CASCADE,
        merchant_id          TEXT NOT NULL CHECK (length(merchant_id) = 15),
        terminal_id          TEXT NOT NULL CHECK (length(terminal_id) = 8),
        merchant_name        TEXT NOT NULL DEFAULT '',
        host                 TEXT NOT NULL,
        port                 INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        tls                  INTEGER NOT NULL DEFAULT 0,
        ca_file              TEXT,
        tpdu                 TEXT NOT NULL DEFAULT '6000030000',
        header               TEXT NOT NULL DEFAULT '603100311003',
        net_code             TEXT NOT NULL DEFAULT '004' CHECK (net_code IN ('001', '003', '004')),
        pinpad_port          TEXT,
        pinpad_baud          INTEGER NOT NULL DEFAULT 9600,
        pinpad_format        TEXT NOT NULL DEFAULT '8N1' CHECK (pinpad_format IN ('8N1', '7E1')),
        master_key_slot      INTEGER NOT NULL DEFAULT 0 CHECK (master_key_slot BETWEEN 0 AND 9),
        reply_timeout_ms     INTEGER NOT NULL DEFAULT 30000,
        reversal_retries     INTEGER NOT NULL DEFAULT 3,
        daily_sign_in_at     TEXT,
        sign_off_after_settle INTEGER NOT NULL DEFAULT 1,
        updated_at           TEXT NOT NULL
      ) STRICT;

      CREATE TABLE terminal_session (
        account_id    TEXT PRIMARY KEY REFERENCES merchant_accounts(id) ON DELETE CASCADE,
        signed_in     INTEGER NOT NULL DEFAULT 0,
        batch_no      TEXT NOT NULL DEFAULT '000001',
        key_scheme    TEXT,
        pik_cipher    TEXT,
        pik_kcv       TEXT,
        mak_cipher    TEXT,
        mak_kcv       TEXT,
        tdk_cipher    TEXT,
        tdk_kcv       TEXT,
        signed_in_at  TEXT,
        host_time     TEXT,
        signed_off_at TEXT
      ) STRICT;

      -- host-protocol §2 F11: strictly increasing, never reused. Allocated in the same
      -- transaction that journals the message, so a crash cannot hand one out twice.
      CREATE TABLE stan_counter (
        account_id TEXT PRIMARY KEY REFERENCES merchant_accounts(id) ON DELETE CASCADE,
        last_stan  INTEGER NOT NULL DEFAULT 0
      ) STRICT;
    `);
  },
};
export default migration;
