// "Copiar enlace" and "Abrir en QGIS": the link of the current view (its
// URL holds the whole state, url-state.js), and for a GIS the addresses of
// what is on screen: the units of the level in view and the initiatives the
// filters select, as OGC API - Features items (the filters as CQL2 text),
// and the level's vector tiles (TileJSON, and the XYZ template QGIS's
// generic connection takes) with the figures under the same filters.
import { FILTERS, LAYER_OF_LEVEL, filterParams, unitCollection } from './api.js';
import { t, translateDocument } from './i18n.js';

// Enough for every unit of a level (346 communes) in one page; the
// initiatives' items carry next links beyond it.
const PAGE_LIMIT = 1000;
const BBOX_DIGITS = 5;

// A CQL2 text literal: single quotes, doubled inside.
const literal = (s) => `'${String(s).replaceAll("'", "''")}'`;

// A text expression without case and accents (CQL2's CASEI and ACCENTI).
const folded = (expr) => `CASEI(ACCENTI(${expr}))`;

// The values of a filter parameter: comma-separated, any of.
const valuesOf = (text) => String(text).split(',').map((v) => v.trim()).filter(Boolean);

// `year` as the filter parameter writes it: YYYY, YYYY/YYYY, YYYY/.., ../YYYY.
function yearCondition(text) {
  const [from, to] = text.includes('/') ? text.split('/') : [text, text];
  const a = /^\d{4}$/.test(from) ? Number(from) : null;
  const b = /^\d{4}$/.test(to) ? Number(to) : null;
  if (a !== null && a === b) return `year = ${a}`;
  if (a !== null && b !== null) return `year BETWEEN ${a} AND ${b}`;
  if (a !== null) return `year >= ${a}`;
  if (b !== null) return `year <= ${b}`;
  return null;
}

// The CQL2 text (cql2-text) that selects on /collections/initiatives what
// the filter parameters select on /coverage and /tiles: each parameter one
// condition (any of its values), all of them together. '' for no filter.
// /coverage ignores case and accents in a value and CQL2's "=" does not, so
// text is compared through CASEI(ACCENTI(...)) on both sides.
export function cql2Text(filters) {
  const parts = [];
  for (const name of FILTERS) {
    const raw = filters[name];
    if (!raw) continue;
    if (name === 'year') {
      const c = yearCondition(raw);
      if (c) parts.push(c);
      continue;
    }
    const values = valuesOf(raw);
    if (values.length === 1) parts.push(`${folded(name)} = ${folded(literal(values[0]))}`);
    else if (values.length > 1) parts.push(`${folded(name)} IN (${values.map((v) => folded(literal(v))).join(', ')})`);
  }
  return parts.join(' AND ');
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  // Commas and parentheses need no escape in a query and keep a bbox and a
  // filter readable; a space is written %20, as the server's own TileJSON
  // writes it ('+' is %2B here).
  return q.toString().replace(/%2C/gi, ',').replace(/%28/g, '(').replace(/%29/g, ')').replace(/\+/g, '%20');
}

function bboxText(bbox) {
  const [w, s, e, n] = bbox;
  const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v)).toFixed(BBOX_DIGITS);
  return [clamp(w, 180), clamp(s, 90), clamp(e, 180), clamp(n, 90)].join(',');
}

// The addresses for a GIS of what the map shows: state (level, division,
// filters), bbox [w, s, e, n] of the view, origin of this server.
export function gisUrls(state, bbox, origin) {
  const box = bboxText(bbox);
  const filter = cql2Text(state.filters);
  const layer = LAYER_OF_LEVEL[state.level];
  const tileQuery = query({ division: state.division, ...filterParams(state.filters) });
  return {
    service: `${origin}/`,
    units: `${origin}/collections/${unitCollection(state.level, state.division)}/items?${query({ bbox: box, limit: PAGE_LIMIT, f: 'json' })}`,
    initiatives: `${origin}/collections/initiatives/items?${query({
      filter, 'filter-lang': filter ? 'cql2-text' : '', bbox: box, limit: PAGE_LIMIT, f: 'json',
    })}`,
    tilejson: `${origin}/tiles/${layer}.json?${tileQuery}`,
    tiles: `${origin}/tiles/${layer}/{z}/{x}/{y}.mvt?${tileQuery}`,
  };
}

