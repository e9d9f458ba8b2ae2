import type { ByteTransport } from '../serial/byteTransport.js';
import { ListenerSet } from '../serial/byteTransport.js';
import { CashdeskError, toCashdeskError } from '../errors.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { cupMacXorBlock } from '../crypto/mac.js';
import type { ControlByte, Frame, FrameKind } from './frameCodec.js';
import { FrameLink, type SendOutcome } from './frameLink.js';
import {
  KcvMismatchError,
  MasterKeyEchoError,
  PinpadCancelledError,
  PinpadClosedError,
  PinpadDisconnectedError,
  PinpadInputError,
  PinpadNakLimitError,
  PinpadNoAnswerError,
  PinpadProtocolError,
  PinpadRefusedError,
  PinpadSetupModeError,
  PinpadTimeoutError,
  PinpadUnsupportedError,
  type Bilingual,
} from './errors.js';
import {
  cancelFrame,
  coreMacFrame,
  displayFrame,
  macFrame,
  masterKeyFrame,
  pinRequestFrame,
  probeFrame,
  readCardFrame,
  resetFrame,
  selectMasterKeyFrame,
  serialNumberFrame,
  workingKeyFrame,
  type KeyUsage,
  type MacKeyRef,
  type MacMode,
} from './requests.js';
import {
  CARD_STATUS,
  CORE_CAPABILITIES,
  MAC_STATUS,
  PIN_ERRORS,
  WORKING_KEY_STATUS,
  frameHasId,
  parseCardReply,
  parseCoreMacReply,
  parseMacReply,
  parsePinReply,
  parseProbeReply,
  parseSelectReply,
  parseSerialReply,
  parseWorkingKeyReply,
  type CardRead,
  type PinpadInfo,
} from './replies.js';
import { PINPAD_TIMEOUT_NAMES, resolveTimeouts, type PinpadTimeouts } from './timeouts.js';

/**
 * What the UI shows about the pad (style.md §9: an explicit state, not booleans).
 * - `disconnected`: the line is gone; commands fail at once until it is back.
 * - `connecting`: the line is back; the master key is being reselected.
 * - `ready`: idle. `busy`: a command is running.
 * - `awaiting-card` / `awaiting-pin`: the pad waits for the cardholder.
 * - `closed`: close() was called.
 */
export type PinpadState = 'disconnected' | 'connecting' | 'ready' | 'busy' | 'awaiting-card' | 'awaiting-pin' | 'closed';

export interface PinpadStateEvent {
  state: PinpadState;
  /** Why the pad went `disconnected`, when known. */
  error?: CashdeskError;
}

export interface PinpadDriverOptions {
  /** Master key slot selected before each PIN request and after a reconnect (§2 `08`). */
  masterSlot?: number;
  /** PPX/1 working-key slots per usage, used when a call names no key. */
  workingSlots?: Partial<Record<KeyUsage, number>>;
  /** Master keys may be loaded only in setup mode (§2 `02`). */
  setupMode?: boolean;
  timeouts?: Partial<PinpadTimeouts>;
  logger?: Logger;
}

export interface GetPinRequest {
  /** Full PAN, needed by the pad for the PIN block; never logged. */
  pan: string;
  /** The PIN key ciphertext under the master key, as received at sign-in (core Z60). */
  pinKey?: string;
  /** A PIN key stored in the pad with loadWorkingKey('P', …) (PPX/1 pads). Default: workingSlots.P. */
  workingSlot?: number;
  /** Default: the driver's master slot. */
  masterSlot?: number;
}

export interface ReadCardRequest {
  /** How long the pad waits for a card (X6: 1..999 s). */
  timeoutSeconds: number;
  prompt?: string;
}

export interface MacOptions {
  /** Default: the stored MAC key, `*` + workingSlots.M. */
  key?: MacKeyRef;
}

export interface WorkingKeyOptions {
  masterSlot?: number;
  workingSlot?: number;
}

