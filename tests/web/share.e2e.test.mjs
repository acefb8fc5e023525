// End-to-end tests of sharing the map (issue 16 §4) in Debian's headless
// Chromium against the real binary and the fixture store: a copied link
// opened in a fresh browser reproduces level, metric, filters, selected
// unit and view, and asks for nothing of the default view first; ?embed=1
// shows the map alone, also framed by another site; the addresses of
// "Abrir en QGIS" answer 200 with what the map shows, and the CQL2 text the
// page writes for any filter selects what the filter selects in /coverage.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { cql2Text, gisUrls } from '../../web/share.js';
import { launchBrowser, watchPage } from './browser.mjs';
import { change, waitIdle } from './map-page.mjs';
import { fetchJson, startServer } from './server.mjs';

const SHOTS = process.env.TERRITORIO_WEB_SHOTS || mkdtempSync(join(tmpdir(), 'territorio-shots-'));
mkdirSync(SHOTS, { recursive: true });

// El Bosque (13105), and a view of Santiago whose centre and zoom are
// already as the URL writes them (5 and 2 decimals).
const EL_BOSQUE = { code: '13105', lon: -70.672, lat: -33.563, title: 'El Bosque (Comuna 13105)' };
const VIEW = { center: [-70.66, -33.52], zoom: 9.5 };
// An award four of the 29 seed initiatives have.
const AWARD = 'Mención Honrosa';

let server;
let browser;

// The map's view as MapLibre has it, and what the page shows.
const mapView = (page) => page.evaluate(() => {
  const m = window.map;
  return { center: m.getCenter().toArray(), zoom: m.getZoom() };
});

async function shown(page) {
  return page.evaluate(() => ({
    level: document.getElementById('level').value,
    metric: document.querySelector('#metric input:checked').value,
    division: document.querySelector('input[name=division]:checked').value,
    filters: Object.fromEntries([...document.querySelectorAll('#filters select')].map((s) => [s.name, s.value])),
    panel: document.getElementById('panel').hidden ? null : document.getElementById('panel').dataset.code,
    title: document.getElementById('panel-title').textContent,
    summary: document.getElementById('summary').textContent,
    legend: document.getElementById('legend').textContent,
  }));
}

