import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, uniqueKey } from './support/api';
import { openBrowser, shotOnFailure, type BrowserSession } from './support/browser';
import { login } from './support/ui';

// Controls a role may not use are disabled or hidden, with the reason in words.
describe('role-aware pages', () => {
  let browser: BrowserSession;
  const bot = uniqueKey('e2e_roles');
  const editor = { email: `${uniqueKey('editor')}@zhishou.test`, password: 'editor-Passw0rd!' };
  const agent = { email: `${uniqueKey('agent')}@zhishou.test`, password: 'agent-Passw0rd!' };

  beforeAll(async () => {
    const admin = await apiLogin();
    await admin.request('POST', '/v1/bots', { key: bot, name: '角色测试' });
    await admin.request('POST', `/v1/bots/${bot}/flows`, {
      document: { schemaVersion: 1, key: 'main', name: '主流程', nodes: [{ id: 'start', kind: 'start', config: {} }, { id: 'bye', kind: 'end', config: {} }], edges: [{ id: 'e1', source: 'start', target: 'bye' }] },
    });
    const v = await admin.request<{ number: number }>('POST', `/v1/bots/${bot}/flows/main/publish`, { note: '初版' });
    await admin.request('PUT', `/v1/bots/${bot}/flows/main/live`, { version: v.number });
    // Non-admins reach only the bots granted to them, with the role granted there.
    const editorUser = await admin.request<{ id: string }>('POST', '/v1/users', { ...editor, role: 'editor', name: '编辑小李' });
    const agentUser = await admin.request<{ id: string }>('POST', '/v1/users', { ...agent, role: 'agent', name: '客服小王' });
    await admin.request('PUT', `/v1/users/${editorUser.id}/bots/${bot}`, { role: 'editor' });
    await admin.request('PUT', `/v1/users/${agentUser.id}/bots/${bot}`, { role: 'agent' });
    browser = await openBrowser('roles');
  });
  afterEach(async (ctx) => shotOnFailure(browser, ctx.task));
  afterAll(async () => {
    await browser?.close();
  });

  it('an editor may not publish or roll back: the button is disabled and says why', async () => {
    const { page } = browser;
    await login(page, editor.email, editor.password);
    await page.goto(`/#/bots/${bot}/versions?flow=main`);
    await expect.poll(() => page.getByTestId('versions-table').textContent()).toContain('初版');
    await expect.poll(() => page.getByTestId('publish-block-reason').textContent()).toContain('你的角色无权发布');
    expect(await page.getByRole('button', { name: /^\s*发\s*布\s*$/ }).isDisabled()).toBe(true);
    expect(await page.getByTestId('versions-table').getByRole('button', { name: /回\s*滚|设为线上/ }).count()).toBe(0);
    await browser.shot('editor-versions');
  });

  it('an agent sees the inbox but cannot edit NLU data', async () => {
    const { page } = browser;
    await page.getByTestId('user-menu').hover();
    await page.getByText('退出登录').click();
    await login(page, agent.email, agent.password);
    await page.goto('/#/inbox');
    await expect.poll(() => page.getByTestId('page-inbox').or(page.getByTestId('inbox-list')).first().isVisible()).toBe(true);
    await page.goto(`/#/bots/${bot}/nlu`);
    await page.getByTestId('page-nlu').waitFor();
    expect(await page.getByRole('button', { name: /新建意图/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^\s*保\s*存\s*$/ }).count()).toBe(0);
    await browser.shot('agent-nlu');
  });
});
