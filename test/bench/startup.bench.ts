// `npm run bench -- startup` (spec/bench.md, issue 5):
// - cold_start_to_signed_in: a fresh node process with a fresh data folder, from the
//   process's start to the terminal signed in, in training mode (store created and
//   migrated, training operators made, training host and emulated pad started, 0800, keys
//   loaded into the pad with KCVs checked). The app runs as compiled JavaScript laid out
//   like dist/ (each source file transpiled by esbuild into node_modules/.cache, not
//   bundled), so module loading is counted as a shop would see it, without tsx. Electron's
//   own start-up and the window are not part of it.
// - create_app_to_signed_in: the same from createApp() in this (warm) process.
// Medians of RUNS runs (default 10, env BENCH_STARTUP_RUNS).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { createApp, type App } from '../../electron/app.js';
import { makeTempDir } from '../support/tempDir.js';
import { percentile, report } from './report.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? '10');
const root = join(import.meta.dirname, '..', '..');
const outdir = join(root, 'node_modules', '.cache', 'cashdesk-bench-startup');

function whenSignedIn(app: App, timeoutMs = 15_000): Promise<void> {
  if (app.terminal.status().signedIn) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not signed in after ${timeoutMs} ms: ${JSON.stringify(app.terminal.status().failure)}`)), timeoutMs);
    const off = app.events.on('terminal.status', (s) => {
      if (!s.signedIn) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** What a fresh process runs: its clock starts with the process (performance.timeOrigin). */
const childSource = (appUrl: string): string => `
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const dir = mkdtempSync(join(tmpdir(), 'cashdesk-bench-startup-'));
const { createApp } = await import(${JSON.stringify(appUrl)});
const imported = performance.now();
const app = await createApp({ dataDir: dir, training: true });
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('not signed in after 15 s')), 15000);
  const done = () => { clearTimeout(timer); resolve(); };
  if (app.terminal.status().signedIn) return done();
  const off = app.events.on('terminal.status', (s) => { if (s.signedIn) { off(); done(); } });
});
const signedIn = performance.now();
await app.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ imported, signedIn }) + '\\n');
`;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function run(): Promise<void> {
  // The app as compiled JavaScript, one file per source file (as tsc lays out dist/).
  await build({ entryPoints: ['electron/**/*.ts', 'native/**/*.ts'], absWorkingDir: root, outdir, outbase: root, format: 'esm', platform: 'node', target: 'node20', bundle: false, logLevel: 'error' });
  const appUrl = pathToFileURL(join(outdir, 'electron', 'app.js')).href;

  const cold: number[] = [];
  const imports: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', childSource(appUrl)], { cwd: root, timeout: 30_000 });
    const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as { imported: number; signedIn: number };
    cold.push(r.signedIn);
    imports.push(r.imported);
    process.stderr.write(`  process ${i + 1}/${RUNS}: modules loaded at ${r.imported.toFixed(0)} ms, signed in at ${r.signedIn.toFixed(0)} ms\n`);
  }
  report({ bench: 'startup', metric: 'cold_start_to_signed_in', value: median(cold), unit: 'ms', goal: '<1000', n: RUNS });
  process.stderr.write(`  (of which node start and module loading: median ${median(imports).toFixed(0)} ms; slowest run ${percentile([...cold].sort((a, b) => a - b), 100).toFixed(0)} ms)\n`);

  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const tmp = makeTempDir('cashdesk-bench-startup-');
    const t0 = performance.now();
    const app = await createApp({ dataDir: tmp.dir, training: true });
    try {
      await whenSignedIn(app);
      warm.push(performance.now() - t0);
    } finally {
      await app.close();
      tmp.cleanup();
    }
    process.stderr.write(`  in-process ${i + 1}/${RUNS}: ${warm.at(-1)!.toFixed(0)} ms\n`);
  }
  report({ bench: 'startup', metric: 'create_app_to_signed_in', value: median(warm), unit: 'ms', n: RUNS });
}
