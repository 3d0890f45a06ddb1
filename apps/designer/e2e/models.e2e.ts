import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, shotOnFailure, type BrowserSession } from './support/browser';
import { login, openBotTab } from './support/ui';

// The demo bot's NLU models: the shipped version with its evaluation; train a new one (progress),
// activate it, roll back to the shipped one, release it as a canary.
describe('NLU models page', () => {
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser('models');
    await login(browser.page);
  });
  afterEach(async (ctx) => shotOnFailure(browser, ctx.task));
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the shipped model as active with its evaluation report', async () => {
    const { page } = browser;
    await openBotTab(page, 'xianyu', 'models');
    const table = page.getByTestId('models-table');
    await expect.poll(() => table.locator('tr', { hasText: 'v1' }).textContent()).toContain('使用中');
    await page.getByTestId('model-report-1').click();
    const report = page.getByTestId('model-report');
    await expect.poll(() => report.getByTestId('per-intent').locator('tbody tr').count()).toBeGreaterThan(5);
    expect(await report.getByTestId('worst-examples').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await report.textContent()).toContain('bargain');
    await browser.shot('report');
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => page.getByTestId('model-report').count()).toBe(0);
  });

  it('trains a new version with visible progress, activates it and rolls back to v1', async () => {
    const { page } = browser;
    await page.getByLabel('说明').fill('e2e 重新训练');
    await page.getByTestId('model-train').click();
    const row = page.getByTestId('models-table').locator('tr', { hasText: 'e2e 重新训练' });
    await expect.poll(() => row.count()).toBe(1);
    // queued/training versions show a progress bar (training takes several seconds here)
    await expect.poll(() => row.getByTestId('model-progress').isVisible()).toBe(true);
    await browser.shot('training');
    // training the demo corpus takes up to a minute on this machine
    await expect.poll(() => row.textContent(), { timeout: 150_000, interval: 1_000 }).toContain('就绪');
    const number = (await row.locator('td').first().textContent())?.match(/v(\d+)/)?.[1];
    expect(number).toBeDefined();
    // a trained version's report has the confusion matrix of its held-out split
    await page.getByTestId(`model-report-${number}`).click();
    await expect.poll(() => page.getByTestId('confusion-matrix').isVisible()).toBe(true);
    await browser.shot('trained-report');
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => page.getByTestId('model-report').count()).toBe(0);

    await page.getByTestId(`model-activate-${number}`).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => row.textContent()).toContain('使用中');
    await browser.shot('activated');

    await page.getByTestId('model-activate-1').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('models-table').locator('tr', { hasText: '内置' }).textContent()).toContain('使用中');
    expect(await row.textContent()).not.toContain('使用中');

    // Release the trained version as a canary for 20% of new conversations; v1 stays live.
    await page.getByTestId(`model-canary-${number}`).click();
    await page.locator('.ant-modal:visible input').fill('20');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => row.textContent()).toContain('灰度 20%');
    await expect.poll(() => page.getByTestId('model-canary-status').textContent()).toContain(`灰度：v${number}（20% 新对话）`);
    expect(await page.getByTestId('models-table').locator('tr', { hasText: '内置' }).textContent()).toContain('使用中');
    await browser.shot('canary');
  }, 200_000);
});
