// The map page at 1366x900, the laptop screen of issue 17's report: the
// attribution leaves Tierra del Fuego visible, every Indicador choice is
// readable, filters the data cannot serve are explained, the islands are one
// click away, and window.map lets a test wait for MapLibre's rendering.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, watchPage } from './browser.mjs';
import { mapRendered, waitIdle } from './map-page.mjs';
import { fetchJson, startServer } from './server.mjs';

const SHOTS = process.env.TERRITORIO_WEB_SHOTS || mkdtempSync(join(tmpdir(), 'territorio-shots-'));
mkdirSync(SHOTS, { recursive: true });
const VIEWPORT = { width: 1366, height: 900 };

let server;
let browser;
let page;
let problems;

// [west, south, east, north] of a list of coordinates at any depth.
function bboxOf(coords, box = [Infinity, Infinity, -Infinity, -Infinity]) {
  if (typeof coords[0] === 'number') {
    box[0] = Math.min(box[0], coords[0]); box[1] = Math.min(box[1], coords[1]);
    box[2] = Math.max(box[2], coords[0]); box[3] = Math.max(box[3], coords[1]);
  } else for (const c of coords) bboxOf(c, box);
  return box;
}

const union = (a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];

async function unitBbox(collection, code) {
  return bboxOf((await fetchJson(server.url(`/collections/${collection}/items/${code}`))).geometry.coordinates);
}

// The page-pixel rectangle {left, top, right, bottom} of a lon/lat box on the map.
const projectBox = (box) => page.evaluate(([w, s, e, n]) => {
  const r = document.getElementById('map').getBoundingClientRect();
  const sw = window.map.project([w, s]);
  const ne = window.map.project([e, n]);
  return { left: r.left + sw.x, right: r.left + ne.x, top: r.top + ne.y, bottom: r.top + sw.y };
}, box);

const rect = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
});

const intersects = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (inner, outer) => inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;

// Whether the view's [west, south, east, north] holds the box.
const viewHolds = (box) => page.evaluate(([w, s, e, n]) => {
  const b = window.map.getBounds();
  return b.getWest() <= w && b.getSouth() <= s && b.getEast() >= e && b.getNorth() >= n;
}, box);

