// The training bank host (培训模式): speaks the CUP POS profile over TCP (or TLS),
// issues working keys under the TMK at sign-in, checks MACs and PIN blocks with the keys
// it issued, approves or declines from a card table, keeps a ledger, and has fault
// switches for tests. Software keys are fine here: this is the host side.
import { randomBytes, randomInt } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { desDecrypt, desEncrypt, kcv } from '../../native/crypto/des.js';
import { cupMac } from '../../native/crypto/mac.js';
import { pinFromIso0Block } from '../../native/crypto/pinBlock.js';
import { silentLogger, type Logger } from '../../native/log/logger.js';
import { cardOrganisation, DEFAULT_CARDS, isDomesticPan, QR_CODE_DECLINED, QR_CODE_NEVER_COMPLETES, type TrainingCard } from './cardTable.js';
import { decodeFrame, encodeFrame, frameHasMac, macInput, replyMti, swapTpdu, type IsoMessage } from './codec.js';
import { IsoDecodeError } from './errors.js';
import { FrameReader } from './framing.js';
import { parseSettlementF48, settlementF48, type RequestKind, type SettlementResult, type SideTotals } from './messages.js';
import { isKeyScheme, joinSignInKeys, type KeyScheme } from './signInKeys.js';
import { SimulatorFaults, type AppliedFaults } from './simulatorFaults.js';
import { SimulatorLedger, type LedgerEntry } from './simulatorLedger.js';
import { maskPan } from './trace.js';
import { decryptTrackTdb, panFromTrack } from './trackTdb.js';

export interface TrainingHostOptions {
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** 0 = an ephemeral port (read it from the result). */
  port?: number;
  /** The terminal master key the working keys are issued under (8, 16 or 24 bytes). */
  tmk: Buffer;
  /** Default DEFAULT_CARDS (see cardTable.ts). */
  cards?: readonly TrainingCard[];
  /** One `sim.message` record per request. */
  logger?: Logger;
  /**
   * host-protocol §4.6: how many replies about a QR sale say Q1 (pending) before it is
   * approved, the sale's own reply included. Default 1: the sale answers Q1, the first
   * query approves. 0 approves the sale at once.
   */
  qrPendingReplies?: number;
  /** Serve TLS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface WorkingKeys {
  pinKey: Buffer;
  macKey: Buffer;
  trackKey?: Buffer;
}

/** The host's idea of one terminal (by F41). */
export interface TerminalSession {
  tid: string;
  mid: string;
  /** The batch the host expects in F60.2; it moves on after the end-of-batch 0320. */
  batchNo: string;
  scheme: KeyScheme;
  signedIn: boolean;
  /** Training only: the clear working keys issued at the last sign-in. */
  keys: WorkingKeys | null;
}

export interface TrainingHost {
  readonly host: string;
  readonly port: number;
  readonly ledger: SimulatorLedger;
  readonly faults: SimulatorFaults;
  /** Requests received so far. */
  readonly messageCount: number;
  session(tid: string): TerminalSession | undefined;
  /** A card's balance in fen, or undefined for an unknown PAN. */
  balance(pan: string): number | undefined;
  /** Closes every open connection (as a host that drops idle links) and keeps listening. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** F32 of replies: the training acquirer's institution id. */
const ACQUIRER_ID = '48270000';
/** F44 of approvals: issuer id (11, space padded) + acquirer id (11). */
const F44_IDS = '03080000   48270000   ';
/** Requests that carry F64 (host-protocol §1); 0820 only as a signature upload. */
const MAC_MTIS = new Set(['0200', '0220', '0400', '0500', '0320']);

interface Handled {
  kind: RequestKind | 'unknown';
  code: string;
  extra: Record<number, string>;
  /** Fields of the request to echo (default: ECHO_FIELDS). */
  echo?: readonly number[];
  log?: Record<string, unknown>;
}

const ECHO_FIELDS = [2, 3, 4, 11, 14, 22, 23, 25, 41, 42, 49, 60, 61];

const pad2 = (n: number): string => String(n).padStart(2, '0');

class TrainingHostImpl implements TrainingHost {
  readonly ledger = new SimulatorLedger();
  readonly faults = new SimulatorFaults();
  readonly #sessions = new Map<string, TerminalSession>();
  readonly #cards = new Map<string, TrainingCard>();
  readonly #sockets = new Set<Socket>();
  /** Per QR sale: Q1 replies still to give (Infinity for the never-completing code). */
  readonly #qrPending = new Map<LedgerEntry, number>();
  /** The full PAN of each card entry, to give balances back on void, refund and reversal. */
  readonly #entryPan = new Map<LedgerEntry, string>();
  readonly #tmk: Buffer;
  readonly #logger: Logger;
  readonly #qrPendingReplies: number;
  #server!: Server;
  #messages = 0;
  #rrnCounter = 0;
  host = '127.0.0.1';
  port = 0;

