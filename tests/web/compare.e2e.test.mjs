// End-to-end test of "Comparar ediciones" in Debian's headless Chromium:
// the real binary serves a copy of the fixture store into which the fixture
// second edition (tests/layers/coverage/fixtures/second_contest.csv,
// "Segundo Concurso") is imported with `territorio import`. Choosing the
// two editions colours every commune by its change category as
// /coverage?compare= says (Iquique, 01101, checked by hand against the
// fixture), the legend counts them, the panel shows A, B and the change,
// the diverging scale of the change in count is the second metric, and a
// reload of the URL gives the same mode back. The plain fixture store (one
// edition) disables the control with a note.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, watchPage } from './browser.mjs';
import { change, jumpTo, waitIdle } from './map-page.mjs';
import { colourCounts } from './pixels.mjs';
import { fetchJson, requiredEnv, startServer } from './server.mjs';

const SHOTS = process.env.TERRITORIO_WEB_SHOTS || mkdtempSync(join(tmpdir(), 'territorio-shots-'));
mkdirSync(SHOTS, { recursive: true });
const SECOND = join(dirname(fileURLToPath(import.meta.url)), '../layers/coverage/fixtures/second_contest.csv');

const A = 'Primer Concurso';
const B = 'Segundo Concurso';
const CHANGES = ['newly_covered', 'no_longer_covered', 'covered_in_both', 'covered_in_neither'];
const LABELS = ['Nueva cobertura', 'Dejó de tener cobertura', 'Con iniciativas en ambas', 'Sin iniciativas en ninguna'];
// web/compare.js's colours.
const NEWLY = '#1a9850';
const DECREASE = '#b2182b';
// A point inside Iquique (01101): no initiative of the first contest (see
// neighbours.e2e), one of the second (fixture row s2-1).
const IQUIQUE = { code: '01101', lon: -70.1, lat: -20.6 };

let dir;
let server;
let browser;
let page;
let problems;

// The class (feature-state `cls`) of every commune on the map.
const classes = (codes) => page.evaluate((list) => {
  const m = window.map;
  return Object.fromEntries(list.map((id) => [id, m.getFeatureState({ source: 'communes', sourceLayer: 'communes', id }).cls]));
}, codes);

// The legend's rows: { class, change, count, colour, text }.
const legendRows = () => page.evaluate(() => [...document.querySelectorAll('#legend li[data-count]')].map((li) => ({
  cls: Number(li.dataset.class),
  change: li.dataset.change ?? null,
  count: Number(li.dataset.count),
  colour: getComputedStyle(li.querySelector('.swatch')).backgroundColor,
  text: li.textContent,
})));

const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

// The colour most pixels have in a small square of the map around a lon/lat.
async function colourAt(lon, lat, name) {
  const box = await page.locator('#map').boundingBox();
  const pt = await page.evaluate(([x, y]) => window.map.project([x, y]), [lon, lat]);
  const png = await page.screenshot({ clip: { x: box.x + pt.x - 3, y: box.y + pt.y - 3, width: 7, height: 7 }, path: join(SHOTS, name) });
  const { counts } = await colourCounts(browser.context, png);
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
}

