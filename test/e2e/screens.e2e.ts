/// <reference lib="dom" />
// Every screen in zh-CN and en against committed baselines (test/e2e/screenshots/),
// compared with a tolerance. Clocks, dates, times, ports, paths and bank reference
// numbers are masked; everything else comes from the fresh training database.
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures.js';
import { COLA, NOODLES, WATER, customerUrl, drawSignature, operatorSignIn, scan, supervisorApproves, seedShop } from './counterSteps.js';

test.setTimeout(180_000);

for (const lang of ['zh-CN', 'en'] as const) {
  test(`every screen in ${lang}`, async ({ browser, bridge }) => {
    const context = await browser.newContext({ locale: lang, viewport: { width: 1280, height: 800 } });
    await context.addInitScript((l) => localStorage.setItem('cashdesk.language', l), lang);
    const page = await context.newPage();
    const customer = await context.newPage();
    await customer.setViewportSize({ width: 800, height: 600 });
    const always = (p: Page): Locator[] => [p.getByTestId('clock')];
    const shot = async (name: string, mask: Locator[] = []): Promise<void> => {
      await expect(page).toHaveScreenshot(`${lang}-${name}.png`, { mask: [...always(page), ...mask] });
    };
    const customerShot = async (name: string, mask: Locator[] = []): Promise<void> => {
      await expect(customer).toHaveScreenshot(`${lang}-customer-${name}.png`, { mask });
    };
    const slipMask = (p: Page): Locator[] => {
      const rows = p.getByTestId('eslip').locator('.eslip-row');
      return [rows.nth(8).locator('dd'), rows.nth(9).locator('dd'), rows.nth(10).locator('dd')];
    };

    await seedShop(bridge);
    await page.goto(bridge.open);
    await customer.goto(customerUrl(bridge));
    await expect(page.getByTestId('summary-batch')).toHaveText('000001');
    await shot('operator-signin');
    await expect(customer.getByTestId('customer-display')).toHaveAttribute('data-mode', 'idle');
    await customerShot('idle');

    await operatorSignIn(page);
    await shot('sale-empty');
    await page.keyboard.press('F1');
    await shot('help');
    await page.keyboard.press('Escape');

    await scan(page, COLA, WATER, `2*${NOODLES}`);
    await page.keyboard.press('F2');
    await page.keyboard.type('13800138000');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('member-box')).toContainText('张三');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('discount-dialog')).toBeVisible();
    await page.keyboard.type('9');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('grand-total')).toHaveText('¥13.10');
    await shot('sale-cart');
    await expect(customer.getByTestId('customer-amount')).toHaveText('¥13.10');
    await customerShot('amount');

    await page.keyboard.press('F3');
    await page.keyboard.type('k');
    await expect(page.getByTestId('search-results').locator('li').first()).toBeVisible();
    await shot('search');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F4');
    await shot('quantity');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F5');
    await page.getByTestId('discount-mode-price').click();
    await page.getByTestId('discount-input').fill('4');
    await shot('discount');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('supervisor-dialog')).toBeVisible();
    await shot('supervisor');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await page.keyboard.press('F10');
    await shot('pay-choose');
    await page.keyboard.press('3');
    await page.getByTestId('cash-tendered').fill('20');
    await shot('pay-cash');
    await page.keyboard.press('Escape');
    await page.keyboard.press('4');
    await page.getByTestId('cash-part').fill('5');
    await shot('pay-mixed');
    await page.keyboard.press('Escape');
    await page.keyboard.press('2');
    await expect(customer.getByTestId('customer-display')).toHaveAttribute('data-mode', 'qr');
    await shot('pay-qr');
    await customerShot('qr');
    await page.keyboard.press('Escape');

    // Card: the signature on the customer display, then the e-slip.
    await page.keyboard.press('1');
    await expect(page.getByTestId('signature-wait')).toBeVisible();
    await shot('pay-signature-wait');
    await expect(customer.getByTestId('customer-signature')).toBeVisible();
    await customerShot('signature', [customer.getByTestId('signature-countdown')]);
    await drawSignature(customer);
    await customer.getByTestId('signature-submit').click();
    await expect(customer.getByTestId('customer-thanks')).toBeVisible();
    await customerShot('thanks');
    await expect(page.getByTestId('eslip-signature')).toBeVisible();
    await shot('pay-eslip', slipMask(page));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pay-done')).toBeVisible();
    await shot('pay-done', [page.getByTestId('pay-sale-no')]);
    await page.keyboard.press('Enter');
    await shot('sale-after', [page.getByTestId('last-sale-no')]);

    // A declined card (the pad unplugged) shows the reason in words.
    await scan(page, COLA);
    const { connectBridge } = await import('../support/bridgeClient.js');
    const client = await connectBridge(bridge.url, bridge.token);
    await client.invoke('training.drill', { action: 'pad-unplug' });
    await page.keyboard.press('F10');
    await page.keyboard.press('1');
    await expect(page.getByTestId('pay-error')).toBeVisible();
    await shot('pay-failed');
    await client.invoke('training.drill', { action: 'pad-replug' });
    await expect(page.getByTestId('chip-pinpad')).toHaveAttribute('class', /chip-ok/);
    await page.keyboard.press('2');
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pay-done')).toBeVisible();
    await page.keyboard.press('Enter');

    await page.getByTestId('nav-journal').click();
    await expect(page.getByTestId('journal-row')).toHaveCount(2);
    await page.getByTestId('journal-row').last().click();
    await expect(page.getByTestId('eslip-signature')).toBeVisible();
    const journalMask = [page.locator('.filters input[type=date]'), page.getByTestId('journal-table').locator('td:nth-child(1), td:nth-child(8)'), ...slipMask(page)];
    await shot('journal', journalMask);

    await page.getByTestId('journal-kind-sales').click();
    await expect(page.getByTestId('sales-row')).toHaveCount(2);
    await page.getByTestId('sales-row').filter({ hasText: '¥13.10' }).click();
    await expect(page.getByTestId('sale-detail')).toContainText('¥13.10');
    await shot('journal-sales', [page.getByTestId('sales-day'), page.getByTestId('sales-table').locator('td:nth-child(1), td:nth-child(3)'), page.getByTestId('sale-detail').locator('h3')]);

    await page.getByTestId('nav-settlement').click();
    await expect(page.getByTestId('settle-current-batch')).toHaveText('000001');
    await shot('settlement');
    await page.getByTestId('nav-reports').click();
    await expect(page.getByTestId('kpi-sales')).not.toHaveText('¥0.00');
    await shot('reports', [page.getByTestId('report-date'), page.getByTestId('chart-hour')]);
    await page.getByTestId('nav-products').click();
    await page.getByTestId('products-search').fill('69200001000');
    await expect(page.getByTestId('products-table').locator('tbody tr')).toHaveCount(9);
    await page.getByTestId('products-table').locator('tbody tr').first().click();
    await expect(page.getByTestId('product-form')).toBeVisible();
    await shot('products');
    await page.getByTestId('nav-members').click();
    await page.getByTestId('members-search').fill('张');
    await page.locator('.member-card').first().click();
    await expect(page.getByTestId('member-balance')).toBeVisible();
    await shot('members');
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('config-port')).not.toHaveValue('');
    await shot('settings-terminal', [page.getByTestId('config-port')]);
    await page.getByTestId('settings-policy').click();
    await shot('settings-policy');
    await page.getByTestId('settings-operators').click();
    await expect(page.getByTestId('operators-list').locator('tbody tr')).toHaveCount(3);
    await shot('settings-operators');
    await page.getByTestId('settings-printer').click();
    await expect(page.getByTestId('printer-settings')).toBeVisible();
    await shot('settings-printer');
    await page.getByTestId('open-wizard').click();
    await shot('setup-wizard');
    await page.getByTestId('setup-next').click();
    await page.getByTestId('setup-next').click();
    await shot('setup-wizard-pinpad');
    await page.getByTestId('nav-diagnostics').click();
    await expect(page.getByTestId('host-frames')).toBeVisible();
    await shot('diagnostics', [page.getByTestId('status-db'), page.getByTestId('status-version'), page.getByTestId('status-schema'), page.getByTestId('status-started'), page.getByTestId('diag-drift'), page.locator('.audit-list'), page.getByTestId('host-frames')]);

    // Settle, then the lock screen.
    await page.getByTestId('nav-settlement').click();
    await page.getByTestId('settle-button').click();
    await expect(page.getByTestId('settle-result')).toBeVisible();
    await shot('settlement-done');
    await page.getByTestId('lock-button').click();
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    await shot('lock');
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('sale-screen')).toBeVisible();

    // The bank is down at start-up: the steps, the reason, the retry countdown.
    await client.invoke('training.drill', { action: 'host-down' });
    await client.invoke('device.reset', {});
    await expect(page.getByTestId('startup-screen')).toBeVisible();
    await expect(page.getByTestId('retry-countdown')).toBeVisible();
    await shot('startup-failed', [page.getByTestId('retry-countdown'), page.getByTestId('signin-failure-reason')]);
    client.close();
    void supervisorApproves;
    await context.close();
  });
}
