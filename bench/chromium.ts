/**
 * How wathiq starts Debian's chromium, for the browser tests
 * (test/web/browser) and the browser bench alike: where it is, and flags that
 * keep it from reaching out (this machine and CI have no network but the
 * package registries) and from slowing down a shared machine.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chromium's path: CHROMIUM_PATH, else where Debian installs it; null when there is none. */
export function findChromium(): string | null {
  const candidates = [
    process.env['CHROMIUM_PATH'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p)) ?? null;
}
