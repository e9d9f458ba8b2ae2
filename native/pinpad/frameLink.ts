import type { ByteTransport } from '../serial/byteTransport.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { ACK, EOT, NAK, encodeFrame, FrameDecoder, type ControlByte, type DecodedItem, type Frame } from './frameCodec.js';
import { PinpadDisconnectedError, PinpadNakLimitError, PinpadNoAnswerError } from './errors.js';

/**
 * The handshake of pinpad-protocol §1, the same for both ends (driver and emulator):
 * ACK/NAK every frame received, EOT after the third NAK in a row; resend a frame sent on
 * NAK, and on silence after the ACK timeout at most twice.
 */

/** How the receiver answers a frame with a good LRC. */
export type FrameVerdict =
  /** ACK it (the normal case). */
  | 'ack'
  /** NAK it as if the LRC were bad (emulator fault). */
  | 'nak'
  /** Say nothing, as if it never arrived (emulator fault: a lost frame). */
  | 'drop'
  /** Say nothing now: the handler answers later with writeControl (§2 `02`: ACK commits, EOT aborts). */
  | 'hold';

export type SendOutcome = 'ack' | 'eot' | 'implied';

export interface SendOptions {
  /**
   * A reply that proves the request arrived even though its ACK was lost on the line:
   * the send ends as `implied` instead of resending.
   */
  acceptsAsAck?: (frame: Frame) => boolean;
  /** Emulator faults: the bytes actually written for attempt n (1-based). */
  mangle?: (raw: Buffer, attempt: number) => Buffer;
}

export interface FrameLinkOptions {
  ackTimeoutMs: number;
  interByteTimeoutMs: number;
  /** Names the ack timeout in errors. */
  ackTimeoutName?: string;
  logger?: Logger;
  /** Where bytes go out; the transport's write by default (the emulator paces bytes through its own). */
  write?: (bytes: Buffer) => Promise<void>;
}

/** §1: the third NAK in a row ends the exchange. */
export const NAK_LIMIT = 3;
/** §1: on silence, resend at most twice. */
export const MAX_SILENT_RESENDS = 2;

interface PendingSend {
  onControl(c: ControlByte): void;
  onFrame(f: Frame): void;
  onClosed(): void;
}

