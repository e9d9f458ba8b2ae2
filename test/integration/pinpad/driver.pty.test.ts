// The driver against the emulator over a real serial line: a socat pty pair, both ends
// opened with SerialPort through the hot-plug transport (issue 4).
import { afterEach, describe, expect, it } from 'vitest';
import { createHotplugTransport } from '../../../native/serial/hotplugTransport.js';
import type { LineFormat } from '../../../native/serial/serialTransport.js';
import { createPinpadDriver, type PinpadState } from '../../../native/pinpad/driver.js';
import { createPinpadEmulator } from '../../../native/pinpad/emulator.js';
import { PinpadDisconnectedError } from '../../../native/pinpad/errors.js';
import type { PinpadTimeouts } from '../../../native/pinpad/timeouts.js';
import { startPtyPair, type PtyPair } from '../../support/ptyPair.js';
import { driverSuite, driverState, MK0, MK1, PAN, PIK_UNDER_MK0, PIN_BLOCK, type RigOptions } from '../../unit/pinpad/driverSuite.js';

const timeouts: Partial<PinpadTimeouts> = { ackMs: 300, responseMs: 1000, probeMs: 300, selectReplyMs: 200, pinMs: 5000, cardMarginMs: 1000, interByteMs: 300 };
const POLL_MS = 50;

async function ptyRig(o: RigOptions & { pair?: PtyPair; format?: LineFormat }) {
  const pair = o.pair ?? (await startPtyPair());
  const format = o.format ?? '8N1';
  const padEnd = createHotplugTransport({ path: pair.b, pollMs: POLL_MS, format });
  const hostEnd = createHotplugTransport({ path: pair.a, pollMs: POLL_MS, format });
  await Promise.all([padEnd.whenOpen(), hostEnd.whenOpen()]);
  const emulator = createPinpadEmulator(padEnd, { ackTimeoutMs: timeouts.ackMs!, ...o.emulator });
  const driver = createPinpadDriver(hostEnd, { ...o.driver, timeouts: { ...timeouts, ...o.driver?.timeouts } });
  return {
    pair,
    driver,
    emulator,
    async close() {
      await driver.close();
      await emulator.close();
      await pair.close();
    },
  };
}

driverSuite('driver ↔ emulator over a socat pty pair', ptyRig);

describe('7E1 line format', () => {
  it('the same codec serves 7E1: probe, PIN and MAC over a 7E1 pty pair', async () => {
    const rig = await ptyRig({ format: '7E1', emulator: { masterKeys: { 0: MK0, 1: MK1 } } });
    try {
      expect((await rig.driver.probe()).protocol).toBe('PPX/1');
      expect((await rig.driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 })).toString('hex').toUpperCase()).toBe(PIN_BLOCK);
      expect(await rig.driver.mac('E', Buffer.from('0123456789ABCDEF0011223344556677', 'hex'), { key: { masterSlot: 1, encryptedKey: '9B3A7B883A100F73B4ABA2BB791C50E7' } })).toBe('48185F94');
    } finally {
      await rig.close();
    }
  });
});

describe('unplug and replug over the pty pair', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  it('killing socat in the middle of a PIN entry fails it; the driver recovers by itself and the next command succeeds', async () => {
    const rig = await ptyRig({ emulator: { masterKeys: { 0: MK0, 1: MK1 } } });
    closers.push(() => rig.close());
    const { driver, emulator, pair } = rig;
    const states: PinpadState[] = [];
    driver.onState((e) => states.push(e.state));
    emulator.script.nextHold();
    const pin = driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }).catch((e: unknown) => e);
    await driverState(driver, 'awaiting-pin');

    await pair.kill();
    const err = await pin;
    expect(err).toBeInstanceOf(PinpadDisconnectedError);
    expect((err as PinpadDisconnectedError).zh).toContain('已断开');
    await driverState(driver, 'disconnected');
    await expect(driver.display('X')).rejects.toBeInstanceOf(PinpadDisconnectedError);

    const requests: string[] = [];
    emulator.onEvent((e) => e.type === 'request' && requests.push(e.id));
    await pair.restart();
    await driver.whenReady();
    expect(requests).toContain('08'); // the master key was reselected
    expect(states.slice(states.indexOf('disconnected'))).toEqual(['disconnected', 'connecting', 'ready']);

    expect((await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 })).toString('hex').toUpperCase()).toBe(PIN_BLOCK);
    expect(await driver.mac('B', Buffer.from('01326754CDFEAB98', 'hex'), { key: { masterSlot: 1, encryptedKey: '9B3A7B883A100F73B4ABA2BB791C50E7' } })).toBe('1D39D8B97AF36725');
  });

  it('survives two unplugs in a row, with a command queued while disconnected refused at once', async () => {
    const rig = await ptyRig({ emulator: { masterKeys: { 0: MK0 } } });
    closers.push(() => rig.close());
    const { driver, pair } = rig;
    for (let round = 0; round < 2; round++) {
      await pair.kill();
      await driverState(driver, 'disconnected');
      await expect(driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 })).rejects.toBeInstanceOf(PinpadDisconnectedError);
      await pair.restart();
      await driver.whenReady();
      expect((await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 })).toString('hex').toUpperCase()).toBe(PIN_BLOCK);
    }
  });

  it('notices a cable pulled and put back faster than it polls (same path, new device)', async () => {
    const rig = await ptyRig({ emulator: { masterKeys: { 0: MK0 } } });
    closers.push(() => rig.close());
    const { driver, pair } = rig;
    const seen: PinpadState[] = [];
    const backReady = new Promise<void>((resolve) => {
      driver.onState((e) => {
        seen.push(e.state);
        if (e.state === 'ready' && seen.includes('disconnected')) resolve();
      });
    });
    await pair.kill();
    await pair.restart();
    await backReady;
    expect((await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 })).toString('hex').toUpperCase()).toBe(PIN_BLOCK);
  });
});
