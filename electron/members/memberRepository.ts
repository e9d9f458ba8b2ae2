// SQL of the members service: prepared once, named parameters (style.md §8).
import type { Db } from '../../native/store/store.js';
import type { LedgerAccount, LedgerEntryView, LedgerKind, MemberStatus, MemberView, RechargePaidBy, TierView } from './memberSchemas.js';

export interface MemberRow {
  id: number;
  phone: string;
  name: string;
  card_no: string | null;
  tier: string;
  tier_name: string;
  points: number;
  stored_value_fen: number;
  cumulative_spend_fen: number;
  status: MemberStatus;
  password_hash: string | null;
  password_failures: number;
  created_at: string;
}

interface LedgerRow {
  id: number;
  member_id: number;
  account: LedgerAccount;
  delta: number;
  balance_after: number;
  kind: LedgerKind;
  sale_id: number | null;
  refund_id: number | null;
  recharge_id: number | null;
  operator_id: string | null;
  note: string | null;
  at: string;
}

export interface LedgerInsert {
  memberId: number;
  account: LedgerAccount;
  delta: number;
  balanceAfter: number;
  kind: LedgerKind;
  saleId: number | null;
  refundId: number | null;
  rechargeId: number | null;
  operatorId: string | null;
  note: string | null;
  at: string;
}

const MEMBER_COLUMNS = `m.id, m.phone, m.name, m.card_no, m.tier, t.name AS tier_name, m.points, m.stored_value_fen,
  m.cumulative_spend_fen, m.status, m.password_hash, m.password_failures, m.created_at`;

export function memberView(r: MemberRow): MemberView {
  return {
    id: r.id,
    phone: r.phone,
    name: r.name,
    cardNo: r.card_no,
    tier: { code: r.tier, name: r.tier_name },
    points: r.points,
    storedValueFen: r.stored_value_fen,
    cumulativeSpendFen: r.cumulative_spend_fen,
    status: r.status,
    hasPassword: r.password_hash !== null,
    createdAt: r.created_at,
  };
}

export function ledgerView(r: LedgerRow): LedgerEntryView {
  return {
    id: r.id,
    memberId: r.member_id,
    account: r.account,
    delta: r.delta,
    balanceAfter: r.balance_after,
    kind: r.kind,
    saleId: r.sale_id,
    refundId: r.refund_id,
    rechargeId: r.recharge_id,
    operatorId: r.operator_id,
    note: r.note,
    at: r.at,
  };
}

