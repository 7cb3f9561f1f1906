/**
 * Real-browser tests drive Debian's chromium with playwright-core (no browser
 * download at install). Where chromium is absent the tests say so and skip;
 * CI installs it (`apt-get install -y chromium`), so there they run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumPath: string | null =
  candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p)) ?? null;

if (chromiumPath === null)
  console.warn(
    'browser tests skipped: no chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)',
  );

/**
 * Flags keep chromium from reaching out (this machine and CI have no network
 * but the package registries) and from slowing down a shared machine.
 */
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

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
    args: flags,
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
