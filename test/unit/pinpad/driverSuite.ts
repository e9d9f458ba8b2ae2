// The driver-against-emulator scenarios, run over the in-process pipe (unit) and over a
// real socat pty pair (integration): the same code above either transport (issue 4).
import { afterEach, describe, expect, it } from 'vitest';
import { desEncrypt, kcv } from '../../../native/crypto/des.js';
import { cupMac, x919Mac } from '../../../native/crypto/mac.js';
import type { PinpadDriver, PinpadDriverOptions, PinpadState } from '../../../native/pinpad/driver.js';
import type { PinpadEmulator, PinpadEmulatorOptions } from '../../../native/pinpad/emulator.js';
import { MS_PER_BYTE_9600 } from '../../../native/pinpad/emulatorScript.js';
import {
  KcvMismatchError,
  MasterKeyEchoError,
  PinpadCancelledError,
  PinpadNakLimitError,
  PinpadNoAnswerError,
  PinpadRefusedError,
  PinpadSetupModeError,
  PinpadUnsupportedError,
} from '../../../native/pinpad/errors.js';
import { vectors } from '../../support/vectors.js';

export interface Rig {
  driver: PinpadDriver;
  emulator: PinpadEmulator;
  close(): Promise<void>;
}
export interface RigOptions {
  emulator?: PinpadEmulatorOptions;
  driver?: PinpadDriverOptions;
}
export type RigFactory = (options: RigOptions) => Promise<Rig>;

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const HEX = (b: Buffer): string => b.toString('hex').toUpperCase();

// pinpad-protocol §2 and §3 worked examples.
export const MK0 = '0123456789ABCDEF';
export const MK1 = '0123456789ABCDEFFEDCBA9876543210';
export const PIK_UNDER_MK0 = '12C626AF058B433B';
export const PAN = '4012345678909';
export const PIN_BLOCK = '1686BF18727696A6';
export const MAK_CLEAR = '11111111111111112222222222222222';
export const MAK_UNDER_MK1 = '9B3A7B883A100F73B4ABA2BB791C50E7';
export const MAC_DATA = '0123456789ABCDEF0011223344556677';
const pinVector = vectors.pin_block_iso0.find((v) => v.pan === PAN)!;
const trackVector = vectors.track_tdb[0]!;
const TDK_UNDER_MK1 = HEX(desEncrypt(hex(MK1), hex(trackVector.tdk)));
const PIK_UNDER_MK1 = HEX(desEncrypt(hex(MK1), hex(pinVector.pin_key! + pinVector.pin_key!)));

/** Resolves when the driver reports `state` (the emulator may get there a little earlier). */
export function driverState(driver: PinpadDriver, state: PinpadState): Promise<void> {
  if (driver.state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const off = driver.onState((e) => {
      if (e.state === state) {
        off();
        resolve();
      }
    });
  });
}

