// Members (issue 8): profile, tier, points and stored value. Every balance change goes
// through post(), which writes one member_ledger row; the trigger on that table moves the
// balance, so the balance is the ledger's sum by construction (0011-members.ts).
import type { Settings } from '../../native/store/settings.js';
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import { MemberError, memberErrors } from './memberErrors.js';
import { hashMemberPassword, MEMBER_PASSWORD_COST, verifyMemberPassword, type ScryptCost } from './memberPassword.js';
import { MemberRepository, memberView, TierInUse, type MemberRow } from './memberRepository.js';
import {
  BalanceAdjustSchema,
  BonusRulesSchema,
  LedgerQuerySchema,
  MemberCreateSchema,
  MemberFindSchema,
  MemberSetPasswordSchema,
  MemberSettingsSchema,
  MemberSettingsUpdateSchema,
  MemberUpdateSchema,
  PointsRedeemSchema,
  RechargeSchema,
  TiersSchema,
  type BalanceAdjustInput,
  type BonusRulesInput,
  type BonusRuleView,
  type LedgerAccount,
  type LedgerEntryView,
  type LedgerKind,
  type LedgerQueryInput,
  type MemberCreateInput,
  type MemberFindInput,
  type MemberSetPasswordInput,
  type MemberSettings,
  type MemberSettingsUpdateInput,
  type MemberUpdateInput,
  type MemberView,
  type PointsRedeemInput,
  type RechargeInput,
  type RechargeView,
  type TiersInput,
  type TierView,
} from './memberSchemas.js';
import { shopLocalStamp, type ShopClock } from './shopTime.js';
import type { SupervisorApproval } from './supervisorApproval.js';

/** Wrong payment passwords in a row before stored-value payment locks (a supervisor resets it). */
export const MEMBER_PASSWORD_MAX_FAILURES = 5;

export const DEFAULT_MEMBER_SETTINGS: MemberSettings = { pointsPerYuan: 1, fenPerPoint: 1 };
const SETTINGS_KEY = 'members.settings';

export interface LedgerPosting {
  memberId: number;
  account: LedgerAccount;
  delta: number;
  kind: LedgerKind;
  saleId?: number | null;
  refundId?: number | null;
  rechargeId?: number | null;
  operatorId?: string | null;
  note?: string | null;
}

export interface MembersDeps {
  db: Db;
  audit: AuditLog;
  settings: Settings;
  clock: ShopClock;
  /** Tests lower the scrypt cost; the app keeps the default. */
  passwordCost?: ScryptCost;
}

function isUniqueViolation(e: unknown, column: string): boolean {
  return e instanceof Error && /UNIQUE constraint failed/.test(e.message) && e.message.includes(column);
}

export class Members {
  private readonly repo: MemberRepository;
  private readonly audit: AuditLog;
  private readonly settingsStore: Settings;
  private readonly clock: ShopClock;
  private readonly cost: ScryptCost;
  private readonly db: Db;

  constructor(deps: MembersDeps) {
    this.db = deps.db;
    this.repo = new MemberRepository(deps.db);
    this.audit = deps.audit;
    this.settingsStore = deps.settings;
    this.clock = deps.clock;
    this.cost = deps.passwordCost ?? MEMBER_PASSWORD_COST;
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }

  // ---- profile ---------------------------------------------------------------------

  async create(input: MemberCreateInput): Promise<MemberView> {
    const v = MemberCreateSchema.parse(input);
    const passwordHash = v.password ? await hashMemberPassword(v.password, this.cost) : null;
    const id = this.db.transaction(() => {
      if (this.repo.byPhone(v.phone)) throw memberErrors.phoneTaken(v.phone);
      if (v.cardNo && this.repo.byCard(v.cardNo)) throw memberErrors.cardTaken(v.cardNo);
      const newId = this.repo.insert({ phone: v.phone, name: v.name, cardNo: v.cardNo, passwordHash, at: this.nowIso() });
      this.audit.append({ actor: v.operatorId, action: 'member.create', target: String(newId), outcome: 'ok' });
      return newId;
    })();
    return this.get(id);
  }

