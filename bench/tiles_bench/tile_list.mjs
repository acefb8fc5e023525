// The fixed tile list of bench/tiles_bench.sh, one "z/x/y" per line on stdout.
//   z 4-8: every tile of the communes' bounding box (TileJSON bounds: mainland and islands);
//   z 10, z 12: 500 distinct tiles each under random points that fall inside a commune;
//   z 14: 300 distinct tiles under random points inside Región Metropolitana (region 13).
// Points are drawn with a seeded PRNG and tested with the server's /locate, so
// the list depends only on the seed and the data.
// Usage: node tile_list.mjs BASE_URL [SEED]
const base = process.argv[2];
let seed = Number(process.argv[3] ?? 20240404) >>> 0;

// mulberry32: small, fast, and the same in every Node version.
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

async function json(path) {
  const res = await fetch(base + path);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

function tileOf(lon, lat, z) {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const s = Math.sin((lat * Math.PI) / 180);
  const y = Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

// Inside a commune polygon (not merely near one), optionally in one region.
async function inside(lon, lat, region) {
  const j = await json(`/locate?lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}`);
  if (!j.commune || !String(j.basis).startsWith('point_in')) return false;
  return !region || j.commune.code.startsWith(region);  // CUT: a commune code starts with its region's
}

// `count` distinct tiles at zoom z under random points in `box` that pass
// `inside`, in the order drawn.
async function landTiles(z, count, box, region) {
  const out = new Set();
  while (out.size < count) {
    const lon = box[0] + random() * (box[2] - box[0]);
    const lat = box[1] + random() * (box[3] - box[1]);
    if (!(await inside(lon, lat, region))) continue;
    const [x, y] = tileOf(lon, lat, z);
    out.add(`${z}/${x}/${y}`);
  }
  return [...out];
}

const tiles = [];
const [w, s, e, n] = (await json('/tiles/communes.json')).bounds;
for (let z = 4; z <= 8; ++z) {
  const [x0, y0] = tileOf(w, n, z);
  const [x1, y1] = tileOf(e, s, z);
  for (let y = y0; y <= y1; ++y) for (let x = x0; x <= x1; ++x) tiles.push(`${z}/${x}/${y}`);
}
// Land points are drawn in the mainland box: the islands are under 0.1 % of the land.
const mainland = [-76, -56, -66.4, -17.5];
tiles.push(...(await landTiles(10, 500, mainland)));
tiles.push(...(await landTiles(12, 500, mainland)));
tiles.push(...(await landTiles(14, 300, [-71.75, -34.3, -69.75, -32.9], '13')));
process.stdout.write(tiles.join('\n') + '\n');
