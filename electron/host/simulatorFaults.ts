// Fault switches of the training host, for tests and training: each rule applies to the
// next `count` requests (optionally only those with given MTIs), then expires.

export type FaultKind = 'noReply' | 'badMac' | 'disconnectMidReply' | 'garbage' | 'delay' | 'forceResponse';

export interface FaultOptions {
  /** How many matching requests the fault applies to (default 1). */
  count?: number;
  /** Only requests with one of these MTIs (e.g. ['0200']); default every request. */
  mti?: readonly string[];
}

export interface FaultRule {
  kind: FaultKind;
  remaining: number;
  mti?: readonly string[];
  /** delay: milliseconds before the reply is written. */
  ms?: number;
  /** forceResponse: the F39 to answer with. */
  code?: string;
}

/** The faults that apply to one request. */
export interface AppliedFaults {
  noReply: boolean;
  badMac: boolean;
  disconnectMidReply: boolean;
  garbage: boolean;
  delayMs: number;
  forceResponse: string | null;
  /** Kinds applied, for the log line. */
  names: FaultKind[];
}

export class SimulatorFaults {
  #rules: FaultRule[] = [];

  #add(kind: FaultKind, options: FaultOptions, extra: Partial<FaultRule> = {}): this {
    const count = options.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError('fault count must be a positive integer');
    const rule: FaultRule = { kind, remaining: count, ...extra };
    if (options.mti) rule.mti = [...options.mti];
    this.#rules.push(rule);
    return this;
  }

  /**
   * The host processes the request (the ledger changes) but its reply is lost: the
   * terminal times out and must reverse.
   */
  noReply(options: FaultOptions = {}): this {
    return this.#add('noReply', options);
  }

  /** The reply's F64 is wrong (only replies that carry a MAC). */
  badMac(options: FaultOptions = {}): this {
    return this.#add('badMac', options);
  }

  /** The host processes the request, writes half of the reply frame, then closes the connection. */
  disconnectMidReply(options: FaultOptions = {}): this {
    return this.#add('disconnectMidReply', options);
  }

  /** The host processes the request and answers with a LEN-framed block of bytes that is no message. */
  garbage(options: FaultOptions = {}): this {
    return this.#add('garbage', options);
  }

  /** The reply is written `ms` milliseconds late. */
  delay(ms: number, options: FaultOptions = {}): this {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('delay must be a non-negative number of ms');
    return this.#add('delay', options, { ms });
  }

  /** The host answers with this F39 without processing the request (e.g. `77`, `96`). */
  forceResponse(code: string, options: FaultOptions = {}): this {
    if (code.length !== 2) throw new RangeError('a response code has 2 characters');
    return this.#add('forceResponse', options, { code });
  }

  clear(): void {
    this.#rules = [];
  }

  /** Rules not yet used up. */
  pending(): readonly FaultRule[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  /** Takes the faults for one request with this MTI, using up one count of each matching rule (one rule per kind). */
  take(mti: string): AppliedFaults {
    const applied: AppliedFaults = { noReply: false, badMac: false, disconnectMidReply: false, garbage: false, delayMs: 0, forceResponse: null, names: [] };
    const seen = new Set<FaultKind>();
    for (const r of this.#rules) {
      if (seen.has(r.kind) || r.remaining <= 0) continue;
      if (r.mti && !r.mti.includes(mti)) continue;
      seen.add(r.kind);
      r.remaining -= 1;
      applied.names.push(r.kind);
      switch (r.kind) {
        case 'noReply':
          applied.noReply = true;
          break;
        case 'badMac':
          applied.badMac = true;
          break;
        case 'disconnectMidReply':
          applied.disconnectMidReply = true;
          break;
        case 'garbage':
          applied.garbage = true;
          break;
        case 'delay':
          applied.delayMs = r.ms ?? 0;
          break;
        case 'forceResponse':
          applied.forceResponse = r.code ?? '96';
          break;
      }
    }
    this.#rules = this.#rules.filter((r) => r.remaining > 0);
    return applied;
  }
}
