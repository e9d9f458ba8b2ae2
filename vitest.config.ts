import { defineConfig } from 'vitest/config';

// Three suites, run separately by npm scripts: fast unit tests, integration tests
// that use real parts (SQLite file, pty pairs from socat, TCP on loopback), and the
// long fuzz runs (`npm run fuzz`, FUZZ_RUNS defaults to 1M there).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // pty pairs and TCP ports: keep files from fighting over two cores.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'fuzz',
          include: ['test/fuzz/**/*.test.ts'],
          environment: 'node',
          testTimeout: 3_600_000,
        },
      },
    ],
  },
});
