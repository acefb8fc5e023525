// The page's state in its URL's query: one declaration per parameter (how
// its text reads, how it is written, its default) in PARAMS, so adding one
// (the editions compared, compare=) is one line there. A value that does
// not read keeps the default: a mistyped, truncated or old link still opens
// a map. The URL is rewritten with history.replaceState (a change of view
// is not a step back), and each write is announced as `territorio:url`.
import { FILTERS, LAYER_OF_LEVEL } from './api.js';
import { COMPARE_METRICS, COMPARE_PARAM } from './compare.js';
import { LANGUAGES } from './i18n.js';

export const LEVELS = Object.keys(LAYER_OF_LEVEL);
export const DIVISIONS = ['2018', '2007'];
export const METRICS = ['total', 'per_100k', 'covered', 'nearest_initiative_km'];
// The CUT code of a unit has 2 (region), 3 (province) or 5 (commune) digits.
const CODE_LENGTH = { region: 2, province: 3, commune: 5 };
// The map's zoom range (coverage-map.js) and the written precision of a
// view: 5 decimals of a degree are about a metre.
const MAX_ZOOM = 14;
const LON_LAT_DIGITS = 5;
const ZOOM_DIGITS = 2;
const MAX_TEXT = 200;

const round = (v, digits) => Number(v.toFixed(digits));
const DECIMAL = /^-?\d{1,3}(\.\d{1,12})?$/;

// The kinds of value: read(text) gives the value, or undefined when the
// text is not one; write(value) gives the text.
const oneOf = (values) => ({ read: (s) => (values.includes(s) ? s : undefined), write: String });
const TEXT = {
  // Any text a filter may hold (the server says later whether it knows it).
  read: (s) => (s.length > 0 && s.length <= MAX_TEXT && !/[\u0000-\u001f\u007f]/.test(s) ? s : undefined),
  write: String,
};
// YYYY, YYYY/YYYY, YYYY/.. or ../YYYY, as the filter parameter `year`.
const YEAR = { read: (s) => (/^(\d{4}(\/(\d{4}|\.\.))?|\.\.\/\d{4})$/.test(s) ? s : undefined), write: String };
const CODE = { read: (s) => (/^(\d{2}|\d{3}|\d{5})$/.test(s) ? s : undefined), write: String };
const LON_LAT = {
  read: (s) => {
    const parts = s.split(',');
    if (parts.length !== 2 || !parts.every((p) => DECIMAL.test(p))) return undefined;
    const [lon, lat] = parts.map(Number);
    return Math.abs(lon) <= 180 && Math.abs(lat) <= 85 ? [lon, lat] : undefined;
  },
  write: ([lon, lat]) => `${round(lon, LON_LAT_DIGITS)},${round(lat, LON_LAT_DIGITS)}`,
};
const ZOOM = {
  read: (s) => (DECIMAL.test(s) && Number(s) >= 0 && Number(s) <= MAX_ZOOM ? Number(s) : undefined),
  write: (z) => String(round(z, ZOOM_DIGITS)),
};
const FLAG = { read: (s) => (s === '1' || s === 'true' ? true : undefined), write: () => '1' };

// name: the query parameter; at: where it lives in the state; fallback: the
// default; always: written even when it is the default (a shared link says
// what it shows even if the defaults change).
const param = (name, kind, fallback, { at = name, always = false } = {}) => ({ name, kind, fallback, at, always });

export const PARAMS = [
  param('level', oneOf(LEVELS), 'region', { always: true }),
  param('division', oneOf(DIVISIONS), '2018', { always: true }),
  param('metric', oneOf(METRICS), 'total', { always: true }),
  ...FILTERS.map((f) => param(f, f === 'year' ? YEAR : TEXT, null, { at: `filters.${f}` })),
  param('compare', COMPARE_PARAM, null),
  param('compare_metric', oneOf(COMPARE_METRICS), 'change'),
  param('unit', CODE, null),
  param('center', LON_LAT, null),
  param('zoom', ZOOM, null),
  param('lang', oneOf(LANGUAGES), 'es'),
  param('embed', FLAG, false),
];

function get(state, at) {
  const [head, key] = at.split('.');
  return key === undefined ? state[head] : state[head]?.[key];
}

function set(state, at, value) {
  const [head, key] = at.split('.');
  if (key === undefined) state[head] = value;
  else if (value === null) delete state[head][key];
  else state[head][key] = value;
}

// The rules between parameters: the unit is one of the level shown; a view
// is a centre and a zoom together.
function coherent(state) {
  if (state.unit !== null && state.unit.length !== CODE_LENGTH[state.level]) state.unit = null;
  if ((state.center === null) !== (state.zoom === null)) {
    state.center = null;
    state.zoom = null;
  }
  return state;
}

export function defaultState() {
  const state = { filters: {} };
  for (const p of PARAMS) set(state, p.at, p.fallback);
  return state;
}

// The state of URLSearchParams (or of its text); unknown names are ignored.
export function parseState(params) {
  const q = params instanceof URLSearchParams ? params : new URLSearchParams(params);
  const state = defaultState();
  for (const p of PARAMS) {
    const text = q.get(p.name);
    const value = text === null ? undefined : p.kind.read(text);
    if (value !== undefined) set(state, p.at, value);
  }
  return coherent(state);
}

// The query text of a state (no leading "?"), in PARAMS order; defaults are
// left out unless declared `always`. Options override state fields (e.g.
// { embed: false } for the full map's link).
export function serialiseState(state, overrides = {}) {
  const s = coherent({ ...state, filters: { ...state.filters }, ...overrides });
  const q = new URLSearchParams();
  for (const p of PARAMS) {
    const value = get(s, p.at);
    if (value === null || value === undefined) continue;
    if (!p.always && JSON.stringify(value) === JSON.stringify(p.fallback)) continue;
    if (p.kind.read(p.kind.write(value)) === undefined) continue;  // never write what would not read back
    q.set(p.name, p.kind.write(value));
  }
  // A comma needs no escape in a query: "center=-70.6,-33.4" reads better.
  return q.toString().replace(/%2C/gi, ',');
}

// The view as the URL keeps it (rounded), so the state holds what a link
// gives back exactly.
export function roundedView(center, zoom) {
  return { center: LON_LAT.read(LON_LAT.write(center)), zoom: ZOOM.read(ZOOM.write(zoom)) };
}

// The state of this page's URL. Links from before the state moved to the
// query kept it in the fragment (#level=...): read there too, the query winning.
export function stateFromLocation(loc = window.location) {
  const q = new URLSearchParams(loc.hash.slice(1));
  for (const [k, v] of new URLSearchParams(loc.search)) q.set(k, v);
  return parseState(q);
}

// The address of the map in a state (absolute, from the page's own).
export function mapUrl(state, overrides = {}, loc = window.location) {
  const query = serialiseState(state, overrides);
  return `${loc.origin}${loc.pathname}${query ? `?${query}` : ''}`;
}

// Rewrites the page's URL for the state (no history entry).
export function writeUrl(state) {
  const url = mapUrl(state);
  if (url !== window.location.href) history.replaceState(history.state, '', url);
  window.dispatchEvent(new CustomEvent('territorio:url', { detail: { state, url } }));
}
