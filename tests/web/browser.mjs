// Debian's headless Chromium driven by playwright-core, with software WebGL
// (SwiftShader through ANGLE: there is no GPU), no network but loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',  // we run as root in CI
  '--disable-gpu',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// A browser with a fresh profile directory, removed by close().
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'territorio-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Records what must not happen on a page: console errors, uncaught
// exceptions, failed requests, error responses, and (given the server's
// origin) any request that leaves it: the page must work offline.
export function watchPage(page, origin = null) {
  const problems = [];
  page.on('request', (r) => {
    const url = r.url();
    if (origin && !url.startsWith(`${origin}/`) && !/^(blob|data):/.test(url)) problems.push(`external request: ${url}`);
  });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A download's navigation is aborted by design, and so are superseded fetches.
    const reason = r.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`requestfailed: ${r.url()} ${reason}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}
