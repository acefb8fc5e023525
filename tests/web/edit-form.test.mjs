// The editor's form <-> feature mapping (web/edit-form.js): pure functions.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { featureFromForm, formFromFeature, MAP_BASIS, parseCodes, parseDecimal, toggleCode, validateForm } from '../../web/edit-form.js';

// Initiative 168 as GET /collections/initiatives/items/168 returns it (geometry shortened).
const REGION_CODES = {
  type: 'Feature',
  id: '168',
  geometry: { type: 'MultiPolygon', coordinates: [[[[-70, -18], [-69, -18], [-69, -19], [-70, -18]]]] },
  properties: {
    id: '168', name: 'Red de facilitación de inversiones', institution: 'CORFO - Gobierno Regional',
    institution_type: null, area: 'Político-Institucional', thematic_field: null, scope: null, rurality: null,
    contest: null, year: null, stage: 'finalizada', award: 'Mención Honrosa', field_visit: true,
    region_recorded: 'Arica y Parinacota', footprint_kind: 'codes', annex_order: '4', footprint_division: '2018',
    footprint_codes: '15', footprint_basis: 'region of the presenting regional government',
    commune_codes: '15101;15102;15201;15202', province_codes: '151;152', region_codes: '15',
    province_codes_2007: '151;152', region_codes_2007: '15',
  },
};

test('codes are split on ; , and blanks, kept in order, without repeats', () => {
  assert.deepEqual(parseCodes('08101; 08102,08103  08101'), ['08101', '08102', '08103']);
  assert.deepEqual(parseCodes(['08101', '08101', ' 15 ']), ['08101', '15']);
  assert.deepEqual(parseCodes(''), []);
  assert.deepEqual(parseCodes(null), []);
});

test('a click toggles a commune in and out of the selection', () => {
  assert.deepEqual(toggleCode(['08101'], '08102'), ['08101', '08102']);
  assert.deepEqual(toggleCode(['08101', '08102'], '08101'), ['08102']);
});

test('decimals take a point or a comma', () => {
  assert.equal(parseDecimal('-72,5'), -72.5);
  assert.equal(parseDecimal(' -36.82 '), -36.82);
  assert.equal(parseDecimal(''), null);
  assert.ok(Number.isNaN(parseDecimal('72°W')));
});

test('a stored feature fills the form; nulls are blank, booleans and years text', () => {
  const { values, footprint } = formFromFeature(REGION_CODES);
  assert.equal(values.name, 'Red de facilitación de inversiones');
  assert.equal(values.institution_type, '');
  assert.equal(values.year, '');
  assert.equal(values.field_visit, 'true');
  assert.deepEqual(footprint, { kind: 'codes', codes: ['15'], point: null, division: '2018', original: 'codes' });
  const { values: withYear } = formFromFeature({ ...REGION_CODES, properties: { ...REGION_CODES.properties, year: 2016, field_visit: false } });
  assert.equal(withYear.year, '2016');
  assert.equal(withYear.field_visit, 'false');
});

test('a new initiative starts blank, picking communes of division 2018', () => {
  const { values, footprint } = formFromFeature(null);
  assert.equal(values.name, '');
  assert.deepEqual(footprint, { kind: 'codes', codes: [], point: null, division: '2018', original: null });
});

test('point footprints are edited as a point; names, polygons and none are kept', () => {
  const point = { type: 'Feature', id: 'p', geometry: { type: 'Point', coordinates: [-73.05, -36.82] }, properties: { id: 'p', name: 'P', footprint_kind: 'points' } };
  assert.deepEqual(formFromFeature(point).footprint.point, [-73.05, -36.82]);
  assert.equal(formFromFeature(point).footprint.kind, 'points');
  const two = { ...point, geometry: { type: 'MultiPoint', coordinates: [[-73, -36], [-72, -37]] } };
  assert.equal(formFromFeature(two).footprint.kind, 'keep');
  for (const kind of ['names', 'polygons', 'unknown']) {
    const f = { type: 'Feature', id: 'x', geometry: null, properties: { id: 'x', name: 'X', footprint_kind: kind } };
    assert.equal(formFromFeature(f).footprint.kind, 'keep', kind);
    assert.equal(formFromFeature(f).footprint.original, kind);
  }
});

