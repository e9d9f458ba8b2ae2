// Builders and reply parsers for every message of the CUP POS profile (host-protocol
// §3, §4). Builders return a HostRequest without F64: HostLink.exchange seals it with
// the MacFn when `mac` is set and verifies the reply's MAC with the same MacFn.
import { IsoEncodeError, SignInKeysError } from './errors.js';
import type { IsoMessage } from './codec.js';
import { responseOutcome, type ResponseOutcome } from './responseCodes.js';
import { splitSignInKeys, type KeyScheme, type SignInKeys } from './signInKeys.js';

/** What a terminal puts in every message. */
export interface TerminalContext {
  /** F41, 8 characters. */
  tid: string;
  /** F42, 15 characters. */
  mid: string;
  /** 10 hex digits, `60DDDDSSSS` (host-protocol §1). */
  tpdu: string;
  /** 12 hex digits (host-protocol §1). */
  header: string;
  /** F60.2, 6 digits. */
  batchNo: string;
  /** F63 of requests: the operator number, an3 (shorter numbers are zero-padded: `1` -> `001`). */
  operator: string;
  /** The scheme the terminal signed in with: F53 digit 2 (`6` double-length, `0` single). Default `004`. */
  keyScheme?: KeyScheme;
}

export type RequestKind =
  | 'sign-in'
  | 'sign-off'
  | 'sale'
  | 'qr-sale'
  | 'qr-query'
  | 'void'
  | 'refund'
  | 'balance-inquiry'
  | 'reversal'
  | 'settlement'
  | 'batch-upload'
  | 'signature-upload';

export interface HostRequest {
  kind: RequestKind;
  /** The message without F64. */
  message: IsoMessage;
  /** host-protocol §1: F64 in financial messages, settlement, batch and signature upload. */
  mac: boolean;
  /** host-protocol §4: sale and void (card and QR) are reversed when their outcome is unknown. */
  reversible: boolean;
}

/**
 * How the card was read, F22 digits 1-2 (host-protocol §2). `qr` is a QR payment: no
 * card fields at all (host-protocol §4.6: QR sales are voided and refunded like card
 * sales, without F2/F35/F52).
 */
export type EntryMode = 'swipe' | 'chip' | 'contactless' | 'manual' | 'qr';

const ENTRY_DIGITS: Record<EntryMode, string> = { manual: '01', swipe: '02', qr: '03', chip: '05', contactless: '07' };

export interface CardData {
  entry: EntryMode;
  /** F2. */
  pan?: string;
  /** F14, YYMM. */
  expiry?: string;
  /** F23, chip card sequence number, 3 digits. */
  cardSequence?: string;
  /** F35: digits with `D` (or `=`) as separator; TDB-encrypted hex digits when `tracksEncrypted`. */
  track2?: string;
  /** F36, as track2. */
  track3?: string;
  /** The PIN pad TDB-encrypted the tracks with the TDK (host-protocol §4.1): F53 digit 3. */
  tracksEncrypted?: boolean;
  /** F55, BER-TLV chip data as hex. */
  icc?: string;
}

/** A QR payment's "card": no card data. */
export const QR_TENDER: CardData = Object.freeze({ entry: 'qr' });

// --- field formatting ------------------------------------------------------------------

const MAX_AMOUNT_FEN = 999_999_999_999;

/** F4: integer fen as n12. */
export function amountField(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_AMOUNT_FEN) throw new IsoEncodeError(4, `amount must be whole fen 0..${MAX_AMOUNT_FEN}, got ${fen}`);
  return String(fen).padStart(12, '0');
}

function digits(value: string, length: number, part: number, what: string): string {
  if (value.length !== length || !/^\d+$/.test(value)) throw new IsoEncodeError(part, `${what} must be ${length} digits, got ${JSON.stringify(value)}`);
  return value;
}

function field60(code: string, batchNo: string, netCode: string): string {
  return code + digits(batchNo, 6, 60, 'batch number') + netCode;
}

function operatorField(op: string): string {
  return /^\d{1,3}$/.test(op) ? op.padStart(3, '0') : op;
}

function base(ctx: TerminalContext, mti: string, stan: string): IsoMessage {
  return { tpdu: ctx.tpdu, header: ctx.header, mti, fields: { 11: digits(stan, 6, 11, 'STAN'), 41: ctx.tid, 42: ctx.mid } };
}

