import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escpos, renderEscPos, RASTER_BAND_ROWS } from '../../../native/printer/escpos.js';
import { decodeEscPos, EscPosDecoder, splitReceipts, type DecodedEvent, type TextLine } from '../../../native/printer/escposDecoder.js';
import { blankImage, getDot, inkCount, setDot } from '../../../native/printer/raster.js';
import { paperGeometry, type PrintDocument } from '../../../native/printer/printDocument.js';
import { printWidth, wrapText } from '../../../native/printer/textWidth.js';

const paper = (doc: PrintDocument, width: 58 | 80 = 58) => splitReceipts(decodeEscPos(renderEscPos(doc, width)).items);

describe('renderEscPos → decoder: what is on paper', () => {
  it('prints Chinese in GB18030 with Chinese mode on, and styles per line', () => {
    const bytes = renderEscPos(
      {
        title: 't',
        blocks: [
          { kind: 'text', text: 'POS签购单', align: 'center', bold: true, width: 2, height: 2 },
          { kind: 'text', text: '商户名称(MERCHANT NAME):' },
          { kind: 'pair', left: '金额', right: '¥12.34' },
        ],
      },
      58,
    );
    // ESC @ then FS & (Chinese mode) open every job; the GB18030 bytes of 商 are C9CC.
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x1b, 0x40, 0x1c, 0x26]));
    expect(bytes.includes(Buffer.from('c9cc', 'hex'))).toBe(true);
    const { items } = decodeEscPos(bytes);
    const lines = items.filter((i): i is TextLine => i.kind === 'text');
    expect(lines[0]).toMatchObject({ text: 'POS签购单', align: 'center', bold: true, width: 2, height: 2 });
    expect(lines[1]).toMatchObject({ text: '商户名称(MERCHANT NAME):', align: 'left', bold: false, width: 1, height: 1 });
    expect(lines[2]!.text).toMatch(/^金额 +￥12\.34$/);
    expect(printWidth(lines[2]!.text)).toBe(32);
    expect(items[items.length - 1]).toEqual({ kind: 'cut' });
  });

  it('double-width text wraps at half the columns', () => {
    const [r] = paper({ title: 't', blocks: [{ kind: 'text', text: '一二三四五六七八九十', width: 2 }] });
    // 32 columns at double width hold 16 single columns: 8 Hanzi.
    expect(r!.lines).toEqual(['一二三四五六七八', '九十']);
  });

  it('80 mm paper holds 48 columns', () => {
    const [r] = paper({ title: 't', blocks: [{ kind: 'rule' }, { kind: 'pair', left: 'A', right: 'B' }] }, 80);
    expect(r!.lines[0]).toBe('-'.repeat(48));
    expect(r!.lines[1]).toBe('A' + ' '.repeat(46) + 'B');
  });

  it('a table row gives each cell its share and cuts what does not fit', () => {
    const [r] = paper({ title: 't', blocks: [{ kind: 'row', cells: [{ text: '借记 DEBIT', weight: 5 }, { text: '3', weight: 2, align: 'right' }, { text: '¥156.34', weight: 5, align: 'right' }] }] });
    expect(r!.lines[0]).toMatch(/^借记 DEBIT +3 +￥156\.34$/);
    expect(printWidth(r!.lines[0]!)).toBe(32);
  });

  it('an image comes back dot for dot, placed in the paper width and sent in bands', () => {
    const img = blankImage(20, RASTER_BAND_ROWS + 10);
    for (let y = 0; y < img.height; y++) setDot(img, y % 20, y);
    const bytes = renderEscPos({ title: 't', blocks: [{ kind: 'image', image: img, align: 'left' }] }, 58);
    const bands = decodeEscPos(bytes).items.filter((i) => i.kind === 'image');
    expect(bands).toHaveLength(2);
    const [r] = splitReceipts(decodeEscPos(bytes).items);
    expect(r!.images).toHaveLength(1);
    const got = r!.images[0]!;
    expect(got.width).toBe(paperGeometry(58).dots);
    expect(got.height).toBe(img.height);
    expect(inkCount(got)).toBe(inkCount(img));
    for (let y = 0; y < img.height; y++) expect(getDot(got, y % 20, y)).toBe(true);
  });

  it('centres an image by placing it, and shrinks one wider than the paper', () => {
    const img = blankImage(800, 4);
    for (let x = 0; x < 800; x++) setDot(img, x, 0);
    const [r] = paper({ title: 't', blocks: [{ kind: 'image', image: img }] });
    const got = r!.images[0]!;
    expect(got.width).toBe(384);
    expect(inkCount(got)).toBeGreaterThan(0);
    const small = blankImage(8, 1);
    setDot(small, 0, 0);
    const [c] = paper({ title: 't', blocks: [{ kind: 'image', image: small, align: 'center' }] });
    expect(getDot(c!.images[0]!, (384 - 8) / 2, 0)).toBe(true);
  });

  it('a QR code is sent to the printer QR engine with its data', () => {
    const [r] = paper({ title: 't', blocks: [{ kind: 'qr', data: 'https://shop.example/r/000123', moduleDots: 5 }] });
    expect(r!.qrs).toEqual(['https://shop.example/r/000123']);
  });

  it('text holding command bytes prints as text: a merchant name cannot cut the paper or open the drawer', () => {
    const bytes = renderEscPos({ title: 't', blocks: [{ kind: 'text', text: 'EVIL\x1bp\x00\x19\xfa\x1dV\x01NAME' }], cut: false }, 58);
    const { events } = decodeEscPos(bytes);
    expect(events.some((e) => e.kind === 'drawer-kick' || e.kind === 'cut')).toBe(false);
    expect(events.filter((e): e is TextLine => e.kind === 'text').map((e) => e.text)).toEqual(['EVIL p  ú V NAME']);
  });

  it('drawer kick and status query bytes are the ESC/POS ones', () => {
    expect(escpos.drawerKick()).toEqual(Buffer.from([0x1b, 0x70, 0x00, 25, 250]));
    expect(escpos.statusQuery(4)).toEqual(Buffer.from([0x10, 0x04, 0x04]));
    expect(decodeEscPos(escpos.drawerKick()).events).toEqual([{ kind: 'drawer-kick', pin: 2, onMs: 50, offMs: 500 }]);
  });
});

