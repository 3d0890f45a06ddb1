/**
 * Designer page loads and bundle sizes (not a test): builds the designer (unless `--no-build`), starts
 * the real api + worker with the seeded demo bot, and in headless Chromium (1440 × 900, zh-CN) times
 * full page loads of the login page, the demo's main flow editor, the NLU page, the rules page and the
 * inbox: navigation start → the page's main element visible (the editor: its nodes drawn and a node
 * clickable, i.e. interactive). Each page is loaded once to warm up and then three times; the median
 * is printed. Bundle sizes: every JS/CSS file in apps/designer/dist/assets, raw, gzip and brotli.
 * Run: `npm run bench:designer-pages -- [--no-build] [--compare <another dist dir>]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { buildDesigner, designerDir, root, startStack } from '../scripts/e2e-stack.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RUNS = 3;

interface PageLoad {
  name: string;
  hash: string;
  /** A selector that is visible once the page is usable. */
  ready: string;
}

const PAGES: PageLoad[] = [
  { name: 'login', hash: '#/login', ready: '[data-testid="login-submit"]' },
  { name: 'editor (xianyu/main)', hash: '#/bots/xianyu/flows/main', ready: '.react-flow__node' },
  { name: 'NLU', hash: '#/bots/xianyu/nlu', ready: '[data-testid="page-nlu"] .ant-list-item' },
  { name: 'rules', hash: '#/bots/xianyu/rules', ready: '[data-testid="rules-table"] .ant-table-row' },
  { name: 'inbox', hash: '#/inbox', ready: '[data-testid="inbox-list"] .ant-list-item, [data-testid="inbox-list"] .ant-list-empty-text' },
];

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function bundleSizes(dist: string): void {
  const dir = join(dist, 'assets');
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f));
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1] ?? '?';
  // What the first page load fetches before any route chunk: the entry and what index.html preloads.
  const initial = new Set([entry, ...[...html.matchAll(/href="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '')]);
  let total = { raw: 0, gz: 0, br: 0 };
  let first = { raw: 0, gz: 0, br: 0 };
  const rows = files.map((file) => {
    const body = readFileSync(join(dir, file));
    const sizes = { raw: body.length, gz: gzipSync(body, { level: 9 }).length, br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
    total = { raw: total.raw + sizes.raw, gz: total.gz + sizes.gz, br: total.br + sizes.br };
    if (initial.has(file)) first = { raw: first.raw + sizes.raw, gz: first.gz + sizes.gz, br: first.br + sizes.br };
    return { file, ...sizes };
  });
  rows.sort((a, b) => b.raw - a.raw);
  console.log(`\nbundle of ${dist}: ${files.length} files, ${kb(total.raw)} raw, ${kb(total.gz)} gzip, ${kb(total.br)} brotli; entry ${entry}`);
  console.log(`first load (entry + preloaded, ${initial.size} files): ${kb(first.raw)} raw, ${kb(first.gz)} gzip, ${kb(first.br)} brotli`);
  for (const r of rows.slice(0, 12)) console.log(`  ${initial.has(r.file) ? '*' : ' '} ${r.file.padEnd(40)} ${kb(r.raw).padStart(10)} raw ${kb(r.gz).padStart(10)} gzip ${kb(r.br).padStart(10)} brotli`);
}

async function timeLoad(page: Page, baseUrl: string, target: PageLoad): Promise<number> {
  await page.goto(`${baseUrl}/?load=${Date.now()}${target.hash}`);
  await page.locator(target.ready).first().waitFor({ state: 'visible', timeout: 30_000 });
  if (target.hash.includes('/flows/')) await page.locator('.react-flow__node').first().click({ trial: true });
  return (await page.evaluate('performance.now()')) as number;
}

interface Target {
  label: string;
  dist: string;
  stack: Awaited<ReturnType<typeof startStack>>;
  page: Page;
  fresh: Page;
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build') && buildDesigner() !== 0) throw new Error('designer build failed');
  // `--compare <dist>`: also serve an older build (e.g. one built from the base commit) and time both
  // in alternation, so both see the same machine load.
  const compareAt = process.argv.indexOf('--compare');
  const dists = [{ label: 'this build', dist: join(designerDir, 'dist') }, ...(compareAt > 0 && process.argv[compareAt + 1] ? [{ label: 'compared build', dist: process.argv[compareAt + 1] as string }] : [])];
  for (const { dist } of dists) bundleSizes(dist);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const targets: Target[] = [];
  try {
    for (const [index, { label, dist }] of dists.entries()) {
      const stack = await startStack({ name: `bench-pages${index}`, logDir: join(root, 'test-artifacts/bench-designer', String(index)), designerDist: dist });
      const signedIn = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await signedIn.newPage();
      await page.goto(`${stack.baseUrl}/#/login`);
      await page.getByTestId('login-email').fill(stack.admin.email);
      await page.getByTestId('login-password').fill(stack.admin.password);
      await page.getByTestId('login-submit').click();
      await page.waitForSelector('[data-testid="bot-xianyu"]');
      // The login page of a signed-in user redirects away: time it in a context without a session.
      const fresh = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
      targets.push({ label, dist, stack, page, fresh });
    }
    const results = new Map<string, number[]>();
    for (const target of PAGES) {
      for (let i = 0; i <= RUNS; i += 1) {
        for (const t of targets) {
          const page = target.name === 'login' ? t.fresh : t.page;
          try {
            const ms = await timeLoad(page, t.stack.baseUrl, target);
            if (i > 0) results.set(`${t.label}|${target.name}`, [...(results.get(`${t.label}|${target.name}`) ?? []), ms]); // run 0 is the warm-up
          } catch (error) {
            console.error(`${t.label} ${target.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
            await page.screenshot({ path: join(root, 'test-artifacts/bench-designer', `FAILED-${target.name.split(' ')[0]}.png`) }).catch(() => undefined);
          }
        }
      }
    }
    console.log(`\npage loads (navigation start → usable; the editor: nodes drawn and clickable), median of ${RUNS} after a warm-up; headless Chromium 1440×900, this machine`);
    for (const target of PAGES) {
      const cells = targets.map((t) => {
        const ms = [...(results.get(`${t.label}|${target.name}`) ?? [])].sort((a, b) => a - b);
        return `${t.label}: ${String(Math.round(ms[Math.floor(ms.length / 2)] ?? Number.NaN)).padStart(5)} ms (${ms.map((m) => Math.round(m)).join(', ')})`;
      });
      console.log(`  ${target.name.padEnd(22)} ${cells.join('   ')}`);
    }
    const editor = [...(results.get(`this build|${PAGES[1]?.name ?? ''}`) ?? [])].sort((a, b) => a - b);
    const median = editor[Math.floor(editor.length / 2)] ?? Number.POSITIVE_INFINITY;
    console.log(`\ntarget: the demo flow editor interactive within 2000 ms → ${median <= 2000 ? 'met' : 'NOT met'} (${Math.round(median)} ms)`);
  } finally {
    await browser.close();
    for (const t of targets) await t.stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
