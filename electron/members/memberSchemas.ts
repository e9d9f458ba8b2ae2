// Request schemas and reply types of the members service (issue 8). This file imports
// zod only, like contract.ts, so the IPC contract and the renderer can take it whole.
import { z } from 'zod';

const MAX_FEN = 9_999_999_999;
export const fen = z.number().int().min(0).max(MAX_FEN);
export const positiveFen = z.number().int().min(1).max(MAX_FEN);
export const operatorIdSchema = z.string().regex(/^\d{2}$/, 'two digits / 两位数字');
export const memberIdSchema = z.number().int().positive();
/** A mainland mobile number: members sign up with the phone they carry. */
export const phoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, '11-digit mobile number / 11位手机号');
export const cardNoSchema = z.string().trim().regex(/^[0-9A-Za-z]{4,32}$/, '4-32 letters or digits / 4-32位字母或数字');
/** Six digits, as on the PIN pad and most member cards. */
export const memberPasswordSchema = z.string().regex(/^\d{6}$/, 'six digits / 6位数字');
export const reasonSchema = z.string().trim().min(1).max(200);

export const memberStatusSchema = z.enum(['active', 'frozen', 'closed']);
export type MemberStatus = z.infer<typeof memberStatusSchema>;
export const ledgerAccountSchema = z.enum(['points', 'storedValue']);
export type LedgerAccount = z.infer<typeof ledgerAccountSchema>;
export const rechargePaidBySchema = z.enum(['cash', 'card', 'qr']);
export type RechargePaidBy = z.infer<typeof rechargePaidBySchema>;

export const MemberCreateSchema = z
  .object({
    phone: phoneSchema,
    name: z.string().trim().min(1).max(40),
    cardNo: cardNoSchema.nullable().default(null),
    password: memberPasswordSchema.nullable().default(null),
    operatorId: operatorIdSchema,
  })
  .strict();
export type MemberCreateInput = z.input<typeof MemberCreateSchema>;

export const MemberUpdateSchema = z
  .object({
    memberId: memberIdSchema,
    name: z.string().trim().min(1).max(40).optional(),
    phone: phoneSchema.optional(),
    cardNo: cardNoSchema.nullable().optional(),
    status: memberStatusSchema.optional(),
    operatorId: operatorIdSchema,
  })
  .strict();
export type MemberUpdateInput = z.input<typeof MemberUpdateSchema>;

/** Phone, card number, the last four digits of the phone, or the start of the name. */
export const MemberFindSchema = z.object({ query: z.string().trim().min(1).max(40), limit: z.number().int().min(1).max(50).default(10) }).strict();
export type MemberFindInput = z.input<typeof MemberFindSchema>;

export const MemberSetPasswordSchema = z
  .object({
    memberId: memberIdSchema,
    password: memberPasswordSchema,
    /** The member's current password; not needed when a supervisor resets it. */
    oldPassword: memberPasswordSchema.optional(),
    operatorId: operatorIdSchema,
  })
  .strict();
export type MemberSetPasswordInput = z.input<typeof MemberSetPasswordSchema>;

export const RechargeSchema = z
  .object({
    memberId: memberIdSchema,
    amountFen: positiveFen,
    paidBy: rechargePaidBySchema,
    /** The payments module's journal id / STAN for a card or QR payment; opaque here. */
    reference: z.string().trim().min(1).max(64).nullable().default(null),
    operatorId: operatorIdSchema,
  })
  .strict();
export type RechargeInput = z.input<typeof RechargeSchema>;

/** Points spent on a gift (积分兑换), outside a sale. */
export const PointsRedeemSchema = z
  .object({ memberId: memberIdSchema, points: z.number().int().min(1).max(100_000_000), reason: reasonSchema, operatorId: operatorIdSchema })
  .strict();
export type PointsRedeemInput = z.input<typeof PointsRedeemSchema>;