  /** Name, phone and card by any operator; a change of status (freeze, close, reactivate) needs a supervisor. */
  update(input: MemberUpdateInput, approval?: SupervisorApproval): MemberView {
    const v = MemberUpdateSchema.parse(input);
    const row = this.row(v.memberId);
    const statusChanges = v.status !== undefined && v.status !== row.status;
    if (statusChanges && !approval) {
      this.audit.append({ actor: v.operatorId, action: 'member.setStatus', target: String(row.id), outcome: 'denied', detail: { status: v.status } });
      throw memberErrors.supervisorRequired('更改会员状态', 'Changing a member status');
    }
    const next = { id: row.id, name: v.name ?? row.name, phone: v.phone ?? row.phone, cardNo: v.cardNo === undefined ? row.card_no : v.cardNo, status: v.status ?? row.status, at: this.nowIso() };
    this.db.transaction(() => {
      try {
        this.repo.update(next);
      } catch (e) {
        if (isUniqueViolation(e, 'members.phone')) throw memberErrors.phoneTaken(next.phone);
        if (isUniqueViolation(e, 'members.card_no')) throw memberErrors.cardTaken(next.cardNo ?? '');
        throw e;
      }
      this.audit.append({
        actor: approval?.operatorId ?? v.operatorId,
        action: statusChanges ? 'member.setStatus' : 'member.update',
        target: String(row.id),
        outcome: 'ok',
        detail: statusChanges ? { from: row.status, to: next.status, cashier: v.operatorId } : null,
      });
    })();
    return this.get(row.id);
  }

  get(memberId: number): MemberView {
    return memberView(this.row(memberId));
  }

  /** Phone (11 digits), card number, the phone's last four digits, or the start of the name. */
  find(input: MemberFindInput): MemberView[] {
    const v = MemberFindSchema.parse(input);
    const q = v.query;
    const exact = /^1\d{10}$/.test(q) ? this.repo.byPhone(q) : this.repo.byCard(q);
    if (exact) return [memberView(exact)];
    if (/^\d{4}$/.test(q)) return this.repo.byPhoneTail(q, v.limit).map(memberView);
    return this.repo.byNamePrefix(q, v.limit).map(memberView);
  }

  /** The member a cashier attaches to a cart: exact phone or card number. */
  lookup(phoneOrCard: string): MemberView {
    const r = this.repo.byPhone(phoneOrCard.trim()) ?? this.repo.byCard(phoneOrCard.trim());
    if (!r) throw memberErrors.notFound(phoneOrCard);
    return memberView(r);
  }

  // ---- payment password ------------------------------------------------------------

  /** With the old password, or without it when a supervisor resets it (which also lifts the lock). */
  async setPassword(input: MemberSetPasswordInput, approval?: SupervisorApproval): Promise<void> {
    const v = MemberSetPasswordSchema.parse(input);
    const row = this.row(v.memberId);
    if (!approval && row.password_hash !== null) {
      if (!v.oldPassword) throw memberErrors.oldPasswordRequired();
      await this.checkPassword(row.id, v.oldPassword);
    }
    const hash = await hashMemberPassword(v.password, this.cost);
    this.db.transaction(() => {
      this.repo.setPassword(row.id, hash, this.nowIso());
      this.audit.append({ actor: approval?.operatorId ?? v.operatorId, action: approval ? 'member.resetPassword' : 'member.setPassword', target: String(row.id), outcome: 'ok' });
    })();
  }

  /**
   * Checks the payment password before stored value is spent. Wrong tries are counted and
   * kept even though the payment fails; after MEMBER_PASSWORD_MAX_FAILURES the password is
   * locked until a supervisor resets it.
   */
  async checkPassword(memberId: number, password: string): Promise<void> {
    const row = this.row(memberId);
    if (row.password_hash === null) throw memberErrors.noPassword();
    if (row.password_failures >= MEMBER_PASSWORD_MAX_FAILURES) throw memberErrors.passwordLocked();
    const ok = await verifyMemberPassword(password, row.password_hash);
    // Re-read: another check may have finished while scrypt ran.
    const failures = this.row(memberId).password_failures;
    if (ok) {
      if (failures !== 0) this.repo.setFailures(memberId, 0);
      return;
    }
    const n = failures + 1;
    this.repo.setFailures(memberId, n);
    if (n >= MEMBER_PASSWORD_MAX_FAILURES) {
      this.audit.append({ actor: 'system', action: 'member.passwordLocked', target: String(memberId), outcome: 'denied' });
      throw memberErrors.passwordLocked();
    }
    throw memberErrors.wrongPassword(MEMBER_PASSWORD_MAX_FAILURES - n);
  }

