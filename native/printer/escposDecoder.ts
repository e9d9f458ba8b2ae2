// Reads an ESC/POS byte stream back into what would be on paper: text lines with their
// style, raster images, QR codes, cuts, and the drawer kicks and status queries. It is
// what the printer emulator runs, so tests assert on the receipt, not on bytes; it reads
// the subset escpos.ts writes plus the common commands other software sends, and skips
// (as `unknown`) what it does not know instead of failing.
import iconv from 'iconv-lite';
import type { Align } from './printDocument.js';
import type { MonoImage } from './raster.js';

export interface TextLine {
  kind: 'text';
  text: string;
  align: Align;
  bold: boolean;
  width: 1 | 2;
  height: 1 | 2;
}
export type PaperItem =
  | TextLine
  | { kind: 'image'; image: MonoImage }
  | { kind: 'qr'; data: string; moduleDots: number }
  | { kind: 'barcode'; system: number; data: string }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

export type DecodedEvent =
  | PaperItem
  | { kind: 'init' }
  | { kind: 'status-query'; n: number }
  | { kind: 'drawer-kick'; pin: 2 | 5; onMs: number; offMs: number }
  | { kind: 'unknown'; bytes: Buffer };

const ALIGNS: Record<number, Align> = { 0: 'left', 1: 'center', 2: 'right', 48: 'left', 49: 'center', 50: 'right' };

/** Parameter bytes of the one-parameter commands that only change a mode we do not model. */
const ESC_ONE_PARAM = new Set([0x2d, 0x33, 0x47, 0x4d, 0x52, 0x56, 0x74, 0x7b, 0x20, 0x25, 0x55, 0x72]);
const GS_ONE_PARAM = new Set([0x42, 0x48, 0x66, 0x68, 0x77, 0x61, 0x62, 0x72, 0x49]);
const GS_TWO_PARAM = new Set([0x4c, 0x57, 0x24, 0x5c, 0x50]);

type Step = { used: number; events: DecodedEvent[] } | 'more';

