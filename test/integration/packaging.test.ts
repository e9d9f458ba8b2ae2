// What a shop would install (issue 16). Runs electron-builder with the project's own
// configuration (build/electron-builder.yml), `--linux --dir`, and inspects the result.
// Two things differ from `npm run package` on a build machine, both because this machine
// has no network: Electron is a stand-in folder (a script carrying Electron's fuse wire,
// so the fuse step really runs on it), and the native rebuild for Electron's ABI is off
// (it downloads Electron's headers). Everything else — the files list, asar, unpacking,
// the node_modules selection, fuses, extra resources, the update channel — is the real run.
//
// electron-builder comes from the project's devDependencies. Until it is installed the
// test skips and says so. For checking this test before that, CASHDESK_ELECTRON_BUILDER_DIR
// may point at an electron-builder package installed elsewhere (its folder, holding cli.js).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractAsar, readAsar, type AsarArchive } from '../support/asarArchive.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const configFile = join(root, 'build', 'electron-builder.yml');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function findBuilderCli(): { cli: string } | { reason: string } {
  try {
    return { cli: createRequire(join(root, 'package.json')).resolve('electron-builder/cli.js') };
  } catch {
    const dir = process.env.CASHDESK_ELECTRON_BUILDER_DIR;
    if (dir && existsSync(join(dir, 'cli.js'))) return { cli: join(dir, 'cli.js') };
    return { reason: 'electron-builder is not installed (add it to devDependencies: npm install -D electron-builder); skipping the packaging test' };
  }
}
const builder = findBuilderCli();
if ('reason' in builder) process.stderr.write(`packaging.test.ts: ${builder.reason}\n`);

// @electron/fuses: a 32-byte sentinel, the wire version (1), the wire length, then one
// byte per fuse, '0' off and '1' on. Order: RunAsNode, EnableCookieEncryption,
// EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
// EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
// LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULT_WIRE = '10110001';

