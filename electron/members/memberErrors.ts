import { CashdeskError } from '../../native/errors.js';

/** Everything the members service refuses, each with what to do next. */
export class MemberError extends CashdeskError {}

const fenText = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export const memberErrors = {
  notFound: (ref: string | number) =>
    new MemberError('MEMBER_NOT_FOUND', `找不到会员（${ref}）。请核对手机号或会员卡号，或先登记新会员。`, `No member found for ${ref}. Check the phone or card number, or register the member first.`),
  phoneTaken: (phone: string) =>
    new MemberError('MEMBER_PHONE_TAKEN', `手机号 ${phone} 已登记为会员。请直接查询该会员。`, `The phone ${phone} already belongs to a member. Look that member up instead.`),
  cardTaken: (cardNo: string) =>
    new MemberError('MEMBER_CARD_TAKEN', `会员卡号 ${cardNo} 已被其他会员使用。请换一张卡。`, `Card number ${cardNo} is already used by another member. Use another card.`),
  notActive: (status: string) =>
    new MemberError('MEMBER_NOT_ACTIVE', `该会员状态为「${status === 'frozen' ? '冻结' : '注销'}」，不能使用积分或储值。请先由主管解冻。`, `This member is ${status}: points and stored value cannot be used. A supervisor must reactivate the member first.`),
  noPassword: () =>
    new MemberError('MEMBER_NO_PASSWORD', '该会员尚未设置支付密码，不能使用储值支付。请会员先设置密码。', 'This member has no payment password, so stored value cannot be used. Have the member set a password first.'),
  wrongPassword: (left: number) =>
    new MemberError('MEMBER_WRONG_PASSWORD', `会员密码错误，还可尝试 ${left} 次。`, `Wrong member password; ${left} tries left.`),
  passwordLocked: () =>
    new MemberError('MEMBER_PASSWORD_LOCKED', '会员密码错误次数过多，储值支付已锁定。请主管为会员重置密码。', 'Too many wrong member passwords: stored-value payment is locked. A supervisor must reset the member password.'),
  insufficientStoredValue: (balanceFen: number, neededFen: number) =>
    new MemberError('MEMBER_INSUFFICIENT_STORED_VALUE', `储值余额不足：余额 ¥${fenText(balanceFen)}，需要 ¥${fenText(neededFen)}。请充值或改用其他支付方式。`, `Not enough stored value: balance ¥${fenText(balanceFen)}, needed ¥${fenText(neededFen)}. Recharge or pay the rest another way.`),
  insufficientPoints: (balance: number, needed: number) =>
    new MemberError('MEMBER_INSUFFICIENT_POINTS', `积分不足：现有 ${balance} 分，需要 ${needed} 分。`, `Not enough points: the member has ${balance}, needs ${needed}.`),
  supervisorRequired: (what: string, whatEn: string) =>
    new MemberError('SUPERVISOR_REQUIRED', `${what}需要主管授权。请主管输入密码后重试。`, `${whatEn} needs a supervisor's approval. Have a supervisor enter their password and try again.`),
  oldPasswordRequired: () =>
    new MemberError('MEMBER_OLD_PASSWORD_REQUIRED', '修改会员密码需要输入原密码；忘记密码请由主管重置。', 'Changing the member password needs the old one; if it is forgotten, a supervisor resets it.'),
  unknownTier: (code: string) =>
    new MemberError('MEMBER_TIER_UNKNOWN', `会员等级 ${code} 不存在。`, `There is no member tier ${code}.`),
  tierInUse: (code: string) =>
    new MemberError('MEMBER_TIER_IN_USE', `会员等级 ${code} 仍有会员，不能删除。请保留该等级。`, `Members still hold tier ${code}, so it cannot be removed. Keep that tier.`),
};
