// End-to-end test of the map's editing mode in headless Chromium against
// the real territorio binary, on a copy of the fixture store (the other
// tests keep reading the original): a token made by the CLI, sign in,
// create an initiative by clicking a Biobío commune, edit it, see its
// history, lose a race to another writer (412), the other refusals, delete.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, watchPage } from './browser.mjs';
import { fetchJson, requiredEnv, startServer } from './server.mjs';

const SHOTS = process.env.TERRITORIO_WEB_SHOTS || mkdtempSync(join(tmpdir(), 'territorio-shots-'));
mkdirSync(SHOTS, { recursive: true });

// Points inside two communes of Biobío (08) and one of Santiago (13).
const CONCEPCION = { code: '08101', lon: -73.03, lat: -36.83 };
const TALCAHUANO = { code: '08110', lon: -73.11, lat: -36.74 };
const EL_BOSQUE = '13105';
const NAME = 'Mesa intercomunal de Concepción (prueba)';

let dir;
let server;
let browser;
let page;
let problems;
let secret;       // the page's token: GORE Biobío
let otherSecret;  // another writer of region 08, from node
let id;           // the initiative the test creates

// `territorio token create` prints the secret alone on its first line.
function createToken(bin, store, name) {
  const out = execFileSync(bin, ['token', 'create', '--store', store, '--name', name, '--region', '08'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n')[0].trim();
}

const editor = (attr) => page.evaluate((a) => document.getElementById('editor').dataset[a] ?? null, attr);

async function waitEditor(attr, value) {
  await page.waitForFunction(([a, v]) => document.getElementById('editor').dataset[a] === v, [attr, value], { timeout: 30000 });
}

// Waits until a write is done and the page shows the data after it.
async function waitRefreshed(writesBefore) {
  await waitEditor('writes', String(writesBefore + 1));
}

const writes = async () => Number(await editor('writes') ?? 0);

async function jumpTo(lon, lat, zoom) {
  await page.evaluate(([x, y, z]) => new Promise((resolve) => {
    const m = window.map;
    m.once('idle', resolve);
    m.jumpTo({ center: [x, y], zoom: z });
  }), [lon, lat, zoom]);
}

async function clickMapAt({ lon, lat }) {
  const box = await page.locator('#map').boundingBox();
  const pt = await page.evaluate(([x, y]) => window.map.project([x, y]), [lon, lat]);
  await page.mouse.click(box.x + pt.x, box.y + pt.y);
}

async function save() {
  const n = await writes();
  await page.click('#editor-save');
  return n;
}

// The expected refusals show up as failed resources: keep only the others.
function unexpected(allowed) {
  return problems.filter((p) => !allowed.some((re) => re.test(p)));
}

describe('/map editing mode in headless Chromium', () => {
  before(async () => {
    const bin = requiredEnv('TERRITORIO_BIN');
    dir = mkdtempSync(join(tmpdir(), 'territorio-edit-'));
    const store = join(dir, 'store.sqlite');
    const source = requiredEnv('TERRITORIO_TEST_STORE');
    copyFileSync(source, store);
    if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${store}-wal`);
    secret = createToken(bin, store, 'GORE Biobío');
    otherSecret = createToken(bin, store, 'SEREMI Biobío');
    server = await startServer({ bin, store });
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? await browser.context.newPage();
    problems = watchPage(page, server.url(''));
    await page.goto(server.url('/map'));
    await page.waitForFunction(() => document.getElementById('map').dataset.state === 'idle', null, { timeout: 30000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('signing in keeps the token in this tab\'s sessionStorage only', async () => {
    assert.equal(await page.locator('#edit-toggle').textContent(), 'Editar');
    await page.click('#edit-toggle');
    assert.equal(await page.locator('#edit-toggle').getAttribute('aria-expanded'), 'true');
    assert.ok(await page.locator('#editor-token').evaluate((e) => e === document.activeElement), 'the token field has focus');
    await page.fill('#editor-token', ` ${secret}\n`);
    await page.press('#editor-token', 'Enter');
    await page.locator('#editor-session').waitFor();
    assert.equal(await page.locator('#editor-session .badge').textContent(), 'Token activo');
    assert.ok(await page.locator('#editor-signin').isHidden());
    const kept = await page.evaluate(() => ({
      session: sessionStorage.getItem('territorio.token'),
      local: localStorage.length,
      cookie: document.cookie,
      url: location.href,
    }));
    assert.equal(kept.session, secret);
    assert.equal(kept.local, 0);
    assert.equal(kept.cookie, '');
    assert.ok(!kept.url.includes(secret));
    assert.equal(await page.locator('#editor-token').inputValue(), '', 'the field is emptied');
  });

  test('a new initiative by clicking a Biobío commune appears on the map and in its panel', async () => {
    const coverageBefore = await fetchJson(server.url('/coverage?level=commune'));
    const unitBefore = coverageBefore.units.find((u) => u.code === CONCEPCION.code);
    await page.click('#editor-new');
    await waitEditor('form', 'new');
    // Picking communes shows the commune level.
    await page.waitForFunction(() => document.getElementById('map').dataset.state === 'idle' && document.getElementById('level').value === 'commune');
    await jumpTo(CONCEPCION.lon, CONCEPCION.lat, 9);
    await clickMapAt(CONCEPCION);
    assert.equal(await page.locator('#edit-codes').inputValue(), CONCEPCION.code);
    assert.equal(await page.locator('#edit-codes-count').textContent(), 'Comunas seleccionadas: 1');
    // The selects offer the seed report's categories.
    const areas = await page.locator('#edit-area option').allTextContents();
    assert.deepEqual(areas, ['Sin dato', 'Social', 'Económico', 'Ordenamiento y Ambiental', 'Político-Institucional']);
    await page.fill('#edit-name', NAME);
    await page.fill('#edit-institution', 'Ilustre Municipalidad de Concepción');
    await page.selectOption('#edit-area', 'Social');
    await page.selectOption('#edit-rurality', 'Urbano');
    await page.fill('#edit-year', '2016');
    await page.selectOption('#edit-field_visit', 'false');
    await page.screenshot({ path: join(SHOTS, 'edit-new.png') });
    const n = await save();
    await waitRefreshed(n);
    id = await editor('id');
    assert.ok(id, 'the form now holds the stored record');
    assert.equal(await editor('form'), 'edit');
    assert.equal(await page.locator('#editor-status').textContent(), `Iniciativa creada (${id})`);
    assert.ok(await page.locator('#editor-save').evaluate((e) => e === document.activeElement), 'the keyboard stays on Guardar');
    assert.ok(await page.locator('#editor-status').isVisible());

    const stored = await fetchJson(server.url(`/collections/initiatives/items/${encodeURIComponent(id)}`));
    assert.equal(stored.properties.name, NAME);
    assert.equal(stored.properties.area, 'Social');
    assert.equal(stored.properties.year, 2016);
    assert.equal(stored.properties.field_visit, false);
    assert.equal(stored.properties.footprint_kind, 'codes');
    assert.equal(stored.properties.commune_codes, CONCEPCION.code);

    // The map's figures come from the new data: one more initiative in Concepción.
    const unit = await page.evaluate((c) => window.territorioApp.units.get(c), CONCEPCION.code);
    assert.equal(unit.total, unitBefore.total + 1);
    assert.ok((await page.locator('#summary').textContent()).includes(String(coverageBefore.summary.initiatives + 1)));
    await page.evaluate((c) => window.territorioApp.openUnit(c), CONCEPCION.code);
    const item = page.locator(`#panel-initiatives li[data-id="${id}"]`);
    await item.waitFor();
    assert.equal(await item.locator('.name').textContent(), NAME);
    assert.equal(await item.locator('button.edit').textContent(), 'Editar');
    await page.screenshot({ path: join(SHOTS, 'edit-created.png') });
  });

  test('editing it from the panel adds a commune, and the history shows both versions', async () => {
    await page.click('#editor-cancel');
    await page.locator(`#panel-initiatives li[data-id="${id}"] button.edit`).click();
    await waitEditor('form', 'edit');
    await page.waitForFunction(() => document.getElementById('editor').dataset.versions === '1');
    assert.equal(await page.locator('#edit-name').inputValue(), NAME);
    assert.equal(await page.locator('#edit-area').inputValue(), 'Social');
    await jumpTo(TALCAHUANO.lon, TALCAHUANO.lat, 9);
    await clickMapAt(TALCAHUANO);
    assert.equal(await page.locator('#edit-codes').inputValue(), `${CONCEPCION.code}; ${TALCAHUANO.code}`);
    await page.fill('#edit-name', `${NAME} y Talcahuano`);
    const n = await save();
    await waitRefreshed(n);
    assert.equal(await page.locator('#editor-status').textContent(), `Cambios guardados (${id})`);
    await page.waitForFunction(() => document.getElementById('editor').dataset.versions === '2');
    const history = await page.locator('#editor-history-list li').evaluateAll((lis) => lis.map((li) => ({
      operation: li.dataset.operation, who: li.querySelector('.who').textContent, time: li.querySelector('time').dateTime,
    })));
    assert.deepEqual(history.map((h) => h.operation), ['create', 'replace']);
    assert.deepEqual(history.map((h) => h.who), ['GORE Biobío', 'GORE Biobío']);
    for (const h of history) assert.ok(!Number.isNaN(Date.parse(h.time)), h.time);
    assert.equal(await page.locator('#editor-history-list li').first().locator('strong').textContent(), 'Creación');
    const stored = await fetchJson(server.url(`/collections/initiatives/items/${encodeURIComponent(id)}`));
    assert.equal(stored.properties.name, `${NAME} y Talcahuano`);
    assert.equal(stored.properties.commune_codes, `${CONCEPCION.code};${TALCAHUANO.code}`);
    const unit = await page.evaluate((c) => window.territorioApp.units.get(c), TALCAHUANO.code);
    assert.equal(unit.total, (await fetchJson(server.url('/coverage?level=commune'))).units.find((u) => u.code === TALCAHUANO.code).total);
  });

  test('a change made behind the page\'s back is a 412 explained in Spanish, and Recargar shows it', async () => {
    // Another writer changes the record through the API.
    const url = server.url(`/collections/initiatives/items/${encodeURIComponent(id)}`);
    const res = await fetch(url);
    const etag = res.headers.get('ETag');
    const feature = await res.json();
    feature.properties.institution = 'Municipalidad de Concepción (otra persona)';
    for (const k of ['commune_codes', 'province_codes', 'region_codes', 'province_codes_2007', 'region_codes_2007']) delete feature.properties[k];
    const put = await fetch(url, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${otherSecret}`, 'If-Match': etag, 'Content-Type': 'application/geo+json' },
      body: JSON.stringify(feature),
    });
    assert.equal(put.status, 200, await put.text());

    // The page still holds the older version.
    await page.fill('#edit-year', '2017');
    await page.click('#editor-save');
    await waitEditor('problem', '412');
    const alert = await page.locator('#editor-alert').textContent();
    assert.ok(alert.startsWith('Otra persona modificó esta iniciativa mientras la editaba; recargue para ver sus cambios.'), alert);
    assert.ok(await page.locator('#editor-reload').evaluate((e) => e === document.activeElement), 'Recargar has focus');
    await page.screenshot({ path: join(SHOTS, 'edit-412.png') });
    await page.click('#editor-reload');
    // The record and its history arrive by two requests, in either order: wait for both.
    await page.waitForFunction(() => document.getElementById('editor').dataset.versions === '3');
    await page.waitForFunction((v) => document.getElementById('edit-institution')?.value === v,
                               'Municipalidad de Concepción (otra persona)');
    assert.equal(await page.locator('#edit-institution').inputValue(), 'Municipalidad de Concepción (otra persona)');
    assert.equal(await page.locator('#edit-year').inputValue(), '2016');
    assert.deepEqual(await page.locator('#editor-history-list li .who').allTextContents(), ['GORE Biobío', 'GORE Biobío', 'SEREMI Biobío']);
    assert.ok(await page.locator('#editor-alert').isHidden());
    // Saving again now works.
    await page.fill('#edit-year', '2017');
    const n = await save();
    await waitRefreshed(n);
    assert.equal((await fetchJson(url)).properties.year, 2017);
  });

  test('a footprint outside the token\'s regions is refused with a clear 403', async () => {
    await page.fill('#edit-codes', `${CONCEPCION.code}; ${EL_BOSQUE}`);
    await page.locator('#edit-codes').dispatchEvent('change');
    await page.click('#editor-save');
    await waitEditor('problem', '403');
    const alert = await page.locator('#editor-alert').textContent();
    assert.ok(alert.startsWith('Su token no permite este cambio'), alert);
    assert.ok(alert.includes('Detalle del servidor'), alert);
    assert.ok(await page.locator('#editor-reload').count() === 0, 'a 403 is not cured by reloading');
    // Unknown code: a 400 with the server's detail.
    await page.fill('#edit-codes', '08199');
    await page.locator('#edit-codes').dispatchEvent('change');
    await page.click('#editor-save');
    await waitEditor('problem', '400');
    assert.ok((await page.locator('#editor-alert').textContent()).startsWith('El servidor no aceptó los datos de la iniciativa.'));
    // The form's own checks come before any request.
    await page.fill('#edit-name', '');
    await page.click('#editor-save');
    await page.locator('#editor-alert li').first().waitFor();
    assert.deepEqual(await page.locator('#editor-alert li').allTextContents(), ['Escriba el nombre de la iniciativa.']);
    assert.equal(await page.locator('#edit-name').getAttribute('aria-invalid'), 'true');
    // Put the record back as stored.
    await page.locator(`#panel-initiatives li[data-id="${id}"] button.edit`).click();
    await page.waitForFunction((name) => document.getElementById('edit-name')?.value === name, `${NAME} y Talcahuano`);
    await page.waitForFunction(() => document.getElementById('editor').dataset.versions === '4');
    assert.equal(await editor('versions'), '4');
  });

  test('a token that is not valid gets a 401 message; signing out clears it', async () => {
    await page.click('#editor-signout');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('territorio.token')), null);
    assert.ok(await page.locator('#editor-form').isHidden());
    // No edit buttons when signed out.
    await page.waitForFunction((i) => document.querySelector(`#panel-initiatives li[data-id="${i}"]`) && !document.querySelector(`#panel-initiatives li[data-id="${i}"] button.edit`), id);
    await page.fill('#editor-token', 'trt_000000000000_not-a-real-secret');
    await page.click('#editor-signin button[type=submit]');
    await page.click('#editor-new');
    await waitEditor('form', 'new');
    await page.fill('#edit-name', 'Sin permiso');
    await page.fill('#edit-codes', CONCEPCION.code);
    await page.locator('#edit-codes').dispatchEvent('change');
    await page.click('#editor-save');
    await waitEditor('problem', '401');
    assert.ok((await page.locator('#editor-alert').textContent()).startsWith('El token no es válido, venció o fue revocado.'));
    await page.click('#editor-signout');
    await page.fill('#editor-token', secret);
    await page.click('#editor-signin button[type=submit]');
  });

  test('deleting it takes it off the map, and the history keeps the deletion', async () => {
    const total = (await fetchJson(server.url('/coverage?level=commune'))).units.find((u) => u.code === CONCEPCION.code).total;
    await page.locator(`#panel-initiatives li[data-id="${id}"] button.edit`).click();
    await waitEditor('form', 'edit');
    await page.click('#editor-delete');
    assert.ok(await page.locator('#editor-delete-no').evaluate((e) => e === document.activeElement), 'the safe answer has focus');
    const n = await writes();
    await page.click('#editor-delete-yes');
    await waitRefreshed(n);
    assert.equal(await page.locator('#editor-status').textContent(), `Iniciativa eliminada (${id})`);
    assert.ok(await page.locator('#editor-form').isHidden());
    const ops = await page.locator('#editor-history-list li').evaluateAll((lis) => lis.map((li) => li.dataset.operation));
    assert.equal(ops.at(-1), 'delete');
    const gone = await fetch(server.url(`/collections/initiatives/items/${encodeURIComponent(id)}`));
    assert.equal(gone.status, 404);
    const unit = await page.evaluate((c) => window.territorioApp.units.get(c), CONCEPCION.code);
    assert.equal(unit.total, total - 1);
    assert.equal(await page.locator(`#panel-initiatives li[data-id="${id}"]`).count(), 0);
    await page.screenshot({ path: join(SHOTS, 'edit-deleted.png') });
    // Only the refusals the test provoked failed.
    const refusals = [/HTTP (400|401|403|412): .*\/collections\/initiatives\/items/, /status of (400|401|403|412)/];
    assert.deepEqual(unexpected(refusals), []);
  });

  test('another tab starts signed out, and the editor fits a phone', async () => {
    const p = await browser.context.newPage();
    const seen = watchPage(p, server.url(''));
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(server.url('/map'));
    await p.waitForFunction(() => document.getElementById('map').dataset.state === 'idle', null, { timeout: 30000 });
    await p.click('#edit-toggle');
    await p.locator('#editor-signin').waitFor();
    assert.equal(await p.evaluate(() => sessionStorage.getItem('territorio.token')), null);
    assert.ok(await p.locator('#editor-session').isHidden());
    const box = await p.locator('#editor').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
    await p.screenshot({ path: join(SHOTS, 'edit-phone.png') });
    await p.click('#editor-close');
    assert.ok(await p.locator('#editor').isHidden());
    assert.deepEqual(seen, []);
    await p.close();
  });
});
