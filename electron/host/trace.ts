// Every frame to and from the host is traced for diagnostics (故障诊断): to the Logger
// and to a ring of the last frames for the diagnostics screen. No track data, PIN block,
// chip data or key ever reaches either; the PAN only masked (architecture.md rules).
import type { Logger } from '../../native/log/logger.js';
import type { IsoMessage } from './codec.js';
import { SECRET_FIELDS } from './fields.js';

/** First 6 and last 4 digits; everything between is `*`. Short numbers keep only the last 4. */
export function maskPan(pan: string): string {
  if (pan.length <= 10) return '*'.repeat(Math.max(0, pan.length - 4)) + pan.slice(-4);
  return pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4);
}

/** A copy of the fields that is safe to log: F2 masked, F35/F36/F52/F55/F62 replaced, the QR payment code masked. */
export function redactMessageFields(fields: Record<number, string>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const key in fields) {
    const no = Number(key);
    const v = fields[no];
    if (v === undefined) continue;
    if (SECRET_FIELDS.has(no)) out[no] = `[redacted ${v.length} chars]`;
    else if (no === 2) out[no] = maskPan(v);
    // host-protocol §4.6: the payment code authorises a payment for a while; mask it like a PAN.
    else if (no === 59 && v.startsWith('QR')) out[no] = 'QR' + maskPan(v.slice(2));
    else out[no] = v;
  }
  return out;
}

export type TraceDirection = 'sent' | 'received';

export interface TraceEntry {
  at: string;
  direction: TraceDirection;
  /** Frame length, LEN included. */
  bytes: number;
  mti?: string;
  tpdu?: string;
  header?: string;
  /** Redacted field values (redactMessageFields). */
  fields?: Record<number, string>;
  /** Why the frame could not be decoded (its bytes are not kept: they may hold card data). */
  error?: string;
}

/** How many frames the diagnostics ring keeps. */
export const TRACE_CAPACITY = 100;

export class FrameTrace {
  readonly #ring: TraceEntry[] = [];
  readonly #capacity: number;
  readonly #logger: Logger | undefined;

  constructor(options: { capacity?: number; logger?: Logger } = {}) {
    this.#capacity = options.capacity ?? TRACE_CAPACITY;
    this.#logger = options.logger;
  }

  /** Records a decoded frame, or an undecodable one with its error. */
  record(direction: TraceDirection, bytes: number, message: IsoMessage | null, error?: string): TraceEntry {
    const entry: TraceEntry = { at: new Date().toISOString(), direction, bytes };
    if (message) {
      entry.mti = message.mti;
      entry.tpdu = message.tpdu;
      entry.header = message.header;
      entry.fields = redactMessageFields(message.fields);
    }
    if (error !== undefined) entry.error = error;
    this.#ring.push(entry);
    if (this.#ring.length > this.#capacity) this.#ring.shift();
    this.#logger?.log(error === undefined ? 'info' : 'warn', 'host.frame', { ...entry });
    return entry;
  }

  /** Oldest first. */
  entries(): readonly TraceEntry[] {
    return this.#ring.slice();
  }

  clear(): void {
    this.#ring.length = 0;
  }
}
