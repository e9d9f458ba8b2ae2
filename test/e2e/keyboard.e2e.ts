/// <reference lib="dom" />
// The same sale with the keyboard only: not one pointer event reaches the cashier's page.
// (The cardholder signs on the customer display with a finger: that is the customer's
// screen, not the cashier's.)
import { expect, test } from './fixtures.js';
import { COLA, NOODLES, WATER, customerUrl, drawSignature, seedShop } from './counterSteps.js';

test.setTimeout(90_000);

test('a sale from sign-in to the e-slip with the keyboard only', async ({ page, context, bridge }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __pointer: number };
    w.__pointer = 0;
    // Enter on a focused button or a form fires a trusted click; a mouse always fires pointerdown first.
    for (const type of ['pointerdown', 'mousedown', 'touchstart']) window.addEventListener(type, (e) => e.isTrusted && w.__pointer++, true);
  });
  await seedShop(bridge);
  await page.goto(bridge.open);
  await expect(page.getByTestId('operator-signin')).toBeVisible();
  const customer = await context.newPage();
  await customer.goto(customerUrl(bridge));
  await page.bringToFront();

  // Operator number (the field has focus; two digits move on to the password), Enter.
  await page.keyboard.type('01');
  await page.keyboard.type('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-screen')).toBeVisible();
  await expect(page.getByTestId('barcode-input')).toBeFocused();

  // Scanner input, a quantity prefix, search by pinyin initials, quantity, discount, member.
  for (const code of [COLA, WATER]) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.type(`2*${NOODLES}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cart-lines').locator('tr')).toHaveCount(3);
  await expect(page.getByTestId('grand-total')).toHaveText('¥14.00');

  await page.keyboard.press('F3');
  await page.keyboard.type('nfsq');
  await expect(page.getByTestId('search-results').locator('li')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cart-lines').locator('tr')).toHaveCount(4);

  await page.keyboard.press('F4');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cart-lines').locator('tr').nth(3)).toContainText('3');
  await expect(page.getByTestId('grand-total')).toHaveText('¥20.00');

  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('F5');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  // 5折 is beyond a cashier's 10 % limit: the supervisor types the password (00 is preset).
  await expect(page.getByTestId('supervisor-password')).toBeFocused();
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  // 5折 on 2 × ¥4.50: ¥4.50 off.
  await expect(page.getByTestId('grand-total')).toHaveText('¥15.50');

  await page.keyboard.press('F2');
  await page.keyboard.type('13800138000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-box')).toContainText('张三');

  // Space pays from the empty barcode field; 1 = card.
  await expect(page.getByTestId('barcode-input')).toBeFocused();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('tender-choice')).toBeVisible();
  await page.keyboard.press('1');
  await expect(page.getByTestId('signature-wait')).toBeVisible();
  await drawSignature(customer);
  await customer.getByTestId('signature-submit').click();
  await expect(page.getByTestId('eslip-signature')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pay-done')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('last-sale')).toContainText('¥15.50');

  // And a cash sale: F10, 3, the amount received, Enter, Enter.
  await expect(page.getByTestId('barcode-input')).toBeFocused();
  await page.keyboard.type(COLA);
  await page.keyboard.press('Enter');
  await page.keyboard.press('F10');
  await expect(page.getByTestId('tender-choice')).toBeVisible();
  await page.keyboard.press('3');
  await page.keyboard.type('20');
  await expect(page.getByTestId('cash-change')).toHaveText('¥17.00');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pay-done')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('last-change')).toHaveText('¥17.00');

  // Alt+2 opens the journal: both sales are there.
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('journal-row')).toHaveCount(2);

  expect(await page.evaluate(() => (window as unknown as { __pointer: number }).__pointer)).toBe(0);
});
