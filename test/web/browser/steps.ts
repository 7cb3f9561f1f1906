/** What a person does again and again in the browser scenarios: sign in and out, look at a page. */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir } from './chromium.js';
import { PASSWORD } from './server.js';

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, origin: string, name: string): Promise<void> {
  await page.goto(`${origin}/events`);
  await page.getByLabel('اسم المستخدم').fill(name);
  await page.getByLabel('كلمة المرور').fill(PASSWORD);
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await page.getByRole('button', { name: 'تسجيل الخروج' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
  await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
}

/** Shows the page as it is now in Arabic, then in English, and back to Arabic. */
export async function shotBothLanguages(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-ar`);
  await page.getByRole('button', { name: 'التبديل إلى الإنكليزية' }).click();
  await page.locator('html[lang="en"]').waitFor();
  await shot(page, `${name}-en`);
  await page.getByRole('button', { name: 'Switch to Arabic' }).click();
  await page.locator('html[lang="ar"]').waitFor();
}
