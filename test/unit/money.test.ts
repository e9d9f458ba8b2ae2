import { describe, expect, it } from 'vitest';
import { yuan } from '../../electron/money.js';

describe('yuan text from integer fen', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [1234, '12.34'],
    [100_000_000_001, '1000000000.01'],
    [-90, '-0.90'],
  ])('%i fen → ¥%s', (fen, text) => {
    expect(yuan(fen)).toBe(text);
  });
});