/** F2, F14, F22, F23, F26, F35, F36, F52, F53, F55 of a card (host-protocol §4.1). */
function putCard(f: Record<number, string>, ctx: TerminalContext, card: CardData, pinBlock: Buffer | undefined): void {
  if (card.entry === 'qr') {
    f[22] = ENTRY_DIGITS.qr + '2';
    return;
  }
  if (card.pan !== undefined) f[2] = card.pan;
  if (card.expiry !== undefined) f[14] = card.expiry;
  f[22] = ENTRY_DIGITS[card.entry] + (pinBlock ? '1' : '2');
  if (card.cardSequence !== undefined) f[23] = card.cardSequence;
  if (pinBlock) f[26] = '12';
  if (card.track2 !== undefined) f[35] = card.track2;
  if (card.track3 !== undefined) f[36] = card.track3;
  if (pinBlock) {
    if (pinBlock.length !== 8) throw new IsoEncodeError(52, `PIN block must be 8 bytes, got ${pinBlock.length}`);
    f[52] = pinBlock.toString('hex').toUpperCase();
  }
  if (pinBlock || card.tracksEncrypted) {
    const doubleLength = (ctx.keyScheme ?? '004') !== '001';
    f[53] = (pinBlock ? '2' : '0') + (doubleLength ? '6' : '0') + (card.tracksEncrypted ? '1' : '0') + '0000000000000';
  }
  if (card.icc !== undefined) f[55] = card.icc;
}

// --- builders ------------------------------------------------------------------------

/** host-protocol §3: 0800 sign-in; F60.3 names the key scheme. No MAC. */
export function buildSignIn(ctx: TerminalContext, p: { stan: string; scheme: KeyScheme }): HostRequest {
  const m = base(ctx, '0800', p.stan);
  m.fields[60] = field60('00', ctx.batchNo, p.scheme);
  m.fields[63] = operatorField(ctx.operator);
  return { kind: 'sign-in', message: m, mac: false, reversible: false };
}

/** host-protocol §3: 0820 sign-off, F60.3 `002`. No MAC. */
export function buildSignOff(ctx: TerminalContext, p: { stan: string }): HostRequest {
  const m = base(ctx, '0820', p.stan);
  m.fields[60] = field60('00', ctx.batchNo, '002');
  m.fields[63] = operatorField(ctx.operator);
  return { kind: 'sign-off', message: m, mac: false, reversible: false };
}

function financial(ctx: TerminalContext, mti: string, stan: string, processing: string, amount: number | undefined, code60: string): IsoMessage {
  const m = base(ctx, mti, stan);
  m.fields[3] = processing;
  if (amount !== undefined) m.fields[4] = amountField(amount);
  m.fields[25] = '00';
  m.fields[49] = '156';
  m.fields[60] = field60(code60, ctx.batchNo, '000');
  return m;
}

/** host-protocol §4.1: card sale 0200 / 000000, 60.1 `22`. Reversible. */
export function buildSale(ctx: TerminalContext, p: { stan: string; amount: number; card: CardData; pinBlock?: Buffer }): HostRequest {
  if (p.card.entry === 'qr') throw new IsoEncodeError(59, 'a QR sale carries the payment code: use buildQrSale');
  const m = financial(ctx, '0200', p.stan, '000000', p.amount, '22');
  putCard(m.fields, ctx, p.card, p.pinBlock);
  return { kind: 'sale', message: m, mac: true, reversible: true };
}

/** host-protocol §4.6: QR sale, F22 `032`, F59 = `QR` + payment code. Reversible. */
export function buildQrSale(ctx: TerminalContext, p: { stan: string; amount: number; paymentCode: string }): HostRequest {
  if (!/^\d{18,19}$/.test(p.paymentCode)) throw new IsoEncodeError(59, 'a payment code is 18 or 19 digits');
  const m = financial(ctx, '0200', p.stan, '000000', p.amount, '22');
  putCard(m.fields, ctx, QR_TENDER, undefined);
  m.fields[59] = 'QR' + p.paymentCode;
  return { kind: 'qr-sale', message: m, mac: true, reversible: true };
}

