// The training host's cards (培训模式): who approves, with which PIN and balance, and
// which codes are forced. The default table is documented in the simulator's report and
// in `cashdesk sim host --help`.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export interface TrainingCard {
  pan: string;
  /** The PIN the training host expects in F52; absent: any PIN (and no PIN) is accepted. */
  pin?: string;
  /** Also decline with 55 when the request has no PIN block. */
  requirePin?: boolean;
  /** Available balance, fen. Sales above it decline with 51. */
  balance: number;
  /** Force this response code for every financial request with this card (e.g. `51`, `54`). */
  respond?: string;
}

/** The training PIN of the default approving cards. */
export const TRAINING_PIN = '123456';

/**
 * Default cards:
 * - 6222021234567890128: CUP debit, PIN 123456, ¥10,000.00; approves (the track of host-protocol §4.1);
 * - 6224242900000113: CUP, PIN 123456, ¥10,000.00; approves (the PAN of the published chip capture);
 * - 6222020000000000100: CUP, PIN 123456, ¥100.00; approves up to ¥100, then 51;
 * - 6222020000000000051: always declines 51 (insufficient funds);
 * - 6222020000000000054: always declines 54 (expired card);
 * - 6222020000000000041: always declines 41 (lost card, pick up);
 * - 4761739001010119: foreign (VISA), PIN 1234, ¥5,000.00; approves, counted as 外卡.
 * Any other PAN declines with 14 (invalid card number).
 */
export const DEFAULT_CARDS: readonly TrainingCard[] = Object.freeze([
  { pan: '6222021234567890128', pin: TRAINING_PIN, balance: 1_000_000 },
  { pan: '6224242900000113', pin: TRAINING_PIN, balance: 1_000_000 },
  { pan: '6222020000000000100', pin: TRAINING_PIN, balance: 10_000 },
  { pan: '6222020000000000051', pin: TRAINING_PIN, balance: 0, respond: '51' },
  { pan: '6222020000000000054', pin: TRAINING_PIN, balance: 1_000_000, respond: '54' },
  { pan: '6222020000000000041', pin: TRAINING_PIN, balance: 1_000_000, respond: '41' },
  { pan: '4761739001010119', pin: '1234', balance: 500_000 },
]);

/** host-protocol §4.6 (profile): a payment code whose payment stays pending (Q1) forever. */
export const QR_CODE_NEVER_COMPLETES = '289999999999999999';
/** A payment code the training host declines with 51. */
export const QR_CODE_DECLINED = '280000000000000051';

const cardSchema = z.object({
  pan: z.string().regex(/^\d{12,19}$/),
  pin: z.string().regex(/^\d{4,12}$/).optional(),
  requirePin: z.boolean().optional(),
  balance: z.number().int().min(0),
  respond: z.string().length(2).optional(),
});

/** Reads a card file: a JSON array of `{ pan, pin?, requirePin?, balance (fen), respond? }`. */
export function loadCardFile(path: string): TrainingCard[] {
  const parsed = z.array(cardSchema).safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`card file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.map((c) => {
    const card: TrainingCard = { pan: c.pan, balance: c.balance };
    if (c.pin !== undefined) card.pin = c.pin;
    if (c.requirePin !== undefined) card.requirePin = c.requirePin;
    if (c.respond !== undefined) card.respond = c.respond;
    return card;
  });
}

/** 内卡 or 外卡 for settlement (host-protocol §4.5): a PAN starting with 62 is domestic. */
export function isDomesticPan(pan: string): boolean {
  return pan.startsWith('62');
}

/** F63 card organisation of a reply: CUP for 62 cards; a 3-letter brand otherwise. */
export function cardOrganisation(pan: string): string {
  if (pan.startsWith('62')) return 'CUP';
  if (pan.startsWith('4')) return 'VIS';
  if (pan.startsWith('5') || pan.startsWith('2')) return 'MCC';
  if (pan.startsWith('35')) return 'JCB';
  if (pan.startsWith('34') || pan.startsWith('37')) return 'AEX';
  return 'UNK';
}
