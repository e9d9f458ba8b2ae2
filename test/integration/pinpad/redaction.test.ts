// architecture.md / pinpad-protocol §4: no PIN, PIN block, track data, PAN or key ever
// in a log. A full run of driver and emulator over a pty pair, every logger writing to
// a file at debug level; then the files are searched for every secret used (style.md §11).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { desEncrypt, kcv } from '../../../native/crypto/des.js';
import { encryptTrackTdb } from '../../../native/crypto/trackData.js';
import { iso0PinBlock } from '../../../native/crypto/pinBlock.js';
import { createLogger } from '../../../native/log/logger.js';
import { createPinpadDriver } from '../../../native/pinpad/driver.js';
import { createPinpadEmulator } from '../../../native/pinpad/emulator.js';
import { createHotplugTransport } from '../../../native/serial/hotplugTransport.js';
import { startPtyPair } from '../../support/ptyPair.js';
import { driverState } from '../../unit/pinpad/driverSuite.js';

const HEX = (b: Buffer): string => b.toString('hex').toUpperCase();
const hex = (s: string): Buffer => Buffer.from(s, 'hex');

const MASTER = 'A1B2C3D4E5F60718293A4B5C6D7E8F90';
const PIK = '0F1E2D3C4B5A69788796A5B4C3D2E1F0';
const MAK = 'C0FFEE00C0FFEE11';
const TDK = '13579BDF2468ACE013579BDF2468ACE0';
const PAN = '6259651234567890123';
const TRACK2 = `${PAN}D30122011234567890`;
const PIN = '739182';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('a full run (keys, PIN, card, MAC, cancel, faults, unplug) leaves no secret in any log', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cashdesk-redaction-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const hostLog = createLogger({ file: join(dir, 'host.log'), minLevel: 'debug' }, 'host');
  const padLog = createLogger({ file: join(dir, 'pad.log'), minLevel: 'debug' }, 'pad');
  const pair = await startPtyPair();
  cleanups.push(() => pair.close());
  const padEnd = createHotplugTransport({ path: pair.b, pollMs: 50, logger: padLog });
  const hostEnd = createHotplugTransport({ path: pair.a, pollMs: 50, logger: hostLog });
  await Promise.all([padEnd.whenOpen(), hostEnd.whenOpen()]);
  const emulator = createPinpadEmulator(padEnd, { logger: padLog, pin: PIN, card: { pan: PAN, expiry: '3012', track2: TRACK2 }, ackTimeoutMs: 300 });
  const driver = createPinpadDriver(hostEnd, { setupMode: true, masterSlot: 3, logger: hostLog, timeouts: { ackMs: 300, responseMs: 1000, probeMs: 300, selectReplyMs: 200, pinMs: 5000 } });
  cleanups.push(() => emulator.close(), () => driver.close());

  const under = (k: string): string => HEX(desEncrypt(hex(MASTER), hex(k)));
  await driver.probe();
  await driver.loadMasterKey(3, MASTER);
  await driver.selectMasterKey(3);
  await driver.loadWorkingKey('P', under(PIK), HEX(kcv(hex(PIK))));
  await driver.loadWorkingKey('M', under(MAK), HEX(kcv(hex(MAK))));
  await driver.loadWorkingKey('D', under(TDK), HEX(kcv(hex(TDK))));
  await expect(driver.loadWorkingKey('M', under(MAK), '12345678')).rejects.toThrow();
  await driver.display('TOTAL 88.00');
  const card = await driver.readCard({ timeoutSeconds: 30, prompt: 'SWIPE' });
  expect(card.pan).toBe(PAN);
  const blockStored = await driver.getPin({ pan: card.pan });
  const blockCipher = await driver.getPin({ pan: card.pan, pinKey: under(PIK) });
  expect(blockCipher.equals(blockStored)).toBe(true);
  emulator.faults.badLrcNext(1).nakNext(1).strayBytes();
  expect(await driver.mac('E', Buffer.from(`0200${PAN}000000008800`))).toMatch(/^[0-9A-F]{8}$/);
  await driver.mac('B', hex('0123456789ABCDEF'), { key: { workingSlot: 2 } });
  emulator.script.nextHold();
  const cancelled = driver.getPin({ pan: PAN, pinKey: under(PIK) }).catch((e: unknown) => e);
  await driverState(driver, 'awaiting-pin');
  await driver.cancel();
  await cancelled;
  emulator.script.nextHold();
  const unplugged = driver.getPin({ pan: PAN, pinKey: under(PIK) }).catch((e: unknown) => e);
  await driverState(driver, 'awaiting-pin');
  await pair.kill();
  await unplugged;
  await pair.restart();
  await driver.whenReady();
  await driver.getPin({ pan: PAN });
  await driver.close();
  await emulator.close();

  const logs = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
  const all = logs.join('\n');
  expect(all).toContain('pin-entered'); // the run did log, at debug level
  expect(all.split('\n').length).toBeGreaterThan(50);
  const secrets: Record<string, string> = {
    pin: PIN,
    pinBlock: HEX(blockStored),
    clearPinBlock: HEX(iso0PinBlock(PIN, PAN)),
    masterKey: MASTER,
    pinKey: PIK,
    pinKeyCipher: under(PIK),
    macKey: MAK,
    macKeyCipher: under(MAK),
    trackKey: TDK,
    trackKeyCipher: under(TDK),
    pan: PAN,
    track2: TRACK2,
    track2Encrypted: encryptTrackTdb(hex(TDK), TRACK2),
  };
  for (const [name, value] of Object.entries(secrets)) {
    expect({ name, found: all.toUpperCase().includes(value.toUpperCase()) }).toEqual({ name, found: false });
  }
});