// The rows of "Abrir en QGIS": which address, its label and its hint.
const GIS_ROWS = [
  { key: 'units', label: 'share.gis.units', hint: 'share.gis.features_hint' },
  { key: 'initiatives', label: 'share.gis.initiatives', hint: 'share.gis.features_hint' },
  { key: 'tilejson', label: 'share.gis.tilejson', hint: 'share.gis.tilejson_hint' },
  { key: 'tiles', label: 'share.gis.tiles', hint: 'share.gis.tiles_hint' },
];

function el(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'i18n') e.dataset.i18n = v;
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

// Copies text; where the clipboard API is refused (an old browser, a
// frame without the permission), selects it in `input` for the user.
async function copy(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input.value = text;
    input.hidden = false;
    input.select();
    return document.execCommand?.('copy') ?? false;
  }
}

export class ShareControls {
  // root: the section to fill; view(): { state, bbox } of what is on screen.
  constructor(root, { view }) {
    this.view = view;
    this.linkStatus = el('p', { id: 'share-status', className: 'share-status', role: 'status' });
    this.linkInput = el('input', { id: 'share-link', type: 'text', readOnly: true, hidden: true, 'aria-label': 'URL' });
    const copyLink = el('button', { id: 'share-copy', type: 'button', className: 'button', i18n: 'share.copy' });
    this.gisToggle = el('button', {
      id: 'share-gis', type: 'button', className: 'button', i18n: 'share.gis', 'aria-expanded': 'false', 'aria-controls': 'share-gis-panel',
    });
    this.inputs = {};
    const rows = GIS_ROWS.map(({ key, label, hint }) => {
      const id = `share-gis-${key}`;
      const input = el('input', { id, type: 'text', readOnly: true, spellcheck: false });
      input.addEventListener('focus', () => input.select());
      this.inputs[key] = input;
      const status = el('span', { className: 'copied', role: 'status' });
      const button = el('button', { type: 'button', className: 'button', i18n: 'share.copy_url', 'aria-describedby': id });
      button.addEventListener('click', async () => {
        status.textContent = (await copy(input.value, input)) ? t('share.copied_url') : t('share.copy_by_hand');
      });
      return el('div', { className: 'gis-row' }, [
        el('label', { htmlFor: id, i18n: label }),
        el('div', { className: 'copy-line' }, [input, button, status]),
        el('p', { className: 'hint', i18n: hint }),
      ]);
    });
    this.gisPanel = el('div', { id: 'share-gis-panel', className: 'gis', hidden: true }, rows);
    root.append(el('div', { className: 'share-buttons' }, [copyLink, this.gisToggle]), this.linkStatus, this.linkInput, this.gisPanel);
    translateDocument(root);

    copyLink.addEventListener('click', async () => {
      const ok = await copy(window.location.href, this.linkInput);
      this.linkStatus.textContent = ok ? t('share.copied') : t('share.copy_by_hand');
      this.linkStatus.dataset.copied = window.location.href;
    });
    this.gisToggle.addEventListener('click', () => {
      const open = this.gisPanel.hidden;
      this.gisPanel.hidden = !open;
      this.gisToggle.setAttribute('aria-expanded', String(open));
      if (open) this.refresh();
    });
    // The addresses follow the view while they are shown.
    // The addresses follow the view while they are shown; a confirmation
    // stays until the view changes (the copied link is then another's).
    window.addEventListener('territorio:url', (e) => {
      if (!this.gisPanel.hidden) this.refresh();
      if (this.linkStatus.dataset.copied && this.linkStatus.dataset.copied !== e.detail.url) {
        this.linkStatus.textContent = '';
        delete this.linkStatus.dataset.copied;
      }
    });
  }

  refresh() {
    const { state, bbox } = this.view();
    const urls = gisUrls(state, bbox, window.location.origin);
    for (const { key } of GIS_ROWS) this.inputs[key].value = urls[key];
    for (const s of this.gisPanel.querySelectorAll('.copied')) s.textContent = '';
  }
}
