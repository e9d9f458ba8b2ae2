/**
 * Every wait on the PIN pad, named (style.md §10). Each can be overridden through the
 * driver's `timeouts` option so tests can shorten them; errors name the constant.
 */

/** §1: a sender that gets neither ACK nor NAK within 5 s resends, at most twice. */
export const PINPAD_ACK_TIMEOUT_MS = 5_000;
/** Replies that need no person: 06, X2, X4, Z66, the 02 echo and its closing EOT. */
export const PINPAD_RESPONSE_TIMEOUT_MS = 5_000;
/** §3: no X0 reply within 2 s of the ACK means a core-only pad. */
export const PINPAD_PROBE_TIMEOUT_MS = 2_000;
/** §1: PIN entry waits for a person, up to 270 s; we wait that long plus a response margin. */
export const PINPAD_PIN_TIMEOUT_MS = 270_000;
/** X6 carries its own timeout in seconds; we wait that plus this margin for the pad's answer. */
export const PINPAD_CARD_TIMEOUT_MARGIN_MS = 5_000;
/**
 * §2 `08`: a VeriFone pad only ACKs, clones also answer `080`. The first select waits this
 * long for a clone's answer; afterwards the driver knows which kind of pad it has.
 */
export const PINPAD_SELECT_REPLY_MS = 500;
/** A frame whose bytes stop arriving for this long is dropped as noise. */
export const PINPAD_INTERBYTE_TIMEOUT_MS = 1_000;

export interface PinpadTimeouts {
  ackMs: number;
  responseMs: number;
  probeMs: number;
  pinMs: number;
  cardMarginMs: number;
  selectReplyMs: number;
  interByteMs: number;
}

export const DEFAULT_PINPAD_TIMEOUTS: Readonly<PinpadTimeouts> = {
  ackMs: PINPAD_ACK_TIMEOUT_MS,
  responseMs: PINPAD_RESPONSE_TIMEOUT_MS,
  probeMs: PINPAD_PROBE_TIMEOUT_MS,
  pinMs: PINPAD_PIN_TIMEOUT_MS,
  cardMarginMs: PINPAD_CARD_TIMEOUT_MARGIN_MS,
  selectReplyMs: PINPAD_SELECT_REPLY_MS,
  interByteMs: PINPAD_INTERBYTE_TIMEOUT_MS,
};

/** The constant's name for each field, so a timeout error says which wait ran out. */
export const PINPAD_TIMEOUT_NAMES: Readonly<Record<keyof PinpadTimeouts, string>> = {
  ackMs: 'PINPAD_ACK_TIMEOUT_MS',
  responseMs: 'PINPAD_RESPONSE_TIMEOUT_MS',
  probeMs: 'PINPAD_PROBE_TIMEOUT_MS',
  pinMs: 'PINPAD_PIN_TIMEOUT_MS',
  cardMarginMs: 'PINPAD_CARD_TIMEOUT_MARGIN_MS',
  selectReplyMs: 'PINPAD_SELECT_REPLY_MS',
  interByteMs: 'PINPAD_INTERBYTE_TIMEOUT_MS',
};

export function resolveTimeouts(partial?: Partial<PinpadTimeouts>): PinpadTimeouts {
  return { ...DEFAULT_PINPAD_TIMEOUTS, ...partial };
}
