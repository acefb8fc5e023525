// PostGIS anchor of bench/tiles_bench.sh: /z/x/y.mvt answered by the SQL
// function communes_tile(z, x, y) (ST_AsMVT over precomputed Web Mercator
// geometries, see tiles_bench.sh) through a pool of 8 connections.
// Nothing is cached: every request runs the query.
// Usage: node postgis_server.mjs PGHOST PGPORT PORT
import http from 'node:http';
import pg from 'pg';

const [host, pgPort, port] = process.argv.slice(2);
const pool = new pg.Pool({host, port: +pgPort, user: 'postgres', database: 'postgres', max: 8});
// A named statement is prepared once per connection and reused. node-postgres
// reads results as text only (bytea in hex, decoded by its own parser).
const query = {name: 'tile', text: 'SELECT communes_tile($1, $2, $3) AS mvt'};

const server = http.createServer(async (req, res) => {
  const m = /^\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(req.url);
  if (!m) {
    res.writeHead(404).end();
    return;
  }
  try {
    const r = await pool.query({...query, values: [+m[1], +m[2], +m[3]], rowMode: 'array'});
    const body = r.rows[0][0] ?? Buffer.alloc(0);
    res.writeHead(200, {'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Length': body.length});
    res.end(body);
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
});
server.keepAliveTimeout = 60000;
server.listen(+port, '127.0.0.1', () => console.log(`listening ${port}`));