describe('sharing /map', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url('') });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a copied link opened in a fresh browser reproduces level, filters, unit and view', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url(''));
    await page.goto(server.url('/map'));
    await waitIdle(page);
    const steps = await page.evaluate(() => history.length);

    await change(page, () => page.selectOption('#level', 'commune'));
    // The metric only recolours (no new request, no new generation).
    await page.check('#metric input[value="per_100k"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('metric') === 'per_100k');
    await page.locator(`#filter-award option[value="${AWARD}"]`).waitFor({ state: 'attached' });
    await change(page, () => page.selectOption('#filter-award', AWARD));
    await page.evaluate(({ center, zoom }) => new Promise((resolve) => {
      const m = window.map;
      m.once('idle', resolve);
      m.jumpTo({ center, zoom });
    }), VIEW);
    const box = await page.locator('#map').boundingBox();
    const pt = await page.evaluate(([x, y]) => window.map.project([x, y]), [EL_BOSQUE.lon, EL_BOSQUE.lat]);
    await page.mouse.click(box.x + pt.x, box.y + pt.y);
    await page.locator(`#panel[data-code="${EL_BOSQUE.code}"]`).waitFor();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('unit') === '13105');

    // Each change rewrote the URL; none added a step to the history.
    const expectedQuery = `level=commune&division=2018&metric=per_100k&award=${encodeURIComponent(AWARD).replace(/%20/g, '+')}`
      + `&unit=${EL_BOSQUE.code}&center=${VIEW.center.join(',')}&zoom=${VIEW.zoom}`;
    assert.equal(page.url(), server.url(`/map?${expectedQuery}`));
    assert.equal(await page.evaluate(() => history.length), steps);

    await page.click('#share-copy');
    await page.locator('#share-status', { hasText: 'Enlace copiado' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(link, page.url());
    const before = await shown(page);
    // The fixture records no thematic field, year or institution type: no control for them.
    assert.deepEqual(before.filters, { area: '', award: AWARD, stage: '', contest: '' });
    await page.screenshot({ path: join(SHOTS, 'share-sender.png') });

    // A fresh browser (its own profile): what the sender saw, and the first
    // requests already ask for it.
    const fresh = await launchBrowser();
    try {
      const other = await fresh.context.newPage();
      const otherProblems = watchPage(other, server.url(''));
      const requests = [];
      other.on('request', (r) => { if (/\/(coverage|stats|territories)/.test(r.url())) requests.push(r.url()); });
      await other.goto(link);
      await waitIdle(other);
      await other.locator(`#panel[data-code="${EL_BOSQUE.code}"]`).waitFor();
      await other.locator('#panel-title', { hasText: EL_BOSQUE.title }).waitFor();
      await other.waitForFunction((a) => document.getElementById('filter-award').value === a, AWARD);
      const after = await shown(other);
      assert.deepEqual(after, { ...before, title: EL_BOSQUE.title });
      assert.equal(after.level, 'commune');
      assert.equal(after.metric, 'per_100k');
      assert.equal(after.panel, EL_BOSQUE.code);
      assert.deepEqual(await mapView(other), VIEW);
      assert.equal(other.url(), link);
      const coverage = requests.map((u) => new URL(u)).filter((u) => u.pathname === '/coverage');
      assert.deepEqual([...coverage[0].searchParams], [['level', 'commune'], ['division', '2018'], ['award', AWARD]]);
      // Every request for figures carries the filter.
      for (const u of requests.map((r) => new URL(r)).filter((r) => r.pathname === '/coverage' || r.pathname.startsWith('/territories/13105/')))
        assert.equal(u.searchParams.get('award'), AWARD, u.href);
      for (const u of requests) assert.ok(!/level=region/.test(u), `a request for the default view: ${u}`);
      await other.screenshot({ path: join(SHOTS, 'share-receiver.png') });
      assert.deepEqual(otherProblems, []);
    } finally {
      await fresh.close();
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('links that do not read open the default map, and an old #fragment link still opens', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url(''));
    await page.goto(server.url('/map?level=country&metric=%3Cb%3E&unit=99999&zoom=NaN&center=x,y&year=20xx&utm_source=boletin'));
    await waitIdle(page);
    const s = await shown(page);
    assert.equal(s.level, 'region');
    assert.equal(s.metric, 'total');
    assert.equal(s.panel, null);
    assert.equal(page.url(), server.url('/map?level=region&division=2018&metric=total'));

    // A unit the level does not have is dropped once the coverage says so.
    await page.goto(server.url('/map?level=region&unit=99'));
    await waitIdle(page);
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('unit'));
    assert.equal((await shown(page)).panel, null);

    await page.goto(server.url('/map#level=province&division=2007&metric=covered'));
    await waitIdle(page);
    const old = await shown(page);
    assert.deepEqual([old.level, old.division, old.metric], ['province', '2007', 'covered']);
    assert.equal(page.url(), server.url('/map?level=province&division=2007&metric=covered'));
    assert.deepEqual(problems, []);

    // A filter value the server does not know: the page drops it (the
    // server's 400 is the only complaint) and shows the unfiltered map.
    const refused = await browser.context.newPage();
    const refusedProblems = watchPage(refused, server.url(''));
    await refused.goto(server.url('/map?level=region&area=Nada&award=Menci%C3%B3n+Honrosa'));
    await waitIdle(refused);
    await refused.waitForFunction((a) => document.getElementById('filter-award')?.value === a, AWARD);
    const r = await shown(refused);
    assert.equal(r.filters.area, '');
    assert.equal(refused.url(), server.url('/map?level=region&division=2018&metric=total&award=Menci%C3%B3n+Honrosa'));
    assert.ok(refusedProblems.length > 0 && refusedProblems.every((p) => /400/.test(p) && /area=Nada|status of 400/.test(p)), refusedProblems.join('\n'));
    await refused.close();
    await page.close();
  });

  test('?embed=1 shows the map and its legend only, also framed by another site', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url(''));
    const query = `level=commune&division=2018&metric=total&unit=${EL_BOSQUE.code}&center=${VIEW.center.join(',')}&zoom=${VIEW.zoom}`;
    await page.goto(server.url(`/map?${query}&embed=1`));
    await waitIdle(page);
    for (const hidden of ['header.bar', '#search', '#edit-toggle', '#panel', '#editor', '#filters', '#summary', '#share', '#export-csv'])
      assert.equal(await page.locator(hidden).isVisible(), false, hidden);
    assert.equal(await page.locator('#legend').isVisible(), true);
    assert.equal(await page.locator('#legend li').count() > 1, true);
    // The map fills the frame.
    assert.deepEqual(await page.locator('#map').boundingBox(), { x: 0, y: 0, width: 1280, height: 800 });
    // The selected unit is still drawn as selected; the link opens the full map at the same state.
    assert.deepEqual(await mapView(page), VIEW);
    const open = page.locator('#embed-open');
    assert.equal(await open.isVisible(), true);
    assert.equal(await open.textContent(), 'Ver en territorio');
    assert.equal(await open.getAttribute('target'), '_blank');
    assert.equal(await open.getAttribute('href'), server.url(`/map?${query}`));
    await page.screenshot({ path: join(SHOTS, 'embed.png') });
    // A pan in the frame moves the link's view too.
    await page.evaluate(() => new Promise((resolve) => {
      const m = window.map;
      m.once('moveend', resolve);
      m.jumpTo({ center: [-71, -34], zoom: 7 });
    }));
    assert.equal(new URL(await open.getAttribute('href')).searchParams.get('center'), '-71,-34');
    const [popup] = await Promise.all([page.waitForEvent('popup'), open.click()]);
    await waitIdle(popup);
    assert.equal(await popup.locator('header.bar').isVisible(), true);
    assert.equal(new URL(popup.url()).searchParams.get('embed'), null);
    assert.equal((await shown(popup)).panel, EL_BOSQUE.code);
    await popup.close();
    assert.deepEqual(problems, []);
    await page.close();

    // Another origin's page (a regional government's) frames it: served
    // from localhost on another port, since Chromium lets no public site
    // frame a loopback address (the server is on 127.0.0.1).
    const site = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>GORE</title><h1>Mapa regional</h1>
               <iframe id="m" width="800" height="500" src="${server.url(`/map?${query}&embed=1`)}"></iframe>`);
    });
    await new Promise((resolve) => site.listen(0, 'localhost', resolve));
    const host = await browser.context.newPage();
    const hostProblems = [];
    host.on('console', (m) => { if (m.type() === 'error') hostProblems.push(m.text()); });
    host.on('requestfailed', (r) => hostProblems.push(`${r.url()} ${r.failure()?.errorText}`));
    await host.goto(`http://localhost:${site.address().port}/mapa`);
    const frame = await (await host.locator('#m').elementHandle()).contentFrame();
    await frame.waitForFunction(() => document.getElementById('map')?.dataset.state === 'idle', null, { timeout: 30000 });
    assert.equal(await frame.locator('#embed-open').isVisible(), true);
    assert.equal(await frame.locator('header.bar').isVisible(), false);
    assert.equal(await frame.evaluate(() => document.documentElement.className), 'embed no-edit');
    await host.screenshot({ path: join(SHOTS, 'embed-framed.png') });
    assert.deepEqual(hostProblems, []);
    await host.close();
    site.close();
  });

  test('the QGIS addresses answer 200 with what the map shows', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url(''));
    const award = encodeURIComponent(AWARD);
    for (const query of [`level=region&award=${award}`, `level=commune&award=${award}&center=-71.5,-35&zoom=7`,
      'level=province&division=2007&center=-72,-37&zoom=6.5', 'level=commune&division=2007&center=-72.1,-36.6&zoom=8']) {
      await page.goto(server.url(`/map?${query}`));
      await waitIdle(page);
      await page.click('#share-gis');
      const value = (key) => page.locator(`#share-gis-${key}`).inputValue();
      const [units, initiatives, tilejson, tiles] = [await value('units'), await value('initiatives'), await value('tilejson'), await value('tiles')];
      const state = await page.evaluate(() => window.territorioApp.state);

      // The units the map draws in the view, by code.
      const drawn = await page.evaluate(() => [...window.territorioApp.map.visibleCodes()].sort());
      const unitPage = await fetchJson(units);
      assert.equal(unitPage.numberMatched, drawn.length, units);
      assert.deepEqual(unitPage.features.map((f) => f.id).sort(), drawn);

      // The initiatives the filter selects, with the filter as CQL2 text.
      const i = new URL(initiatives);
      assert.equal(i.searchParams.get('filter'), cql2Text(state.filters) || null);
      assert.equal(i.searchParams.get('filter-lang'), state.filters.award ? 'cql2-text' : null);
      const initiativePage = await fetchJson(initiatives);
      const inView = await fetchJson(server.url(`/collections/initiatives/items?bbox=${i.searchParams.get('bbox')}&limit=1000${
        state.filters.award ? `&award=${award}` : ''}`));
      assert.equal(initiativePage.numberMatched, inView.numberMatched, initiatives);
      if (query.startsWith('level=region')) {
        // All of Chile in view: as many as the summary counts.
        const summary = await page.locator('#summary').textContent();
        assert.equal(initiativePage.numberMatched, 4);
        assert.match(summary, /Iniciativas que cumplen los filtros4$/);
      }

      // The TileJSON names the template shown.
      const tj = await fetchJson(tilejson);
      assert.deepEqual(tj.tiles, [tiles]);
      const tile = await fetch(tiles.replace('{z}/{x}/{y}', '5/9/19'));
      assert.equal(tile.status, 200);
      const hint = await page.locator('#share-gis-panel .hint').first().textContent();
      assert.match(hint, /Capa › Añadir capa › Añadir capa WFS \/ OGC API - Features/);

      // Copying one of them says so.
      await page.locator('#share-gis-units ~ button').click();
      await page.locator('#share-gis-units ~ .copied', { hasText: 'Copiada' }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), units);
    }
    await page.screenshot({ path: join(SHOTS, 'share-qgis.png') });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the CQL2 text of any filter selects on the initiatives what the filter selects in /coverage', async () => {
    const cases = [
      {}, { award: AWARD }, { award: `2do Lugar,${AWARD}` }, { area: 'Político-Institucional', stage: 'finalizada', award: '2do Lugar' },
      { thematic_field: 'Planificación y gestión de inversiones' }, { institution_type: 'Municipio' },
      { year: '2015' }, { year: '2014/2016' }, { year: '2014/..' }, { year: '../2016' },
    ];
    const world = [-180, -90, 180, 90];
    for (const filters of cases) {
      const urls = gisUrls({ level: 'region', division: '2018', filters }, world, server.url(''));
      const res = await fetch(urls.initiatives);
      assert.equal(res.status, 200, `${urls.initiatives}: ${await res.clone().text()}`);
      const page = await res.json();
      const coverage = await fetchJson(server.url(`/coverage?level=region&${new URLSearchParams(filters)}`));
      assert.equal(page.numberMatched, coverage.summary.initiatives, JSON.stringify(filters));
    }
  });
});
