// End-to-end tests of the planners' map (/map) in Debian's headless
// Chromium against the real territorio binary and the fixture store (29
// seed initiatives). Screenshots go to $TERRITORIO_WEB_SHOTS (default: a
// temporary directory) so a person can look at them.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, watchPage } from './browser.mjs';
import { colourCounts, differingShare } from './pixels.mjs';
import { fetchJson, startServer } from './server.mjs';

const SHOTS = process.env.TERRITORIO_WEB_SHOTS || mkdtempSync(join(tmpdir(), 'territorio-shots-'));
mkdirSync(SHOTS, { recursive: true });

// The choropleth's colours (web/classify.js) and the map's background.
const BACKGROUND = '#dde8ef';
const GAP = '#f4c7b5';
const SEQUENTIAL = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];

// El Bosque (13105): initiative 64 was presented by its municipality.
const EL_BOSQUE = { code: '13105', lon: -70.672, lat: -33.563 };

let server;
let browser;
let page;
let problems;

async function waitIdle(p = page, after = 0) {
  await p.waitForFunction((g) => {
    const m = document.getElementById('map');
    return m.dataset.state === 'idle' && Number(m.dataset.generation) > g;
  }, after, { timeout: 30000 });
}

const generation = (p = page) => p.evaluate(() => Number(document.getElementById('map').dataset.generation || 0));

// A PNG of the map's canvas, also saved under SHOTS when named.
function mapPng(p = page, name = null) {
  return p.locator('#map canvas').screenshot(name ? { path: join(SHOTS, name) } : {});
}

// Pixels painted with the choropleth's colours, and the colours seen.
async function painted(p = page, name = null) {
  const { total, counts } = await colourCounts(browser.context, await mapPng(p, name));
  const land = [GAP, ...SEQUENTIAL].reduce((n, c) => n + (counts[c] ?? 0), 0);
  return { total, counts, land, share: land / total };
}

// Changes a control and waits until the map has redrawn for it.
async function change(action, p = page) {
  const g = await generation(p);
  await action();
  await waitIdle(p, g);
}

// The screen point of a lon/lat on the map.
const project = (lon, lat) => page.evaluate(([x, y]) => {
  const pt = window.map.project([x, y]);
  return { x: pt.x, y: pt.y };
}, [lon, lat]);

async function clickMapAt(lon, lat) {
  const box = await page.locator('#map').boundingBox();
  const pt = await project(lon, lat);
  await page.mouse.click(box.x + pt.x, box.y + pt.y);
}

async function jumpTo(lon, lat, zoom) {
  await page.evaluate(([x, y, z]) => new Promise((resolve) => {
    const m = window.map;
    m.once('idle', resolve);
    m.jumpTo({ center: [x, y], zoom: z });
  }), [lon, lat, zoom]);
}