/**
 * host-protocol §4.6: QR status query, 0200 / 330000 with a new STAN and F61 = batch +
 * the sale's STAN. Profile: 60.1 `22` like the sale it asks about, no F4. Not reversible.
 */
export function buildQrQuery(ctx: TerminalContext, p: { stan: string; saleStan: string }): HostRequest {
  const m = financial(ctx, '0200', p.stan, '330000', undefined, '22');
  m.fields[22] = ENTRY_DIGITS.qr + '2';
  m.fields[61] = ctx.batchNo + digits(p.saleStan, 6, 61, 'sale STAN');
  return { kind: 'qr-query', message: m, mac: true, reversible: false };
}

export interface OriginalSale {
  /** F60.2 of the sale. */
  batchNo: string;
  stan: string;
  /** F37 of the sale's reply. */
  rrn: string;
  /** F38 of the sale's reply, if any. */
  authCode?: string;
  /** F13 of the sale's reply (MMDD); refunds need it. */
  date?: string;
}

/**
 * host-protocol §4.2: void 0200 / 200000, 60.1 `23`, same batch, amount = the
 * original's, F37/F38 of the original, F61 = original batch + STAN. Reversible.
 */
export function buildVoid(ctx: TerminalContext, p: { stan: string; amount: number; original: OriginalSale; card: CardData; pinBlock?: Buffer }): HostRequest {
  const m = financial(ctx, '0200', p.stan, '200000', p.amount, '23');
  putCard(m.fields, ctx, p.card, p.pinBlock);
  m.fields[37] = p.original.rrn;
  if (p.original.authCode) m.fields[38] = p.original.authCode;
  m.fields[61] = digits(p.original.batchNo, 6, 61, 'original batch') + digits(p.original.stan, 6, 61, 'original STAN');
  return { kind: 'void', message: m, mac: true, reversible: true };
}

/**
 * host-protocol §4.3: refund 0220 / 200000, 60.1 `25`, F37 = original RRN, F61 =
 * original batch + STAN + date MMDD. Not reversible.
 */
export function buildRefund(ctx: TerminalContext, p: { stan: string; amount: number; original: OriginalSale & { date: string }; card: CardData; pinBlock?: Buffer }): HostRequest {
  const m = financial(ctx, '0220', p.stan, '200000', p.amount, '25');
  putCard(m.fields, ctx, p.card, p.pinBlock);
  m.fields[37] = p.original.rrn;
  if (p.original.authCode) m.fields[38] = p.original.authCode;
  m.fields[61] = digits(p.original.batchNo, 6, 61, 'original batch') + digits(p.original.stan, 6, 61, 'original STAN') + digits(p.original.date, 4, 61, 'original date');
  return { kind: 'refund', message: m, mac: true, reversible: false };
}

/** host-protocol §4: balance inquiry 0200 / 310000, 60.1 `01`; the balance comes in F54. */
export function buildBalanceInquiry(ctx: TerminalContext, p: { stan: string; card: CardData; pinBlock?: Buffer }): HostRequest {
  const m = financial(ctx, '0200', p.stan, '310000', undefined, '01');
  putCard(m.fields, ctx, p.card, p.pinBlock);
  return { kind: 'balance-inquiry', message: m, mac: true, reversible: false };
}

/** The fields of an original request that its reversal repeats (host-protocol §4.4); no track or PIN data. */
export const REVERSAL_FIELDS: readonly number[] = [2, 3, 4, 11, 14, 22, 23, 25, 38, 41, 42, 49, 55, 60, 61];

/**
 * What a reversal needs of the original request: keep this (not the whole request,
 * which holds F35/F52) until the reversal is done. F38 is the sale reply's
 * authorisation code when a 96 reversal undoes an approval.
 */
export function reversalSource(original: IsoMessage, authCode?: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const no of REVERSAL_FIELDS) {
    const v = original.fields[no];
    if (v !== undefined) out[no] = v;
  }
  if (authCode) out[38] = authCode;
  return out;
}

/**
 * host-protocol §4.4: 0400 with the original's fields (same F11) and F39 = reason.
 * `source` is reversalSource(original request).
 */
