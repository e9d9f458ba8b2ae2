import type { EntryMode } from './replies.js';

/**
 * What the emulator's "cardholder" does, request by request (issue 4): a queue of
 * scripted answers with a default behind it, and the line faults it can inject. Tests
 * drive these; training mode leaves the defaults (or asks a person through pinSource).
 */

export type PinAnswer =
  | { kind: 'pin'; pin: string; delayMs?: number }
  /** The cardholder presses cancel on the pad: EOT. */
  | { kind: 'cancel'; delayMs?: number }
  /** Nobody types: the pad's own timer runs out (PinpadEmulatorOptions.pinTimeoutMs unless afterMs): EOT. */
  | { kind: 'timeout'; afterMs?: number }
  /** Wait until `72` or an unplug ends the entry. */
  | { kind: 'hold' };

export interface EmulatorCard {
  pan: string;
  /** YYMM */
  expiry: string;
  /** Clear track 2 digits, `D` or `=` as separator; TDB-encrypted in X7 when a track key is stored. */
  track2: string;
  entryMode?: EntryMode;
  sequence?: string | null;
  /** Chip TLV, hex. */
  chipData?: string | null;
}

export type CardAnswer =
  | { kind: 'card'; card?: EmulatorCard; delayMs?: number }
  | { kind: 'cancel'; delayMs?: number }
  | { kind: 'timeout'; afterMs?: number }
  | { kind: 'error'; delayMs?: number }
  | { kind: 'hold' };

/** The card from host-protocol §4.1's worked example, used when a test sets none. */
export const DEFAULT_EMULATOR_CARD: EmulatorCard = {
  pan: '6222021234567890128',
  expiry: '2812',
  track2: '6222021234567890128D28122201234567',
  entryMode: 'swipe',
  sequence: null,
  chipData: null,
};

export class EmulatorScript {
  private readonly pins: PinAnswer[] = [];
  private readonly cards: CardAnswer[] = [];
  private defaultPin: PinAnswer;
  private defaultCard: EmulatorCard;
  private pinSource: ((request: { panLast4: string }) => Promise<PinAnswer>) | undefined;

  constructor(pin: string, card: EmulatorCard) {
    this.defaultPin = { kind: 'pin', pin };
    this.defaultCard = card;
  }

  nextPin(pin: string, options: { delayMs?: number } = {}): this {
    this.pins.push({ kind: 'pin', pin, ...options });
    return this;
  }

  nextCancel(options: { delayMs?: number } = {}): this {
    this.pins.push({ kind: 'cancel', ...options });
    return this;
  }

  nextTimeout(options: { afterMs?: number } = {}): this {
    this.pins.push({ kind: 'timeout', ...options });
    return this;
  }

  nextHold(): this {
    this.pins.push({ kind: 'hold' });
    return this;
  }

  /** What happens when the queue is empty. */
  setDefaultPin(answer: PinAnswer | string): this {
    this.defaultPin = typeof answer === 'string' ? { kind: 'pin', pin: answer } : answer;
    return this;
  }

  /** Training mode: ask a person (the on-screen training keypad) when the queue is empty. */
  setPinSource(source: ((request: { panLast4: string }) => Promise<PinAnswer>) | undefined): this {
    this.pinSource = source;
    return this;
  }

  setCard(card: EmulatorCard): this {
    this.defaultCard = card;
    return this;
  }

  nextCard(card?: EmulatorCard, options: { delayMs?: number } = {}): this {
    this.cards.push(card ? { kind: 'card', card, ...options } : { kind: 'card', ...options });
    return this;
  }

  nextCardCancel(options: { delayMs?: number } = {}): this {
    this.cards.push({ kind: 'cancel', ...options });
    return this;
  }

  nextCardTimeout(options: { afterMs?: number } = {}): this {
    this.cards.push({ kind: 'timeout', ...options });
    return this;
  }

  nextCardError(): this {
    this.cards.push({ kind: 'error' });
    return this;
  }

  nextCardHold(): this {
    this.cards.push({ kind: 'hold' });
    return this;
  }

  clear(): this {
    this.pins.length = 0;
    this.cards.length = 0;
    return this;
  }

  /** @internal the emulator takes the answer for one PIN request. */
  takePin(panLast4: string): PinAnswer | Promise<PinAnswer> {
    const next = this.pins.shift();
    if (next) return next;
    return this.pinSource ? this.pinSource({ panLast4 }) : this.defaultPin;
  }

  /** @internal */
  takeCard(): { answer: CardAnswer; card: EmulatorCard } {
    const answer = this.cards.shift() ?? { kind: 'card' };
    return { answer, card: (answer.kind === 'card' && answer.card) || this.defaultCard };
  }
}

/** Line faults, each counted down as it strikes (issue 4). */
export class EmulatorFaults {
  /** @internal */ nak = 0;
  /** @internal */ badLrc = 0;
  /** @internal */ lostAck = 0;
  /** @internal */ lostFrame = 0;
  /** @internal */ stray: Buffer | undefined;
  /** @internal */ msPerByte = 0;
  /** @internal */ badEcho = 0;

  /** NAK the next n frames received, as if their LRC were bad (n = 3 reaches the §1 limit). */
  nakNext(n = 1): this {
    this.nak += n;
    return this;
  }

  /** Send the next n frames (resends included) with a wrong LRC. */
  badLrcNext(n = 1): this {
    this.badLrc += n;
    return this;
  }

  /** Act on the next n frames but lose their ACK on the line. */
  dropAckNext(n = 1): this {
    this.lostAck += n;
    return this;
  }

  /** Lose the next n frames received entirely: no ACK, no action. */
  loseFrameNext(n = 1): this {
    this.lostFrame += n;
    return this;
  }

  /** Line noise (no control bytes by default) before the next thing the pad sends. */
  strayBytes(bytes: Buffer = Buffer.from([0x00, 0x41, 0x7f, 0xff, 0x20])): this {
    this.stray = this.stray ? Buffer.concat([this.stray, bytes]) : bytes;
    return this;
  }

  /** §2 `02`: echo the next master key with one digit changed (the host must abort with EOT). */
  badEchoNext(n = 1): this {
    this.badEcho += n;
    return this;
  }

  /** Pace every byte sent; 1.04 ms mimics 9600 baud 8N1 (10 bits a byte). 0 turns it off. */
  byteDelay(ms: number): this {
    this.msPerByte = ms;
    return this;
  }

  clear(): this {
    this.nak = this.badLrc = this.lostAck = this.lostFrame = this.msPerByte = this.badEcho = 0;
    this.stray = undefined;
    return this;
  }
}

/** 9600 baud 8N1: 10 bits per byte. */
export const MS_PER_BYTE_9600 = 10_000 / 9600;
