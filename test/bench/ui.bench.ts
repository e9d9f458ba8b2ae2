/// <reference lib="dom" />
// `npm run bench -- ui`: scan-to-cart render time of the counter screen with a 200-line
// cart, in Debian's Chromium through the test bridge with the real app core: a generated
// 260-product catalogue goes in through product.create, then every scan is a trusted
// Enter from the "scanner" submitting the barcode form → cart.addByBarcode over the
// bridge → React render and commit → style and layout of the updated cart. It is a benchmark: it reports, it does not
// assert.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromiumLaunch } from '../e2e/playwright.config.js';
import { connectBridge } from '../support/bridgeClient.js';
import { makeTempDir } from '../support/tempDir.js';
import { percentile, report } from './report.js';

const root = join(import.meta.dirname, '..', '..');
const PRODUCTS = 260;
const LINES = 200;
const SAMPLES = 60;

function ean13(twelve: string): string {
  const sum = [...twelve].reduce((s, c, i) => s + Number(c) * (i % 2 ? 3 : 1), 0);
  return twelve + String((10 - (sum % 10)) % 10);
}

function catalogue(): Array<{ barcodes: string[]; name: string; category: string; unit: string; priceFen: number; openingStock: number }> {
  return Array.from({ length: PRODUCTS }, (_, i) => ({
    barcodes: [ean13(`200${String(i + 1).padStart(9, '0')}`)],
    name: `测试商品 ${String(i + 1).padStart(3, '0')} Bench item`,
    category: '测试',
    unit: '个',
    priceFen: 100 + ((i * 37) % 900),
    openingStock: 1000,
  }));
}

export async function run(): Promise<void> {
  if (!existsSync(join(root, 'dist/renderer/index.html')) || !existsSync(join(root, 'dist/electron/bridge/devBrowser.js'))) {
    throw new Error('ui bench: build first (npm run build)');
  }
  const tmp = makeTempDir('cashdesk-uibench-');
  const core = spawn(process.execPath, [join(root, 'dist/electron/bridge/devBrowser.js')], { cwd: root, env: { ...process.env, CASHDESK_DATA_DIR: tmp.dir }, stdio: ['ignore', 'pipe', 'inherit'] });
  const info = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: core.stdout! }).once('line', resolve))) as { open: string; url: string; token: string };
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const products = catalogue();
    const client = await connectBridge(info.url, info.token);
    await client.invoke('operator.signIn', { operatorId: '01', password: '1111' });
    for (const p of products) {
      const r = await client.invoke('product.create', p);
      if (!r.ok) throw new Error(`ui bench: product.create: ${r.message}`);
    }
    await client.invoke('operator.signOut', {});
    client.close();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Where the time goes: the request leaving on the bridge socket and the cart coming back.
    await page.addInitScript(() => {
      const w = window as unknown as { __sendAt: number; __replyAt: number };
      const send = WebSocket.prototype.send;
      WebSocket.prototype.send = function (data: string) {
        if (String(data).includes('"cart.addByBarcode"')) w.__sendAt = performance.now();
        return send.call(this, data);
      };
      const d = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage')!;
      Object.defineProperty(WebSocket.prototype, 'onmessage', {
        get() {
          return d.get!.call(this);
        },
        set(fn: (ev: MessageEvent) => void) {
          d.set!.call(this, (ev: MessageEvent) => {
            if (String(ev.data).startsWith('{"id"')) w.__replyAt = performance.now();
            fn(ev);
          });
        },
      });
    });
    await page.goto(info.open);
    await page.getByTestId('signin-operator').fill('01');
    await page.getByTestId('signin-password').fill('1111');
    await page.keyboard.press('Enter');
    await page.getByTestId('barcode-input').waitFor();

    // Timestamps in the page: the scanner's Enter submitting the barcode form (capture
    // phase, before React; from keydown would add Playwright's own keydown → keypress
    // gap, which a hardware scanner does not have), then the first change to the cart
    // rows, with style and layout forced right there.
    await page.evaluate(() => {
      const w = window as unknown as { __t0: number; __samples: number[]; __sendAt: number; __replyAt: number; __parts: Array<[number, number]> };
      w.__samples = [];
      w.__parts = [];
      window.addEventListener('submit', () => (w.__t0 = performance.now()), true);
      const body = document.querySelector('[data-testid="cart-lines"]')!;
      new MutationObserver(() => {
        if (!w.__t0) return;
        void (document.querySelector('[data-testid="cart"]') as HTMLElement).offsetHeight;
        const now = performance.now();
        w.__samples.push(now - w.__t0);
        w.__parts.push([w.__replyAt - w.__sendAt, now - w.__replyAt]);
        w.__t0 = 0;
      }).observe(body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const scan = async (code: string): Promise<void> => {
      const n = await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.length);
      await page.keyboard.insertText(code);
      await page.keyboard.press('Enter');
      await page.waitForFunction((k) => (window as unknown as { __samples: number[] }).__samples.length > k, n);
    };

    process.stderr.write(`ui: filling the cart to ${LINES} lines\n`);
    for (let i = 0; i < LINES; i++) await scan(products[i]!.barcodes[0]!);
    const lines = Number(await page.getByTestId('cart-lines').getAttribute('data-count'));
    if (lines !== LINES) throw new Error(`ui bench: expected ${LINES} cart lines, have ${lines}`);
    const fill = await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.splice(0));

    // The same product again: its line's quantity goes up, the cart stays at 200 lines.
    const last = products[LINES - 1]!.barcodes[0]!;
    for (let i = 0; i < SAMPLES; i++) await scan(last);
    const same = (await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.splice(0))).sort((a, b) => a - b);
    const parts = await page.evaluate(() => (window as unknown as { __parts: Array<[number, number]> }).__parts.splice(0));
    const bridge = parts.slice(-SAMPLES).map((p) => p[0]).sort((a, b) => a - b);
    const render = parts.slice(-SAMPLES).map((p) => p[1]).sort((a, b) => a - b);
    // A new product: a 201st…260th line.
    for (let i = LINES; i < PRODUCTS; i++) await scan(products[i]!.barcodes[0]!);
    const added = (await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.splice(0))).sort((a, b) => a - b);

    const note = 'barcode form submitted → cart.addByBarcode over the bridge → DOM updated + layout';
    report({ bench: 'ui', metric: 'scan_to_cart_200_lines_p50', value: percentile(same, 50), unit: 'ms', goal: '< 16 ms', n: same.length });
    report({ bench: 'ui', metric: 'scan_to_cart_200_lines_p95', value: percentile(same, 95), unit: 'ms', n: same.length });
    report({ bench: 'ui', metric: 'scan_200_lines_bridge_round_trip_p50', value: percentile(bridge, 50), unit: 'ms', n: bridge.length });
    report({ bench: 'ui', metric: 'scan_200_lines_reply_to_rendered_p50', value: percentile(render, 50), unit: 'ms', n: render.length });
    report({ bench: 'ui', metric: 'scan_new_line_200_lines_p50', value: percentile(added, 50), unit: 'ms', goal: '< 16 ms', n: added.length });
    report({ bench: 'ui', metric: 'scan_to_cart_fill_0_to_200_p50', value: percentile([...fill].sort((a, b) => a - b), 50), unit: 'ms', n: fill.length });
    process.stderr.write(`ui: ${note}\n`);
  } finally {
    await browser.close();
    core.kill('SIGTERM');
    await new Promise((r) => core.once('exit', r));
    tmp.cleanup();
  }
}