/** Replies that came before anyone waited for them, kept for the running command; a chattering line cannot grow it. */
const INBOX_LIMIT = 16;

export const DEFAULT_WORKING_SLOTS: Readonly<Record<KeyUsage, number>> = { P: 0, M: 1, D: 2 };

type Interaction = 'pin' | 'card' | null;
type JobPhase = 'queued' | 'preparing' | 'sending' | 'awaiting-response' | 'done';
type Reply = Frame | 'eot';

interface Job {
  command: string;
  interaction: Interaction;
  run(): Promise<unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  phase: JobPhase;
  cancelRequested: boolean;
  cancelling?: Promise<void>;
  abortError: CashdeskError | undefined;
  phaseChange: ListenerSet<[]>;
}

interface ReplyWaiter {
  match(f: Frame): boolean;
  resolve(r: Reply): void;
  reject(e: CashdeskError): void;
}

const what = (zh: string, en: string): Bilingual => ({ zh, en });
const describeInteraction = (i: Interaction): Bilingual => (i === 'pin' ? what('密码输入', 'PIN entry') : what('读卡', 'Card reading'));

/**
 * The PP1000SE / PPX/1 driver (pinpad-protocol.md). One exchange at a time through a
 * queue; cancel() goes around the queue so it can stop a PIN entry. Runs on any
 * ByteTransport: a serial port (hot-plug included) or an in-process pipe.
 */
