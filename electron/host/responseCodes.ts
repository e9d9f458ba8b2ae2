// host-protocol §6: what each F39 means and what the terminal does next. Every code is
// shown to the cashier in words, in Chinese and English, never as a bare code.

/**
 * What the terminal does after a reply:
 * - `complete`: approved;
 * - `complete-with-notice`: approved, show the message to the cashier;
 * - `decline`: declined, show the message;
 * - `reenter-pin`: let the cardholder enter the PIN again (55);
 * - `reverse`: the result is unknown at the host, reverse the transaction (68, 98);
 * - `sign-in-retry`: sign in again, then retry the transaction once (77);
 * - `sign-in`: a security failure, sign in again before the next transaction (99, A0, A7);
 * - `retry-later`: the host or issuer is unavailable (90, 91, 92, 96);
 * - `query`: QR payment still pending, query again (profile §4.6, Q1).
 */
export type ResponseAction =
  | 'complete'
  | 'complete-with-notice'
  | 'decline'
  | 'reenter-pin'
  | 'reverse'
  | 'sign-in-retry'
  | 'sign-in'
  | 'retry-later'
  | 'query';

export interface ResponseOutcome {
  /** F39 as received (two characters). */
  code: string;
  /** True for `complete` and `complete-with-notice`. */
  approved: boolean;
  action: ResponseAction;
  /** True when a reversible transaction must be reversed (68, 98, A0: host-protocol §6). */
  reverse: boolean;
  /** The code is in the table; an unknown code still gets a message that names it. */
  known: boolean;
  zh: string;
  en: string;
}

interface Row {
  codes: string[];
  action: ResponseAction;
  reverse?: boolean;
  /** One message per code, or one shared by the row. */
  text: Record<string, [zh: string, en: string]> | [zh: string, en: string];
}

const CALL_ISSUER: [string, string] = ['请持卡人与发卡银行联系', 'Refer to the card issuer: the cardholder should call their bank'];

