import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeOnlyTypedErrorsProperty, mutatedFrameArb, randomFrameArb, roundTripProperty } from '../support/hostFixtures.js';

// The long run of test/unit/host/codec.property.test.ts: `FUZZ_RUNS=... npm run fuzz`.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000_000);

describe(`host codec fuzz (${RUNS} cases per property)`, () => {
  it('round trip of valid messages of every type', () => {
    fc.assert(roundTripProperty(), { numRuns: RUNS });
  });

  it('mutated frames: a message that re-encodes identically, or an IsoDecodeError', () => {
    fc.assert(decodeOnlyTypedErrorsProperty(mutatedFrameArb), { numRuns: RUNS });
  });

  it('random bytes: a message or an IsoDecodeError', () => {
    fc.assert(decodeOnlyTypedErrorsProperty(randomFrameArb), { numRuns: RUNS });
  });
});
