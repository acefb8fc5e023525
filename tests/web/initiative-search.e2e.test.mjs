// The map's search box finds initiatives by what they did (the report's
// remarks, their descriptions), in Debian's headless Chromium against the
// real binary and the fixture store: each hit shows its one-line
// description and opens its printable sheet; a unit's panel shows the
// description of each initiative and links to its sheet.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, watchPage } from './browser.mjs';
import { fetchJson, startServer } from './server.mjs';

let server;
let browser;
let page;
let problems;

describe('initiatives in the map search', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? await browser.context.newPage();
    problems = watchPage(page, server.url(''));
    await page.goto(server.url('/map'));
    await page.waitForFunction(() => document.getElementById('map').dataset.state === 'idle', null, { timeout: 30000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('"presupuestos participativos" lists Lautaro first with its description, and opens its sheet', async () => {
    const expected = await fetchJson(server.url('/initiatives?q=presupuestos%20participativos&limit=5'));
    assert.equal(expected.initiatives[0].id, '80');
    await page.fill('#search', 'presupuestos participativos');
    const first = page.locator('#search-results li.initiative').first();
    await first.waitFor();
    const ids = await page.locator('#search-results li.initiative').evaluateAll((lis) => lis.map((li) => li.dataset.id));
    assert.deepEqual(ids, expected.initiatives.map((i) => i.id));
    assert.equal(await first.locator('strong').textContent(), 'Presupuestos Participativos Municipales');
    assert.equal(await first.locator('span').textContent(), `Iniciativa · ${expected.initiatives[0].description}`);
    const [sheet] = await Promise.all([page.waitForEvent('popup'), first.click()]);
    await sheet.waitForLoadState();
    assert.equal(new URL(sheet.url()).pathname + new URL(sheet.url()).search, '/initiatives/80?f=html');
    assert.equal(await sheet.locator('h1').textContent(), 'Presupuestos Participativos Municipales');
    const quotes = await sheet.locator('blockquote').allTextContents();
    assert.equal(quotes.length, 2);
    assert.ok(quotes[0].includes('decisión sobre proyectos (por ej. Presupuestos Participativos en Lautaro)'), quotes[0]);
    assert.ok((await sheet.locator('body').textContent()).includes('Sección 4.2.4 b)'));
    await sheet.close();
  });

  test('accents and case do not matter, and territories still come first', async () => {
    await page.fill('#search', '');
    await page.fill('#search', 'COLLIPULLI');
    await page.locator('#search-results li[data-code="09202"]').waitFor();
    await page.locator('#search-results li.initiative[data-id="72"]').waitFor();
    const kinds = await page.locator('#search-results li').evaluateAll((lis) => lis.map((li) => (li.dataset.code ? 'unit' : 'initiative')));
    assert.equal(kinds[0], 'unit');
    assert.equal(kinds.indexOf('initiative'), kinds.lastIndexOf('unit') + 1, kinds.join());
    await page.fill('#search', 'diseño participativo');
    await page.locator('#search-results li.initiative[data-id="72"]').waitFor();
    await page.keyboard.press('Escape');
  });

  test('a unit\'s panel shows each initiative\'s description and links to its sheet', async () => {
    const expected = await fetchJson(server.url('/territories/09108/initiatives'));
    const lautaro = expected.initiatives.find((i) => i.id === '80');
    assert.ok(lautaro.description);
    await page.fill('#search', 'Lautaro');
    const option = page.locator('#search-results li[data-code="09108"]');
    await option.waitFor();
    await option.click();
    await page.locator('#panel[data-code="09108"]').waitFor();
    const item = page.locator('#panel-initiatives li[data-id="80"]');
    assert.equal(await item.locator('.description').textContent(), lautaro.description);
    assert.equal(await item.locator('a.sheet').getAttribute('href'), '/initiatives/80?f=html');
    assert.equal(await item.locator('a.sheet').textContent(), 'Ficha');
    assert.deepEqual(problems, []);
  });
});
