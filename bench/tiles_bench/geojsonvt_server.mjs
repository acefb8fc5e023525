// geojson-vt + vt-pbf anchor of bench/tiles_bench.sh: /z/x/y.mvt from the
// communes GeoJSON, layer "communes", extent 4096, buffer 64 (as ours).
// geojson-vt tiles lazily: the first request of a tile splits it (cold);
// the encoded tile is then kept in a Map (warm).
// Usage: node geojsonvt_server.mjs COMMUNES.geojson PORT
// Prints "parse ms=<JSON.parse> index ms=<index build> features=<n>" then "listening <port>".
import {readFileSync} from 'node:fs';
import http from 'node:http';
import geojsonvt from 'geojson-vt';
import vtpbf from 'vt-pbf';

const [path, port] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const data = JSON.parse(readFileSync(path, 'utf8'));
const t1 = process.hrtime.bigint();
const index = new geojsonvt(data, {maxZoom: 14, indexMaxZoom: 5, extent: 4096, buffer: 64});
const t2 = process.hrtime.bigint();
const ms = (a, b) => (Number(b - a) / 1e6).toFixed(0);
console.log(`parse ms=${ms(t0, t1)} index ms=${ms(t1, t2)} features=${data.features.length}`);

const empty = Buffer.alloc(0);
const cache = new Map();
const server = http.createServer((req, res) => {
  const m = /^\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(req.url);
  if (!m) {
    res.writeHead(404).end();
    return;
  }
  let body = cache.get(req.url);
  if (!body) {
    const tile = index.getTile(+m[1], +m[2], +m[3]);
    body = tile ? Buffer.from(vtpbf.fromGeojsonVt({communes: tile}, {version: 2, extent: 4096})) : empty;
    cache.set(req.url, body);
  }
  res.writeHead(200, {'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Length': body.length});
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(+port, '127.0.0.1', () => console.log(`listening ${port}`));
