// What a receipt says, independent of the printer: a short list of blocks that
// escpos.ts lays out for 58 or 80 mm paper. A failed job keeps its document, so a
// retry (or a retry on another printer of another width) prints the same receipt.
import type { MonoImage } from './raster.js';

export type Align = 'left' | 'center' | 'right';
export type PaperWidth = 58 | 80;

export interface TextStyle {
  align?: Align;
  bold?: boolean;
  /** Character width multiplier (GS !): 2 halves the columns a line holds. */
  width?: 1 | 2;
  /** Character height multiplier (GS !). */
  height?: 1 | 2;
}

export type PrintBlock =
  /** Wrapped to the paper; `\n` starts a new line. */
  | ({ kind: 'text'; text: string } & TextStyle)
  /** A label at the left and a value at the right of one line (value on its own line when both do not fit). */
  | { kind: 'pair'; left: string; right: string; bold?: boolean }
  /** Cells laid out by relative widths (a settlement table); each cell cut or padded to its share. */
  | { kind: 'row'; cells: Array<{ text: string; weight: number; align?: Align }>; bold?: boolean }
  | { kind: 'rule'; char?: '-' | '=' | '*' }
  | { kind: 'feed'; lines: number }
  | { kind: 'image'; image: MonoImage; align?: Align }
  /** Printed by the printer's own QR engine (GS ( k, model 2). */
  | { kind: 'qr'; data: string; moduleDots?: number; align?: Align };

export interface PrintDocument {
  /** For the job list and logs ("签购单 000123"); never printed. Never card data. */
  title: string;
  blocks: PrintBlock[];
  /** Cut after the last block (default true). */
  cut?: boolean;
}

export interface PaperGeometry {
  /** Font A columns (12-dot characters). */
  columns: number;
  /** Printable dots across (8 dots/mm). */
  dots: number;
}

/** 58 mm rolls print 48 mm (384 dots, 32 columns); 80 mm rolls print 72 mm (576 dots, 48 columns). */
export function paperGeometry(width: PaperWidth): PaperGeometry {
  switch (width) {
    case 58:
      return { columns: 32, dots: 384 };
    case 80:
      return { columns: 48, dots: 576 };
  }
}
