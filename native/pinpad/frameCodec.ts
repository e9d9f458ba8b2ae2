import { CashdeskError } from '../errors.js';

// pinpad-protocol §1: control bytes.
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ACK = 0x06;
export const SO = 0x0e;
export const SI = 0x0f;
export const NAK = 0x15;
export const SUB = 0x1a;
export const FS = 0x1c;

/** `transaction` frames are STX … ETX, `admin` frames SI … SO (§1). */
export type FrameKind = 'transaction' | 'admin';

export interface Frame {
  kind: FrameKind;
  /** The bytes between STX/SI and ETX/SO: the id and its data. */
  body: Buffer;
}

export type ControlByte = 'ACK' | 'NAK' | 'EOT';

/**
 * Longest body we accept. The longest legitimate frame is an X4 mode 9 over a whole
 * message in hex (~2 KB); past this a lost ETX/SO would swallow the line.
 */
export const MAX_FRAME_BODY = 4096;

/** A byte stream that is not a valid frame. Typed, so callers and the fuzz test can tell it from a bug. */
export class PinpadFrameError extends CashdeskError {
  constructor(readonly reason: 'empty' | 'start' | 'end' | 'lrc' | 'body' | 'length', detail: string) {
    super(
      'PINPAD_FRAME',
      `密码键盘数据帧无效（${detail}）。通常是线路干扰：重试即可；如反复出现，请检查数据线和波特率设置。`,
      `Invalid PIN pad frame (${detail}). Usually line noise: try again; if it keeps happening, check the cable and the baud rate setting.`,
    );
    this.name = 'PinpadFrameError';
  }
}

/** §1: XOR of every byte after STX/SI up to and including ETX/SO. */
export function lrc(bodyWithEnd: Uint8Array): number {
  let x = 0;
  for (const b of bodyWithEnd) x ^= b;
  return x;
}

export function startByte(kind: FrameKind): number {
  return kind === 'transaction' ? STX : SI;
}

export function endByte(kind: FrameKind): number {
  return kind === 'transaction' ? ETX : SO;
}

/**
 * A body byte that would end or restart a frame on the far side cannot be sent; the
 * protocol is 7-bit (§1), so bytes over 7F are refused as well.
 */
function checkBody(body: Buffer): void {
  if (body.length === 0) throw new PinpadFrameError('empty', 'empty body');
  if (body.length > MAX_FRAME_BODY) throw new PinpadFrameError('length', `body of ${body.length} bytes`);
  const bad = body.find(isForbiddenBodyByte);
  if (bad !== undefined) throw new PinpadFrameError('body', `byte ${bad.toString(16).padStart(2, '0')} in body`);
}

function isForbiddenBodyByte(b: number): boolean {
  return b === STX || b === ETX || b === SO || b === SI || b > 0x7f;
}

function isSendableBody(b: Buffer): boolean {
  return b.length > 0 && b.length <= MAX_FRAME_BODY && !b.some(isForbiddenBodyByte);
}

export function encodeFrame(frame: Frame): Buffer {
  checkBody(frame.body);
  const out = Buffer.alloc(frame.body.length + 3);
  out[0] = startByte(frame.kind);
  frame.body.copy(out, 1);
  out[frame.body.length + 1] = endByte(frame.kind);
  out[frame.body.length + 2] = lrc(out.subarray(1, frame.body.length + 2));
  return out;
}

/** Convenience for building bodies: ASCII strings and raw bytes (FS, SUB) in order. */
export function body(...parts: Array<string | number>): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'number' ? Buffer.from([p]) : Buffer.from(p, 'latin1'))));
}

/** Exactly one frame, nothing before or after; throws PinpadFrameError otherwise. */
export function decodeFrame(bytes: Buffer): Frame {
  if (bytes.length < 4) throw new PinpadFrameError('length', `${bytes.length} bytes`);
  const kind: FrameKind | undefined = bytes[0] === STX ? 'transaction' : bytes[0] === SI ? 'admin' : undefined;
  if (!kind) throw new PinpadFrameError('start', 'no STX or SI');
  const endAt = bytes.length - 2;
  if (bytes[endAt] !== endByte(kind)) throw new PinpadFrameError('end', 'no ETX or SO before the LRC');
  const b = Buffer.from(bytes.subarray(1, endAt));
  checkBody(b);
  if (lrc(bytes.subarray(1, endAt + 1)) !== bytes[endAt + 1]) throw new PinpadFrameError('lrc', 'LRC mismatch');
  return { kind, body: b };
}