export class PinpadDriver {
  private readonly link: FrameLink;
  private readonly log: Logger;
  private readonly timeouts: PinpadTimeouts;
  private readonly workingSlots: Record<KeyUsage, number>;
  private readonly stateListeners = new ListenerSet<[PinpadStateEvent]>();
  private readonly unsub: Array<() => void>;
  private currentState: PinpadState;
  private masterSlot: number;
  private info: PinpadInfo | null = null;
  /** §2 `08`: VeriFone pads only ACK, clones answer; learned on the first select. */
  private selectStyle: 'unknown' | 'ack-only' | 'reply' = 'unknown';
  private queue: Job[] = [];
  private current: Job | undefined;
  private inbox: Reply[] = [];
  private waiter: ReplyWaiter | undefined;
  /** While set, frames it matches are not ACKed by the link: §2 `02`, the host's ACK commits. */
  private holdAckFor: ((f: Frame) => boolean) | undefined;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: PinpadDriverOptions = {},
  ) {
    this.log = (options.logger ?? silentLogger).child('pinpad');
    this.timeouts = resolveTimeouts(options.timeouts);
    this.masterSlot = options.masterSlot ?? 0;
    this.workingSlots = { ...DEFAULT_WORKING_SLOTS, ...options.workingSlots };
    this.link = new FrameLink(transport, {
      ackTimeoutMs: this.timeouts.ackMs,
      interByteTimeoutMs: this.timeouts.interByteMs,
      ackTimeoutName: PINPAD_TIMEOUT_NAMES.ackMs,
      logger: this.log.child('link'),
    });
    this.link.onFrame((f) => this.onFrame(f));
    this.link.onControl((c) => this.onControl(c));
    this.link.onGiveUp(() => {
      if (this.current) this.abort(this.current, new PinpadNakLimitError(transport.name));
    });
    this.unsub = [transport.onState((s, err) => (s === 'open' ? this.lineUp() : this.lineDown(err)))];
    this.currentState = transport.isOpen ? 'ready' : 'disconnected';
  }

  get state(): PinpadState {
    return this.currentState;
  }

  /** The last probe result, or null before probe(). */
  get pinpadInfo(): PinpadInfo | null {
    return this.info;
  }

  /** Called on every state change; returns the unsubscribe function. */
  onState(listener: (event: PinpadStateEvent) => void): () => void {
    return this.stateListeners.add(listener);
  }

  /** Resolves when the pad is `ready` (at once if it is). */
  whenReady(): Promise<void> {
    if (this.currentState === 'ready') return Promise.resolve();
    if (this.currentState === 'closed') return Promise.reject(new PinpadClosedError());
    return new Promise((resolve, reject) => {
      const off = this.onState((e) => {
        if (e.state === 'ready') {
          off();
          resolve();
        } else if (e.state === 'closed') {
          off();
          reject(new PinpadClosedError());
        }
      });
    });
  }

  // ---- public commands ------------------------------------------------------------------

  /**
   * §3 X0 negotiation: PPX/1 with its capabilities, or core PP1000SE (X0 unanswered for
   * PINPAD_PROBE_TIMEOUT_MS after the ACK, or EOT), with the serial number from `06`.
   */
  probe(): Promise<PinpadInfo> {
    return this.enqueue('X0', null, async () => {
      const info = (await this.probePpx()) ?? (await this.probeCore());
      this.info = info;
      this.log.log('info', 'probed', { protocol: info.protocol, model: info.model, firmware: info.firmware, capabilities: info.capabilities.join(',') });
      return info;
    });
  }

  /** §2 Z2: 1..64 printable ASCII characters; `clear` sends SUB first. */
  async display(text: string, options: { clear?: boolean } = {}): Promise<void> {
    const frame = displayFrame(text, options.clear ?? true);
    return this.enqueue('Z2', null, async () => {
      await this.expectAck(await this.sendRequest(frame), 'Z2');
    });
  }

  /** §2 Z1: the pad returns to idle. */
  reset(): Promise<void> {
    return this.enqueue('Z1', null, async () => {
      await this.expectAck(await this.sendRequest(resetFrame()), 'Z1');
    });
  }

  /**
   * §2 `02`, setup mode only: the pad echoes the frame, we ACK to commit if the echo is
   * what we sent (EOT aborts), the pad stores the key and sends EOT.
   */
  async loadMasterKey(slot: number, clearKey: Buffer | string): Promise<void> {
    if (!this.options.setupMode) throw new PinpadSetupModeError();
    const frame = masterKeyFrame(slot, typeof clearKey === 'string' ? clearKey : clearKey.toString('hex'));
    const isEcho = (f: Frame): boolean => frameHasId(f, 'admin', '02');
    return this.enqueue('02', null, async () => {
      this.holdAckFor = isEcho;
      try {
        await this.expectAck(await this.sendRequest(frame, isEcho), '02');
        const echo = await this.awaitReply(isEcho, 'responseMs', what('主密钥回显', 'master key echo'));
        if (echo === 'eot') throw new PinpadRefusedError('02', 'EOT', what('密码键盘中止了装载', 'the pad aborted loading'));
        if (!echo.body.equals(frame.body)) {
          await this.link.writeControl('EOT');
          throw new MasterKeyEchoError();
        }
        await this.link.writeControl('ACK');
        const end = await this.awaitReply(() => false, 'responseMs', what('装载完成确认 (EOT)', 'end of loading (EOT)'));
        if (end !== 'eot') throw new PinpadProtocolError('02 did not end with EOT');
        this.log.log('info', 'master-key-loaded', { slot });
      } finally {
        this.holdAckFor = undefined;
      }
    });
  }

  /** §2 `08`; also becomes the slot reselected after a reconnect and used by getPin. */
  async selectMasterKey(slot: number): Promise<void> {
    selectMasterKeyFrame(slot); // checks the slot before queueing
    return this.enqueue('08', null, async () => {
      await this.select(slot);
      this.masterSlot = slot;
    });
  }

  /** §3 X2 (PPX/1): returns the KCV the pad computed; status 1 throws KcvMismatchError. */
  async loadWorkingKey(usage: KeyUsage, encryptedKey: string, expectedKcv: string, options: WorkingKeyOptions = {}): Promise<string> {
    const frame = workingKeyFrame(options.masterSlot ?? this.masterSlot, options.workingSlot ?? this.workingSlots[usage], usage, encryptedKey, expectedKcv);
    await this.requireCapability('X2', what('装载工作密钥', 'load working keys'));
    return this.enqueue('X2', null, async () => {
      const reply = await this.exchange(frame, 'admin', 'X2', 'responseMs', what('工作密钥装载结果', 'working key reply'));
      const { status, kcv } = parseWorkingKeyReply(reply);
      if (status === '0' && kcv) {
        this.log.log('info', 'working-key-loaded', { usage, kcv });
        return kcv;
      }
      if (status === '1') throw new KcvMismatchError(usage, expectedKcv.toUpperCase(), kcv ?? '');
      throw new PinpadRefusedError('X2', status, WORKING_KEY_STATUS[status] ?? what('未知错误', 'unknown error'));
    });
  }

  /**
   * §2 `08` then Z60 → 71. Returns only the encrypted PIN block (8 bytes); it is never
   * logged. The PIN key is the sign-in ciphertext, or a key stored with X2 (PPX/1).
   */
  async getPin(request: GetPinRequest): Promise<Buffer> {
    const stored = request.pinKey === undefined;
    const frame = pinRequestFrame(request.pan, stored ? { workingSlot: request.workingSlot ?? this.workingSlots.P } : { encryptedKey: request.pinKey! });
    if (stored) await this.requireCapability('X2', what('使用已存储的 PIN 密钥（请传入签到得到的 PIN 密钥密文）', 'use a stored PIN key (pass the PIN key ciphertext from sign-in instead)'));
    const slot = request.masterSlot ?? this.masterSlot;
    return this.enqueue('Z60', 'pin', async () => {
      await this.select(slot);
      const reply = await this.interact(frame, '71', 'awaiting-pin', this.timeouts.pinMs + this.timeouts.responseMs, PINPAD_TIMEOUT_NAMES.pinMs, what('密码输入', 'PIN entry'));
      const pin = parsePinReply(reply);
      if (!pin.ok) throw new PinpadRefusedError('Z60', pin.error, PIN_ERRORS[pin.error] ?? what('未知错误', 'unknown error'));
      this.log.log('info', 'pin-entered', { pinLength: pin.pinLength });
      return pin.pinBlock;
    });
  }

  /**
   * §3 X4 → X5. `E`: CUP MAC, 8 characters (the XOR of host-protocol §5.2 step 1 is done
   * here, so the pad gets 8 bytes whatever the message length); `9`: X9.19, 16 hex;
   * `B`: one 8-byte block encrypted, 16 hex. On a core pad only `9` with a key in the
   * request works (Z66).
   */
  async mac(mode: MacMode, data: Buffer, options: MacOptions = {}): Promise<string> {
    const key = options.key ?? { workingSlot: this.workingSlots.M };
    if (mode === 'B' && data.length !== 8) throw new PinpadInputError(what('B 模式的数据必须正好 8 字节', 'mode B data must be exactly 8 bytes'));
    const payload = mode === 'E' ? cupMacXorBlock(data) : data;
    const info = await this.ensureInfo();
    const capName = mode === 'E' ? 'MACE' : mode === '9' ? 'MAC9' : 'MACB';
    const canX4 = info.capabilities.includes('X4') && info.capabilities.includes(capName);
    if (!canX4) {
      if (mode === '9' && 'encryptedKey' in key && info.capabilities.includes('Z66')) return this.coreMac(key.encryptedKey, payload);
      const lacks = what(mode === 'E' ? '计算银联 MAC' : mode === '9' ? '用已存储的密钥计算 X9.19 MAC' : '加密数据块', mode === 'E' ? 'compute the CUP MAC' : mode === '9' ? 'compute an X9.19 MAC with a stored key' : 'encrypt a data block');
      throw new PinpadUnsupportedError(`X4 ${capName}`, lacks);
    }
    const frame = macFrame(mode, key, payload);
    return this.enqueue('X4', null, async () => {
      const reply = await this.exchange(frame, 'transaction', 'X5', 'responseMs', what('MAC 结果', 'MAC reply'));
      const { status, result } = parseMacReply(reply);
      if (status !== '0') throw new PinpadRefusedError('X4', status, MAC_STATUS[status] ?? what('未知错误', 'unknown error'));
      return result;
    });
  }

  /** §3 X6 → X7: waits for a swipe, chip or tap. The PAN and track are never logged. */
  async readCard(request: ReadCardRequest): Promise<CardRead> {
    const frame = readCardFrame(request.timeoutSeconds, request.prompt ?? '');
    await this.requireCapability('X6', what('读卡', 'read cards'));
    const waitMs = request.timeoutSeconds * 1000 + this.timeouts.cardMarginMs;
    return this.enqueue('X6', 'card', async () => {
      const reply = parseCardReply(await this.interact(frame, 'X7', 'awaiting-card', waitMs, `X6 ${request.timeoutSeconds} s + ${PINPAD_TIMEOUT_NAMES.cardMarginMs}`, what('读卡', 'card read')));
      if ('card' in reply) {
        this.log.log('info', 'card-read', { entryMode: reply.card.entryMode });
        return reply.card;
      }
      if (reply.status === '1' || reply.status === '2') throw new PinpadCancelledError('pad', what('读卡', 'Card reading'));
      throw new PinpadRefusedError('X6', reply.status, CARD_STATUS[reply.status] ?? what('未知错误', 'unknown error'));
    });
  }

  /**
   * §2 `72`. Stops a PIN or card entry in progress (going around the queue: the entry
   * holds it) and withdraws PIN and card requests still waiting; other queued commands
   * still run. The stopped request rejects with PinpadCancelledError.
   */
  async cancel(): Promise<void> {
    for (const job of this.queue.filter((j) => j.interaction !== null)) {
      this.queue.splice(this.queue.indexOf(job), 1);
      job.reject(new PinpadCancelledError('cashier', describeInteraction(job.interaction)));
    }
    const job = this.current;
    if (job && job.interaction !== null) {
      job.cancelRequested = true;
      // Before its request is out, the entry sees the flag and stops by itself; once the
      // pad is waiting for the cardholder, only `72` stops it.
      while (job.phase !== 'done' && job.phase !== 'awaiting-response') {
        await new Promise<void>((resolve) => {
          const off = job.phaseChange.add(() => {
            off();
            resolve();
          });
        });
      }
      if (job.phase === 'awaiting-response') await this.sendCancel(job);
      return;
    }
    await this.enqueue('72', null, async () => {
      await this.sendRequest(cancelFrame());
    }, { front: true });
  }

  private sendCancel(job: Job): Promise<void> {
    job.cancelling ??= this.link.send(cancelFrame()).then(
      (outcome) => {
        const err = new PinpadCancelledError('cashier', describeInteraction(job.interaction));
        if (outcome === 'eot') this.abort(job, err);
        // ACK: the pad says it is idle, so its answer is already on the line. Give it
        // the response time, then stop waiting.
        else setTimeout(() => this.abort(job, err), this.timeouts.responseMs).unref();
      },
      (e: unknown) => {
        throw toCashdeskError(e);
      },
    );
    return job.cancelling;
  }

  async close(): Promise<void> {
    if (this.currentState === 'closed') return;
    this.setState('closed');
    const err = new PinpadClosedError();
    for (const job of this.queue.splice(0)) job.reject(err);
    if (this.current) this.abort(this.current, err);
    for (const u of this.unsub) u();
    this.link.close();
    await this.transport.close();
  }

  // ---- the queue -------------------------------------------------------------------------

  private enqueue<T>(command: string, interaction: Interaction, run: () => Promise<T>, opts: { front?: boolean } = {}): Promise<T> {
    // Commands queue behind the reselect while `connecting`; while `disconnected` they fail at once.
    if (this.currentState === 'closed') return Promise.reject(new PinpadClosedError());
    if (this.currentState === 'disconnected') return Promise.reject(new PinpadDisconnectedError(this.transport.name));
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        command,
        interaction,
        run,
        resolve: resolve as (v: unknown) => void,
        reject,
        phase: 'queued',
        cancelRequested: false,
        abortError: undefined,
        phaseChange: new ListenerSet(),
      };
      if (opts.front) this.queue.unshift(job);
      else this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) {
      this.setActivity('ready');
      return;
    }
    this.current = job;
    this.inbox = [];
    this.setPhase(job, 'preparing');
    this.setActivity('busy');
    const started = Date.now();
    job.run().then(
      (v) => this.finishJob(job, started, () => job.resolve(v)),
      (e: unknown) => {
        const err = toCashdeskError(e);
        this.log.log('warn', 'command-failed', { command: job.command, code: err.code });
        this.finishJob(job, started, () => job.reject(err));
      },
    );
  }

  private finishJob(job: Job, started: number, settle: () => void): void {
    this.log.log('debug', 'command-done', { command: job.command, ms: Date.now() - started });
    this.setPhase(job, 'done');
    this.waiter = undefined;
    if (this.current === job) this.current = undefined;
    settle();
    this.pump();
  }

  private setPhase(job: Job, phase: JobPhase): void {
    job.phase = phase;
    job.phaseChange.emit();
  }

  private abort(job: Job, err: CashdeskError): void {
    if (job.phase === 'done' || job.abortError) return;
    job.abortError = err;
    if (this.current === job && this.waiter) this.waiter.reject(err);
  }

  /**
   * For what a command is doing (busy, awaiting-…, back to ready). The line's own states
   * win: a command unwinding after an unplug must not make a `disconnected` pad look ready.
   */
  private setActivity(state: 'ready' | 'busy' | 'awaiting-pin' | 'awaiting-card'): void {
    if (this.currentState === 'ready' || this.currentState === 'busy' || this.currentState === 'awaiting-pin' || this.currentState === 'awaiting-card') this.setState(state);
  }

  private setState(state: PinpadState, error?: CashdeskError): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.log.log('info', 'state', { state, code: error?.code });
    this.stateListeners.emit(error ? { state, error } : { state });
  }

  // ---- exchanges -------------------------------------------------------------------------

  private async sendRequest(frame: Frame, acceptsAsAck?: (f: Frame) => boolean): Promise<SendOutcome> {
    const job = this.current;
    if (job?.abortError) throw job.abortError;
    if (job) this.setPhase(job, 'sending');
    try {
      return await this.link.send(frame, acceptsAsAck ? { acceptsAsAck } : {});
    } finally {
      if (job && job.phase === 'sending') this.setPhase(job, 'preparing');
    }
  }

  private async expectAck(outcome: SendOutcome, command: string): Promise<void> {
    if (outcome === 'eot') throw new PinpadRefusedError(command, 'EOT', what('密码键盘拒绝执行', 'the pad declined it'));
  }

  /** Request → ACK → one reply frame of `replyId`, within the named timeout. */
  private async exchange(frame: Frame, kind: FrameKind, replyId: string, timeout: keyof PinpadTimeouts, waitingFor: Bilingual): Promise<Frame> {
    const isReply = (f: Frame): boolean => frameHasId(f, kind, replyId);
    await this.expectAck(await this.sendRequest(frame, isReply), frame.body.toString('latin1').slice(0, 3));
    const reply = await this.awaitReply(isReply, timeout, waitingFor);
    if (reply === 'eot') throw new PinpadRefusedError(replyId, 'EOT', what('密码键盘中止了该指令', 'the pad aborted the command'));
    return reply;
  }

  /** A request that waits for the cardholder: cancel() may stop it, and EOT means cancelled. */
  private async interact(frame: Frame, replyId: string, waitState: 'awaiting-pin' | 'awaiting-card', waitMs: number, timeoutName: string, waitingFor: Bilingual): Promise<Frame> {
    const job = this.current!;
    const cancelled = (): PinpadCancelledError => new PinpadCancelledError('cashier', waitingFor);
    if (job.cancelRequested) throw cancelled();
    const isReply = (f: Frame): boolean => frameHasId(f, 'transaction', replyId);
    const outcome = await this.sendRequest(frame, isReply);
    if (outcome === 'eot') throw new PinpadCancelledError('pad', waitingFor);
    this.setActivity(waitState);
    this.setPhase(job, 'awaiting-response');
    try {
      const reply = await this.awaitReply(isReply, waitMs, waitingFor, timeoutName);
      if (reply === 'eot') throw job.cancelRequested ? cancelled() : new PinpadCancelledError('pad', waitingFor);
      return reply;
    } catch (e) {
      if (e instanceof PinpadTimeoutError) await this.link.send(cancelFrame()).catch(() => undefined); // leave the pad idle
      throw e;
    } finally {
      this.setActivity('busy');
    }
  }

  /** The next frame `match` accepts, or EOT; frames and EOT that came early wait in the inbox. */
  private awaitReply(match: (f: Frame) => boolean, timeout: keyof PinpadTimeouts | number, waitingFor: Bilingual, timeoutName?: string): Promise<Reply> {
    const job = this.current;
    if (job?.abortError) return Promise.reject(job.abortError);
    const idx = this.inbox.findIndex((r) => r === 'eot' || match(r));
    if (idx >= 0) return Promise.resolve(this.inbox.splice(idx, 1)[0]!);
    const ms = typeof timeout === 'number' ? timeout : this.timeouts[timeout];
    const name = timeoutName ?? (typeof timeout === 'number' ? 'timeout' : PINPAD_TIMEOUT_NAMES[timeout]);
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new PinpadTimeoutError(name, ms, waitingFor));
      }, ms);
      const settle = (f: () => void): void => {
        clearTimeout(timer);
        if (this.waiter === waiter) this.waiter = undefined;
        f();
      };
      const waiter: ReplyWaiter = {
        match,
        resolve: (r) => settle(() => resolve(r)),
        reject: (e) => settle(() => reject(e)),
      };
      this.waiter = waiter;
    });
  }

  private onFrame(f: Frame): 'ack' | 'hold' {
    const hold = this.holdAckFor?.(f) ?? false;
    if (this.waiter?.match(f)) this.waiter.resolve(f);
    else if (this.current && this.inbox.length < INBOX_LIMIT) this.inbox.push(f);
    else this.log.log('debug', 'unsolicited-frame', { kind: f.kind, bytes: f.body.length });
    return hold ? 'hold' : 'ack';
  }

  private onControl(c: ControlByte): void {
    if (c !== 'EOT') return; // a stray ACK/NAK answers nothing we wait for
    if (this.waiter) this.waiter.resolve('eot');
    else if (this.current && this.inbox.length < INBOX_LIMIT) this.inbox.push('eot');
  }

  // ---- probe, select, capabilities ----------------------------------------------------------

  private async probePpx(): Promise<PinpadInfo | null> {
    const isReply = (f: Frame): boolean => frameHasId(f, 'admin', 'X0');
    const outcome = await this.sendRequest(probeFrame(), isReply);
    if (outcome === 'eot') return null;
    try {
      const reply = await this.awaitReply(isReply, 'probeMs', what('X0 应答', 'X0 reply'));
      return reply === 'eot' ? null : parseProbeReply(reply);
    } catch (e) {
      if (e instanceof PinpadTimeoutError) return null; // §3: core-only
      throw e;
    }
  }

  private async probeCore(): Promise<PinpadInfo> {
    const isReply = (f: Frame): boolean => frameHasId(f, 'admin', '06');
    let serial: string | null = null;
    const outcome = await this.sendRequest(serialNumberFrame(), isReply);
    if (outcome !== 'eot') {
      try {
        const reply = await this.awaitReply(isReply, 'responseMs', what('序列号', 'serial number'));
        if (reply !== 'eot') serial = parseSerialReply(reply);
      } catch (e) {
        if (!(e instanceof PinpadTimeoutError)) throw e;
      }
    }
    return { protocol: 'PP1000SE', model: null, firmware: null, serial, capabilities: [...CORE_CAPABILITIES] };
  }

  private async select(slot: number): Promise<void> {
    const isReply = (f: Frame): boolean => frameHasId(f, 'admin', '08');
    await this.expectAck(await this.sendRequest(selectMasterKeyFrame(slot), isReply), '08');
    if (this.selectStyle === 'ack-only') return;
    const wait = this.selectStyle === 'reply' ? 'responseMs' : 'selectReplyMs';
    let reply: Reply;
    try {
      reply = await this.awaitReply(isReply, wait, what('选择主密钥应答', 'master key select reply'));
    } catch (e) {
      if (e instanceof PinpadTimeoutError && this.selectStyle === 'unknown') {
        this.selectStyle = 'ack-only';
        return;
      }
      throw e;
    }
    this.selectStyle = 'reply';
    const status = reply === 'eot' ? 'EOT' : parseSelectReply(reply);
    if (status !== '0') throw new PinpadRefusedError('08', status, what('没有该主密钥', 'no such master key'));
  }

  private async ensureInfo(): Promise<PinpadInfo> {
    return this.info ?? (await this.probe());
  }

  private async requireCapability(capability: string, lacks: Bilingual): Promise<void> {
    const info = await this.ensureInfo();
    if (!info.capabilities.includes(capability)) throw new PinpadUnsupportedError(capability, lacks);
  }

  private async coreMac(encryptedKey: string, data: Buffer): Promise<string> {
    const frame = coreMacFrame(encryptedKey, data);
    return this.enqueue('Z66', null, async () => {
      const reply = await this.exchange(frame, 'transaction', 'Z67', 'responseMs', what('MAC 结果', 'MAC reply'));
      const { status, mac } = parseCoreMacReply(reply);
      if (status !== '0') throw new PinpadRefusedError('Z66', status, MAC_STATUS[status] ?? what('未知错误', 'unknown error'));
      return mac;
    });
  }

  // ---- hot-plug ------------------------------------------------------------------------------

  private lineDown(error?: Error): void {
    if (this.currentState === 'closed' || this.currentState === 'disconnected') return;
    const err = new PinpadDisconnectedError(this.transport.name, { cause: error });
    for (const job of this.queue.splice(0)) job.reject(err);
    if (this.current) this.abort(this.current, err);
    this.setState('disconnected', err);
  }

  /** Issue 4: the port is back; reselect the master key (ahead of anything queued), then report ready. */
  private lineUp(): void {
    if (this.currentState !== 'disconnected') return;
    this.setState('connecting');
    this.enqueue('08', null, () => this.reselect(), { front: true }).catch(() => undefined);
  }

  private async reselect(): Promise<void> {
    const job = this.current!;
    for (;;) {
      try {
        await this.select(this.masterSlot);
        break;
      } catch (e) {
        if (job.abortError) throw job.abortError;
        const err = toCashdeskError(e);
        this.log.log('warn', 'reselect-failed', { code: err.code });
        // A pad that answers but refuses the slot is there: report it ready, and let the
        // next PIN request say what is wrong. Silence means it is still waking up.
        if (!(err instanceof PinpadNoAnswerError || err instanceof PinpadTimeoutError)) break;
        await new Promise((r) => setTimeout(r, this.timeouts.ackMs));
        if (job.abortError) throw job.abortError;
      }
    }
    this.setState('ready');
  }
}

export function createPinpadDriver(transport: ByteTransport, options?: PinpadDriverOptions): PinpadDriver {
  return new PinpadDriver(transport, options);
}
