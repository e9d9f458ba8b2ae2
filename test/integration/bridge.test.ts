import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/app.js';
import { startBridge, type Bridge } from '../../electron/bridge/server.js';
import { connectBridge } from '../support/bridgeClient.js';
import { makeTempDir } from '../support/tempDir.js';

let tmp: ReturnType<typeof makeTempDir>;
let app: App;
let bridge: Bridge;

beforeEach(async () => {
  tmp = makeTempDir();
  const rendererDir = join(tmp.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'do not serve');
  app = await createApp({ dataDir: tmp.dir, training: true, devices: 'none' });
  bridge = await startBridge(app, { rendererDir });
});
afterEach(async () => {
  await bridge.close();
  await app.close();
  tmp.cleanup();
});

describe('test bridge: the contract over a WebSocket', () => {
  it('answers app.status with what the main side reports', async () => {
    const c = await connectBridge(bridge.url, bridge.token);
    const r = await c.invoke('app.status', {});
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ dbPath: join(tmp.dir, 'cashdesk-training.db'), training: true, schemaVersion: app.store.schemaVersion });
    c.close();
  });

  it('gives a validation error for a malformed payload, in both languages', async () => {
    const c = await connectBridge(bridge.url, bridge.token);
    const r = await c.invoke('app.status', { unexpected: 1 });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(r.message).toMatch(/请求内容不正确.*invalid/s);
    const notJson = (await c.sendRaw('{not json')) as { ok: boolean; code: string };
    expect(notJson).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    c.close();
  });

  it('refuses an unknown channel', async () => {
    const c = await connectBridge(bridge.url, bridge.token);
    expect(await c.invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
    expect(await c.invoke('__proto__', {})).toMatchObject({ ok: false, code: 'UNKNOWN_CHANNEL' });
    c.close();
  });

  it('refuses a wrong token, a missing token and a foreign origin', async () => {
    await expect(connectBridge(bridge.url, 'wrong')).rejects.toThrow(/401/);
    await expect(connectBridge(bridge.url, '')).rejects.toThrow(/401/);
    await expect(connectBridge(bridge.url, bridge.token, 'http://evil.example')).rejects.toThrow(/401/);
  });

  it('forwards events from main to connected pages', async () => {
    const c = await connectBridge(bridge.url, bridge.token);
    app.events.emit('app.status', app.status());
    await expect.poll(() => c.events.length).toBe(1);
    expect(c.events[0]!.event).toBe('app.status');
    c.close();
  });

  it('serves the renderer with the CSP and refuses paths outside it', async () => {
    const page = await fetch(`${bridge.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${bridge.url}/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${bridge.url}/%2e%2e/secret.txt`)).status).toBe(404);
  });
});
