import { describe, it } from 'vitest';
import { runDecoderFuzz } from './frameDecoderProperty.js';

// The property of test/fuzz/pinpad.fuzz.test.ts with 10k cases, so `npm test` covers it.
describe('frame decoder fuzz (10k cases)', () => {
  it('random and mutated byte streams: only typed errors, every byte accounted for, frames round-trip', () => {
    runDecoderFuzz(10_000);
  });
});
