import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SCAN_LENGTH, ScanDecoder, type ScanSuffix } from '../../../native/scanner/scanDecoder.js';

const SUFFIX_BYTES: Record<Exclude<ScanSuffix, 'none'>, string> = { CR: '\r', LF: '\n', CRLF: '\r\n', TAB: '\t' };
const scans = (d: ScanDecoder, s: string | Buffer) => d.push(Buffer.isBuffer(s) ? s : Buffer.from(s, 'latin1')).filter((e) => e.type === 'scan').map((e) => e.code);

describe('ScanDecoder', () => {
  for (const [suffix, end] of Object.entries(SUFFIX_BYTES) as Array<[Exclude<ScanSuffix, 'none'>, string]>) {
    it(`${suffix}: each code ends at its suffix, even when split across chunks`, () => {
      const d = new ScanDecoder(suffix);
      expect(scans(d, `6901234567892${end}2088${end}`)).toEqual(['6901234567892', '2088']);
      expect(scans(d, '69012')).toEqual([]);
      expect(d.partial).toBe(true);
      expect(scans(d, `34567892${end}`)).toEqual(['6901234567892']);
      expect(d.partial).toBe(false);
    });
  }

  it('CRLF split between chunks is one suffix, not an empty code or a bad byte', () => {
    const d = new ScanDecoder('CRLF');
    expect(d.push(Buffer.from('123\r'))).toEqual([{ type: 'scan', code: '123' }]);
    expect(d.push(Buffer.from('\n456\r\n'))).toEqual([{ type: 'scan', code: '456' }]);
  });

  it('a scanner sending CRLF while set to CR or LF still scans', () => {
    expect(scans(new ScanDecoder('CR'), 'A1\r\nB2\r\n')).toEqual(['A1', 'B2']);
    expect(scans(new ScanDecoder('LF'), 'A1\r\nB2\r\n')).toEqual(['A1', 'B2']);
  });

  it('none: the idle gap ends the code', () => {
    const d = new ScanDecoder('none');
    expect(scans(d, '2834567890123')).toEqual([]);
    expect(d.idle()).toEqual([{ type: 'scan', code: '2834567890123' }]);
    expect(d.idle()).toEqual([]);
  });

  it('rejects control bytes, non-ASCII and over-long codes without passing half a code on', () => {
    const d = new ScanDecoder('CR');
    expect(d.push(Buffer.from('12\x0034\r'))).toEqual([{ type: 'reject', code: '1234', reason: 'control-byte' }]);
    expect(d.push(Buffer.from([0x31, 0xff, 0x32, 0x0d]))).toEqual([{ type: 'reject', code: '12', reason: 'not-ascii' }]);
    expect(d.push(Buffer.from('9'.repeat(MAX_SCAN_LENGTH + 1) + '\r'))[0]).toMatchObject({ type: 'reject', reason: 'too-long' });
    // The next good code is unaffected.
    expect(scans(d, '6901234567892\r')).toEqual(['6901234567892']);
  });

  it('a code cut off without its suffix is dropped at the idle timeout, not scanned', () => {
    const d = new ScanDecoder('TAB');
    d.push(Buffer.from('69012'));
    expect(d.idle()).toEqual([{ type: 'reject', code: '69012', reason: 'no-suffix' }]);
    expect(scans(d, '42\t')).toEqual(['42']);
  });

  it('an empty line (a stray suffix) is not a scan', () => {
    expect(new ScanDecoder('CR').push(Buffer.from('\r\r  \r'))).toEqual([]);
  });

  it('property: any bytes in any chunks never throw; every scan is printable ASCII, trimmed, at most 64 long', () => {
    fc.assert(
      fc.property(fc.constantFrom<ScanSuffix>('CR', 'LF', 'CRLF', 'TAB', 'none'), fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 20 }), (suffix, chunks) => {
        const d = new ScanDecoder(suffix);
        const events = chunks.flatMap((c) => d.push(c)).concat(d.idle());
        for (const e of events) {
          if (e.type !== 'scan') continue;
          expect(e.code).toMatch(/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/);
          expect(e.code.length).toBeLessThanOrEqual(MAX_SCAN_LENGTH);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('property: good codes with their suffix come out exactly, however the bytes are chunked', () => {
    const code = fc.stringMatching(/^[0-9A-Za-z]{1,30}$/);
    fc.assert(
      fc.property(fc.constantFrom<Exclude<ScanSuffix, 'none'>>('CR', 'LF', 'CRLF', 'TAB'), fc.array(code, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 7 }), (suffix, codes, size) => {
        const bytes = Buffer.from(codes.map((c) => c + SUFFIX_BYTES[suffix]).join(''), 'latin1');
        const d = new ScanDecoder(suffix);
        const got: string[] = [];
        for (let i = 0; i < bytes.length; i += size) got.push(...scans(d, bytes.subarray(i, i + size)));
        expect(got).toEqual(codes);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('ScanDecoder tolerance stays narrow', () => {
  it('set to LF, a CR inside a code is a bad byte, not skipped', () => {
    expect(new ScanDecoder('LF').push(Buffer.from('12\r34\n'))).toEqual([{ type: 'reject', code: '1234', reason: 'control-byte' }]);
  });
});
