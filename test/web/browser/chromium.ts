/**
 * Real-browser tests drive Debian's chromium with playwright-core (no browser
 * download at install). Where chromium is absent the tests say so and skip;
 * CI installs it (`apt-get install -y chromium`), so there they run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../../../bench/chromium.js';

export const chromiumPath: string | null = findChromium();

if (chromiumPath === null)
  console.warn(
    'browser tests skipped: no chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)',
  );

export interface Browser {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** A fresh browser with a profile of its own, removed on close. */
export async function openBrowser(
  options: { width?: number; height?: number } = {},
): Promise<Browser> {
  if (chromiumPath === null) throw new Error('no chromium');
  const profile = mkdtempSync(join(tmpdir(), 'wathiq-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    locale: 'ar-SY',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Screenshots go to a git-ignored folder for a person to look at. */
export const screenshotDir = join(process.cwd(), 'test-results', 'screenshots');
