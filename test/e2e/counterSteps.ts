/// <reference lib="dom" />
// Steps the counter e2e tests share: what a cashier does, through the UI only.
import { expect, type Page } from '@playwright/test';
import type { RunningBridge } from './fixtures.js';
import { connectBridge } from '../support/bridgeClient.js';
import { DEMO_MEMBERS, DEMO_PRODUCTS } from '../../renderer/src/sales/demoData.js';

/** Training catalogue barcodes (renderer/src/sales/demoData.ts), seeded by seedShop(). */
export const COLA = '6920000100019'; // 可口可乐 330ml ¥3.00
export const WATER = '6920000100026'; // 农夫山泉 550ml ¥2.00
export const NOODLES = '6920000100033'; // 康师傅红烧牛肉面 ¥4.50

export const SUPERVISOR = { id: '00', password: '123456' };

export function customerUrl(bridge: RunningBridge): string {
  return bridge.open.replace('/#', '/customer.html#');
}

export async function operatorSignIn(page: Page, id = '01', password = '1111'): Promise<void> {
  await expect(page.getByTestId('operator-signin')).toBeVisible();
  await page.getByTestId('signin-operator').fill(id);
  await page.getByTestId('signin-password').fill(password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-screen')).toBeVisible();
}

/** A scanner is a keyboard that ends with Enter, typing into whatever has focus. */
export async function scan(page: Page, ...codes: string[]): Promise<void> {
  for (const code of codes) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('barcode-input')).toHaveValue('');
  }
}

export async function supervisorApproves(page: Page): Promise<void> {
  const dialog = page.getByTestId('supervisor-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('supervisor-id').fill(SUPERVISOR.id);
  await dialog.getByTestId('supervisor-password').fill(SUPERVISOR.password);
  await dialog.getByTestId('supervisor-confirm').click();
}

/** Draws a signature on the customer display's canvas with the pointer, like a finger. */
export async function drawSignature(customer: Page): Promise<void> {
  const canvas = customer.getByTestId('signature-canvas');
  await expect(canvas).toBeVisible();
  const box = (await canvas.boundingBox())!;
  const strokes = [
    [0.15, 0.6, 0.3, 0.3, 0.45, 0.65],
    [0.5, 0.35, 0.6, 0.62, 0.72, 0.4, 0.85, 0.6],
  ];
  for (const s of strokes) {
    await customer.mouse.move(box.x + box.width * s[0]!, box.y + box.height * s[1]!);
    await customer.mouse.down();
    for (let i = 2; i < s.length; i += 2) {
      const [x0, y0, x1, y1] = [s[i - 2]!, s[i - 1]!, s[i]!, s[i + 1]!];
      for (let k = 1; k <= 8; k++) await customer.mouse.move(box.x + box.width * (x0 + ((x1 - x0) * k) / 8), box.y + box.height * (y0 + ((y1 - y0) * k) / 8));
    }
    await customer.mouse.up();
  }
}

/** Records every pad/bank step the card dialog shows (they can pass in milliseconds). */
export async function recordCardSteps(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __cardSteps: string[] }).__cardSteps = seen;
    const note = (): void => {
      const el = document.querySelector('[data-testid="card-progress"]');
      const step = el?.getAttribute('data-step');
      if (step && seen[seen.length - 1] !== step) seen.push(step);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step'] });
  });
  return () => page.evaluate(() => (window as unknown as { __cardSteps: string[] }).__cardSteps);
}

/**
 * The shop's data for a fresh training database, through the contract (as the Products
 * and Members screens' "load training data" buttons do): the training catalogue and the
 * member 张三 (13800138000, payment password 135790, ¥0 stored value unless topped up).
 */
export async function seedShop(bridge: RunningBridge, options: { storedValueFen?: number } = {}): Promise<void> {
  const client = await connectBridge(bridge.url, bridge.token);
  try {
    const call = async (channel: string, payload: unknown): Promise<unknown> => {
      const r = await client.invoke(channel, payload);
      if (!r.ok) throw new Error(`${channel}: ${r.message}`);
      return r.value;
    };
    await call('operator.signIn', { operatorId: '01', password: '1111' });
    for (const p of DEMO_PRODUCTS) await call('product.create', { ...p, barcodes: [...p.barcodes] });
    for (const m of DEMO_MEMBERS) {
      const member = (await call('member.create', { phone: m.phone, name: m.name, cardNo: m.cardNo, password: m.password })) as { id: number };
      if (options.storedValueFen && m.password) await call('member.recharge', { memberId: member.id, amountFen: options.storedValueFen, paidBy: 'cash', reference: null });
    }
    await call('operator.signOut', {});
  } finally {
    client.close();
  }
}