describe('/map at 1366x900', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORT);
    problems = watchPage(page, server.url(''));
    await page.goto(server.url('/map'));
    await waitIdle(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('window.map is the page\'s MapLibre map, and tests can wait on its rendering', async () => {
    assert.equal(await page.evaluate(() => window.map.getContainer() === document.getElementById('map')), true);
    await mapRendered(page);
    assert.equal(await page.evaluate(() => window.map.loaded() && window.map.areTilesLoaded()), true);
  });

  test('the attribution does not cover Tierra del Fuego, which is wholly in view', async () => {
    // The Tierra del Fuego archipelago: its province and Cape Horn's commune.
    const tdf = union(await unitBbox('provinces', '123'), await unitBbox('communes', '12201'));
    const land = await projectBox(tdf);
    const map = await rect(page.locator('#map'));
    assert.ok(inside(land, map), `Tierra del Fuego ${JSON.stringify(land)} is inside the map ${JSON.stringify(map)}`);
    const attribution = page.locator('.maplibregl-ctrl-attrib');
    const folded = await rect(attribution);
    assert.ok(!intersects(folded, land), `attribution ${JSON.stringify(folded)} clear of ${JSON.stringify(land)}`);
    // Nor do the other controls.
    for (const control of ['.maplibregl-ctrl-zoom-in', '#jump']) assert.ok(!intersects(await rect(page.locator(control)), land), control);
    await page.screenshot({ path: join(SHOTS, 'laptop-page.png') });
    // The sources are one click away, in full.
    assert.equal(await attribution.evaluate((el) => el.classList.contains('maplibregl-compact-show')), false);
    await page.click('.maplibregl-ctrl-attrib-button');
    assert.equal(await attribution.evaluate((el) => el.classList.contains('maplibregl-compact-show')), true);
    assert.ok(await page.getByText('Iniciativas: Sistema de Buenas Prácticas').isVisible());
    await page.click('.maplibregl-ctrl-attrib-button');
  });

  test('every choice of the Indicador is on screen and readable in full', async () => {
    const strings = await fetchJson(server.url('/map/i18n/es.json'));
    const choices = page.locator('#metric label');
    assert.deepEqual(await choices.allTextContents().then((t) => t.map((s) => s.trim())),
      ['Iniciativas', 'Iniciativas por 100.000 habitantes', 'Con o sin iniciativas', 'Distancia a la iniciativa más cercana (km)']);
    assert.deepEqual(await page.locator('#metric input').evaluateAll((l) => l.map((i) => i.value)),
      ['total', 'per_100k', 'covered', 'nearest_initiative_km']);
    const screen = { left: 0, top: 0, right: VIEWPORT.width, bottom: VIEWPORT.height };
    const controls = await rect(page.locator('.controls'));
    const boxes = [];
    for (let i = 0; i < 4; i++) {
      const label = choices.nth(i);
      assert.ok(await label.isVisible(), `choice ${i} visible`);
      const box = await rect(label);
      assert.ok(inside(box, screen) && inside(box, controls), `choice ${i} on screen: ${JSON.stringify(box)}`);
      // Nothing clipped: the text is as wide and tall as its box lets it be.
      const clipped = await label.locator('span').evaluate((s) => s.scrollWidth > s.clientWidth + 1 || s.scrollHeight > s.clientHeight + 1);
      assert.equal(clipped, false, `choice ${i} not clipped`);
      for (const other of boxes) assert.ok(!intersects(box, other), `choice ${i} overlaps no other`);
      boxes.push(box);
    }
    assert.equal(strings['metric.nearest_initiative_km'], 'Distancia a la iniciativa más cercana (km)');
    // Picking one recolours the map for it.
    await page.check('#metric input[value="per_100k"]');
    await page.waitForFunction(() => document.getElementById('legend').dataset.metric === 'per_100k');
    assert.equal(new URL(page.url()).searchParams.get('metric'), 'per_100k');
    await page.check('#metric input[value="total"]');
    await page.waitForFunction(() => document.getElementById('legend').dataset.metric === 'total');
  });

  test('a filter the data cannot serve has no control, and a note says why', async () => {
    await page.locator('#filter-area').waitFor();
    const names = { area: 'Área', thematic_field: 'Ámbito temático', award: 'Premio', stage: 'Etapa', year: 'Año', institution_type: 'Tipo de institución', contest: 'Concurso' };
    const empty = [];
    for (const name of Object.keys(names)) {
      const stats = await fetchJson(server.url(`/stats/initiatives?by=${name}`));
      const values = stats.rows.values.filter((v) => v.value !== 'unknown' && v.count > 0);
      if (values.length === 0) {
        empty.push(name);
        assert.equal(await page.locator(`#filter-${name}`).count(), 0, `${name} has no control`);
      } else {
        const select = page.locator(`#filter-${name}`);
        assert.equal(await select.isEnabled(), true, name);
        assert.equal(await select.locator('option').count(), values.length + 1, name);
      }
    }
    // The fixture's initiatives record no thematic field, year or institution type.
    assert.deepEqual(empty, ['thematic_field', 'year', 'institution_type']);
    assert.equal(await page.locator('#filters select:disabled').count(), 0);
    const note = page.locator('#filters-missing');
    assert.ok(await note.isVisible());
    assert.equal(await note.textContent(), 'Sin filtro por Ámbito temático, Año y Tipo de institución: ninguna iniciativa registrada tiene ese dato.');
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await note.textContent(), 'No filter by Thematic field, Year, and Institution type: no recorded initiative has that information.');
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'es');
  });

  test('the "API OGC" link opens the API\'s pages in the map\'s language', async () => {
    for (const [lang, heading, nav] of [['es', 'Colecciones', 'colecciones'], ['en', 'Collections', 'collections']]) {
      if (await page.evaluate(() => document.documentElement.lang) !== lang) {
        await page.click('#lang');
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      const href = await page.locator('#api-link').getAttribute('href');
      assert.equal(href, `/?lang=${lang}`);
      const api = await browser.context.newPage();
      await api.goto(server.url(href));
      assert.equal(await api.evaluate(() => document.documentElement.lang), lang);
      assert.equal(await api.locator('nav a').nth(1).textContent(), nav);
      await api.goto(server.url(`/collections?lang=${lang}`));
      assert.equal(await api.locator('h1').textContent(), heading);
      await api.close();
    }
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'es');
  });

  test('"Ir a" brings Rapa Nui and Juan Fernández into view, drawn, and back to the mainland', async () => {
    assert.deepEqual(await page.locator('#jump button').allTextContents(), ['Chile continental', 'Rapa Nui', 'Juan Fernández']);
    // Rapa Nui: the polygons of the Isla de Pascua commune west of 109°W
    // (the commune holds Salas y Gómez too).
    const pascua = (await fetchJson(server.url('/collections/communes/items/05201'))).geometry;
    const polygons = pascua.type === 'MultiPolygon' ? pascua.coordinates : [pascua.coordinates];
    const rapaNui = bboxOf(polygons.filter((p) => bboxOf(p)[2] < -109));
    const juanFernandez = await unitBbox('communes', '05104');
    const mainland = union(await unitBbox('provinces', '123'), await unitBbox('communes', '12201'));
    for (const [place, box] of [['rapa_nui', rapaNui], ['juan_fernandez', juanFernandez]]) {
      assert.equal(await viewHolds(box), false, `${place} is not in the first view`);
      await page.click(`#jump button[data-place="${place}"]`);
      await mapRendered(page);
      assert.equal(await viewHolds(box), true, `${place} in view`);
      // The islands are drawn, as their region (Valparaíso).
      const land = await projectBox(box);
      const map = await rect(page.locator('#map'));
      const hit = await page.evaluate((b) => window.map.queryRenderedFeatures(b, { layers: ['region-fill'] }).map((f) => f.properties.code),
        [[land.left - map.left, land.top - map.top], [land.right - map.left, land.bottom - map.top]]);
      assert.deepEqual([...new Set(hit)], ['05'], place);
      await page.screenshot({ path: join(SHOTS, `laptop-${place}.png`) });
    }
    await page.click('#jump button[data-place="mainland"]');
    await mapRendered(page);
    assert.equal(await viewHolds(mainland), true, 'back to the mainland');
    assert.deepEqual(problems, []);
  });
});
