// Sandboxed preloads cannot load ES modules or local files: bundle preload.ts (and the
// contract names it checks) into one CommonJS file next to main.js.
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/preload.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  outfile: 'dist/electron/preload.cjs',
  logLevel: 'warning',
});
