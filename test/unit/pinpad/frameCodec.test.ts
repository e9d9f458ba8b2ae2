import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, FrameDecoder, lrc, PinpadFrameError, body, FS, type DecodedItem, type Frame } from '../../../native/pinpad/frameCodec.js';
import {
  cancelFrame,
  displayFrame,
  macFrame,
  pinRequestFrame,
  probeFrame,
  resetFrame,
  selectMasterKeyFrame,
} from '../../../native/pinpad/requests.js';
import { macReplyFrame, parseMacReply, parsePinReply, pinReplyFrame } from '../../../native/pinpad/replies.js';

/** Wire bytes as the spec prints them: quoted ASCII and single hex bytes. */
const bytes = (...parts: Array<string | number>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'number' ? Buffer.from([p]) : Buffer.from(p, 'latin1'))));
const hexBytes = (s: string): Buffer => Buffer.from(s.replace(/ /g, ''), 'hex');

// pinpad-protocol §2 and §3, the worked frames exactly as printed.
const WORKED: Array<{ name: string; frame: Frame; wire: Buffer }> = [
  { name: 'Z1', frame: resetFrame(), wire: hexBytes('02 5A 31 03 68') },
  { name: '72 cancel (LRC 06 = ACK)', frame: cancelFrame(), wire: hexBytes('02 37 32 03 06') },
  { name: 'Z2 "HELLO"', frame: displayFrame('HELLO', false), wire: hexBytes('02 5A 32 48 45 4C 4C 4F 03 29') },
  { name: '08 slot 0', frame: selectMasterKeyFrame(0), wire: hexBytes('0F 30 38 30 0E 36') },
  { name: 'Z60 request', frame: pinRequestFrame('4012345678909', { encryptedKey: '12C626AF058B433B' }), wire: bytes(0x02, 'Z60.4012345678909', FS, '12C626AF058B433B', 0x03, 0x2d) },
  { name: '71 response', frame: pinReplyFrame(4, hexBytes('1686BF18727696A6')), wire: bytes(0x02, '71.0', '04', '01', '1686BF18727696A6', 0x03, 0x66) },
  { name: 'X0 request', frame: probeFrame(), wire: hexBytes('0F 58 30 0E 66') },
  {
    name: 'X4 mode E',
    frame: macFrame('E', { masterSlot: 1, encryptedKey: '9B3A7B883A100F73B4ABA2BB791C50E7' }, hexBytes('0123456789ABCDEF0011223344556677')),
    wire: bytes(0x02, 'X4E1', FS, '9B3A7B883A100F73B4ABA2BB791C50E7', FS, '0123456789ABCDEF0011223344556677', 0x03, 0x6d),
  },
  { name: 'X5 reply (mode E)', frame: macReplyFrame('0', '48185F94'), wire: bytes(0x02, 'X50', '48185F94', 0x03, 0x25) },
  {
    name: 'X4 mode B',
    frame: macFrame('B', { masterSlot: 1, encryptedKey: '9B3A7B883A100F73B4ABA2BB791C50E7' }, hexBytes('01326754CDFEAB98')),
    wire: bytes(0x02, 'X4B1', FS, '9B3A7B883A100F73B4ABA2BB791C50E7', FS, '01326754CDFEAB98', 0x03, 0x6a),
  },
  { name: 'X5 reply (mode B)', frame: macReplyFrame('0', '1D39D8B97AF36725'), wire: bytes(0x02, 'X50', '1D39D8B97AF36725', 0x03, 0x23) },
];

/** A Z2 frame whose LRC is `target`: the text's last character is chosen to make it so. */
function z2WithLrc(target: number): Buffer {
  for (let c = 0x20; c < 0x7f; c++) {
    const f: Frame = { kind: 'transaction', body: body('Z2', 'PAY', String.fromCharCode(c)) };
    const wire = encodeFrame(f);
    if (wire[wire.length - 1] === target) return wire;
  }
  throw new Error(`no printable Z2 with LRC ${target}`);
}