export class EscPosDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private line: number[] = [];
  private lineStyle: Omit<TextLine, 'kind' | 'text'> | null = null;
  private align: Align = 'left';
  private bold = false;
  private width: 1 | 2 = 1;
  private height: 1 | 2 = 1;
  private chinese: boolean;
  private qrData: Buffer | null = null;
  private qrModule = 3;

  /** `chineseByDefault`: Chinese-firmware printers start (and return after ESC @) in Kanji mode. */
  constructor(private readonly options: { chineseByDefault?: boolean } = {}) {
    this.chinese = options.chineseByDefault ?? true;
  }

  /** Feeds bytes; returns every event they complete (a command split across chunks waits for the rest). */
  push(chunk: Buffer): DecodedEvent[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const events: DecodedEvent[] = [];
    let i = 0;
    while (i < this.pending.length) {
      const step = this.step(this.pending, i);
      if (step === 'more') break;
      i += step.used;
      events.push(...step.events);
    }
    this.pending = this.pending.subarray(i);
    return events;
  }

  /** Bytes of a command still waiting for the rest of it. */
  get waiting(): number {
    return this.pending.length;
  }

  private reset(): void {
    this.line = [];
    this.lineStyle = null;
    this.align = 'left';
    this.bold = false;
    this.width = 1;
    this.height = 1;
    this.chinese = this.options.chineseByDefault ?? true;
    this.qrData = null;
    this.qrModule = 3;
  }

  private endLine(force: boolean): DecodedEvent[] {
    if (!force && this.line.length === 0) return [];
    const style = this.lineStyle ?? { align: this.align, bold: this.bold, width: this.width, height: this.height };
    const bytes = Buffer.from(this.line);
    const text = this.chinese ? iconv.decode(bytes, 'gb18030') : bytes.toString('latin1');
    this.line = [];
    this.lineStyle = null;
    return [{ kind: 'text', text, ...style }];
  }

  private step(b: Buffer, i: number): Step {
    const c = b[i]!;
    const need = (n: number): boolean => i + n <= b.length;
    const at = (k: number): number => b[i + k]!;
    const one = (events: DecodedEvent[] = []): Step => ({ used: 1, events });

    if (c === 0x0a) return { used: 1, events: this.endLine(true) };
    if (c === 0x0d) return one();
    if (c === 0x09) {
      this.text(0x20);
      return one();
    }
    if (c === 0x1b) {
      if (!need(2)) return 'more';
      const k = at(1);
      switch (k) {
        case 0x40:
          this.reset();
          return { used: 2, events: [{ kind: 'init' }] };
        case 0x32:
          return { used: 2, events: [] };
        case 0x61:
          if (!need(3)) return 'more';
          this.align = ALIGNS[at(2)] ?? this.align;
          return { used: 3, events: [] };
        case 0x45:
          if (!need(3)) return 'more';
          this.bold = (at(2) & 1) === 1;
          return { used: 3, events: [] };
        case 0x21:
          if (!need(3)) return 'more';
          this.bold = (at(2) & 0x08) !== 0;
          this.height = at(2) & 0x10 ? 2 : 1;
          this.width = at(2) & 0x20 ? 2 : 1;
          return { used: 3, events: [] };
        case 0x64:
        case 0x4a: {
          if (!need(3)) return 'more';
          const lines = k === 0x64 ? at(2) : Math.round(at(2) / 30);
          return { used: 3, events: [...this.endLine(false), { kind: 'feed', lines }] };
        }
        case 0x70:
          if (!need(5)) return 'more';
          return { used: 5, events: [{ kind: 'drawer-kick', pin: (at(2) & 1) === 0 ? 2 : 5, onMs: at(3) * 2, offMs: at(4) * 2 }] };
        case 0x2a: {
          if (!need(5)) return 'more';
          const n = at(3) | (at(4) << 8);
          const len = at(2) >= 32 ? 3 * n : n;
          if (!need(5 + len)) return 'more';
          return { used: 5 + len, events: [{ kind: 'unknown', bytes: Buffer.from(b.subarray(i, i + 5)) }] };
        }
        default:
          if (ESC_ONE_PARAM.has(k)) return need(3) ? { used: 3, events: [] } : 'more';
          return { used: 2, events: [{ kind: 'unknown', bytes: Buffer.from(b.subarray(i, i + 2)) }] };
      }
    }
    if (c === 0x1d) {
      if (!need(2)) return 'more';
      const k = at(1);
      switch (k) {
        case 0x21:
          if (!need(3)) return 'more';
          this.width = (at(2) >> 4) >= 1 ? 2 : 1;
          this.height = (at(2) & 0x0f) >= 1 ? 2 : 1;
          return { used: 3, events: [] };
        case 0x56: {
          if (!need(3)) return 'more';
          const m = at(2);
          const used = m === 65 || m === 66 ? 4 : 3;
          if (!need(used)) return 'more';
          return { used, events: [...this.endLine(false), { kind: 'cut' }] };
        }
        case 0x76: {
          if (!need(8)) return 'more';
          if (at(2) !== 0x30) return { used: 3, events: [{ kind: 'unknown', bytes: Buffer.from(b.subarray(i, i + 3)) }] };
          const bpr = at(4) | (at(5) << 8);
          const rows = at(6) | (at(7) << 8);
          const len = bpr * rows;
          if (!need(8 + len)) return 'more';
          const image: MonoImage = { width: bpr * 8, height: rows, data: new Uint8Array(b.subarray(i + 8, i + 8 + len)) };
          return { used: 8 + len, events: [...this.endLine(false), { kind: 'image', image }] };
        }
        case 0x28: {
          if (!need(5)) return 'more';
          const len = at(3) | (at(4) << 8);
          if (!need(5 + len)) return 'more';
          const body = b.subarray(i + 5, i + 5 + len);
          return { used: 5 + len, events: at(2) === 0x6b ? this.twoD(body) : [] };
        }
        case 0x6b: {
          if (!need(3)) return 'more';
          const m = at(2);
          if (m <= 6) {
            const end = b.indexOf(0, i + 3);
            if (end < 0) return 'more';
            return { used: end + 1 - i, events: [...this.endLine(false), { kind: 'barcode', system: m, data: b.subarray(i + 3, end).toString('latin1') }] };
          }
          if (!need(4)) return 'more';
          const n = at(3);
          if (!need(4 + n)) return 'more';
          return { used: 4 + n, events: [...this.endLine(false), { kind: 'barcode', system: m, data: b.subarray(i + 4, i + 4 + n).toString('latin1') }] };
        }
        default:
          if (GS_ONE_PARAM.has(k)) return need(3) ? { used: 3, events: [] } : 'more';
          if (GS_TWO_PARAM.has(k)) return need(4) ? { used: 4, events: [] } : 'more';
          return { used: 2, events: [{ kind: 'unknown', bytes: Buffer.from(b.subarray(i, i + 2)) }] };
      }
    }
    if (c === 0x1c) {
      if (!need(2)) return 'more';
      switch (at(1)) {
        case 0x26:
          this.chinese = true;
          return { used: 2, events: [] };
        case 0x2e:
          this.chinese = false;
          return { used: 2, events: [] };
        case 0x21:
        case 0x2d:
        case 0x43:
        case 0x57:
          return need(3) ? { used: 3, events: [] } : 'more';
        case 0x53:
          return need(4) ? { used: 4, events: [] } : 'more';
        default:
          return { used: 2, events: [{ kind: 'unknown', bytes: Buffer.from(b.subarray(i, i + 2)) }] };
      }
    }
    if (c === 0x10) {
      if (!need(2)) return 'more';
      if (at(1) === 0x04 || at(1) === 0x05) {
        if (!need(3)) return 'more';
        return { used: 3, events: at(1) === 0x04 ? [{ kind: 'status-query', n: at(2) }] : [] };
      }
      if (at(1) === 0x14) {
        if (!need(5)) return 'more';
        // DLE DC4 1 m t: the real-time drawer pulse, t × 100 ms.
        const ev: DecodedEvent[] = at(2) === 1 ? [{ kind: 'drawer-kick', pin: (at(3) & 1) === 0 ? 2 : 5, onMs: at(4) * 100, offMs: at(4) * 100 }] : [];
        return { used: 5, events: ev };
      }
      return { used: 1, events: [{ kind: 'unknown', bytes: Buffer.from([c]) }] };
    }
    if (c < 0x20 || c === 0x7f) return one([{ kind: 'unknown', bytes: Buffer.from([c]) }]);
    this.text(c);
    return one();
  }

  private text(byte: number): void {
    if (this.line.length === 0) this.lineStyle = { align: this.align, bold: this.bold, width: this.width, height: this.height };
    this.line.push(byte);
  }

  /** GS ( k body: cn fn params. Only QR (cn 49) is read: store (fn 80) then print (fn 81). */
  private twoD(body: Buffer): DecodedEvent[] {
    if (body[0] !== 0x31) return [];
    switch (body[1]) {
      case 0x43:
        this.qrModule = body[2] ?? this.qrModule;
        return [];
      case 0x50:
        this.qrData = Buffer.from(body.subarray(3));
        return [];
      case 0x51: {
        if (!this.qrData) return [];
        const data = this.qrData.toString('utf8');
        return [...this.endLine(false), { kind: 'qr', data, moduleDots: this.qrModule }];
      }
      default:
        return [];
    }
  }
}

