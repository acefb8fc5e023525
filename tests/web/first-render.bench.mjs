// Measures the first render of /map on loopback: from navigation start to
// MapLibre's first `idle` event, and to the first `idle` with the
// choropleth painted, over fresh browser profiles (cold HTTP cache) and
// reloads (warm cache). Usage (after a build):
//   TERRITORIO_BIN=build/server/territorio TERRITORIO_TEST_STORE=var/territorio.sqlite \
//     node tests/web/first-render.bench.mjs [runs]
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

const runs = Number(process.argv[2] || 10);

// The floor: a bare MapLibre page drawing the same region tiles with one
// fill colour (no app, no coverage), served from the same origin.
const BARE = `<!doctype html><html><head><link rel="stylesheet" href="/map/vendor/maplibre-gl.css">
<style>html,body,#m{margin:0;height:100%}</style><script type="module">
import { Map } from '/map/vendor/maplibre-gl.mjs';
const m = new Map({ container: 'm', bounds: [[-76, -56], [-66, -17.4]], fadeDuration: 0, attributionControl: false,
  style: { version: 8, sources: { r: { type: 'vector', maxzoom: 12,
    tiles: [location.origin + '/tiles/regions/{z}/{x}/{y}.mvt?properties=code,name'] } },
    layers: [{ id: 'b', type: 'background', paint: { 'background-color': '#dde8ef' } },
      { id: 'f', type: 'fill', source: 'r', 'source-layer': 'regions', paint: { 'fill-color': '#41b6c4' } }] } });
m.once('idle', () => { window.territorio = { 'territorio:first-idle': performance.now(), 'territorio:painted-idle': performance.now() }; });
</script></head><body><div id="m"></div></body></html>`;

async function marks(page) {
  await page.waitForFunction(() => window.territorio?.['territorio:painted-idle'] !== undefined, null, { timeout: 60000 });
  return page.evaluate(() => ({
    firstIdle: window.territorio['territorio:first-idle'],
    paintedIdle: window.territorio['territorio:painted-idle'],
    requests: performance.getEntriesByType('resource').length + 1,
  }));
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return `median ${median.toFixed(0)} ms, min ${s[0].toFixed(0)}, max ${s[s.length - 1].toFixed(0)}`;
}

const server = await startServer();
const results = { '/map': { cold: [], warm: [] }, 'bare MapLibre page': { cold: [], warm: [] } };
try {
  // Alternate the two pages so that load from other processes hits both alike.
  for (let i = 0; i < runs; ++i) {
    for (const [name, r] of Object.entries(results)) {
      const browser = await launchBrowser();
      try {
        const page = browser.context.pages()[0] ?? await browser.context.newPage();
        const url = name === '/map' ? server.url('/map') : server.url('/bare.html');
        if (name !== '/map') await page.route(url, (route) => route.fulfill({ body: BARE, contentType: 'text/html' }));
        await page.goto(url);
        r.cold.push(await marks(page));
        await page.reload();
        r.warm.push(await marks(page));
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  await server.stop();
}
for (const [page, r] of Object.entries(results)) {
  for (const [name, list] of [['cold cache', r.cold], ['warm cache', r.warm]]) {
    console.log(`${page}, ${name} (${list.length} runs, ${list[0].requests} requests):`);
    console.log(`  navigation -> first idle:               ${stats(list.map((m) => m.firstIdle))}`);
    console.log(`  navigation -> choropleth painted idle:  ${stats(list.map((m) => m.paintedIdle))}`);
  }
}
