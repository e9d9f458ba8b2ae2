import type { Migration } from './index.js';

// issue 8: members, tiers, points and stored value. Every change of points or stored
// value is a member_ledger row; the balances on members are moved only by the trigger on
// that table, so they are the ledger's sum by construction, and CHECKs refuse a negative
// balance. The ledger is append-only like the audit log.
const migration: Migration = {
  version: 11,
  name: 'members',
  up(db) {
    db.exec(`
      CREATE TABLE member_tiers (
        code           TEXT    PRIMARY KEY,
        name           TEXT    NOT NULL,
        min_spend_fen  INTEGER NOT NULL UNIQUE CHECK (min_spend_fen >= 0),
        points_rate_bp INTEGER NOT NULL DEFAULT 10000 CHECK (points_rate_bp >= 0)
      ) STRICT;
      INSERT INTO member_tiers (code, name, min_spend_fen, points_rate_bp) VALUES
        ('normal', '普通会员', 0, 10000),
        ('silver', '银卡会员', 100000, 10000),
        ('gold', '金卡会员', 500000, 15000),
        ('diamond', '钻石会员', 2000000, 20000);

      CREATE TABLE members (
        id                   INTEGER PRIMARY KEY,
        phone                TEXT    NOT NULL UNIQUE,
        name                 TEXT    NOT NULL,
        card_no              TEXT    UNIQUE,
        tier                 TEXT    NOT NULL REFERENCES member_tiers(code) ON UPDATE CASCADE,
        points               INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
        stored_value_fen     INTEGER NOT NULL DEFAULT 0 CHECK (stored_value_fen >= 0),
        cumulative_spend_fen INTEGER NOT NULL DEFAULT 0,
        status               TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen', 'closed')),
        password_hash        TEXT,
        password_failures    INTEGER NOT NULL DEFAULT 0,
        created_at           TEXT    NOT NULL,
        updated_at           TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX members_name ON members(name);

      CREATE TABLE member_recharges (
        id           INTEGER PRIMARY KEY,
        member_id    INTEGER NOT NULL REFERENCES members(id),
        amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
        bonus_fen    INTEGER NOT NULL CHECK (bonus_fen >= 0),
        paid_by      TEXT    NOT NULL CHECK (paid_by IN ('cash', 'card', 'qr')),
        reference    TEXT,
        operator_id  TEXT    NOT NULL,
        at           TEXT    NOT NULL,
        local_at     TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX member_recharges_at ON member_recharges(at);

      CREATE TABLE member_ledger (
        id            INTEGER PRIMARY KEY,
        member_id     INTEGER NOT NULL REFERENCES members(id),
        account       TEXT    NOT NULL CHECK (account IN ('points', 'storedValue')),
        delta         INTEGER NOT NULL CHECK (delta <> 0),
        balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
        kind          TEXT    NOT NULL,
        sale_id       INTEGER,
        refund_id     INTEGER,
        recharge_id   INTEGER REFERENCES member_recharges(id),
        operator_id   TEXT,
        note          TEXT,
        at            TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX member_ledger_member ON member_ledger(member_id, account, id);

      CREATE TRIGGER member_ledger_apply AFTER INSERT ON member_ledger BEGIN
        UPDATE members SET points = points + NEW.delta WHERE id = NEW.member_id AND NEW.account = 'points';
        UPDATE members SET stored_value_fen = stored_value_fen + NEW.delta WHERE id = NEW.member_id AND NEW.account = 'storedValue';
        SELECT RAISE(ABORT, 'member_ledger balance_after does not match the balance')
          WHERE (SELECT CASE NEW.account WHEN 'points' THEN points ELSE stored_value_fen END FROM members WHERE id = NEW.member_id) <> NEW.balance_after;
      END;
      CREATE TRIGGER member_ledger_no_update BEFORE UPDATE ON member_ledger
        BEGIN SELECT RAISE(ABORT, 'member_ledger is append-only'); END;
      CREATE TRIGGER member_ledger_no_delete BEFORE DELETE ON member_ledger
        BEGIN SELECT RAISE(ABORT, 'member_ledger is append-only'); END;

      CREATE TABLE recharge_bonus_rules (
        min_amount_fen INTEGER PRIMARY KEY CHECK (min_amount_fen > 0),
        bonus_fen      INTEGER NOT NULL CHECK (bonus_fen >= 0)
      ) STRICT;
    `);
  },
};
export default migration;
