// The few ESC/POS commands a receipt needs (Epson ESC/POS command reference; the same
// subset is what Xprinter, Gprinter and other Chinese-firmware printers implement), and
// the layout of a PrintDocument into them for one paper width.
import iconv from 'iconv-lite';
import { paperGeometry, type Align, type PaperGeometry, type PaperWidth, type PrintBlock, type PrintDocument } from './printDocument.js';
import { bytesPerRow, placeImage, shrinkToWidth, type MonoImage } from './raster.js';
import { charColumns, pairLines, padTo, printableText, wrapText } from './textWidth.js';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

/**
 * Rows per GS v 0 command. A tall image is sent as bands: several clone firmwares
 * mishandle yH > 0 or overrun their receive buffer on one large raster.
 */
export const RASTER_BAND_ROWS = 255;
/** Lines fed before the cut: the cutter sits about this far above the print head. */
export const FEED_BEFORE_CUT_LINES = 4;
/** QR payloads longer than this are refused (model 2, level M holds 2331 bytes; a receipt QR is a short reference). */
export const MAX_QR_BYTES = 500;

const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };

export const escpos = {
  /** ESC @: clears the print buffer and modes left over from a previous, maybe interrupted, job. */
  init: (): Buffer => Buffer.from([ESC, 0x40]),
  /** FS &: Chinese (Kanji) mode, so GB18030 multi-byte sequences print as Hanzi. */
  chineseOn: (): Buffer => Buffer.from([FS, 0x26]),
  chineseOff: (): Buffer => Buffer.from([FS, 0x2e]),
  align: (a: Align): Buffer => Buffer.from([ESC, 0x61, ALIGN_CODE[a]]),
  bold: (on: boolean): Buffer => Buffer.from([ESC, 0x45, on ? 1 : 0]),
  /** GS !: width multiplier in the high nibble, height in the low one (each minus one). */
  size: (width: 1 | 2, height: 1 | 2): Buffer => Buffer.from([GS, 0x21, ((width - 1) << 4) | (height - 1)]),
  feed: (lines: number): Buffer => Buffer.from([ESC, 0x64, Math.max(0, Math.min(255, Math.floor(lines)))]),
  /** GS V 1: partial cut, leaving a tab so the receipt does not fall on the floor. */
  cut: (): Buffer => Buffer.from([GS, 0x56, 0x01]),
  /**
   * ESC p m t1 t2: a pulse on the drawer connector (pin 2 by default) for t1×2 ms, then
   * t2×2 ms off. 50 ms on / 500 ms off is what drawer solenoids are specified for.
   */
  drawerKick: (pin: 2 | 5 = 2, onMs = 50, offMs = 500): Buffer =>
    Buffer.from([ESC, 0x70, pin === 2 ? 0 : 1, Math.min(255, Math.round(onMs / 2)), Math.min(255, Math.round(offMs / 2))]),
  /** DLE EOT n: real-time status; the printer answers one byte even while offline. */
  statusQuery: (n: 1 | 2 | 3 | 4): Buffer => Buffer.from([DLE, EOT, n]),
  text: (s: string): Buffer => iconv.encode(printableText(s), 'gb18030'),
  raster(img: MonoImage): Buffer {
    const parts: Buffer[] = [];
    const bpr = bytesPerRow(img.width);
    for (let y = 0; y < img.height; y += RASTER_BAND_ROWS) {
      const rows = Math.min(RASTER_BAND_ROWS, img.height - y);
      parts.push(Buffer.from([GS, 0x76, 0x30, 0, bpr & 0xff, bpr >> 8, rows & 0xff, rows >> 8]));
      parts.push(Buffer.from(img.data.subarray(y * bpr, (y + rows) * bpr)));
    }
    return Buffer.concat(parts);
  },
  /** GS ( k, functions 165/167/169/180/181: model 2, module size, error level M, store, print. */
  qr(data: string, moduleDots = 6): Buffer {
    const bytes = Buffer.from(data, 'utf8');
    if (bytes.length === 0 || bytes.length > MAX_QR_BYTES) throw new RangeError(`QR data must be 1..${MAX_QR_BYTES} bytes, got ${bytes.length}`);
    const storeLen = bytes.length + 3;
    return Buffer.concat([
      Buffer.from([GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0]),
      Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, Math.max(1, Math.min(16, moduleDots))]),
      Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31]),
      Buffer.from([GS, 0x28, 0x6b, storeLen & 0xff, storeLen >> 8, 0x31, 0x50, 0x30]),
      bytes,
      Buffer.from([GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]),
    ]);
  },
};

