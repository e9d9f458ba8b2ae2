import { xorBuffers } from './des.js';

/**
 * ISO 9564 format 0 clear PIN block (host-protocol §5.3). Runs only inside the
 * PIN pad emulator, the training host and tests: the application never holds a PIN.
 */
export function iso0PinBlock(pin: string, pan: string): Buffer {
  if (!/^\d{4,12}$/.test(pin)) throw new RangeError('PIN must be 4 to 12 digits');
  const pinField = Buffer.from(('0' + pin.length.toString(16).toUpperCase() + pin).padEnd(16, 'F'), 'hex');
  return xorBuffers(pinField, panField(pan));
}

/** `0000` + the 12 right-most PAN digits excluding the check digit. */
export function panField(pan: string): Buffer {
  if (!/^\d{8,19}$/.test(pan)) throw new RangeError('PAN must be 8 to 19 digits');
  const body = pan.slice(0, -1).slice(-12).padStart(12, '0');
  return Buffer.from('0000' + body, 'hex');
}

/** Recovers the PIN from a clear format-0 block; the training host's check. */
export function pinFromIso0Block(block: Buffer, pan: string): string | null {
  const field = xorBuffers(block, panField(pan)).toString('hex').toUpperCase();
  if (field[0] !== '0') return null;
  const len = parseInt(field[1]!, 16);
  if (len < 4 || len > 12) return null;
  const pin = field.slice(2, 2 + len);
  if (!/^\d+$/.test(pin) || !/^F*$/.test(field.slice(2 + len))) return null;
  return pin;
}
