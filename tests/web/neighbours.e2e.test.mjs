// End-to-end tests of what the neighbours did and which gaps matter, in
// Debian's headless Chromium against the real binary and the fixture store:
// a click on Iquique (no initiative) lists the initiatives around it with
// their descriptions and sheets, an item opens its unit; a region lists its communes with no initiative,
// largest first; the distance to the nearest initiative is a map metric.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, watchPage } from './browser.mjs';
import { change, jumpTo, waitIdle } from './map-page.mjs';
import { fetchJson, startServer } from './server.mjs';

const SHOTS = process.env.TERRITORIO_WEB_SHOTS || mkdtempSync(join(tmpdir(), 'territorio-shots-'));
mkdirSync(SHOTS, { recursive: true });

// A point inside Iquique (01101), which has no initiative.
const IQUIQUE = { code: '01101', lon: -70.1, lat: -20.6 };

let server;
let browser;
let page;
let problems;

async function clickMapAt(lon, lat) {
  const box = await page.locator('#map').boundingBox();
  const pt = await page.evaluate(([x, y]) => {
    const p = window.map.project([x, y]);
    return { x: p.x, y: p.y };
  }, [lon, lat]);
  await page.mouse.click(box.x + pt.x, box.y + pt.y);
}

describe('neighbours and gaps in /map', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? await browser.context.newPage();
    problems = watchPage(page, server.url(''));
    await page.goto(server.url('/map#level=commune&division=2018&metric=total'));
    await waitIdle(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('clicking Iquique shows what its neighbours did, and an item opens its unit', async () => {
    const expected = await fetchJson(server.url(`/territories/${IQUIQUE.code}/nearby-initiatives?division=2018&limit=8`));
    assert.ok(expected.initiatives.length > 0);
    await jumpTo(page, IQUIQUE.lon, IQUIQUE.lat, 8);
    await clickMapAt(IQUIQUE.lon, IQUIQUE.lat);
    await page.locator(`#panel[data-code="${IQUIQUE.code}"]`).waitFor();
    await page.locator('#panel-nearby-list li').first().waitFor();
    assert.equal(await page.locator('#panel-title').textContent(), `Iquique (Comuna ${IQUIQUE.code})`);
    assert.equal(await page.locator('#panel-nearby-title').textContent(), '¿Qué hicieron los vecinos?');
    const items = await page.locator('#panel-nearby-list li').evaluateAll((lis) => lis.map((li) => [li.dataset.id, li.dataset.unit]));
    assert.deepEqual(items, expected.initiatives.map((i) => [i.id, i.unit.code]));
    const first = expected.initiatives[0];
    const relation = await page.locator('#panel-nearby-list li .relation').first().textContent();
    assert.ok(relation.includes(first.unit.name), relation);
    assert.ok(relation.includes('km'), relation);
    // Each item says what the practice was (its sheet's one line) and links to its sheet.
    const described = expected.initiatives.find((i) => i.description);
    assert.ok(described);
    const item = page.locator(`#panel-nearby-list li[data-id="${described.id}"]`);
    assert.equal(await item.locator('.description').textContent(), described.description);
    assert.equal(await item.locator('a.sheet').getAttribute('href'), `/initiatives/${described.id}?f=html`);
    assert.equal(await page.locator('#panel-nearby-list li a.sheet').count(), expected.initiatives.length);
    await page.screenshot({ path: join(SHOTS, 'desktop-nearby-panel.png') });

    await page.locator('#panel-nearby-list li button.name').first().click();
    await page.locator(`#panel[data-code="${first.unit.code}"]`).waitFor();
    assert.ok((await page.locator('#panel-title').textContent()).startsWith(first.unit.name));
    // The unit has initiatives: the list of its own replaces the neighbours'.
    assert.equal(await page.locator('#panel-nearby').isHidden(), true);
    const own = await page.locator('#panel-initiatives li').evaluateAll((lis) => lis.map((li) => li.dataset.id));
    assert.ok(own.includes(first.id), own.join(','));
    assert.deepEqual(problems, []);
  });

  test('a region lists its communes with no initiative, largest first, each opening its commune', async () => {
    const gaps = await fetchJson(server.url('/coverage?level=commune&division=2018&within=06&covered=false&sort=-population'));
    assert.ok(gaps.units.length > 1);
    await change(page, () => page.selectOption('#level', 'region'));
    await page.evaluate((code) => window.territorioApp.openUnit(code), '06');
    await page.locator('#panel[data-code="06"] #panel-gaps-list li').first().waitFor();
    assert.equal(await page.locator('#panel-gaps-title').textContent(), 'Brechas: comunas sin iniciativas');
    const codes = await page.locator('#panel-gaps-list li').evaluateAll((lis) => lis.map((li) => li.dataset.code));
    assert.deepEqual(codes, gaps.units.map((u) => u.code));
    await page.screenshot({ path: join(SHOTS, 'desktop-gaps-panel.png') });
    await page.locator('#panel-gaps-list li button.name').first().click();
    await page.locator(`#panel[data-code="${gaps.units[0].code}"]`).waitFor();
    assert.equal(await page.locator('#level').inputValue(), 'commune');
    // A commune with no initiative: what its neighbours did.
    await page.locator('#panel-nearby-list li').first().waitFor();
    assert.deepEqual(problems, []);
  });

  test('the distance to the nearest initiative is a metric with its legend', async () => {
    await page.check('#metric input[value="nearest_initiative_km"]');
    await page.waitForFunction(() => document.getElementById('legend').dataset.metric === 'nearest_initiative_km');
    const items = await page.locator('#legend li').allTextContents();
    assert.equal(items[0], '0 km · Con iniciativas');
    assert.ok(items.slice(1, -1).every((s) => s.endsWith(' km')), items.join(' | '));
    assert.equal(items[items.length - 1], 'Sin datos');
    assert.ok(page.url().includes('metric=nearest_initiative_km'), page.url());
    await page.screenshot({ path: join(SHOTS, 'desktop-distance-metric.png') });
    await page.check('#metric input[value="total"]');
    assert.deepEqual(problems, []);
  });
});