/** What the stream decoder found; every input byte belongs to exactly one item. */
export type DecodedItem =
  | { type: 'frame'; frame: Frame; raw: Buffer }
  | { type: 'control'; byte: ControlByte; raw: Buffer }
  /**
   * A whole frame the receiver answers with NAK (§1): its LRC is wrong, or its body is
   * empty or holds a byte no sender may put there (8-bit, the other kind's end byte).
   */
  | { type: 'bad-frame'; kind: FrameKind; raw: Buffer; reason: 'lrc' | 'body' }
  /** Skipped bytes: line noise outside a frame, a frame cut short by a new STX/SI, or one too long. */
  | { type: 'noise'; raw: Buffer; reason: 'outside-frame' | 'restarted' | 'overflow' | 'flushed' };

type DecoderState = { s: 'idle' } | { s: 'body'; kind: FrameKind } | { s: 'lrc'; kind: FrameKind };

/**
 * Stream decoder for §1. Written by hand because no stock parser knows that the byte
 * after ETX/SO is always the LRC, even when it equals ACK (the cancel frame's LRC is 06)
 * or ETX: in state `lrc` every byte is taken as the LRC, whatever it is.
 */
export class FrameDecoder {
  private state: DecoderState = { s: 'idle' };
  private buf: number[] = [];
  private noise: number[] = [];

  /** Bytes of a frame in progress (for the inter-byte timeout). */
  get pending(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): DecodedItem[] {
    const out: DecodedItem[] = [];
    for (const byte of chunk) this.step(byte, out);
    this.flushNoise(out);
    return out;
  }

  /** Ends a frame left half-sent (inter-byte timeout): its bytes come back as noise. */
  flush(): DecodedItem[] {
    const out: DecodedItem[] = [];
    this.flushNoise(out);
    if (this.buf.length) out.push({ type: 'noise', raw: Buffer.from(this.buf), reason: 'flushed' });
    this.buf = [];
    this.state = { s: 'idle' };
    return out;
  }

  private flushNoise(out: DecodedItem[]): void {
    if (this.noise.length) out.push({ type: 'noise', raw: Buffer.from(this.noise), reason: 'outside-frame' });
    this.noise = [];
  }

  private step(byte: number, out: DecodedItem[]): void {
    const st = this.state;
    switch (st.s) {
      case 'idle':
        if (byte === STX || byte === SI) {
          this.flushNoise(out);
          this.buf = [byte];
          this.state = { s: 'body', kind: byte === STX ? 'transaction' : 'admin' };
        } else if (byte === ACK || byte === NAK || byte === EOT) {
          this.flushNoise(out);
          out.push({ type: 'control', byte: byte === ACK ? 'ACK' : byte === NAK ? 'NAK' : 'EOT', raw: Buffer.from([byte]) });
        } else {
          this.noise.push(byte); // §1: other stray bytes are line noise
        }
        return;
      case 'body':
        if (byte === STX || byte === SI) {
          // A new start inside a frame: the sender gave up on the old one and resent.
          out.push({ type: 'noise', raw: Buffer.from(this.buf), reason: 'restarted' });
          this.buf = [byte];
          this.state = { s: 'body', kind: byte === STX ? 'transaction' : 'admin' };
          return;
        }
        this.buf.push(byte);
        if (byte === endByte(st.kind)) {
          this.state = { s: 'lrc', kind: st.kind };
        } else if (this.buf.length > MAX_FRAME_BODY + 1) {
          out.push({ type: 'noise', raw: Buffer.from(this.buf), reason: 'overflow' });
          this.buf = [];
          this.state = { s: 'idle' };
        }
        return;
      case 'lrc': {
        const raw = Buffer.from([...this.buf, byte]);
        this.buf = [];
        this.state = { s: 'idle' };
        const bodyBytes = Buffer.from(raw.subarray(1, raw.length - 2));
        if (lrc(raw.subarray(1, raw.length - 1)) !== byte) {
          out.push({ type: 'bad-frame', kind: st.kind, raw, reason: 'lrc' });
        } else if (!isSendableBody(bodyBytes)) {
          // Good LRC but not a frame anyone could have sent: NAK it too, so that every
          // frame we accept is one encodeFrame would produce.
          out.push({ type: 'bad-frame', kind: st.kind, raw, reason: 'body' });
        } else {
          out.push({ type: 'frame', frame: { kind: st.kind, body: bodyBytes }, raw });
        }
        return;
      }
    }
  }
}