export function buildReversal(ctx: Pick<TerminalContext, 'tpdu' | 'header'>, p: { source: Record<number, string>; reason: '98' | '96' | 'A0' | '06' }): HostRequest {
  const fields: Record<number, string> = {};
  for (const no of REVERSAL_FIELDS) {
    const v = p.source[no];
    if (v !== undefined) fields[no] = v;
  }
  for (const no of [3, 11, 41, 42, 60]) {
    if (fields[no] === undefined) throw new IsoEncodeError(no, 'the reversal source lacks this field of the original');
  }
  fields[39] = p.reason;
  return { kind: 'reversal', message: { tpdu: ctx.tpdu, header: ctx.header, mti: '0400', fields }, mac: true, reversible: false };
}

// --- settlement ------------------------------------------------------------------------

export interface SideTotals {
  /** Approved sales (card and QR), in fen. */
  debitAmount: number;
  debitCount: number;
  /** Approved voids and refunds, in fen. */
  creditAmount: number;
  creditCount: number;
}

export interface SettlementTotals {
  /** 内卡: CUP cards and QR payments (host-protocol §4.5). */
  domestic: SideTotals;
  /** 外卡. */
  foreign: SideTotals;
}

/** F48 result digit: `0` in the request; `1` balanced, `2` not balanced, `3` error in the reply. */
export type SettlementResult = '0' | '1' | '2' | '3';

export const ZERO_TOTALS: Readonly<SideTotals> = Object.freeze({ debitAmount: 0, debitCount: 0, creditAmount: 0, creditCount: 0 });

function sideField(t: SideTotals, result: SettlementResult): string {
  const count = (n: number): string => {
    if (!Number.isSafeInteger(n) || n < 0 || n > 999) throw new IsoEncodeError(48, `a count must be 0..999, got ${n}`);
    return String(n).padStart(3, '0');
  };
  return amountField(t.debitAmount) + count(t.debitCount) + amountField(t.creditAmount) + count(t.creditCount) + result;
}

/** host-protocol §4.5: F48 = domestic then foreign, each `debit n12 | n3 | credit n12 | n3 | result n1`. */
export function settlementF48(totals: SettlementTotals, results: [SettlementResult, SettlementResult] = ['0', '0']): string {
  return sideField(totals.domestic, results[0]) + sideField(totals.foreign, results[1]);
}

export interface ParsedSettlementF48 {
  totals: SettlementTotals;
  results: [SettlementResult, SettlementResult];
}

/** Parses a 62-digit F48; null when it is not one. */
export function parseSettlementF48(f48: string): ParsedSettlementF48 | null {
  if (f48.length !== 62 || !/^\d+$/.test(f48)) return null;
  const side = (s: string): { totals: SideTotals; result: string } => ({
    totals: { debitAmount: Number(s.slice(0, 12)), debitCount: Number(s.slice(12, 15)), creditAmount: Number(s.slice(15, 27)), creditCount: Number(s.slice(27, 30)) },
    result: s[30]!,
  });
  const d = side(f48.slice(0, 31));
  const f = side(f48.slice(31));
  const ok = (r: string): r is SettlementResult => r === '0' || r === '1' || r === '2' || r === '3';
  if (!ok(d.result) || !ok(f.result)) return null;
  return { totals: { domestic: d.totals, foreign: f.totals }, results: [d.result, f.result] };
}

/** host-protocol §4.5: 0500 settlement, 60.3 `201`, F48 totals with result `0`. */
export function buildSettlement(ctx: TerminalContext, p: { stan: string; totals: SettlementTotals }): HostRequest {
  const m = base(ctx, '0500', p.stan);
  m.fields[48] = settlementF48(p.totals);
  m.fields[49] = '156';
  m.fields[60] = field60('00', ctx.batchNo, '201');
  m.fields[63] = operatorField(ctx.operator);
  return { kind: 'settlement', message: m, mac: true, reversible: false };
}

/** One transaction of a batch upload (host-protocol §4.5, not balanced). */
export interface UploadedTransaction {
  type: 'sale' | 'void' | 'refund';
  amount: number;
  /** STAN of the transaction. */
  stan: string;
  /** Its date, MMDD (F13 of its reply). */
  date: string;
  rrn: string;
  authCode?: string;
  /** F22 of the original. */
  entryMode: string;
  /** F2 if the terminal still holds it; the upload is valid without. */
  pan?: string;
}