test('validation: name required, a four-digit year, a footprint to send', () => {
  const ok = { values: { name: 'A', year: '2016' }, footprint: { kind: 'codes', codes: ['08101'] } };
  assert.deepEqual(validateForm(ok), []);
  const keys = (form) => validateForm(form).map((e) => e.key);
  assert.deepEqual(keys({ ...ok, values: { name: '  ', year: '' } }), ['edit.error.name_required']);
  assert.deepEqual(keys({ ...ok, values: { name: 'A', year: '16' } }), ['edit.error.year']);
  assert.deepEqual(keys({ ...ok, values: { name: 'A', year: '3016' } }), ['edit.error.year']);
  assert.deepEqual(keys({ ...ok, values: { name: 'x'.repeat(501) } }), ['edit.error.too_long']);
  assert.deepEqual(keys({ ...ok, footprint: { kind: 'codes', codes: [] } }), ['edit.error.no_communes']);
  assert.deepEqual(keys({ ...ok, footprint: { kind: 'codes', codes: ['8101'] } }), ['edit.error.bad_code']);
  assert.deepEqual(keys({ ...ok, footprint: { kind: 'points', point: null } }), ['edit.error.no_point']);
  assert.deepEqual(keys({ ...ok, footprint: { kind: 'points', point: [-73, -95] } }), ['edit.error.no_point']);
  assert.deepEqual(keys({ ...ok, footprint: { kind: 'points', point: [-73, -36.8] } }), []);
  assert.deepEqual(keys({ ...ok, footprint: { kind: 'keep' } }), []);
});

test('a new initiative by communes: typed values, blanks left out, no geometry', () => {
  const form = formFromFeature(null);
  Object.assign(form.values, { name: ' Mesa comunal ', institution: 'Municipalidad de Concepción', area: 'Social', year: '2016', field_visit: 'false' });
  form.footprint.codes = ['08101', '08102'];
  assert.deepEqual(featureFromForm(form), {
    type: 'Feature',
    geometry: null,
    properties: {
      name: 'Mesa comunal', institution: 'Municipalidad de Concepción', area: 'Social', year: 2016, field_visit: false,
      footprint_kind: 'codes', footprint_division: '2018', footprint_codes: ['08101', '08102'], footprint_basis: MAP_BASIS,
    },
  });
});

test('a new initiative by a point sends a Point geometry', () => {
  const form = formFromFeature(null);
  form.values.name = 'Punto';
  form.footprint = { ...form.footprint, kind: 'points', point: [-73.05, -36.82] };
  const f = featureFromForm(form);
  assert.deepEqual(f.geometry, { type: 'Point', coordinates: [-73.05, -36.82] });
  assert.equal(f.properties.footprint_kind, 'points');
  assert.equal(f.properties.footprint_codes, undefined);
});

test('an unchanged form gives back the stored record without derived properties', () => {
  const f = featureFromForm(formFromFeature(REGION_CODES), REGION_CODES);
  assert.equal(f.id, '168');
  assert.equal(f.geometry, null);
  const p = { ...REGION_CODES.properties };
  for (const k of ['commune_codes', 'province_codes', 'region_codes', 'province_codes_2007', 'region_codes_2007']) delete p[k];
  for (const k of Object.keys(p)) if (p[k] === null) delete p[k];
  p.footprint_codes = ['15'];
  assert.deepEqual(f.properties, p);
  assert.equal(f.properties.footprint_basis, 'region of the presenting regional government', 'an unchanged footprint keeps its basis');
});

test('an edit replaces the edited fields, removes emptied ones, keeps the others', () => {
  const form = formFromFeature(REGION_CODES);
  form.values.award = '';
  form.values.year = '2017';
  form.footprint.codes = ['15', '15101'];
  const p = featureFromForm(form, REGION_CODES).properties;
  assert.equal(p.award, undefined);
  assert.equal(p.year, 2017);
  assert.equal(p.annex_order, '4');
  assert.equal(p.region_recorded, 'Arica y Parinacota');
  assert.deepEqual(p.footprint_codes, ['15', '15101']);
  assert.equal(p.footprint_basis, MAP_BASIS, 'a new footprint gets the map as its basis');
});

test('from codes to a point: the code properties go, the geometry is the point', () => {
  const form = formFromFeature(REGION_CODES);
  form.footprint = { ...form.footprint, kind: 'points', point: [-70.3, -18.48] };
  const f = featureFromForm(form, REGION_CODES);
  assert.deepEqual(f.geometry, { type: 'Point', coordinates: [-70.3, -18.48] });
  assert.equal(f.properties.footprint_kind, 'points');
  assert.equal(f.properties.footprint_codes, undefined);
  assert.equal(f.properties.footprint_division, undefined);
});

test('a kept footprint by names sends no geometry; by polygons sends its own', () => {
  const names = { type: 'Feature', id: 'n', geometry: { type: 'MultiPolygon', coordinates: [] },
    properties: { id: 'n', name: 'N', footprint_kind: 'names', footprint_names: 'Chiloé', footprint_division: '2007' } };
  const f = featureFromForm(formFromFeature(names), names);
  assert.equal(f.geometry, null);
  assert.equal(f.properties.footprint_names, 'Chiloé');
  assert.equal(f.properties.footprint_division, '2007');
  const poly = { type: 'Feature', id: 'q', geometry: { type: 'Polygon', coordinates: [[[-73, -36], [-72, -36], [-72, -37], [-73, -36]]] },
    properties: { id: 'q', name: 'Q', footprint_kind: 'polygons' } };
  assert.deepEqual(featureFromForm(formFromFeature(poly), poly).geometry, poly.geometry);
});