describe('frame codec: the worked frames of pinpad-protocol §2 and §3', () => {
  it.each(WORKED)('$name encodes to the printed bytes and decodes back', ({ frame, wire }) => {
    expect(encodeFrame(frame).toString('hex')).toBe(wire.toString('hex'));
    expect(decodeFrame(wire)).toEqual(frame);
    expect(lrc(wire.subarray(1, wire.length - 1))).toBe(wire[wire.length - 1]);
  });

  it('the stream decoder finds every worked frame in one run of bytes, with handshake bytes between', () => {
    const stream = Buffer.concat(WORKED.flatMap((w) => [w.wire, Buffer.from([0x06])]));
    const items = new FrameDecoder().push(stream);
    expect(items.filter((i) => i.type === 'frame').map((i) => (i as Extract<DecodedItem, { type: 'frame' }>).frame)).toEqual(WORKED.map((w) => w.frame));
    expect(items.filter((i) => i.type === 'control')).toHaveLength(WORKED.length);
  });

  it('the cancel frame\'s LRC 06 is its LRC, not an ACK, even when it arrives alone', () => {
    const d = new FrameDecoder();
    expect(d.push(hexBytes('02 37 32 03'))).toEqual([]);
    const items = d.push(hexBytes('06'));
    expect(items).toEqual([{ type: 'frame', frame: cancelFrame(), raw: hexBytes('02 37 32 03 06') }]);
    expect(d.push(hexBytes('06'))).toEqual([{ type: 'control', byte: 'ACK', raw: hexBytes('06') }]);
  });

  it.each([
    ['ETX', 0x03],
    ['STX', 0x02],
    ['SI', 0x0f],
    ['EOT', 0x04],
    ['NAK', 0x15],
  ])('a frame whose LRC equals %s is decoded whole, byte by byte', (_name, target) => {
    const wire = z2WithLrc(target);
    const d = new FrameDecoder();
    const items: DecodedItem[] = [];
    for (const b of wire) items.push(...d.push(Buffer.from([b])));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: 'frame', raw: wire });
    expect(d.pending).toBe(0);
  });

  it('parses the worked replies', () => {
    expect(parsePinReply(WORKED[5]!.frame)).toEqual({ ok: true, pinLength: 4, pinBlock: hexBytes('1686BF18727696A6') });
    expect(parseMacReply(WORKED[8]!.frame)).toEqual({ status: '0', result: '48185F94' });
  });
});

describe('frame codec: what is not a frame', () => {
  it('a wrong LRC is a bad frame (answered with NAK), and the stream goes on', () => {
    const bad = hexBytes('02 5A 31 03 69');
    const items = new FrameDecoder().push(Buffer.concat([bad, hexBytes('02 5A 31 03 68')]));
    expect(items.map((i) => i.type)).toEqual(['bad-frame', 'frame']);
    expect(() => decodeFrame(bad)).toThrow(PinpadFrameError);
  });

  it('stray bytes outside a frame are noise; lone ACK/NAK/EOT are handshake bytes', () => {
    const items = new FrameDecoder().push(Buffer.from([0x41, 0x00, 0x06, 0xff, 0x15, 0x04, 0x1c]));
    expect(items.map((i) => (i.type === 'control' ? i.byte : i.type))).toEqual(['noise', 'ACK', 'noise', 'NAK', 'EOT', 'noise']);
  });

  it('a new STX inside a frame restarts it; a frame left half-sent is flushed as noise', () => {
    const d = new FrameDecoder();
    const items = d.push(Buffer.concat([hexBytes('02 5A 32 41'), hexBytes('02 5A 31 03 68'), hexBytes('0F 30 38')]));
    expect(items.map((i) => i.type)).toEqual(['noise', 'frame']);
    expect(d.pending).toBe(3);
    expect(d.flush()).toEqual([{ type: 'noise', raw: hexBytes('0F 30 38'), reason: 'flushed' }]);
  });

  it('an endless frame is cut off as overflow instead of swallowing the line', () => {
    const d = new FrameDecoder();
    const items = d.push(Buffer.concat([Buffer.from([0x02]), Buffer.alloc(5000, 0x41), hexBytes('06')]));
    expect(items[0]).toMatchObject({ type: 'noise', reason: 'overflow' });
    expect(items.some((i) => i.type === 'control')).toBe(true);
  });

  it('refuses to encode a body that would end the frame early or is not 7-bit', () => {
    expect(() => encodeFrame({ kind: 'transaction', body: body('Z2', 0x03, 'X') })).toThrow(PinpadFrameError);
    expect(() => encodeFrame({ kind: 'admin', body: Buffer.from([0x30, 0x80]) })).toThrow(PinpadFrameError);
    expect(() => encodeFrame({ kind: 'admin', body: Buffer.alloc(0) })).toThrow(PinpadFrameError);
  });

  it('decodeFrame refuses anything but exactly one frame', () => {
    const wire = hexBytes('02 5A 31 03 68');
    expect(() => decodeFrame(Buffer.concat([wire, hexBytes('06')]))).toThrow(PinpadFrameError);
    expect(() => decodeFrame(wire.subarray(0, 4))).toThrow(PinpadFrameError);
    expect(() => decodeFrame(hexBytes('0F 5A 31 03 68'))).toThrow(PinpadFrameError);
  });
});
