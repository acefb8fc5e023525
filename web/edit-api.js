// The write API of initiatives as the editor uses it: the record with its
// entity tag, POST/PUT/DELETE with the bearer token and If-Match, and the
// record's history. A failed write throws a WriteError carrying the status,
// the problem document and Retry-After (web/edit-errors.js words them).
export const ITEMS_URL = '/collections/initiatives/items';

export function itemUrl(id) { return `${ITEMS_URL}/${encodeURIComponent(id)}`; }
export function historyUrl(id) { return `${itemUrl(id)}/history`; }

export class WriteError extends Error {
  constructor(status, problem = null, retryAfter = null) {
    super(`${status} ${problem?.detail ?? problem?.title ?? ''}`.trim());
    this.name = 'WriteError';
    this.status = status;  // 0: no answer
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

async function send(url, init) {
  let res;
  try {
    res = await fetch(url, { cache: 'no-store', ...init });
  } catch {
    throw new WriteError(0);
  }
  if (!res.ok) {
    let problem = null;
    try { problem = await res.json(); } catch { /* not a problem document */ }
    throw new WriteError(res.status, problem, res.headers.get('Retry-After'));
  }
  return res;
}

const FEATURE = 'application/geo+json, application/problem+json';

// { feature, etag } of one initiative as stored now.
export async function readItem(id) {
  const res = await send(itemUrl(id), { headers: { Accept: FEATURE } });
  return { feature: await res.json(), etag: res.headers.get('ETag') };
}

export async function readHistory(id) {
  const res = await send(historyUrl(id), { headers: { Accept: 'application/json' } });
  return res.json();
}

function writeHeaders(token, etag, withBody) {
  const h = { Accept: FEATURE, Authorization: `Bearer ${token}` };
  if (etag) h['If-Match'] = etag;
  if (withBody) h['Content-Type'] = 'application/geo+json';
  return h;
}

// POST a new initiative: { feature, etag } as stored (the id the server chose).
export async function createItem(token, feature) {
  const res = await send(ITEMS_URL, { method: 'POST', headers: writeHeaders(token, null, true), body: JSON.stringify(feature) });
  return { feature: await res.json(), etag: res.headers.get('ETag') };
}

// PUT a whole initiative over the version tagged `etag`.
export async function replaceItem(token, id, etag, feature) {
  const res = await send(itemUrl(id), { method: 'PUT', headers: writeHeaders(token, etag, true), body: JSON.stringify(feature) });
  return { feature: await res.json(), etag: res.headers.get('ETag') };
}

// DELETE the version tagged `etag`.
export async function deleteItem(token, id, etag) {
  await send(itemUrl(id), { method: 'DELETE', headers: writeHeaders(token, etag, false) });
}
