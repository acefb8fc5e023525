// Measures the first render of /map on loopback: from navigation start to
// MapLibre's first `idle` event, and to the first `idle` with the
// choropleth painted, over fresh browser profiles (cold HTTP cache) and
// reloads (warm cache), alternating with a bare MapLibre page drawing the
// same tiles. Usage (after a build):
//   TERRITORIO_BIN=build/server/territorio TERRITORIO_TEST_STORE=var/territorio.sqlite \
//     node tests/web/first-render.bench.mjs [runs]
// A/B: TERRITORIO_BASELINE_WEB=<an older web/ folder> (and optionally
// TERRITORIO_BASELINE_BIN=<an older binary>) adds that page, same run.
// TERRITORIO_BARE_ROUTE=1 adds the bare page as first measured (its HTML
// handed over by Playwright's request interception, not by the server).
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

const runs = Number(process.argv[2] || 10);
// A fresh Chromium builds its own WebUI (the omnibox popup: about 1.5 s of
// CPU in a renderer of its own) in its first seconds; on 2 cores that lands
// on whichever page loads then. Every page waits for it alike.
const SETTLE_MS = Number(process.env.TERRITORIO_SETTLE_MS ?? 2500);
const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');

// The floor: a bare MapLibre page drawing the same region tiles with one
// fill colour (no app, no coverage).
const BARE_SCRIPT = `import { Map } from '/map/vendor/maplibre-gl.mjs';
const m = new Map({ container: 'm', bounds: [[-76, -56], [-66, -17.4]], fadeDuration: 0, attributionControl: false,
  style: { version: 8, sources: { r: { type: 'vector', maxzoom: 12,
    tiles: [location.origin + '/tiles/regions/{z}/{x}/{y}.mvt?properties=code,name'] } },
    layers: [{ id: 'b', type: 'background', paint: { 'background-color': '#dde8ef' } },
      { id: 'f', type: 'fill', source: 'r', 'source-layer': 'regions', paint: { 'fill-color': '#41b6c4' } }] } });
m.once('idle', () => { window.territorio = { 'territorio:first-idle': performance.now(), 'territorio:painted-idle': performance.now() }; });
`;
const bareHtml = (script) => `<!doctype html><html><head><link rel="stylesheet" href="/map/vendor/maplibre-gl.css">
<style>html,body,#m{margin:0;height:100%}</style>${script}</head><body><div id="m"></div></body></html>`;

// The bare page as the server's page: a web folder of its own (its HTML,
// its script, MapLibre from the real node_modules), served by the same
// binary with the same headers as /map.
function bareFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'territorio-bare-'));
  writeFileSync(join(dir, 'index.html'), bareHtml('<script type="module" src="/map/bare.js"></script>'));
  writeFileSync(join(dir, 'bare.js'), BARE_SCRIPT);
  symlinkSync(join(WEB, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

async function marks(page) {
  await page.waitForFunction(() => window.territorio?.['territorio:painted-idle'] !== undefined, null, { timeout: 60000 });
  return page.evaluate(() => ({
    firstIdle: window.territorio['territorio:first-idle'],
    paintedIdle: window.territorio['territorio:painted-idle'],
    requests: performance.getEntriesByType('resource').length + 1,
  }));
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  return `median ${median(s).toFixed(0)} ms, min ${s[0].toFixed(0)}, max ${s[s.length - 1].toFixed(0)}`;
}

const bareDir = bareFolder();
const servers = [];
const pages = [];
try {
  const main = await startServer();
  servers.push(main);
  const bare = await startServer({ env: { TERRITORIO_WEB: bareDir } });
  servers.push(bare);
  pages.push({ name: '/map', url: main.url('/map') });
  if (process.env.TERRITORIO_BASELINE_WEB || process.env.TERRITORIO_BASELINE_BIN) {
    const env = process.env.TERRITORIO_BASELINE_WEB ? { TERRITORIO_WEB: resolve(process.env.TERRITORIO_BASELINE_WEB) } : {};
    const base = await startServer({ bin: process.env.TERRITORIO_BASELINE_BIN || undefined, env });
    servers.push(base);
    pages.push({ name: '/map (baseline)', url: base.url('/map') });
  }
  pages.push({ name: 'bare MapLibre page', url: bare.url('/map') });
  if (process.env.TERRITORIO_BARE_ROUTE) {
    const html = bareHtml(`<script type="module">${BARE_SCRIPT}</script>`);
    pages.push({ name: 'bare page, intercepted HTML', url: main.url('/bare.html'), route: html });
  }
  for (const p of pages) Object.assign(p, { cold: [], warm: [] });
  // Alternate the pages so that load from other processes hits all alike.
  for (let i = 0; i < runs; ++i) {
    for (const p of pages) {
      const browser = await launchBrowser();
      try {
        const page = browser.context.pages()[0] ?? await browser.context.newPage();
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        if (p.route) await page.route(p.url, (route) => route.fulfill({ body: p.route, contentType: 'text/html' }));
        await page.goto(p.url);
        p.cold.push(await marks(page));
        await page.reload();
        p.warm.push(await marks(page));
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  for (const s of servers) await s.stop();
  rmSync(bareDir, { recursive: true, force: true });
}
const floor = pages.find((p) => p.name === 'bare MapLibre page');
for (const p of pages) {
  for (const [name, list] of [['cold', p.cold], ['warm', p.warm]]) {
    const ratio = median(list.map((m) => m.paintedIdle)) / median(floor[name].map((m) => m.paintedIdle));
    console.log(`${p.name}, ${name} cache (${list.length} runs, ${list[0].requests} requests), ${ratio.toFixed(2)}x the bare page:`);
    console.log(`  navigation -> first idle:               ${stats(list.map((m) => m.firstIdle))}`);
    console.log(`  navigation -> choropleth painted idle:  ${stats(list.map((m) => m.paintedIdle))}`);
  }
}
