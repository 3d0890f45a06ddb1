import type { Locator, Page } from 'playwright-core';

/** The canvas node element of a flow node id (the card React Flow renders). */
export function nodeEl(page: Page, id: string): Locator {
  return page.locator(`[data-testid="node-${id}"][data-kind]`);
}

/** Drags a palette item onto the canvas, dropping it at (x, y) relative to the canvas's top-left corner. */
export async function dropNode(page: Page, kind: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box (not visible)');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Draws an edge the way a user does: press on the source handle, move, release on the target's input. */
export async function connect(page: Page, source: string, handle: string, target: string): Promise<void> {
  const from = await centre(page.getByTestId(`handle-${source}-${handle}`));
  const to = await centre(page.getByTestId(`handle-${target}-in`));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

/** Fills a form control found by test id, whether the id sits on the input itself or on a wrapper. */
export async function fillField(page: Page, testId: string, text: string): Promise<void> {
  const el = page.getByTestId(testId).first();
  const tag = await el.evaluate((node) => node.tagName);
  const input = tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first();
  await input.fill(text);
}

/** Edge ids drawn on the canvas (React Flow renders one group per edge). */
export async function edgeCount(page: Page): Promise<number> {
  return page.locator('.react-flow__edge').count();
}
