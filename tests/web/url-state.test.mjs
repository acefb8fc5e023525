// The map's state in its URL (web/url-state.js) and the GIS addresses built
// from it (web/share.js): pure functions. A state survives a round trip
// through its query exactly; a value that does not read keeps the default.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { FILTERS } from '../../web/api.js';
import { cql2Text, gisUrls } from '../../web/share.js';
import { PARAMS, defaultState, mapUrl, parseState, roundedView, serialiseState, stateFromLocation } from '../../web/url-state.js';

const FULL = {
  level: 'commune',
  division: '2007',
  metric: 'per_100k',
  filters: { area: 'Ordenamiento y Ambiental', award: '1er Lugar', year: '2015', institution_type: 'Municipio', contest: 'Primer Concurso' },
  compare: 'contest:Primer Concurso,Segundo Concurso',
  compare_metric: 'per_100k_change',
  unit: '08401',
  center: [-72.10349, -36.60612],
  zoom: 8.25,
  lang: 'en',
  embed: true,
};

test('the default state is the national map of regions', () => {
  assert.deepEqual(defaultState(), {
    level: 'region', division: '2018', metric: 'total', filters: {}, compare: null, compare_metric: 'change', unit: null, center: null, zoom: null, lang: 'es', embed: false,
  });
  assert.equal(serialiseState(defaultState()), 'level=region&division=2018&metric=total');
  assert.deepEqual(parseState(''), defaultState());
});

test('every parameter survives a round trip', () => {
  const text = serialiseState(FULL);
  assert.equal(text, 'level=commune&division=2007&metric=per_100k&area=Ordenamiento+y+Ambiental&award=1er+Lugar'
    + '&year=2015&institution_type=Municipio&contest=Primer+Concurso&compare=contest%3APrimer+Concurso,Segundo+Concurso'
    + '&compare_metric=per_100k_change&unit=08401&center=-72.10349,-36.60612&zoom=8.25&lang=en&embed=1');
  assert.deepEqual(parseState(text), FULL);
  assert.deepEqual(parseState(new URLSearchParams(text)), FULL);
  // Accents and quotes in a filter value.
  const accents = { ...defaultState(), filters: { thematic_field: "Planificación y gestión de inversiones", area: "O'Higgins & co" } };
  assert.deepEqual(parseState(serialiseState(accents)), accents);
});

test('each filter of the page is a parameter, and each parameter is declared once', () => {
  const names = PARAMS.map((p) => p.name);
  assert.equal(new Set(names).size, names.length);
  for (const f of FILTERS) assert.ok(names.includes(f), f);
});

test('unknown parameters are ignored, and malformed values keep the default', () => {
  const cases = [
    ['level=country', {}],
    ['level=', {}],
    ['division=2017', {}],
    ['metric=<script>', {}],
    ['year=20xx', {}],
    ['year=2015/20', {}],
    ['unit=1310', {}],
    ['unit=abcde&level=commune', { level: 'commune' }],
    ['zoom=NaN&center=-70,-33', {}],
    ['zoom=99&center=-70,-33', {}],
    ['zoom=7&center=-70', {}],
    ['zoom=7&center=-70,-33,1', {}],
    ['zoom=7&center=-200,-33', {}],
    ['zoom=7&center=1e2,3', {}],
    ['zoom=7', {}],
    ['center=-70,-33', {}],
    ['lang=fr', {}],
    ['embed=yes', {}],
    ['compare=contest:A', {}],
    ['compare=contest:A,A', {}],
    ['compare=contest:A,B,C', {}],
    ['compare=region:A,B', {}],
    ['compare_metric=total', {}],
    [`area=${'x'.repeat(201)}`, {}],
    ['area=a%00b', {}],
    ['utm_source=boletin&fbclid=abc', {}],
    // A unit must be of the level shown.
    ['level=region&unit=13105', {}],
    ['level=commune&unit=13105', { level: 'commune', unit: '13105' }],
    ['level=province&unit=131', { level: 'province', unit: '131' }],
    // The first of a repeated parameter, and good values next to bad ones.
    ['level=commune&level=region&metric=bad&year=2015/..', { level: 'commune', filters: { year: '2015/..' } }],
  ];
  for (const [query, changed] of cases) {
    const expected = { ...defaultState(), ...changed, filters: { ...(changed.filters ?? {}) } };
    assert.deepEqual(parseState(query), expected, query);
  }
});

test('what would not read back is not written', () => {
  const s = { ...defaultState(), unit: '123456', zoom: 3, center: null, filters: { area: '' } };
  assert.equal(serialiseState(s), 'level=region&division=2018&metric=total');
});

