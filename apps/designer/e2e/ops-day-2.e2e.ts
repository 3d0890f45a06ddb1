import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, uniqueKey, type ApiClient } from './support/api';
import { openBrowser, shotOnFailure, type BrowserSession } from './support/browser';
import { nodeEl } from './support/canvas';
import { login } from './support/ui';

interface FlowDraft {
  revision: number;
  liveVersion: number | null;
  canary: { version: number; percent: number } | null;
  document: { nodes: { id: string }[] };
}

const node = (id: string, kind: string, config: Record<string, unknown>, y: number) => ({ id, kind, config, position: { x: 0, y } });

// Issue 10, the rest of a first day of ops work: publish and diff in the editor, canary in the
// versions page, order and slot context in the inbox.
describe('a first day of ops work, continued', () => {
  let browser: BrowserSession;
  let admin: ApiClient;
  const bot = uniqueKey('e2e_opsday2');
  const conversation = uniqueKey('buyer');

  beforeAll(async () => {
    admin = await apiLogin();
    await admin.request('POST', '/v1/bots', { key: bot, name: '运营第一天续' });
    // v1 live: greet, ask for the order id, hand over with the order in hand.
    await admin.request('POST', `/v1/bots/${bot}/flows`, {
      document: {
        schemaVersion: 1,
        key: 'main',
        name: '订单转人工',
        nodes: [
          node('start', 'start', {}, 0),
          node('hello', 'message', { variants: ['您好，我是值守机器人'] }, 120),
          node('ask_order', 'ask', { slot: 'order_id', prompt: ['请发一下订单号'] }, 240),
          node('human', 'handoff', { priority: 'high', message: ['正在为您转接人工客服'], reason: '订单问题' }, 360),
          node('old_tip', 'message', { variants: ['旧的提示'] }, 480),
          node('bye', 'end', {}, 600),
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'hello' },
          { id: 'e2', source: 'hello', target: 'ask_order' },
          { id: 'e3', source: 'ask_order', target: 'human' },
          { id: 'e4', source: 'ask_order', sourceHandle: 'fail', target: 'old_tip' },
          { id: 'e5', source: 'old_tip', target: 'bye' },
        ],
        slots: [{ key: 'order_id', type: 'order_id', name: '订单号' }],
      },
    });
    const v1 = await admin.request<{ number: number }>('POST', `/v1/bots/${bot}/flows/main/publish`, { note: 'v1' });
    await admin.request('PUT', `/v1/bots/${bot}/flows/main/live`, { version: v1.number });
    // A buyer reaches a human with an order id collected.
    await admin.request('POST', `/v1/bots/${bot}/conversations/${conversation}/messages`, { messageId: 'm1', text: '你好' });
    await admin.request('POST', `/v1/bots/${bot}/conversations/${conversation}/messages`, { messageId: 'm2', text: 'XY20261125000123' });
    browser = await openBrowser('ops-day-2');
    await login(browser.page);
  });
  afterEach(async (ctx) => shotOnFailure(browser, ctx.task));
  afterAll(async () => {
    await browser?.close();
  });

  it('8: the inbox shows the slots the bot collected and the order they name', async () => {
    const { page } = browser;
    await page.goto('/#/inbox');
    await page.getByTestId('inbox-list').getByText(conversation).click();
    const slots = page.getByTestId('handoff-slots');
    await expect.poll(() => slots.textContent()).toContain('已收集的槽位');
    expect(await page.getByTestId('handoff-slot-order_id').textContent()).toBe('XY20261125000123');
    expect(await slots.textContent()).toContain('流程 main v1');
    const order = page.getByTestId('handoff-order');
    await expect.poll(() => order.textContent()).toContain('索尼 WH-1000XM4 耳机');
    const text = await order.textContent();
    expect(text).toContain('已发货');
    expect(text).toContain('顺丰速运 SF1234567890');
    expect(text).toContain('¥899.00');
    await browser.shot('inbox-context');
  });

  it('8: the editor shows the draft against live on the canvas and in a list, then publishes from the toolbar', async () => {
    const { page } = browser;
    // The draft changes one node's words, adds one and drops one (moving a node is not a change).
    const draft = await admin.request<FlowDraft & { document: Record<string, unknown> & { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> } }>('GET', `/v1/bots/${bot}/flows/main`);
    const doc = draft.document;
    const nodes = doc.nodes
      .filter((n) => n.id !== 'old_tip')
      .map((n) => (n.id === 'hello' ? { ...n, config: { variants: ['您好，欢迎光临'] } } : n.id === 'human' ? { ...n, position: { x: 40, y: 380 } } : n));
    nodes.push(node('sorry', 'message', { variants: ['没识别到订单号，转人工帮您看看'] }, 480));
    const edges = doc.edges.map((e) => (e.id === 'e4' ? { ...e, target: 'sorry' } : e.id === 'e5' ? { ...e, source: 'sorry' } : e));
    await admin.request('PUT', `/v1/bots/${bot}/flows/main`, { document: { ...doc, nodes, edges }, revision: draft.revision });

    await page.goto(`/#/bots/${bot}/flows/main`);
    await page.getByTestId('flow-editor').waitFor();
    await page.getByTestId('panel-tab-diff').click();
    const panel = page.getByTestId('diff-panel');
    await expect.poll(() => panel.textContent()).toContain('草稿与线上 v1 对比');
    expect(await page.getByTestId('diff-summary').textContent()).toContain('节点：新增 1 个，修改 1 个，删除 1 个');
    expect(await page.getByTestId('diff-added-sorry').textContent()).toContain('新增');
    expect(await page.getByTestId('diff-changed-hello').textContent()).toContain('修改');
    expect(await page.getByTestId('diff-removed-old_tip').textContent()).toContain('删除');
    expect(await page.getByTestId('diff-changed-human').count()).toBe(0);
    expect(await page.getByTestId('diff-edges').textContent()).toContain('连线：新增 0 条，修改 2 条，删除 0 条');
    // on the canvas
    expect(await nodeEl(page, 'sorry').getAttribute('data-diff')).toBe('added');
    expect(await nodeEl(page, 'hello').getAttribute('data-diff')).toBe('changed');
    expect(await nodeEl(page, 'human').getAttribute('data-diff')).toBeNull();
    expect(await page.getByTestId('node-hello-diff').textContent()).toBe('修改');
    await browser.shot('editor-diff');

    await page.getByTestId('editor-publish').click();
    await page.getByTestId('editor-publish-note').fill('欢迎语改版');
    await browser.shot('editor-publish-modal');
    await page.getByTestId('editor-publish-ok').click();
    await expect.poll(() => page.getByText('已发布为 v2 并上线').isVisible()).toBe(true);
    const after = await admin.request<FlowDraft>('GET', `/v1/bots/${bot}/flows/main`);
    expect(after.liveVersion).toBe(2);
    await page.getByTestId('panel-tab-diff').click();
    await expect.poll(() => page.getByTestId('diff-same').textContent()).toContain('草稿与线上 v2 的行为一致');
    expect(await nodeEl(page, 'sorry').getAttribute('data-diff')).toBeNull();
    // leaving the diff panel clears the marks
    await page.getByTestId('panel-tab-inspector').click();
    await browser.shot('editor-published');
  });

  it('8: the versions page starts a canary with a version and a share, shows it, and ends it', async () => {
    const { page } = browser;
    await page.goto(`/#/bots/${bot}/versions?flow=main`);
    const card = page.getByTestId('canary-card');
    await expect.poll(() => card.textContent()).toContain('灰度发布');
    await expect.poll(() => page.getByTestId('canary-status').textContent()).toContain('未开启灰度');
    // v2 is live, so v1 is the only candidate and is picked
    expect(await page.getByTestId('canary-version').textContent()).toContain('v1');
    await page.locator('input[data-testid="canary-percent"], [data-testid="canary-percent"] input').first().fill('20');
    await page.getByTestId('canary-apply').click();
    await expect.poll(() => page.getByTestId('canary-status').textContent()).toContain('v1 承接 20% 的新会话，其余仍走线上版本 v2');
    expect(await page.getByTestId('canary-tag-1').textContent()).toBe('灰度 20%');
    expect((await admin.request<FlowDraft>('GET', `/v1/bots/${bot}/flows/main`)).canary).toEqual({ version: 1, percent: 20 });
    await browser.shot('canary-running');

    await page.getByTestId('canary-clear').click();
    await expect.poll(() => page.locator('.ant-popconfirm').textContent()).toContain('结束灰度？所有新会话将回到线上版本 v2');
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*认|确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('canary-status').textContent()).toContain('未开启灰度');
    const cleared = await admin.request<FlowDraft>('GET', `/v1/bots/${bot}/flows/main`);
    expect(cleared.canary).toBeNull();
    expect(cleared.liveVersion).toBe(2);
    await browser.shot('canary-cleared');
  });

  it('3: a failure the publish gate reported shows inline on the tests page; one click expects what the run did', async () => {
    const { page } = browser;
    // The greeting changed in v2, and this case still expects the old one.
    const stored = await admin.request<{ id: string }>('POST', `/v1/bots/${bot}/flows/main/tests`, {
      name: '欢迎语',
      turns: [{ user: '你好', expect: { replies: ['您好，我是值守机器人', '请发一下订单号'], node: 'ask_order' } }],
    });
    await page.goto(`/#/bots/${bot}/versions?flow=main`);
    await page.getByLabel('发布说明').fill('再发一次');
    await page.getByRole('button', { name: /^\s*发\s*布\s*$/ }).click();
    await page.getByTestId('publish-tests-failed').waitFor();
    await page.getByTestId('publish-tests-failed').getByRole('button', { name: '查看测试用例' }).click();
    const status = page.getByTestId(`tests-status-${stored.id}`);
    await expect.poll(() => status.textContent()).toContain('未通过');
    expect(await page.getByTestId(`tests-failure-${stored.id}`).textContent()).toContain('您好，欢迎光临');
    expect(await page.getByTestId('tests-table').textContent()).toContain('上次运行');
    await browser.shot('tests-failure-inline');

    await page.getByTestId(`tests-accept-${stored.id}`).click();
    await expect.poll(() => page.getByText('已按上次运行的实际结果更新「欢迎语」的预期').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId(`tests-status-${stored.id}`).textContent(), { timeout: 15_000 }).toBe('通过');
    const cases = await admin.request<{ id: string; testCase: { turns: { expect: { replies?: string[]; node?: string } }[] } }[]>('GET', `/v1/bots/${bot}/flows/main/tests`);
    expect(cases.find((c) => c.id === stored.id)?.testCase.turns[0]?.expect).toEqual({ replies: ['您好，欢迎光临', '请发一下订单号'], node: 'ask_order' });
    await browser.shot('tests-accepted');
  });

  it('3: a test case is edited with a form: turns with user text, expected replies, node and slots', async () => {
    const { page } = browser;
    await page.getByTestId('tests-table').locator('tr', { hasText: '欢迎语' }).getByTestId('tests-edit').click();
    const form = page.getByTestId('test-form');
    await form.waitFor();
    expect(await page.getByTestId('test-turn-0').textContent()).toContain('第 1 轮');
    expect(await page.getByTestId('test-turn-0-user').inputValue()).toBe('你好');
    expect(await page.getByTestId('test-turn-0-replies').textContent()).toContain('您好，欢迎光临');
    expect(await page.getByTestId('test-turn-0-node').inputValue()).toBe('ask_order');
    await page.getByTestId('test-form-add-turn').click();
    // an empty user message is asked for in words
    await page.getByTestId('test-form-save').click();
    await expect.poll(() => page.getByTestId('test-turn-1').textContent()).toContain('请填写用户说的话');
    await page.getByTestId('test-turn-1-user').fill('XY20261125000123');
    await page.getByTestId('test-turn-1-replies').locator('input').fill('正在为您转接人工客服');
    await page.keyboard.press('Enter');
    await page.getByTestId('test-turn-1-node').fill('human');
    await page.getByTestId('test-turn-1-add-slot').click();
    await page.getByTestId('test-turn-1-slot-0-key').fill('order_id');
    await page.getByTestId('test-turn-1-slot-0-value').fill('XY20261125000123');
    await browser.shot('test-form');
    await page.getByTestId('test-form-save').click();
    await expect.poll(() => page.getByText('测试用例已保存').first().isVisible()).toBe(true);
    const cases = await admin.request<{ name: string; testCase: { turns: unknown[] } }[]>('GET', `/v1/bots/${bot}/flows/main/tests`);
    expect(cases.find((c) => c.name === '欢迎语')?.testCase.turns[1]).toEqual({
      user: 'XY20261125000123',
      expect: { replies: ['正在为您转接人工客服'], node: 'human', slots: { order_id: 'XY20261125000123' } },
    });
    await page.getByTestId('tests-run').click();
    await expect.poll(() => page.getByTestId('test-run-summary').textContent(), { timeout: 15_000 }).toContain('1 个用例全部通过');
    await browser.shot('tests-form-green');
  });

  const canvasState = (page: BrowserSession['page']) =>
    page.evaluate(() => {
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
      const scale = Number(/scale\(([\d.]+)\)/.exec(viewport?.style.transform ?? '')?.[1] ?? 0);
      const boxes = [...document.querySelectorAll<HTMLElement>('[data-testid^="node-"][data-kind]')].map((el) => ({ id: el.dataset.testid ?? '', box: el.getBoundingClientRect() }));
      const overlapping = boxes.flatMap((a, i) =>
        boxes.slice(i + 1).filter((b) => a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom).map((b) => `${a.id}/${b.id}`),
      );
      const top = (id: string) => boxes.find((b) => b.id === `node-${id}`)?.box.top ?? Number.NaN;
      return { scale, count: boxes.length, overlapping, tops: { start: top('start'), menu: top('menu') } };
    });

  it('9: the demo main flow, laid out with ELK layered, fits the editor at a readable zoom with no card on another', async () => {
    const { page } = browser;
    await page.goto('/#/bots/xianyu/flows/main');
    await page.getByTestId('flow-editor').waitFor();
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(500);
    const state = await canvasState(page);
    expect(state.count).toBe(29);
    expect(state.overlapping).toEqual([]);
    // 0.38 before: 24 answers in one wide layer
    expect(state.scale).toBeGreaterThanOrEqual(0.5);
    expect(state.tops.start).toBeLessThan(state.tops.menu);
    await browser.shot('demo-main-fit');
  });

  it('9: 自动布局 lays a tangled flow out top to bottom without overlaps', async () => {
    const { page } = browser;
    const draft = await admin.request<{ revision: number; document: Record<string, unknown> & { nodes: Array<Record<string, unknown>> } }>('GET', `/v1/bots/${bot}/flows/main`);
    // every card on the same spot
    const tangled = { ...draft.document, nodes: draft.document.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) };
    await admin.request('PUT', `/v1/bots/${bot}/flows/main`, { document: tangled, revision: draft.revision });
    await page.goto(`/#/bots/${bot}/flows/main`);
    await page.getByTestId('flow-editor').waitFor();
    expect((await canvasState(page)).overlapping.length).toBeGreaterThan(0);
    await page.getByTestId('auto-layout').click();
    await expect.poll(async () => (await canvasState(page)).overlapping, { timeout: 10_000 }).toEqual([]);
    await page.waitForTimeout(500);
    const boxes = await Promise.all(['start', 'hello', 'ask_order', 'human', 'sorry'].map(async (id) => (await nodeEl(page, id).boundingBox())?.y ?? Number.NaN));
    expect(boxes).toEqual([...boxes].sort((a, b) => a - b));
    await browser.shot('auto-layout');
  });
});
