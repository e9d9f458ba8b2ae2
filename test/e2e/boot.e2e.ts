import { expect, test } from './fixtures.js';

test('the counter opens signed in to the bank; diagnostics shows the database path and version main reported', async ({ page, bridge }) => {
  await page.goto(bridge.open);
  await expect(page.getByTestId('training-banner')).toContainText('培训模式');
  await expect(page.getByTestId('chip-terminal')).toContainText('已签到');
  await expect(page.getByRole('heading', { name: '操作员签到' })).toBeVisible();
  await page.getByTestId('signin-operator').fill('01');
  await page.getByTestId('signin-password').fill('1111');
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('nav-diagnostics').click();
  await expect(page.getByTestId('status-db')).toHaveText(bridge.dbPath);
  const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
  await expect(page.getByTestId('status-version')).toHaveText(pkg.version);
  // Chinese first, English on the switch.
  await expect(page.getByRole('heading', { name: '系统状态' })).toBeVisible();
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('heading', { name: 'System status' })).toBeVisible();
});

test('without the token the page cannot reach the core', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  await expect(page.getByTestId('status-error')).toBeVisible();
});