  // ---- stored value and points -------------------------------------------------------

  /** Cash, card or QR in; the amount plus the bonus rule's gift onto stored value, two ledger rows. */
  recharge(input: RechargeInput): RechargeView {
    const v = RechargeSchema.parse(input);
    return this.db.transaction(() => {
      const row = this.requireActive(v.memberId);
      const bonusFen = this.repo.bonusFor(v.amountFen);
      const now = this.clock.now();
      const at = now.toISOString();
      const rechargeId = this.repo.insertRecharge({ memberId: row.id, amountFen: v.amountFen, bonusFen, paidBy: v.paidBy, reference: v.reference, operatorId: v.operatorId, at, localAt: shopLocalStamp(now, this.clock.utcOffsetMinutes) });
      this.post({ memberId: row.id, account: 'storedValue', delta: v.amountFen, kind: 'recharge', rechargeId, operatorId: v.operatorId });
      if (bonusFen > 0) this.post({ memberId: row.id, account: 'storedValue', delta: bonusFen, kind: 'bonus', rechargeId, operatorId: v.operatorId });
      this.audit.append({ actor: v.operatorId, action: 'member.recharge', target: String(row.id), outcome: 'ok', detail: { rechargeId, amountFen: v.amountFen, bonusFen, paidBy: v.paidBy } });
      return { id: rechargeId, memberId: row.id, amountFen: v.amountFen, bonusFen, paidBy: v.paidBy, reference: v.reference, operatorId: v.operatorId, at, member: this.get(row.id) };
    })();
  }

  /** Points exchanged for a gift at the counter (points redeemed against a sale go through the cart). */
  redeemPoints(input: PointsRedeemInput): MemberView {
    const v = PointsRedeemSchema.parse(input);
    this.db.transaction(() => {
      this.requireActive(v.memberId);
      this.post({ memberId: v.memberId, account: 'points', delta: -v.points, kind: 'gift', operatorId: v.operatorId, note: v.reason });
    })();
    return this.get(v.memberId);
  }

  /** A correction by hand: needs a supervisor, always audited with the reason. */
  adjust(input: BalanceAdjustInput, approval?: SupervisorApproval): MemberView {
    const v = BalanceAdjustSchema.parse(input);
    const row = this.row(v.memberId);
    if (!approval) {
      this.audit.append({ actor: v.operatorId, action: 'member.adjust', target: String(row.id), outcome: 'denied', detail: { account: v.account, delta: v.delta, reason: v.reason } });
      throw memberErrors.supervisorRequired('调整会员积分或储值', 'Adjusting member points or stored value');
    }
    this.db.transaction(() => {
      const entry = this.post({ memberId: row.id, account: v.account, delta: v.delta, kind: 'adjust', operatorId: v.operatorId, note: v.reason });
      this.audit.append({ actor: approval.operatorId, action: 'member.adjust', target: String(row.id), outcome: 'ok', detail: { account: v.account, delta: v.delta, balanceAfter: entry.balanceAfter, reason: v.reason, cashier: v.operatorId } });
    })();
    return this.get(row.id);
  }

  ledger(input: LedgerQueryInput): LedgerEntryView[] {
    const v = LedgerQuerySchema.parse(input);
    this.row(v.memberId);
    return this.repo.ledger(v.memberId, v.account ?? null, v.limit);
  }

  // ---- the parts the sales service calls inside its own transaction -----------------

  /**
   * The one way a balance changes: one ledger row with the balance after it. Refuses to
   * go below zero with a message a cashier can act on (the CHECK is the last line).
   */
  post(p: LedgerPosting): LedgerEntryView {
    const row = this.row(p.memberId);
    const balance = p.account === 'points' ? row.points : row.stored_value_fen;
    const after = balance + p.delta;
    if (after < 0) {
      throw p.account === 'points' ? memberErrors.insufficientPoints(balance, -p.delta) : memberErrors.insufficientStoredValue(balance, -p.delta);
    }
    return this.repo.insertLedger({
      memberId: p.memberId,
      account: p.account,
      delta: p.delta,
      balanceAfter: after,
      kind: p.kind,
      saleId: p.saleId ?? null,
      refundId: p.refundId ?? null,
      rechargeId: p.rechargeId ?? null,
      operatorId: p.operatorId ?? null,
      note: p.note ?? null,
      at: this.nowIso(),
    });
  }