export function driverSuite(label: string, makeRig: RigFactory): void {
  describe(label, () => {
    const open: Rig[] = [];
    const rig = async (options: RigOptions = {}): Promise<Rig> => {
      const r = await makeRig({
        ...options,
        emulator: { masterKeys: { 0: MK0, 1: MK1 }, ...options.emulator },
      });
      open.push(r);
      return r;
    };
    afterEach(async () => {
      for (const r of open.splice(0)) await r.close();
    });

    describe('PPX/1 pad', () => {
      it('probe negotiates PPX/1 and reports the capabilities', async () => {
        const { driver } = await rig();
        const info = await driver.probe();
        expect(info).toMatchObject({ protocol: 'PPX/1', model: 'CASHDESK-SIM', serial: 'SIM00000001' });
        expect(info.capabilities).toEqual(expect.arrayContaining(['X2', 'X4', 'X6', 'MACE', 'MAC9', 'MACB']));
      });

      it('display shows text (SUB clears first) and reset clears it', async () => {
        const { driver, emulator } = await rig();
        await driver.display('TOTAL 12.34');
        expect(emulator.displayText).toBe('TOTAL 12.34');
        await driver.display(' OK', { clear: false });
        expect(emulator.displayText).toBe('TOTAL 12.34 OK');
        await driver.reset();
        expect(emulator.displayText).toBe('');
      });

      it('getPin returns the worked-example PIN block, and the state goes busy → awaiting-pin → ready', async () => {
        const { driver } = await rig({ emulator: { pin: '1234' } });
        const states: PinpadState[] = [];
        driver.onState((e) => states.push(e.state));
        const block = await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 });
        expect(HEX(block)).toBe(PIN_BLOCK);
        expect(states).toContain('awaiting-pin');
        expect(states.at(-1)).toBe('ready');
      });

      it('getPin with the PIN key stored by X2 gives the same block as with the ciphertext', async () => {
        const { driver, emulator } = await rig();
        const kcvPik = HEX(kcv(hex(pinVector.pin_key!)));
        expect(await driver.loadWorkingKey('P', PIK_UNDER_MK0, kcvPik, { masterSlot: 0, workingSlot: 3 })).toBe(kcvPik);
        expect(emulator.workingKeySlots()).toEqual({ 3: 'P' });
        emulator.script.nextPin('1234');
        expect(HEX(await driver.getPin({ pan: PAN, workingSlot: 3 }))).toBe(PIN_BLOCK);
      });

      it('getPin reports the pad\'s error characters (no master key, key longer than the master key)', async () => {
        const { driver } = await rig({ emulator: { masterKeys: { 0: MK0, 1: MK1 } } });
        await expect(driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK1, masterSlot: 0 })).rejects.toMatchObject({ code: 'PINPAD_REFUSED', status: '1', command: 'Z60' });
        await expect(driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0, masterSlot: 7 })).rejects.toBeInstanceOf(PinpadRefusedError);
      });

      it('the cardholder cancelling or the pad timing out rejects with PinpadCancelledError (by the pad)', async () => {
        const { driver, emulator } = await rig();
        emulator.script.nextCancel({ delayMs: 20 }).nextTimeout({ afterMs: 50 });
        await expect(driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 })).rejects.toMatchObject({ code: 'PINPAD_CANCELLED', by: 'pad' });
        await expect(driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 })).rejects.toMatchObject({ code: 'PINPAD_CANCELLED', by: 'pad' });
        expect(HEX(await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }))).toBe(PIN_BLOCK);
      });

      it('cancel() during PIN entry stops it at once, and the next command succeeds', async () => {
        const { driver, emulator } = await rig();
        emulator.script.nextHold();
        const pin = driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 });
        const display = driver.display('NEXT'); // queued behind the entry
        await driverState(driver, 'awaiting-pin');
        expect(emulator.state).toBe('awaiting-pin');
        await driver.cancel();
        await expect(pin).rejects.toMatchObject({ code: 'PINPAD_CANCELLED', by: 'cashier' });
        expect(emulator.state).toBe('idle');
        await display;
        expect(emulator.displayText).toBe('NEXT');
        expect(HEX(await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }))).toBe(PIN_BLOCK);
        expect(driver.state).toBe('ready');
      });

      it('cancel() withdraws a PIN request still waiting in the queue', async () => {
        const { driver, emulator } = await rig();
        emulator.script.nextHold();
        const first = driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }).catch((e: unknown) => e);
        const second = driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }).catch((e: unknown) => e);
        await emulator.until('awaiting-pin');
        await driver.cancel();
        expect(await first).toBeInstanceOf(PinpadCancelledError);
        expect(await second).toBeInstanceOf(PinpadCancelledError);
      });

      it('cancel() when idle is answered by the pad and changes nothing', async () => {
        const { driver } = await rig();
        await driver.cancel();
        expect(driver.state).toBe('ready');
      });

      it('X4 mode E and B give the worked results; mode 9 the X9.19 MAC', async () => {
        const { driver } = await rig();
        const key = { masterSlot: 1, encryptedKey: MAK_UNDER_MK1 };
        expect(await driver.mac('E', hex(MAC_DATA), { key })).toBe('48185F94');
        expect(await driver.mac('B', hex('01326754CDFEAB98'), { key })).toBe('1D39D8B97AF36725');
        expect(await driver.mac('9', hex(MAC_DATA), { key })).toBe('99DD755E2C6F87E4');
      });

      it('a stored MAC key gives the CUP MAC of a whole message (the XOR is done before the pad)', async () => {
        const { driver } = await rig();
        const kcvMak = HEX(kcv(hex(MAK_CLEAR)));
        await driver.loadWorkingKey('M', MAK_UNDER_MK1, kcvMak, { masterSlot: 1 });
        const message = Buffer.from('0200 sale message body with some fields '.repeat(7));
        expect(await driver.mac('E', message)).toBe(cupMac(hex(MAK_CLEAR), message));
        expect(await driver.mac('9', message)).toBe(HEX(x919Mac(hex(MAK_CLEAR), message)));
      });

      it('a stored PIN key is refused for X4, a stored track key outside mode B', async () => {
        const { driver } = await rig();
        await driver.loadWorkingKey('P', PIK_UNDER_MK0, '', { masterSlot: 0, workingSlot: 0 });
        await driver.loadWorkingKey('D', TDK_UNDER_MK1, '', { masterSlot: 1, workingSlot: 2 });
        await expect(driver.mac('E', hex(MAC_DATA), { key: { workingSlot: 0 } })).rejects.toMatchObject({ command: 'X4', status: '3' });
        await expect(driver.mac('E', hex(MAC_DATA), { key: { workingSlot: 2 } })).rejects.toMatchObject({ command: 'X4', status: '3' });
        expect(await driver.mac('B', hex('01326754CDFEAB98'), { key: { workingSlot: 2 } })).toBe(HEX(desEncrypt(hex(trackVector.tdk), hex('01326754CDFEAB98'))));
        await expect(driver.mac('E', hex(MAC_DATA), { key: { workingSlot: 5 } })).rejects.toMatchObject({ command: 'X4', status: '2' });
      });

      it('loadWorkingKey: a wrong expected KCV is a KcvMismatchError carrying the pad\'s KCV, and nothing is stored', async () => {
        const { driver, emulator } = await rig();
        const err = await driver.loadWorkingKey('M', MAK_UNDER_MK1, '00000000', { masterSlot: 1 }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(KcvMismatchError);
        expect((err as KcvMismatchError).actual).toBe(HEX(kcv(hex(MAK_CLEAR))));
        expect(emulator.workingKeySlots()).toEqual({});
        await expect(driver.loadWorkingKey('M', MAK_UNDER_MK1, '', { masterSlot: 4 })).rejects.toMatchObject({ command: 'X2', status: '2' });
        await expect(driver.loadWorkingKey('M', MAK_UNDER_MK1, '', { masterSlot: 0 })).rejects.toMatchObject({ command: 'X2', status: '4' });
      });

      it('loadMasterKey works only in setup mode; the loaded key then serves PIN requests', async () => {
        const plain = await rig();
        await expect(plain.driver.loadMasterKey(5, MK0)).rejects.toBeInstanceOf(PinpadSetupModeError);
        const { driver, emulator } = await rig({ driver: { setupMode: true } });
        await driver.loadMasterKey(5, MK0);
        await driver.selectMasterKey(5);
        emulator.script.nextPin('1234');
        expect(HEX(await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }))).toBe(PIN_BLOCK);
      });

      it('loadMasterKey aborts with EOT when the echo differs, and the pad keeps nothing', async () => {
        const { driver, emulator } = await rig({ driver: { setupMode: true } });
        emulator.faults.badEchoNext();
        await expect(driver.loadMasterKey(6, MK0)).rejects.toBeInstanceOf(MasterKeyEchoError);
        await expect(driver.selectMasterKey(6)).rejects.toMatchObject({ command: '08' });
        await driver.loadMasterKey(6, MK0);
        await driver.selectMasterKey(6);
      });

      it('selectMasterKey on an empty slot is refused by a clone-style pad', async () => {
        const { driver } = await rig();
        await expect(driver.selectMasterKey(8)).rejects.toMatchObject({ command: '08' });
        await driver.selectMasterKey(1);
      });

      it('readCard returns the card; with a stored track key the track is TDB-encrypted (host-protocol §4.1)', async () => {
        const { driver, emulator } = await rig();
        const chip = { pan: '6217001234567890', expiry: '3012', track2: '6217001234567890D30122011234', entryMode: 'chip' as const, sequence: '001', chipData: '9F2608AABBCCDDEEFF0011' };
        emulator.script.nextCard(chip);
        expect(await driver.readCard({ timeoutSeconds: 30, prompt: 'INSERT CARD' })).toEqual({ ...chip, entryMode: 'chip' });
        await driver.loadWorkingKey('D', TDK_UNDER_MK1, HEX(kcv(hex(trackVector.tdk))), { masterSlot: 1 });
        const card = await driver.readCard({ timeoutSeconds: 30 });
        expect(card.track2).toBe(trackVector.encrypted);
        expect(card).toMatchObject({ entryMode: 'swipe', pan: '6222021234567890128', expiry: '2812', sequence: null, chipData: null });
      });

      it('readCard: cancel on the pad, timeout, read error, and cancel() from the cashier', async () => {
        const { driver, emulator } = await rig();
        emulator.script.nextCardCancel().nextCardTimeout({ afterMs: 30 }).nextCardError().nextCardHold();
        await expect(driver.readCard({ timeoutSeconds: 5 })).rejects.toMatchObject({ code: 'PINPAD_CANCELLED', by: 'pad' });
        await expect(driver.readCard({ timeoutSeconds: 5 })).rejects.toMatchObject({ code: 'PINPAD_CANCELLED', by: 'pad' });
        await expect(driver.readCard({ timeoutSeconds: 5 })).rejects.toMatchObject({ command: 'X6', status: '3' });
        const read = driver.readCard({ timeoutSeconds: 5 });
        await driverState(driver, 'awaiting-card');
        expect(emulator.state).toBe('awaiting-card');
        await driver.cancel();
        await expect(read).rejects.toMatchObject({ code: 'PINPAD_CANCELLED', by: 'cashier' });
      });
    });

    describe('core PP1000SE pad', () => {
      for (const unknownCommand of ['ignore', 'eot'] as const) {
        it(`probe falls back to core when X0 is ${unknownCommand === 'ignore' ? 'ACKed and ignored' : 'answered with EOT'}, with the serial number from 06`, async () => {
          const { driver } = await rig({ emulator: { mode: 'core', unknownCommand, serial: 'VF1000SE0042' } });
          const info = await driver.probe();
          expect(info).toEqual({ protocol: 'PP1000SE', model: null, firmware: null, serial: 'VF1000SE0042', capabilities: expect.arrayContaining(['Z60', 'Z66']) });
          expect(info.capabilities).not.toContain('X4');
        });
      }

      it('getPin works with the PIN key ciphertext (VeriFone-style 08: ACK only)', async () => {
        const { driver } = await rig({ emulator: { mode: 'core' } });
        await driver.probe();
        expect(HEX(await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }))).toBe(PIN_BLOCK);
        expect(HEX(await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }))).toBe(PIN_BLOCK);
      });

      it('says in Chinese and English what this pad cannot do', async () => {
        const { driver } = await rig({ emulator: { mode: 'core' } });
        const err = await driver.loadWorkingKey('M', MAK_UNDER_MK1, '').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(PinpadUnsupportedError);
        expect((err as PinpadUnsupportedError).zh).toMatch(/^此密码键盘不能装载工作密钥/);
        expect((err as PinpadUnsupportedError).en).toMatch(/^This PIN pad cannot load working keys/);
        await expect(driver.mac('E', hex(MAC_DATA), { key: { masterSlot: 1, encryptedKey: MAK_UNDER_MK1 } })).rejects.toThrow(/cannot compute the CUP MAC/);
        await expect(driver.mac('B', hex('01326754CDFEAB98'), { key: { masterSlot: 1, encryptedKey: MAK_UNDER_MK1 } })).rejects.toBeInstanceOf(PinpadUnsupportedError);
        await expect(driver.readCard({ timeoutSeconds: 10 })).rejects.toThrow(/cannot read cards/);
        await expect(driver.getPin({ pan: PAN, workingSlot: 0 })).rejects.toBeInstanceOf(PinpadUnsupportedError);
      });

      it('an X9.19 MAC with the key in the request goes through Z66', async () => {
        const { driver } = await rig({ emulator: { mode: 'core' } });
        await driver.selectMasterKey(1);
        expect(await driver.mac('9', hex(MAC_DATA), { key: { masterSlot: 1, encryptedKey: MAK_UNDER_MK1 } })).toBe('99DD755E2C6F87E4');
      });

      it('cancel() during PIN entry works on a core pad too', async () => {
        const { driver, emulator } = await rig({ emulator: { mode: 'core' } });
        emulator.script.nextHold();
        const pin = driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 });
        await emulator.until('awaiting-pin');
        await driver.cancel();
        await expect(pin).rejects.toMatchObject({ by: 'cashier' });
        expect(HEX(await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }))).toBe(PIN_BLOCK);
      });
    });

    describe('line faults', () => {
      const key = { masterSlot: 1, encryptedKey: MAK_UNDER_MK1 };

      it('a NAKed frame is resent and the command succeeds', async () => {
        const { driver, emulator } = await rig();
        emulator.faults.nakNext(2);
        expect(await driver.mac('E', hex(MAC_DATA), { key })).toBe('48185F94');
      });

      it('three NAKs end the exchange with PinpadNakLimitError; the next command succeeds', async () => {
        const { driver, emulator } = await rig();
        emulator.faults.nakNext(3);
        await expect(driver.display('HELLO')).rejects.toBeInstanceOf(PinpadNakLimitError);
        await driver.display('HELLO');
        expect(emulator.displayText).toBe('HELLO');
      });

      it('a reply with a bad LRC is NAKed, resent and accepted', async () => {
        const { driver, emulator } = await rig();
        emulator.faults.badLrcNext(2);
        expect(HEX(await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }))).toBe(PIN_BLOCK);
      });

      it('three replies with a bad LRC: the driver sends EOT and reports PinpadNakLimitError; the next command succeeds', async () => {
        const { driver, emulator } = await rig();
        await driver.probe();
        emulator.faults.badLrcNext(3);
        await expect(driver.mac('E', hex(MAC_DATA), { key })).rejects.toBeInstanceOf(PinpadNakLimitError);
        expect(await driver.mac('E', hex(MAC_DATA), { key })).toBe('48185F94');
      });

      it('a dropped ACK: the reply stands in for it, or the frame is resent after the ACK timeout', async () => {
        const { driver, emulator } = await rig();
        await driver.probe();
        emulator.faults.dropAckNext(1);
        expect(await driver.mac('E', hex(MAC_DATA), { key })).toBe('48185F94');
        emulator.faults.dropAckNext(1);
        await driver.display('AGAIN');
        expect(emulator.displayText).toBe('AGAIN');
        emulator.faults.dropAckNext(1);
        emulator.script.nextPin('1234', { delayMs: 1500 });
        expect(HEX(await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }))).toBe(PIN_BLOCK);
      });

      it('lost frames are resent at most twice, then PinpadNoAnswerError names PINPAD_ACK_TIMEOUT_MS', async () => {
        const { driver, emulator } = await rig();
        emulator.faults.loseFrameNext(2);
        await driver.display('TWICE');
        expect(emulator.displayText).toBe('TWICE');
        emulator.faults.loseFrameNext(3);
        const err = await driver.display('NEVER').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(PinpadNoAnswerError);
        expect((err as Error).message).toContain('PINPAD_ACK_TIMEOUT_MS');
        await driver.display('BACK');
        expect(emulator.displayText).toBe('BACK');
      });

      it('stray bytes on the line are skipped', async () => {
        const { driver, emulator } = await rig();
        emulator.faults.strayBytes();
        expect(await driver.mac('E', hex(MAC_DATA), { key })).toBe('48185F94');
        emulator.faults.strayBytes(Buffer.from('garbage\x1c\x1a~'));
        expect(HEX(await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }))).toBe(PIN_BLOCK);
      });

      it('a pad paced at 9600 baud (1.04 ms a byte) still answers every command', async () => {
        const { driver, emulator } = await rig();
        emulator.faults.byteDelay(MS_PER_BYTE_9600);
        expect((await driver.probe()).protocol).toBe('PPX/1');
        expect(HEX(await driver.getPin({ pan: PAN, pinKey: PIK_UNDER_MK0 }))).toBe(PIN_BLOCK);
        expect(await driver.mac('B', hex('01326754CDFEAB98'), { key })).toBe('1D39D8B97AF36725');
      });
    });
  });
}