test('a view is kept as the URL writes it: 5 decimals of a degree, 2 of a zoom', () => {
  const v = roundedView([-70.6693312345, -33.4489987654], 6.123456);
  assert.deepEqual(v, { center: [-70.66933, -33.449], zoom: 6.12 });
  assert.deepEqual(parseState(serialiseState({ ...defaultState(), ...v })).center, v.center);
});

test('the full map link drops embed and keeps the rest', () => {
  const loc = { origin: 'https://territorio.example.cl', pathname: '/map' };
  assert.equal(mapUrl({ ...defaultState(), level: 'province', embed: true }, { embed: false }, loc),
    'https://territorio.example.cl/map?level=province&division=2018&metric=total');
  assert.equal(mapUrl({ ...defaultState(), embed: true }, {}, loc),
    'https://territorio.example.cl/map?level=region&division=2018&metric=total&embed=1');
});

test('links from before the query kept the state in the fragment; the query wins', () => {
  const loc = { search: '?lang=en&level=province', hash: '#level=commune&division=2007&metric=covered&area=Social' };
  assert.deepEqual(stateFromLocation(loc), {
    ...defaultState(), level: 'province', division: '2007', metric: 'covered', lang: 'en', filters: { area: 'Social' },
  });
});

test('the filters as CQL2 text', () => {
  assert.equal(cql2Text({}), '');
  assert.equal(cql2Text({ area: 'Social' }), "CASEI(ACCENTI(area)) = CASEI(ACCENTI('Social'))");
  assert.equal(cql2Text({ year: '2015', award: '1er Lugar', area: 'Social' }),
    "CASEI(ACCENTI(area)) = CASEI(ACCENTI('Social')) AND CASEI(ACCENTI(award)) = CASEI(ACCENTI('1er Lugar')) AND year = 2015");
  assert.equal(cql2Text({ area: 'Social, Económico' }),
    "CASEI(ACCENTI(area)) IN (CASEI(ACCENTI('Social')), CASEI(ACCENTI('Económico')))");
  assert.equal(cql2Text({ institution_type: "O'Higgins" }), "CASEI(ACCENTI(institution_type)) = CASEI(ACCENTI('O''Higgins'))");
  assert.equal(cql2Text({ year: '2014/2016' }), 'year BETWEEN 2014 AND 2016');
  assert.equal(cql2Text({ year: '2014/..' }), 'year >= 2014');
  assert.equal(cql2Text({ year: '../2016' }), 'year <= 2016');
});

test('the GIS addresses of what is on screen', () => {
  const state = { ...defaultState(), level: 'province', division: '2007', filters: { area: 'Social', year: '2015' } };
  const urls = gisUrls(state, [-73.123456, -38.5, -70, -35.000001], 'http://localhost:8080');
  assert.deepEqual(urls, {
    service: 'http://localhost:8080/',
    units: 'http://localhost:8080/collections/provinces-2007/items?bbox=-73.12346,-38.50000,-70.00000,-35.00000&limit=1000&f=json',
    initiatives: 'http://localhost:8080/collections/initiatives/items?filter=CASEI(ACCENTI(area))%20%3D%20CASEI(ACCENTI(%27Social%27))%20AND%20year%20%3D%202015'
      + '&filter-lang=cql2-text&bbox=-73.12346,-38.50000,-70.00000,-35.00000&limit=1000&f=json',
    tilejson: 'http://localhost:8080/tiles/provinces.json?division=2007&area=Social&year=2015',
    tiles: 'http://localhost:8080/tiles/provinces/{z}/{x}/{y}.mvt?division=2007&area=Social&year=2015',
  });
  // Communes are the same in both divisions: one collection.
  const communes2007 = gisUrls({ ...defaultState(), level: 'commune', division: '2007' }, [-71, -34, -70, -33], 'http://h');
  assert.equal(communes2007.units, 'http://h/collections/communes/items?bbox=-71.00000,-34.00000,-70.00000,-33.00000&limit=1000&f=json');
  assert.equal(communes2007.tilejson, 'http://h/tiles/communes.json?division=2007');
  const plain = gisUrls(defaultState(), [-200, -100, 200, 100], 'http://h');
  assert.equal(plain.initiatives, 'http://h/collections/initiatives/items?bbox=-180.00000,-90.00000,180.00000,90.00000&limit=1000&f=json');
  assert.equal(plain.tilejson, 'http://h/tiles/regions.json?division=2018');
});
