import { describe, it } from 'vitest';
import { runDecoderFuzz } from '../unit/pinpad/frameDecoderProperty.js';

const runs = Number(process.env.FUZZ_RUNS ?? 1_000_000);

describe(`PIN pad frame decoder fuzz (${runs} cases)`, () => {
  it('random and mutated byte streams: only typed errors, no hang, every byte accounted for, frames round-trip', () => {
    runDecoderFuzz(runs);
  });
});
