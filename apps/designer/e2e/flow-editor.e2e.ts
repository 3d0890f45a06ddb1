import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, uniqueKey, type ApiClient } from './support/api';
import { openBrowser, shotOnFailure, type BrowserSession } from './support/browser';
import { connect, dropNode, edgeCount, fillField, nodeEl } from './support/canvas';
import { login } from './support/ui';

/**
 * Issue 3's main path, as ops do it: an empty canvas → drag start → ask price → condition → two messages
 * → end, configure the panels, connect the edges, see and fix a validation problem, undo/redo, autosave,
 * reload intact, chat in the test panel with the path drawn, publish, open a version read-only, roll back.
 */
/** A 1×1 PNG, enough for the image upload path. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('flow editor: build, test, publish, roll back', () => {
  let browser: BrowserSession;
  let admin: ApiClient;
  const bot = uniqueKey('e2e_flow');
  const flow = 'main';

  beforeAll(async () => {
    admin = await apiLogin();
    await admin.request('POST', '/v1/bots', { key: bot, name: '议价测试' });
    browser = await openBrowser('flow-editor');
    await login(browser.page);
  });
  afterEach(async (ctx) => shotOnFailure(browser, ctx.task));
  afterAll(async () => {
    await browser?.close();
  });

  const saved = async () => {
    await expect.poll(() => browser.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
  };

  it('creates a flow and finds an empty canvas with only the start node', async () => {
    const { page } = browser;
    await page.goto(`/#/bots/${bot}/flows`);
    await page.getByTestId('flow-create').click();
    await page.getByTestId('flow-key').fill(flow);
    await page.getByTestId('flow-name').fill('议价');
    await page.getByTestId('flow-create-ok').click();
    await page.getByTestId('flow-editor').waitFor();
    await expect.poll(() => page.locator('[data-testid^="node-"][data-kind]').count()).toBe(1);
    expect(await nodeEl(page, 'start').isVisible()).toBe(true);
    await browser.shot('empty-canvas');
  });

  it('drags the nodes onto the canvas and undoes/redoes a drop', async () => {
    const { page } = browser;
    // The editor opens a small flow at 100 % with the start node near the top: lay the flow out below it.
    const canvas = await page.getByTestId('canvas').boundingBox();
    const start = await nodeEl(page, 'start').boundingBox();
    if (!canvas || !start) throw new Error('canvas not laid out');
    const sx = start.x + start.width / 2 - canvas.x;
    const top = start.y - canvas.y;
    expect(top + 560, 'the flow fits below the start node').toBeLessThan(canvas.height);

    await dropNode(page, 'ask', sx, top + 130);
    await expect.poll(() => nodeEl(page, 'ask_1').isVisible()).toBe(true);
    await dropNode(page, 'condition', sx, top + 260);
    await dropNode(page, 'message', sx - 140, top + 390);
    await dropNode(page, 'message', sx + 140, top + 390);
    await dropNode(page, 'end', sx, top + 520);
    for (const id of ['condition_1', 'message_1', 'message_2', 'end_1']) await expect.poll(() => nodeEl(page, id).isVisible()).toBe(true);

    await page.getByTestId('undo').click();
    await expect.poll(() => nodeEl(page, 'end_1').count()).toBe(0);
    await page.getByTestId('redo').click();
    await expect.poll(() => nodeEl(page, 'end_1').isVisible()).toBe(true);
    await browser.shot('nodes-dropped');
  });

  it('configures the panels: a price slot, the question, the condition and both answers', async () => {
    const { page } = browser;
    await page.getByTestId('panel-tab-slots').click();
    // The dropped ask node declared its slot (a text slot `answer`): ops rename it and make it money.
    await expect.poll(() => page.getByTestId('slot-0-key').inputValue()).toBe('answer');
    await fillField(page, 'slot-0-key', 'price');
    await fillField(page, 'slot-0-type', 'money');

    await nodeEl(page, 'ask_1').click();
    await page.getByTestId('panel-ask').waitFor();
    await fillField(page, 'node-name', '问价格');
    await fillField(page, 'field-slot', 'price');
    await fillField(page, 'field-prompt-0', '您想出多少钱？');

    await nodeEl(page, 'condition_1').click();
    await page.getByTestId('panel-condition').waitFor();
    await fillField(page, 'node-name', '价格够吗');
    await fillField(page, 'field-condition-0-path', '$.price');
    await page.getByTestId('field-condition-0-operator').click();
    await page.locator('.ant-select-dropdown:visible').getByText('大于等于', { exact: true }).click();
    await fillField(page, 'field-condition-0-value', '100');

    await nodeEl(page, 'message_1').click();
    await page.getByTestId('panel-message').waitFor();
    await fillField(page, 'node-name', '成交');
    await fillField(page, 'field-variants-0', '成交！{{slots.price}} 元卖给你');
    await nodeEl(page, 'message_2').click();
    await page.getByTestId('panel-message').waitFor();
    await fillField(page, 'node-name', '还价');
    await fillField(page, 'field-variants-0', '太低啦，最少 100 元');
    await expect.poll(() => nodeEl(page, 'message_2').textContent()).toContain('还价');
    await browser.shot('configured');
  });

  it('connects the edges, shows the missing branch as a problem, and fixes it', async () => {
    const { page } = browser;
    await connect(page, 'start', 'out', 'ask_1');
    await connect(page, 'ask_1', 'out', 'condition_1');
    await connect(page, 'condition_1', 'true', 'message_1');
    await connect(page, 'message_1', 'out', 'end_1');
    await connect(page, 'message_2', 'out', 'end_1');
    await expect.poll(() => edgeCount(page)).toBe(5);

    // the condition's "false" exit dangles: an error at the node and in the problems list
    await expect.poll(() => nodeEl(page, 'condition_1').getAttribute('data-problem')).toBe('error');
    if (!(await page.getByTestId('problems-panel').isVisible())) await page.getByTestId('problems-toggle').click();
    await expect.poll(() => page.getByTestId('problems-panel').textContent()).toContain('条件分支缺少');
    await browser.shot('missing-branch');
    await page.locator('[data-code="condition_missing_branch"]').first().click();
    await expect.poll(() => page.getByTestId('panel-condition').isVisible()).toBe(true);

    await connect(page, 'condition_1', 'false', 'message_2');
    await expect.poll(() => edgeCount(page)).toBe(6);
    await expect.poll(() => nodeEl(page, 'condition_1').getAttribute('data-problem')).toBeNull();
    await expect.poll(() => page.locator('[data-severity="error"]').count()).toBe(0);
    await saved();
    await browser.shot('connected');
  });

  it('reloads the page and finds the flow intact', async () => {
    const { page } = browser;
    await page.reload();
    await page.getByTestId('flow-editor').waitFor();
    await expect.poll(() => page.locator('[data-testid^="node-"][data-kind]').count()).toBe(6);
    await expect.poll(() => edgeCount(page)).toBe(6);
    expect(await nodeEl(page, 'message_1').textContent()).toContain('成交');
    expect(await nodeEl(page, 'message_2').textContent()).toContain('太低啦，最少 100 元');
    const draft = await admin.request<{ document: { nodes: { id: string; position?: unknown }[]; edges: unknown[] } }>('GET', `/v1/bots/${bot}/flows/${flow}`);
    expect(draft.document.nodes.map((n) => n.id).sort()).toEqual(['ask_1', 'condition_1', 'end_1', 'message_1', 'message_2', 'start']);
    expect(draft.document.nodes.every((n) => n.position !== undefined)).toBe(true);
    await browser.shot('reloaded');
  });

  it('chats with the draft in the test panel and sees the path of the turn on the canvas', async () => {
    const { page } = browser;
    await page.getByTestId('panel-tab-chat').click();
    await page.getByTestId('test-chat-input').fill('我出150块');
    await page.getByTestId('test-chat-send').click();
    await expect.poll(() => page.getByTestId('test-chat-log').textContent()).toContain('成交！150 元卖给你');
    await expect.poll(() => nodeEl(page, 'message_1').getAttribute('data-highlighted')).toBe('true');
    expect(await nodeEl(page, 'condition_1').getAttribute('data-highlighted')).toBe('true');
    expect(await nodeEl(page, 'message_2').getAttribute('data-highlighted')).toBeNull();
    expect(await page.getByTestId('turn-details').last().textContent()).toContain('price=150');
    await browser.shot('chat-accepted');

    await page.getByRole('button', { name: /重新开始/ }).click();
    await page.getByTestId('test-chat-input').fill('80块行不行');
    await page.getByTestId('test-chat-send').click();
    await expect.poll(() => page.getByTestId('test-chat-log').textContent()).toContain('太低啦，最少 100 元');
    await expect.poll(() => nodeEl(page, 'message_2').getAttribute('data-highlighted')).toBe('true');
    expect(await nodeEl(page, 'message_1').getAttribute('data-highlighted')).toBeNull();
    await browser.shot('chat-countered');

    // an image instead of text: shown in the user's bubble; no price in it, so the bot asks again
    await page.getByRole('button', { name: /重新开始/ }).click();
    await page.getByTestId('test-chat').locator('input[type="file"]').setInputFiles({ name: 'item.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1X1, 'base64') });
    await expect.poll(() => page.getByTestId('chat-user').locator('img').count()).toBe(1);
    await expect.poll(() => page.getByTestId('chat-bot').last().textContent()).toContain('您想出多少钱？');
    await expect.poll(() => nodeEl(page, 'ask_1').getAttribute('data-current')).toBe('true');
    await browser.shot('chat-image');
  });

  it('publishes v1, then v2 with a change, opens v1 read-only and rolls back to it', async () => {
    const { page } = browser;
    await page.goto(`/#/bots/${bot}/versions?flow=${flow}`);
    await page.getByLabel('发布说明').fill('第一版：100 元底价');
    await page.getByRole('button', { name: /^\s*发\s*布\s*$/ }).click();
    await expect.poll(() => page.getByTestId('versions-table').textContent()).toContain('第一版：100 元底价');

    // change the counter-offer in the editor, let it autosave, publish v2
    await page.goto(`/#/bots/${bot}/flows/${flow}`);
    await nodeEl(page, 'message_2').click();
    await fillField(page, 'field-variants-0', '最低 120 元，不能再少了');
    await saved();
    await page.goto(`/#/bots/${bot}/versions?flow=${flow}`);
    await page.getByLabel('发布说明').fill('第二版：提高底价');
    await page.getByRole('button', { name: /^\s*发\s*布\s*$/ }).click();
    const table = page.getByTestId('versions-table');
    await expect.poll(() => table.textContent()).toContain('第二版：提高底价');
    await expect.poll(() => table.locator('tr', { hasText: 'v2' }).textContent()).toContain('线上');
    await browser.shot('two-versions');

    const reply = async (cid: string) =>
      (await admin.request<{ replies: { text: string }[] }>('POST', `/v1/bots/${bot}/conversations/${cid}/messages`, { messageId: 'm1', text: '80块' })).replies.map((r) => r.text).join(' ');
    expect(await reply(uniqueKey('live_v2'))).toContain('最低 120 元');

    // open v1 read-only
    await table.locator('tr', { hasText: 'v1' }).getByRole('button', { name: /打\s*开/ }).click();
    await page.getByTestId('readonly-tag').waitFor();
    expect(await page.getByTestId('version-tag').textContent()).toContain('v1');
    expect(await nodeEl(page, 'message_2').textContent()).toContain('太低啦，最少 100 元');
    await browser.shot('v1-read-only');

    // roll back, with a confirmation
    await page.goto(`/#/bots/${bot}/versions?flow=${flow}`);
    await table.locator('tr', { hasText: 'v1' }).getByRole('button', { name: /回\s*滚/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => table.locator('tr', { hasText: 'v1' }).textContent()).toContain('线上');
    await browser.shot('rolled-back');
    expect(await reply(uniqueKey('live_v1'))).toContain('太低啦，最少 100 元');
  });
});
