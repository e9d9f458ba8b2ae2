import type { ByteTransport } from '../serial/byteTransport.js';
import { ListenerSet } from '../serial/byteTransport.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { desDecrypt, desEncrypt, kcv } from '../crypto/des.js';
import { cupMacFromXorBlock, cupMacXorBlock, x919Mac } from '../crypto/mac.js';
import { iso0PinBlock } from '../crypto/pinBlock.js';
import { encryptTrackTdb } from '../crypto/trackData.js';
import type { ControlByte, Frame } from './frameCodec.js';
import { FrameLink, type FrameVerdict } from './frameLink.js';
import { parseRequest, type ParsedRequest } from './requests.js';
import {
  cardReplyFrame,
  cardStatusFrame,
  coreMacReplyFrame,
  macReplyFrame,
  pinErrorFrame,
  pinReplyFrame,
  probeReplyFrame,
  selectReplyFrame,
  serialReplyFrame,
  workingKeyReplyFrame,
} from './replies.js';
import { DEFAULT_EMULATOR_CARD, EmulatorFaults, EmulatorScript, type EmulatorCard } from './emulatorScript.js';
import { PINPAD_ACK_TIMEOUT_MS, PINPAD_INTERBYTE_TIMEOUT_MS, PINPAD_PIN_TIMEOUT_MS } from './timeouts.js';

/**
 * The training PIN pad (issue 4): speaks PPX/1 or only the core PP1000SE set on any
 * ByteTransport, computes everything in software with native/crypto, and holds its keys
 * in memory only. Tests script the cardholder and inject line faults through `script`
 * and `faults`.
 */

export type EmulatorMode = 'ppx' | 'core';
export type EmulatorState = 'idle' | 'loading-key' | 'awaiting-pin' | 'awaiting-card';

export interface PinpadEmulatorOptions {
  mode?: EmulatorMode;
  /** Master keys by slot, clear hex (16 or 32 chars) or bytes. */
  masterKeys?: Record<number, string | Buffer>;
  /** The default cardholder PIN. */
  pin?: string;
  card?: EmulatorCard;
  model?: string;
  firmware?: string;
  serial?: string;
  capabilities?: readonly string[];
  /** §3: a core pad that does not know an id ACKs and ignores it, or answers EOT. */
  unknownCommand?: 'ignore' | 'eot';
  /** §2 `08`: clones answer `080`, VeriFone only ACKs. Default: `reply` in ppx mode, `ack-only` in core. */
  selectReply?: 'reply' | 'ack-only';
  /** The pad's own PIN entry timer (§1: 270 s). */
  pinTimeoutMs?: number;
  ackTimeoutMs?: number;
  interByteTimeoutMs?: number;
  logger?: Logger;
}

export type EmulatorEvent =
  | { type: 'state'; state: EmulatorState }
  | { type: 'display'; text: string }
  | { type: 'request'; id: string }
  | { type: 'master-key-loaded'; slot: number };

export const PPX_CAPABILITIES: readonly string[] = ['Z60', 'Z66', 'X2', 'X4', 'X6', '3DES', 'KCV', 'MACE', 'MAC9', 'MACB'];

interface WorkingKey {
  usage: string;
  key: Buffer;
  masterSlot: number;
  loadedAt: number;
}

interface Entry {
  kind: 'pin' | 'card';
  timers: NodeJS.Timeout[];
}

const HEX = (b: Buffer): string => b.toString('hex').toUpperCase();
const isHexKey = (s: string): boolean => /^(?:[0-9A-F]{16}|[0-9A-F]{32})$/.test(s);
const isHexData = (s: string): boolean => s.length > 0 && s.length % 2 === 0 && /^[0-9A-F]+$/.test(s);