describe('the decoder reads a stream in any chunking', () => {
  const doc: PrintDocument = {
    title: 't',
    blocks: [
      { kind: 'text', text: '商户名称 测试便利店', bold: true },
      { kind: 'image', image: (() => { const i = blankImage(64, 40); for (let k = 0; k < 40; k++) setDot(i, k, k); return i; })() },
      { kind: 'qr', data: 'Q-1' },
      { kind: 'pair', left: '金额', right: '¥0.01' },
    ],
  };

  it('property: split at random points, the events are the same as in one piece', () => {
    const bytes = renderEscPos(doc, 80);
    const whole = new EscPosDecoder().push(bytes);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 30 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const d = new EscPosDecoder();
        const events: DecodedEvent[] = [];
        let at = 0;
        for (const p of [...points, bytes.length]) {
          events.push(...d.push(bytes.subarray(at, p)));
          at = p;
        }
        expect(events).toEqual(whole);
        expect(d.waiting).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('property: random bytes never throw, and every wrapped line of random text comes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (junk) => {
        new EscPosDecoder().push(Buffer.from(junk));
      }),
      { numRuns: 2000 },
    );
    const ch = fc.constantFrom('a', 'Z', '9', ' ', '消', '费', '￥', '¥', '。', '(');
    fc.assert(
      fc.property(fc.array(ch, { minLength: 1, maxLength: 100 }).map((a) => a.join('')), fc.constantFrom(58 as const, 80 as const), (text, w) => {
        const [r] = paper({ title: 't', blocks: [{ kind: 'text', text }] }, w);
        expect(r!.lines).toEqual(wrapText(text, paperGeometry(w).columns).map((l) => l.replace(/¥/g, '￥')));
      }),
      { numRuns: 500 },
    );
  });
});
