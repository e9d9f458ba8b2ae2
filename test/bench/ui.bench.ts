/// <reference lib="dom" />
// `npm run bench -- ui`: scan-to-cart render time of the counter screen with a 200-line
// cart, in Debian's Chromium through the test bridge (the real app core behind it).
// The cart./product. channels are not in the contract yet, so the counter runs on its
// local sales adapter; this bench feeds that adapter a generated 260-product catalogue
// (renderer/src/sales/localSales.ts DEMO_CATALOGUE_KEY). What it measures is the
// renderer's part: a trusted Enter from the scanner → the adapter → React render and
// commit → style and layout of the updated cart. It is a benchmark: it reports, it does
// not assert.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromiumLaunch } from '../e2e/playwright.config.js';
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

function catalogue(): unknown[] {
  return Array.from({ length: PRODUCTS }, (_, i) => ({
    id: i + 1,
    barcodes: [ean13(`200${String(i + 1).padStart(9, '0')}`)],
    name: `测试商品 ${String(i + 1).padStart(3, '0')} Bench item`,
    pinyinInitials: 'cssp',
    category: '测试',
    unit: '个',
    priceFen: 100 + ((i * 37) % 900),
    memberPriceFen: null,
    stock: 1000,
    active: true,
  }));
}

export async function run(): Promise<void> {
  if (!existsSync(join(root, 'dist/renderer/index.html')) || !existsSync(join(root, 'dist/electron/bridge/devBrowser.js'))) {
    throw new Error('ui bench: build first (npm run build)');
  }
  const tmp = makeTempDir('cashdesk-uibench-');
  const core = spawn(process.execPath, [join(root, 'dist/electron/bridge/devBrowser.js')], { cwd: root, env: { ...process.env, CASHDESK_DATA_DIR: tmp.dir }, stdio: ['ignore', 'pipe', 'inherit'] });
  const info = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: core.stdout! }).once('line', resolve))) as { open: string };
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const products = catalogue() as Array<{ barcodes: string[] }>;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript((json) => localStorage.setItem('cashdesk.demoCatalogue', json), JSON.stringify(products));
    await page.goto(info.open);
    await page.getByTestId('signin-operator').fill('01');
    await page.getByTestId('signin-password').fill('1111');
    await page.keyboard.press('Enter');
    await page.getByTestId('barcode-input').waitFor();

    // Timestamps in the page: the scanner's Enter (capture phase, before React), then the
    // first change to the cart rows, with style and layout forced right there.
    await page.evaluate(() => {
      const w = window as unknown as { __t0: number; __samples: number[] };
      w.__samples = [];
      window.addEventListener('keydown', (e) => e.key === 'Enter' && (w.__t0 = performance.now()), true);
      const body = document.querySelector('[data-testid="cart-lines"]')!;
      new MutationObserver(() => {
        if (!w.__t0) return;
        void (document.querySelector('[data-testid="cart"]') as HTMLElement).offsetHeight;
        w.__samples.push(performance.now() - w.__t0);
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
    const lines = await page.getByTestId('cart-lines').locator('tr').count();
    if (lines !== LINES) throw new Error(`ui bench: expected ${LINES} cart lines, have ${lines}`);
    const fill = await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.splice(0));

    // The same product again: its line's quantity goes up, the cart stays at 200 lines.
    const last = products[LINES - 1]!.barcodes[0]!;
    for (let i = 0; i < SAMPLES; i++) await scan(last);
    const same = (await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.splice(0))).sort((a, b) => a - b);
    // A new product: a 201st…260th line.
    for (let i = LINES; i < PRODUCTS; i++) await scan(products[i]!.barcodes[0]!);
    const added = (await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.splice(0))).sort((a, b) => a - b);

    const note = 'local sales adapter (cart channels not in the contract yet); Enter → DOM updated + layout';
    report({ bench: 'ui', metric: 'scan_to_cart_200_lines_p50', value: percentile(same, 50), unit: 'ms', goal: '< 16 ms', n: same.length });
    report({ bench: 'ui', metric: 'scan_to_cart_200_lines_p95', value: percentile(same, 95), unit: 'ms', n: same.length });
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
