// Validates a MapLibre style document (file path argument) with the style
// specification's own validator, from the copy web/ ships with maplibre-gl;
// exit code 0 only when it reports no error.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const spec = await import(join(here, '../../web/node_modules/@maplibre/maplibre-gl-style-spec/dist/index.mjs'));
const errors = spec.validateStyleMin(JSON.parse(readFileSync(process.argv[2], 'utf8')));
if (errors.length) {
  for (const e of errors) console.error('invalid: ' + e.message);
  process.exit(1);
}
console.log('valid MapLibre style');
