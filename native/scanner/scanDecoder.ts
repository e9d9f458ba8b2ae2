// Bytes from a serial barcode scanner into codes (issue 9). A scanner sends each code
// as ASCII followed by its configured suffix (CR, LF, CRLF or TAB), or with no suffix at
// all, when only the pause after the burst marks its end. Anything that is not a
// plausible code (a control byte, a byte above ASCII, a code longer than a barcode can
// be, a burst cut off without its suffix) is rejected, never passed on half-read.

export type ScanSuffix = 'CR' | 'LF' | 'CRLF' | 'TAB' | 'none';
export const SCAN_SUFFIXES: readonly ScanSuffix[] = ['CR', 'LF', 'CRLF', 'TAB', 'none'];

/** Longest code passed on: the cart's barcode field holds 64 (contract `sale.addByBarcode`). */
export const MAX_SCAN_LENGTH = 64;
/**
 * The pause that ends a code without a suffix. A scanner sends a code as one burst (at
 * 9600 baud a byte takes about 1 ms); a person cannot scan two codes 50 ms apart.
 */
export const SCAN_IDLE_GAP_MS = 50;
/** With a suffix: a burst still without its suffix after this long was cut off, and is dropped. */
export const SCAN_PARTIAL_TIMEOUT_MS = 500;

export type ScanRejectReason = 'control-byte' | 'not-ascii' | 'too-long' | 'no-suffix';

export interface ScanDecoderEvent {
  type: 'scan' | 'reject';
  /** The code (scan), or what was received as printable text, for the log (reject). */
  code: string;
  reason?: ScanRejectReason;
}

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;

export class ScanDecoder {
  private buf: number[] = [];
  private bad: ScanRejectReason | null = null;
  /** The last byte ended a code with CR: an LF right after it belongs to that suffix (CRLF). */
  private afterCr = false;

  constructor(
    readonly suffix: ScanSuffix,
    private readonly maxLength = MAX_SCAN_LENGTH,
  ) {}

  /** Feeds bytes; returns the codes (and rejects) they complete. */
  push(chunk: Uint8Array): ScanDecoderEvent[] {
    const out: ScanDecoderEvent[] = [];
    for (const b of chunk) {
      const wasAfterCr = this.afterCr;
      this.afterCr = false;
      if (this.isTerminator(b)) {
        if (b === LF && wasAfterCr && this.suffix !== 'LF') continue;
        if (b === CR) this.afterCr = true;
        this.end(out);
        continue;
      }
      // A scanner sending CRLF while set up for CR (or LF) still scans: the other half of
      // the pair is taken as part of the suffix, not as a bad byte.
      if (b === LF && wasAfterCr && this.suffix === 'CR') continue;
      if (b === CR && this.suffix === 'LF') {
        this.afterCr = true;
        continue;
      }
      // Set up for LF, a CR is only tolerated as the first half of CRLF.
      if (wasAfterCr && this.suffix === 'LF') this.mark('control-byte');
      if (b < 0x20 || b === 0x7f) this.mark('control-byte');
      else if (b > 0x7f) this.mark('not-ascii');
      else if (this.buf.length >= this.maxLength) this.mark('too-long');
      else this.buf.push(b);
    }
    return out;
  }

  /**
   * The line has been quiet: with no suffix this ends the code; with a suffix, what is
   * waiting was cut off and is dropped.
   */
  idle(): ScanDecoderEvent[] {
    const out: ScanDecoderEvent[] = [];
    if (this.suffix === 'none') this.end(out);
    else if (this.buf.length > 0 || this.bad) {
      this.bad ??= 'no-suffix';
      this.end(out);
    }
    this.afterCr = false;
    return out;
  }

  /** Something is waiting for its end. */
  get partial(): boolean {
    return this.buf.length > 0 || this.bad !== null;
  }

  private isTerminator(b: number): boolean {
    switch (this.suffix) {
      case 'CR':
      case 'CRLF':
        return b === CR || (this.suffix === 'CRLF' && b === LF);
      case 'LF':
        return b === LF;
      case 'TAB':
        return b === TAB;
      case 'none':
        return false;
    }
  }

  private mark(reason: ScanRejectReason): void {
    this.bad ??= reason;
  }

  private end(out: ScanDecoderEvent[]): void {
    const code = Buffer.from(this.buf).toString('latin1').trim();
    const bad = this.bad;
    this.buf = [];
    this.bad = null;
    if (bad) out.push({ type: 'reject', code, reason: bad });
    else if (code !== '') out.push({ type: 'scan', code });
  }
}