export class FrameLink {
  private readonly decoder = new FrameDecoder();
  private readonly log: Logger;
  private readonly writeBytes: (bytes: Buffer) => Promise<void>;
  private readonly unsub: Array<() => void>;
  private frameHandler: (frame: Frame) => FrameVerdict | void = () => 'ack';
  private controlHandler: (c: ControlByte) => void = () => {};
  private giveUpHandler: () => void = () => {};
  private pending: PendingSend | undefined;
  private sendChain: Promise<unknown> = Promise.resolve();
  private naksInARow = 0;
  private interByteTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: FrameLinkOptions,
  ) {
    this.log = options.logger ?? silentLogger;
    this.writeBytes = options.write ?? ((b) => transport.write(b));
    this.unsub = [
      transport.onData((chunk) => this.receive(chunk)),
      transport.onState((s) => {
        if (s === 'closed') this.lineLost();
      }),
    ];
  }

  /** One handler for frames with a good LRC; returns how to answer (ACK by default). */
  onFrame(handler: (frame: Frame) => FrameVerdict | void): void {
    this.frameHandler = handler;
  }

  /** ACK/NAK/EOT that no send is waiting for (an EOT ending a PIN entry, a stray ACK). */
  onControl(handler: (c: ControlByte) => void): void {
    this.controlHandler = handler;
  }

  /** §1: we NAKed three frames in a row and sent EOT: the exchange the far side tried is over. */
  onGiveUp(handler: () => void): void {
    this.giveUpHandler = handler;
  }

  writeControl(c: ControlByte): Promise<void> {
    return this.writeBytes(Buffer.from([c === 'ACK' ? ACK : c === 'NAK' ? NAK : EOT]));
  }

  writeRaw(bytes: Buffer): Promise<void> {
    return this.writeBytes(bytes);
  }

  /** Sends one frame and waits for its handshake; sends run one at a time. */
  send(frame: Frame, options: SendOptions = {}): Promise<SendOutcome> {
    const run = this.sendChain.then(() => this.sendNow(frame, options));
    this.sendChain = run.catch(() => undefined);
    return run;
  }

  close(): void {
    for (const u of this.unsub) u();
    if (this.interByteTimer) clearTimeout(this.interByteTimer);
    this.pending?.onClosed();
  }

  private sendNow(frame: Frame, options: SendOptions): Promise<SendOutcome> {
    const raw = encodeFrame(frame);
    const ackMs = (): number => this.options.ackTimeoutMs;
    return new Promise<SendOutcome>((resolve, reject) => {
      let attempt = 0;
      let naks = 0;
      let silences = 0;
      let awaitingFinalEot = false;
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      const finish = (f: () => void): void => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        if (this.pending === pending) this.pending = undefined;
        f();
      };
      const arm = (ms: number, onFire: () => void): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(onFire, ms);
      };
      const onSilence = (): void => {
        silences += 1;
        if (silences > MAX_SILENT_RESENDS) {
          finish(() => reject(new PinpadNoAnswerError(this.transport.name, this.options.ackTimeoutName ?? 'PINPAD_ACK_TIMEOUT_MS', ackMs())));
          return;
        }
        this.log.log('debug', 'resend', { reason: 'silence', attempt: attempt + 1 });
        transmit();
      };
      const transmit = (): void => {
        attempt += 1;
        const bytes = options.mangle ? options.mangle(raw, attempt) : raw;
        if (timer) clearTimeout(timer);
        this.writeBytes(bytes).then(
          () => {
            if (!done && !awaitingFinalEot) arm(ackMs(), onSilence);
          },
          () => finish(() => reject(new PinpadDisconnectedError(this.transport.name))),
        );
      };
      const pending: PendingSend = {
        onControl: (c) => {
          if (awaitingFinalEot) {
            if (c === 'EOT') finish(() => reject(new PinpadNakLimitError(this.transport.name)));
            return;
          }
          switch (c) {
            case 'ACK':
              finish(() => resolve('ack'));
              return;
            case 'EOT':
              finish(() => resolve('eot'));
              return;
            case 'NAK':
              naks += 1;
              if (naks >= NAK_LIMIT) {
                // §1: after the third NAK the receiver sends EOT. Wait for it, so that it
                // cannot be taken for the answer to whatever is sent next.
                awaitingFinalEot = true;
                arm(ackMs(), () => finish(() => reject(new PinpadNakLimitError(this.transport.name))));
                return;
              }
              this.log.log('debug', 'resend', { reason: 'nak', attempt: attempt + 1 });
              transmit();
              return;
          }
        },
        onFrame: (f) => {
          if (!awaitingFinalEot && options.acceptsAsAck?.(f)) finish(() => resolve('implied'));
        },
        onClosed: () => finish(() => reject(new PinpadDisconnectedError(this.transport.name))),
      };
      if (!this.transport.isOpen) {
        finish(() => reject(new PinpadDisconnectedError(this.transport.name)));
        return;
      }
      this.pending = pending;
      transmit();
    });
  }

  private receive(chunk: Buffer): void {
    for (const item of this.decoder.push(chunk)) this.handle(item);
    if (this.interByteTimer) clearTimeout(this.interByteTimer);
    this.interByteTimer = undefined;
    if (this.decoder.pending > 0) {
      this.interByteTimer = setTimeout(() => {
        this.interByteTimer = undefined;
        for (const item of this.decoder.flush()) this.handle(item);
      }, this.options.interByteTimeoutMs);
    }
  }

  private handle(item: DecodedItem): void {
    switch (item.type) {
      case 'control':
        if (this.pending) this.pending.onControl(item.byte);
        else this.controlHandler(item.byte);
        return;
      case 'noise':
        this.log.log('debug', 'line-noise', { bytes: item.raw.length, reason: item.reason });
        return;
      case 'bad-frame':
        this.log.log('debug', 'bad-frame', { reason: item.reason, bytes: item.raw.length });
        this.refuse();
        return;
      case 'frame': {
        const verdict = this.frameHandler(item.frame) ?? 'ack';
        switch (verdict) {
          case 'ack':
            this.naksInARow = 0;
            void this.writeControl('ACK').catch(() => undefined);
            break;
          case 'nak':
            this.refuse();
            return;
          case 'drop':
            return;
          case 'hold':
            this.naksInARow = 0;
            break;
        }
        this.pending?.onFrame(item.frame);
        return;
      }
    }
  }

  private refuse(): void {
    this.naksInARow += 1;
    void this.writeControl('NAK').catch(() => undefined);
    if (this.naksInARow >= NAK_LIMIT) {
      this.naksInARow = 0;
      void this.writeControl('EOT').catch(() => undefined);
      this.giveUpHandler();
    }
  }

  private lineLost(): void {
    this.decoder.flush();
    if (this.interByteTimer) clearTimeout(this.interByteTimer);
    this.interByteTimer = undefined;
    this.naksInARow = 0;
    this.pending?.onClosed();
  }
}
