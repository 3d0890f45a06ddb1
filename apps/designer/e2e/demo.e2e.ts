import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, type ApiClient } from './support/api';
import { openBrowser, shotOnFailure, type BrowserSession } from './support/browser';
import { login } from './support/ui';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Share of the smaller card covered by the other one (0 = apart or just touching). */
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? (w * h) / Math.min(a.width * a.height, b.width * b.height) : 0;
}

// The demo bot shipped in flows/xianyu is seeded on first start: every flow opens and is readable.
describe('demo bot in the designer', () => {
  let browser: BrowserSession;
  let admin: ApiClient;
  let flows: { key: string; document: { nodes: unknown[]; edges: unknown[] } }[] = [];

  beforeAll(async () => {
    admin = await apiLogin();
    flows = await admin.request('GET', '/v1/bots/xianyu/flows');
    browser = await openBrowser('demo');
    await login(browser.page);
  });
  afterEach(async (ctx) => shotOnFailure(browser, ctx.task));
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the demo bot and its flows', async () => {
    const { page } = browser;
    await page.getByTestId('bot-xianyu').click();
    await page.getByTestId('flows-page').waitFor();
    expect(flows.map((f) => f.key)).toContain('main');
    for (const flow of flows) await expect.poll(() => page.getByTestId(`flow-${flow.key}`).isVisible()).toBe(true);
    await browser.shot('flows');
  });

  it('opens every flow with all nodes drawn, none on top of another, and no schema errors', async () => {
    const { page } = browser;
    for (const flow of flows) {
      await page.goto(`/#/bots/xianyu/flows/${flow.key}`);
      await page.getByTestId('flow-editor').waitFor();
      const nodes = page.locator('[data-testid^="node-"][data-kind]');
      await expect.poll(() => nodes.count()).toBe(flow.document.nodes.length);
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(flow.document.edges.length);
      expect(await page.getByTestId('invalid-document').count()).toBe(0);
      // Readable: every card's title is on top (no other card covers it), and no card hides most of another.
      // A pan/zoom moves all cards alike, so both checks hold at any viewport, also mid-animation.
      await page.getByTestId('fit-view').click();
      const covered = await nodes.evaluateAll((els) =>
        els.flatMap((el) => {
          const title = el.querySelector('strong') ?? el;
          const r = title.getBoundingClientRect();
          const hit = document.elementFromPoint(r.x + Math.min(r.width / 2, 40), r.y + r.height / 2);
          if (!hit || hit.closest('.react-flow__panel, .react-flow__minimap')) return [];
          return hit.closest('[data-kind]') === el ? [] : [el.getAttribute('data-testid')];
        }),
      );
      expect(covered, `${flow.key}: node titles hidden under other cards`).toEqual([]);
      const boxes = (await nodes.evaluateAll((els) => els.map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.getAttribute('data-testid'), x: r.x, y: r.y, width: r.width, height: r.height };
      }))) as (Box & { id: string })[];
      const hidden = boxes.flatMap((a, i) =>
        boxes.slice(i + 1).flatMap((b) => (overlap(a, b) > 0.25 ? [`${a.id} × ${b.id}: ${(overlap(a, b) * 100).toFixed(0)}%`] : [])),
      );
      expect(hidden, `${flow.key}: cards mostly on top of each other`).toEqual([]);
      await browser.shot(`flow-${flow.key}`);
    }
  });
});
