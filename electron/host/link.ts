// The TCP (optionally TLS) link to the acquirer host: 2-byte binary LEN framing
// (host-protocol §1), one request in flight, a reply timeout per message, reply checks,
// and typed errors that say whether the request may have reached the host.
import { readFileSync } from 'node:fs';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { CashdeskError } from '../../native/errors.js';
import { silentLogger, type Logger } from '../../native/log/logger.js';
import { decodeFrame, encodeFrame, replyMti, swapTpdu, type IsoMessage } from './codec.js';
import {
  HostDisconnectedError,
  HostFrameError,
  HostMacError,
  HostReplyMismatchError,
  HostTimeoutError,
  HostUnreachableError,
  IsoDecodeError,
} from './errors.js';
import { FrameReader } from './framing.js';
import type { HostRequest } from './messages.js';
import { sealFrame, verifyFrameMac, type MacFn } from './messageMac.js';
import { responseOutcome } from './responseCodes.js';
import { FrameTrace } from './trace.js';

/** How long a request waits for its reply (host-protocol §4.4: no reply in time -> reversal 98). */
export const HOST_REPLY_TIMEOUT_MS = 30_000;
/** How long a connection attempt (TCP, and TLS handshake) may take before the host counts as unreachable. */
export const HOST_CONNECT_TIMEOUT_MS = 10_000;

export interface HostLinkOptions {
  host: string;
  port: number;
  /** Present: connect with TLS, verifying the host's certificate against `caFile` (or `ca`), else the system CAs. */
  tls?: { caFile?: string; ca?: string | Buffer; servername?: string };
  /** Default HOST_REPLY_TIMEOUT_MS. */
  replyTimeoutMs?: number;
  /** Default HOST_CONNECT_TIMEOUT_MS. */
  connectTimeoutMs?: number;
  logger?: Logger;
  /** Where frames are traced; a fresh FrameTrace (logging to `logger`) if omitted. */
  trace?: FrameTrace;
}

export interface ExchangeOptions {
  /** Required when `request.mac`: seals the request's F64 and verifies the reply's. */
  macFn?: MacFn;
  /** Overrides the link's reply timeout for this message. */
  timeoutMs?: number;
}

export interface HostReply {
  /** The reply, decoded. */
  message: IsoMessage;
  /** The reply's bytes, LEN included. */
  frame: Buffer;
  /** The request as sent (with F64 when sealed). */
  sent: IsoMessage;
  elapsedMs: number;
}

export type HostLinkState = 'disconnected' | 'connecting' | 'connected' | 'closed';

interface Waiter {
  resolve(frame: Buffer): void;
  reject(e: Error): void;
}

/** One TCP/TLS connection and its LEN framer. */
class Connection {
  readonly #reader = new FrameReader();
  #waiter: Waiter | null = null;
  #dead: Error | null = null;