/**
 * host-protocol §4.5: one transaction of an unbalanced batch, 0320 with 60.3 `201`.
 * Profile (the spec leaves the content open): F3 and F4 of the transaction, F22, F37,
 * F38, F61 = batch + its STAN + its date, F11 a new STAN.
 */
export function buildBatchUploadItem(ctx: TerminalContext, p: { stan: string; transaction: UploadedTransaction }): HostRequest {
  const t = p.transaction;
  const m = base(ctx, '0320', p.stan);
  if (t.pan !== undefined) m.fields[2] = t.pan;
  m.fields[3] = t.type === 'sale' ? '000000' : '200000';
  m.fields[4] = amountField(t.amount);
  m.fields[22] = t.entryMode;
  m.fields[25] = '00';
  m.fields[37] = t.rrn;
  if (t.authCode) m.fields[38] = t.authCode;
  m.fields[49] = '156';
  m.fields[60] = field60('00', ctx.batchNo, '201');
  m.fields[61] = ctx.batchNo + digits(t.stan, 6, 61, 'STAN') + digits(t.date, 4, 61, 'date');
  m.fields[63] = operatorField(ctx.operator);
  return { kind: 'batch-upload', message: m, mac: true, reversible: false };
}

/**
 * host-protocol §4.5: the end-of-batch 0320: F48 = number of transactions (n4), 60.3
 * `207` after a balanced settlement, `202` after uploading every transaction.
 */
export function buildBatchUploadEnd(ctx: TerminalContext, p: { stan: string; count: number; balanced: boolean }): HostRequest {
  if (!Number.isSafeInteger(p.count) || p.count < 0 || p.count > 9999) throw new IsoEncodeError(48, `count must be 0..9999, got ${p.count}`);
  const m = base(ctx, '0320', p.stan);
  m.fields[48] = String(p.count).padStart(4, '0');
  m.fields[49] = '156';
  m.fields[60] = field60('00', ctx.batchNo, p.balanced ? '207' : '202');
  m.fields[63] = operatorField(ctx.operator);
  return { kind: 'batch-upload', message: m, mac: true, reversible: false };
}

/** host-protocol §4.7: the largest signature image F62 carries. */
export const MAX_SIGNATURE_BYTES = 999;

/** host-protocol §4.7 (profile): 0820, 60 = `07` + batch + `800`, F37 and F61 of the sale, F62 = PNG. */
export function buildSignatureUpload(ctx: TerminalContext, p: { stan: string; sale: { stan: string; rrn: string }; image: Buffer }): HostRequest {
  if (p.image.length === 0 || p.image.length > MAX_SIGNATURE_BYTES) throw new IsoEncodeError(62, `signature image must be 1..${MAX_SIGNATURE_BYTES} bytes, got ${p.image.length}`);
  const m = base(ctx, '0820', p.stan);
  m.fields[37] = p.sale.rrn;
  m.fields[60] = field60('07', ctx.batchNo, '800');
  m.fields[61] = ctx.batchNo + digits(p.sale.stan, 6, 61, 'sale STAN');
  m.fields[62] = p.image.toString('hex').toUpperCase();
  return { kind: 'signature-upload', message: m, mac: true, reversible: false };
}

// --- replies -------------------------------------------------------------------------

/** host-protocol §1: header byte 2, high nibble terminal status, low nibble processing requirement. */
export interface HeaderStatus {
  terminalStatus: number;
  /** 0 none; 3 = sign in again; other values are acquirer specific (log and surface them). */
  processingRequirement: number;
}

export function headerStatus(header: string): HeaderStatus {
  const b = parseInt(header.slice(4, 6), 16);
  return Number.isNaN(b) ? { terminalStatus: 0, processingRequirement: 0 } : { terminalStatus: b >> 4, processingRequirement: b & 15 };
}

export interface Balance {
  /** Signed fen: negative for a debit (`D`) balance. */
  fen: number;
  currency: string;
  accountType: string;
  amountType: string;
}