const TABLE: Row[] = [
  { codes: ['00'], action: 'complete', text: ['交易成功', 'Approved'] },
  {
    codes: ['10', '11', 'A2', 'A4', 'A5', 'A6'],
    action: 'complete-with-notice',
    text: {
      '10': ['交易成功（部分金额承兑），请核对金额', 'Approved for a partial amount: check the amount'],
      '11': ['交易成功（重要客户）', 'Approved (VIP)'],
      A2: ['交易成功，请向收单机构确认结果', 'Approved with a notice: confirm the result with the acquirer'],
      A4: ['交易成功，请向收单机构确认结果', 'Approved with a notice: confirm the result with the acquirer'],
      A5: ['交易成功，请向收单机构确认结果', 'Approved with a notice: confirm the result with the acquirer'],
      A6: ['交易成功，请向收单机构确认结果', 'Approved with a notice: confirm the result with the acquirer'],
    },
  },
  { codes: ['01', '02'], action: 'decline', text: CALL_ISSUER },
  {
    codes: ['03', '97'],
    action: 'decline',
    text: {
      '03': ['商户未登记（无效商户），请检查商户号设置或联系收单机构', 'Merchant not registered: check the merchant id setting or call the acquirer'],
      '97': ['终端未登记，请检查终端号设置或联系收单机构', 'Terminal not registered: check the terminal id setting or call the acquirer'],
    },
  },
  {
    codes: ['05', '12', '13', '14', '30', '51', '54', '57', '58', '59', '61', '62', '64', '65', '75'],
    action: 'decline',
    text: {
      '05': ['发卡行不予承兑，请持卡人与发卡银行联系', 'Do not honour: the cardholder should call their bank'],
      '12': ['无效交易，请确认交易类型和原交易状态', 'Invalid transaction: check the transaction type and the original'],
      '13': ['无效金额，请核对金额', 'Invalid amount: check the amount'],
      '14': ['无效卡号，请换卡', 'Invalid card number: use another card'],
      '30': ['报文格式错误，请重试或联系收单机构', 'Message format error: try again or call the acquirer'],
      '51': ['余额不足，请换卡或换支付方式', 'Insufficient funds: use another card or tender'],
      '54': ['卡已过期，请换卡', 'Card expired: use another card'],
      '57': ['持卡人不允许此交易，请换卡', 'Transaction not permitted to the cardholder: use another card'],
      '58': ['终端不允许此交易，请联系收单机构', 'Transaction not permitted on this terminal: call the acquirer'],
      '59': ['有欺诈嫌疑，交易被拒绝', 'Suspected fraud: declined'],
      '61': ['超出金额限制，请换卡或减少金额', 'Exceeds the amount limit: use another card or a smaller amount'],
      '62': ['受限制的卡，请换卡', 'Restricted card: use another card'],
      '64': ['原交易金额不符，请核对金额', 'Amount does not match the original transaction: check the amount'],
      '65': ['超出交易次数限制，请换卡', 'Exceeds the transaction count limit: use another card'],
      '75': ['密码错误次数超限，请持卡人与发卡银行联系', 'PIN tries exceeded: the cardholder should call their bank'],
    },
  },
  {
    codes: ['04', '07', '34', '35', '41', '43', '67'],
    action: 'decline',
    text: {
      '04': ['没收卡，请联系收单机构', 'Pick up card: call the acquirer'],
      '07': ['特殊条件下没收卡，请联系收单机构', 'Pick up card, special condition: call the acquirer'],
      '34': ['有作弊嫌疑，没收卡，请联系收单机构', 'Suspected fraud, pick up card: call the acquirer'],
      '35': ['没收卡，请联系收单机构', 'Pick up card: call the acquirer'],
      '41': ['挂失卡，没收卡，请联系收单机构', 'Lost card, pick up: call the acquirer'],
      '43': ['被窃卡，没收卡，请联系收单机构', 'Stolen card, pick up: call the acquirer'],
      '67': ['没收卡，请联系收单机构', 'Pick up card: call the acquirer'],
    },
  },
  {
    codes: ['22', '25'],
    action: 'decline',
    text: ['找不到原交易，请核对凭证号、参考号和日期', 'Original transaction not found: check the trace number, reference number and date'],
  },
  { codes: ['55'], action: 'reenter-pin', text: ['密码错误，请持卡人重新输入密码', 'Wrong PIN: ask the cardholder to enter it again'] },
  {
    codes: ['68'],
    action: 'reverse',
    reverse: true,
    text: ['主机超时，交易结果未知，将自动冲正', 'Host timeout, result unknown: the transaction will be reversed'],
  },
  {
    codes: ['77'],
    action: 'sign-in-retry',
    text: ['批次号不符，正在重新签到后重试', 'Batch number mismatch: signing in again, then retrying'],
  },
  {
    codes: ['90', '91', '92', '96'],
    action: 'retry-later',
    text: {
      '90': ['主机日切处理中，请稍后重试', 'The host is in its end-of-day run: try again later'],
      '91': ['发卡行或银联暂时无法处理，请稍后重试', 'The issuer or switch is unavailable: try again later'],
      '92': ['无法连接发卡行，请稍后重试', 'The issuer cannot be reached: try again later'],
      '96': ['主机系统故障，请稍后重试', 'Host system malfunction: try again later'],
    },
  },
  {
    codes: ['94'],
    action: 'decline',
    text: ['重复交易，请检查终端流水号设置后重试', 'Duplicate transmission: check the terminal trace counter, then try again'],
  },
  {
    codes: ['98'],
    action: 'reverse',
    reverse: true,
    text: ['发卡行超时，交易结果未知，将自动冲正', 'Issuer timeout, result unknown: the transaction will be reversed'],
  },
  {
    codes: ['99', 'A0', 'A7'],
    action: 'sign-in',
    text: {
      '99': ['密码格式错误（PIN 校验失败），请重新签到', 'PIN format or key error: sign in again'],
      A0: ['MAC 校验错误，请重新签到', 'MAC verification failed: sign in again'],
      A7: ['安全处理失败，请重新签到', 'Security processing failed: sign in again'],
    },
  },
  {
    codes: ['Q1'],
    action: 'query',
    text: ['等待顾客在手机上确认付款', 'Waiting for the customer to confirm the payment on the phone'],
  },
];

/** Every code of the table, with its outcome (host-protocol §6 plus the QR profile's Q1). */
export const RESPONSE_CODES: ReadonlyMap<string, ResponseOutcome> = (() => {
  const map = new Map<string, ResponseOutcome>();
  for (const row of TABLE) {
    for (const code of row.codes) {
      const text = Array.isArray(row.text) ? row.text : row.text[code];
      if (!text) throw new Error(`response code ${code} has no text`);
      const approved = row.action === 'complete' || row.action === 'complete-with-notice';
      // host-protocol §6: A0 on a reversible transaction is also reversed.
      const reverse = row.reverse === true || code === 'A0';
      map.set(code, Object.freeze({ code, approved, action: row.action, reverse, known: true, zh: text[0], en: text[1] }));
    }
  }
  return map;
})();

/** The outcome of a response code; an unknown code declines with a message that names it. */
export function responseOutcome(code: string): ResponseOutcome {
  const known = RESPONSE_CODES.get(code);
  if (known) return known;
  const shown = JSON.stringify(code);
  return {
    code,
    approved: false,
    action: 'decline',
    reverse: false,
    known: false,
    zh: `交易失败（应答码 ${shown}），请联系收单机构`,
    en: `Declined (response code ${shown}): call the acquirer`,
  };
}
