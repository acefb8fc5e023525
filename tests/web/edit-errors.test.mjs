// The editor's messages for failed writes (web/edit-errors.js), the
// choices of its <select>s (web/vocabulary.js), its history list and its
// token handling: pure functions, and every message key has a text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { PROBLEM_KEYS, problemMessage, retryAfterSeconds } from '../../web/edit-errors.js';
import { historyEntries } from '../../web/edit-history.js';
import { cleanToken, forgetToken, storedToken, storeToken } from '../../web/session.js';
import { choices, sameValue, statsValues, VOCABULARY_FIELDS } from '../../web/vocabulary.js';

const strings = (lang) => JSON.parse(readFileSync(new URL(`../../web/i18n/${lang}.json`, import.meta.url), 'utf8'));

test('each status has its own message; the problem detail is kept', () => {
  const detail = 'the footprint reaches commune 13101 outside the token\'s regions';
  assert.deepEqual(problemMessage(403, { type: 'about:blank', title: 'Forbidden', status: 403, detail }),
    { key: 'edit.problem.403', status: 403, detail, retryAfter: null, reload: false });
  for (const s of [400, 401, 404, 409, 412, 413, 428, 429]) assert.equal(problemMessage(s, null).key, `edit.problem.${s}`);
  assert.equal(problemMessage(500, { detail: 'internal error' }).key, 'edit.problem.other');
  assert.equal(problemMessage(0).key, 'edit.problem.network');
  assert.equal(problemMessage(400, null).detail, '');
  assert.equal(problemMessage(400, { detail: 42 }).detail, '');
  assert.equal(problemMessage(400, { detail: 'x'.repeat(1000) }).detail.length, 300);
});

test('a stale or vanished record asks for a reload', () => {
  assert.equal(problemMessage(412).reload, true);
  assert.equal(problemMessage(404).reload, true);
  assert.equal(problemMessage(401).reload, false);
  assert.equal(problemMessage(400).reload, false);
});

test('429 says how long to wait, in seconds or from a date', () => {
  assert.equal(problemMessage(429, { detail: 'too many writes' }, '7').retryAfter, 7);
  assert.equal(problemMessage(403, null, '7').retryAfter, null);
  const now = Date.parse('2026-12-06T21:30:00Z');
  assert.equal(retryAfterSeconds('Sun, 06 Dec 2026 21:30:12 GMT', now), 12);
  assert.equal(retryAfterSeconds('Sun, 06 Dec 2026 21:29:00 GMT', now), 0);
  assert.equal(retryAfterSeconds('soon', now), null);
  assert.equal(retryAfterSeconds(null, now), null);
});

test('every message key the editor uses has a Spanish and an English text', () => {
  for (const lang of ['es', 'en']) {
    const s = strings(lang);
    for (const key of PROBLEM_KEYS) assert.equal(typeof s[key], 'string', `${lang} ${key}`);
    for (const key of ['edit.error.name_required', 'edit.error.too_long', 'edit.error.year', 'edit.error.no_communes',
      'edit.error.bad_code', 'edit.error.no_point']) assert.equal(typeof s[key], 'string', `${lang} ${key}`);
    for (const op of ['create', 'replace', 'update', 'delete', 'import']) assert.equal(typeof s[`edit.history.${op}`], 'string', `${lang} ${op}`);
    for (const f of ['name', 'institution', 'institution_type', 'area', 'thematic_field', 'scope', 'rurality', 'contest',
      'year', 'stage', 'award', 'field_visit']) assert.equal(typeof s[`edit.field.${f}`], 'string', `${lang} ${f}`);
  }
  // The same keys in both languages.
  assert.deepEqual(Object.keys(strings('es')).sort(), Object.keys(strings('en')).sort());
  assert.match(strings('es')['edit.problem.412'], /^Otra persona modificó esta iniciativa mientras la editaba/);
});

test('the history lists who and when per version, oldest first; a CLI import has no token', () => {
  const doc = { id: 'X1', versions: [
    { revision: 3, operation: 'import', time: '2026-12-01T10:00:00Z', token: null, before: null, after: {} },
    { revision: 12, operation: 'replace', time: '2026-12-06T21:30:00Z', token: { id: 'a1', name: 'GORE Biobío' }, before: {}, after: {} },
  ] };
  assert.deepEqual(historyEntries(doc), [
    { revision: 3, operation: 'import', who: null, time: '2026-12-01T10:00:00Z' },
    { revision: 12, operation: 'replace', who: 'GORE Biobío', time: '2026-12-06T21:30:00Z' },
  ]);
  assert.deepEqual(historyEntries({}), []);
});

test('a pasted token is trimmed, may carry "Bearer ", and stays in the given storage', () => {
  assert.equal(cleanToken('  trt_abc_DEF-12 \n'), 'trt_abc_DEF-12');
  assert.equal(cleanToken('Bearer trt_abc'), 'trt_abc');
  assert.equal(cleanToken(''), null);
  assert.equal(cleanToken('two words'), null);
  assert.equal(cleanToken('x'.repeat(513)), null);
  const map = new Map();
  const storage = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, v), removeItem: (k) => map.delete(k) };
  assert.equal(storedToken(storage), null);
  storeToken('trt_abc', storage);
  assert.equal(storedToken(storage), 'trt_abc');
  forgetToken(storage);
  assert.equal(storedToken(storage), null);
});

test('select choices: the seed report\'s categories, then the data\'s others, then the current value', () => {
  assert.deepEqual(choices('rurality', ['Mixto', 'Semiurbano']), ['Rural', 'Urbano', 'Mixto', 'Semiurbano']);
  assert.deepEqual(choices('area', ['Político – Institucional']), ['Social', 'Económico', 'Ordenamiento y Ambiental', 'Político-Institucional']);
  assert.deepEqual(choices('award', [], 'Premio especial').at(-1), 'Premio especial');
  assert.deepEqual(choices('unknown_field', ['a', 'b']), ['a', 'b']);
  assert.ok(sameValue('Político-Institucional', 'politico institucional'));
  assert.deepEqual(statsValues({ rows: { values: [{ value: 'finalizada', count: 29 }, { value: 'unknown', count: 0 }] } }), ['finalizada']);
  assert.deepEqual(VOCABULARY_FIELDS, ['institution_type', 'area', 'thematic_field', 'scope', 'rurality', 'stage', 'award']);
});