/** F54 (CUP): account type n2, amount type n2, currency n3, sign C/D, amount n12; null if not that. */
export function parseBalance(f54: string): Balance | null {
  const m = /^(\d{2})(\d{2})(\d{3})([CD])(\d{12})/.exec(f54);
  if (!m) return null;
  const fen = Number(m[5]);
  return { accountType: m[1]!, amountType: m[2]!, currency: m[3]!, fen: m[4] === 'D' ? -fen : fen };
}

/** The parts of a reply that callers use, with the response code as an outcome. */
export interface ReplyInfo {
  mti: string;
  outcome: ResponseOutcome;
  stan?: string;
  rrn?: string;
  authCode?: string;
  /** F12 hhmmss and F13 MMDD: host local time. */
  hostTime?: string;
  hostDate?: string;
  /** F15 MMDD. */
  settlementDate?: string;
  /** F44, trimmed. */
  acquirerIds?: string;
  /** First 3 characters of the reply F63, trimmed (e.g. `CUP`); host-protocol §4.5 uses it. */
  cardOrganisation?: string;
  /** F54, when present and well formed. */
  balance?: Balance;
  /** F55 hex (issuer scripts etc.). */
  icc?: string;
  /** F60.2 of the reply. */
  batchNo?: string;
  /** F60.3 of the reply. */
  networkCode?: string;
  header: HeaderStatus;
  /** The host asked for a new sign-in (header processing requirement 3). */
  signInRequested: boolean;
}

const trimmed = (s: string | undefined): string | undefined => (s === undefined ? undefined : s.trim());

/** Reads any reply: F39 becomes an outcome; a reply without F39 is a `30` (format error). */
export function parseReply(reply: IsoMessage): ReplyInfo {
  const f = reply.fields;
  const header = headerStatus(reply.header);
  const info: ReplyInfo = { mti: reply.mti, outcome: responseOutcome(f[39] ?? '30'), header, signInRequested: header.processingRequirement === 3 };
  if (f[11] !== undefined) info.stan = f[11];
  if (f[37] !== undefined) info.rrn = trimmed(f[37])!;
  if (f[38] !== undefined) info.authCode = trimmed(f[38])!;
  if (f[12] !== undefined) info.hostTime = f[12];
  if (f[13] !== undefined) info.hostDate = f[13];
  if (f[15] !== undefined) info.settlementDate = f[15];
  if (f[44] !== undefined) info.acquirerIds = trimmed(f[44])!;
  if (f[63] !== undefined) info.cardOrganisation = f[63].slice(0, 3).trim();
  if (f[54] !== undefined) {
    const b = parseBalance(f[54]);
    if (b) info.balance = b;
  }
  if (f[55] !== undefined) info.icc = f[55];
  if (f[60] !== undefined && f[60].length >= 8) info.batchNo = f[60].slice(2, 8);
  if (f[60] !== undefined && f[60].length >= 11) info.networkCode = f[60].slice(8, 11);
  return info;
}

export interface SignInReply extends ReplyInfo {
  /** Present when approved: the working keys under the TMK, for the PIN pad to load and check. */
  keys?: SignInKeys;
}

/**
 * host-protocol §3: an approved 0810 must carry F62 of the scheme's length and the batch
 * in F60.2 (throws SignInKeysError otherwise: keep no key from that reply).
 */
export function parseSignInReply(reply: IsoMessage, scheme: KeyScheme): SignInReply {
  const info: SignInReply = parseReply(reply);
  if (!info.outcome.approved) return info;
  const f62 = reply.fields[62];
  if (f62 === undefined) throw new SignInKeysError('no F62');
  info.keys = splitSignInKeys(Buffer.from(f62, 'hex'), scheme);
  return info;
}

export interface SettlementReply extends ReplyInfo {
  /** Domestic and foreign result digits; null when the reply has no well-formed F48. */
  results: [SettlementResult, SettlementResult] | null;
  /** True when both sides are `1` (balanced). */
  balanced: boolean;
}

/** host-protocol §4.5: 0510; F48 result `1` balanced, `2` not balanced, `3` error. */
export function parseSettlementReply(reply: IsoMessage): SettlementReply {
  const info = parseReply(reply);
  const parsed = reply.fields[48] !== undefined ? parseSettlementF48(reply.fields[48]) : null;
  const results = parsed ? parsed.results : null;
  return { ...info, results, balanced: results !== null && results[0] === '1' && results[1] === '1' };
}

