import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, uniqueKey, type ApiClient } from './support/api';
import { openBrowser, shotOnFailure, type BrowserSession } from './support/browser';
import { nodeEl } from './support/canvas';
import { login } from './support/ui';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

interface FlowDocument {
  settings: { globalTransitions: { id: string; guard: { type: string; emotions?: string[]; minScore?: number; intents?: string[] } }[] };
}

// Issue 10, what a first day of ops work ran into: global transitions, an angry buyer in a sub-flow,
// nodes that are not usable yet, zh-CN labels and messages, the layout at 1440 × 900, delivery.
describe('a first day of ops work', () => {
  let browser: BrowserSession;
  let admin: ApiClient;
  const bot = uniqueKey('e2e_opsday');

  beforeAll(async () => {
    admin = await apiLogin();
    await admin.request('POST', '/v1/bots', { key: bot, name: '运营第一天' });
    await admin.request('POST', `/v1/bots/${bot}/flows`, {
      document: {
        schemaVersion: 1,
        key: 'main',
        name: '运营第一天',
        nodes: [
          { id: 'start', kind: 'start', config: {}, position: { x: 0, y: 0 } },
          { id: 'menu', kind: 'listen', config: { prompt: ['您好'], noMatch: ['没听懂'] }, position: { x: 0, y: 150 } },
          { id: 'check', kind: 'condition', config: { condition: { all: [{ fact: 'nlu', path: '$.intent.intent', operator: 'equal', value: 'bargain' }] } }, position: { x: 0, y: 300 } },
          { id: 'yes', kind: 'message', config: { variants: ['好的'] }, position: { x: 0, y: 450 } },
          { id: 'human', kind: 'handoff', config: { message: ['转人工'] }, position: { x: 300, y: 450 } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'menu' },
          { id: 'e2', source: 'menu', target: 'check' },
          { id: 'e3', source: 'check', sourceHandle: 'true', target: 'yes' },
        ],
        settings: {
          globalTransitions: [{ id: 'g_angry', name: '生气', guard: { type: 'emotion', emotions: ['angry'], minScore: 0.9 }, target: { node: 'human' }, priority: 20 }],
        },
      },
    });
    browser = await openBrowser('ops-day');
    await login(browser.page);
  });
  afterEach(async (ctx) => shotOnFailure(browser, ctx.task));
  afterAll(async () => {
    await browser?.close();
  });

  it('1: the demo main flow shows its global transitions with their guards: angry ≥ 0.9, 转人工, 投诉', async () => {
    const { page } = browser;
    await page.goto('/#/bots/xianyu/flows/main');
    await page.getByTestId('flow-editor').waitFor();
    await page.getByTestId('panel-tab-settings').click();
    const angry = page.getByTestId('global-0');
    await expect.poll(() => angry.textContent()).toContain('情绪');
    expect(await angry.textContent()).toContain('愤怒');
    expect(Number(await angry.locator('.ant-input-number input').nth(0).inputValue())).toBe(0.9);
    expect(await angry.textContent()).not.toContain('其余连线都不匹配时走这条');
    expect(await page.getByTestId('global-1').textContent()).toContain('request_human');
    expect(await page.getByTestId('global-2').textContent()).toContain('complaint');
    expect(Number(await page.getByTestId('global-2').locator('.ant-input-number input').nth(0).inputValue())).toBe(0.8);
    await browser.shot('demo-globals');
  });

  it('1: ops change the angry threshold and add a transition; a missing intent is asked for in words at its field', async () => {
    const { page } = browser;
    await page.goto(`/#/bots/${bot}/flows/main`);
    await page.getByTestId('flow-editor').waitFor();
    await page.getByTestId('panel-tab-settings').click();
    const threshold = page.getByTestId('global-0').locator('.ant-input-number input').nth(0);
    await expect.poll(async () => Number(await threshold.inputValue())).toBe(0.9);
    await threshold.fill('0.8');
    await page.getByTestId('global-add').click();
    const added = page.getByTestId('global-1');
    await added.getByTestId('global-1-guard-intents').waitFor();
    // The new transition's intent list is empty: the message says where, in words, not a schema path.
    await expect.poll(() => page.getByTestId('panel-invalid').textContent()).toContain('全局跳转 › 第 2 项 › 触发条件 › 意图：至少需要 1 项');
    expect(await page.getByTestId('panel-invalid').textContent()).not.toContain('settings.globalTransitions');
    await browser.shot('global-added-invalid');
    await added.getByTestId('global-1-guard-intents').locator('input').fill('request_human');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('panel-invalid').count()).toBe(0);
    await expect.poll(async () => {
      const flow = await admin.request<{ document: FlowDocument }>('GET', `/v1/bots/${bot}/flows/main`);
      return flow.document.settings.globalTransitions.map((g) => [g.guard.type, g.guard.minScore ?? g.guard.intents?.join(',')]);
    }, { timeout: 15_000 }).toEqual([['emotion', 0.8], ['intent', 'request_human']]);
    await browser.shot('global-saved');
  });

  it('2: 「再不发货我投诉了！」 at the after-sale sub-flow\'s waiting node is escalated, not answered with the canned reply', async () => {
    const { page } = browser;
    await page.goto('/#/bots/xianyu/flows/main');
    await page.getByTestId('flow-editor').waitFor();
    await page.getByTestId('panel-tab-chat').click();
    const send = async (text: string, expected: string) => {
      const before = await page.getByTestId('chat-bot').count();
      await page.getByTestId('test-chat-input').fill(text);
      await page.getByTestId('test-chat-send').click();
      await expect.poll(() => page.getByTestId('chat-bot').count(), { timeout: 20_000 }).toBeGreaterThan(before);
      await expect.poll(() => page.getByTestId('test-chat-log').textContent()).toContain(expected);
    };
    await send('收到东西跟描述不符 我要退货', '请问是什么原因需要退货退款呢');
    await send('XY20261125000123', '需要我帮您转售后人工跟进吗');
    await browser.shot('chat-in-after-sale');
    await send('再不发货我投诉了！', '我马上请人工客服来处理');
    const last = await page.getByTestId('chat-bot').last().textContent();
    expect(last).not.toContain('需要转人工的话回复');
    await browser.shot('chat-escalated');
  });

  it('6: the test chat shows the turn\'s variables and what the http node received', async () => {
    const { page } = browser;
    await page.goto(`/?chat=${Date.now()}#/bots/xianyu/flows/main`);
    await page.getByTestId('flow-editor').waitFor();
    await page.getByTestId('panel-tab-chat').click();
    await page.getByTestId('test-chat-input').fill('我的快递到哪了');
    await page.getByTestId('test-chat-send').click();
    await expect.poll(() => page.getByTestId('test-chat-log').textContent(), { timeout: 20_000 }).toContain('麻烦发一下订单号');
    await page.getByTestId('test-chat-input').fill('XY20261125000123');
    await page.getByTestId('test-chat-send').click();
    await expect.poll(() => page.getByTestId('test-chat-log').textContent(), { timeout: 20_000 }).toContain('已由顺丰速运发出');
    const http = page.getByTestId('turn-http').last();
    expect(await http.textContent()).toContain('接口 lookup 收到');
    expect(await http.textContent()).toContain('GET /sandbox/orders/XY20261125000123 → 200');
    expect(await http.textContent()).toContain('"trackingNo": "SF1234567890"');
    expect(await page.getByTestId('turn-vars').last().textContent()).toContain('变量order=');
    await browser.shot('chat-vars-http');
  });

  it('5: 知识库问答 and 识别图片 are marked in the palette, and the panel says why', async () => {
    const { page } = browser;
    await page.goto(`/#/bots/${bot}/flows/main`);
    await page.getByTestId('flow-editor').waitFor();
    for (const kind of ['faq', 'image']) expect(await page.getByTestId(`palette-${kind}-not-ready`).textContent()).toBe('暂不可用');
    expect(await page.getByTestId('palette-message-not-ready').count()).toBe(0);
    await page.getByTestId('palette-faq').click();
    await expect.poll(() => page.getByTestId('node-not-ready').textContent()).toContain('平台还没有知识库');
    expect(await page.getByTestId('node-not-ready').textContent()).toContain('无答案');
    await browser.shot('faq-not-ready');
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeEl(page, 'faq_1').count()).toBe(0);
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
  });

  it('9 and 10: zh-CN canvas controls, 是/否 in messages, 意图与槽位, problems panel and minimap out of the way', async () => {
    const { page } = browser;
    await page.goto(`/#/bots/${bot}/flows/main`);
    await page.getByTestId('flow-editor').waitFor();
    expect(await page.locator('.react-flow__controls-zoomin').getAttribute('title')).toBe('放大');
    expect(await page.locator('.react-flow__controls-zoomout').getAttribute('title')).toBe('缩小');
    expect(await page.locator('.react-flow__controls-fitview').getAttribute('title')).toBe('适应画布');
    // The condition lacks its 否 branch: the message names the port as the card does.
    await expect.poll(() => page.locator('[data-code="condition_missing_branch"]').textContent()).toContain('条件分支缺少“否”出口的连线');
    expect(await page.getByTestId('problems-panel').textContent()).not.toContain('“false”');
    await browser.shot('problems-in-words');

    // The demo flow has no problems: the problems panel stays collapsed, the minimap covers no card.
    // (a full load once the test flow is saved: leaving with unsaved edits would ask first)
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    await page.goto(`/?demo=${Date.now()}#/bots/xianyu/flows/main`);
    await page.getByTestId('flow-editor').waitFor();
    // a node only the demo flow has (the test bot's flow has a `menu` too)
    await expect.poll(() => nodeEl(page, 'answer_greeting').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('problems-toggle').textContent(), { timeout: 15_000 }).toContain('问题（0）');
    expect(await page.getByTestId('problems-panel').count()).toBe(0);
    await page.getByTestId('fit-view').click();
    const minimap = await page.locator('.react-flow__minimap').boundingBox();
    expect(minimap).not.toBeNull();
    expect(minimap?.width ?? 0).toBeLessThanOrEqual(170);
    await expect.poll(async () => {
      const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map(({ x, y, width, height }) => ({ x, y, width, height })));
      return boxes.length > 0 && minimap !== null && boxes.every((box) => !intersects(box, minimap));
    }).toBe(true);
    await browser.shot('demo-fit-view');
    await page.goto('/#/bots/xianyu/nlu');
    expect(await page.getByTestId('nav-nlu').textContent()).toBe('意图与槽位');
  });

  it('9: at 1440 px the models table keeps its 操作 column in view', async () => {
    const { page } = browser;
    await page.goto('/#/bots/xianyu/models');
    const report = page.getByTestId('model-report-1');
    await report.waitFor();
    const box = await report.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(1440);
    expect(await page.getByTestId('models-table').locator('th', { hasText: '操作' }).isVisible()).toBe(true);
    await browser.shot('models-actions');
  });

  it('11: a favicon, route-split chunks, compressed and immutably cached assets, index.html never cached', async () => {
    const { page } = browser;
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(new URL(response.url()).pathname);
    });
    await page.goto(`/?fresh=${Date.now()}#/bots/xianyu/flows/main`);
    await expect.poll(() => nodeEl(page, 'menu').isVisible()).toBe(true);
    expect(scripts.some((path) => /\/assets\/flow-editor-[\w-]+\.js$/.test(path))).toBe(true);
    expect(scripts.some((path) => /\/assets\/rules-[\w-]+\.js$/.test(path))).toBe(false);
    const favicon = await page.request.get('/favicon.ico');
    expect(favicon.status()).toBe(200);
    const html = await page.request.get('/');
    expect(html.headers()['cache-control']).toBe('no-cache');
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1] ?? '';
    const asset = await page.request.get(entry, { headers: { 'accept-encoding': 'br' } });
    expect(asset.status()).toBe(200);
    expect(asset.headers()['content-encoding']).toBe('br');
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
