// The frame decoder's fuzz property, shared by the 10k-case unit test and the long
// fuzz run (test/fuzz/pinpad.fuzz.test.ts): style.md §12, as moov-io fuzzes its reader.
import fc from 'fast-check';
import { decodeFrame, encodeFrame, FrameDecoder, PinpadFrameError, type DecodedItem, type Frame } from '../../../native/pinpad/frameCodec.js';

const CONTROL = [0x02, 0x03, 0x04, 0x06, 0x0e, 0x0f, 0x15, 0x1a, 0x1c];

/** Bytes biased towards the protocol's own characters, so frames start and end often. */
const lineByte = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }) }, { weight: 2, arbitrary: fc.constantFrom(...CONTROL) }, { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) });

const randomStream = fc.array(lineByte, { maxLength: 300 }).map((a) => Buffer.from(a));

const bodyByte = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) }, { weight: 1, arbitrary: fc.constantFrom(0x1a, 0x1c, 0x04, 0x06, 0x15, 0x00) });
const validFrame: fc.Arbitrary<Frame> = fc.record({
  kind: fc.constantFrom('transaction' as const, 'admin' as const),
  body: fc.array(bodyByte, { minLength: 1, maxLength: 80 }).map((a) => Buffer.from(a)),
});

type Piece = { frame: Frame } | { control: number } | { noise: Buffer };
const piece: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 4, arbitrary: validFrame.map((frame) => ({ frame })) },
  { weight: 2, arbitrary: fc.constantFrom(0x04, 0x06, 0x15).map((control) => ({ control })) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0x20, max: 0xff }), { minLength: 1, maxLength: 8 }).map((a) => ({ noise: Buffer.from(a) })) },
);

type Mutation = { at: number; op: 'flip' | 'delete' | 'insert' | 'duplicate'; value: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({ at: fc.nat(), op: fc.constantFrom('flip' as const, 'delete' as const, 'insert' as const, 'duplicate' as const), value: lineByte });

function mutate(stream: Buffer, ms: Mutation[]): Buffer {
  const a = [...stream];
  for (const m of ms) {
    if (a.length === 0) {
      a.push(m.value);
      continue;
    }
    const i = m.at % a.length;
    switch (m.op) {
      case 'flip':
        a[i] = a[i]! ^ (m.value || 1);
        break;
      case 'delete':
        a.splice(i, 1);
        break;
      case 'insert':
        a.splice(i, 0, m.value);
        break;
      case 'duplicate':
        a.splice(i, 0, a[i]!);
        break;
    }
  }
  return Buffer.from(a);
}

function wire(pieces: Piece[]): Buffer {
  return Buffer.concat(pieces.map((p) => ('frame' in p ? encodeFrame(p.frame) : 'control' in p ? Buffer.from([p.control]) : p.noise)));
}

/** Valid frames, handshake bytes and noise, then a few mutations. */
const mutatedStream = fc.tuple(fc.array(piece, { maxLength: 12 }), fc.array(mutation, { maxLength: 4 })).map(([ps, ms]) => mutate(wire(ps), ms));

function decodeAll(stream: Buffer, cuts: number[]): DecodedItem[] {
  const d = new FrameDecoder();
  const items: DecodedItem[] = [];
  let from = 0;
  for (const c of [...new Set(cuts.map((x) => x % (stream.length + 1)))].sort((x, y) => x - y)) {
    items.push(...d.push(stream.subarray(from, c)));
    from = c;
  }
  items.push(...d.push(stream.subarray(from)), ...d.flush());
  return items;
}

const signature = (items: DecodedItem[]): string =>
  items
    .filter((i) => i.type !== 'noise')
    .map((i) => `${i.type}:${i.raw.toString('hex')}`)
    .join('|');

/**
 * For any bytes, fed whole or in any pieces:
 * - only PinpadFrameError is ever thrown (here: nothing from the stream decoder);
 * - every input byte ends up in exactly one item, in order (nothing lost, nothing made up);
 * - every frame found re-encodes to exactly its bytes, and decodeFrame agrees;
 * - where the stream is cut makes no difference to the frames and handshake bytes found.
 */
export function checkDecoder(stream: Buffer, cuts: number[]): void {
  let whole: DecodedItem[];
  let pieces: DecodedItem[];
  try {
    whole = decodeAll(stream, []);
    pieces = decodeAll(stream, cuts);
    try {
      decodeFrame(stream);
    } catch (e) {
      if (!(e instanceof PinpadFrameError)) throw e;
    }
  } catch (e) {
    throw new Error(`untyped error from the decoder: ${String(e)}`, { cause: e });
  }
  const joined = Buffer.concat(whole.map((i) => i.raw));
  if (!joined.equals(stream)) throw new Error('decoded items do not account for every input byte');
  if (!Buffer.concat(pieces.map((i) => i.raw)).equals(stream)) throw new Error('chunked decode loses or invents bytes');
  for (const i of whole) {
    if (i.type !== 'frame') continue;
    if (!encodeFrame(i.frame).equals(i.raw)) throw new Error('a decoded frame does not re-encode to its bytes');
    if (!decodeFrame(i.raw).body.equals(i.frame.body)) throw new Error('decodeFrame disagrees with the stream decoder');
  }
  if (signature(whole) !== signature(pieces)) throw new Error('decoding depends on where the stream is cut');
}

/** Unmutated streams of valid frames decode to exactly those frames. */
function checkCleanStream(pieces: Piece[]): void {
  const items = decodeAll(wire(pieces), []);
  const frames = items.filter((i): i is Extract<DecodedItem, { type: 'frame' }> => i.type === 'frame').map((i) => i.frame);
  const expected = pieces.filter((p): p is { frame: Frame } => 'frame' in p).map((p) => p.frame);
  if (frames.length !== expected.length || frames.some((f, k) => f.kind !== expected[k]!.kind || !f.body.equals(expected[k]!.body))) {
    throw new Error('valid frames were not all found');
  }
}

export function runDecoderFuzz(numRuns: number, seed?: number): void {
  const cuts = fc.array(fc.nat(), { maxLength: 6 });
  const opts = seed === undefined ? { numRuns } : { numRuns, seed };
  fc.assert(fc.property(randomStream, cuts, (s, c) => checkDecoder(s, c)), { ...opts, numRuns: Math.ceil(numRuns / 2) });
  fc.assert(fc.property(mutatedStream, cuts, (s, c) => checkDecoder(s, c)), { ...opts, numRuns: Math.ceil(numRuns / 2) });
  fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (ps) => checkCleanStream(ps)), { ...opts, numRuns: Math.min(numRuns, 20_000) });
}
