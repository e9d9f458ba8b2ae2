import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, basisPointsOf, formatYuan, mulDivHalfUp, parseYuan } from '../../../electron/sales/fen.js';

describe('fen arithmetic', () => {
  it('rounds a percentage half-up: 5% of ¥0.10 is 0.5 fen → 1 fen; 5% of ¥0.09 is 0.45 fen → 0', () => {
    expect(basisPointsOf(10, 500)).toBe(1);
    expect(basisPointsOf(9, 500)).toBe(0);
    expect(basisPointsOf(1999, 1500)).toBe(300); // 299.85 → 300
    expect(basisPointsOf(1990, 1500)).toBe(299); // 298.5 → 299
  });

  it('stays exact far beyond 2^53 products', () => {
    expect(mulDivHalfUp(9_999_999_999, 9_999, 10_000)).toBe(9_998_999_999);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), fc.integer({ min: 0, max: 10_000 }), (a, bp) => {
        const exact = (BigInt(a) * BigInt(bp) * 2n + 10_000n) / 20_000n;
        expect(basisPointsOf(a, bp)).toBe(Number(exact));
      }),
    );
  });

  it('allocates exactly: the parts add up to the total and none exceeds its weight', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), (weights, f) => {
        const sum = weights.reduce((s, w) => s + w, 0);
        const total = Math.floor(sum * f);
        const parts = allocate(total, weights);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(sum === 0 ? 0 : total);
        parts.forEach((p, i) => {
          expect(Number.isInteger(p)).toBe(true);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(weights[i]!);
        });
      }),
    );
  });

  it('reads yuan text without floats and writes it back', () => {
    expect(parseYuan('12')).toBe(1200);
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan(' ¥1,234.07 ')).toBe(123407);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('1.005')).toBeNull();
    expect(parseYuan('-3')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
    fc.assert(fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (fen) => {
      expect(parseYuan(formatYuan(fen))).toBe(fen);
    }));
  });
});