function standInElectron(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.from([1, ELECTRON_DEFAULT_WIRE.length, ...Buffer.from(ELECTRON_DEFAULT_WIRE)]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n# stand-in Electron for the packaging test\nexit 0\n# '), Buffer.from(FUSE_SENTINEL), wire, Buffer.from('\n')]));
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
}

function fuseWire(binary: string): string {
  const raw = readFileSync(binary);
  const at = raw.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error(`no fuse sentinel in ${binary}`);
  const length = raw[at + FUSE_SENTINEL.length + 1]!;
  return raw.subarray(at + FUSE_SENTINEL.length + 2, at + FUSE_SENTINEL.length + 2 + length).toString('latin1');
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe.skipIf('reason' in builder)('the packed app (electron-builder --dir, stand-in Electron)', () => {
  let work: string;
  let resources: string;
  let asar: AsarArchive;
  let paths: string[];
  let nodeModules: string;

  beforeAll(async () => {
    const cli = (builder as { cli: string }).cli;
    work = mkdtempSync(join(tmpdir(), 'cashdesk-pack-'));
    await run('npm', ['run', 'build'], { cwd: root });
    standInElectron(join(work, 'electron-dist'));
    nodeModules = realpathSync(join(root, 'node_modules'));

    // npm cannot list a dependency tree whose node_modules is a link to another checkout
    // (the engineers' git worktrees): it reports every package as extraneous and
    // electron-builder then silently leaves transitive dependencies out. There, pack a
    // copy that asks electron-builder to walk node_modules itself (its "traversal"
    // collector, which follows package.json dependencies just the same).
    let projectDir = root;
    if (lstatSync(join(root, 'node_modules')).isSymbolicLink()) {
      projectDir = join(work, 'project');
      mkdirSync(projectDir);
      for (const f of ['package-lock.json', 'build', 'dist']) cpSync(join(root, f), join(projectDir, f), { recursive: true });
      writeFileSync(join(projectDir, 'package.json'), JSON.stringify({ ...pkg, packageManager: 'traversal@1.0.0' }, null, 2));
      symlinkSync(nodeModules, join(projectDir, 'node_modules'));
      process.stderr.write('packaging.test.ts: node_modules is a link (a worktree): packing a copy with electron-builder\'s traversal collector\n');
    }
    const electronVersion = (JSON.parse(readFileSync(join(nodeModules, 'electron', 'package.json'), 'utf8')) as { version: string }).version;
    const out = join(work, 'out');
    await run(process.execPath, [cli, '--linux', '--dir', '--projectDir', projectDir, '--config', join(projectDir, 'build', 'electron-builder.yml'), '--publish', 'never',
      `-c.electronDist=${join(work, 'electron-dist')}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false', `-c.directories.output=${out}`], { cwd: projectDir, maxBuffer: 16 * 1024 * 1024 });
    resources = join(out, 'linux-unpacked', 'resources');
    asar = readAsar(join(resources, 'app.asar'));
    paths = asar.entries.map((e) => e.path);
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('writes its installers outside dist/ (the project\'s own build folder)', () => {
    const output = /^directories:\s*\n(?:\s+.*\n)*?\s+output:\s*(\S+)/m.exec(readFileSync(configFile, 'utf8'))?.[1];
    expect(output).toBeDefined();
    expect(output).not.toMatch(/^(\.\/)?dist(\/|$)/);
  });

  it('ships the built app and no tests, TypeScript sources, source maps or dev-only bridge', () => {
    for (const f of ['package.json', 'dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/electron/app.js', 'dist/renderer/index.html', 'dist/renderer/customer.html']) expect(paths).toContain(f);
    expect(paths.filter((p) => /(^|\/)(test|tests|__tests__)\//.test(p))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.ts') || p.endsWith('.tsx'))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(paths.filter((p) => !p.startsWith('dist/') && !p.startsWith('node_modules/') && p !== 'package.json')).toEqual([]);
    expect(paths).not.toContain('dist/electron/bridge/devBrowser.js');
    expect(paths).not.toContain('dist/electron/bridge/server.js');
  });

  it('packs the runtime dependencies and none of the dev-only ones', () => {
    const packed = new Set(paths.filter((p) => /^node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(p)).map((p) => p.slice('node_modules/'.length, -'/package.json'.length)));
    for (const name of Object.keys(pkg.dependencies)) expect(packed, name).toContain(name);
    // Dev-only packages that no runtime dependency pulls in (pngjs, say, is also qrcode's).
    for (const name of ['electron', 'vitest', 'typescript', 'vite', 'react', 'esbuild', '@playwright/test', 'fast-check', 'iso_8583', 'jsqr']) expect(packed, name).not.toContain(name);
    expect(Object.keys(pkg.devDependencies)).not.toContain('pngjs');
  });

  it('keeps every native .node file out of the asar: each is in app.asar.unpacked, byte for byte the built one', () => {
    const natives = asar.entries.filter((e) => e.path.endsWith('.node'));
    expect(natives.map((e) => e.path)).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/@serialport/bindings-cpp/prebuilds/linux-x64/@serialport+bindings-cpp.glibc.node']));
    for (const e of natives) {
      expect(e.unpacked, e.path).toBe(true);
      const unpacked = readFileSync(join(resources, 'app.asar.unpacked', e.path));
      expect(unpacked.length, e.path).toBe(e.size);
      // npmRebuild is off here, so the packed addon must be the one in node_modules; on a
      // build machine install-app-deps rebuilds that same file for Electron's ABI first.
      expect(sha256(unpacked), e.path).toBe(sha256(readFileSync(join(nodeModules, e.path.slice('node_modules/'.length)))));
    }
    expect(paths).not.toContain('node_modules/better-sqlite3/build/Release/test_extension.node');
    expect(paths.filter((p) => /\.(c|cc|cpp|h|hpp|gyp)$/.test(p))).toEqual([]);
  });

  it('the packed app loads on its own: every import of main-process code resolves inside the package', async () => {
    const app = join(work, 'extracted');
    extractAsar(asar, join(resources, 'app.asar.unpacked'), app);
    // Everything but main.js (which imports electron): app.js reaches the store, devices,
    // host, payments, printing (pngjs, pdfkit, qrcode) and the sales services.
    const probe = `
      const { createApp } = await import(${JSON.stringify(join(app, 'dist/electron/app.js'))});
      await import(${JSON.stringify(join(app, 'dist/electron/cli.js'))});
      const { silentLogger } = await import(${JSON.stringify(join(app, 'dist/native/log/logger.js'))});
      const core = await createApp({ dataDir: process.argv[1], training: false, devices: 'none', logger: silentLogger });
      process.stdout.write(JSON.stringify(core.status()));
      await core.close();`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe, join(work, 'data')], { cwd: app, env: { ...process.env, NODE_PATH: '' } });
    expect(JSON.parse(stdout)).toMatchObject({ training: false });
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS or --inspect, cookies encrypted, app only from its checked asar', () => {
    const wire = fuseWire(join(resources, '..', 'cashdesk'));
    expect({
      runAsNode: wire[0],
      cookieEncryption: wire[1],
      nodeOptions: wire[2],
      inspectArguments: wire[3],
      asarIntegrity: wire[4],
      onlyLoadFromAsar: wire[5],
      fileProtocolExtraPrivileges: wire[7],
    }).toEqual({ runAsNode: '0', cookieEncryption: '1', nodeOptions: '0', inspectArguments: '0', asarIntegrity: '1', onlyLoadFromAsar: '1', fileProtocolExtraPrivileges: '0' });
  });

  it('carries the udev rules and their install script, and an update channel on a generic server', () => {
    const rules = readFileSync(join(resources, 'udev', '99-cashdesk-serial.rules'), 'utf8');
    expect(rules).toBe(readFileSync(join(root, 'build', 'linux', '99-cashdesk-serial.rules'), 'utf8'));
    expect(existsSync(join(resources, 'udev', 'install-serial-rules.sh'))).toBe(true);
    const update = readFileSync(join(resources, 'app-update.yml'), 'utf8');
    expect(update).toMatch(/^provider: generic$/m);
    expect(update).toMatch(/^channel: latest$/m);
    expect(dirname(resources)).toMatch(/linux-unpacked$/);
  });
});