/** A correction by hand; always audited, and it needs a supervisor's approval. */
export const BalanceAdjustSchema = z
  .object({
    memberId: memberIdSchema,
    account: ledgerAccountSchema,
    delta: z.number().int().min(-MAX_FEN).max(MAX_FEN).refine((n) => n !== 0, 'not zero / 不能为0'),
    reason: reasonSchema,
    operatorId: operatorIdSchema,
  })
  .strict();
export type BalanceAdjustInput = z.input<typeof BalanceAdjustSchema>;

export const LedgerQuerySchema = z
  .object({ memberId: memberIdSchema, account: ledgerAccountSchema.optional(), limit: z.number().int().min(1).max(500).default(50) })
  .strict();
export type LedgerQueryInput = z.input<typeof LedgerQuerySchema>;

/** Recharge 500 get 50: the rule with the largest minimum not above the amount wins. */
export const BonusRuleSchema = z.object({ minAmountFen: positiveFen, bonusFen: fen }).strict();
export const BonusRulesSchema = z
  .object({ rules: z.array(BonusRuleSchema).max(20), operatorId: operatorIdSchema })
  .strict()
  .refine((v) => new Set(v.rules.map((r) => r.minAmountFen)).size === v.rules.length, 'each minimum once / 每个门槛只能出现一次');
export type BonusRulesInput = z.input<typeof BonusRulesSchema>;

export const TierSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_-]{0,19}$/),
    name: z.string().trim().min(1).max(20),
    minSpendFen: fen,
    /** Points multiplier in basis points: 10000 = ×1, 15000 = ×1.5. */
    pointsRateBp: z.number().int().min(0).max(100_000).default(10_000),
  })
  .strict();
export const TiersSchema = z
  .object({ tiers: z.array(TierSchema).min(1).max(10), operatorId: operatorIdSchema })
  .strict()
  .refine((v) => v.tiers.some((t) => t.minSpendFen === 0), 'one tier must start at 0 / 须有一个门槛为0的等级')
  .refine((v) => new Set(v.tiers.map((t) => t.minSpendFen)).size === v.tiers.length && new Set(v.tiers.map((t) => t.code)).size === v.tiers.length, 'codes and thresholds unique / 等级代码与门槛不能重复');
export type TiersInput = z.input<typeof TiersSchema>;

export const MemberSettingsSchema = z
  .object({
    /** Points earned per whole yuan paid (tier multiplier on top). 0 turns earning off. */
    pointsPerYuan: z.number().int().min(0).max(100),
    /** What one point is worth when redeemed against a sale (1 → 100 points = ¥1). */
    fenPerPoint: z.number().int().min(1).max(10_000),
  })
  .strict();
export type MemberSettings = z.infer<typeof MemberSettingsSchema>;
export const MemberSettingsUpdateSchema = MemberSettingsSchema.partial().extend({ operatorId: operatorIdSchema }).strict();
export type MemberSettingsUpdateInput = z.input<typeof MemberSettingsUpdateSchema>;

// ---- replies ---------------------------------------------------------------------------

export interface TierView {
  code: string;
  name: string;
  minSpendFen: number;
  pointsRateBp: number;
}

export interface MemberView {
  id: number;
  phone: string;
  name: string;
  cardNo: string | null;
  tier: { code: string; name: string };
  points: number;
  storedValueFen: number;
  cumulativeSpendFen: number;
  status: MemberStatus;
  hasPassword: boolean;
  createdAt: string;
}

export type LedgerKind = 'earn' | 'redeem' | 'reverse' | 'restore' | 'recharge' | 'bonus' | 'payment' | 'refund' | 'adjust' | 'gift';

export interface LedgerEntryView {
  id: number;
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

export interface RechargeView {
  id: number;
  memberId: number;
  amountFen: number;
  bonusFen: number;
  paidBy: RechargePaidBy;
  reference: string | null;
  operatorId: string;
  at: string;
  member: MemberView;
}

export interface BonusRuleView {
  minAmountFen: number;
  bonusFen: number;
}