  constructor(options: TrainingHostOptions) {
    this.#tmk = Buffer.from(options.tmk);
    this.#logger = options.logger ?? silentLogger;
    this.#qrPendingReplies = options.qrPendingReplies ?? 1;
    for (const c of options.cards ?? DEFAULT_CARDS) this.#cards.set(c.pan, { ...c });
  }

  get messageCount(): number {
    return this.#messages;
  }

  async listen(host: string, port: number, tls: TrainingHostOptions['tls']): Promise<void> {
    const onSocket = (socket: Socket): void => this.#serve(socket);
    this.#server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, onSocket) : createNetServer(onSocket);
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const addr = this.#server.address() as AddressInfo;
    this.host = addr.address;
    this.port = addr.port;
  }

  session(tid: string): TerminalSession | undefined {
    const s = this.#sessions.get(tid);
    return s ? { ...s, keys: s.keys ? { ...s.keys } : null } : undefined;
  }

  balance(pan: string): number | undefined {
    return this.#cards.get(pan)?.balance;
  }

  dropConnections(): void {
    for (const s of this.#sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // --- transport ------------------------------------------------------------------------

  #serve(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const reader = new FrameReader();
    let chain = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = reader.push(chunk);
      } catch (e) {
        this.#logger.log('warn', 'sim.bad-frame', { error: e instanceof Error ? e.message : String(e) });
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        chain = chain
          .then(() => this.#onFrame(socket, frame))
          .catch((e: unknown) => {
            this.#logger.log('error', 'sim.error', { error: e instanceof Error ? e.message : String(e) });
            socket.destroy();
          });
      }
    });
  }

  async #onFrame(socket: Socket, frame: Buffer): Promise<void> {
    this.#messages += 1;
    let req: IsoMessage;
    try {
      req = decodeFrame(frame);
    } catch (e) {
      // A real host drops a connection that sends what it cannot read.
      const error = e instanceof IsoDecodeError ? `${String(e.part)} at ${e.offset}: ${e.detail}` : String(e);
      this.#logger.log('warn', 'sim.message', { mti: null, error });
      socket.destroy();
      return;
    }
    const faults = this.faults.take(req.mti);
    const handled = this.#handle(req, frame, faults);
    // Keys may have changed (sign-in, sign-off): MAC the reply with the session as it is now.
    const mak = this.#expectsMac(req) ? this.#sessions.get(req.fields[41] ?? '')?.keys?.macKey : undefined;
    const replyFrame = encodeFrame(this.#reply(req, handled, mak !== undefined));
    if (mak) {
      replyFrame.write(cupMac(mak, macInput(replyFrame)), replyFrame.length - 8, 'latin1');
      if (faults.badMac) replyFrame[replyFrame.length - 1] = replyFrame[replyFrame.length - 1] === 0x30 ? 0x31 : 0x30;
    }

    this.#logger.log('info', 'sim.message', {
      tid: req.fields[41],
      mti: req.mti,
      kind: handled.kind,
      stan: req.fields[11],
      amount: req.fields[4] !== undefined ? Number(req.fields[4]) : undefined,
      maskedPan: req.fields[2] !== undefined ? maskPan(req.fields[2]) : undefined,
      responseCode: handled.code,
      ...(handled.log ?? {}),
      ...(faults.names.length ? { faults: faults.names } : {}),
    });

