// Saves every tile of the list as the server sends it, for bench/ceiling.sh:
// DIR/z/x/y.mvt holds the body (what the bare Pistache anchor serves, and
// what two binaries must agree on byte for byte) and DIR/z/x/y.head the
// status line and header fields, one per line, with Date left out (it
// changes every second) and the ETag's hash masked (it hashes the process's
// start, so two processes never share it; its form and generation stay).
// Usage: node fetch_tiles.mjs TILE_LIST URL_PREFIX DIR   (URL_PREFIX + "z/x/y.mvt")
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import {dirname, join} from 'node:path';

const [listPath, prefix, dir] = process.argv.slice(2);
const tiles = readFileSync(listPath, 'utf8').trim().split('\n');
const agent = new http.Agent({keepAlive: true, maxSockets: 2});

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, {agent}, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({res, body: Buffer.concat(chunks)}));
    }).on('error', reject);
  });
}

let bytes = 0;
for (const tile of tiles) {
  const {res, body} = await get(`${prefix}${tile}.mvt`);
  if (res.statusCode !== 200) throw new Error(`${prefix}${tile}.mvt: HTTP ${res.statusCode}`);
  const head = [`${res.statusCode} ${res.statusMessage}`];
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    const [name, value] = [res.rawHeaders[i], res.rawHeaders[i + 1]];
    if (name.toLowerCase() === 'date') continue;
    head.push(`${name}: ${name.toLowerCase() === 'etag' ? value.replace(/-[0-9a-f]{16}"$/, '-<hash>"') : value}`);
  }
  const path = join(dir, `${tile}.mvt`);
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, body);
  writeFileSync(join(dir, `${tile}.head`), head.join('\n') + '\n');
  bytes += body.length;
}
agent.destroy();
console.log(`tiles=${tiles.length} bytes=${bytes}`);