describe('/map in headless Chromium', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? await browser.context.newPage();
    problems = watchPage(page, server.url(''));
    await page.goto(server.url('/map'));
    await waitIdle();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('loads with no console error, no failed request, and paints the choropleth', async () => {
    assert.equal(await page.locator('h1').textContent(), 'Mapa de cobertura territorial');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    const { total, counts, land } = await painted(page, 'desktop-map.png');
    assert.ok((counts[BACKGROUND] ?? 0) / total > 0.3, 'mostly sea and background around Chile');
    assert.ok(land / total > 0.01, `the regions are painted (${land} of ${total} pixels)`);
    const palette = [GAP, ...SEQUENTIAL].filter((c) => (counts[c] ?? 0) > 200);
    assert.ok(palette.length >= 3, `several classes visible: ${palette}`);
    assert.deepEqual(problems, []);
  });

  test('the legend shows the class breaks of the live coverage', async () => {
    const coverage = await fetchJson(server.url('/coverage?level=region&division=2018'));
    assert.equal(coverage.units.length, 16);
    const items = await page.locator('#legend li').allTextContents();
    assert.equal(items[0], '0 · Sin iniciativas');
    assert.equal(items[items.length - 1], 'Sin datos');
    // With few distinct totals each gets a class of its own.
    const totals = [...new Set(coverage.units.map((u) => u.total).filter((v) => v > 0))].sort((a, b) => a - b);
    assert.ok(totals.length <= 5, 'the fixture has few distinct totals');
    assert.deepEqual(items.slice(1, -1), totals.map(String));
    const summary = await page.locator('#summary').textContent();
    assert.ok(summary.includes(`${coverage.summary.units_covered} de 16`), summary);
  });

  test('the charts show the live tables by region, award and stage', async () => {
    for (const [by, figure] of [['region_recorded', '#chart-region'], ['award', '#chart-award'], ['stage', '#chart-stage']]) {
      const stats = await fetchJson(server.url(`/stats/initiatives?by=${by}`));
      assert.equal(await page.locator(`${figure} svg g.bar`).count(), stats.rows.values.length, by);
      const counts = await page.locator(`${figure} svg text.count`).allTextContents();
      assert.deepEqual(counts.map(Number), stats.rows.values.map((v) => v.count), by);
      assert.ok((await page.locator(`${figure} figcaption`).textContent()).endsWith(`Total ${stats.total}`));
    }
  });

  test('switching a filter changes the choropleth colours, legend and panels', async () => {
    const before = await mapPng();
    const summaryBefore = await page.locator('#summary').textContent();
    const option = await page.locator('#filter-award option').nth(1).getAttribute('value');
    await change(() => page.selectOption('#filter-award', option));
    const after = await mapPng(page, 'desktop-filtered.png');
    const share = await differingShare(browser.context, before, after);
    assert.ok(share > 0.005, `the colours changed (${share})`);
    assert.notEqual(await page.locator('#summary').textContent(), summaryBefore);
    const filtered = await fetchJson(server.url(`/coverage?level=region&award=${encodeURIComponent(option)}`));
    assert.ok((await page.locator('#summary').textContent()).includes(`${filtered.summary.units_covered} de 16`));
    const stats = await fetchJson(server.url(`/stats/initiatives?by=award&award=${encodeURIComponent(option)}`));
    assert.ok((await page.locator('#chart-award figcaption').textContent()).endsWith(`Total ${stats.total}`));
    assert.ok(page.url().includes(`award=${encodeURIComponent(option).replace(/%20/g, '+')}`), page.url());
    await change(() => page.click('#clear-filters'));
    assert.equal(await differingShare(browser.context, before, await mapPng()), 0, 'clearing the filter restores the map');
  });

  test('the metric switch recolours the map as covered or not', async () => {
    await change(() => page.selectOption('#level', 'commune'));
    await page.check('#metric input[value="covered"]');
    await page.waitForFunction(() => document.getElementById('legend').dataset.metric === 'covered');
    assert.deepEqual(await page.locator('#legend li').allTextContents(), ['0 · Sin iniciativas', 'Con iniciativas', 'Sin datos']);
    await page.check('#metric input[value="per_100k"]');
    await page.waitForFunction(() => document.getElementById('legend').dataset.metric === 'per_100k');
    await page.check('#metric input[value="total"]');
  });

  test('hovering a commune shows its name and figures', async () => {
    await jumpTo(EL_BOSQUE.lon, EL_BOSQUE.lat, 10);
    const box = await page.locator('#map').boundingBox();
    const pt = await project(EL_BOSQUE.lon, EL_BOSQUE.lat);
    await page.mouse.move(box.x + pt.x, box.y + pt.y);
    await page.locator('#tooltip').waitFor({ state: 'visible' });
    const unit = (await fetchJson(server.url('/coverage?level=commune'))).units.find((u) => u.code === EL_BOSQUE.code);
    const tip = await page.locator('#tooltip').textContent();
    assert.ok(tip.startsWith('El Bosque'), tip);
    assert.ok(tip.includes(`Iniciativas: ${unit.total}`), tip);
  });

  test('clicking a known commune lists its initiatives and its parents', async () => {
    const expected = await fetchJson(server.url(`/territories/${EL_BOSQUE.code}/initiatives`));
    assert.ok(expected.initiatives.length > 0);
    await clickMapAt(EL_BOSQUE.lon, EL_BOSQUE.lat);
    await page.locator(`#panel[data-code="${EL_BOSQUE.code}"]`).waitFor();
    assert.equal(await page.locator('#panel-title').textContent(), `El Bosque (Comuna ${EL_BOSQUE.code})`);
    assert.equal(await page.locator('#panel-parents').textContent(), 'Metropolitana de Santiago › Santiago');
    const ids = await page.locator('#panel-initiatives li').evaluateAll((lis) => lis.map((li) => li.dataset.id));
    assert.deepEqual(ids, expected.initiatives.map((i) => i.id));
    const first = page.locator('#panel-initiatives li').first();
    assert.equal(await first.locator('.name').textContent(), expected.initiatives[0].name);
    assert.equal(await first.locator('.institution').textContent(), expected.initiatives[0].institution);
    assert.equal(await first.locator('.award').textContent(), expected.initiatives[0].award ?? 'Sin premio');
    assert.ok((await first.locator('.relation').textContent()).startsWith('Actúa'));
    // The "Ficha (PDF)" button: the unit's report with the page's division and filter.
    const report = page.locator('#panel-report');
    assert.equal(await report.textContent(), 'Ficha (PDF)');
    const href = new URL(await report.getAttribute('href'), server.url('/'));
    assert.equal(href.pathname, `/territories/${EL_BOSQUE.code}/report.pdf`);
    const state = await page.evaluate(() => ({ division: window.territorioApp.state.division, filters: window.territorioApp.state.filters }));
    assert.equal(href.searchParams.get('division'), state.division);
    for (const [name, value] of Object.entries(state.filters)) if (value) assert.equal(href.searchParams.get(name), String(value));
    const pdf = await fetch(href);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
    await page.screenshot({ path: join(SHOTS, 'desktop-commune-panel.png') });
    await page.click('#panel-close');
    assert.equal(await page.locator('#panel').isHidden(), true);
  });

  for (const [query, level, code, name] of [['Biobio', 'region', '08', 'Biobío'], ['Llay-Llay', 'commune', '05703', 'Llaillay']]) {
    test(`the search box finds ${query} and flies to it`, async () => {
      const centre = await page.evaluate(() => window.map.getCenter().toArray());
      await page.fill('#search', query);
      const option = page.locator(`#search-results li[data-code="${code}"]`);
      await option.waitFor();
      assert.equal(await option.locator('strong').textContent(), name);
      const moved = page.evaluate(() => new Promise((r) => window.map.once('moveend', r)));
      await option.click();
      await page.locator(`#panel[data-code="${code}"]`).waitFor();
      await moved;
      assert.equal(await page.locator('#level').inputValue(), level);
      assert.ok((await page.locator('#panel-title').textContent()).startsWith(name));
      const now = await page.evaluate(() => window.map.getCenter().toArray());
      assert.notDeepEqual(now, centre);
      const inView = await page.evaluate((c) => window.territorioApp.map.visibleCodes().has(c), code);
      assert.ok(inView, `${code} is drawn after the flight`);
      await page.click('#panel-close');
    });
  }

  test('the CSV export has one row per unit', async () => {
    for (const [level, units] of [['region', 16], ['commune', 346]]) {
      if (await page.locator('#level').inputValue() !== level) await change(() => page.selectOption('#level', level));
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
      const text = readFileSync(await download.path(), 'utf8');
      const lines = text.split('\r\n').filter((l) => l !== '');
      assert.equal(lines[0].split(',')[0], 'code');
      assert.equal(lines.length - 1, units, level);
      assert.equal(download.suggestedFilename(), `coverage_${level}_2018.csv`);
    }
  });

  test('the GeoJSON export holds the units in view with their figures', async () => {
    await change(() => page.selectOption('#level', 'region'));
    await jumpTo(-71.5, -33.0, 6);
    const visible = await page.evaluate(() => [...window.territorioApp.map.visibleCodes()].sort());
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-geojson')]);
    const fc = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(fc.type, 'FeatureCollection');
    assert.deepEqual(fc.features.map((f) => f.properties.code).sort(), visible);
    const coverage = await fetchJson(server.url('/coverage?level=region'));
    for (const f of fc.features) {
      const u = coverage.units.find((x) => x.code === f.properties.code);
      assert.equal(f.properties.initiatives, u.total);
      assert.ok(['Polygon', 'MultiPolygon'].includes(f.geometry.type));
    }
  });

  test('the 2007 division shows 15 regions', async () => {
    await page.evaluate(() => { window.map.fitBounds([[-76, -56], [-66, -17.4]], { duration: 0 }); });
    await change(() => page.check('input[name=division][value="2007"]'));
    assert.ok((await page.locator('#summary').textContent()).includes(' de 15'));
    assert.ok((await painted(page, 'desktop-2007.png')).share > 0.01);
    await change(() => page.check('input[name=division][value="2018"]'));
  });

  test('the English toggle translates the page', async () => {
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await page.locator('h1').textContent(), 'Territorial coverage map');
    assert.equal(await page.locator('label[for=level]').textContent(), 'Level');
    assert.ok((await page.locator('.maplibregl-ctrl-attrib').textContent()).includes('INE, 2017 Census'));
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    assert.ok((await page.locator('.maplibregl-ctrl-attrib').textContent()).includes('INE, Censo 2017'));
    assert.deepEqual(problems, []);
  });

  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    test(`usable at ${viewport.width}x${viewport.height}`, async () => {
      const p = await browser.context.newPage();
      const seen = watchPage(p, server.url(''));
      await p.setViewportSize(viewport);
      await p.goto(server.url('/map'));
      await waitIdle(p);
      await p.screenshot({ path: join(SHOTS, `${name}-page.png`) });
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
      const map = await p.locator('#map').boundingBox();
      assert.ok(map.width >= viewport.width * 0.6 && map.height >= viewport.height * 0.4, JSON.stringify(map));
      for (const id of ['#search', '#level', '#metric', '#filter-award']) {
        await p.locator(id).scrollIntoViewIfNeeded();
        assert.ok(await p.locator(id).isVisible(), id);
        const b = await p.locator(id).boundingBox();
        assert.ok(b.x >= 0 && b.x + b.width <= viewport.width, `${id} fits across`);
      }
      assert.ok((await painted(p, `${name}-map.png`)).share > 0.01);
      assert.ok((await p.locator('.maplibregl-ctrl-attrib').textContent()).includes('SUBDERE'));
      // The panel opens over the map and can be closed.
      await p.evaluate((code) => window.territorioApp.openUnit(code), '08');
      await p.locator('#panel').waitFor();
      const panel = await p.locator('#panel').boundingBox();
      assert.ok(panel.x >= 0 && panel.x + panel.width <= viewport.width, 'the panel fits across');
      await p.screenshot({ path: join(SHOTS, `${name}-panel.png`) });
      await p.click('#panel-close');
      assert.deepEqual(seen, []);
      await p.close();
    });
  }
});
