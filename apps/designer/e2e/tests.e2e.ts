import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, uniqueKey, type ApiClient } from './support/api';
import { openBrowser, shotOnFailure, type BrowserSession } from './support/browser';
import { label, login, openBotTab } from './support/ui';

/** A one-node-answer flow; `tag` marks the version in its reply. */
function flow(tag: string) {
  return {
    schemaVersion: 1,
    key: 'main',
    name: '问候',
    nodes: [
      { id: 'start', kind: 'start', config: {}, position: { x: 0, y: 0 } },
      { id: 'menu', kind: 'listen', config: {}, position: { x: 240, y: 0 } },
      { id: 'hi', kind: 'message', config: { variants: [`你好呀[${tag}]`] }, position: { x: 480, y: 0 } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'menu', sourceHandle: 'out', guard: { type: 'default' }, priority: 0 },
      { id: 'e2', source: 'menu', target: 'hi', sourceHandle: 'out', guard: { type: 'intent', intents: ['greeting'] }, priority: 0 },
      { id: 'e3', source: 'hi', target: 'menu', sourceHandle: 'out', guard: { type: 'default' }, priority: 0 },
    ],
  };
}

// The release gate in the designer: run a flow's test cases against the draft, see which turn fails
// and why, see a publish refused with the failing case named, record a test chat as a case, fix the old
// case, publish.
describe('test cases and the publish gate', () => {
  let browser: BrowserSession;
  let admin: ApiClient;
  const bot = uniqueKey('e2e_tests');

  beforeAll(async () => {
    admin = await apiLogin();
    await admin.request('POST', '/v1/bots', { key: bot, name: '测试用例' });
    await admin.request('PUT', `/v1/bots/${bot}/nlu`, {
      revision: 0,
      document: { locale: 'zh-CN', slotTypes: [], intents: [{ key: 'greeting', name: '问候', examples: ['你好', '在吗', '您好'], keywords: [] }] },
    });
    // Test cases replay on the live NLU data (what buyers would get), so it is published.
    await admin.request('POST', `/v1/bots/${bot}/nlu/publish`, { note: 'e2e' });
    await admin.request('POST', `/v1/bots/${bot}/flows`, { document: flow('v1') });
    await admin.request('POST', `/v1/bots/${bot}/flows/main/tests`, { name: '问候回复', turns: [{ user: '你好', expect: { replies: ['你好呀[v1]'], node: 'menu' } }] });
    browser = await openBrowser('tests');
    await login(browser.page);
  });
  afterEach(async (ctx) => shotOnFailure(browser, ctx.task));
  afterAll(async () => {
    await browser?.close();
  });

  it('runs the test cases against the draft: green, then red with the differing reply after an edit', async () => {
    const { page } = browser;
    await openBotTab(page, bot, 'tests');
    await expect.poll(() => page.getByTestId('tests-table').textContent()).toContain('问候回复');
    await page.getByTestId('tests-run').click();
    await expect.poll(() => page.getByTestId('test-run-summary').textContent()).toContain('1 个用例全部通过');

    const draft = await admin.request<{ revision: number }>('GET', `/v1/bots/${bot}/flows/main`);
    await admin.request('PUT', `/v1/bots/${bot}/flows/main`, { document: flow('v2'), revision: draft.revision });
    await page.getByTestId('tests-run').click();
    await expect.poll(() => page.getByTestId('test-run-summary').textContent()).toContain('1 / 1 个用例未通过');
    expect(await page.getByTestId('turn-failures').textContent()).toContain('"你好呀[v1]" → "你好呀[v2]"');
    await browser.shot('tests-failed');
  });

  it('shows why a publish was refused: the failing test case and its failure', async () => {
    const { page } = browser;
    await openBotTab(page, bot, 'versions');
    await page.getByLabel('发布说明').fill('改了问候语');
    await page.getByRole('button', { name: label('发布') }).click();
    const refused = page.getByTestId('publish-tests-failed');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('问候回复');
    expect(await refused.textContent()).toContain('expected "你好呀[v1]", got "你好呀[v2]"');
    expect(await admin.request<unknown[]>('GET', `/v1/bots/${bot}/flows/main/versions`)).toEqual([]);
    await browser.shot('publish-refused');
  });

  it('records a test chat as a test case, fixes the old case as JSON, and then publishes', async () => {
    const { page } = browser;
    await page.goto(`/#/bots/${bot}/flows/main`);
    await page.getByTestId('panel-tab-chat').click();
    await page.getByTestId('test-chat-input').fill('你好');
    await page.getByTestId('test-chat-send').click();
    await expect.poll(() => page.getByTestId('test-chat-log').textContent()).toContain('你好呀[v2]');
    await page.getByTestId('test-chat-save-case').click();
    await page.getByTestId('test-chat-case-name').fill('录制的问候');
    await page.getByTestId('test-chat-save-case-ok').click();
    await expect.poll(() => page.getByText('已存为测试用例').first().isVisible()).toBe(true);

    await openBotTab(page, bot, 'tests');
    const table = page.getByTestId('tests-table');
    await expect.poll(() => table.textContent()).toContain('录制的问候');
    await table.locator('tr', { hasText: '问候回复' }).getByTestId('tests-edit').click();
    // the form opens first; this case is fixed as JSON
    await page.getByTestId('test-form-json').click();
    const json = page.getByTestId('tests-json');
    await json.fill((await json.inputValue()).replace('你好呀[v1]', '你好呀[v2]'));
    await page.getByTestId('tests-json-save').click();
    await expect.poll(() => page.getByText('测试用例已保存').first().isVisible()).toBe(true);
    await page.getByTestId('tests-run').click();
    await expect.poll(() => page.getByTestId('test-run-summary').textContent()).toContain('2 个用例全部通过');
    await browser.shot('tests-green');

    await openBotTab(page, bot, 'versions');
    await page.getByLabel('发布说明').fill('改了问候语，用例已更新');
    await page.getByRole('button', { name: label('发布') }).click();
    await expect.poll(() => page.getByTestId('versions-table').textContent()).toContain('改了问候语，用例已更新');
    expect(await page.getByTestId('publish-tests-failed').count()).toBe(0);
  });
});
