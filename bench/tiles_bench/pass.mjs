// One pass over the tile list with CONNS keep-alive connections: every tile
// requested exactly once (the cold pass of a tiler that caches lazily; wrk
// cannot stop after one pass). Prints wall time, tiles/s, p50/p99 latency,
// the bytes received and the non-empty tiles; with SIZES=path, also writes
// "z/x/y bytes" per tile.
// Usage: node pass.mjs TILE_LIST URL_PREFIX [CONNS]   (URL_PREFIX + "z/x/y.mvt")
import {readFileSync, writeFileSync} from 'node:fs';
import http from 'node:http';

const [listPath, prefix, connsArg] = process.argv.slice(2);
const conns = +(connsArg ?? 8);
const tiles = readFileSync(listPath, 'utf8').trim().split('\n');
const agent = new http.Agent({keepAlive: true, maxSockets: conns});

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, {agent}, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200 && res.statusCode !== 204) reject(new Error(`${url}: HTTP ${res.statusCode}`));
        else resolve(Buffer.concat(chunks).length);
      });
    }).on('error', reject);
  });
}

const latencies = new Array(tiles.length);
const sizes = new Array(tiles.length);
let next = 0;
async function worker() {
  while (next < tiles.length) {
    const i = next++;
    const t = process.hrtime.bigint();
    sizes[i] = await get(`${prefix}${tiles[i]}.mvt`);
    latencies[i] = Number(process.hrtime.bigint() - t) / 1e6;
  }
}
const start = process.hrtime.bigint();
await Promise.all(Array.from({length: conns}, worker));
const wall = Number(process.hrtime.bigint() - start) / 1e9;
agent.destroy();
const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const bytes = sizes.reduce((a, b) => a + b, 0);
console.log(
    `tiles=${tiles.length} wall_s=${wall.toFixed(3)} tiles_per_s=${(tiles.length / wall).toFixed(0)} ` +
    `p50_ms=${pct(0.5).toFixed(2)} p99_ms=${pct(0.99).toFixed(2)} bytes=${bytes} ` +
    `mean_bytes=${(bytes / tiles.length).toFixed(0)} nonempty=${sizes.filter((s) => s > 0).length}`);
if (process.env.SIZES) writeFileSync(process.env.SIZES, tiles.map((t, i) => `${t} ${sizes[i]}`).join('\n') + '\n');