export class PinpadEmulator {
  readonly script: EmulatorScript;
  readonly faults = new EmulatorFaults();
  private readonly link: FrameLink;
  private readonly log: Logger;
  private readonly events = new ListenerSet<[EmulatorEvent]>();
  private readonly masterKeys = new Map<number, Buffer>();
  private readonly workingKeys = new Map<number, WorkingKey>();
  private readonly unsub: Array<() => void>;
  private activeMaster: number | undefined;
  private currentState: EmulatorState = 'idle';
  private entry: Entry | undefined;
  private display = '';
  private writeChain: Promise<void> = Promise.resolve();
  private loadCounter = 0;
  private closed = false;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: PinpadEmulatorOptions = {},
  ) {
    this.log = (options.logger ?? silentLogger).child('pinpad-emulator');
    this.script = new EmulatorScript(options.pin ?? '1234', options.card ?? DEFAULT_EMULATOR_CARD);
    for (const [slot, key] of Object.entries(options.masterKeys ?? {})) this.setMasterKey(Number(slot), key);
    this.link = new FrameLink(transport, {
      ackTimeoutMs: options.ackTimeoutMs ?? PINPAD_ACK_TIMEOUT_MS,
      interByteTimeoutMs: options.interByteTimeoutMs ?? PINPAD_INTERBYTE_TIMEOUT_MS,
      logger: this.log.child('link'),
      write: (b) => this.write(b),
    });
    this.link.onFrame((f) => this.onFrame(f));
    this.link.onControl((c) => this.onControl(c));
    this.unsub = [
      transport.onState((s) => {
        // Unplugged: whatever the cardholder was doing is gone; the keys stay (battery-backed).
        if (s === 'closed') this.endEntry();
      }),
    ];
  }

  get mode(): EmulatorMode {
    return this.options.mode ?? 'ppx';
  }

  get state(): EmulatorState {
    return this.currentState;
  }

  get displayText(): string {
    return this.display;
  }

  onEvent(listener: (e: EmulatorEvent) => void): () => void {
    return this.events.add(listener);
  }

  /** Resolves when the emulator enters `state` (at once if it is in it). */
  until(state: EmulatorState): Promise<void> {
    if (this.currentState === state) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.onEvent((e) => {
        if (e.type === 'state' && e.state === state) {
          off();
          resolve();
        }
      });
    });
  }

  /** Loads a master key directly (what a key-injection room does before the pad ships). */
  setMasterKey(slot: number, key: string | Buffer): void {
    const k = typeof key === 'string' ? Buffer.from(key, 'hex') : Buffer.from(key);
    if (k.length !== 8 && k.length !== 16) throw new RangeError('master key must be 8 or 16 bytes');
    this.masterKeys.set(slot, k);
    for (const [ws, wk] of this.workingKeys) if (wk.masterSlot === slot) this.workingKeys.delete(ws);
  }

  /** Usages of the working keys loaded, by slot (never the keys). */
  workingKeySlots(): Record<number, string> {
    return Object.fromEntries([...this.workingKeys].map(([s, k]) => [s, k.usage]));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.endEntry();
    for (const u of this.unsub) u();
    this.link.close();
    await this.transport.close();
  }

  // ---- line ------------------------------------------------------------------------------

  /** Everything the pad sends goes through here: stray bytes first, then paced (faults). */
  private write(bytes: Buffer): Promise<void> {
    const run = this.writeChain.then(async () => {
      let out = bytes;
      if (this.faults.stray) {
        out = Buffer.concat([this.faults.stray, bytes]);
        this.faults.stray = undefined;
      }
      const msPerByte = this.faults.msPerByte;
      if (msPerByte <= 0) return this.transport.write(out);
      // Each byte leaves at start + i * msPerByte; timers are coarser, so bytes that are
      // due go out together.
      const start = performance.now();
      let i = 0;
      while (i < out.length) {
        const due = Math.min(out.length, Math.floor((performance.now() - start) / msPerByte) + 1);
        await this.transport.write(out.subarray(i, Math.max(due, i + 1)));
        i = Math.max(due, i + 1);
        if (i < out.length) await new Promise((r) => setTimeout(r, Math.max(0, start + i * msPerByte - performance.now())));
      }
    });
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private send(frame: Frame): void {
    this.link
      .send(frame, {
        mangle: (raw) => {
          if (this.faults.badLrc <= 0) return raw;
          this.faults.badLrc -= 1;
          const bad = Buffer.from(raw);
          bad[bad.length - 1]! ^= 0x55;
          return bad;
        },
      })
      .catch((e: unknown) => this.log.log('warn', 'reply-not-delivered', { error: e instanceof Error ? e : new Error(String(e)) }));
  }

  private setState(state: EmulatorState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.events.emit({ type: 'state', state });
  }

  private onControl(c: ControlByte): void {
    this.log.log('debug', 'stray-control', { byte: c });
  }

  private onFrame(frame: Frame): FrameVerdict {
    if (this.faults.lostFrame > 0) {
      this.faults.lostFrame -= 1;
      return 'drop';
    }
    if (this.faults.nak > 0) {
      this.faults.nak -= 1;
      return 'nak';
    }
    const req = parseRequest(frame);
    let verdict: FrameVerdict = 'ack';
    if (this.faults.lostAck > 0) {
      this.faults.lostAck -= 1;
      verdict = 'hold';
    }
    this.events.emit({ type: 'request', id: req.id });
    this.log.log('debug', 'request', { id: req.id });

    // During an entry only `72` matters; anything else (a resend of the request whose ACK
    // was lost, a display update) is ACKed and changes nothing but the display.
    if (this.entry) {
      if (req.id === '72') {
        this.endEntry();
        void this.link.writeControl('EOT'); // §2: EOT when it aborts an entry in progress
        return 'hold';
      }
      if (req.id === 'Z2') this.showText(req);
      return verdict;
    }
    if (this.mode === 'core' && (req.id === 'X0' || req.id === 'X2' || req.id === 'X4' || req.id === 'X6' || req.id === 'unknown')) {
      if (this.options.unknownCommand === 'eot') {
        void this.link.writeControl('EOT');
        return 'hold';
      }
      return verdict;
    }
    // Act after the ACK has been queued, so it goes out first.
    queueMicrotask(() => this.handle(req, frame));
    return verdict;
  }

  // ---- commands --------------------------------------------------------------------------

  private handle(req: ParsedRequest, frame: Frame): void {
    switch (req.id) {
      case 'X0':
        this.send(probeReplyFrame({ model: this.options.model ?? 'CASHDESK-SIM', firmware: this.options.firmware ?? '1.0', serial: this.options.serial ?? 'SIM00000001', capabilities: this.options.capabilities ?? PPX_CAPABILITIES }));
        return;
      case '06':
        this.send(serialReplyFrame(this.options.serial ?? 'SIM00000001'));
        return;
      case '02':
        void this.loadMasterKey(req, frame);
        return;
      case '08': {
        const slot = /^\d$/.test(req.slot) ? Number(req.slot) : undefined;
        if (slot !== undefined) this.activeMaster = slot;
        const reply = this.options.selectReply ?? (this.mode === 'ppx' ? 'reply' : 'ack-only');
        if (reply === 'reply') this.send(selectReplyFrame(slot !== undefined && this.masterKeys.has(slot) ? '0' : '1'));
        return;
      }
      case 'X2':
        this.loadWorkingKey(req);
        return;
      case 'Z1':
        this.display = '';
        this.events.emit({ type: 'display', text: '' });
        return;
      case 'Z2':
        this.showText(req);
        return;
      case '72':
        return; // idle: the ACK was the answer
      case 'Z60':
        this.startPinEntry(req);
        return;
      case 'Z66':
        this.coreMac(req);
        return;
      case 'X4':
        this.mac(req);
        return;
      case 'X6':
        this.startCardRead(req);
        return;
      case 'unknown':
        return;
    }
  }

  private showText(req: Extract<ParsedRequest, { id: 'Z2' }>): void {
    this.display = req.clear ? req.text : this.display + req.text;
    this.events.emit({ type: 'display', text: this.display });
  }

  /** §2 `02`: echo, then the host's ACK commits (store, EOT) and its EOT aborts. */
  private async loadMasterKey(req: Extract<ParsedRequest, { id: '02' }>, frame: Frame): Promise<void> {
    if (!/^\d$/.test(req.slot) || !isHexKey(req.key)) {
      void this.link.writeControl('EOT');
      return;
    }
    this.setState('loading-key');
    try {
      const echo = Buffer.from(frame.body);
      if (this.faults.badEcho > 0) {
        this.faults.badEcho -= 1;
        echo[echo.length - 1] = echo[echo.length - 1] === 0x30 ? 0x31 : 0x30;
      }
      const outcome = await this.link.send({ kind: 'admin', body: echo });
      if (outcome === 'ack') {
        const slot = Number(req.slot);
        this.setMasterKey(slot, req.key);
        await this.link.writeControl('EOT');
        this.events.emit({ type: 'master-key-loaded', slot });
        this.log.log('info', 'master-key-loaded', { slot });
      }
    } catch (e) {
      this.log.log('warn', 'master-key-not-loaded', { error: e instanceof Error ? e : new Error(String(e)) });
    } finally {
      this.setState('idle');
    }
  }

  /** Decrypts a working key under a master key: the status char of X2 (§3) on failure. */
  private unwrap(masterSlot: string, keyHex: string): { key: Buffer } | { status: '2' | '3' | '4' } {
    const ms = /^\d$/.test(masterSlot) ? this.masterKeys.get(Number(masterSlot)) : undefined;
    if (!ms) return { status: '2' };
    if (!isHexKey(keyHex)) return { status: '3' };
    const enc = Buffer.from(keyHex, 'hex');
    if (enc.length > ms.length) return { status: '4' };
    return { key: desDecrypt(ms, enc) };
  }

  private loadWorkingKey(req: Extract<ParsedRequest, { id: 'X2' }>): void {
    if (!['P', 'M', 'D'].includes(req.usage) || !/^\d$/.test(req.workingSlot)) {
      this.send(workingKeyReplyFrame('5'));
      return;
    }
    if (!/^(?:[0-9A-F]{8})?$/.test(req.expectedKcv)) {
      this.send(workingKeyReplyFrame('3'));
      return;
    }
    const r = this.unwrap(req.masterSlot, req.key);
    if ('status' in r) {
      this.send(workingKeyReplyFrame(r.status));
      return;
    }
    const check = HEX(kcv(r.key));
    if (req.expectedKcv && req.expectedKcv !== check) {
      this.send(workingKeyReplyFrame('1', check));
      return;
    }
    this.workingKeys.set(Number(req.workingSlot), { usage: req.usage, key: r.key, masterSlot: Number(req.masterSlot), loadedAt: ++this.loadCounter });
    this.log.log('info', 'working-key-loaded', { usage: req.usage, slot: Number(req.workingSlot) });
    this.send(workingKeyReplyFrame('0', check));
  }

  private pinKeyFor(req: Extract<ParsedRequest, { id: 'Z60' }>): { key: Buffer } | { error: string } {
    if (!req.wellFormed) return { error: '5' };
    if (req.pan === '') return { error: '0' };
    if (!/^\d+$/.test(req.pan)) return { error: '4' };
    if (req.pan.length < 8) return { error: '2' };
    if (req.pan.length > 19) return { error: '3' };
    const master = this.activeMaster === undefined ? undefined : this.masterKeys.get(this.activeMaster);
    if (!master) return { error: '9' };
    if (req.keyField.startsWith('*')) {
      // The stored-key form (as in X4) is PPX/1; a core pad reads it as a malformed key.
      const wk = this.mode === 'ppx' && /^\*\d$/.test(req.keyField) ? this.workingKeys.get(Number(req.keyField[1])) : undefined;
      return wk && wk.usage === 'P' ? { key: wk.key } : { error: '5' };
    }
    if (!isHexKey(req.keyField)) return { error: '5' };
    const enc = Buffer.from(req.keyField, 'hex');
    if (enc.length > master.length) return { error: '1' };
    return { key: desDecrypt(master, enc) };
  }

  private startPinEntry(req: Extract<ParsedRequest, { id: 'Z60' }>): void {
    const k = this.pinKeyFor(req);
    if ('error' in k) {
      this.send(pinErrorFrame(k.error));
      return;
    }
    const entry: Entry = { kind: 'pin', timers: [] };
    this.entry = entry;
    this.setState('awaiting-pin');
    const pan = req.pan;
    const later = (ms: number, f: () => void): void => {
      entry.timers.push(setTimeout(() => this.entry === entry && f(), ms));
    };
    void Promise.resolve(this.script.takePin(pan.slice(-4))).then((answer) => {
      if (this.entry !== entry) return;
      this.log.log('info', 'pin-answer', { kind: answer.kind });
      switch (answer.kind) {
        case 'pin':
          later(answer.delayMs ?? 0, () => {
            this.endEntry();
            // The PIN lives only in this closure: the block leaves encrypted (§4).
            this.send(pinReplyFrame(answer.pin.length, desEncrypt(k.key, iso0PinBlock(answer.pin, pan))));
          });
          return;
        case 'cancel':
          later(answer.delayMs ?? 0, () => this.abandonEntry());
          return;
        case 'timeout':
          later(answer.afterMs ?? this.options.pinTimeoutMs ?? PINPAD_PIN_TIMEOUT_MS, () => this.abandonEntry());
          return;
        case 'hold':
          return;
      }
    });
  }

  private startCardRead(req: Extract<ParsedRequest, { id: 'X6' }>): void {
    if (!Number.isFinite(req.timeoutS)) {
      this.send(cardStatusFrame('3'));
      return;
    }
    const entry: Entry = { kind: 'card', timers: [] };
    this.entry = entry;
    this.setState('awaiting-card');
    const later = (ms: number, f: () => void): void => {
      entry.timers.push(setTimeout(() => this.entry === entry && f(), ms));
    };
    const { answer, card } = this.script.takeCard();
    this.log.log('info', 'card-answer', { kind: answer.kind });
    const reply = (f: Frame): void => {
      this.endEntry();
      this.send(f);
    };
    switch (answer.kind) {
      case 'card':
        later(answer.delayMs ?? 0, () => reply(cardReplyFrame(this.cardForReply(card))));
        return;
      case 'cancel':
        later(answer.delayMs ?? 0, () => reply(cardStatusFrame('1')));
        return;
      case 'timeout':
        later(answer.afterMs ?? req.timeoutS * 1000, () => reply(cardStatusFrame('2')));
        return;
      case 'error':
        later(answer.delayMs ?? 0, () => reply(cardStatusFrame('3')));
        return;
      case 'hold':
        return;
    }
  }

  /** §3 X7: the track TDB-encrypted with the stored track key, when one is loaded (host-protocol §4.1). */
  private cardForReply(card: EmulatorCard): Parameters<typeof cardReplyFrame>[0] {
    const track = card.track2.toUpperCase().replace(/=/g, 'D');
    const tdk = [...this.workingKeys.values()].filter((k) => k.usage === 'D').sort((a, b) => b.loadedAt - a.loadedAt)[0];
    return {
      entryMode: card.entryMode ?? 'swipe',
      pan: card.pan,
      expiry: card.expiry,
      sequence: card.sequence ?? null,
      track2: tdk ? encryptTrackTdb(tdk.key, track) : track,
      chipData: card.chipData ? card.chipData.toUpperCase() : null,
    };
  }

  /** The cardholder cancelled or the pad's timer ran out: EOT instead of a response (§1). */
  private abandonEntry(): void {
    this.endEntry();
    void this.link.writeControl('EOT').catch(() => undefined);
  }

  private endEntry(): void {
    const e = this.entry;
    if (!e) return;
    for (const t of e.timers) clearTimeout(t);
    this.entry = undefined;
    this.setState('idle');
  }

  private macKey(key: Extract<ParsedRequest, { id: 'X4' }>['key'], mode: string): { key: Buffer } | { status: string } {
    if (!key) return { status: '5' };
    if ('workingSlot' in key) {
      const wk = /^\d$/.test(key.workingSlot) ? this.workingKeys.get(Number(key.workingSlot)) : undefined;
      if (!wk) return { status: '2' };
      // §3: a stored PIN key is never usable here; a stored track key only in mode B.
      if (wk.usage === 'P' || (wk.usage === 'D' && mode !== 'B')) return { status: '3' };
      return { key: wk.key };
    }
    const r = this.unwrap(key.masterSlot, key.key);
    return 'status' in r ? { status: r.status === '4' ? '3' : r.status } : r;
  }

  private mac(req: Extract<ParsedRequest, { id: 'X4' }>): void {
    if (!['E', '9', 'B'].includes(req.mode)) {
      this.send(macReplyFrame('6'));
      return;
    }
    const k = this.macKey(req.key, req.mode);
    if ('status' in k) {
      this.send(macReplyFrame(k.status));
      return;
    }
    if (!isHexData(req.data)) {
      this.send(macReplyFrame('5'));
      return;
    }
    const data = Buffer.from(req.data, 'hex');
    switch (req.mode) {
      case 'E':
        this.send(macReplyFrame('0', cupMacFromXorBlock(k.key, cupMacXorBlock(data))));
        return;
      case '9':
        if (k.key.length !== 16) this.send(macReplyFrame('3'));
        else this.send(macReplyFrame('0', HEX(x919Mac(k.key, data))));
        return;
      case 'B':
        if (data.length !== 8) this.send(macReplyFrame('5'));
        else this.send(macReplyFrame('0', HEX(desEncrypt(k.key, data))));
        return;
    }
  }

  /** §2 Z66: X9.19 under a MAC key encrypted with the selected master key. */
  private coreMac(req: Extract<ParsedRequest, { id: 'Z66' }>): void {
    const master = this.activeMaster === undefined ? undefined : this.masterKeys.get(this.activeMaster);
    if (!master) {
      this.send(coreMacReplyFrame('2'));
      return;
    }
    if (!req.wellFormed || !isHexKey(req.key) || req.key.length / 2 > master.length) {
      this.send(coreMacReplyFrame('3'));
      return;
    }
    if (!isHexData(req.data)) {
      this.send(coreMacReplyFrame('5'));
      return;
    }
    const key = desDecrypt(master, Buffer.from(req.key, 'hex'));
    if (key.length !== 16) {
      this.send(coreMacReplyFrame('3'));
      return;
    }
    this.send(coreMacReplyFrame('0', HEX(x919Mac(key, Buffer.from(req.data, 'hex')))));
  }
}

export function createPinpadEmulator(transport: ByteTransport, options?: PinpadEmulatorOptions): PinpadEmulator {
  return new PinpadEmulator(transport, options);
}