/** Cuts a string to at most `columns` printed columns without splitting a wide character. */
export function truncateTo(s: string, columns: number): string {
  let out = '';
  let w = 0;
  for (const ch of printableText(s)) {
    const cw = charColumns(ch);
    if (w + cw > columns) break;
    out += ch;
    w += cw;
  }
  return out;
}

interface Style {
  align: Align;
  bold: boolean;
  width: 1 | 2;
  height: 1 | 2;
}

/** Lays a document out for one paper and returns the bytes to send. */
export function renderEscPos(doc: PrintDocument, paper: PaperWidth | PaperGeometry): Buffer {
  const geo = typeof paper === 'number' ? paperGeometry(paper) : paper;
  const out: Buffer[] = [escpos.init(), escpos.chineseOn()];
  // After ESC @ the printer is left-aligned, not bold, normal size.
  const cur: Style = { align: 'left', bold: false, width: 1, height: 1 };
  const style = (s: Style): void => {
    if (s.align !== cur.align) out.push(escpos.align(s.align));
    if (s.bold !== cur.bold) out.push(escpos.bold(s.bold));
    if (s.width !== cur.width || s.height !== cur.height) out.push(escpos.size(s.width, s.height));
    Object.assign(cur, s);
  };
  const line = (s: string): void => {
    out.push(escpos.text(s), Buffer.from([LF]));
  };
  const plain = (bold = false): Style => ({ align: 'left', bold, width: 1, height: 1 });

  for (const block of doc.blocks) renderBlock(block);
  if (doc.cut !== false) out.push(escpos.feed(FEED_BEFORE_CUT_LINES), escpos.cut());
  return Buffer.concat(out);

  function renderBlock(b: PrintBlock): void {
    switch (b.kind) {
      case 'text': {
        const width = b.width ?? 1;
        style({ align: b.align ?? 'left', bold: b.bold ?? false, width, height: b.height ?? 1 });
        for (const l of wrapText(b.text, Math.floor(geo.columns / width))) line(l);
        return;
      }
      case 'pair':
        style(plain(b.bold));
        for (const l of pairLines(b.left, b.right, geo.columns)) line(l);
        return;
      case 'row': {
        style(plain(b.bold));
        const total = b.cells.reduce((n, c) => n + Math.max(0, c.weight), 0) || 1;
        let used = 0;
        let text = '';
        b.cells.forEach((c, i) => {
          const w = i === b.cells.length - 1 ? geo.columns - used : Math.floor((geo.columns * Math.max(0, c.weight)) / total);
          used += w;
          text += padTo(truncateTo(c.text, w), w, c.align ?? 'left');
        });
        line(text.replace(/ +$/, ''));
        return;
      }
      case 'rule':
        style(plain());
        line((b.char ?? '-').repeat(geo.columns));
        return;
      case 'feed':
        if (b.lines > 0) out.push(escpos.feed(b.lines));
        return;
      case 'image':
        if (b.image.width === 0 || b.image.height === 0) return;
        style(plain());
        out.push(escpos.raster(placeImage(shrinkToWidth(b.image, geo.dots), geo.dots, b.align ?? 'center')));
        return;
      case 'qr':
        style({ align: b.align ?? 'center', bold: false, width: 1, height: 1 });
        out.push(escpos.qr(b.data, b.moduleDots), Buffer.from([LF]));
        return;
    }
  }
}