describe('comparing two contest editions in /map', () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'territorio-compare-'));
    const store = join(dir, 'store.sqlite');
    copyFileSync(requiredEnv('TERRITORIO_TEST_STORE'), store);
    const imported = spawnSync(requiredEnv('TERRITORIO_BIN'), ['import', '--store', store, SECOND], { encoding: 'utf8' });
    assert.equal(imported.status, 0, imported.stderr);
    server = await startServer({ store });
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? await browser.context.newPage();
    problems = watchPage(page, server.url(''));
    await page.goto(server.url('/map?level=commune&division=2018'));
    await waitIdle(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('choosing the editions colours each commune by its change, with the category legend and the panel', async () => {
    await page.locator('#compare-on:not([disabled])').waitFor();
    assert.deepEqual(await page.locator('#compare-a option').allTextContents(), [A, B]);
    await change(page, () => page.check('#compare-on'));
    await page.waitForFunction(() => document.getElementById('legend').dataset.metric === 'compare:change');
    assert.equal(await page.inputValue('#compare-a'), A);
    assert.equal(await page.inputValue('#compare-b'), B);

    const expected = await fetchJson(server.url(`/coverage?level=commune&division=2018&compare=${encodeURIComponent(`contest:${A},${B}`)}`));
    assert.equal(expected.units.length, 346);
    // By hand from the fixture: Iquique had nothing in the first contest and
    // one initiative (s2-1) in the second.
    const iquique = expected.units.find((u) => u.code === IQUIQUE.code);
    assert.deepEqual([iquique.count_a, iquique.count_b, iquique.count_change, iquique.change], [0, 1, 1, 'newly_covered']);

    const rows = await legendRows();
    assert.deepEqual(rows.map((r) => r.change), CHANGES);
    assert.deepEqual(rows.map((r) => r.count), CHANGES.map((c) => expected.units.filter((u) => u.change === c).length));
    assert.deepEqual(rows.map((r) => r.count), [2, 219, 13, 112]);
    rows.forEach((r, i) => assert.ok(r.text.startsWith(LABELS[i]), r.text));
    assert.equal(rows[0].colour, rgb(NEWLY));
    const byCode = await classes(expected.units.map((u) => u.code));
    for (const u of expected.units) assert.equal(CHANGES[byCode[u.code]], u.change, u.code);

    await jumpTo(page, IQUIQUE.lon, IQUIQUE.lat, 9);
    assert.equal(await colourAt(IQUIQUE.lon, IQUIQUE.lat, 'compare-iquique.png'), NEWLY);
    const box = await page.locator('#map').boundingBox();
    const pt = await page.evaluate(([x, y]) => window.map.project([x, y]), [IQUIQUE.lon, IQUIQUE.lat]);
    await page.mouse.click(box.x + pt.x, box.y + pt.y);
    await page.locator(`#panel[data-code="${IQUIQUE.code}"]`).waitFor();
    await page.locator('#panel-compare[data-change="newly_covered"]').waitFor();
    assert.equal(await page.locator('#panel-compare').textContent(),
      `${A}: 0 · ${B}: 1 · Cambio +1 (+0,52 por 100.000 hab.) · Nueva cobertura`);
  });

  test('the change in count is a diverging scale with its own legend, and the URL reproduces the mode', async () => {
    await page.selectOption('#compare-metric', 'count_change');
    await page.waitForFunction(() => document.getElementById('legend').dataset.metric === 'compare:count_change');
    const expected = await fetchJson(server.url(`/coverage?level=commune&division=2018&compare=${encodeURIComponent(`contest:${A},${B}`)}`));
    const rows = await legendRows();
    assert.equal(rows.reduce((n, r) => n + r.count, 0), expected.units.length);
    const changes = expected.units.map((u) => u.count_change);
    const least = Math.min(...changes);
    assert.ok(least < 0);
    // The strongest decrease is the first row, red; no change is its own row.
    assert.equal(rows[0].colour, rgb(DECREASE));
    assert.ok(rows[0].text.startsWith(`${least}`), rows[0].text);
    const zero = rows.find((r) => r.text.startsWith('0 · sin cambio'));
    assert.equal(zero.count, changes.filter((c) => c === 0).length);
    const before = await classes(expected.units.map((u) => u.code));
    for (const u of expected.units) {
      const row = rows[before[u.code]];
      assert.ok(row, u.code);
      if (u.count_change === 0) assert.equal(row, zero, u.code);
    }

    const url = new URL(page.url());
    assert.equal(url.searchParams.get('compare'), `contest:${A},${B}`);
    assert.equal(url.searchParams.get('compare_metric'), 'count_change');
    assert.equal(url.searchParams.get('unit'), IQUIQUE.code);

    await page.reload();
    await waitIdle(page);
    await page.waitForFunction(() => document.getElementById('legend').dataset.metric === 'compare:count_change');
    await page.locator('#compare-on:checked').waitFor();
    assert.equal(await page.inputValue('#compare-a'), A);
    assert.equal(await page.inputValue('#compare-b'), B);
    assert.equal(await page.inputValue('#compare-metric'), 'count_change');
    assert.deepEqual(await legendRows(), rows);
    assert.deepEqual(await classes(expected.units.map((u) => u.code)), before);
    await page.locator('#panel-compare[data-change="newly_covered"]').waitFor();

    // Off again: the ordinary choropleth and legend, and no compare in the URL.
    await change(page, () => page.uncheck('#compare-on'));
    await page.waitForFunction(() => document.getElementById('legend').dataset.metric === 'total');
    assert.equal(new URL(page.url()).searchParams.get('compare'), null);
    assert.equal(await page.locator('#panel-compare').isHidden(), true);
    assert.deepEqual(problems, []);
  });

  test('with one edition in the data the control is disabled with a note', async () => {
    const single = await startServer();
    const p = await browser.context.newPage();
    try {
      await p.goto(single.url(`/map?level=region&compare=${encodeURIComponent(`contest:${A},${B}`)}`));
      await p.waitForFunction(() => document.getElementById('map').dataset.state === 'idle', null, { timeout: 30000 });
      await p.locator('#compare-note:visible').waitFor();
      assert.equal(await p.locator('#compare-on').isDisabled(), true);
      // The link's unknown edition is dropped, not an error.
      assert.equal(new URL(p.url()).searchParams.get('compare'), null);
      assert.notEqual(await p.locator('#legend').getAttribute('data-metric'), 'compare:change');
    } finally {
      await p.close();
      await single.stop();
    }
  });
});
