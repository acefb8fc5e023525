// The communes for the geojson-vt anchor: the server's items (f=json) with
// the properties our communes tiles carry, and the numeric code as feature id.
// Usage: node communes_geojson.mjs ITEMS.json > communes.geojson
import {readFileSync} from 'node:fs';

const items = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const features = items.features.map((f) => {
  const p = f.properties;
  const initiatives = p.initiatives + p.initiatives_enclosing;
  return {
    type: 'Feature',
    id: Number(p.code),
    geometry: f.geometry,
    properties: {
      code: p.code, name: p.name, province_code: p.province_code, region_code: p.region_code,
      population: p.population, initiatives,
      per_100k: p.population > 0 ? Math.round((initiatives * 100000 / p.population) * 1000) / 1000 : 0,
      covered: initiatives > 0,
    },
  };
});
process.stdout.write(JSON.stringify({type: 'FeatureCollection', features}));