    if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
    if (socket.destroyed) return;
    if (faults.noReply) return;
    if (faults.disconnectMidReply) {
      socket.end(replyFrame.subarray(0, replyFrame.length >> 1));
      return;
    }
    if (faults.garbage) {
      const junk = randomBytes(24);
      junk[0] = 0x00; // never a TPDU (host-protocol §1: a TPDU starts with 60)
      const len = Buffer.alloc(2);
      len.writeUInt16BE(junk.length);
      socket.write(Buffer.concat([len, junk]));
      return;
    }
    socket.write(replyFrame);
  }

  #expectsMac(req: IsoMessage): boolean {
    return MAC_MTIS.has(req.mti) || (req.mti === '0820' && req.fields[60]?.slice(8, 11) === '800');
  }

  #reply(req: IsoMessage, h: Handled, withMac: boolean): IsoMessage {
    const fields: Record<number, string> = {};
    for (const no of h.echo ?? ECHO_FIELDS) {
      const v = req.fields[no];
      if (v !== undefined) fields[no] = v;
    }
    const now = new Date();
    fields[12] = pad2(now.getHours()) + pad2(now.getMinutes()) + pad2(now.getSeconds());
    fields[13] = pad2(now.getMonth() + 1) + pad2(now.getDate());
    fields[39] = h.code;
    Object.assign(fields, h.extra);
    if (withMac) fields[64] = '0000000000000000';
    return { tpdu: swapTpdu(req.tpdu), header: req.header, mti: replyMti(req.mti), fields };
  }

  // --- processing -----------------------------------------------------------------------

  #handle(req: IsoMessage, frame: Buffer, faults: AppliedFaults): Handled {
    const f = req.fields;
    const kind = this.#kindOf(req);
    const tid = f[41];
    if (tid === undefined || f[42] === undefined || f[11] === undefined) return { kind, code: '30', extra: {} };
    if (kind === 'sign-in') return faults.forceResponse ? { kind, code: faults.forceResponse, extra: {}, echo: [11, 41, 42, 60] } : this.#signIn(req);
    const session = this.#sessions.get(tid);
    if (this.#expectsMac(req)) {
      if (!session?.signedIn || !session.keys) return { kind, code: 'A7', extra: {}, log: { reason: 'not signed in' } };
      if (!frameHasMac(frame) || cupMac(session.keys.macKey, macInput(frame)) !== frame.toString('latin1', frame.length - 8)) {
        return { kind, code: 'A0', extra: {}, log: { reason: 'bad MAC' } };
      }
    }
    if (faults.forceResponse) return { kind, code: faults.forceResponse, extra: {}, log: { reason: 'forced' } };
    if (kind === 'sign-off') return this.#signOff(req);
    if (!session) return { kind, code: 'A7', extra: {} };
    // Batch check (profile): a request from another batch than the host's means sign in again.
    const batch = f[60]?.slice(2, 8);
    if (batch !== session.batchNo) return { kind, code: '77', extra: {}, log: { reason: `batch ${batch} != ${session.batchNo}` } };
    switch (kind) {
      case 'sale':
        return this.#sale(req, session);
      case 'qr-sale':
        return this.#qrSale(req, session);
      case 'qr-query':
        return this.#qrQuery(req, session);
      case 'void':
        return this.#void(req, session);
      case 'refund':
        return this.#refund(req, session);
      case 'balance-inquiry':
        return this.#balanceInquiry(req, session);
      case 'reversal':
        return this.#reversal(req, session);
      case 'settlement':
        return this.#settlement(req, session);
      case 'batch-upload':
        return this.#batchUpload(req, session);
      case 'signature-upload':
        return this.#signature(req, session);
      default:
        return { kind, code: '12', extra: {} };
    }
  }

  #kindOf(req: IsoMessage): RequestKind | 'unknown' {
    const f = req.fields;
    const netCode = f[60]?.slice(8, 11);
    switch (req.mti) {
      case '0800':
        return 'sign-in';
      case '0820':
        return netCode === '800' ? 'signature-upload' : netCode === '002' ? 'sign-off' : 'unknown';
      case '0200':
        if (f[3] === '000000') return f[59]?.startsWith('QR') ? 'qr-sale' : 'sale';
        if (f[3] === '330000') return 'qr-query';
        if (f[3] === '200000') return 'void';
        if (f[3] === '310000') return 'balance-inquiry';
        return 'unknown';
      case '0220':
        return f[3] === '200000' ? 'refund' : 'unknown';
      case '0400':
        return 'reversal';
      case '0500':
        return 'settlement';
      case '0320':
        return 'batch-upload';
      default:
        return 'unknown';
    }
  }

  #signIn(req: IsoMessage): Handled {
    const f = req.fields;
    const echo = [11, 41, 42];
    const scheme = f[60]?.slice(8, 11) ?? '';
    if (!isKeyScheme(scheme)) return { kind: 'sign-in', code: '30', extra: {}, echo, log: { reason: `network code ${scheme}` } };
    const tid = f[41]!;
    let session = this.#sessions.get(tid);
    if (!session) {
      // A terminal the host has not seen: adopt its batch (or start at 000001).
      const asked = f[60]?.slice(2, 8) ?? '';
      session = { tid, mid: f[42]!, batchNo: /^\d{6}$/.test(asked) && asked !== '000000' ? asked : '000001', scheme, signedIn: false, keys: null };
      this.#sessions.set(tid, session);
    }
    // host-protocol §3: fresh keys each sign-in; the MAC key is single-length in every scheme.
    const keys: WorkingKeys = { pinKey: randomBytes(scheme === '001' ? 8 : 16), macKey: randomBytes(8) };
    if (scheme === '004') keys.trackKey = randomBytes(16);
    const wrap = (k: Buffer): { ciphertext: Buffer; kcv: Buffer } => ({ ciphertext: desEncrypt(this.#tmk, k), kcv: kcv(k) });
    const f62 = joinSignInKeys(
      { pinKey: wrap(keys.pinKey), macKey: wrap(keys.macKey), ...(keys.trackKey ? { trackKey: wrap(keys.trackKey) } : {}) },
      scheme,
    );
    session.mid = f[42]!;
    session.scheme = scheme;
    session.keys = keys;
    session.signedIn = true;
    return {
      kind: 'sign-in',
      code: '00',
      echo,
      extra: { 32: ACQUIRER_ID, 37: this.#rrn(), 60: '00' + session.batchNo + scheme, 62: f62.toString('hex').toUpperCase() },
      log: { scheme, batchNo: session.batchNo },
    };
  }

  #signOff(req: IsoMessage): Handled {
    const session = this.#sessions.get(req.fields[41]!);
    if (session) {
      session.signedIn = false;
      session.keys = null;
    }
    return { kind: 'sign-off', code: '00', extra: {}, echo: [11, 41, 42, 60] };
  }

  /** The card of a card request: PAN from F2 or the (decrypted) track; null code = usable. */
  #card(req: IsoMessage, session: TerminalSession): { pan: string; card: TrainingCard } | { code: string; reason: string } {
    const f = req.fields;
    let pan = f[2];
    const track = f[35] ?? f[36];
    if (track !== undefined) {
      let clear = track;
      if (f[53]?.[2] === '1') {
        // host-protocol §4.1: TDB-encrypted track, only when signed in with 004.
        if (!session.keys?.trackKey) return { code: 'A7', reason: 'encrypted track without a track key' };
        clear = decryptTrackTdb(session.keys.trackKey, track);
      }
      const trackPan = panFromTrack(clear);
      if (trackPan === null || (pan !== undefined && pan !== trackPan)) return { code: 'A7', reason: 'track does not decrypt to the PAN' };
      pan = trackPan;
    }
    if (pan === undefined) return { code: '14', reason: 'no card number' };
    const card = this.#cards.get(pan);
    if (!card) return { code: '14', reason: 'unknown card' };
    if (card.respond) return { code: card.respond, reason: 'card table' };
    if (f[52] !== undefined) {
      if (!session.keys) return { code: 'A7', reason: 'no PIN key' };
      const pin = pinFromIso0Block(desDecrypt(session.keys.pinKey, Buffer.from(f[52], 'hex')), pan);
      if (card.pin !== undefined && pin !== card.pin) return { code: '55', reason: 'wrong PIN' };
    } else if (card.requirePin) {
      return { code: '55', reason: 'PIN required' };
    }
    return { pan, card };
  }

  #rrn(): string {
    this.#rrnCounter = (this.#rrnCounter + 1) % 1_000_000;
    const now = new Date();
    return pad2(now.getHours()) + pad2(now.getMinutes()) + pad2(now.getSeconds()) + String(this.#rrnCounter).padStart(6, '0');
  }

  #approval(extra: Record<number, string>, entry: { rrn: string; authCode: string; date: string }, org?: string): Record<number, string> {
    const fields: Record<number, string> = { ...extra, 15: entry.date, 37: entry.rrn, 38: entry.authCode, 44: F44_IDS };
    if (org) fields[63] = org;
    return fields;
  }

  #newEntry(req: IsoMessage, session: TerminalSession, type: LedgerEntry['type'], amount: number, pan: string | null, status: LedgerEntry['status']): LedgerEntry {
    const now = new Date();
    const entry: LedgerEntry = {
      tid: session.tid,
      mid: session.mid,
      batchNo: session.batchNo,
      stan: req.fields[11]!,
      type,
      amount,
      status,
      rrn: this.#rrn(),
      authCode: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      date: pad2(now.getMonth() + 1) + pad2(now.getDate()),
      time: pad2(now.getHours()) + pad2(now.getMinutes()) + pad2(now.getSeconds()),
      domestic: pan === null || isDomesticPan(pan),
      refunded: 0,
    };
    if (pan !== null) {
      entry.maskedPan = maskPan(pan);
      this.#entryPan.set(entry, pan);
    }
    return this.ledger.add(entry);
  }

  #amount(req: IsoMessage): number | null {
    const a = req.fields[4];
    return a === undefined ? null : Number(a);
  }

  #sale(req: IsoMessage, session: TerminalSession): Handled {
    const amount = this.#amount(req);
    if (amount === null || amount <= 0) return { kind: 'sale', code: '13', extra: {} };
    const c = this.#card(req, session);
    if ('code' in c) return { kind: 'sale', code: c.code, extra: {}, log: { reason: c.reason } };
    if (amount > c.card.balance) return { kind: 'sale', code: '51', extra: {} };
    c.card.balance -= amount;
    const entry = this.#newEntry(req, session, 'sale', amount, c.pan, 'approved');
    return { kind: 'sale', code: '00', extra: this.#approval({}, entry, cardOrganisation(c.pan)) };
  }

  #qrSale(req: IsoMessage, session: TerminalSession): Handled {
    const amount = this.#amount(req);
    if (amount === null || amount <= 0) return { kind: 'qr-sale', code: '13', extra: {} };
    const code = req.fields[59]!.slice(2);
    if (!/^\d{18,19}$/.test(code)) return { kind: 'qr-sale', code: '30', extra: {}, log: { reason: 'payment code' } };
    if (code === QR_CODE_DECLINED) return { kind: 'qr-sale', code: '51', extra: {} };
    const pendingReplies = code === QR_CODE_NEVER_COMPLETES ? Infinity : this.#qrPendingReplies;
    if (pendingReplies <= 0) {
      const entry = this.#newEntry(req, session, 'qr-sale', amount, null, 'approved');
      return { kind: 'qr-sale', code: '00', extra: this.#approval({}, entry) };
    }
    const entry = this.#newEntry(req, session, 'qr-sale', amount, null, 'pending');
    this.#qrPending.set(entry, pendingReplies - 1);
    return { kind: 'qr-sale', code: 'Q1', extra: { 37: entry.rrn } };
  }

  #qrQuery(req: IsoMessage, session: TerminalSession): Handled {
    const f61 = req.fields[61] ?? '';
    const entry = this.ledger.get(session.tid, f61.slice(0, 6), f61.slice(6, 12));
    const echo = [3, 11, 25, 41, 42, 49, 60, 61];
    if (!entry || entry.type !== 'qr-sale' || entry.status === 'reversed') return { kind: 'qr-query', code: '25', extra: {}, echo };
    if (entry.status === 'pending') {
      const left = this.#qrPending.get(entry) ?? 0;
      if (left > 0) {
        this.#qrPending.set(entry, left - 1);
        return { kind: 'qr-query', code: 'Q1', extra: {}, echo };
      }
      this.#qrPending.delete(entry);
      entry.status = 'approved';
    }
    return { kind: 'qr-query', code: '00', extra: this.#approval({ 4: String(entry.amount).padStart(12, '0') }, entry), echo };
  }

  /** host-protocol §4.2: F61 = original batch + STAN; same batch only. */
  #void(req: IsoMessage, session: TerminalSession): Handled {
    const amount = this.#amount(req);
    const f61 = req.fields[61] ?? '';
    const original = this.ledger.get(session.tid, f61.slice(0, 6), f61.slice(6, 12));
    if (!original || (original.type !== 'sale' && original.type !== 'qr-sale') || original.status === 'reversed' || original.status === 'pending' || original.batchNo !== session.batchNo) {
      return { kind: 'void', code: '25', extra: {} };
    }
    if (original.status === 'voided') return { kind: 'void', code: '12', extra: {}, log: { reason: 'already voided' } };
    if (original.refunded > 0) return { kind: 'void', code: '12', extra: {}, log: { reason: 'already refunded' } };
    if (amount !== original.amount) return { kind: 'void', code: '64', extra: {} };
    const pan = this.#entryPan.get(original) ?? null;
    if (pan !== null && (req.fields[2] !== undefined || req.fields[35] !== undefined)) {
      const c = this.#card(req, session);
      if ('code' in c) return { kind: 'void', code: c.code, extra: {}, log: { reason: c.reason } };
      if (c.pan !== pan) return { kind: 'void', code: '25', extra: {}, log: { reason: 'another card' } };
    }
    original.status = 'voided';
    if (pan !== null) this.#cards.get(pan)!.balance += amount;
    const entry = this.#newEntry(req, session, 'void', amount, pan, 'approved');
    entry.domestic = original.domestic;
    entry.original = { batchNo: original.batchNo, stan: original.stan };
    return { kind: 'void', code: '00', extra: this.#approval({}, entry, pan ? cardOrganisation(pan) : undefined) };
  }

  /** host-protocol §4.3: F37 = original RRN; any earlier batch; at most the original amount in all. */
  #refund(req: IsoMessage, session: TerminalSession): Handled {
    const amount = this.#amount(req);
    if (amount === null || amount <= 0) return { kind: 'refund', code: '13', extra: {} };
    const original = this.ledger.findByRrn(session.tid, (req.fields[37] ?? '').trim());
    if (!original || (original.type !== 'sale' && original.type !== 'qr-sale') || original.status === 'reversed' || original.status === 'pending') {
      return { kind: 'refund', code: '25', extra: {} };
    }
    if (original.status === 'voided') return { kind: 'refund', code: '12', extra: {}, log: { reason: 'voided sale' } };
    if (original.refunded + amount > original.amount) return { kind: 'refund', code: '61', extra: {}, log: { reason: 'more than the sale' } };
    const pan = this.#entryPan.get(original) ?? null;
    original.refunded += amount;
    if (pan !== null) this.#cards.get(pan)!.balance += amount;
    const entry = this.#newEntry(req, session, 'refund', amount, pan, 'approved');
    entry.domestic = original.domestic;
    entry.original = { batchNo: original.batchNo, stan: original.stan };
    return { kind: 'refund', code: '00', extra: this.#approval({}, entry, pan ? cardOrganisation(pan) : undefined) };
  }

  #balanceInquiry(req: IsoMessage, session: TerminalSession): Handled {
    const c = this.#card(req, session);
    if ('code' in c) return { kind: 'balance-inquiry', code: c.code, extra: {}, log: { reason: c.reason } };
    // F54 (CUP): account type 10, amount type 02 (available), currency 156, sign C, n12.
    return { kind: 'balance-inquiry', code: '00', extra: { 54: '1002156C' + String(c.card.balance).padStart(12, '0'), 63: cardOrganisation(c.pan) } };
  }

  /** host-protocol §4.4: undoes the original (same F11, batch F60.2) if the host has it; idempotent; always 00. */
  #reversal(req: IsoMessage, session: TerminalSession): Handled {
    const stan = req.fields[11]!;
    const batchNo = req.fields[60]!.slice(2, 8);
    const entry = this.ledger.get(session.tid, batchNo, stan);
    const record = { tid: session.tid, batchNo, stan, reason: req.fields[39] ?? '', matched: entry !== undefined, repeated: entry?.status === 'reversed' };
    if (entry && entry.status !== 'reversed') {
      const card = this.#cards.get(this.#entryPan.get(entry) ?? '');
      const counted = entry.status === 'approved' || entry.status === 'voided';
      if (entry.type === 'sale' || entry.type === 'qr-sale') {
        if (card && counted) card.balance += entry.amount;
        this.#qrPending.delete(entry);
      } else {
        const original = entry.original ? this.ledger.get(entry.tid, entry.original.batchNo, entry.original.stan) : undefined;
        if (card) card.balance -= entry.amount;
        if (original && entry.type === 'void' && original.status === 'voided') original.status = 'approved';
        if (original && entry.type === 'refund') original.refunded -= entry.amount;
      }
      entry.status = 'reversed';
    }
    this.ledger.reversals.push(record);
    return { kind: 'reversal', code: '00', extra: {}, log: { reason: record.reason, matched: record.matched } };
  }

  /** host-protocol §4.5: compares the terminal's F48 with the ledger, side by side. */
  #settlement(req: IsoMessage, session: TerminalSession): Handled {
    const parsed = parseSettlementF48(req.fields[48] ?? '');
    const echo = [11, 41, 42, 49, 60, 63];
    if (!parsed) return { kind: 'settlement', code: '30', extra: {}, echo, log: { reason: 'F48' } };
    const host = this.ledger.totals(session.tid, session.batchNo);
    const same = (a: SideTotals, b: SideTotals): boolean =>
      a.debitAmount === b.debitAmount && a.debitCount === b.debitCount && a.creditAmount === b.creditAmount && a.creditCount === b.creditCount;
    const results: [SettlementResult, SettlementResult] = [same(parsed.totals.domestic, host.domestic) ? '1' : '2', same(parsed.totals.foreign, host.foreign) ? '1' : '2'];
    this.ledger.settlements.push({ tid: session.tid, batchNo: session.batchNo, terminal: parsed.totals, host, results });
    return { kind: 'settlement', code: '00', extra: { 48: settlementF48(parsed.totals, results) }, echo, log: { results: results.join('') } };
  }

  #batchUpload(req: IsoMessage, session: TerminalSession): Handled {
    const netCode = req.fields[60]!.slice(8, 11);
    const echo = [2, 3, 4, 11, 41, 42, 49, 60, 61];
    if (netCode === '201') {
      const f61 = req.fields[61] ?? '';
      this.ledger.uploads.push({ tid: session.tid, batchNo: session.batchNo, networkCode: '201', stan: f61.slice(6, 12), amount: Number(req.fields[4] ?? '0') });
      return { kind: 'batch-upload', code: '00', extra: {}, echo };
    }
    if (netCode === '202' || netCode === '207') {
      const count = Number(req.fields[48] ?? 'NaN');
      if (!Number.isInteger(count)) return { kind: 'batch-upload', code: '30', extra: {}, echo, log: { reason: 'F48 count' } };
      this.ledger.uploads.push({ tid: session.tid, batchNo: session.batchNo, networkCode: netCode, count });
      // The batch is closed: the host expects the next one.
      const closed = session.batchNo;
      session.batchNo = String((Number(closed) % 999_999) + 1).padStart(6, '0');
      return { kind: 'batch-upload', code: '00', extra: { 48: req.fields[48]! }, echo, log: { closedBatch: closed } };
    }
    return { kind: 'batch-upload', code: '30', extra: {}, echo, log: { reason: `network code ${netCode}` } };
  }

  #signature(req: IsoMessage, session: TerminalSession): Handled {
    const f61 = req.fields[61] ?? '';
    const image = req.fields[62];
    const echo = [11, 37, 41, 42, 60, 61];
    if (image === undefined || f61.length < 12) return { kind: 'signature-upload', code: '30', extra: {}, echo };
    this.ledger.signatures.push({ tid: session.tid, batchNo: session.batchNo, saleStan: f61.slice(6, 12), rrn: (req.fields[37] ?? '').trim(), bytes: image.length / 2 });
    return { kind: 'signature-upload', code: '00', extra: {}, echo };
  }
}

/**
 * Starts the training host. `port: 0` picks a free port: read `port` from the result.
 * The result exposes the ledger (what the host approved), the fault switches and each
 * terminal's session.
 */
export async function startTrainingHost(options: TrainingHostOptions): Promise<TrainingHost> {
  if (![8, 16, 24].includes(options.tmk.length)) throw new RangeError('the TMK must be 8, 16 or 24 bytes');
  const host = new TrainingHostImpl(options);
  await host.listen(options.host ?? '127.0.0.1', options.port ?? 0, options.tls);
  return host;
}