  /** Points a payment earns: ⌊yuan × pointsPerYuan × tier rate⌋, never a part point. */
  pointsFor(memberId: number, paidFen: number): number {
    const row = this.row(memberId);
    const rate = this.repo.tierOf(row.tier)?.pointsRateBp ?? 10_000;
    const { pointsPerYuan } = this.settings();
    return Number((BigInt(paidFen) * BigInt(pointsPerYuan) * BigInt(rate)) / 1_000_000n);
  }

  /**
   * Adds to (or, for a refund, takes from) the cumulative spend, and upgrades the tier when
   * a threshold is crossed. Tiers are not lowered by a refund: a downgrade is a decision
   * for the shop, made by hand.
   */
  addSpend(memberId: number, deltaFen: number): void {
    const row = this.row(memberId);
    this.repo.addSpend(memberId, deltaFen, this.nowIso());
    const target = this.repo.tierFor(Math.max(0, row.cumulative_spend_fen + deltaFen));
    const current = this.repo.tierOf(row.tier);
    if (target && current && target.minSpendFen > current.minSpendFen) this.repo.setTier(memberId, target.code);
  }

  requireActive(memberId: number): MemberRow {
    const row = this.row(memberId);
    if (row.status !== 'active') throw memberErrors.notActive(row.status);
    return row;
  }

  // ---- rules and settings ------------------------------------------------------------

  settings(): MemberSettings {
    return MemberSettingsSchema.parse({ ...DEFAULT_MEMBER_SETTINGS, ...this.settingsStore.get<Partial<MemberSettings>>(SETTINGS_KEY, {}) });
  }

  updateSettings(input: MemberSettingsUpdateInput, approval?: SupervisorApproval): MemberSettings {
    const v = MemberSettingsUpdateSchema.parse(input);
    if (!approval) throw memberErrors.supervisorRequired('修改会员积分规则', 'Changing the points rules');
    const { operatorId, ...changes } = v;
    const next = MemberSettingsSchema.parse({ ...this.settings(), ...changes });
    this.db.transaction(() => {
      this.settingsStore.set(SETTINGS_KEY, next);
      this.audit.append({ actor: approval.operatorId, action: 'member.settings', outcome: 'ok', detail: { ...next, cashier: operatorId } });
    })();
    return next;
  }

  bonusRules(): BonusRuleView[] {
    return this.repo.bonusRules();
  }

  setBonusRules(input: BonusRulesInput, approval?: SupervisorApproval): BonusRuleView[] {
    const v = BonusRulesSchema.parse(input);
    if (!approval) throw memberErrors.supervisorRequired('修改充值赠送规则', 'Changing the recharge bonus rules');
    this.db.transaction(() => {
      this.repo.replaceBonusRules(v.rules);
      this.audit.append({ actor: approval.operatorId, action: 'member.bonusRules', outcome: 'ok', detail: { rules: v.rules } });
    })();
    return this.bonusRules();
  }

  tiers(): TierView[] {
    return this.repo.tiers();
  }

  setTiers(input: TiersInput, approval?: SupervisorApproval): TierView[] {
    const v = TiersSchema.parse(input);
    if (!approval) throw memberErrors.supervisorRequired('修改会员等级', 'Changing the member tiers');
    try {
      this.db.transaction(() => {
        this.repo.replaceTiers(v.tiers.map((t) => ({ ...t, pointsRateBp: t.pointsRateBp ?? 10_000 })));
        this.audit.append({ actor: approval.operatorId, action: 'member.tiers', outcome: 'ok', detail: { tiers: v.tiers } });
      })();
    } catch (e) {
      if (e instanceof TierInUse) throw memberErrors.tierInUse(e.code);
      throw e;
    }
    return this.tiers();
  }

  private row(memberId: number): MemberRow {
    const r = this.repo.byId(memberId);
    if (!r) throw memberErrors.notFound(memberId);
    return r;
  }
}

export { MemberError };
