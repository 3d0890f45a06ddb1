import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, uniqueKey, type ApiClient } from './support/api';
import { openBrowser, shotOnFailure, type BrowserSession } from './support/browser';
import { label, login, openBotTab } from './support/ui';

// Sign-in, language switch and the NLU editor: intents, bulk paste, warnings, save, reload; draft vs live and publish.
describe('designer shell and NLU editor', () => {
  let browser: BrowserSession;
  let admin: ApiClient;
  const bot = uniqueKey('e2e_nlu');

  beforeAll(async () => {
    admin = await apiLogin();
    await admin.request('POST', '/v1/bots', { key: bot, name: 'NLU 测试' });
    browser = await openBrowser('shell');
  });
  afterEach(async (ctx) => shotOnFailure(browser, ctx.task));
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a wrong password in words, then signs in', async () => {
    const { page } = browser;
    await page.goto('/#/login');
    await page.getByTestId('login-email').fill(process.env.E2E_ADMIN_EMAIL ?? '');
    await page.getByTestId('login-password').fill('definitely-wrong');
    await page.getByTestId('login-submit').click();
    // The api's stable code, in the user's language; never the api's English message.
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('邮箱或密码不正确');
    expect(await page.getByTestId('login-error').textContent()).not.toContain('wrong email or password');
    await browser.shot('login-refused');
    await login(page);
    await expect.poll(() => page.getByTestId(`bot-${bot}`).isVisible()).toBe(true);
    await browser.shot('bots');
  });

  it('words an api conflict from its code and params (a bot key taken twice)', async () => {
    const { page } = browser;
    await page.getByTestId('bot-create').click();
    await page.getByTestId('bot-key').fill(bot);
    await page.getByTestId('bot-name').fill('重复');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
    const notice = page.locator('.ant-message-notice').filter({ hasText: `已经有标识为「${bot}」的机器人` });
    await expect.poll(() => notice.count()).toBeGreaterThan(0);
    expect(await page.locator('.ant-message').textContent()).not.toContain('already exists');
    await browser.shot('bot-exists');
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消|Cancel/ }).click();
  });

  it('switches the language to English and back', async () => {
    const { page } = browser;
    await page.getByTestId('language-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('main-nav').textContent()).toContain('Bots');
    await browser.shot('english');
    await page.getByTestId('language-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('main-nav').textContent()).toContain('机器人');
  });

  it('edits intents with bulk paste, warns about thin and duplicate examples, saves and reloads intact', async () => {
    const { page } = browser;
    await openBotTab(page, bot, 'nlu');
    await page.getByRole('button', { name: label('新建意图') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('标识').fill('ask_price');
    await dialog.getByLabel('名称').fill('问价格');
    await dialog.getByRole('button', { name: label('添加') }).click();
    await page.getByLabel('输入用户可能说的话，回车添加').fill('多少钱');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('nlu-warnings').textContent()).toContain('ask_price 只有 1 条例句');

    await page.getByRole('button', { name: label('批量粘贴') }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('多少钱\n什么价\n最低多少\n能便宜吗\n\n包邮吗');
    await page.getByRole('dialog').getByRole('button', { name: label('添加 4 条') }).click();
    await expect.poll(async () => (await page.getByTestId('nlu-warnings').count()) === 0 || !(await page.getByTestId('nlu-warnings').textContent())?.includes('ask_price')).toBe(true);

    // the same sentence under a second intent is flagged
    await page.getByRole('button', { name: label('新建意图') }).click();
    await page.getByRole('dialog').getByLabel('标识').fill('ask_shipping_fee');
    await page.getByRole('dialog').getByLabel('名称').fill('问运费');
    await page.getByRole('dialog').getByRole('button', { name: label('添加') }).click();
    await page.getByLabel('输入用户可能说的话，回车添加').fill('包邮吗');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('nlu-warnings').textContent()).toContain('“包邮吗”同时出现在多个意图中');
    await browser.shot('nlu-warnings');

    await page.getByRole('button', { name: label('保存') }).click();
    await expect.poll(() => page.getByText('NLU 数据已保存').isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByText('问价格').first().isVisible()).toBe(true);
    await page.getByText('问价格').first().click();
    await expect.poll(() => page.getByText('最低多少').isVisible()).toBe(true);
    await browser.shot('nlu-reloaded');
  });

  it('shows the saved draft as unpublished, publishes it behind the gate, then counts new draft changes', async () => {
    const { page } = browser;
    // Saved but never published: buyers get none of it, and the page says so.
    await expect.poll(() => page.getByTestId('nlu-live').textContent()).toContain('尚未发布');
    await expect.poll(() => page.getByTestId('nlu-publish').isEnabled()).toBe(true);
    await page.getByTestId('nlu-publish').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('nlu-gate-result').textContent()).toContain('首次发布');
    await expect.poll(() => page.getByTestId('nlu-live').textContent()).toContain('线上版本 v1');
    await expect.poll(() => page.getByText('草稿与线上一致').isVisible()).toBe(true);
    expect(await page.getByTestId('nlu-publish').isDisabled()).toBe(true);
    await browser.shot('nlu-published');

    // A new example, saved: the draft now differs from live by one changed intent, live stays v1.
    await page.getByText('问价格').first().click();
    await page.getByLabel('输入用户可能说的话，回车添加').fill('这个卖多少');
    await page.keyboard.press('Enter');
    // Unsaved edits cannot be published (publishing takes the saved draft).
    expect(await page.getByTestId('nlu-publish').isDisabled()).toBe(true);
    await page.getByRole('button', { name: label('保存') }).click();
    await expect.poll(() => page.getByTestId('nlu-draft-changes').textContent()).toContain('草稿有 1 处改动未发布');
    expect(await page.getByTestId('nlu-live').textContent()).toContain('线上版本 v1');
    await browser.shot('nlu-draft-changes');
    const status = await admin.request<{ liveVersion: number; identical: boolean }>('GET', `/v1/bots/${bot}/nlu/status`);
    expect(status).toMatchObject({ liveVersion: 1, identical: false });

    await page.getByTestId('nlu-publish').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('nlu-gate-result').textContent()).toContain('门禁通过');
    await expect.poll(() => page.getByTestId('nlu-live').textContent()).toContain('线上版本 v2');
    expect(await page.getByTestId('nlu-gate-result').textContent()).toMatch(/意图准确率 [\d.]+% → [\d.]+%/);
    await browser.shot('nlu-published-v2');
  });
});
