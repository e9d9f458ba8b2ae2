// The back-office screens through the UI: setup wizard, sign-in policy with a supervisor
// at sign-in, products and members entered by hand, the printer's test page, the drawer,
// the audit chain.
import { expect, test } from './fixtures.js';
import { operatorSignIn, scan, supervisorApproves } from './counterSteps.js';

test.setTimeout(90_000);

test('setup wizard saves the terminal and signs in again', async ({ page, bridge }) => {
  await page.goto(bridge.open);
  await operatorSignIn(page, '00', '123456');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('open-wizard').click();
  await expect(page.getByTestId('setup-wizard')).toBeVisible();
  // A bad terminal id is caught before main is asked.
  await page.getByTestId('config-terminalId').fill('123');
  await page.getByTestId('setup-next').click();
  await expect(page.getByText('终端号应为 8 位数字。')).toBeVisible();
  await page.getByTestId('config-terminalId').fill('10000001');
  await page.getByTestId('config-merchantName').fill('培训商户 二号店');
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-next').click();
  await expect(page.getByTestId('setup-summary')).toContainText('二号店');
  await page.getByTestId('setup-next').click();
  await supervisorApproves(page);
  await expect(page.getByTestId('setup-signin-result')).toContainText('签到成功');
  await expect(page.getByTestId('chip-terminal')).toContainText('批次');
});

test('a supervisor confirms cashier sign-ins when the policy says so', async ({ page, bridge }) => {
  await page.goto(bridge.open);
  await operatorSignIn(page, '00', '123456');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-policy').click();
  await page.getByText('收银员签到需主管确认').click();
  await page.getByTestId('policy-save').click();
  await supervisorApproves(page);
  await expect(page.getByText('已保存。')).toBeVisible();
  await page.getByTestId('signout-button').click();
  await page.getByTestId('signin-operator').fill('01');
  await page.getByTestId('signin-password').fill('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signin-supervisor')).toBeVisible();
  await page.getByTestId('signin-supervisor-password').fill('123456');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-screen')).toBeVisible();
  await expect(page.getByTestId('current-operator')).toContainText('01');
});

test('products and members entered by hand, sold and recharged; printer test page, drawer, audit chain', async ({ page, bridge }) => {
  await page.goto(bridge.open);
  await operatorSignIn(page);
  await page.getByTestId('nav-products').click();
  await page.getByTestId('product-new').click();
  await page.getByTestId('product-barcode').fill('6970000000016');
  await page.getByTestId('product-name').fill('手工录入 矿泉水');
  await page.getByTestId('product-price').fill('1.50');
  await page.getByTestId('product-save').click();
  await expect(page.getByTestId('products-info')).toContainText('手工录入 矿泉水');
  await page.getByTestId('products-search').fill('sglr');
  await expect(page.getByTestId('products-table').locator('tbody tr')).toHaveCount(1);

  await page.getByTestId('nav-members').click();
  await page.getByTestId('member-new').click();
  await page.getByTestId('member-phone').fill('13700001111');
  await page.getByTestId('member-name').fill('王五');
  await page.getByTestId('member-save').click();
  await expect(page.getByTestId('member-balance')).toHaveText('¥0.00');
  await page.getByTestId('member-recharge').fill('100');
  await page.getByTestId('member-recharge-submit').click();
  await expect(page.getByTestId('member-balance')).toHaveText(/¥1\d\d\.\d\d/);

  await page.getByTestId('nav-sale').click();
  await scan(page, '6970000000016');
  await expect(page.getByTestId('grand-total')).toHaveText('¥1.50');

  await page.keyboard.press('F7');
  await page.getByTestId('drawer-reason').fill('换零钱');
  await supervisorApproves(page);
  await expect(page.getByTestId('sale-message')).toContainText('钱箱已打开');

  await page.getByTestId('nav-diagnostics').click();
  await page.getByTestId('printer-test-page').click();
  await expect(page.getByTestId('test-page-status')).toHaveAttribute('data-state', /ok|info/);
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-result')).toContainText('审计链完整');
});