/** The receipts in a run of paper items, split at each cut. */
export interface DecodedReceipt {
  items: PaperItem[];
  lines: string[];
  images: MonoImage[];
  qrs: string[];
}

/**
 * Paper items as a person would see them: raster bands printed one under the other with
 * nothing between are one picture (escpos.ts sends a tall image as several bands).
 */
export function mergeBands(items: readonly PaperItem[]): PaperItem[] {
  const out: PaperItem[] = [];
  for (const it of items) {
    const prev = out[out.length - 1];
    if (it.kind === 'image' && prev?.kind === 'image' && prev.image.width === it.image.width) {
      const data = new Uint8Array(prev.image.data.length + it.image.data.length);
      data.set(prev.image.data);
      data.set(it.image.data, prev.image.data.length);
      out[out.length - 1] = { kind: 'image', image: { width: it.image.width, height: prev.image.height + it.image.height, data } };
    } else out.push(it);
  }
  return out;
}

export function splitReceipts(items: readonly PaperItem[]): DecodedReceipt[] {
  const receipts: DecodedReceipt[] = [];
  let cur: PaperItem[] = [];
  const close = (): void => {
    const merged = mergeBands(cur);
    receipts.push({
      items: merged,
      lines: merged.flatMap((x) => (x.kind === 'text' ? [x.text] : [])),
      images: merged.flatMap((x) => (x.kind === 'image' ? [x.image] : [])),
      qrs: merged.flatMap((x) => (x.kind === 'qr' ? [x.data] : [])),
    });
    cur = [];
  };
  for (const it of items) {
    if (it.kind === 'cut') close();
    else cur.push(it);
  }
  if (cur.some((x) => x.kind !== 'feed')) close();
  return receipts;
}

/** Whole decode of a finished byte stream (unit tests, print preview). */
export function decodeEscPos(bytes: Buffer, options?: { chineseByDefault?: boolean }): { items: PaperItem[]; events: DecodedEvent[] } {
  const events = new EscPosDecoder(options).push(bytes);
  const items = events.filter((e): e is PaperItem => ['text', 'image', 'qr', 'barcode', 'feed', 'cut'].includes(e.kind));
  return { items, events };
}
