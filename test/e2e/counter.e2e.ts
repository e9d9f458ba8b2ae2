/// <reference lib="dom" />
// The issue-7 walk through the counter with the real app core, the training bank host
// and the emulated PIN pad (whose cardholder answers the PIN by itself in training).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { COLA, NOODLES, WATER, customerUrl, drawSignature, operatorSignIn, recordCardSteps, scan, supervisorApproves, seedShop } from './counterSteps.js';

test.setTimeout(120_000);

async function finishPayment(page: Page): Promise<void> {
  await expect(page.getByTestId('pay-done')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('payment-dialog')).toBeHidden();
}

test('a day at the counter: sign-in, card sale with signature, void, QR, cash, settlement, sign-off', async ({ page, context, bridge }) => {
  // Automatic terminal sign-in, then the operator.
  await seedShop(bridge);
  await page.goto(bridge.open);
  await expect(page.getByTestId('chip-terminal')).toContainText('已签到');
  await expect(page.getByTestId('summary-batch')).toHaveText('000001');
  await operatorSignIn(page);
  await expect(page.getByTestId('current-operator')).toContainText('01');

  const customer = await context.newPage();
  await customer.goto(customerUrl(bridge));
  await expect(customer.getByTestId('customer-display')).toHaveAttribute('data-mode', 'idle');

  // Scan three items; the customer display follows the cart.
  await scan(page, COLA, WATER, NOODLES);
  await expect(page.getByTestId('cart-lines').locator('tr')).toHaveCount(3);
  await expect(page.getByTestId('grand-total')).toHaveText('¥9.50');
  await expect(customer.getByTestId('customer-amount')).toHaveText('¥9.50');

  // Card: the pad's steps live, then the cardholder signs on the customer display.
  const steps = await recordCardSteps(page);
  await page.keyboard.press('F10');
  await page.keyboard.press('1');
  await expect(page.getByTestId('signature-wait')).toBeVisible();
  expect((await steps()).filter((s) => ['awaiting-card', 'awaiting-pin', 'authorising'].includes(s)).length).toBeGreaterThan(0);
  await expect(customer.getByTestId('customer-signature')).toBeVisible();
  await expect(customer.getByTestId('customer-amount')).toHaveText('¥9.50');
  await drawSignature(customer);
  await customer.getByTestId('signature-submit').click();
  await expect(customer.getByTestId('customer-thanks')).toBeVisible();

  // The e-slip shows the signature the cardholder drew.
  await expect(page.getByTestId('slip-step')).toBeVisible();
  const sig = page.getByTestId('eslip-signature');
  await expect(sig).toBeVisible();
  expect(await sig.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBOR/);
  expect(await sig.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(50);
  await expect(page.getByTestId('eslip-amount')).toHaveText('¥9.50');
  // The merchant copy prints by itself (training: the ESC/POS emulator).
  await expect(page.getByTestId('eslip-print-status')).toHaveAttribute('data-state', 'ok');
  const stan = (await page.getByTestId('eslip').locator('.eslip-row', { hasText: '凭证号' }).locator('dd').textContent())!.trim();
  expect(stan).toMatch(/^\d{6}$/);
  await page.keyboard.press('Enter');
  await finishPayment(page);
  await expect(page.getByTestId('last-sale')).toContainText('¥9.50');
  await expect(page.getByTestId('cart-lines').locator('tr')).toHaveCount(0);

  // Void it from the journal with the supervisor (the emulator presents the same card).
  await page.getByTestId('nav-journal').click();
  const row = page.locator(`[data-testid="journal-row"][data-stan="${stan}"]`);
  await row.click();
  await page.getByTestId('journal-void').click();
  await supervisorApproves(page);
  await expect(page.getByTestId('journal-outcome')).toContainText('交易成功');
  await expect(row).toContainText('已撤销');

  // QR: any 18-19 digits starting 28 approves after one pending query.
  await page.getByTestId('nav-sale').click();
  await scan(page, COLA, COLA);
  await expect(page.getByTestId('grand-total')).toHaveText('¥6.00');
  await page.keyboard.press('F10');
  await page.keyboard.press('2');
  await expect(customer.getByTestId('customer-display')).toHaveAttribute('data-mode', 'qr');
  await page.getByTestId('qr-code').fill('281234567890123456');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('qr-countdown')).toBeVisible();
  await expect(page.getByTestId('qr-pending')).toHaveAttribute('data-step', 'qr-pending');
  await finishPayment(page);

  // Cash with change.
  await scan(page, NOODLES);
  await page.keyboard.press('F10');
  await page.keyboard.press('3');
  await page.getByTestId('cash-tendered').fill('10');
  await expect(page.getByTestId('cash-change')).toHaveText('¥5.50');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pay-done')).toContainText('¥5.50');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('last-change')).toHaveText('¥5.50');

  // Settlement without the automatic sign-off, so the supervisor signs off by hand.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('config-signOffAfterSettle').uncheck();
  await page.getByTestId('config-save').click();
  await supervisorApproves(page);
  await expect(page.getByText('已保存。')).toBeVisible();
  await page.getByTestId('nav-settlement').click();
  await expect(page.getByTestId('settle-preview-sales')).toContainText('1 笔 ¥6.00');
  await page.getByTestId('settle-button').click();
  await expect(page.getByTestId('settle-result')).toHaveAttribute('data-balanced', 'yes');
  await expect(page.getByTestId('settle-signed-off')).toHaveText('否');
  await expect(page.getByTestId('settle-print-status')).toHaveAttribute('data-state', 'ok');
  await page.getByTestId('signoff-button').click();
  await supervisorApproves(page);
  await expect(page.getByTestId('signoff-done')).toBeVisible();
  await expect(page.getByTestId('chip-terminal')).toContainText('已签退');
});

