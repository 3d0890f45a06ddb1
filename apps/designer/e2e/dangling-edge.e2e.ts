import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, uniqueKey } from './support/api';
import { openBrowser, shotOnFailure, type BrowserSession } from './support/browser';
import { edgeCount, nodeEl } from './support/canvas';
import { login } from './support/ui';

// A draft whose edge points at a node that no longer exists (e.g. written by a script or an older
// designer): the editor opens it, names the problem, and the user removes the edge.
describe('a dangling edge in a saved draft', () => {
  let browser: BrowserSession;
  const bot = uniqueKey('e2e_dangling');

  beforeAll(async () => {
    const admin = await apiLogin();
    await admin.request('POST', '/v1/bots', { key: bot, name: '悬空连线' });
    await admin.request('POST', `/v1/bots/${bot}/flows`, {
      document: {
        schemaVersion: 1,
        key: 'main',
        name: '悬空连线',
        nodes: [
          { id: 'start', kind: 'start', config: {}, position: { x: 0, y: 0 } },
          { id: 'hello', kind: 'message', config: { variants: ['您好'] }, position: { x: 0, y: 150 } },
          { id: 'bye', kind: 'end', config: {}, position: { x: 0, y: 300 } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'hello' },
          { id: 'e2', source: 'hello', target: 'bye' },
          { id: 'e_gone', source: 'hello', target: 'deleted_node' },
        ],
      },
    });
    browser = await openBrowser('dangling-edge');
    await login(browser.page);
  });
  afterEach(async (ctx) => shotOnFailure(browser, ctx.task));
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the dangling edge as an error that blocks publishing; deleting it from the problems list fixes the flow, which then publishes', async () => {
    const { page } = browser;
    await page.goto(`/#/bots/${bot}/flows/main`);
    await page.getByTestId('flow-editor').waitFor();
    await expect.poll(() => nodeEl(page, 'bye').isVisible()).toBe(true);
    if (!(await page.getByTestId('problems-panel').isVisible())) await page.getByTestId('problems-toggle').click();
    const problem = page.locator('[data-code="dangling_edge_target"]');
    await expect.poll(() => problem.textContent()).toContain('连线指向不存在的节点 deleted_node');
    await browser.shot('dangling');

    // publishing is blocked while the error exists, and the page says why
    await page.goto(`/#/bots/${bot}/versions?flow=main`);
    await expect.poll(() => page.getByTestId('publish-blocked').textContent()).toContain('无法发布：草稿有 1 个校验错误');
    expect(await page.getByTestId('publish-blocked').textContent()).toContain('连线指向不存在的节点 deleted_node');
    expect(await page.getByTestId('versions-flow-select').textContent()).toContain('悬空连线 (main)');
    expect(await page.getByTestId('publish-block-reason').textContent()).toContain('请先修复校验错误');
    expect(await page.getByRole('button', { name: /^\s*发\s*布\s*$/ }).isDisabled()).toBe(true);
    await browser.shot('publish-blocked');
    await page.goto(`/#/bots/${bot}/flows/main`);
    await expect.poll(() => problem.count()).toBe(1);

    await problem.click();
    await page.getByTestId('edge-inspector').waitFor();
    await page.getByTestId('edge-delete').click();
    await expect.poll(() => problem.count()).toBe(0);
    await expect.poll(() => page.locator('[data-severity="error"]').count()).toBe(0);
    expect(await edgeCount(page)).toBe(2);
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
    await browser.shot('fixed');

    await page.goto(`/#/bots/${bot}/versions?flow=main`);
    await page.getByLabel('发布说明').fill('去掉悬空连线');
    await expect.poll(() => page.getByTestId('publish-blocked').count()).toBe(0);
    await page.getByRole('button', { name: /^\s*发\s*布\s*$/ }).click();
    await expect.poll(() => page.getByTestId('versions-table').textContent()).toContain('去掉悬空连线');
  });
});
