import { describe, expect, it } from 'vitest';
import { RESPONSE_CODES, responseOutcome } from '../../../electron/host/responseCodes.js';

// host-protocol §6, every code of the table with the action it names.
const SPEC: Array<[string[], string]> = [
  [['00'], 'complete'],
  [['10', '11', 'A2', 'A4', 'A5', 'A6'], 'complete-with-notice'],
  [['01', '02', '03', '97', '05', '12', '13', '14', '30', '51', '54', '57', '58', '59', '61', '62', '64', '65', '75', '04', '07', '34', '35', '41', '43', '67', '22', '25', '94'], 'decline'],
  [['55'], 'reenter-pin'],
  [['68', '98'], 'reverse'],
  [['77'], 'sign-in-retry'],
  [['90', '91', '92', '96'], 'retry-later'],
  [['99', 'A0', 'A7'], 'sign-in'],
];

describe('response codes (host-protocol §6)', () => {
  it.each(SPEC.flatMap(([codes, action]) => codes.map((c) => [c, action])))('%s -> %s, with Chinese and English words', (code, action) => {
    const o = responseOutcome(code);
    expect(o.known).toBe(true);
    expect(o.action).toBe(action);
    expect(o.approved).toBe(action === 'complete' || action === 'complete-with-notice');
    expect(o.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(o.en.length).toBeGreaterThan(5);
    expect(o.zh).not.toBe(o.en);
  });

  it('the table holds exactly the codes of §6 plus the QR profile Q1', () => {
    expect([...RESPONSE_CODES.keys()].sort()).toEqual([...SPEC.flatMap(([c]) => c), 'Q1'].sort());
    expect(responseOutcome('Q1').action).toBe('query');
  });

  it('asks for a reversal on 68, 98 and A0 only', () => {
    expect([...RESPONSE_CODES.values()].filter((o) => o.reverse).map((o) => o.code).sort()).toEqual(['68', '98', 'A0']);
  });

  it('gives an unknown code a generic decline that still names it', () => {
    const o = responseOutcome('X7');
    expect(o).toMatchObject({ code: 'X7', approved: false, action: 'decline', known: false });
    expect(o.zh).toContain('X7');
    expect(o.en).toContain('X7');
  });
});