test('wrong passwords count down, then lock the operator out with the time and what to do', async ({ page, bridge }) => {
  await page.goto(bridge.open);
  await expect(page.getByTestId('operator-signin')).toBeVisible();
  for (let left = 4; left >= 1; left--) {
    await page.getByTestId('signin-operator').fill('01');
    await page.getByTestId('signin-password').fill('9999');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signin-error')).toHaveText(`操作员号或密码错误，还可尝试 ${left} 次。`);
  }
  await page.getByTestId('signin-password').fill('9999');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signin-error')).toContainText('密码错误次数过多，该操作员已锁定至');
  await expect(page.getByTestId('signin-error')).toContainText('请主管解锁');
  // The right password does not help while locked.
  await page.getByTestId('signin-password').fill('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signin-error')).toContainText('已锁定');
  // English shows the English half of the same message.
  await page.getByTestId('language-switch').click();
  await page.getByTestId('signin-password').fill('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signin-error')).toContainText('Too many wrong passwords');
});

test('bank down: the start-up screen says why and signs in by hand when the bank is back', async ({ page, bridge }) => {
  await page.goto(bridge.open);
  await operatorSignIn(page);
  await page.getByTestId('nav-diagnostics').click();
  await page.getByTestId('drill-host-down').click();
  await expect(page.getByTestId('diag-message')).toContainText('模拟银行已断线');
  // A reset signs the operator out and the terminal in again: it cannot reach the bank.
  await page.getByTestId('diag-reset').click();
  await expect(page.getByTestId('startup-screen')).toBeVisible();
  await expect(page.getByTestId('signin-failure-reason')).not.toBeEmpty();
  await expect(page.getByTestId('step-contacting-host')).toHaveAttribute('data-state', 'failed');
  const reason = await page.getByTestId('signin-failure-reason').textContent();
  expect(reason).toMatch(/[\u4e00-\u9fff]/);
  // Manual sign-in while the bank is still down: the reason again, in words.
  await page.getByTestId('manual-signin').click();
  await expect(page.getByTestId('signin-failure-reason')).toBeVisible();
  // The bank comes back (training drill through the contract), then 手动签到.
  const { connectBridge } = await import('../support/bridgeClient.js');
  const client = await connectBridge(bridge.url, bridge.token);
  expect((await client.invoke('training.drill', { action: 'host-up' })).ok).toBe(true);
  client.close();
  await expect(page.getByTestId('manual-signin')).toBeEnabled();
  await page.getByTestId('manual-signin').click();
  await expect(page.getByTestId('operator-signin')).toBeVisible();
  await expect(page.getByTestId('chip-terminal')).toContainText('已签到');
});

test('PIN pad unplugged during a card payment: the reason, then recovery when it is plugged back', async ({ page, bridge }) => {
  await seedShop(bridge);
  await page.goto(bridge.open);
  await operatorSignIn(page);
  await page.getByTestId('nav-diagnostics').click();
  await page.getByTestId('drill-pad-unplug').click();
  await expect(page.getByTestId('diag-message')).toContainText('密码键盘已拔出');
  await page.getByTestId('nav-sale').click();
  await scan(page, COLA);
  await page.keyboard.press('F10');
  await page.keyboard.press('1');
  await expect(page.getByTestId('pay-outcome')).toHaveAttribute('data-approved', 'no');
  await expect(page.getByTestId('pay-error')).toContainText('密码键盘');
  await expect(page.getByTestId('pay-error')).toContainText('已断开');
  // Plugged back in: the pad recovers by itself and the retry goes through.
  const { connectBridge } = await import('../support/bridgeClient.js');
  const client = await connectBridge(bridge.url, bridge.token);
  expect((await client.invoke('training.drill', { action: 'pad-replug' })).ok).toBe(true);
  client.close();
  await expect(page.getByTestId('chip-pinpad')).toContainText('就绪');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signature-wait')).toBeVisible();
  await page.getByTestId('signature-refused').click();
  await expect(page.getByTestId('eslip-signature-status')).toHaveText('持卡人拒签');
});
