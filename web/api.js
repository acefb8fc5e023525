// The HTTP API the page reads: URL builders and JSON fetches. Every URL is
// on this server (the page loads nothing from elsewhere).

// Filter parameters shared by /coverage, /stats, /tiles and
// /territories/{code}/initiatives, in the order the page shows them.
export const FILTERS = ['area', 'thematic_field', 'award', 'stage', 'year', 'institution_type', 'contest'];

// The plural collection/tile-layer name of a level.
export const LAYER_OF_LEVEL = { region: 'regions', province: 'provinces', commune: 'communes' };

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.append(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// The filter as query parameters: only the attributes that are set.
export function filterParams(filters) {
  const out = {};
  for (const name of FILTERS) if (filters[name]) out[name] = filters[name];
  return out;
}

// Throws an Error with the response's status and problem document (if any).
export async function getJson(url, signal) {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let problem = null;
    try { problem = await res.json(); } catch { /* not a problem document */ }
    const error = new Error(`${res.status} ${problem?.detail || res.statusText}`);
    error.status = res.status;
    error.problem = problem;
    throw error;
  }
  return res.json();
}

export function coverageUrl(state, format) {
  return `/coverage${query({ level: state.level, division: state.division, ...filterParams(state.filters), f: format })}`;
}

export function statsUrl(by, state) {
  return `/stats/initiatives${query({ by, division: state.division, ...filterParams(state.filters) })}`;
}

export function unitInitiativesUrl(code, state) {
  return `/territories/${encodeURIComponent(code)}/initiatives${query({ division: state.division, ...filterParams(state.filters) })}`;
}

// The report of a unit ("ficha") as PDF, with the page's division and filter.
export function reportUrl(code, state) {
  return `/territories/${encodeURIComponent(code)}/report.pdf${query({ division: state.division, ...filterParams(state.filters) })}`;
}

// What the neighbours of a unit did (initiatives around it, nearest first).
export function nearbyUrl(code, state, limit = 8) {
  return `/territories/${encodeURIComponent(code)}/nearby-initiatives${query({ division: state.division, limit, ...filterParams(state.filters) })}`;
}

// The communes with no initiative inside a region or province, largest population first.
export function gapsUrl(within, state) {
  return `/coverage${query({ level: 'commune', division: state.division, within, covered: 'false', sort: '-population', ...filterParams(state.filters) })}`;
}

export function searchUrl(q, division) {
  return `/territories${query({ q, division, limit: 8 })}`;
}

// Initiatives whose name, institution, description or the report's
// remarks hold the words of q (/initiatives?q=), best first.
export function initiativeSearchUrl(q) {
  return `/initiatives${query({ q, limit: 5 })}`;
}

// The printable practice sheet of one initiative.
export function initiativeSheetUrl(id) {
  return `/initiatives/${encodeURIComponent(id)}?f=html`;
}

// The OGC API Features collection of a level's units in a division
// ("provinces", "provinces-2007"); communes are the same in both divisions,
// so there is one collection of them ("communes").
export function unitCollection(level, division) {
  return division === '2007' && level !== 'commune' ? `${LAYER_OF_LEVEL[level]}-2007` : LAYER_OF_LEVEL[level];
}

// One unit's GeoJSON feature (its id is the CUT code).
export function unitFeatureUrl(level, code, division) {
  return `/collections/${unitCollection(level, division)}/items/${encodeURIComponent(code)}${query({ f: 'json' })}`;
}

// The units of a level inside a bounding box, with only the fields the export keeps.
export function unitsInBboxUrl(level, bbox, division) {
  const [w, s, e, n] = bbox;
  const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v)).toFixed(5);
  const box = [clamp(w, 180), clamp(s, 90), clamp(e, 180), clamp(n, 90)].join(',');
  return `/collections/${unitCollection(level, division)}/items${query({ bbox: box, limit: 1000, properties: 'code,name', f: 'json' })}`;
}

// The vector tiles of a level's boundaries, for MapLibre's `tiles` list:
// only code and name, since the figures come from /coverage (feature-state).
export function tileUrl(level, division) {
  return `${location.origin}/tiles/${LAYER_OF_LEVEL[level]}/{z}/{x}/{y}.mvt${query({ division, properties: 'code,name' })}`;
}
