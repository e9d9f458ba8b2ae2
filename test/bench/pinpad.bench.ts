// `npm run bench -- pinpad` (spec/bench.md): the X4 round trip over a real socat pty pair,
// and the bytes a CUP MAC puts on the wire (both directions, handshake included) for a
// 100- and a 1000-byte message: the driver XORs first (host-protocol §5.2), so both are
// one 8-byte block to the pad.
import { desEncrypt, kcv } from '../../native/crypto/des.js';
import { createPinpadDriver } from '../../native/pinpad/driver.js';
import { createPinpadEmulator } from '../../native/pinpad/emulator.js';
import type { ByteTransport } from '../../native/serial/byteTransport.js';
import { openSerialTransport } from '../../native/serial/serialTransport.js';
import { startPtyPair } from '../support/ptyPair.js';
import { percentile, report } from './report.js';

const MK1 = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');
const MAK = Buffer.from('11111111111111112222222222222222', 'hex');
const WARMUP = 50;
const ROUNDS = 1000;

/** Counts every byte the driver writes and reads: the whole wire, since it is one end of it. */
function counting(t: ByteTransport): { transport: ByteTransport; bytes: () => number; reset: () => void } {
  let n = 0;
  t.onData((chunk) => (n += chunk.length));
  const transport: ByteTransport = {
    get name() {
      return t.name;
    },
    get isOpen() {
      return t.isOpen;
    },
    write: (b) => {
      n += b.length;
      return t.write(b);
    },
    onData: (l) => t.onData(l),
    onState: (l) => t.onState(l),
    close: () => t.close(),
  };
  return { transport, bytes: () => n, reset: () => (n = 0) };
}

export async function run(): Promise<void> {
  const pair = await startPtyPair();
  const padEnd = await openSerialTransport({ path: pair.b });
  const hostEnd = counting(await openSerialTransport({ path: pair.a }));
  const emulator = createPinpadEmulator(padEnd, { masterKeys: { 1: MK1 } });
  const driver = createPinpadDriver(hostEnd.transport);
  try {
    await driver.probe();
    const makUnderMk1 = desEncrypt(MK1, MAK).toString('hex').toUpperCase();
    await driver.loadWorkingKey('M', makUnderMk1, kcv(MAK).toString('hex').toUpperCase(), { masterSlot: 1 });

    for (const size of [100, 1000]) {
      const message = Buffer.alloc(size, 0x5a);
      hostEnd.reset();
      await driver.mac('E', message);
      report({ bench: 'pinpad', metric: `mac_wire_bytes_${size}`, value: hostEnd.bytes(), unit: 'bytes', goal: '<=60' });
    }

    const block = Buffer.from('01326754CDFEAB98', 'hex');
    const times: number[] = [];
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      const t0 = performance.now();
      await driver.mac('E', block);
      if (i >= WARMUP) times.push(performance.now() - t0);
      if (i % 200 === 0) process.stderr.write(`  round ${i}\n`);
    }
    times.sort((a, b) => a - b);
    report({ bench: 'pinpad', metric: 'roundtrip_p50', value: percentile(times, 50), unit: 'ms', n: ROUNDS });
    report({ bench: 'pinpad', metric: 'roundtrip_p99', value: percentile(times, 99), unit: 'ms', n: ROUNDS });
  } finally {
    await driver.close();
    await emulator.close();
    await pair.close();
  }
}
