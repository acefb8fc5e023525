// Starts the real territorio binary on a free port against the fixture
// store, as the C++ tests' ServerProcess does: TERRITORIO_BIN and
// TERRITORIO_TEST_STORE come from ctest's environment.
import { spawn } from 'node:child_process';

export function requiredEnv(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} must be set (ctest sets it)`);
  return v;
}

export async function startServer({ bin = requiredEnv('TERRITORIO_BIN'), store = requiredEnv('TERRITORIO_TEST_STORE'), env = {} } = {}) {
  const child = spawn(bin, ['serve', '--store', store, '--port', '0', '--threads', '2'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      // "territorio serving http://127.0.0.1:PORT/ ..."
      const m = /territorio serving (http:\/\/[^/\s]+)\//.exec(out);
      if (m) { child.stdout.off('data', onData); resolve(m[1]); }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`territorio exited with ${code} before serving: ${out}`)));
  });
  child.stdout.resume();
  return {
    url: (path) => `${base}${path}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function fetchJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}
