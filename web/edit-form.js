// The editor's form and the API's GeoJSON feature (see the write API): pure
// functions from one to the other, and the checks made before sending. No
// DOM here, so node tests them directly.

// The attributes the form edits, in the order it shows them. `vocabulary`
// fields are <select>s over the known values (web/vocabulary.js).
export const FIELDS = [
  { name: 'name', kind: 'text', required: true, maxLength: 500 },
  { name: 'institution', kind: 'text', maxLength: 500 },
  { name: 'institution_type', kind: 'vocabulary' },
  { name: 'area', kind: 'vocabulary' },
  { name: 'thematic_field', kind: 'vocabulary' },
  { name: 'scope', kind: 'vocabulary' },
  { name: 'rurality', kind: 'vocabulary' },
  { name: 'contest', kind: 'text', maxLength: 500 },
  { name: 'year', kind: 'year' },
  { name: 'stage', kind: 'vocabulary' },
  { name: 'award', kind: 'vocabulary' },
  { name: 'field_visit', kind: 'boolean' },
];

export const YEAR_MIN = 1900;
export const YEAR_MAX = 2100;

// Properties the server derives from the footprint; ignored on input, so
// they are not sent back.
const OUTPUT_ONLY = ['commune_codes', 'province_codes', 'region_codes', 'province_codes_2007', 'region_codes_2007'];
// The footprint's own properties, replaced together when the footprint changes.
const FOOTPRINT_PROPERTIES = ['footprint_kind', 'footprint_division', 'footprint_codes', 'footprint_names', 'footprint_level'];

// The note stored with a footprint chosen in this editor (footprint_basis).
export const MAP_BASIS = 'marcada en el mapa de edición';
// Footprints are picked on the current division's communes.
export const PICK_DIVISION = '2018';

// A region (2 digits), province (3) or commune (5) CUT code.
const CODE = /^(\d{2}|\d{3}|\d{5})$/;

export function isCode(s) { return CODE.test(s); }

// "08101; 08102,08103" or ["08101"] -> ["08101", "08102", "08103"], in
// order, without repeats or blanks.
export function parseCodes(value) {
  const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[;,\s]+/);
  const out = [];
  for (const p of parts.map((s) => s.trim())) if (p && !out.includes(p)) out.push(p);
  return out;
}

// The codes with `code` added, or removed when it was there.
export function toggleCode(codes, code) {
  return codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code];
}

// The form's state of a feature (null for a new initiative): `values` as
// the inputs hold them (strings), `footprint` as the picker holds it.
//   footprint.kind: 'codes' | 'points' | 'keep' (a footprint this editor
//   cannot draw: names, polygons, several points, or none; kept unchanged)
export function formFromFeature(feature) {
  const p = feature?.properties ?? {};
  const values = {};
  for (const f of FIELDS) {
    const v = p[f.name];
    if (v === null || v === undefined) values[f.name] = '';
    else if (f.kind === 'boolean') values[f.name] = v === true || v === 'true' ? 'true' : v === false || v === 'false' ? 'false' : '';
    else values[f.name] = String(v);
  }
  const original = feature ? (p.footprint_kind ?? 'unknown') : null;
  const footprint = { kind: 'codes', codes: [], point: null, division: PICK_DIVISION, original };
  if (original === 'codes') {
    footprint.codes = parseCodes(p.footprint_codes);
    footprint.division = String(p.footprint_division ?? PICK_DIVISION);
  } else if (original === 'points' && onePoint(feature.geometry)) {
    footprint.kind = 'points';
    footprint.point = onePoint(feature.geometry);
  } else if (feature) {
    footprint.kind = 'keep';
  }
  return { values, footprint };
}

// [lon, lat] of a Point or a MultiPoint of one point, else null.
function onePoint(g) {
  if (g?.type === 'Point') return g.coordinates.slice(0, 2);
  if (g?.type === 'MultiPoint' && g.coordinates.length === 1) return g.coordinates[0].slice(0, 2);
  return null;
}

// "-72,5" and "-72.5" are both a number; blank is null; anything else NaN.
export function parseDecimal(s) {
  const t = String(s ?? '').trim().replace(',', '.');
  if (t === '') return null;
  return /^[-+]?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

// The problems of a form state, each { field, key } with an i18n key; empty
// when it can be sent.
export function validateForm({ values, footprint }) {
  const errors = [];
  if (!values.name?.trim()) errors.push({ field: 'name', key: 'edit.error.name_required' });
  for (const f of FIELDS) {
    if (f.maxLength && (values[f.name] ?? '').length > f.maxLength) errors.push({ field: f.name, key: 'edit.error.too_long' });
  }
  const year = (values.year ?? '').trim();
  if (year !== '' && !(/^\d{4}$/.test(year) && Number(year) >= YEAR_MIN && Number(year) <= YEAR_MAX))
    errors.push({ field: 'year', key: 'edit.error.year' });
  if (footprint.kind === 'codes') {
    if (footprint.codes.length === 0) errors.push({ field: 'footprint', key: 'edit.error.no_communes' });
    else if (!footprint.codes.every(isCode)) errors.push({ field: 'footprint', key: 'edit.error.bad_code' });
  } else if (footprint.kind === 'points') {
    const [lon, lat] = footprint.point ?? [NaN, NaN];
    if (!(Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90))
      errors.push({ field: 'footprint', key: 'edit.error.no_point' });
  }
  return errors;
}

// Whether the footprint differs from the one the feature had.
function footprintChanged(footprint, before) {
  if (footprint.kind === 'keep') return false;
  const was = formFromFeature(before).footprint;
  if (was.kind !== footprint.kind) return true;
  if (footprint.kind === 'codes') return was.codes.join(';') !== footprint.codes.join(';');
  return was.point?.[0] !== footprint.point[0] || was.point?.[1] !== footprint.point[1];
}

// The GeoJSON feature to POST (before = null) or PUT (before = the feature
// as GET returned it): every property of `before` the form does not edit is
// kept, the edited ones are replaced, an emptied one is removed. The form
// must have passed validateForm.
export function featureFromForm({ values, footprint }, before = null) {
  const properties = {};
  for (const [k, v] of Object.entries(before?.properties ?? {})) {
    if (v !== null && v !== undefined && !OUTPUT_ONLY.includes(k)) properties[k] = v;
  }
  for (const f of FIELDS) {
    const raw = (values[f.name] ?? '').trim();
    delete properties[f.name];
    if (raw === '') continue;
    if (f.kind === 'year') properties[f.name] = Number(raw);
    else if (f.kind === 'boolean') properties[f.name] = raw === 'true';
    else properties[f.name] = raw;
  }
  let geometry = before?.geometry ?? null;
  if (footprint.kind !== 'keep') {
    const changed = before === null || footprintChanged(footprint, before);
    for (const k of FOOTPRINT_PROPERTIES) delete properties[k];
    properties.footprint_kind = footprint.kind;
    if (footprint.kind === 'codes') {
      properties.footprint_division = footprint.division;
      properties.footprint_codes = [...footprint.codes];
      geometry = null;  // the server derives it from the codes
    } else {
      geometry = { type: 'Point', coordinates: [footprint.point[0], footprint.point[1]] };
    }
    if (changed) properties.footprint_basis = MAP_BASIS;
  } else if (['codes', 'names'].includes(properties.footprint_kind)) {
    geometry = null;  // the GET geometry is the derived union of units: not input
  }
  const feature = { type: 'Feature', geometry, properties };
  if (before) {
    const id = before.properties?.id ?? before.id;
    feature.id = id;
    properties.id = id;
  }
  return feature;
}
