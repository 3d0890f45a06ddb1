import type { Page } from 'playwright-core';
import { e2eEnv } from './browser';

/** Signs in through the login page, as a user would, and waits for the signed-in header. */
export async function login(page: Page, email?: string, password?: string): Promise<void> {
  const env = e2eEnv();
  await page.goto('/#/login');
  await page.getByTestId('login-email').fill(email ?? env.adminEmail);
  await page.getByTestId('login-password').fill(password ?? env.adminPassword);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** Opens a tab of a bot through the side navigation. */
export async function openBotTab(page: Page, bot: string, tab: string): Promise<void> {
  await page.goto(`/#/bots/${bot}/${tab}`);
  await page.getByTestId(`nav-${tab}`).waitFor();
}

/** antd puts a space between two CJK characters on buttons ("保 存"); match the label either way. */
export function label(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);
}