export class MemberRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    const from = `FROM members m JOIN member_tiers t ON t.code = m.tier`;
    this.s = {
      insert: db.prepare(
        `INSERT INTO members (phone, name, card_no, tier, password_hash, created_at, updated_at)
         VALUES (@phone, @name, @cardNo, (SELECT code FROM member_tiers ORDER BY min_spend_fen LIMIT 1), @passwordHash, @at, @at)`,
      ),
      byId: db.prepare(`SELECT ${MEMBER_COLUMNS} ${from} WHERE m.id = ?`),
      byPhone: db.prepare(`SELECT ${MEMBER_COLUMNS} ${from} WHERE m.phone = ?`),
      byCard: db.prepare(`SELECT ${MEMBER_COLUMNS} ${from} WHERE m.card_no = ?`),
      byPhoneTail: db.prepare(`SELECT ${MEMBER_COLUMNS} ${from} WHERE substr(m.phone, -4) = @tail ORDER BY m.id LIMIT @limit`),
      byNamePrefix: db.prepare(`SELECT ${MEMBER_COLUMNS} ${from} WHERE m.name >= @prefix AND m.name < @prefix || char(1114111) ORDER BY m.name LIMIT @limit`),
      update: db.prepare(
        `UPDATE members SET name = @name, phone = @phone, card_no = @cardNo, status = @status, updated_at = @at WHERE id = @id`,
      ),
      setPassword: db.prepare('UPDATE members SET password_hash = @hash, password_failures = 0, updated_at = @at WHERE id = @id'),
      setFailures: db.prepare('UPDATE members SET password_failures = @failures WHERE id = @id'),
      addSpend: db.prepare('UPDATE members SET cumulative_spend_fen = cumulative_spend_fen + @delta, updated_at = @at WHERE id = @id'),
      setTier: db.prepare('UPDATE members SET tier = @tier WHERE id = @id'),
      tiers: db.prepare('SELECT code, name, min_spend_fen AS minSpendFen, points_rate_bp AS pointsRateBp FROM member_tiers ORDER BY min_spend_fen'),
      tierFor: db.prepare('SELECT code, min_spend_fen AS minSpendFen FROM member_tiers WHERE min_spend_fen <= ? ORDER BY min_spend_fen DESC LIMIT 1'),
      tierOf: db.prepare('SELECT code, name, min_spend_fen AS minSpendFen, points_rate_bp AS pointsRateBp FROM member_tiers WHERE code = ?'),
      upsertTier: db.prepare(
        `INSERT INTO member_tiers (code, name, min_spend_fen, points_rate_bp) VALUES (@code, @name, @minSpendFen, @pointsRateBp)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, min_spend_fen = excluded.min_spend_fen, points_rate_bp = excluded.points_rate_bp`,
      ),
      // Thresholds are unique: park every tier far above any real threshold before the new
      // values go in, so swapping two thresholds does not trip the UNIQUE constraint.
      parkTiers: db.prepare('UPDATE member_tiers SET min_spend_fen = min_spend_fen + 1000000000000000'),
      tierMembers: db.prepare('SELECT count(*) AS n FROM members WHERE tier = ?'),
      deleteTier: db.prepare('DELETE FROM member_tiers WHERE code = ?'),
      insertLedger: db.prepare(
        `INSERT INTO member_ledger (member_id, account, delta, balance_after, kind, sale_id, refund_id, recharge_id, operator_id, note, at)
         VALUES (@memberId, @account, @delta, @balanceAfter, @kind, @saleId, @refundId, @rechargeId, @operatorId, @note, @at)`,
      ),
      ledger: db.prepare('SELECT * FROM member_ledger WHERE member_id = @memberId AND (@account IS NULL OR account = @account) ORDER BY id DESC LIMIT @limit'),
      ledgerById: db.prepare('SELECT * FROM member_ledger WHERE id = ?'),
      insertRecharge: db.prepare(
        `INSERT INTO member_recharges (member_id, amount_fen, bonus_fen, paid_by, reference, operator_id, at, local_at)
         VALUES (@memberId, @amountFen, @bonusFen, @paidBy, @reference, @operatorId, @at, @localAt)`,
      ),
      bonusRules: db.prepare('SELECT min_amount_fen AS minAmountFen, bonus_fen AS bonusFen FROM recharge_bonus_rules ORDER BY min_amount_fen'),
      bonusFor: db.prepare('SELECT bonus_fen AS bonusFen FROM recharge_bonus_rules WHERE min_amount_fen <= ? ORDER BY min_amount_fen DESC LIMIT 1'),
      clearBonusRules: db.prepare('DELETE FROM recharge_bonus_rules'),
      insertBonusRule: db.prepare('INSERT INTO recharge_bonus_rules (min_amount_fen, bonus_fen) VALUES (@minAmountFen, @bonusFen)'),
    };
  }

  insert(m: { phone: string; name: string; cardNo: string | null; passwordHash: string | null; at: string }): number {
    return Number(this.s.insert.run(m).lastInsertRowid);
  }
  byId(id: number): MemberRow | undefined {
    return this.s.byId.get(id) as MemberRow | undefined;
  }
  byPhone(phone: string): MemberRow | undefined {
    return this.s.byPhone.get(phone) as MemberRow | undefined;
  }
  byCard(cardNo: string): MemberRow | undefined {
    return this.s.byCard.get(cardNo) as MemberRow | undefined;
  }
  byPhoneTail(tail: string, limit: number): MemberRow[] {
    return this.s.byPhoneTail.all({ tail, limit }) as MemberRow[];
  }
  byNamePrefix(prefix: string, limit: number): MemberRow[] {
    return this.s.byNamePrefix.all({ prefix, limit }) as MemberRow[];
  }
  update(m: { id: number; name: string; phone: string; cardNo: string | null; status: MemberStatus; at: string }): void {
    this.s.update.run(m);
  }
  setPassword(id: number, hash: string, at: string): void {
    this.s.setPassword.run({ id, hash, at });
  }
  setFailures(id: number, failures: number): void {
    this.s.setFailures.run({ id, failures });
  }
  addSpend(id: number, delta: number, at: string): void {
    this.s.addSpend.run({ id, delta, at });
  }
  setTier(id: number, tier: string): void {
    this.s.setTier.run({ id, tier });
  }
  tiers(): TierView[] {
    return this.s.tiers.all() as TierView[];
  }
  tierFor(spendFen: number): { code: string; minSpendFen: number } | undefined {
    return this.s.tierFor.get(spendFen) as { code: string; minSpendFen: number } | undefined;
  }
  tierOf(code: string): TierView | undefined {
    return this.s.tierOf.get(code) as TierView | undefined;
  }
  replaceTiers(tiers: readonly TierView[]): void {
    this.s.parkTiers.run();
    for (const t of tiers) this.s.upsertTier.run(t);
    const keep = new Set(tiers.map((t) => t.code));
    for (const t of this.s.tiers.all() as TierView[]) {
      if (keep.has(t.code)) continue;
      if ((this.s.tierMembers.get(t.code) as { n: number }).n > 0) throw new TierInUse(t.code);
      this.s.deleteTier.run(t.code);
    }
  }
  insertLedger(e: LedgerInsert): LedgerEntryView {
    const id = Number(this.s.insertLedger.run(e).lastInsertRowid);
    return ledgerView(this.s.ledgerById.get(id) as LedgerRow);
  }
  ledger(memberId: number, account: LedgerAccount | null, limit: number): LedgerEntryView[] {
    return (this.s.ledger.all({ memberId, account, limit }) as LedgerRow[]).map(ledgerView);
  }
  insertRecharge(r: { memberId: number; amountFen: number; bonusFen: number; paidBy: RechargePaidBy; reference: string | null; operatorId: string; at: string; localAt: string }): number {
    return Number(this.s.insertRecharge.run(r).lastInsertRowid);
  }
  bonusRules(): Array<{ minAmountFen: number; bonusFen: number }> {
    return this.s.bonusRules.all() as Array<{ minAmountFen: number; bonusFen: number }>;
  }
  bonusFor(amountFen: number): number {
    return (this.s.bonusFor.get(amountFen) as { bonusFen: number } | undefined)?.bonusFen ?? 0;
  }
  replaceBonusRules(rules: ReadonlyArray<{ minAmountFen: number; bonusFen: number }>): void {
    this.s.clearBonusRules.run();
    for (const r of rules) this.s.insertBonusRule.run(r);
  }
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

export class TierInUse extends Error {
  constructor(readonly code: string) {
    super(`tier ${code} in use`);
  }
}
