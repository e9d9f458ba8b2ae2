// `npm run bench -- host`: our frame codec against the npm iso_8583 package on the same
// logical message (the published chip sale 0200 of spec/vectors.json), measured in one
// process, interleaved round by round (spec/bench.md: shared machines drift).
import { decodeFrame, encodeFrame } from '../../electron/host/codec.js';
import { PEER_FORMATS, PeerIso8583, toPeerMessage } from '../support/hostFixtures.js';
import { vectors } from '../support/vectors.js';
import { report } from './report.js';

const ROUNDS = 15;
const ROUND_MS = 150;

function opsPerSecond(op: () => void, iterations: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) op();
  const ns = Number(process.hrtime.bigint() - t0);
  return iterations / (ns / 1e9);
}

/** Iterations that take about ROUND_MS. */
function calibrate(op: () => void): number {
  let n = 100;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) op();
    const ms = performance.now() - t0;
    if (ms >= 20) return Math.max(100, Math.round((n * ROUND_MS) / ms));
    n *= 4;
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function run(): Promise<void> {
  const message = decodeFrame(Buffer.from(vectors.frames[1]!.hex, 'hex'));
  const peerMessage = toPeerMessage(message);
  let sink = 0;
  const ours = (): void => {
    sink += decodeFrame(encodeFrame(message)).mti.length;
  };
  const peer = (): void => {
    const packed = new PeerIso8583(peerMessage, PEER_FORMATS).getBufferMessage();
    if (!Buffer.isBuffer(packed)) throw new Error(`iso_8583: ${packed.error}`);
    const json = new PeerIso8583({}, PEER_FORMATS).getIsoJSON(packed, {});
    sink += Object.keys(json).length;
  };
  // Warm both up (JIT) before sizing the rounds.
  for (const op of [ours, peer, ours, peer]) {
    const end = performance.now() + 200;
    while (performance.now() < end) for (let i = 0; i < 50; i++) op();
  }
  const nOurs = calibrate(ours);
  const nPeer = calibrate(peer);
  const oursRates: number[] = [];
  const peerRates: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const a = opsPerSecond(ours, nOurs);
    const b = opsPerSecond(peer, nPeer);
    oursRates.push(a);
    peerRates.push(b);
    ratios.push(a / b);
    process.stderr.write(`round ${r + 1}/${ROUNDS}: ours ${Math.round(a)}/s, iso_8583 ${Math.round(b)}/s, x${(a / b).toFixed(1)}\n`);
  }
  if (sink === 0) process.stderr.write('(nothing computed)\n');
  report({ bench: 'host', metric: 'codec_ops_per_s', value: median(oursRates), unit: '1/s', n: ROUNDS * nOurs });
  report({ bench: 'host', metric: 'peer_ops_per_s', value: median(peerRates), unit: '1/s', n: ROUNDS * nPeer });
  report({ bench: 'host', metric: 'codec_ratio_vs_iso_8583', value: median(ratios), unit: 'x', goal: '>=10', n: ROUNDS });
}
