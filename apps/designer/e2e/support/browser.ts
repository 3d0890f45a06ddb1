import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Flags from STACK-NOTES: headless Debian Chromium as root, nothing phoning home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2eEnv {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  artifacts: string;
}

export function e2eEnv(): E2eEnv {
  const baseUrl = process.env.E2E_BASE_URL;
  if (!baseUrl) throw new Error('E2E_BASE_URL is not set: run browser tests through `node scripts/e2e.mjs`');
  return {
    baseUrl,
    adminEmail: process.env.E2E_ADMIN_EMAIL ?? '',
    adminPassword: process.env.E2E_ADMIN_PASSWORD ?? '',
    artifacts: process.env.E2E_ARTIFACTS ?? join(process.cwd(), 'test-artifacts/e2e'),
  };
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Saves a full-page screenshot as test-artifacts/e2e/<suite>/<nn>-<step>.png. */
  shot(step: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(suite: string, options: { locale?: string } = {}): Promise<BrowserSession> {
  const env = e2eEnv();
  const userDataDir = mkdtempSync(join(tmpdir(), 'zs-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: env.baseUrl,
    viewport: { width: 1440, height: 900 },
    locale: options.locale ?? 'zh-CN',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const dir = join(env.artifacts, suite);
  mkdirSync(dir, { recursive: true });
  let counter = 0;
  return {
    context,
    page,
    async shot(step) {
      counter += 1;
      await page.screenshot({ path: join(dir, `${String(counter).padStart(2, '0')}-${step}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Keeps a screenshot of the page as it was when a test failed (register in afterEach). */
export async function shotOnFailure(session: BrowserSession | undefined, task: { name: string; result?: { state?: string } }): Promise<void> {
  if (!session || task.result?.state !== 'fail') return;
  await session.shot(`FAILED-${task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-').slice(0, 60)}`).catch(() => undefined);
}
