import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, uniqueKey, type ApiClient } from './support/api';
import { openBrowser, shotOnFailure, type BrowserSession } from './support/browser';
import { login } from './support/ui';

// A conversation handed to a human: the agent sees it by priority, takes it, reads, replies, hands back.
describe('agent inbox', () => {
  let browser: BrowserSession;
  let admin: ApiClient;
  const bot = uniqueKey('e2e_inbox');
  const conversation = uniqueKey('buyer');

  beforeAll(async () => {
    admin = await apiLogin();
    await admin.request('POST', '/v1/bots', { key: bot, name: '人工测试' });
    await admin.request('POST', `/v1/bots/${bot}/flows`, {
      document: {
        schemaVersion: 1,
        key: 'main',
        name: '转人工',
        nodes: [
          { id: 'start', kind: 'start', config: {}, position: { x: 0, y: 0 } },
          { id: 'hello', kind: 'listen', config: { prompt: [] }, position: { x: 0, y: 120 } },
          { id: 'human', kind: 'handoff', config: { queue: 'default', priority: 'urgent', message: ['正在为您转接人工客服，请稍等'], reason: '买家要求人工' }, position: { x: 0, y: 240 } },
          { id: 'bye', kind: 'end', config: { outcome: 'resolved', message: ['机器人回来啦，还有什么可以帮您？'] }, position: { x: 0, y: 360 } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'hello' },
          { id: 'e2', source: 'hello', target: 'human' },
          { id: 'e3', source: 'human', target: 'bye' },
        ],
      },
    });
    const version = await admin.request<{ number: number }>('POST', `/v1/bots/${bot}/flows/main/publish`, { note: 'inbox e2e' });
    await admin.request('PUT', `/v1/bots/${bot}/flows/main/live`, { version: version.number });
    await admin.request('POST', `/v1/bots/${bot}/conversations/${conversation}/messages`, { messageId: 'm1', text: '这个东西坏了，我要找人工！' });
    browser = await openBrowser('inbox');
    await login(browser.page);
  });
  afterEach(async (ctx) => shotOnFailure(browser, ctx.task));
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the waiting conversation with its priority and reason, and shows the transcript', async () => {
    const { page } = browser;
    await page.goto('/#/inbox');
    const item = page.getByTestId('inbox-list').getByText(conversation);
    await item.click();
    await expect.poll(() => page.getByTestId('inbox-list').textContent()).toContain('紧急');
    await expect.poll(() => page.getByTestId('transcript').textContent()).toContain('这个东西坏了，我要找人工！');
    expect(await page.getByTestId('transcript').textContent()).toContain('正在为您转接人工客服，请稍等');
    expect(await page.getByText('原因：买家要求人工').isVisible()).toBe(true);
    await browser.shot('waiting');
  });

  it('takes it, replies, and hands it back to the bot', async () => {
    const { page } = browser;
    await page.getByTestId('inbox-claim').click();
    await page.getByLabel('回复').fill('您好，我是客服小王，麻烦发一下订单号');
    await page.getByTestId('inbox-send').click();
    await expect.poll(() => page.getByTestId('transcript').textContent()).toContain('我是客服小王');
    await browser.shot('replied');
    const transcript = await admin.request<{ messages: { role: string; text: string }[] }>('GET', `/v1/bots/${bot}/conversations/${conversation}/messages`);
    expect(transcript.messages.some((m) => m.role === 'agent' && m.text.includes('我是客服小王'))).toBe(true);

    await page.getByTestId('inbox-release').click();
    // handing back asks first
    await expect.poll(() => page.locator('.ant-popconfirm').textContent()).toContain('交还给机器人？');
    await browser.shot('release-confirm');
    await page.getByTestId('inbox-release-confirm').click();
    await expect.poll(() => page.getByText('已交还机器人').isVisible()).toBe(true);
    // handing back runs the bot again: the flow continues after the handoff node
    await expect.poll(() => page.getByTestId('transcript').textContent()).toContain('机器人回来啦，还有什么可以帮您？');
    await page.getByText('全部进行中').click();
    await expect.poll(() => page.getByTestId('inbox-list').textContent()).not.toContain(conversation);
    await browser.shot('handed-back');
  });
});
