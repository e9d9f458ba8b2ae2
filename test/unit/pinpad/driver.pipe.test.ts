import { describe, expect, it, afterEach } from 'vitest';
import { createPipePair } from '../../../native/serial/byteTransport.js';
import { createPinpadDriver, type PinpadState } from '../../../native/pinpad/driver.js';
import { createPinpadEmulator } from '../../../native/pinpad/emulator.js';
import { PinpadDisconnectedError, PinpadInputError, PinpadTimeoutError } from '../../../native/pinpad/errors.js';
import type { PinpadTimeouts } from '../../../native/pinpad/timeouts.js';
import { driverSuite, MK0, PAN, PIK_UNDER_MK0, PIN_BLOCK } from './driverSuite.js';

// Short waits: an in-process pipe answers in microseconds.
const timeouts: Partial<PinpadTimeouts> = { ackMs: 150, responseMs: 500, probeMs: 150, selectReplyMs: 100, pinMs: 3000, cardMarginMs: 500, interByteMs: 200 };

driverSuite('driver ↔ emulator over the in-process pipe', async (o) => {
  const pair = createPipePair();
  const emulator = createPinpadEmulator(pair.b, { ackTimeoutMs: timeouts.ackMs!, ...o.emulator });
  const driver = createPinpadDriver(pair.a, { ...o.driver, timeouts: { ...timeouts, ...o.driver?.timeouts } });
  return {
    driver,
    emulator,
    async close() {
      await driver.close();
      await emulator.close();
    },
  };
});

describe('pipe unplug / replug', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  it('an unplug during PIN entry fails the request; on replug the master key is reselected and the pad is ready', async () => {
    const pair = createPipePair();
    const emulator = createPinpadEmulator(pair.b, { masterKeys: { 0: MK0 } });
    const driver = createPinpadDriver(pair.a, { timeouts });
    closers.push(() => driver.close(), () => emulator.close());
    const states: PinpadState[] = [];
    driver.onState((e) => states.push(e.state));
    emulator.script.nextHold();
    const pin = driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 });
    await emulator.until('awaiting-pin');
    pair.unplug();
    await expect(pin).rejects.toBeInstanceOf(PinpadDisconnectedError);
    expect(driver.state).toBe('disconnected');
    expect(emulator.state).toBe('idle');
    await expect(driver.display('X')).rejects.toBeInstanceOf(PinpadDisconnectedError);
    const selects: string[] = [];
    emulator.onEvent((e) => e.type === 'request' && selects.push(e.id));
    pair.replug();
    await driver.whenReady();
    expect(selects).toEqual(['08']);
    expect(states.slice(-3)).toEqual(['disconnected', 'connecting', 'ready']);
    expect((await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 })).toString('hex').toUpperCase()).toBe(PIN_BLOCK);
  });
});

describe('driver limits (pipe)', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });
  const rig = (driverTimeouts: Partial<PinpadTimeouts> = {}) => {
    const pair = createPipePair();
    const emulator = createPinpadEmulator(pair.b, { masterKeys: { 0: MK0 } });
    const driver = createPinpadDriver(pair.a, { timeouts: { ...timeouts, ...driverTimeouts } });
    closers.push(() => driver.close(), () => emulator.close());
    return { driver, emulator };
  };

  it('when nobody answers the PIN request in time the driver gives up, names PINPAD_PIN_TIMEOUT_MS, and leaves the pad idle', async () => {
    const { driver, emulator } = rig({ pinMs: 200, responseMs: 100 });
    emulator.script.nextHold();
    const err = await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PinpadTimeoutError);
    expect((err as PinpadTimeoutError).timeoutName).toBe('PINPAD_PIN_TIMEOUT_MS');
    expect((err as PinpadTimeoutError).zh).toContain('超时');
    expect(emulator.state).toBe('idle'); // the driver sent 72
    expect((await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 })).toString('hex').toUpperCase()).toBe(PIN_BLOCK);
  });

  it('refuses what the 7-bit protocol cannot carry, before anything is sent', async () => {
    const { driver, emulator } = rig();
    const requests: string[] = [];
    emulator.onEvent((e) => e.type === 'request' && requests.push(e.id));
    await expect(driver.display('应付 12.34')).rejects.toBeInstanceOf(PinpadInputError);
    await expect(driver.display('')).rejects.toBeInstanceOf(PinpadInputError);
    await expect(driver.getPin({ pan: '4012-3456', pinKey: PIK_UNDER_MK0 })).rejects.toBeInstanceOf(PinpadInputError);
    await expect(driver.mac('B', Buffer.alloc(9))).rejects.toBeInstanceOf(PinpadInputError);
    await expect(driver.selectMasterKey(10)).rejects.toBeInstanceOf(PinpadInputError);
    expect(requests).toEqual([]);
  });
});
