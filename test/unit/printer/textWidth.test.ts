import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairLines, printableText, printWidth, wrapText } from '../../../native/printer/textWidth.js';

describe('printed width: one column per byte-sized character, two per Hanzi', () => {
  it('counts ASCII as 1 and Chinese, full-width and GBK symbols as 2', () => {
    expect(printWidth('AMOUNT')).toBe(6);
    expect(printWidth('商户名称')).toBe(8);
    expect(printWidth('金额(AMOUNT):')).toBe(4 + 9);
    expect(printWidth('¥12.34')).toBe(2 + 5); // printed as the full-width ￥ the printer font has
    expect(printWidth('·')).toBe(2);
  });

  it('turns control characters into spaces, so text cannot smuggle in a command', () => {
    expect(printableText('A\x1b@B\x1dV\x01C\n')).toBe('A @B V C ');
    expect(printableText('¥1')).toBe('￥1');
  });
});

describe('wrapText', () => {
  it('keeps ASCII words whole and never splits a Hanzi', () => {
    expect(wrapText('I ACKNOWLEDGE SATISFACTORY RECEIPT', 16)).toEqual(['I ACKNOWLEDGE', 'SATISFACTORY', 'RECEIPT']);
    // 15 columns hold 7 Hanzi (14): the 15th column stays empty rather than split a character.
    expect(wrapText('本人确认以上交易同意将其记入本卡账户', 15)).toEqual(['本人确认以上交', '易同意将其记入', '本卡账户']);
    for (const line of wrapText('本人确认以上交易同意将其记入本卡账户', 15)) expect(printWidth(line)).toBeLessThanOrEqual(15);
    expect(wrapText('商户A商户', 4)).toEqual(['商户', 'A商', '户']);
  });

  it('splits a word longer than the line', () => {
    expect(wrapText('ABCDEFGHIJ', 4)).toEqual(['ABCD', 'EFGH', 'IJ']);
  });

  it('property: every line fits, and no printable character is lost or reordered', () => {
    const ch = fc.constantFrom('a', 'B', '7', ' ', '商', '户', '￥', '.', '-', '签');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 120 }).map((a) => a.join('')), fc.integer({ min: 2, max: 48 }), (text, cols) => {
        const lines = wrapText(text, cols);
        for (const l of lines) expect(printWidth(l)).toBeLessThanOrEqual(cols);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('pairLines', () => {
  it('puts label and value on one line when they fit, right-aligned', () => {
    const [line] = pairLines('批次号(BATCH NO.):', '000001', 32);
    expect(line).toMatch(/^批次号\(BATCH NO\.\): +000001$/);
    expect(printWidth(line!)).toBe(32);
  });

  it('moves the value to its own right-aligned line when both do not fit', () => {
    const lines = pairLines('商户编号(MERCHANT NO.):', '898110054119999', 32);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.trimStart()).toBe('898110054119999');
    expect(printWidth(lines[1]!)).toBe(32);
  });
});
