// Export of what is on screen: the coverage table as CSV (the server's
// /coverage?f=csv for the level, division and filters shown) and the units
// in view as GeoJSON (their geometry from OGC API Features, their figures
// from the coverage shown).
import { coverageUrl, filterParams, getJson, unitsInBboxUrl } from './api.js';

export function csvHref(state) { return coverageUrl(state, 'csv'); }

function codeOf(feature) {
  return String(feature.properties?.code ?? feature.id);
}

// units: the /coverage entries by code; codes: the codes drawn in view.
export async function visibleUnitsGeoJson(state, bbox, codes, units) {
  const page = await getJson(unitsInBboxUrl(state.level, bbox, state.division));
  const features = page.features
    .filter((f) => codes.has(codeOf(f)))
    .map((f) => {
      const u = units.get(codeOf(f));
      return {
        type: 'Feature',
        id: codeOf(f),
        geometry: f.geometry,
        properties: {
          code: codeOf(f),
          name: u?.name ?? f.properties?.name,
          level: state.level,
          division: state.division,
          population: u?.population ?? null,
          initiatives: u?.total ?? null,
          acting_in: u?.acting_in.length ?? null,
          acting_on_enclosing: u?.acting_on_enclosing.length ?? null,
          per_100k: u?.per_100k ?? null,
          covered: u?.covered ?? null,
        },
      };
    });
  return {
    type: 'FeatureCollection',
    filter: filterParams(state.filters),
    features,
  };
}

export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
