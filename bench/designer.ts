/**
 * Designer benchmark (not a test): opens a generated 500-node flow in headless Chromium against the
 * real api and prints the time to first render and the frame rate while dragging a node and while
 * panning, beside the same figures for a 10-node flow measured in the same run (the baseline).
 * Targets: first render ≤ 1.5 s, ≥ 50 fps.  Run: `npm run bench:designer` (add `--no-build` to reuse
 * apps/designer/dist, `--profile` to print where the page spends its time while dragging the big flow).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildDesigner, root, startStack } from '../scripts/e2e-stack.mjs';
import { generateFlow } from './designer-flow';

const SIZES = [10, 500];
let profiled = 0;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Figures {
  nodes: number;
  firstRenderMs: number;
  renderedNodes: number;
  drag: FrameStats | null;
  pan: FrameStats | null;
  /** After "fit view" (zoomed out as far as the editor allows): the most nodes on screen at once. */
  fitAll: { ms: number; renderedNodes: number; pan: FrameStats | null } | null;
}

interface FrameStats {
  fps: number;
  p95FrameMs: number;
  frames: number;
}

async function api<T>(baseUrl: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Waits until the canvas shows nodes and their count has not changed for three frames; returns the
 * page time (ms since navigation start) when that count first appeared.
 */
async function stableNodeCount(page: Page): Promise<{ ms: number; count: number }> {
  await page.evaluate('window.__stable = undefined');
  const handle = await page.waitForFunction(
    `(() => {
      const count = document.querySelectorAll('.react-flow__node').length;
      if (count === 0) return false;
      const s = window.__stable;
      if (!s || s.count !== count) {
        window.__stable = { count, frames: 0, since: performance.now() };
        return false;
      }
      s.frames += 1;
      return s.frames >= 3 ? { ms: s.since, count } : false;
    })()`,
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as { ms: number; count: number };
}

/** Counts frames (rAF timestamps) while `gesture` runs: one pointer move per frame, like a real hand. */
async function measureFrames(page: Page, gesture: () => Promise<void>): Promise<FrameStats> {
  // A string, not a function: tsx (esbuild keepNames) would wrap inner functions in a `__name` helper
  // that does not exist in the page.
  // Each recording has its own generation: a callback left pending by an earlier one stops itself.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    const generation = (window.__generation = (window.__generation || 0) + 1);
    const tick = (t) => {
      if (!window.__recording || window.__generation !== generation) return;
      window.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await gesture();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const gaps = frames.slice(1).map((t, i) => t - (frames[i] as number)).sort((a, b) => a - b);
  const span = (frames[frames.length - 1] ?? 0) - (frames[0] ?? 0);
  return {
    fps: span > 0 ? ((frames.length - 1) * 1000) / span : 0,
    p95FrameMs: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
    frames: frames.length,
  };
}

async function dragBy(page: Page, from: { x: number; y: number }, dx: number, dy: number, steps = 90): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i += 1) {
    await page.mouse.move(from.x + (dx * i) / steps, from.y + (dy * i) / steps);
    // one move per animation frame: what a pointer does, and what lets the frame counter see jank
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  await page.mouse.up();
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function of a CDP CPU profile, largest first. */
function topSelfTime(profile: CpuProfile, k = 12): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(6)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
}

async function profileDrag(page: Page, gesture: () => Promise<void>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await gesture();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const dir = join(root, 'test-artifacts/bench-designer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'drag-500.cpuprofile'), JSON.stringify(profile));
  console.log('\nwhere the page spends its time while dragging (self time, top functions; full profile in test-artifacts/bench-designer/drag-500.cpuprofile):');
  for (const line of topSelfTime(profile)) console.log(`  ${line}`);
}

const viewportTransform = (page: Page) => page.evaluate(() => document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '');

async function measureFlow(page: Page, baseUrl: string, bot: string, flow: string, nodes: number): Promise<Figures> {
  await page.goto(`${baseUrl}/#/bots`);
  await page.waitForSelector('[data-testid="bot-' + bot + '"]');
  // First render: from navigation start of a full page load of the flow URL until the canvas shows
  // its nodes and their count has been stable for three frames.
  await page.goto(`${baseUrl}/?bench=${Date.now()}#/bots/${bot}/flows/${flow}`);
  const { ms, count } = await stableNodeCount(page);

  const node = page.locator('.react-flow__node').nth(Math.min(5, count - 1));
  const box = await node.boundingBox();
  const gesture = () => dragBy(page, { x: (box?.x ?? 0) + (box?.width ?? 0) / 2, y: (box?.y ?? 0) + (box?.height ?? 0) / 2 }, 220, 120);
  const drag = box ? await measureFrames(page, gesture) : null;
  if (box && nodes >= 500 && process.argv.includes('--profile') && !profiled++) await profileDrag(page, () => dragBy(page, { x: box.x + 220 + box.width / 2, y: box.y + 120 + box.height / 2 }, -220, -120));

  // Pan: drag on empty pane space (a spot with no node under it).
  const pane = await page.locator('.react-flow__pane').boundingBox();
  let pan: FrameStats | null = null;
  if (pane) {
    const spot = await page.evaluate(({ x, y, width, height }) => {
      for (let yy = y + height - 20; yy > y + 20; yy -= 37) {
        for (let xx = x + 20; xx < x + width - 20; xx += 41) {
          const el = document.elementFromPoint(xx, yy);
          if (el?.classList.contains('react-flow__pane')) return { x: xx, y: yy };
        }
      }
      return null;
    }, pane);
    if (spot) {
      const before = await viewportTransform(page);
      const stats = await measureFrames(page, () => dragBy(page, spot, -300, -200));
      pan = (await viewportTransform(page)) !== before ? stats : null;
    }
  }
  // Fit view: the whole flow at once, the worst case for rendering (every card in the DOM).
  const t0 = await page.evaluate('performance.now()') as number;
  await page.getByTestId('fit-view').click();
  // fit view animates (300 ms): wait past it, then for the node count to settle
  await page.waitForFunction(`performance.now() > ${t0 + 350}`, undefined, { polling: 'raf' });
  const settled = await stableNodeCount(page);
  const fitMs = settled.ms - t0;
  const fitCount = settled.count;
  let fitPan: FrameStats | null = null;
  if (pane) {
    const before = await viewportTransform(page);
    const stats = await measureFrames(page, () => dragBy(page, { x: pane.x + 10, y: pane.y + pane.height - 10 }, 200, -150));
    fitPan = (await viewportTransform(page)) !== before ? stats : null;
  }
  return { nodes, firstRenderMs: ms, renderedNodes: count, drag, pan, fitAll: { ms: fitMs, renderedNodes: fitCount, pan: fitPan } };
}

function row(f: Figures): string {
  const frames = (s: FrameStats | null) => (s ? `${s.fps.toFixed(1)} fps (p95 frame ${s.p95FrameMs.toFixed(1)} ms, ${s.frames} frames)` : 'not measured');
  const fit = f.fitAll ? ` │ fit view: ${f.fitAll.renderedNodes} node elements after ${f.fitAll.ms.toFixed(0)} ms, pan ${frames(f.fitAll.pan)}` : '';
  return `${String(f.nodes).padStart(4)} nodes │ first render ${f.firstRenderMs.toFixed(0).padStart(5)} ms (${f.renderedNodes} node elements) │ drag ${frames(f.drag)} │ pan ${frames(f.pan)}${fit}`;
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build') && buildDesigner() !== 0) throw new Error('designer build failed');
  const stack = await startStack({ name: 'bench', logDir: join(root, 'test-artifacts/bench-designer') });
  const userDataDir = mkdtempSync(join(tmpdir(), 'zs-bench-chromium-'));
  try {
    const { token } = await api<{ token: string }>(stack.baseUrl, null, 'POST', '/v1/auth/login', { email: stack.admin.email, password: stack.admin.password });
    const bot = `bench_${Date.now().toString(36)}`;
    await api(stack.baseUrl, token, 'POST', '/v1/bots', { key: bot, name: 'Designer benchmark' });
    for (const size of SIZES) await api(stack.baseUrl, token, 'POST', `/v1/bots/${bot}/flows`, { document: generateFlow(size) });

    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${stack.baseUrl}/#/login`);
    await page.getByTestId('login-email').fill(stack.admin.email);
    await page.getByTestId('login-password').fill(stack.admin.password);
    await page.getByTestId('login-submit').click();
    await page.waitForSelector(`[data-testid="bot-${bot}"]`);

    // Warm-up (not reported): the first full load pays for cold caches and code compilation.
    await measureFlow(page, stack.baseUrl, bot, `bench_${SIZES[0]}`, SIZES[0] as number);
    const results: Figures[] = [];
    for (const size of SIZES) results.push(await measureFlow(page, stack.baseUrl, bot, `bench_${size}`, size));
    await context.close();

    console.log('\nDesigner benchmark (headless Chromium, this machine; baseline = 10 nodes, same run)');
    for (const r of results) console.log(row(r));
    const big = results[results.length - 1] as Figures;
    console.log(
      `\ntargets (500 nodes): first render ≤ 1500 ms → ${big.firstRenderMs <= 1500 ? 'met' : 'NOT met'}; ` +
        `drag ≥ 50 fps → ${big.drag && big.drag.fps >= 50 ? 'met' : 'NOT met'}; pan ≥ 50 fps → ${big.pan && big.pan.fps >= 50 ? 'met' : 'NOT met'}`,
    );
    console.log(JSON.stringify({ results }));
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
