import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeOnlyTypedErrorsProperty, mutatedFrameArb, randomFrameArb, roundTripProperty } from '../../support/hostFixtures.js';

// The same properties run FUZZ_RUNS times in test/fuzz/host.fuzz.test.ts.
const RUNS = 10_000;

describe('codec properties (fast-check, 10k cases each)', () => {
  it('decode(encode(m)) = m for random valid messages of every type', () => {
    fc.assert(roundTripProperty(), { numRuns: RUNS });
  });

  it('mutated frames decode to a message that re-encodes identically, or to an IsoDecodeError', () => {
    fc.assert(decodeOnlyTypedErrorsProperty(mutatedFrameArb), { numRuns: RUNS });
  });

  it('random bytes decode only to a message or an IsoDecodeError', () => {
    fc.assert(decodeOnlyTypedErrorsProperty(randomFrameArb), { numRuns: RUNS });
  });
});
