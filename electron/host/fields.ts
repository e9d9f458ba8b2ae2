// The field table of the CUP POS profile (host-protocol §2). The codec is driven by
// this data: one row per field, no per-field code.

/**
 * How a field's value is written on the wire (host-protocol §2):
 * - `n`: packed BCD digits;
 * - `z`: track data, packed like `n` with the separator as nibble `D` (and, once
 *   TDB-encrypted, any hex nibble);
 * - `an` / `ans`: ASCII, one byte per character, fixed ones space padded on the right;
 * - `b`: raw bytes, written in an `IsoMessage` as upper-case hex.
 */
export type FieldKind = 'n' | 'z' | 'an' | 'ans' | 'b';

/** `fixed` fields have no length prefix; LLVAR has a 1-byte BCD length, LLLVAR 2 bytes. */
export type FieldLength = 'fixed' | 'LLVAR' | 'LLLVAR';

export interface FieldSpec {
  readonly no: number;
  readonly name: string;
  readonly kind: FieldKind;
  readonly length: FieldLength;
  /**
   * Fixed length, or the maximum for a variable field, in the unit its length prefix
   * counts: digits for n and z, bytes for an, ans and b.
   */
  readonly max: number;
  /** host-protocol §2: F22 is the one fixed n field that is left-aligned (`051` -> `05 10`). */
  readonly leftAligned?: boolean;
}

const F = (no: number, name: string, kind: FieldKind, length: FieldLength, max: number, leftAligned = false): FieldSpec =>
  leftAligned ? { no, name, kind, length, max, leftAligned } : { no, name, kind, length, max };

/** Every field this profile sends or accepts (host-protocol §2). Any other bit in a bitmap is refused. */
export const FIELD_SPECS: readonly FieldSpec[] = [
  F(2, 'primary account number', 'n', 'LLVAR', 19),
  F(3, 'processing code', 'n', 'fixed', 6),
  F(4, 'amount (fen)', 'n', 'fixed', 12),
  F(11, 'system trace audit number', 'n', 'fixed', 6),
  F(12, 'host local time hhmmss', 'n', 'fixed', 6),
  F(13, 'host local date MMDD', 'n', 'fixed', 4),
  F(14, 'card expiry YYMM', 'n', 'fixed', 4),
  F(15, 'settlement date MMDD', 'n', 'fixed', 4),
  F(22, 'POS entry mode', 'n', 'fixed', 3, true),
  F(23, 'card sequence number', 'n', 'fixed', 3),
  F(25, 'POS condition code', 'n', 'fixed', 2),
  F(26, 'PIN capture code', 'n', 'fixed', 2),
  F(32, 'acquirer institution id', 'n', 'LLVAR', 11),
  F(35, 'track 2', 'z', 'LLVAR', 37),
  F(36, 'track 3', 'z', 'LLLVAR', 104),
  F(37, 'retrieval reference number', 'an', 'fixed', 12),
  F(38, 'authorisation code', 'an', 'fixed', 6),
  F(39, 'response code', 'an', 'fixed', 2),
  F(41, 'terminal id', 'ans', 'fixed', 8),
  F(42, 'merchant id', 'ans', 'fixed', 15),
  F(44, 'issuer / acquirer ids', 'an', 'LLVAR', 25),
  F(48, 'settlement totals / batch-upload count', 'n', 'LLLVAR', 322),
  F(49, 'currency', 'an', 'fixed', 3),
  F(52, 'PIN block', 'b', 'fixed', 8),
  F(53, 'security control', 'n', 'fixed', 16),
  F(54, 'additional amounts', 'an', 'LLLVAR', 20),
  F(55, 'chip data', 'b', 'LLLVAR', 255),
  F(59, 'QR payment data', 'ans', 'LLLVAR', 999),
  F(60, 'reserved: message type, batch, network code', 'n', 'LLLVAR', 19),
  F(61, 'original transaction', 'n', 'LLLVAR', 29),
  F(62, 'working keys / signature image', 'b', 'LLLVAR', 999),
  F(63, 'operator / card organisation', 'ans', 'LLLVAR', 163),
  F(64, 'MAC', 'b', 'fixed', 8),
];

/** Indexed by field number (0..64); `undefined` for fields outside the profile. */
export const FIELD_TABLE: ReadonlyArray<FieldSpec | undefined> = (() => {
  const t: Array<FieldSpec | undefined> = new Array<FieldSpec | undefined>(65).fill(undefined);
  for (const s of FIELD_SPECS) t[s.no] = s;
  return t;
})();

export function fieldSpec(no: number): FieldSpec | undefined {
  return FIELD_TABLE[no];
}

/** Fields whose values never reach a log or the diagnostics screen (architecture.md rules). */
export const SECRET_FIELDS: ReadonlySet<number> = new Set([35, 36, 52, 55, 62]);
