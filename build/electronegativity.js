// Static security scan of the Electron sources (issue 2): fails on any HIGH finding.
// Offline: the Electron version is given, so it never needs to fetch release data.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
mkdirSync('.tmp', { recursive: true });
const out = '.tmp/electronegativity.csv';
const bin = require.resolve('@doyensec/electronegativity/dist/index.js');
const run = spawnSync(process.execPath, [bin, '-i', 'electron', '-e', electronVersion, '-r', '-o', out], { encoding: 'utf8' });
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  process.exit(run.status ?? 1);
}
const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1).filter(Boolean);
const high = rows.filter((r) => r.split(',')[1] === '"HIGH"');
for (const r of rows) process.stdout.write(`electronegativity: ${r.split(',').slice(0, 5).join(' ')}\n`);
process.stdout.write(`electronegativity: ${rows.length} findings, ${high.length} HIGH (Electron ${electronVersion})\n`);
process.exit(high.length ? 1 : 0);