  constructor(
    readonly socket: Socket,
    private readonly logger: Logger,
    private readonly onDead: (c: Connection) => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (e) => this.#die(new HostDisconnectedError(e.message, { cause: e })));
    socket.on('close', () => this.#die(new HostDisconnectedError('connection closed by the host')));
  }

  get alive(): boolean {
    return this.#dead === null;
  }

  #die(e: Error): void {
    if (this.#dead) return;
    this.#dead = e;
    this.socket.destroy();
    this.onDead(this);
    const w = this.#waiter;
    this.#waiter = null;
    w?.reject(e);
  }

  #onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.#reader.push(chunk);
    } catch (e) {
      this.#die(e instanceof Error ? e : new HostFrameError(String(e)));
      return;
    }
    for (const frame of frames) {
      const w = this.#waiter;
      this.#waiter = null;
      if (w) w.resolve(frame);
      else this.logger.log('warn', 'host.unsolicited', { bytes: frame.length });
    }
  }

  /** Writes the frame and waits for the next whole frame, at most `timeoutMs`. */
  request(frame: Buffer, timeoutMs: number, mti: string): Promise<Buffer> {
    if (this.#dead) return Promise.reject(this.#dead);
    return new Promise<Buffer>((resolve, reject) => {
      // A late reply must not be taken for the next request's: a timeout drops the connection.
      const timer = setTimeout(() => this.#die(new HostTimeoutError(timeoutMs, mti)), timeoutMs);
      this.#waiter = {
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.socket.write(frame);
    });
  }

  close(): void {
    this.#die(new HostDisconnectedError('the link was closed'));
  }
}

/**
 * The link to the acquirer host. `exchange` sends one request and returns its verified
 * reply; requests queue, one in flight. After a disconnect or a timeout the next
 * request connects again.
 */
export class HostLink {
  readonly trace: FrameTrace;
  readonly #options: HostLinkOptions;
  readonly #logger: Logger;
  #conn: Connection | null = null;
  #state: HostLinkState = 'disconnected';
  #tail: Promise<unknown> = Promise.resolve();
  #ca: string | Buffer | undefined;

  constructor(options: HostLinkOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.trace = options.trace ?? new FrameTrace({ logger: this.#logger });
  }

  get state(): HostLinkState {
    return this.#state;
  }

  get target(): string {
    return `${this.#options.host}:${this.#options.port}`;
  }

  /**
   * Sends one request and returns its reply. Throws (all but the first two are HostLinkError,
   * with `maybeSent` and `reversalReason`):
   * - IsoEncodeError / a MacFn error: nothing was sent;
   * - HostUnreachableError: could not connect, nothing was sent;
   * - HostTimeoutError: no reply within the timeout;
   * - HostDisconnectedError: the connection dropped before the whole reply came;
   * - HostFrameError (HostReplyMismatchError): the reply is malformed or answers another request;
   * - HostMacError: the reply's MAC is wrong, or an approving reply to a MAC'd request has none.
   */
  exchange(request: HostRequest, options: ExchangeOptions = {}): Promise<HostReply> {
    const run = this.#tail.then(() => this.#exchangeNow(request, options));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #exchangeNow(request: HostRequest, options: ExchangeOptions): Promise<HostReply> {
    if (this.#state === 'closed') throw new HostUnreachableError(this.target, 'the link is closed');
    let frame: Buffer;
    let sent: IsoMessage;
    if (request.mac) {
      if (!options.macFn) {
        throw new CashdeskError('MAC_REQUIRED', `报文 ${request.message.mti} 需要 MAC，但没有提供 MAC 计算方法（程序错误）。`, `Message ${request.message.mti} needs a MAC but no MAC function was given (a program error).`);
      }
      ({ frame, message: sent } = await sealFrame(request.message, options.macFn));
    } else {
      frame = encodeFrame(request.message);
      sent = request.message;
    }
    const conn = await this.#connection();
    const started = performance.now();
    this.trace.record('sent', frame.length, sent);
    const timeoutMs = options.timeoutMs ?? this.#options.replyTimeoutMs ?? HOST_REPLY_TIMEOUT_MS;
    const replyFrame = await conn.request(frame, timeoutMs, sent.mti);
    const elapsedMs = performance.now() - started;

    let reply: IsoMessage;
    try {
      reply = decodeFrame(replyFrame);
    } catch (e) {
      const detail = e instanceof IsoDecodeError ? `${String(e.part)} at byte ${e.offset}: ${e.detail}` : String(e);
      this.trace.record('received', replyFrame.length, null, detail);
      conn.close();
      throw new HostFrameError(detail, { cause: e });
    }
    this.trace.record('received', replyFrame.length, reply);
    this.#checkAnswers(sent, reply, conn);
    if (request.mac) await this.#verifyMac(replyFrame, reply, options.macFn!);
    return { message: reply, frame: replyFrame, sent, elapsedMs };
  }

  /** The reply must answer this request: MTI + 10, same STAN, TPDU swapped (host-protocol §1). */
  #checkAnswers(sent: IsoMessage, reply: IsoMessage, conn: Connection): void {
    const fail = (what: 'MTI' | 'STAN' | 'TPDU', expected: string, got: string | undefined): never => {
      conn.close();
      throw new HostReplyMismatchError(what, expected, got ?? '(none)');
    };
    const mti = replyMti(sent.mti);
    if (reply.mti !== mti) fail('MTI', mti, reply.mti);
    const stan = sent.fields[11];
    if (stan !== undefined && reply.fields[11] !== stan) fail('STAN', stan, reply.fields[11]);
    const tpdu = swapTpdu(sent.tpdu).toUpperCase();
    if (reply.tpdu !== tpdu) fail('TPDU', tpdu, reply.tpdu);
  }

  async #verifyMac(frame: Buffer, reply: IsoMessage, macFn: MacFn): Promise<void> {
    let result: 'ok' | 'missing' | 'mismatch';
    try {
      result = await verifyFrameMac(frame, macFn);
    } catch (e) {
      throw new HostMacError(reply.mti, `the PIN pad could not check it: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (result === 'mismatch') throw new HostMacError(reply.mti, 'F64 differs from the MAC computed with the MAC key');
    // A decline without a MAC changes nothing; an approval without one cannot be trusted.
    if (result === 'missing' && responseOutcome(reply.fields[39] ?? '').approved) throw new HostMacError(reply.mti, 'an approving reply carries no F64');
  }

  async #connection(): Promise<Connection> {
    if (this.#conn?.alive) return this.#conn;
    this.#state = 'connecting';
    const { host, port } = this.#options;
    const timeoutMs = this.#options.connectTimeoutMs ?? HOST_CONNECT_TIMEOUT_MS;
    let socket: Socket;
    try {
      socket = await this.#open(timeoutMs);
    } catch (e) {
      if (this.#state === 'connecting') this.#state = 'disconnected';
      throw e instanceof HostUnreachableError ? e : new HostUnreachableError(this.target, e instanceof Error ? e.message : String(e), { cause: e });
    }
    // close() may have run while connecting.
    if ((this.#state as HostLinkState) === 'closed') {
      socket.destroy();
      throw new HostUnreachableError(this.target, 'the link is closed');
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
    const conn = new Connection(socket, this.#logger, (c) => {
      if (this.#conn === c) {
        this.#conn = null;
        if (this.#state !== 'closed') this.#state = 'disconnected';
        this.#logger.log('info', 'host.disconnected', { host, port });
      }
    });
    this.#conn = conn;
    this.#state = 'connected';
    this.#logger.log('info', 'host.connected', { host, port, tls: this.#options.tls !== undefined });
    return conn;
  }

  #open(timeoutMs: number): Promise<Socket> {
    const { host, port, tls } = this.#options;
    return new Promise<Socket>((resolve, reject) => {
      let socket: Socket;
      if (tls) {
        if (this.#ca === undefined && tls.caFile !== undefined) this.#ca = readFileSync(tls.caFile);
        const ca = tls.ca ?? this.#ca;
        const servername = tls.servername ?? (isIP(host) ? undefined : host);
        socket = tlsConnect({ host, port, ...(ca !== undefined ? { ca } : {}), ...(servername !== undefined ? { servername } : {}), rejectUnauthorized: true });
      } else {
        socket = netConnect({ host, port });
      }
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new HostUnreachableError(this.target, `no connection within HOST_CONNECT_TIMEOUT_MS (${timeoutMs} ms)`));
      }, timeoutMs);
      socket.once(tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(socket);
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new HostUnreachableError(this.target, e.message, { cause: e }));
      });
    });
  }

  /** Closes the connection; later exchanges fail with HostUnreachableError. */
  async close(): Promise<void> {
    this.#state = 'closed';
    this.#conn?.close();
    this.#conn = null;
    await this.#tail;
  }
}
